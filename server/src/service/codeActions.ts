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

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
