// Quick fixes: the fixes each finding already carries, offered where the cursor/selection touches the finding; and
// "fix all", which applies every preferred fix of a document at once (the editor's source.fixAll, `lint --fix`).
// Pure: the language server converts these to LSP CodeActions.
import { analyze } from './index';
import type { DocumentKind, Finding, Fix, Span, TextEdit } from './types';

export interface QuickFix {
  title: string;
  isPreferred: boolean;
  edits: Fix['edits'];
  /** The finding it fixes (the server attaches the matching diagnostic). */
  finding: Finding;
}

/** True when two spans overlap or touch (a cursor at either end of a finding counts). */
function touches(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Whether a finding's fix is its preferred one: marked so, or the finding's only fix unless it says otherwise. */
function isPreferredFix(fix: Fix, finding: Finding): boolean {
  return fix.isPreferred ?? finding.fixes!.length === 1;
}

/** The quick fixes for every finding that touches `range`, in finding order. A lone fix is preferred unless it says otherwise. */
export function quickFixes(findings: readonly Finding[], range: Span): QuickFix[] {
  const result: QuickFix[] = [];
  for (const finding of findings) {
    if (!finding.fixes?.length || !touches(finding.span, range)) continue;
    for (const fix of finding.fixes) {
      result.push({
        title: fix.title,
        isPreferred: isPreferredFix(fix, finding),
        edits: fix.edits,
        finding,
      });
    }
  }
  return result;
}

/**
 * The fix "fix all" applies for a finding: its preferred one, unless that picks a value among several ways out
 * (Fix.choice). Findings with several fixes and none preferred are the user's to choose as well.
 */
function automaticFix(finding: Finding): Fix | undefined {
  const fix = finding.fixes?.find((f) => isPreferredFix(f, finding));
  return fix && !fix.choice && fix.edits.length > 0 ? fix : undefined;
}

/** How many findings "fix all" would fix. */
export function fixableCount(findings: readonly Finding[]): number {
  let n = 0;
  for (const f of findings) if (automaticFix(f)) n++;
  return n;
}

/** Most rounds of "fix all": a fix can reveal another (a renamed member then gets its value checked), as in ESLint. */
const MAX_FIX_ROUNDS = 10;

/**
 * Characters (UTF-16 units) "fix all" analyses over its rounds before it stops: after the first round, another runs
 * only within this budget. A round analyses the whole text and fixes at most MAX_FINDINGS findings, so rounds on a
 * huge document fix little each (500,000 duplicate parameters, 2 MB: 10 rounds took 4 s and 600 MB); running
 * "fix all" again goes on where it stopped.
 */
export const FIX_ALL_CHARACTER_BUDGET = 1_000_000;

export interface FixAllResult {
  /** The document with the fixes applied (the same string when there was nothing to fix). */
  text: string;
  /** How many fixes were applied, over all rounds. */
  applied: number;
}

/**
 * Applies the automatic fix of every finding (automaticFix), then analyses the result again and repeats (at most MAX_FIX_ROUNDS
 * rounds) while fixes apply. In a round, a fix whose edits overlap or touch an edit already taken waits for the next
 * round, when its finding is worked out again on the changed text. Stops when a round would bring back an earlier
 * text (two fixes undoing each other), or when the next round would exceed FIX_ALL_CHARACTER_BUDGET. `shouldStop` is
 * asked between rounds (cancellation).
 */
export function fixAll(text: string, kind: DocumentKind, shouldStop: () => boolean = () => false): FixAllResult {
  const rounds = fixAllRounds(text, kind);
  for (let step = rounds.next(); ; step = rounds.next()) if (step.done || shouldStop()) return step.value;
}

/**
 * fixAll one round at a time: yields the result so far before each round, so that a caller may stop there (a
 * language server yields to its event loop to read a cancellation); returns the final result.
 */
export function* fixAllRounds(text: string, kind: DocumentKind): Generator<FixAllResult, FixAllResult> {
  let applied = 0;
  const seen = new Set<string>([text]);
  let analysed = 0;
  for (let round = 0; round < MAX_FIX_ROUNDS && (round === 0 || analysed + text.length <= FIX_ALL_CHARACTER_BUDGET); round++) {
    yield { text, applied };
    analysed += text.length;
    const edits: TextEdit[] = [];
    let taken = 0;
    for (const finding of analyze(text, kind).findings) {
      const fix = automaticFix(finding);
      if (!fix || fix.edits.some((e) => edits.some((t) => touches(e.span, t.span)))) continue;
      edits.push(...fix.edits);
      taken++;
    }
    if (taken === 0) break;
    const next = applyEdits(text, edits);
    if (seen.has(next)) break;
    seen.add(next);
    text = next;
    applied += taken;
  }
  return { text, applied };
}

/** `text` with non-overlapping edits applied (spans refer to `text`). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

/** The one edit that turns `before` into `after`: the changed middle, between their common start and end. */
export function replacementEdit(before: string, after: string): TextEdit {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never between the two halves of a surrogate pair (an emoji): editors widen such a range to whole characters.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { span: { start, end: before.length - end }, newText: after.slice(start, after.length - end) };
}

/**
 * Lines that the edit of "fix all" may replace in place. VS Code handles an edit that replaces N lines by N lines as
 * N changed lines, and updates every CodeLens of the editor for each (one lens per request): the fixes of a
 * 10,000-request file, over 5,000 lines, took it 23 s. A wider change is given as lines inserted and lines deleted
 * (fixAllEdits), which it handles as two events however many lines (under 1 s).
 */
export const FIX_ALL_LINES_IN_PLACE = 100;

/**
 * The edits of "fix all" that turn `before` into `after` (none if they are the same). Mostly the one replacement of
 * the changed middle, which VS Code narrows down to the fixes when it is under 100,000 characters (so the cursor and
 * markers around them stay). When that would replace more than FIX_ALL_LINES_IN_PLACE lines by as many: an unchanged
 * line break next to the changed lines stays, the new lines are inserted on one side of it and the old ones deleted
 * on the other. The break keeps the two edits apart: VS Code merges edits that touch, back into the one replacement
 * (both in vscode/src/vs/editor/common/services/editorSimpleWorker.ts, computeMoreMinimalEdits). Edit boundaries are
 * at line breaks or at the changed middle, so never inside a surrogate pair or a CRLF. Falls back to the one
 * replacement when no line break next to the changed lines is left unchanged.
 */
export function fixAllEdits(before: string, after: string): TextEdit[] {
  const middle = replacementEdit(before, after);
  const { start, end } = middle.span;
  if (start === end && middle.newText === '') return [];
  if (Math.min(count(before.slice(start, end), '\n'), count(middle.newText, '\n')) <= FIX_ALL_LINES_IN_PLACE) return [middle];
  const delta = after.length - before.length;
  // The line break before the first changed line: new lines before it (all but the last), old ones after it.
  // At 0 the first line starts there, even when the document starts with a line break (lastIndexOf(…, -1) finds it).
  const lineStart = start === 0 ? 0 : before.lastIndexOf('\n', start - 1) + 1;
  const breakBefore = lineBreakEndingAt(before, lineStart);
  if (breakBefore) {
    const next = before.indexOf('\n', end);
    const linesEnd = next < 0 ? before.length : next + 1;
    const lines = after.slice(lineStart, linesEnd + delta);
    const lastStart = lines.lastIndexOf('\n') + 1;
    const last = lineBreakEndingAt(lines, lastStart);
    if (last?.text === breakBefore.text) {
      return [
        { span: { start: breakBefore.start, end: breakBefore.start }, newText: breakBefore.text + lines.slice(0, last.start) },
        { span: { start: lineStart, end: linesEnd }, newText: lines.slice(lastStart) },
      ];
    }
  }
  // The first changed line is the document's first: the line break after the last changed line instead, old lines
  // before it (all but the first replaced by the first new line), new ones after it.
  const next = before.indexOf('\n', end);
  const breakAfter = next < 0 ? undefined : lineBreakEndingAt(before, next + 1);
  if (breakAfter && breakAfter.start >= end) {
    const lines = after.slice(lineStart, breakAfter.start + delta);
    const firstEnd = lines.indexOf('\n') + 1;
    const first = firstEnd > 0 ? lineBreakEndingAt(lines, firstEnd) : undefined;
    if (first && first.text === breakAfter.text) {
      return [
        { span: { start: lineStart, end: breakAfter.start }, newText: lines.slice(0, first.start) },
        { span: { start: next + 1, end: next + 1 }, newText: lines.slice(firstEnd) + breakAfter.text },
      ];
    }
  }
  return [middle];
}

/** The line break (LF or CRLF) that ends just before `offset`, if one does. */
function lineBreakEndingAt(text: string, offset: number): { start: number; text: string } | undefined {
  if (offset < 1 || text[offset - 1] !== '\n') return undefined;
  return offset >= 2 && text[offset - 2] === '\r' ? { start: offset - 2, text: '\r\n' } : { start: offset - 1, text: '\n' };
}

/** How many times `char` occurs in `text`. */
function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
