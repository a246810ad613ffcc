// Splits an `.elasticache` document (or a bare query string / form body) into Query-API requests and
// their `name=value` pairs, with exact spans and percent-decoding. One pass over the text: linear time.
//
// Layout rules (the AWS documentation's own form): a request is a URL on one line, optionally continued on
// lines that start (after indentation) with `?` or `&`, or that follow a line ending with `&` or `?` (unless they
// start a new request: a URL, or a form body with an Action of its own); `#` lines are comments (a `//` line is
// reported, then skipped); a blank line or a `###` line ends a request (so does a Markdown code fence line, pasted
// along with an example).
import { LIMITS } from '../model/facts';
import { serviceModel } from '../model/generated/serviceModel';
import { displayableName, hidesValue, isSecretName } from '../model/secrets';
import { knownNameId, knownNameIdAt, knownNames, UNKNOWN_NAME } from './knownNames';
import { continuedSecret, unknownName } from './secretParams';
import type { Finding, Fix, QueryParam, Span, TextEdit } from './types';

/**
 * Param flag bits: decoded; a `?`/`&` separator right before the name; alone on its line (deltas below); that
 * separator is a `?`; a `&` right after the value (the next parameter's separator, or one ending the line); the
 * value as written is a placeholder (`<token>`, not `%3Ctoken%3E`).
 */
const DECODED = 1;
const SEPARATED = 2;
const ALONE_ON_LINE = 4;
const QUESTION_MARK_BEFORE = 8;
const AMPERSAND_AFTER = 16;
const PLACEHOLDER_AS_WRITTEN = 32;
/**
 * The line's start and end as distances from the parameter's start and end, packed above the flags. All of it stays
 * below 2^30, a small integer V8 keeps in the object (a larger number would be a heap number per parameter).
 */
const LINE_START_SHIFT = 6;
const LINE_START_MAX = (1 << 12) - 1;
const LINE_END_SHIFT = 18;
const LINE_END_MAX = (1 << 12) - 1;

/**
 * A `name=value` pair. Spans are computed on access from a few offsets: a 10 MB document has hundreds of
 * thousands of parameters, and five span objects each would dominate memory and garbage collection. Every offset
 * that follows from another is derived (the value starts after the `=`, the separator is right before the name),
 * and the line of a parameter alone on it is packed into one number: each result is kept per request, and the
 * scavenger copies all of it (garbage collection was 45 % of analysing 5,000 requests).
 */
class Param implements QueryParam {
  /** The line, when its distances do not fit the packed bits (a line with thousands of blanks). */
  private declare wideLine?: Span;
  constructor(
    readonly name: string,
    readonly nameId: number,
    readonly value: string,
    private readonly start: number,
    private readonly nameEnd: number,
    private readonly end: number,
    private bits: number,
  ) {}
  get decoded(): boolean {
    return (this.bits & DECODED) !== 0;
  }
  /** Where the name starts (nameSpan.start without building the span). */
  get offset(): number {
    return this.start;
  }
  get nameSpan(): Span {
    return { start: this.start, end: this.nameEnd };
  }
  get valueSpan(): Span {
    // After the `=`, or empty at the end when there is none.
    return { start: this.nameEnd < this.end ? this.nameEnd + 1 : this.end, end: this.end };
  }
  get span(): Span {
    return { start: this.start, end: this.end };
  }
  get separatorSpan(): Span | undefined {
    return this.bits & SEPARATED ? { start: this.start - 1, end: this.start } : undefined;
  }
  /** Whether the separator before the name is the URL's `?` (removing the parameter must keep a `?` before the rest). */
  get questionMarkBefore(): boolean {
    return (this.bits & QUESTION_MARK_BEFORE) !== 0;
  }
  /** Whether the value as written is a placeholder: its `<`, `>` or braces not percent-encoded. */
  get placeholderAsWritten(): boolean {
    return (this.bits & PLACEHOLDER_AS_WRITTEN) !== 0;
  }
  /** Whether a `&` follows the value on its line. */
  get ampersandAfter(): boolean {
    return (this.bits & AMPERSAND_AFTER) !== 0;
  }
  get lineSpan(): Span | undefined {
    if (!(this.bits & ALONE_ON_LINE)) return undefined;
    if (this.wideLine) return { start: this.wideLine.start, end: this.wideLine.end };
    return { start: this.start - ((this.bits >>> LINE_START_SHIFT) & LINE_START_MAX), end: this.end + ((this.bits >>> LINE_END_SHIFT) & LINE_END_MAX) };
  }
  setLine(start: number, end: number): void {
    const before = this.start - start;
    const after = end - this.end;
    if (before <= LINE_START_MAX && after <= LINE_END_MAX) this.bits |= ALONE_ON_LINE | (before << LINE_START_SHIFT) | (after << LINE_END_SHIFT);
    else {
      this.bits |= ALONE_ON_LINE;
      this.wideLine = { start, end };
    }
  }
  toJSON(): Record<string, unknown> {
    const { name, value, nameSpan, valueSpan, span, separatorSpan, lineSpan, decoded } = this;
    return { name, value, nameSpan, valueSpan, span, separatorSpan, lineSpan, decoded };
  }
}

/** Removes `param`, one of the request's `params` (see removeParamsFix). */
export function removeParamFix(params: readonly QueryParam[], param: QueryParam, title: string, isPreferred?: boolean): Fix {
  return new RemovalFix(title, params, [param], isPreferred);
}

/**
 * Removes some of a request's `params` (all of them, as written) so that the rest is still one request with the
 * same other parameters: `&name=value` goes with the `&` before it (its whole line when it is alone on a
 * continuation line). The URL's `?` (or a form body's start) stays before the rest: `?name=value&Next=…` loses
 * `name=value&`, and `?name=value` at the end of a line passes its `?` on to the next parameter's `&`.
 */
export function removeParamsFix(params: readonly QueryParam[], remove: readonly QueryParam[], title: string, isPreferred?: boolean): Fix {
  // The edits are worked out when first read (a quick fix asked for, the CLI's JSON output): the documentation's own
  // example has three such parameters and four removal fixes, and working them all out on every analysis cost ~5 %
  // of it, while a code action is asked for one finding now and then.
  return new RemovalFix(title, params, remove, isPreferred);
}

/**
 * A Fix whose edits are worked out on first read (a class: an object literal with a getter is slow to create, and it
 * made the analysis slower, not faster). Never spread one (`{ ...fix }` copies no `edits`): pass `isPreferred` instead.
 */
class RemovalFix implements Fix {
  private computed?: TextEdit[];
  constructor(
    readonly title: string,
    private readonly params: readonly QueryParam[],
    private readonly remove: readonly QueryParam[],
    readonly isPreferred?: boolean,
  ) {}
  get edits(): TextEdit[] {
    return (this.computed ??= removalEdits(this.params, this.remove));
  }
  toJSON(): Fix {
    return this.isPreferred === undefined ? { title: this.title, edits: this.edits } : { title: this.title, edits: this.edits, isPreferred: this.isPreferred };
  }
}

function removalEdits(params: readonly QueryParam[], remove: readonly QueryParam[]): TextEdit[] {
  // One parameter (most fixes): no array work.
  const indices = remove.length === 1 ? [indexOfParam(params, remove[0])] : remove.map((p) => indexOfParam(params, p)).sort((a, b) => a - b);
  // Not the request's parameters (a caller's mistake): remove them knowing no neighbours, rather than the wrong text.
  if (indices[0] < 0) return params === remove ? [] : removalEdits(remove, remove);
  const edits: TextEdit[] = [];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    const p = params[i];
    const span = p.span; // spans are built on access: read each once
    const separator = p.separatorSpan;
    const lineSpan = p.lineSpan;
    const questionMark = p instanceof Param && p.questionMarkBefore;
    // A `&` after the value that is not the next parameter's separator ends the line: it continues the request on
    // the next line, so it must stay or be replaced by another separator at the end of that line.
    const following = params[i + 1]?.separatorSpan;
    const lineEndingAmpersand = p instanceof Param && p.ampersandAfter && !(following && following.start === span.end);
    if (separator && !questionMark) {
      edits.push({ span: lineSpan && !lineEndingAmpersand ? lineSpan : { start: separator.start, end: span.end }, newText: '' });
      continue;
    }
    if (lineEndingAmpersand) {
      // `?name=value&` at the end of a line: what is left ends with the `?` (or the line goes), so the next line still continues it.
      edits.push({ span: !separator && lineSpan ? lineSpan : { start: span.start, end: span.end + 1 }, newText: '' });
      continue;
    }
    let j = k + 1;
    let next = i + 1;
    while (j < indices.length && indices[j] === next) {
      j++;
      next++;
    }
    const nextSeparator = next < params.length ? params[next].separatorSpan : undefined;
    const nextTakesOver = nextSeparator !== undefined && !(params[next] instanceof Param && (params[next] as Param).questionMarkBefore);
    edits.push({ span: lineSpan ?? { start: separator ? separator.start : span.start, end: span.end }, newText: '' });
    // The next parameter kept gets this one's place: its `&` becomes the `?` (or goes, at a form body's start).
    if (nextTakesOver) edits.push({ span: nextSeparator, newText: separator ? '?' : '' });
  }
  return edits.length === 1 ? edits : joinAdjacentEdits(edits);
}

/**
 * Fixes for a parameter given again (`param`, after `first` of the same name): remove the occurrence not to keep.
 * The same value: this one. One of them empty (or blank): the empty one, preferred, whichever comes first. Two
 * different values: either one, none preferred (only the user knows which is meant). A secret's values are not quoted.
 */
export function duplicateParamFixes(params: readonly QueryParam[], first: QueryParam | undefined, param: QueryParam): Fix[] {
  const name = displayableName(param.name);
  if (!first || first.value === param.value) return [removeParamFix(params, param, `Remove this ${name}`)];
  if (param.value.trim() === '') return [removeParamFix(params, param, `Remove this empty ${name}`, true)];
  if (first.value.trim() === '') return [removeParamFix(params, first, `Remove the earlier, empty ${name}`, true)];
  const quoted = (p: QueryParam) => (hidesValue(param.name) ? '' : ` ('${p.value.length > 40 ? `${p.value.slice(0, 40)}…` : p.value}')`);
  return [removeParamFix(params, param, `Remove this ${name}${quoted(param)}`), removeParamFix(params, first, `Remove the earlier ${name}${quoted(first)}`)];
}

/**
 * The duplicate-parameter message when one of the two occurrences is empty or blank (and the other is not): the one
 * mistake is said in this finding, and its fix (duplicateParamFixes) removes the empty one. Undefined otherwise.
 */
export function emptyDuplicateMessage(first: QueryParam | undefined, param: QueryParam): string | undefined {
  const empty = param.value === '' ? 'empty' : param.value.trim() === '' ? 'blank (only whitespace)' : undefined;
  if (empty) return `${displayableName(param.name)} is given more than once, and this one is ${empty}: remove it.`;
  if (first && first.value.trim() === '') return `${displayableName(param.name)} is given more than once, and the earlier one is empty: remove that one.`;
  return undefined;
}

/** Whether a Query parameter's value as written is a placeholder (`<token>`; `%3Ctoken%3E` is one only decoded). */
export function placeholderAsWritten(param: QueryParam): boolean {
  return param instanceof Param && param.placeholderAsWritten;
}

/** Where `param` is in `params` (in text order): a binary search, since a request may have thousands. */
function indexOfParam(params: readonly QueryParam[], param: QueryParam): number {
  const start = offsetOf(param);
  let lo = 0;
  let hi = params.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsetOf(params[mid]) < start) lo = mid + 1;
    else hi = mid;
  }
  return params[lo] === param ? lo : -1;
}

function offsetOf(param: QueryParam): number {
  return param instanceof Param ? param.offset : param.nameSpan.start;
}

/** Sorted edits with the touching ones joined (`?Engine=` + `&` → `?` is one edit). */
function joinAdjacentEdits(edits: TextEdit[]): TextEdit[] {
  // Usually in order already (the removals are made in text order): sort only when not.
  for (let i = 1; i < edits.length; i++) {
    if (edits[i].span.start < edits[i - 1].span.start) {
      edits.sort((a, b) => a.span.start - b.span.start);
      break;
    }
  }
  const out: TextEdit[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && last.span.end === e.span.start) out[out.length - 1] = { span: { start: last.span.start, end: e.span.end }, newText: last.newText + e.newText };
    else out.push(e);
  }
  return out;
}

export interface RawQueryRequest {
  span: Span;
  host?: { value: string; span: Span };
  /** Path part of the URL as written (`/` in the usual case). */
  path?: { value: string; span: Span };
  scheme?: { value: string; span: Span };
  params: QueryParam[];
  /** Set by the protocol checks: the Region of the endpoint host (null when the host is not an endpoint). */
  endpointRegion?: string | null;
}

export { displayableName, hidesValue, isSecretName };

/**
 * A documentation placeholder such as `<credential>`, `{{token}}` or `${SIGNATURE}`: what
 * `/^(<[^<>]*>|\{\{[^{}]*\}\}|\$\{[^{}]*\}|\{[A-Za-z_][\w-]*\})$/` matches, by character codes (it runs several
 * times per placeholder value, and a regex run costs more than the whole scan).
 */
export function isPlaceholder(raw: string): boolean {
  const n = raw.length;
  const c = raw.charCodeAt(0);
  const last = raw.charCodeAt(n - 1);
  if (c === 0x3c) return n >= 2 && last === 0x3e && noneOf(raw, 1, n - 1, 0x3c, 0x3e); // <…> without < >
  if (last !== 0x7d) return false; // the other forms end with }
  if (c === 0x24) return n >= 3 && raw.charCodeAt(1) === 0x7b && noneOf(raw, 2, n - 1, 0x7b, 0x7d); // ${…}
  if (c !== 0x7b) return false;
  if (raw.charCodeAt(1) === 0x7b) return n >= 4 && raw.charCodeAt(n - 2) === 0x7d && noneOf(raw, 2, n - 2, 0x7b, 0x7d); // {{…}}
  // {name}: a letter or _, then word characters or -
  if (n < 3 || !(isAsciiLetter(raw.charCodeAt(1)) || raw.charCodeAt(1) === 0x5f)) return false;
  for (let i = 2; i < n - 1; i++) {
    const d = raw.charCodeAt(i);
    if (!(isAsciiLetter(d) || (d >= 0x30 && d <= 0x39) || d === 0x5f || d === 0x2d)) return false;
  }
  return true;
}

/**
 * What every form says about a placeholder value (a Query parameter, a JSON/YAML AuthToken): one finding, naming the
 * member, never quoting the value (a secret's placeholder may be a secret).
 */
export const PLACEHOLDER_CODE = 'query-placeholder';

export function placeholderFinding(name: string, span: Span, unencodedInUrl = false): Finding {
  const why = unencodedInUrl ? " (as written, its '<', '>' or braces are not even valid in a URL)" : '';
  return { code: PLACEHOLDER_CODE, severity: 'warning', message: `${name} is a placeholder, not a value: replace it before sending the request${why}.`, span };
}

/** Whether `s[from, to)` has neither character `a` nor `b`. */
function noneOf(s: string, from: number, to: number, a: number, b: number): boolean {
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i);
    if (d === a || d === b) return false;
  }
  return true;
}

const HEX = /^[0-9A-Fa-f]{2}$/;
/** Character findings per name or value before the rest are summed up in one (see decodeComponent). */
export const MAX_CHARACTER_FINDINGS = 50;
/** Characters that need decoding or a finding; anything else is taken as written. */
const NEEDS_DECODING = /[%+=\s<>"{}|\\^`#\u0000-\u001f\u007f-\uffff]/;
// Characters that may never appear unencoded in a URL query (RFC 3986): they break the URL or start a fragment.
const ILLEGAL_IN_URL = new Set([' ', '\t', '<', '>', '"', '{', '}', '|', '\\', '^', '`', '#']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Only well-formed %XX escapes among characters that need no decoding (a scan instead of a backtracking regex). */
function onlyEscapes(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25) {
      // charCodeAt past the end is NaN: not a hex digit.
      if (!isHexDigit(raw.charCodeAt(i + 1)) || !isHexDigit(raw.charCodeAt(i + 2))) return false;
      i += 2;
    } else if (c >= 0x7f || NEEDS_DECODING_ASCII[c] === 1) return false;
  }
  return true;
}

function encodeChar(ch: string): string | undefined {
  try {
    return encodeURIComponent(ch);
  } catch {
    return undefined; // lone surrogate
  }
}

/**
 * Percent-decodes one name or value (`+` is a space, as in form bodies) and reports characters that are not
 * valid in a URL. `offset` is the document offset of `raw`. A secret's findings name none of its characters.
 * `label`: what the messages call the text (`the value`, or `the AuthToken` for a piece of one cut at an '&').
 */
export function decodeComponent(
  raw: string,
  offset: number,
  findings: Finding[],
  what: 'name' | 'value',
  quiet: boolean,
  secret = false,
  freeText = false,
  label = `the ${what}`,
): { text: string; ok: boolean } {
  if (!NEEDS_DECODING.test(raw)) return { text: raw, ok: true };
  // A placeholder is reported once as such: without '%' or '+' its text stays exactly as written.
  if (quiet && raw.indexOf('%') < 0 && raw.indexOf('+') < 0) return { text: raw, ok: true };
  // Where a '#' first is: what follows it may be a note (see the fixes below); found once, not per character.
  const firstHash = raw.indexOf('#');
  // Common case: only well-formed %XX escapes among ordinary characters; the native decoder handles it.
  if (onlyEscapes(raw)) {
    try {
      return { text: decodeURIComponent(raw), ok: true };
    } catch {
      // invalid UTF-8: the character-by-character pass below reports it
    }
  }
  let out = '';
  let ok = true;
  let notedPlus = false;
  // Findings on characters are one per run of alike characters, and at most MAX_CHARACTER_FINDINGS per name or value
  // (then one for the rest): a value of 5 MB of '%' or alternating 'é' and 'a' has bounded findings and fixes.
  let reported = 0;
  let unreported: { start: number; end: number; count: number; error: boolean } | undefined;
  const report = (finding: Finding) => {
    if (reported++ < MAX_CHARACTER_FINDINGS) findings.push(finding);
    else if (unreported) {
      unreported.end = finding.span.end;
      unreported.count++;
      unreported.error ||= finding.severity === 'error';
    } else unreported = { start: finding.span.start, end: finding.span.end, count: 1, error: finding.severity === 'error' };
  };
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === '%') {
      const bytes: number[] = [];
      const start = i;
      while (i < raw.length && raw[i] === '%') {
        const hex = raw.slice(i + 1, i + 3);
        if (!HEX.test(hex)) break;
        bytes.push(parseInt(hex, 16));
        i += 3;
      }
      if (bytes.length === 0) {
        ok = false;
        // The '%' characters in a row that start no escape: one finding, one edit.
        let end = i + 1;
        while (end < raw.length && raw[end] === '%' && !HEX.test(raw.slice(end + 1, end + 3))) end++;
        report({
          code: 'query-bad-percent-encoding',
          severity: 'error',
          message: `Broken percent-encoding in ${label}: '%' must be followed by two hexadecimal digits (write %25 for a literal '%').`,
          span: { start: offset + i, end: offset + Math.min(raw.length, end + 2) },
          awsError: 'InvalidParameterValue',
          // In a secret, '%25' changes what is sent (a literal '%' where a broken escape may be meant): the user's choice.
          fixes: [{ title: "Encode '%' as %25", edits: [{ span: { start: offset + i, end: offset + end }, newText: '%25'.repeat(end - i) }], ...(secret ? { choice: true as const } : {}) }],
        });
        out += '%'.repeat(end - i);
        i = end;
        continue;
      }
      try {
        out += utf8.decode(new Uint8Array(bytes));
      } catch {
        ok = false;
        report({
          code: 'query-bad-percent-encoding',
          severity: 'error',
          message: `The percent-encoded bytes in ${label} are not valid UTF-8.`,
          span: { start: offset + start, end: offset + i },
          awsError: 'InvalidParameterValue',
        });
        out += raw.slice(start, i);
      }
      continue;
    }
    if (ch === '+') {
      // Form encoding reads '+' as a space; a '+' meant literally (timestamps, base64) silently changes the value. In
      // free text (descriptions, tags, access strings) '+' is how the AWS CLI and SDKs write a space
      // (`ReplicationGroupDescription=my+group`): only a note there.
      let end = i + 1;
      while (end < raw.length && raw[end] === '+') end++;
      if (!quiet && !(freeText && notedPlus)) {
        notedPlus = true; // free text: one note per value, not one per word
        const span = { start: offset + i, end: offset + end };
        report({
          code: 'query-unencoded-character',
          severity: freeText ? 'information' : 'warning',
          message: secret
            ? `A character in ${label} is read as a space as written: percent-encode it (or write %20 for a space).`
            : freeText
            ? `'+' in ${label} is read as a space, as the AWS CLI and SDKs write spaces; write %2B if you mean a plus sign.`
            : `Unencoded '+' in ${label} is read as a space: write %2B for a plus sign (or %20 for a space).`,
          span,
          fixes: [
            { title: secret ? 'Percent-encode it' : "Encode '+' as %2B (a plus sign)", edits: [{ span, newText: '%2B'.repeat(end - i) }] },
            { title: secret ? 'Encode it as a space (%20)' : "Encode '+' as %20 (a space)", edits: [{ span, newText: '%20'.repeat(end - i) }] },
          ],
        });
      }
      out += ' '.repeat(end - i);
      i = end;
      continue;
    }
    if (ch === '=' && what === 'value' && !quiet) {
      let end = i + 1;
      while (end < raw.length && raw[end] === '=') end++;
      const span = { start: offset + i, end: offset + end };
      report({
        code: 'query-unencoded-character',
        severity: 'warning',
        message: secret ? `A character in ${label} should be percent-encoded so the value cannot be misread: percent-encode it.` : "Unencoded '=' in the value: percent-encode it as %3D so the value cannot be misread.",
        span,
        fixes: [{ title: secret ? 'Percent-encode it' : "Encode '=' as %3D", edits: [{ span, newText: '%3D'.repeat(end - i) }], isPreferred: true }],
      });
      out += raw.slice(i, end);
      i = end;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (!quiet) {
      if (ILLEGAL_IN_URL.has(ch) || code < 0x20 || code === 0x7f) {
        let end = i + 1;
        if (ch === ' ' || ch === '\t') while (end < raw.length && (raw[end] === ' ' || raw[end] === '\t')) end++;
        else while (end < raw.length && raw[end] === ch) end++;
        const text = raw.slice(i, end);
        // A secret (AuthToken) is never quoted, not even one character of it.
        const printable = secret ? 'character' : code < 0x20 || code === 0x7f ? `U+${code.toString(16).padStart(4, '0').toUpperCase()}` : ch === ' ' ? 'space' : `'${ch}'`;
        report({
          code: 'query-unencoded-character',
          severity: 'error',
          message:
            ch === '#' && !secret
              ? `Unencoded '#' in ${label}: it starts the URL fragment, so the rest of the request is cut off. Write %23.`
              : `Unencoded ${printable} in ${label} is not valid in a URL; percent-encode it${secret ? '' : ` (${encodeURIComponent(ch)})`}.`,
          span: { start: offset + i, end: offset + end },
          awsError: 'InvalidParameterValue',
          // A '#' (the blanks before one, what follows it) may as well be a note meant as a comment (`NumCacheNodes=1
          // # why`): encoding is one way out, ending the value another, so "fix all" leaves it to the user.
          fixes: [{ title: secret ? 'Percent-encode it' : `Percent-encode as ${encodeURIComponent(ch)}`, edits: [{ span: { start: offset + i, end: offset + end }, newText: encodeURIComponent(text) }], isPreferred: true, ...(ch === '#' || raw[end] === '#' || (firstHash >= 0 && firstHash < i) ? { choice: true as const } : {}) }],
        });
        out += text;
        i = end;
        continue;
      }
      if (code >= 0x80) {
        const len = nonAsciiLength(raw, i);
        const encoded = encodeChar(raw.slice(i, i + len));
        // The characters in a row of the same kind (encodable, or lone surrogates): one finding, one edit.
        let end = i + len;
        while (end < raw.length && raw.charCodeAt(end) >= 0x80) {
          const next = nonAsciiLength(raw, end);
          if ((encodeChar(raw.slice(end, end + next)) === undefined) !== (encoded === undefined)) break;
          end += next;
        }
        const several = end > i + len;
        const title = secret ? 'Percent-encode it' : several ? `Percent-encode as ${encoded}…` : `Percent-encode as ${encoded}`;
        report({
          code: 'query-unencoded-character',
          severity: encoded ? 'warning' : 'error',
          message: encoded
            ? several
              ? `Non-ASCII characters in ${label}: percent-encode them as UTF-8${secret ? '' : ` (${encoded}…)`}.`
              : `Non-ASCII character in ${label}: percent-encode it as UTF-8${secret ? '' : ` (${encoded})`}.`
            : `Invalid character${several ? 's' : ''} (${several ? '' : 'a '}lone UTF-16 surrogate${several ? 's' : ''}) in ${label}.`,
          span: { start: offset + i, end: offset + end },
          awsError: 'InvalidParameterValue',
          fixes: encoded ? [{ title, edits: [{ span: { start: offset + i, end: offset + end }, newText: several ? encodeURIComponent(raw.slice(i, end)) : encoded }], ...((firstHash >= 0 && firstHash < i) ? { choice: true as const } : {}) }] : undefined,
        });
        if (!encoded) ok = false;
        out += raw.slice(i, end);
        i = end;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  if (unreported) {
    findings.push({
      code: 'query-unencoded-character',
      severity: unreported.error ? 'error' : 'warning',
      message: `${unreported.count} more places in ${label} have characters that need percent-encoding (too many to list one by one): percent-encode them as UTF-8, a literal '%' as %25.`,
      span: { start: unreported.start, end: unreported.end },
      awsError: 'InvalidParameterValue',
    });
  }
  return { text: out, ok };
}

/** UTF-16 length of the non-ASCII character at `i`: 2 for a surrogate pair, else 1 (a lone surrogate too). */
function nonAsciiLength(raw: string, i: number): number {
  const code = raw.charCodeAt(i);
  const next = raw.charCodeAt(i + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c;
}

/** The findings on a name's or value's characters, whose messages and fix titles may name a character. */
const CHARACTER_CODES = new Set(['query-unencoded-character', 'query-bad-percent-encoding', 'query-double-encoded']);

/**
 * A piece of a secret cut at an unencoded '&' (`AuthToken=abc&de<f`: `de<f` reads as a parameter of its own) is known
 * only once the request is parsed, so its characters were reported as an ordinary parameter's, naming the character
 * and its escape (`Unencoded '<' in the name … (%3C)`): those findings, `findings[from…to)` (the request's parse
 * findings), get the secret's words instead, which name none of its characters.
 */
export function hideSecretPieceCharacters(params: readonly QueryParam[], text: string, findings: Finding[], from: number, to: number): void {
  let pieces: [piece: QueryParam, secret: QueryParam][] | undefined;
  const safeFindings = new Map<QueryParam, Finding[]>();
  for (let i = from; i < to; i++) {
    const f = findings[i];
    if (!CHARACTER_CODES.has(f.code)) continue;
    pieces ??= secretPieces(params);
    if (pieces.length === 0) return;
    const found = pieces.find(([piece]) => f.span.start >= piece.span.start && f.span.end <= piece.span.end);
    if (!found) continue;
    const [piece, secret] = found;
    let safe = safeFindings.get(piece);
    if (!safe) safeFindings.set(piece, (safe = secretPieceFindings(piece, secret, text)));
    const same = safe.find((g) => g.code === f.code && g.span.start === f.span.start && g.span.end === f.span.end);
    f.message = same ? same.message : `A character in the ${displayableName(secret.name)} needs percent-encoding: percent-encode it.`;
    if (same?.fixes) f.fixes = same.fixes;
    else delete f.fixes;
  }
}

/** Each parameter that continues a secret, with that secret. */
function secretPieces(params: readonly QueryParam[]): [QueryParam, QueryParam][] {
  const pieces: [QueryParam, QueryParam][] = [];
  for (let k = 1; k < params.length; k++) {
    const secret = params[k].nameId === UNKNOWN_NAME ? continuedSecret(params, k) : undefined;
    if (secret) pieces.push([params[k], secret]);
  }
  return pieces;
}

/** The findings on a piece's characters as for a secret's value: the same findings, in words that quote none of it. */
function secretPieceFindings(piece: QueryParam, secret: QueryParam, text: string): Finding[] {
  const label = `the ${displayableName(secret.name)}`;
  const found: Finding[] = [];
  const { nameSpan, valueSpan } = piece;
  decodeComponent(text.slice(nameSpan.start, nameSpan.end), nameSpan.start, found, 'name', false, true, false, label);
  const rawValue = text.slice(valueSpan.start, valueSpan.end);
  // Not quiet for a placeholder: what the parse reported in it is matched by its span, the rest is not used.
  decodeComponent(rawValue, valueSpan.start, found, 'value', false, true, false, label);
  if (rawValue.indexOf('%25') >= 0) reportDoubleEncoding(rawValue, valueSpan.start, true, found);
  return found;
}

/** Parses a whole `.elasticache` document (or a bare query string / form body) into requests. */
export function parseQueryDocument(text: string, findings: Finding[]): RawQueryRequest[] {
  const requests: RawQueryRequest[] = [];
  forEachQueryRequest(text, findings, (request) => requests.push(request));
  return requests;
}

/**
 * Parses the requests of `text` one at a time, handing each to `visit` as soon as it ends (so that a caller that keeps
 * little of each lets the rest die young: a 5,000-request document no longer holds every parameter at once).
 * `from`/`to`: only the lines from the one holding `from` to the one holding `to` (a request's span parses to that
 * request again, exactly as in the whole document: a request starts with no state from the text before it).
 */
export function forEachQueryRequest(text: string, findings: Finding[], visit: (request: RawQueryRequest) => void, from = 0, to = text.length): void {
  const limit = Math.min(to, text.length);
  equalsText = undefined;
  ampersandText = undefined;
  let current: RawQueryRequest | undefined;
  let sawQuestionMark = false;
  // Whether the request's last line ended with `&` or `?`: then the next line continues it, even without a leading `&`.
  let openEnded = false;
  // Where the line after the last piece of a wrapped secret starts: a secret wrapped over several lines goes on while
  // each line right after a piece could be one too.
  let afterSecretPiece = -1;

  let pos = from > 0 ? text.lastIndexOf('\n', from - 1) + 1 : 0;
  while (pos <= limit) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const lineStart = pos;
    let contentStart = pos;
    let contentEnd = end;
    while (contentStart < end && isBlank(text.charCodeAt(contentStart))) contentStart++;
    while (contentEnd > contentStart && isBlank(text.charCodeAt(contentEnd - 1))) contentEnd--;
    pos = end + 1;

    if (contentStart === contentEnd) {
      if (current) visit(current);
      current = undefined;
      if (end >= limit) break;
      continue;
    }
    const first = text[contentStart];
    // A Markdown code fence pasted along with a documentation example ends a request, like a blank line.
    if (first === '`' && text.startsWith('```', contentStart)) {
      if (current) visit(current);
      current = undefined;
      if (end >= limit) break;
      continue;
    }
    if (first === '#') {
      if (text.startsWith('###', contentStart)) {
        if (current) visit(current);
        current = undefined;
      }
      if (end >= limit) break;
      continue;
    }
    if (first === '/' && text.charCodeAt(contentStart + 1) === 0x2f) {
      // `//` (the REST Client and JavaScript habit) is no comment here; read as a request it would give a handful of
      // unrelated findings (no Action, no Version, …), so it is one finding and the line is skipped like a `#` line.
      const s = { start: contentStart, end: contentStart + 2 };
      findings.push({
        code: 'query-syntax',
        severity: 'error',
        message: "Comments start with '#' in .elasticache files; '//' is not a comment here. Write '#' instead.",
        span: s,
        fixes: [{ title: "Replace '//' with '#'", edits: [{ span: s, newText: '#' }], isPreferred: true }],
      });
      if (end >= limit) break;
      continue;
    }
    const lineEnd = end > contentEnd && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    if (lineEnd > contentEnd) {
      const s = { start: contentEnd, end: lineEnd };
      findings.push({
        code: 'query-trailing-whitespace',
        severity: 'warning',
        message:
          'Trailing whitespace after the value: whitespace is not part of a URL, and if the lines are joined into one URL it ends up in the value. Remove it.',
        span: s,
        fixes: [{ title: 'Remove trailing whitespace', edits: [{ span: s, newText: '' }], isPreferred: true }],
      });
    }
    if (first === '?' || first === '&') {
      if (!current) {
        current = { span: { start: contentStart, end: contentEnd }, params: [] };
        sawQuestionMark = false;
      }
      current.span.end = contentEnd;
      if (first === '?') {
        if (sawQuestionMark) {
          const s = { start: contentStart, end: contentStart + 1 };
          findings.push({
            code: 'query-syntax',
            severity: 'error',
            message: "A second '?' in the request: only the first separates the URL from the query; continue with '&'.",
            span: s,
            fixes: [{ title: "Replace '?' with '&'", edits: [{ span: s, newText: '&' }], isPreferred: true }],
          });
        }
        sawQuestionMark = true;
      }
      const before = current.params.length;
      splitParams(text, contentStart, contentEnd, current, findings);
      if (current.params.length === before + 1) (current.params[before] as Param).setLine(lineStart, Math.min(text.length, end + 1));
      openEnded = endsWithSeparator(text, contentEnd);
      if (end >= limit) break;
      continue;
    }
    if (current && openEnded && !startsAnotherRequest(text.slice(contentStart, contentEnd), current)) {
      // The previous line ended with `&` (`…&CacheClusterId=x&` then `Engine=redis&`): a line break after the separator.
      current.span.end = contentEnd;
      const before = current.params.length;
      splitParams(text, contentStart, contentEnd, current, findings, true);
      if (current.params.length === before + 1) (current.params[before] as Param).setLine(lineStart, Math.min(text.length, end + 1));
      openEnded = endsWithSeparator(text, contentEnd);
      if (end >= limit) break;
      continue;
    }
    if (current && continuesSecretOnNextLine(text, contentStart, contentEnd, lineStart, end, current, findings, afterSecretPiece === lineStart)) {
      // The secret may go on on the next line only while this line ends in a piece (not `…&Engine=redis`).
      if (unknownName(current.params[current.params.length - 1])) afterSecretPiece = pos;
      openEnded = endsWithSeparator(text, contentEnd);
      if (end >= limit) break;
      continue;
    }
    // A new request: a URL (with or without scheme) or a bare query string / form body.
    if (current) visit(current);
    current = { span: { start: contentStart, end: contentEnd }, params: [] };
    sawQuestionMark = false;
    const content = text.slice(contentStart, contentEnd);
    const schemeLength = schemeLengthOf(content);
    if (looksLikeUrl(content, schemeLength)) {
      const base = contentStart;
      let i = 0;
      if (schemeLength > 0) {
        current.scheme = { value: content.slice(0, schemeLength), span: { start: base, end: base + schemeLength } };
        i = schemeLength + 3; // past `://`
      }
      let hostEnd = i;
      for (; hostEnd < content.length; hostEnd++) {
        const c = content.charCodeAt(hostEnd);
        if (c === 0x2f || c === 0x3f || c === 0x23 || c <= 0x20) break; // / ? # or whitespace
      }
      current.host = { value: content.slice(i, hostEnd), span: { start: base + i, end: base + hostEnd } };
      let pathEnd = hostEnd;
      while (pathEnd < content.length && content[pathEnd] !== '?') pathEnd++;
      current.path = { value: content.slice(hostEnd, pathEnd), span: { start: base + hostEnd, end: base + pathEnd } };
      if (pathEnd < content.length) {
        sawQuestionMark = true;
        splitParams(text, base + pathEnd, contentEnd, current, findings);
      }
    } else {
      const start = first === '?' ? contentStart : contentStart;
      splitParams(text, start, contentEnd, current, findings, first !== '?' && first !== '&');
      if (first === '?') sawQuestionMark = true;
    }
    openEnded = endsWithSeparator(text, contentEnd);
    if (end >= limit) break;
  }
  if (current) visit(current);
  // The remembered searches hold the text: let a closed document's text go.
  equalsText = undefined;
  ampersandText = undefined;
}

/**
 * A line that goes on with the secret at the end of the line before (`&AuthToken=abc` then `defg…`: a token wrapped
 * by an editor or pasted broken): added to `current` as the secret's pieces, which query-secret-split reports on the
 * secret, quoting nothing. Read as a request of its own, as any other line that does not start with `?` or `&`, its
 * first name (a piece of the token) would show in the outline and in findings. Not when the line cannot be the
 * token's next characters (SECRET_PIECE_LINE: `Host: …`, `POST / HTTP/1.1`, `-- next`), is a URL, names an Action,
 * or its first name is known or close to one (a request of its own, or a typo to correct).
 */
function continuesSecretOnNextLine(text: string, contentStart: number, contentEnd: number, lineStart: number, lineEnd: number, current: RawQueryRequest, findings: Finding[], afterPiece: boolean): boolean {
  const params = current.params;
  // The secret: the last parameter, or (after a piece) the parameter the pieces before follow.
  let at = params.length - 1;
  if (afterPiece) while (at > 0 && !hidesValue(params[at].name)) at--;
  const secret = params[at];
  if (!secret || !hidesValue(secret.name)) return false;
  const content = text.slice(contentStart, contentEnd);
  // An AuthToken's characters are documented (SECRET_PIECE_LINE); another secret's (a CreateUser password: any
  // printable character but / " @ %) only rule out a blank.
  if (!(isAuthTokenName(secret.name) ? SECRET_PIECE_LINE : NO_BLANK_LINE).test(content)) return false;
  if (looksLikeUrl(content, schemeLengthOf(content)) || namesAction(content)) return false;
  const pieces: RawQueryRequest = { span: { start: contentStart, end: contentEnd }, params: [] };
  const pieceFindings: Finding[] = [];
  splitParams(text, contentStart, contentEnd, pieces, pieceFindings, true);
  if (pieces.params.length === 0 || !unknownName(pieces.params[0])) return false;
  if (pieces.params.length === 1) (pieces.params[0] as Param).setLine(lineStart, Math.min(text.length, lineEnd + 1));
  current.span.end = contentEnd;
  for (const p of pieces.params) current.params.push(p);
  for (const f of pieceFindings) findings.push(f);
  return true;
}

/**
 * A line that may go on with a wrapped secret: no blank, and up to its first `=` only characters an AuthToken may
 * hold (letters, digits, LIMITS.authTokenSpecials, `&` among them), URL-unreserved ones, the `+` and `/` of a base64
 * secret written unencoded (an X-Amz-Security-Token), or percent-escapes; after an `=` the secret went on past an
 * unencoded `&` (`abc&def=ghi`) or ended in base64 padding, which query-secret-split reports as on one line.
 */
const NO_BLANK_LINE = /^\S+$/;

/** An AuthToken, or a name that goes on with its value (`AuthToken:…`, `AuthToken%3D…`). */
function isAuthTokenName(name: string): boolean {
  return name.length >= 9 && name.slice(0, 9).toLowerCase() === 'authtoken';
}

const SECRET_PIECE_LINE = new RegExp(`^(?:[A-Za-z0-9_.~+/${LIMITS.authTokenSpecials.replace(/[\\\]^-]/g, '\\$&')}]|%[0-9A-Fa-f]{2})+(?:=\\S*)?$`);

/**
 * Free text in the service model, beside every member named …Description and the AccessString shape (RBAC access
 * strings such as `on ~* +@all`): tag keys and values, in a Tag or as the items of a KeyList (RemoveTagsFromResource's
 * TagKeys), and parameter values. As `Owner.member`: a structure's member, or `List.member` for a list's items.
 */
const FREE_TEXT_LOCATIONS = new Set(['Tag.Key', 'Tag.Value', 'KeyList.member', 'ParameterNameValue.ParameterValue']);

let topLevelShapes: Map<string, string> | undefined;

/**
 * Whether a Query parameter's value is free text, where a space is ordinary: the name is resolved in the service model
 * (`TagKeys.member.1` is an item of the KeyList TagKeys, `Tags.Tag.1.Key` the Key of a Tag), whatever the action, as
 * the parser runs before it knows the action. Asked only for values with something to report.
 */
export function isFreeTextMember(name: string): boolean {
  if (!topLevelShapes) {
    topLevelShapes = new Map();
    for (const op of Object.values(serviceModel.operations)) {
      const members = op.input ? serviceModel.shapes[op.input]?.members : undefined;
      for (const [member, m] of Object.entries(members ?? {})) if (!topLevelShapes.has(member)) topLevelShapes.set(member, m.shape);
    }
  }
  const parts = name.split('.');
  let shapeName = topLevelShapes.get(parts[0]);
  let owner = '';
  let member = parts[0];
  for (let i = 1; shapeName !== undefined && i < parts.length; ) {
    const shape = serviceModel.shapes[shapeName];
    if (shape.type === 'list' && shape.member) {
      // `List.member.N` or `List.<item name>.N`
      if ((parts[i] !== 'member' && parts[i] !== shape.member.locationName) || i + 1 >= parts.length) return false;
      owner = shapeName;
      member = 'member';
      shapeName = shape.member.shape;
      i += 2;
    } else if (shape.type === 'structure' && shape.members && Object.hasOwn(shape.members, parts[i])) {
      owner = shapeName;
      member = parts[i];
      shapeName = shape.members[parts[i]].shape;
      i += 1;
    } else return false;
  }
  if (shapeName === undefined || serviceModel.shapes[shapeName]?.type !== 'string') return false;
  return shapeName === 'AccessString' || member.endsWith('Description') || FREE_TEXT_LOCATIONS.has(`${owner}.${member}`);
}

/**
 * Whether a line after a trailing `&` or `?` starts a request of its own instead of continuing `current`: a URL (with or
 * without scheme, as a new request line is read), or a form body that names Action while the request already has one.
 */
function startsAnotherRequest(content: string, current: RawQueryRequest): boolean {
  return looksLikeUrl(content, schemeLengthOf(content)) || (namesAction(content) && current.params.some((p) => p.name === 'Action'));
}

/**
 * Whether a request line is a URL rather than a bare query string / form body: it has a scheme, or a host before the
 * `?` that comes before the first `=` (`elasticache.us-west-2.amazonaws.com/?Action=…`), or, without any `=`, it starts
 * with a dotted host name.
 */
function looksLikeUrl(content: string, schemeLength: number): boolean {
  if (schemeLength > 0) return true;
  const eq = content.indexOf('=');
  if (eq < 0) return /^[^\s&=]+\.[^\s&=]+/.test(content);
  const q = content.indexOf('?');
  return q >= 0 && q < eq && hasUrlPunctuation(content, q);
}

/** Whether a line has an `Action=` parameter (at its start or after an `&`). Bounded by the line, not the document. */
function namesAction(content: string): boolean {
  for (let i = content.indexOf('Action='); i >= 0; i = content.indexOf('Action=', i + 1)) {
    if (i === 0 || content.charCodeAt(i - 1) === 0x26) return true;
  }
  return false;
}

/** Whether a line's content (ending at `contentEnd`) ends with a parameter separator, `&` or `?`. */
function endsWithSeparator(text: string, contentEnd: number): boolean {
  const c = text.charCodeAt(contentEnd - 1);
  return c === 0x26 || c === 0x3f;
}

/** Length of the scheme of `scheme://…` (what `/^([A-Za-z][A-Za-z0-9+.-]*):\/\//` captures), or 0. By character codes: it runs per request. */
function schemeLengthOf(content: string): number {
  if (!isAsciiLetter(content.charCodeAt(0))) return 0;
  let i = 1;
  for (; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (!(isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2e || c === 0x2d)) break; // + . -
  }
  return content.charCodeAt(i) === 0x3a && content.charCodeAt(i + 1) === 0x2f && content.charCodeAt(i + 2) === 0x2f ? i : 0;
}

function isAsciiLetter(c: number): boolean {
  const lower = c | 0x20; // maps A-Z onto a-z, and nothing else into a-z
  return lower >= 0x61 && lower <= 0x7a;
}

/** Whether `content[0, end)` has a `.`, `/` or `:` (a host or scheme before the `?`). */
function hasUrlPunctuation(content: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = content.charCodeAt(i);
    if (c === 0x2e || c === 0x2f || c === 0x3a) return true;
  }
  return false;
}

/** Splits `[from, to)` at `&` (and a leading `?`) into parameters. */
function splitParams(text: string, from: number, to: number, req: RawQueryRequest, findings: Finding[], noLeadingSeparator = false): void {
  let i = from;
  let sepStart: number | undefined;
  if (!noLeadingSeparator && (text[i] === '?' || text[i] === '&')) {
    sepStart = i;
    i++;
  }
  while (i <= to) {
    let j = nextAmpersand(text, i);
    if (j < 0 || j > to) j = to;
    if (j > i) addParam(text, i, j, req, findings, sepStart);
    sepStart = j;
    i = j + 1;
  }
}

// Characters that need decoding or a finding (what NEEDS_DECODING matches), as a table of ASCII codes; every
// code from 0x7f up needs it too. A scan of the document text avoids a regex run per name and value.
const NEEDS_DECODING_ASCII = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) NEEDS_DECODING_ASCII[c] = 1;
for (const ch of '%+= <>"{}|\\^`#') NEEDS_DECODING_ASCII[ch.charCodeAt(0)] = 1;

function needsDecoding(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x7f || NEEDS_DECODING_ASCII[c] === 1) return true;
  }
  return false;
}

// The first '=' at or after `equalsFrom` in `equalsText` (-1: none): the native search for the parameters' '=', remembered
// while the parameters that follow have not passed it. A search per parameter would go on to the end of the document
// for each parameter without one (`&x&x&x…` was quadratic); with it, the text is searched once. Forgotten at the start
// of every parse (forEachQueryRequest): nothing is carried from one analysis to the next.
let equalsText: string | undefined;
let equalsFrom = 0;
let equalsAt = -1;
function nextEquals(text: string, from: number): number {
  if (text !== equalsText || from < equalsFrom || (equalsAt >= 0 && equalsAt < from)) {
    equalsText = text;
    equalsFrom = from;
    equalsAt = text.indexOf('=', from);
  }
  return equalsAt;
}

// The same for the '&' that ends a parameter: a line without one (`Action=DescribeCacheClusters`, a request of its own
// on every other line) searched on to the next '&' in the document, to the end when there is none (quadratic).
let ampersandText: string | undefined;
let ampersandFrom = 0;
let ampersandAt = -1;
function nextAmpersand(text: string, from: number): number {
  if (text !== ampersandText || from < ampersandFrom || (ampersandAt >= 0 && ampersandAt < from)) {
    ampersandText = text;
    ampersandFrom = from;
    ampersandAt = text.indexOf('&', from);
  }
  return ampersandAt;
}

function addParam(text: string, start: number, end: number, req: RawQueryRequest, findings: Finding[], sepStart: number | undefined): void {
  // The parameter's own '=' only (the first '=' after its start may be a later parameter's).
  let eq = nextEquals(text, start);
  if (eq >= end) eq = -1;
  const nameEnd = eq < 0 ? end : eq;
  const valueStart = eq < 0 ? end : eq + 1;
  // Most names and values need no decoding: skip the per-character pass for them. A known name (the model's
  // names have no character that needs decoding) needs no scan at all.
  const knownId = knownNameIdAt(text, start, nameEnd);
  const nameNeedsDecoding = knownId === UNKNOWN_NAME && needsDecoding(text, start, nameEnd);
  const rawName = knownId === UNKNOWN_NAME ? text.slice(start, nameEnd) : knownNames()[knownId];
  const rawValue = eq < 0 ? '' : text.slice(valueStart, end);
  const name = nameNeedsDecoding ? decodeComponent(rawName, start, findings, 'name', false) : undefined;
  // Whether a value is a secret is a question about the decoded name (`Auth%54oken` is AuthToken), asked below only
  // for a value with something to report (most values have nothing).
  let decodedValue = rawValue;
  let valueOk = true;
  // One scan of the value in the document text (no regex run per value): most values need no decoding, and
  // most of the rest hold only well-formed %XX escapes, which the native decoder handles without findings.
  let valueScan = eq < 0 ? VALUE_PLAIN : scanValue(text, valueStart, end);
  if (valueScan === VALUE_ESCAPES_ONLY) {
    try {
      decodedValue = decodeURIComponent(rawValue);
    } catch {
      valueScan = VALUE_OTHER; // invalid UTF-8: decodeComponent reports it
    }
  }
  // A placeholder without '%' or '+' is taken as written (what decodeComponent returns for it, without its regexes).
  const placeholderAsWritten = valueScan === VALUE_OTHER && isPlaceholder(rawValue);
  if (placeholderAsWritten && rawValue.indexOf('%') < 0 && rawValue.indexOf('+') < 0) valueScan = VALUE_PLACEHOLDER;
  if (valueScan === VALUE_OTHER) {
    const memberName = name ? name.text : rawName;
    const value = decodeComponent(rawValue, valueStart, findings, 'value', placeholderAsWritten, isSecretName(memberName), isFreeTextMember(memberName));
    decodedValue = value.text;
    valueOk = value.ok;
  }
  // A value percent-encoded twice (`%253A` decodes to the text `%3A`). Only a value with escapes can hold
  // `%25`, so plain values (most of them) pay nothing, and the rest one indexOf.
  if (valueScan !== VALUE_PLAIN && valueOk && rawValue.indexOf('%25') >= 0) reportDoubleEncoding(rawValue, valueStart, isSecretName(name ? name.text : rawName), findings);
  const nameId = name ? knownNameId(name.text) : knownId;
  const decodedName = nameId === UNKNOWN_NAME ? (name ? name.text : rawName) : knownNames()[nameId];
  // The separator, when there is one, is right before the name (splitParams); the value starts after the `=`.
  const separated = sepStart === start - 1;
  const bits =
    ((name?.ok ?? true) && valueOk ? DECODED : 0) |
    (separated ? SEPARATED : 0) |
    (separated && text.charCodeAt(sepStart) === 0x3f ? QUESTION_MARK_BEFORE : 0) |
    (text.charCodeAt(end) === 0x26 ? AMPERSAND_AFTER : 0) |
    (placeholderAsWritten ? PLACEHOLDER_AS_WRITTEN : 0);
  const param = new Param(decodedName, nameId, decodedValue, start, nameEnd, end, bits);
  req.params.push(param);
}

/** A-Z a-z 0-9 - _ . ~ (RFC 3986 unreserved): encoders leave these as they are, so `%41` is nobody's output. */
function isUnreservedByte(b: number): boolean {
  const lower = b | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e;
}

/**
 * `query-double-encoded`: `%25XX` in the raw value decodes to the text `%XX`, which AWS then receives literally
 * (`arn%253Aaws` arrives as `arn%3Aaws`). Reported when some `%25XX` has an XX an encoder would produce (not
 * an unreserved character), since double encoding is what makes that; the fix takes one level of encoding
 * off every `%25XX` of the value (deleting the `25`s: the edits hold no text of the value, secret or not).
 * A warning, not an error: the request goes through and a literal `%XX` may be meant (a tag value holding
 * a URL-encoded text), but when it is a mistake the value AWS keeps differs silently, as with an unencoded `+`.
 */
function reportDoubleEncoding(raw: string, offset: number, secret: boolean, findings: Finding[]): void {
  let edits: TextEdit[] | undefined;
  let first = -1;
  for (let i = raw.indexOf('%25'); i >= 0; i = raw.indexOf('%25', i + 3)) {
    if (!isHexDigit(raw.charCodeAt(i + 3)) || !isHexDigit(raw.charCodeAt(i + 4))) continue;
    if (first < 0 && !isUnreservedByte(parseInt(raw.slice(i + 3, i + 5), 16))) first = i;
    (edits ??= []).push({ span: { start: offset + i + 1, end: offset + i + 3 }, newText: '' });
  }
  if (first < 0 || !edits) return;
  let message: string;
  if (secret) {
    // A secret (AuthToken) is never quoted, not even the escape.
    message = "This value looks percent-encoded twice: '%25' followed by two hexadecimal digits decodes to a literal '%' escape, which AWS receives as is. Percent-encode the value once.";
  } else {
    const twice = raw.slice(first, first + 5);
    const once = '%' + raw.slice(first + 3, first + 5);
    const byte = parseInt(raw.slice(first + 3, first + 5), 16);
    const meant = byte >= 0x20 && byte < 0x7f ? ` instead of '${String.fromCharCode(byte)}'` : '';
    message = `This value looks percent-encoded twice: ${twice} decodes to the text ${once}, which AWS receives as is${meant}. Percent-encode the value once.`;
  }
  findings.push({
    code: 'query-double-encoded',
    severity: 'warning',
    message,
    span: { start: offset, end: offset + raw.length },
    // Decoding once changes what is sent: for a secret, only the user knows which one is right (not for "fix all").
    fixes: [{ title: 'Percent-encode once (%25XX → %XX)', edits, isPreferred: true, ...(secret ? { choice: true as const } : {}) }],
  });
}

const VALUE_PLAIN = 0;
const VALUE_ESCAPES_ONLY = 1;
const VALUE_OTHER = 2;
/** Set by addParam for a placeholder to keep as written (scanValue never returns it). */
const VALUE_PLACEHOLDER = 3;

/** VALUE_PLAIN (nothing to decode), VALUE_ESCAPES_ONLY (only well-formed %XX escapes to decode) or VALUE_OTHER. */
function scanValue(text: string, start: number, end: number): number {
  let result = VALUE_PLAIN;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25) {
      // charCodeAt past the end is NaN: not a hex digit.
      if (i + 2 >= end || !isHexDigit(text.charCodeAt(i + 1)) || !isHexDigit(text.charCodeAt(i + 2))) return VALUE_OTHER;
      result = VALUE_ESCAPES_ONLY;
      i += 2;
    } else if (c >= 0x7f || NEEDS_DECODING_ASCII[c] === 1) return VALUE_OTHER;
  }
  return result;
}
