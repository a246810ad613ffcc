// The pure language service entry point: `analyze(text, kind)` parses a document (Query URLs / form bodies,
// or AWS CLI input JSON/YAML), checks every request against the service model and the semantic rules, and
// returns the requests (with SDK-shaped inputs) and the findings. No LSP or VS Code imports here.
import { serviceModel } from '../model/generated/serviceModel';
import { operationModel } from '../model/operations';
import { byteOrderMarkFinding, parseJsonDocument, parseYamlDocument } from './documentParsers';
import { reportEmptyValues } from './emptyValues';
import { forEachQueryRequest, hideSecretPieceCharacters, isPlaceholder, PLACEHOLDER_CODE, placeholderFinding, type RawQueryRequest } from './queryParser';
import { checkQueryProtocol, clusterModeRewriteFix, hostRegion, SLOT, splitQueryParams } from './queryRules';
import { checkCreateCacheCluster, checkCreateReplicationGroup, checkDocumentedRanges, checkMemberValues, checkServerlessCache, issueMessage } from './rules';
import { checkStructure, formatPathIn, locate, pathKey, queryParamsToEntries, renderValue, type CheckContext } from './shapeCheck';
import { suggest } from './text';
import type { Analysis, DocumentKind, Entry, Finding, Issue, MemberPath, ParsedRequest, QueryParam, Severity, Span, ValueNode } from './types';
import { MISSING_ACTION_ERROR } from '../model/facts';
import { missingActionProblem } from './validators';

export * from './types';
export { checkCreateCacheCluster, checkCreateReplicationGroup, checkDocumentedRanges, issueMessage, type RuleOptions } from './rules';
export * from './validators';
export { parseQueryDocument, decodeComponent, isPlaceholder } from './queryParser';
export { suggest } from './text';

/** The action a CLI input file is for (`aws elasticache create-cache-cluster --cli-input-json|yaml`). */
export const CLI_INPUT_ACTION = 'CreateCacheCluster';

const OPERATION_NAMES = Object.keys(serviceModel.operations);

/**
 * Largest YAML CLI input analysed. A create-cache-cluster input is a few KB; the `yaml` library takes about a
 * microsecond per byte, so a multi-megabyte file would hold up the server on every edit.
 */
export const MAX_YAML_CHARS = 256 * 1024;

/** Upper bound on findings per document, so a pathological file cannot flood the editor. */
export const MAX_FINDINGS = 1000;

/** How a request file's name ends, and the kind of document it holds. */
export const REQUEST_FILE_SUFFIXES: readonly (readonly [suffix: string, kind: DocumentKind])[] = [
  ['.elasticache', 'query'],
  ['.elasticache.json', 'json'],
  ['.elasticache.yaml', 'yaml'],
  ['.elasticache.yml', 'yaml'],
];

/** `.elasticache` → query, `*.elasticache.json` → json, `*.elasticache.yaml|yml` → yaml (REQUEST_FILE_SUFFIXES). */
export function documentKindForPath(path: string): DocumentKind | undefined {
  const p = path.toLowerCase();
  for (const [suffix, kind] of REQUEST_FILE_SUFFIXES) if (p.endsWith(suffix)) return kind;
  return undefined;
}

/** What made DocumentFacts.focus's newest place: an edit, or Create refusing the request there (the extension's elasticache/focus). */
export type FocusReason = 'edits' | 'createRefused';

/** What an editor knows of a document beyond its text. */
export interface DocumentFacts {
  /**
   * The file on disk starts with a UTF-8 byte order mark that the editor took out of the text (VS Code and Neovim do):
   * for a JSON input file the AWS CLI's error all the same, at the start of the text.
   */
  savedWithByteOrderMark?: boolean;
  /**
   * The ranges of the most recent edits, in this text (the places of the last few). The requests on the lines
   * around each (FOCUS_LINES) are checked in full and their findings listed beyond the MAX_FINDINGS budget: in a large
   * file, the mistake just typed and the requests on screen are shown, not only the first findings of the file.
   */
  focus?: readonly Span[];
  /**
   * What made the focus's newest place, for the too-many-findings note: an edit (without it), or the request the
   * extension's Create refused for its errors (`elasticache/focus`, no edit: "around the request Create refused", and
   * "and the recent edits" when the focus holds more places).
   */
  focusReason?: FocusReason;
  /**
   * The most findings the editor lists for a file, the too-many-findings note included (the language server passes
   * VS Code's). Past it, the focus's findings are kept first, then the file's errors, warnings, information and hints,
   * so that the editor does not drop the finding just typed. Without it (`elasticache lint`), MAX_FINDINGS of each
   * severity.
   */
  maxFindings?: number;
}

/**
 * Lines above and below the focus whose requests are always checked in full. An editor shows fewer lines than this
 * (about 60 on a 1440p screen), so wherever on the screen the edit is, the requests on screen are in the window; and
 * the extra work and findings stay those of the requests on about 200 lines, whatever the size of the file.
 */
export const FOCUS_LINES = 100;

/** Parses and checks a document. Never throws; linear in the size of the text. */
export function analyze(text: string, kind: DocumentKind, facts: DocumentFacts = {}): Analysis {
  const findings = new CappedFindings(facts.focus?.length ? focusWindows(text, facts.focus) : undefined);
  let requests: ParsedRequest[] = [];
  if (facts.savedWithByteOrderMark && kind === 'json' && text.charCodeAt(0) !== 0xfeff) findings.push(byteOrderMarkFinding({ start: 0, end: 0 }));
  try {
    // A binary file: that is the one finding (its bytes read as text would give one finding per character).
    if (text.includes('\u0000')) reportNul(text, kind, findings);
    else requests = kind === 'query' ? analyzeQuery(text, findings) : analyzeCliInput(text, kind, findings);
  } catch (err) {
    findings.push({
      code: 'internal-error',
      severity: 'error',
      message: `The ElastiCache language service could not analyse this document (${err instanceof Error ? err.message : String(err)}).`,
      span: { start: 0, end: 0 },
    });
  }
  // A plain array of the findings kept (CappedFindings is not one to hand out), made at its size.
  let out: Finding[] = new Array<Finding>(findings.length);
  for (let i = 0; i < findings.length; i++) out[i] = findings[i];
  const noted = findings.dropped > 0 || findings.skipped;
  let fullyListed: Span[] | undefined;
  const limit = facts.maxFindings;
  if (limit !== undefined && out.length + (noted ? 1 : 0) > limit) {
    // In document order (the checks of a request report in their own order); one place is the note's.
    out.sort((a, b) => a.span.start - b.span.start);
    const within = withinLimit(out, Math.max(0, limit - 1), findings.focusKept);
    const notListed = [`${findings.dropped + out.length - within.kept.length} not listed`, findings.skipped ? `requests after the ${MAX_FINDINGS}th error only partly checked` : ''].filter(Boolean).join(', ');
    const where = focusWhere(text, findings, facts);
    const focusInFull = where !== undefined && findings.focusDropped === 0 && within.focusLeftOut === 0;
    const shown = where === undefined
      ? 'the first errors, then warnings, information and hints'
      : focusInFull
        ? `every finding on ${where}${kind === 'query' ? ' (the requests there are checked in full)' : ''}, then the first errors of the rest of the file, then its warnings, information and hints`
        : `the first errors on ${where}, then warnings, information and hints there${within.focusLeftOut === 0 ? ', then those of the rest of the file' : ''}`;
    out = within.kept;
    fullyListed = focusInFull ? joinSpans(findings.focusLines!) : [];
    out.push({
      code: 'too-many-findings',
      severity: 'information',
      message: `Too many findings (${notListed}): the editor lists at most ${limit} per file, so it shows ${shown}. Fix these and the rest will appear.`,
      span: { start: 0, end: 0 },
    });
  } else if (noted) {
    fullyListed = findings.focusLines && findings.focusDropped === 0 ? joinSpans(findings.focusLines) : [];
    const notListed = [findings.dropped > 0 ? `${findings.dropped} not listed` : '', findings.skipped ? `requests after the ${MAX_FINDINGS}th error only partly checked` : ''].filter(Boolean).join(', ');
    out.push({
      code: 'too-many-findings',
      severity: 'information',
      message: `Too many findings (${notListed}): only the first ${MAX_FINDINGS} of each severity are shown${focusNote(text, kind, findings, facts)}. Fix these and the rest will appear.`,
      span: { start: 0, end: 0 },
    });
  }
  // For an editor, the focus's findings first: VS Code underlines only the first 500 markers of a file, in the order
  // sent (its Problems view sorts them itself), so in a file of more findings the one just typed had no squiggle.
  if (limit !== undefined && findings.focusKept && findings.focusKept.size > 0) out = focusFirst(out, findings.focusKept);
  return fullyListed ? { requests, findings: out, fullyListed } : { requests, findings: out };
}

/** The findings of the focus, then the others, each in the order given. */
function focusFirst(findings: readonly Finding[], focus: ReadonlySet<Finding>): Finding[] {
  const first: Finding[] = [];
  const rest: Finding[] = [];
  for (const f of findings) (focus.has(f) ? first : rest).push(f);
  return first.concat(rest);
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * At most `room` of `findings`, in their (document) order: the focus's first (errors first, if they alone are too
 * many), then the others' errors, warnings, information and hints, each in document order.
 */
function withinLimit(findings: readonly Finding[], room: number, focus: ReadonlySet<Finding> | undefined): { kept: Finding[]; focusLeftOut: number } {
  // Rank 0–3 the focus's by severity, 4–7 the others'; whole ranks are kept while they fit, then the first of the next.
  const perRank = new Array<number>(8).fill(0);
  const rankOf = (f: Finding) => (focus?.has(f) ? 0 : 4) + SEVERITY_RANK[f.severity];
  for (const f of findings) perRank[rankOf(f)]++;
  let left = room;
  const quota = perRank.map((n) => {
    const q = Math.min(n, left);
    left -= q;
    return q;
  });
  const kept: Finding[] = [];
  for (const f of findings) {
    const rank = rankOf(f);
    if (quota[rank] > 0) {
      quota[rank]--;
      kept.push(f);
    }
  }
  const focusLeftOut = perRank.slice(0, 4).reduce((a, b) => a + b, 0) - kept.filter((f) => focus?.has(f)).length;
  return { kept, focusLeftOut };
}

/** The lines around each span of the focus (focusWindow), in document order, overlapping windows joined. */
function focusWindows(text: string, focus: readonly Span[]): Span[] {
  return joinSpans(focus.map((span) => focusWindow(text, span)));
}

/** The spans sorted, those that overlap or meet joined into one. */
function joinSpans(spans: readonly Span[]): Span[] {
  const joined: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = joined.at(-1);
    if (last && span.start <= last.end + 1) last.end = Math.max(last.end, span.end);
    else joined.push({ ...span });
  }
  return joined;
}

/**
 * The lines around one edit: FOCUS_LINES above its start and below its end (2 × FOCUS_LINES + 1 lines for a one-line
 * edit), but at most 2 × FOCUS_LINES above its end: 3 × FOCUS_LINES + 1 lines for an edit of FOCUS_LINES lines or more.
 */
function focusWindow(text: string, focus: Span): Span {
  const end = Math.max(0, Math.min(focus.end, text.length));
  const start = Math.max(0, Math.min(focus.start, end));
  // An edit longer than that (a paste, a replace all) counts by its last lines, where the cursor is after it.
  return { start: Math.max(lineStartAbove(text, start, FOCUS_LINES), lineStartAbove(text, end, 2 * FOCUS_LINES)), end: lineEndBelow(text, end, FOCUS_LINES) };
}

/** The start of the line `n` lines above the one holding `offset` (0 past the first line). */
function lineStartAbove(text: string, offset: number, n: number): number {
  let at = offset;
  for (let i = 0; i <= n; i++) {
    if (at <= 0) return 0;
    at = text.lastIndexOf('\n', at - 1);
    if (at < 0) return 0;
  }
  return at + 1;
}

/** The end (before its line break) of the line `n` lines below the one holding `offset`. */
function lineEndBelow(text: string, offset: number, n: number): number {
  let at = offset;
  for (let i = 0; ; i++) {
    const lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0) return text.length;
    if (i === n) return lineEnd;
    at = lineEnd + 1;
  }
}

/** What the too-many-findings note says of the focus: the lines listed in full (or up to their own budget). */
function focusNote(text: string, kind: DocumentKind, findings: CappedFindings, facts: DocumentFacts): string {
  const where = focusWhere(text, findings, facts);
  if (where === undefined) return '';
  if (findings.focusDropped > 0) return `, and the first ${MAX_FINDINGS} of each severity on ${where}`;
  // A CLI input file is one request, always checked in full.
  return `, and every finding on ${where}${kind === 'query' ? ' (the requests there are checked in full)' : ''}`;
}

/** The lines of the focus, for the too-many-findings note: `lines 7–210, around the last edit`. */
function focusWhere(text: string, findings: CappedFindings, facts: DocumentFacts): string | undefined {
  if (!findings.focusLines) return undefined;
  // Widened to the requests touching them, two windows can meet. In document order, so one pass counts the lines.
  const joined = joinSpans(findings.focusLines);
  let line = 1;
  let at = text.indexOf('\n');
  const lineOf = (offset: number) => {
    for (; at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
    return line;
  };
  const places = facts.focus?.length ?? 0;
  const edits = places > 1 ? 'the recent edits' : 'the last edit';
  const around = facts.focusReason !== 'createRefused' ? edits : places > 1 ? `the request Create refused and ${edits}` : 'the request Create refused';
  return `lines ${joined.map((span) => `${lineOf(span.start)}–${lineOf(span.end)}`).join(', ')}, around ${around}`;
}

/**
 * Keeps at most MAX_FINDINGS findings of each severity (information and hints together; counting the rest), so memory stays bounded on garbage input.
 * A budget per severity rather than one for all: a thousand notes must not hide the error after them (in the editor
 * or from `elasticache lint`, whose exit code follows the errors).
 * With a focus, the findings of the requests touching its windows (focusWindows) have budgets of their own, so that
 * the first findings of a large file do not hide the one just typed; so do findings on the windows' lines (a CLI input
 * file is one request). Findings stay in document order either way.
 */
/** Exported for its tests. */
export class CappedFindings extends Array<Finding> {
  /** Findings not kept: their severity's budget was spent. */
  dropped = 0;
  /** Of those, the ones of the focus. */
  focusDropped = 0;
  /** The findings kept as the focus's (with a focus): the editor's limit keeps these first (DocumentFacts.maxFindings). */
  focusKept?: Set<Finding>;
  /** Whether checks were skipped because the error budget was spent (their findings are not even counted). */
  skipped = false;
  /** The lines whose findings count against the focus budgets: the windows, each widened to the requests touching it. */
  focusLines?: Span[];
  /** Whether a Query request is being checked (startRequest), rather than parsed. */
  private checking = false;
  /** Whether the request being checked touches a window: all its findings count against the focus budgets. */
  private inFocus = false;
  /**
   * With a window, the parse findings of the Query request being parsed: whether they are the focus's is known when the
   * request ends (startRequest), as the lines of a long request may begin before the window or go on past it.
   */
  private held?: Finding[];
  // One counter per severity in plain fields: push runs for every finding, and a keyed lookup per push costs more.
  private errors = 0;
  private warnings = 0;
  private notes = 0;
  private focusErrors = 0;
  private focusWarnings = 0;
  private focusNotes = 0;
  static override get [Symbol.species]() {
    return Array;
  }
  /** `windows`: the lines around the focus (focusWindows, in document order), if any. */
  constructor(private readonly windows?: readonly Span[]) {
    super();
    if (windows) {
      this.focusLines = windows.map((w) => ({ ...w }));
      this.focusKept = new Set();
    }
  }
  // `arguments` instead of a rest parameter: findings are pushed one at a time, and a rest array per push
  // would be garbage.
  override push(item: Finding): number {
    if (arguments.length === 1) this.keep(item);
    else for (let i = 0; i < arguments.length; i++) this.keep(arguments[i] as Finding);
    return this.length;
  }
  private keep(f: Finding): void {
    if (this.held !== undefined && !this.checking) {
      this.held.push(f);
      // Bounded: past this many parse findings in one request, they are placed by their own lines.
      if (this.held.length >= MAX_FINDINGS) this.placeHeld(undefined);
    } else this.place(f, this.inFocus || this.onWindow(f.span));
  }
  private place(f: Finding, focused: boolean): void {
    if (this.hasRoom(f.severity, focused)) {
      this[this.length] = f;
      this.tally(f.severity, focused, 1);
      if (focused) this.focusKept!.add(f);
    } else {
      this.dropped++;
      if (focused) this.focusDropped++;
    }
  }
  private hasRoom(severity: Severity, focused: boolean): boolean {
    return focused
      ? severity === 'error' ? this.focusErrors < MAX_FINDINGS : severity === 'warning' ? this.focusWarnings < MAX_FINDINGS : this.focusNotes < MAX_FINDINGS
      : severity === 'error' ? this.errors < MAX_FINDINGS : severity === 'warning' ? this.warnings < MAX_FINDINGS : this.notes < MAX_FINDINGS;
  }
  /**
   * Whether a finding of `severity` on `span` pushed now would be kept. If not, it is counted as dropped here and the
   * caller does not build it: 60,000 repeated tag keys past the budget made 60,000 messages only to drop them.
   */
  admits(severity: Severity, span: Span): boolean {
    // A Query request's parse findings are placed when the request ends (placeHeld): built, as before.
    if (this.held !== undefined && !this.checking) return true;
    const focused = this.inFocus || this.onWindow(span);
    if (this.hasRoom(severity, focused)) return true;
    this.dropped++;
    if (focused) this.focusDropped++;
    return false;
  }
  private onWindow(span: Span): boolean {
    const windows = this.windows;
    if (windows === undefined) return false;
    for (let i = 0; i < windows.length; i++) if (span.start <= windows[i].end && span.end >= windows[i].start) return true;
    return false;
  }
  /** Query requests follow, each checked between startRequest and endRequest. */
  startRequests(): void {
    if (this.windows) this.held = [];
  }
  /**
   * Starts the checks of a Query request: when it touches the window, it is checked in full and its findings (those of
   * its parse too) count against the focus budgets.
   */
  startRequest(span: Span): void {
    this.inFocus = this.onWindow(span);
    if (this.inFocus) {
      const windows = this.windows!;
      for (let i = 0; i < windows.length; i++) {
        if (span.start > windows[i].end || span.end < windows[i].start) continue;
        const lines = this.focusLines![i];
        lines.start = Math.min(lines.start, span.start);
        lines.end = Math.max(lines.end, span.end);
      }
    }
    if (this.held) this.placeHeld(this.inFocus ? span : undefined);
    this.checking = true;
  }
  endRequest(): void {
    this.checking = false;
    this.inFocus = false;
  }
  /** After the last Query request: the parse findings after it. */
  endRequests(): void {
    if (this.held) this.placeHeld(undefined);
    this.held = undefined;
  }
  /** The held parse findings, in order: the focus's when in `focusedRequest` or on the window's lines. */
  private placeHeld(focusedRequest: Span | undefined): void {
    const held = this.held!;
    for (let i = 0; i < held.length; i++) {
      const f = held[i];
      this.place(f, (focusedRequest !== undefined && f.span.start >= focusedRequest.start && f.span.start <= focusedRequest.end) || this.onWindow(f.span));
    }
    held.length = 0;
  }
  /** Whether no further error would be kept: the document already fails, so checks that only report can stop. */
  get errorsFull(): boolean {
    return this.inFocus ? this.focusErrors >= MAX_FINDINGS : this.errors >= MAX_FINDINGS;
  }
  /**
   * Keeps the budgets right when a kept finding is removed or changes severity (mergePlaceholderFindings, which sees
   * only findings of the checks: those are the focus's by the same test as when they were kept).
   */
  uncount(f: Finding): void {
    this.tally(f.severity, this.inFocus || this.onWindow(f.span), -1);
  }
  count(f: Finding): void {
    this.tally(f.severity, this.inFocus || this.onWindow(f.span), 1);
  }
  private tally(severity: Severity, focused: boolean, by: number): void {
    if (focused) {
      if (severity === 'error') this.focusErrors += by;
      else if (severity === 'warning') this.focusWarnings += by;
      else this.focusNotes += by;
    } else if (severity === 'error') this.errors += by;
    else if (severity === 'warning') this.warnings += by;
    else this.notes += by;
  }
}

/** What a document of each kind holds, for the binary-content message. */
const TEXT_OF_KIND: Record<DocumentKind, string> = {
  query: 'a .elasticache file holds ElastiCache Query requests as text (Action=CreateCacheCluster&…)',
  json: `a *.elasticache.json file holds the AWS CLI input JSON of ${CLI_INPUT_ACTION} as text`,
  yaml: `a *.elasticache.yaml file holds the AWS CLI input YAML of ${CLI_INPUT_ACTION} as text`,
};

function reportNul(text: string, kind: DocumentKind, findings: Finding[]): void {
  const at = text.indexOf('\u0000');
  findings.push({
    code: 'binary-content',
    severity: 'error',
    message: `The file contains NUL characters: it looks like a binary file, not a request, so it is not analysed. Open the file you meant to edit (${TEXT_OF_KIND[kind]}), or remove the NUL characters.`,
    span: { start: at, end: at + 1 },
  });
}

function analyzeQuery(text: string, findings: CappedFindings): ParsedRequest[] {
  const out: ParsedRequest[] = [];
  // Each request is checked as soon as it is parsed, and only its outline is kept (QueryRequest): its parameters and
  // checks die young, where keeping them all made the garbage collector copy every request of a large document.
  findings.startRequests();
  // Where the next request's parse findings start (held ones are placed by startRequest, after the last checks').
  let parsedFrom = findings.length;
  forEachQueryRequest(text, findings, (raw) => {
    findings.startRequest(raw.span);
    hideSecretPieceCharacters(raw.params, text, findings, parsedFrom, findings.length);
    out.push(checkQueryRequest(raw, text, findings));
    findings.endRequest();
    parsedFrom = findings.length;
  });
  findings.endRequests();
  return out;
}

/**
 * A Query request of an analysis. Its parameters, entries and input are worked out again from the text when first
 * read (hover, completion, the outline, create from request ask for one request or a few), instead of being kept for
 * every request: keeping them was most of the memory of a large document, and the scavenger copied all of it
 * (garbage collection was ~40 % of analysing 5,000 requests).
 */
class QueryRequest implements ParsedRequest {
  readonly kind = 'query' as const;
  private checked?: { entries: Entry[]; input: Record<string, unknown> };
  constructor(
    private readonly text: string,
    readonly span: Span,
    readonly action: ParsedRequest['action'],
    readonly host: ParsedRequest['host'],
    private parsed?: RawQueryRequest,
  ) {}
  /** Only a parse of the request's lines (the outline reads these for every request). */
  get params(): QueryParam[] {
    return this.raw().params;
  }
  get entries(): Entry[] {
    return (this.checked ??= queryRequestDetails(this.raw(), this.span)).entries;
  }
  get input(): Record<string, unknown> {
    return (this.checked ??= queryRequestDetails(this.raw(), this.span)).input;
  }
  /**
   * The input of the members `wanted` names, by top-level name (a parameter with any other name the input shape lacks,
   * such as Action, is for `wanted` to keep): for a reader of a few members of a long request, which need not check
   * all its parameters. The whole input when it is already known.
   */
  inputOf(wanted: (name: string) => boolean): Record<string, unknown> {
    if (this.checked) return this.checked.input;
    const raw = this.raw();
    const params = raw.params.filter((p) => {
      const dot = p.name.indexOf('.');
      return wanted(dot < 0 ? p.name : p.name.slice(0, dot));
    });
    return params.length === raw.params.length ? this.input : queryRequestDetails({ ...raw, params }, this.span).input;
  }
  private raw(): RawQueryRequest {
    if (!this.parsed) forEachQueryRequest(this.text, [], (r) => (this.parsed ??= r), this.span.start, this.span.end);
    return (this.parsed ??= { span: this.span, params: [] });
  }
  toJSON(): ParsedRequest {
    const { kind, span, action, entries, input, params, host } = this;
    return { kind, span, action, entries, input, params, host };
  }
}

/**
 * The requests of a Query text as analyze() outlines them, without checking them (no findings): what completion and
 * hover read of the request at the cursor. Checking a request costs far more than parsing it (a request of 60,000 tags
 * took seconds), and a keystroke needs none of the findings. Never throws; none for a binary text, as analyze().
 */
export function queryRequestOutlines(text: string): ParsedRequest[] {
  const out: ParsedRequest[] = [];
  if (text.includes('\u0000')) return out;
  try {
    forEachQueryRequest(text, [], (raw) => {
      const actionParam = splitQueryParams(raw.params).protocol[SLOT.Action];
      // Kept parsed: the caller reads this request's parameters next (analyze keeps only outlines, for memory).
      out.push(new QueryRequest(text, raw.span, actionParam && { name: actionParam.value, span: actionParam.valueSpan }, raw.host, raw));
    });
  } catch {
    return [];
  }
  return out;
}

/** A request's input of the members `wanted` names (QueryRequest.inputOf); the whole input of a CLI input file. */
export function inputOfMembers(request: ParsedRequest, wanted: (name: string) => boolean): Record<string, unknown> {
  return request instanceof QueryRequest ? request.inputOf(wanted) : request.input;
}

/** The entries and input of a request, as checkQueryRequest makes them (its findings dropped). */
function queryRequestDetails(raw: RawQueryRequest, span: Span): { entries: Entry[]; input: Record<string, unknown> } {
  const split = splitQueryParams(raw.params);
  const operation = operationNamed(split.protocol[SLOT.Action]);
  const ctx: CheckContext = { form: 'query', findings: [], params: raw.params };
  const entries = queryParamsToEntries(operation, split.api, ctx);
  ctx.entries = entries;
  const input = operation ? checkStructure(serviceModel.operations[operation].input!, entries, [], ctx, { operation, anchor: span, duplicatesAreErrors: true }) : {};
  return { entries, input };
}

/** The operation an `Action` parameter names, when it names a known one. */
function operationNamed(actionParam: QueryParam | undefined): string | undefined {
  return actionParam && !missingActionProblem(actionParam.value) && operationModel(actionParam.value) ? actionParam.value : undefined;
}

function checkQueryRequest(raw: RawQueryRequest, text: string, findings: CappedFindings): ParsedRequest {
  const ctx: CheckContext = { form: 'query', findings, params: raw.params };
  const from = findings.length;
  const split = splitQueryParams(raw.params);
  const actionParam = split.protocol[SLOT.Action];
  let action: ParsedRequest['action'];
  let operation: string | undefined;
  // The operation's input shape, looked up once here for every check below (the model's operations are a large object).
  let inputShape: string | undefined;
  const anchor: Span = actionParam ? actionParam.valueSpan : raw.host?.span ?? { start: raw.span.start, end: Math.min(raw.span.end, raw.span.start + 1) };
  if (!actionParam) {
    findings.push({ code: 'missing-action', severity: 'error', message: missingActionProblem(undefined)!, span: anchor, awsError: MISSING_ACTION_ERROR.code });
  } else {
    action = { name: actionParam.value, span: actionParam.valueSpan };
    // `Action=` with nothing after it names no action: said so, rather than as an unknown action ''.
    const blank = missingActionProblem(actionParam.value);
    const model = blank ? undefined : operationModel(actionParam.value);
    if (blank) {
      findings.push({ code: 'missing-action', severity: 'error', message: blank, span: actionParam.valueSpan, awsError: MISSING_ACTION_ERROR.code });
    } else if (model) {
      operation = actionParam.value;
      inputShape = model.input;
    } else {
      const best = suggest(actionParam.value, OPERATION_NAMES);
      findings.push({
        code: 'unknown-action',
        severity: 'error',
        message: `Unknown ElastiCache action '${actionParam.value.slice(0, 60)}'.${best ? ` Did you mean ${best}?` : ''}`,
        span: actionParam.valueSpan,
        fixes: best ? [{ title: `Change to ${best}`, edits: [{ span: actionParam.valueSpan, newText: best }], isPreferred: true }] : undefined,
        awsError: 'InvalidAction',
      });
    }
  }
  // Once MAX_FINDINGS errors are kept the document fails and no further error would be listed: only the parse result
  // matters (requests, inputs), so checks that only report are skipped (garbage input stays fast), and said so.
  const reporting = !findings.errorsFull;
  if (!reporting) findings.skipped = true;
  if (reporting) checkQueryProtocol(raw, split, findings, text);
  const entries = queryParamsToEntries(operation, split.api, ctx, inputShape);
  ctx.entries = entries;
  let input: Record<string, unknown> = {};
  if (operation) {
    input = checkStructure(inputShape!, entries, [], ctx, { operation, anchor, duplicatesAreErrors: true });
  }
  const request = new QueryRequest(text, raw.span, action, raw.host);
  if (operation && reporting) {
    for (const issue of checkDocumentedRanges(operation, input)) reportIssue(issue, ctx, anchor, findings);
    for (const issue of checkMemberValues(operation, input, { region: hostRegion(raw) })) if (!reportedAsMisspelt(issue, ctx)) reportIssue(issue, ctx, anchor, findings);
    // Any action that takes an AuthToken (creates, ModifyReplicationGroup's rotation, …): a secret in the file.
    reportAuthTokenInFile(ctx);
    if (operation === 'CreateReplicationGroup') {
      for (const issue of checkCreateReplicationGroup(input, { region: hostRegion(raw) })) if (!typeRejected(issue, ctx, input)) reportIssue(issue, ctx, anchor, findings);
    }
    if (operation === 'CreateServerlessCache' || operation === 'ModifyServerlessCache') {
      for (const issue of checkServerlessCache(operation, input)) if (!typeRejected(issue, ctx, input)) reportIssue(issue, ctx, anchor, findings);
    }
  }
  if (operation === 'CreateCacheCluster' && reporting) {
    for (const issue of checkCreateCacheCluster(input, { region: hostRegion(raw) })) {
      if (typeRejected(issue, ctx, input)) continue;
      reportIssue(issue, ctx, anchor, findings, issue.code === 'cluster-mode-parameter-group' ? (f) => {
        const fix = clusterModeRewriteFix(raw, input);
        if (fix) f.fixes = [...(f.fixes ?? []), fix];
      } : undefined);
    }
  }
  // Last: it stays silent where one of the rules above already reports the value.
  if (operation && reporting) reportEmptyValues(inputShape!, entries, { form: 'query', findings, from, params: raw.params });
  if (reporting) mergePlaceholderFindings(findings, from);
  return request;
}

function analyzeCliInput(text: string, kind: 'json' | 'yaml', findings: Finding[]): ParsedRequest[] {
  if (kind === 'yaml' && text.length > MAX_YAML_CHARS) {
    const lineEnd = text.indexOf('\n');
    findings.push({
      code: 'file-too-large',
      severity: 'warning',
      message: `This YAML file has ${(text.length / 1024 / 1024).toFixed(1)} MB; a ${CLI_INPUT_ACTION} input file has a few KB. It is not analysed above ${MAX_YAML_CHARS / 1024} KB (parsing YAML this large would hold up the editor on every change).`,
      span: { start: 0, end: lineEnd < 0 ? Math.min(text.length, 1) : lineEnd },
    });
    return [{ kind, span: { start: 0, end: text.length }, action: { name: CLI_INPUT_ACTION, span: { start: 0, end: 0 } }, entries: [], input: {} }];
  }
  const aliasSpans: Span[] = [];
  const root: ValueNode | undefined = kind === 'json' ? parseJsonDocument(text, findings) : parseYamlDocument(text, findings, aliasSpans);
  const span = { start: 0, end: text.length };
  const action = { name: CLI_INPUT_ACTION, span: { start: root?.span.start ?? 0, end: root?.span.start ?? 0 } };
  if (!root || (root.kind === 'scalar' && root.value === null)) {
    if (!findings.some((f) => f.severity === 'error')) {
      findings.push({
        code: 'missing-parameter',
        severity: 'error',
        message: `Empty input: a ${kind.toUpperCase()} object with the ${CLI_INPUT_ACTION} parameters is expected (at least CacheClusterId).`,
        span: { start: 0, end: Math.min(text.length, 1) },
        awsError: 'MissingParameter',
      });
    }
    return [{ kind, span, action, entries: [], input: {} }];
  }
  if (root.kind !== 'object') {
    findings.push({
      code: 'invalid-type',
      severity: 'error',
      message: `The ${kind.toUpperCase()} input must be an object of ${CLI_INPUT_ACTION} parameters, not a ${root.kind === 'list' ? 'list' : 'scalar'}.`,
      span: root.span,
      awsError: 'InvalidParameterValue',
    });
    return [{ kind, span, action, entries: [], input: {} }];
  }
  const ctx: CheckContext = { form: kind, findings, entries: root.entries, text };
  const anchor = root.entries.length > 0 && kind === 'yaml' ? root.entries[0].nameSpan : { start: root.span.start, end: root.span.start + 1 };
  const input = checkStructure(serviceModel.operations[CLI_INPUT_ACTION].input!, root.entries, [], ctx, {
    operation: CLI_INPUT_ACTION,
    anchor,
    duplicatesAreErrors: kind === 'yaml',
    mergeFailed: root.mergeFailed,
  });
  reportAuthTokenInFile(ctx);
  for (const issue of checkCreateCacheCluster(input)) if (!typeRejected(issue, ctx, input)) reportIssue(issue, ctx, anchor, findings);
  reportEmptyValues(serviceModel.operations[CLI_INPUT_ACTION].input!, root.entries, { form: kind, findings, from: 0, text });
  const from = findings.length;
  reportCliPlaceholders(root.entries, [], ctx);
  if (findings.length > from) mergePlaceholderFindings(findings, 0);
  if (aliasSpans.length > 0) dropFixesInAliases(findings, aliasSpans);
  return [{ kind, span, action, entries: root.entries, input }];
}

/**
 * No fix for what is found in an expanded YAML alias: everything in its value is placed on the `*name`, so a fix's
 * edit there (a member's rename, a value's change) would replace the alias with a piece of its value. An edit that
 * takes a whole alias with more around it (removing its member) stays. Exported for its tests.
 */
export function dropFixesInAliases(findings: Finding[], aliasSpans: Span[]): void {
  const sorted = [...aliasSpans].sort((a, b) => a.start - b.start);
  /** The last alias starting at or before `offset`, or -1. */
  const lastStartingBy = (offset: number): number => {
    let lo = 0;
    let hi = sorted.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const inAlias = (edit: Span): boolean => {
    // Aliases do not overlap: only the ones holding the edit's start and its end can be cut by it (those between are
    // covered whole); the one before the end's is checked too, for an edit that ends right at an alias's start.
    const atEnd = lastStartingBy(edit.end);
    const atStart = lastStartingBy(edit.start);
    for (const k of new Set([atEnd, atEnd - 1, atStart])) {
      if (k < 0) continue;
      const a = sorted[k];
      const overlaps = edit.start < a.end && edit.end > a.start;
      const covers = edit.start <= a.start && edit.end >= a.end && edit.end - edit.start > a.end - a.start;
      if ((overlaps || (edit.start === edit.end && edit.start >= a.start && edit.start <= a.end)) && !covers) return true;
    }
    return false;
  };
  for (const f of findings) {
    if (f.fixes && f.fixes.some((fix) => fix.edits.some((e) => inAlias(e.span)))) {
      const kept = f.fixes.filter((fix) => !fix.edits.some((e) => inAlias(e.span)));
      if (kept.length > 0) f.fixes = kept;
      else delete f.fixes;
    }
  }
}

/**
 * A literal AuthToken in a document is a secret in source control. The message never contains the token. An empty
 * (or null) AuthToken holds no secret: the rules report it as empty instead.
 */
function reportAuthTokenInFile(ctx: CheckContext): void {
  const entry = ctx.entries?.find((e) => e.name === 'AuthToken');
  if (!entry) return;
  const token = entry.value.kind === 'scalar' ? entry.value.value : undefined;
  if (token === null || (typeof token === 'string' && token.trim() === '')) return;
  const spans = locate(ctx.entries ?? [], ['AuthToken'])!;
  // A placeholder is no secret: it is reported as a placeholder (the Query checks and reportCliPlaceholders).
  if (typeof token === 'string' && isPlaceholder(token)) return;
  ctx.findings.push({
    code: 'auth-token-in-file',
    severity: 'warning',
    message: 'An AUTH token is written in this file: a secret in source. Keep it out of version control (pass it at creation time, e.g. from a secrets manager) and rotate it if it was committed.',
    // Given by a YAML alias (`AuthToken: *tok`), the token is written at its anchor (`&tok …`), maybe under another
    // member: the warning marks that text, which is what to take out of the file (the alias holds none of it).
    span: (entry.value.kind === 'scalar' && entry.value.anchoredSpan) || spans.value,
  });
}

/**
 * A placeholder string in a CLI input file (`"CacheClusterId": "<cluster-id>"`, `NodeType: ${NODE_TYPE}`, at any depth):
 * the placeholder finding the Query form gives every parameter, named by the member's path.
 */
function reportCliPlaceholders(entries: Entry[], path: MemberPath, ctx: CheckContext): void {
  for (const entry of entries) {
    path.push(entry.name);
    reportPlaceholderNode(entry.value, path, ctx);
    path.pop();
  }
}

function reportPlaceholderNode(node: ValueNode, path: MemberPath, ctx: CheckContext): void {
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string' && !node.missing && isPlaceholder(node.value)) {
      ctx.findings.push(placeholderFinding(formatPathIn(ctx.entries ?? [], path), node.span));
    }
  } else if (node.kind === 'list') {
    for (let i = 0; i < node.items.length; i++) {
      path.push(i);
      reportPlaceholderNode(node.items[i], path, ctx);
      path.pop();
    }
  } else reportCliPlaceholders(node.entries, path, ctx);
}

/**
 * One finding per placeholder value, in every form: the member's own checks of `<cluster-id>` (not a valid id, not a
 * node type, …) would only restate that it is not a real value. Those findings on the placeholder's value are dropped;
 * the placeholder finding becomes an error when one of them was an error (AWS rejects the request as written, and the
 * lint fails), and stays a warning where the value would pass as written (free text, a signature to compute).
 */
function mergePlaceholderFindings(findings: Finding[], from: number): void {
  let placeholders: Finding[] | undefined;
  for (let i = from; i < findings.length; i++) if (findings[i].code === PLACEHOLDER_CODE) (placeholders ??= []).push(findings[i]);
  if (!placeholders) return;
  // Most placeholders have no other finding on them (a signature's, a credential's): then nothing moves.
  let first = from;
  while (first < findings.length && (findings[first].code === PLACEHOLDER_CODE || !findingOnSpan(placeholders, findings[first].span))) first++;
  if (first === findings.length) return;
  let kept = first;
  for (let i = first; i < findings.length; i++) {
    const f = findings[i];
    const placeholder = f.code === PLACEHOLDER_CODE ? undefined : findingOnSpan(placeholders, f.span);
    if (placeholder) {
      if (findings instanceof CappedFindings) findings.uncount(f);
      if (f.severity === 'error') {
        if (findings instanceof CappedFindings) findings.uncount(placeholder);
        placeholder.severity = 'error';
        if (findings instanceof CappedFindings) findings.count(placeholder);
        placeholder.awsError = f.awsError ?? 'InvalidParameterValue';
      }
      continue;
    }
    findings[kept++] = f;
  }
  findings.length = kept;
}

function findingOnSpan(list: Finding[], span: Span): Finding | undefined {
  for (let i = 0; i < list.length; i++) if (list[i].span.start === span.start && list[i].span.end === span.end) return list[i];
  return undefined;
}

/**
 * Whether a semantic issue is about a member that an unknown name beside it was reported as a misspelling of
 * (`Tags.Tag.1.Kee=k`: "Did you mean Key?", with the rename): "Tags.Tag.1 has no Key" would be a second finding
 * for the one typo, and the rename fixes both.
 */
function reportedAsMisspelt(issue: Issue, ctx: CheckContext): boolean {
  const path = issue.path;
  return ctx.misspelt !== undefined && path.length > 0 && ctx.misspeltMembers!.has(path[path.length - 1]) && ctx.misspelt.has(pathKey(path));
}

/**
 * Whether a semantic issue is about a member the document writes but the input lacks: the type check rejected the
 * value (e.g. YAML `- Key:` is null) and already reported it, so the rule, which sees the member as absent, would
 * report the same mistake again.
 */
function typeRejected(issue: Issue, ctx: CheckContext, input: Record<string, unknown>): boolean {
  if (reportedAsMisspelt(issue, ctx)) return true;
  if (!locate(ctx.entries ?? [], issue.path)) return false;
  let value: unknown = input;
  for (const step of issue.path) {
    if (value === null || typeof value !== 'object') return true;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value === undefined;
}

/** The exact name or value span of an issue's member path (or of the nearest member on it that is written). */
function issueSpan(issue: Issue, ctx: CheckContext): Span | undefined {
  for (let n = issue.path.length; n > 0; n--) {
    const pair = locate(ctx.entries ?? [], issue.path, n);
    const span = pair && (n === issue.path.length && issue.target === 'name' ? pair.name ?? pair.value : pair.value);
    if (span) return span;
  }
  return undefined;
}

/**
 * Pushes an issue's finding (`amend` adds to it), built only if the findings' budget keeps it, else only counted:
 * the same findings and the same too-many-findings count as building every one.
 */
function reportIssue(issue: Issue, ctx: CheckContext, anchor: Span, findings: Finding[], amend?: (f: Finding) => void): void {
  const span = issueSpan(issue, ctx);
  if (findings instanceof CappedFindings && !findings.admits(issue.severity, span ?? anchor)) return;
  const f = issueToFinding(issue, ctx, anchor, span);
  amend?.(f);
  findings.push(f);
}

/** Maps a semantic issue (member path) to a finding on its exact name or value span (issueSpan), else on `anchor`. */
function issueToFinding(issue: Issue, ctx: CheckContext, anchor: Span, span: Span | undefined): Finding {
  const message = issue.subject ? issueMessage(issue, formatPathIn(ctx.entries ?? [], issue.subject)) : issue.message;
  const finding: Finding = { code: issue.code, severity: issue.severity, message, span: span ?? anchor };
  if (issue.awsError) finding.awsError = issue.awsError;
  if (issue.fixValue !== undefined && span && issue.target === 'value') {
    const newText = renderValue(issue.fixValue, ctx.form);
    finding.fixes = [{ title: issue.fixTitle ?? `Change to ${newText}`, edits: [{ span, newText }], isPreferred: true, ...(issue.fixIsChoice ? { choice: true as const } : {}) }];
  }
  return finding;
}
