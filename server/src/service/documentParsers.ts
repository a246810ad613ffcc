// JSON and YAML CLI input files → position-carrying value trees. The parsing itself is jsonc-parser's and
// yaml's (both keep offsets); this only converts their trees and reports their syntax errors as findings.
import { createScanner, printParseErrorCode, type JSONScanner, type ParseErrorCode } from 'jsonc-parser';
import { Composer, Lexer, Parser, YAMLParseError, isMap, isSeq, isScalar, isAlias, type CST, type Document, type Node as YamlNode } from 'yaml';
import { displayableName, hidesValue } from '../model/secrets';
import { knownNameId, knownNames, UNKNOWN_NAME } from './knownNames';
import { mayHoldSecret } from './secretParams';
import { suggest } from './text';
import type { Entry, Finding, Fix, Span, TextEdit, ValueNode } from './types';


/**
 * Deeper than any CLI input file needs. Both parsers recurse once per level (jsonc-parser's recovery as
 * mirrored below; yaml's parser and composer), so the limit is enforced inside the parsing itself: no text
 * can reach a deeper level, whatever its brackets, quotes or indentation.
 */
export const MAX_NESTING = 100;

function tooDeepFinding(code: 'json-syntax' | 'yaml-syntax', at: number): Finding {
  return {
    code,
    severity: 'error',
    message: `Nesting deeper than ${MAX_NESTING} levels: this is not a CLI input file, so it was not analysed further.`,
    span: { start: at, end: at + 1 },
  };
}

/** Thrown by the JSON tree builder at the first bracket past MAX_NESTING, to unwind without further parsing. */
class NestingTooDeep {
  constructor(readonly at: number) {}
}

/**
 * A JSON input file that starts with a byte order mark: Python's json module refuses it ("Unexpected UTF-8 BOM"), and
 * the AWS CLI answers "Invalid JSON received" (checked with `aws elasticache create-cache-cluster --cli-input-json`).
 * `span`: the mark in the text, or an empty span at 0 when the editor has taken it out of the text (it is in the file).
 */
export function byteOrderMarkFinding(span: Span, fixes?: Fix[]): Finding {
  return {
    code: 'json-syntax',
    severity: 'error',
    message: 'The file starts with a byte order mark (BOM), which the AWS CLI rejects as invalid JSON. Save the file as UTF-8 without a BOM.',
    span,
    ...(fixes ? { fixes } : {}),
  };
}

export function parseJsonDocument(text: string, findings: Finding[]): ValueNode | undefined {
  const p: JsonParse = { scanner: createScanner(text, false), text, token: TOKEN_UNKNOWN, errors: undefined, depth: 0, loose: undefined, nameExpected: false, valueExpected: false, looseLiteral: 0, endsInOpenToken: false };
  let root: ValueNode | undefined;
  try {
    root = parseJsonRoot(p);
  } catch (e) {
    if (!(e instanceof NestingTooDeep)) throw e;
    // Only this finding: errors before it come from the same pathological text.
    findings.push(tooDeepFinding('json-syntax', e.at));
    return undefined;
  }
  if (p.errors) {
    for (const e of p.errors) {
      if (e.offset === 0 && text.charCodeAt(0) === 0xfeff) {
        // Python's json module refuses a byte order mark ("Unexpected UTF-8 BOM"): the AWS CLI answers
        // "Invalid JSON received" (checked with `aws elasticache create-cache-cluster --cli-input-json`).
        findings.push(byteOrderMarkFinding({ start: 0, end: 1 }, [{ title: 'Remove the byte order mark', edits: [{ span: { start: 0, end: 1 }, newText: '' }], isPreferred: true }]));
        continue;
      }
      findings.push({
        code: 'json-syntax',
        severity: 'error',
        message: `Invalid JSON: ${e.detail ?? describeJsonError(printParseErrorCode(e.error as ParseErrorCode))}. The AWS CLI cannot read this file.`,
        span: { start: e.offset, end: e.offset + Math.max(e.length, 1) > text.length ? Math.max(e.offset, text.length) : e.offset + Math.max(e.length, 1) },
        ...(e.fixes ? { fixes: e.fixes } : {}),
      });
    }
  }
  return root;
}

function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

// jsonc-parser's token kinds and error codes (const enums in its typings, so not importable as values here).
const TOKEN_OPEN_BRACE = 1;
const TOKEN_CLOSE_BRACE = 2;
const TOKEN_OPEN_BRACKET = 3;
const TOKEN_CLOSE_BRACKET = 4;
const TOKEN_COMMA = 5;
const TOKEN_COLON = 6;
const TOKEN_NULL = 7;
const TOKEN_TRUE = 8;
const TOKEN_FALSE = 9;
const TOKEN_STRING = 10;
const TOKEN_NUMBER = 11;
const TOKEN_LINE_COMMENT = 12;
const TOKEN_BLOCK_COMMENT = 13;
const TOKEN_LINE_BREAK = 14;
const TOKEN_TRIVIA = 15;
const TOKEN_UNKNOWN = 16;
const TOKEN_EOF = 17;
const ERR_INVALID_SYMBOL = 1;
const ERR_INVALID_NUMBER_FORMAT = 2;
const ERR_PROPERTY_NAME_EXPECTED = 3;
const ERR_VALUE_EXPECTED = 4;
const ERR_COLON_EXPECTED = 5;
const ERR_COMMA_EXPECTED = 6;
const ERR_CLOSE_BRACE_EXPECTED = 7;
const ERR_CLOSE_BRACKET_EXPECTED = 8;
const ERR_END_OF_FILE_EXPECTED = 9;
const ERR_INVALID_COMMENT_TOKEN = 10;
/** ScanError (index) → ParseErrorCode; 0 = not reported (no error, or an unclosed comment: the comment itself is the error). */
const SCAN_ERROR_TO_PARSE_ERROR = [0, 0, 12, 13, 14, 15, 16];
const SCAN_END_OF_COMMENT = 1;
const SCAN_END_OF_STRING = 2;
/** Errors past this many are not reported (the first ones are what the user fixes first). */
const MAX_JSON_ERRORS = 20;

/** Token sets for error recovery, as bit masks over token kinds. */
const UNTIL_CLOSE_BRACE_OR_COMMA = (1 << TOKEN_CLOSE_BRACE) | (1 << TOKEN_COMMA);
const UNTIL_CLOSE_BRACKET_OR_COMMA = (1 << TOKEN_CLOSE_BRACKET) | (1 << TOKEN_COMMA);

interface JsonError {
  error: number;
  offset: number;
  length: number;
  /** Wording for a mistake this parser names itself (jsonc-parser's code would describe its recovery instead). */
  detail?: string;
  fixes?: Fix[];
  /** The closing brackets missing at the end of the text (one finding for all the containers left open). */
  missingClosers?: string;
}

interface JsonParse {
  scanner: JSONScanner;
  text: string;
  /** The current non-trivia token (what the scanner last returned to the parser). */
  token: number;
  errors: JsonError[] | undefined;
  /** Objects and arrays open around the current token. */
  depth: number;
  /** Set while the current token is a LooseString taken as a TOKEN_STRING (the scanner knows it as unknown). */
  loose: LooseString | undefined;
  /** The next token is in a member name's place (after `{` or `,` in an object): an unquoted name may follow. */
  nameExpected: boolean;
  /** The next token is in a value's place (after `:`, or an array item): an unquoted word may follow. */
  valueExpected: boolean;
  /** Set with `loose` when the loose token is a JSON literal in the wrong case (its token kind). */
  looseLiteral: number;
  /** The text ends inside a string or block comment left open: a bracket appended there would not close anything. */
  endsInOpenToken: boolean;
}

/**
 * A string the AWS CLI cannot read but whose meaning is plain: 'single-quoted', an unquoted name before a
 * colon, or an unquoted value (`"Engine": redis`). It is reported once, with a fix, and then parsed as the string it was meant to be: jsonc-parser's
 * recovery would drop it and report the colon and the closing bracket after it too, a cascade of findings
 * for one mistake, and the rest of the file would lose that member.
 */
interface LooseString {
  start: number;
  end: number;
  /** The name's span without quotes (what a quoted name's nameSpan is). */
  contentStart: number;
  contentEnd: number;
  value: string;
}

// The parser below is jsonc-parser's own `visit` (3.x) recovery logic, step for step, over its scanner, with
// the AWS CLI's options (no comments, no trailing commas, empty content allowed). It builds ValueNodes
// directly: `parseTree` builds an intermediate tree with parent links (plus a JSON path per property and
// closures per callback) that was converted right after, and that cost more than everything else here.

function parseJsonRoot(p: JsonParse): ValueNode | undefined {
  nextToken(p);
  if (p.token === TOKEN_EOF) return undefined;
  const root = parseJsonValue(p);
  if (!root) {
    jsonError(p, ERR_VALUE_EXPECTED, 0, 0);
    return undefined;
  }
  if (p.token !== TOKEN_EOF) jsonError(p, ERR_END_OF_FILE_EXPECTED, 0, 0);
  return root;
}

/** Next non-trivia token; scanner errors, comments and unknown symbols are reported on the way. */
function nextToken(p: JsonParse): number {
  const scanner = p.scanner;
  const text = p.text;
  for (;;) {
    // Whitespace and line breaks are trivia the parser drops, but the scanner builds a string of each run
    // character by character: step over them here. (setPosition resets only the token state; the line
    // count it then misses is not used.)
    let pos = scanner.getPosition();
    let c = text.charCodeAt(pos);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      do c = text.charCodeAt(++pos);
      while (c === 32 || c === 10 || c === 13 || c === 9);
      scanner.setPosition(pos);
    }
    const token = scanner.scan();
    const scanError = scanner.getTokenError();
    if (scanError === SCAN_END_OF_COMMENT || scanError === SCAN_END_OF_STRING) p.endsInOpenToken = true;
    if (scanError !== 0 && SCAN_ERROR_TO_PARSE_ERROR[scanError]) jsonError(p, SCAN_ERROR_TO_PARSE_ERROR[scanError], 0, 0);
    if (token === TOKEN_LINE_COMMENT || token === TOKEN_BLOCK_COMMENT) commentError(p, scanError === 0);
    else if (token === TOKEN_UNKNOWN) {
      // Only on the error path: a scanned unknown token may be a string written the wrong way.
      if (looseString(p)) {
        const literal = p.looseLiteral;
        if (literal) p.looseLiteral = 0;
        return (p.token = literal || TOKEN_STRING);
      }
      jsonError(p, ERR_INVALID_SYMBOL, 0, 0);
    } else if (token !== TOKEN_TRIVIA && token !== TOKEN_LINE_BREAK) {
      if (p.loose) p.loose = undefined;
      return (p.token = token);
    }
  }
}

/** The current token's offset and length (a LooseString spans more than the scanner's unknown token). */
function tokenOffset(p: JsonParse): number {
  return p.loose ? p.loose.start : p.scanner.getTokenOffset();
}

function tokenLength(p: JsonParse): number {
  return p.loose ? p.loose.end - p.loose.start : p.scanner.getTokenLength();
}

/** Records an error with its own wording and fixes (for mistakes named precisely), without recovery skipping. */
function jsonErrorAt(p: JsonParse, offset: number, length: number, detail: string, fixes: Fix[] | undefined): void {
  const errors = (p.errors ??= []);
  if (errors.length < MAX_JSON_ERRORS) errors.push({ error: 0, offset, length, detail, fixes });
}

/** A comment: Python's json has none. Deleting it is the fix (with the line, when the comment is all of it). */
function commentError(p: JsonParse, closed: boolean): void {
  const text = p.text;
  const start = p.scanner.getTokenOffset();
  const end = start + p.scanner.getTokenLength();
  let fixes: Fix[] | undefined;
  // An unclosed block comment runs to the end of the file: deleting it would delete the rest of the file.
  if (closed) {
    let from = start;
    while (from > 0 && (text.charCodeAt(from - 1) === 32 || text.charCodeAt(from - 1) === 9)) from--;
    let to = end;
    const c = from === 0 ? 10 : text.charCodeAt(from - 1);
    if (c === 10 || c === 13) {
      // Alone on its line: remove the line, not just leave it empty.
      let after = to;
      while (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9) after++;
      if (text.charCodeAt(after) === 13) after++;
      if (text.charCodeAt(after) === 10) to = after + 1;
      else if (after >= text.length) to = after;
    }
    fixes = [{ title: 'Remove the comment', edits: [{ span: { start: from, end: to }, newText: '' }], isPreferred: true }];
  }
  jsonErrorAt(p, start, end - start, 'comments are not allowed in JSON', fixes);
}

/**
 * Whether the unknown token just scanned is a LooseString; if so, reports it and makes it the current token.
 * Only clean cases: a single-quoted string closed on the same line without backslashes (escapes would need
 * interpreting) and followed by a separator, or a plain name directly followed by a colon.
 */
function looseString(p: JsonParse): boolean {
  const scanner = p.scanner;
  const text = p.text;
  const start = scanner.getTokenOffset();
  // Inside an object or array only: a quoted scalar as the whole file is reported as it was.
  if (text.charCodeAt(start) === 0x27 && p.depth > 0) {
    let close = start + 1;
    for (;; close++) {
      const c = text.charCodeAt(close);
      if (c === 0x27) break;
      if (c !== c || c === 10 || c === 13 || c === 0x5c) return false; // NaN: end of text
    }
    let after = close + 1;
    while (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9) after++;
    const next = text.charCodeAt(after);
    // , : } ] line break or end of text
    if (!(next === 0x2c || next === 0x3a || next === 0x7d || next === 0x5d || next === 10 || next === 13 || after >= text.length)) return false;
    const value = text.slice(start + 1, close);
    const span = { start, end: close + 1 };
    jsonErrorAt(p, start, span.end - start, 'strings and names must be in double quotes, not single quotes', [
      { title: 'Use double quotes', edits: [{ span, newText: JSON.stringify(value) }], isPreferred: true },
    ]);
    p.loose = { start, end: close + 1, contentStart: start + 1, contentEnd: close, value };
    scanner.setPosition(close + 1);
    return true;
  }
  if (p.valueExpected && p.depth > 0) return looseValue(p, start, start + scanner.getTokenLength());
  if (!p.nameExpected) return false;
  const end = start + scanner.getTokenLength();
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const letter = ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f; // A-Z a-z _
    if (!(letter || (i > start && c >= 0x30 && c <= 0x39))) return false;
  }
  let after = end;
  while (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9) after++;
  if (text.charCodeAt(after) !== 0x3a) return false;
  const span = { start, end };
  const value = text.slice(start, end);
  jsonErrorAt(p, start, end - start, 'property names must be in double quotes', [
    { title: 'Put the name in double quotes', edits: [{ span, newText: `"${value}"` }], isPreferred: true },
  ]);
  p.loose = { start, end, contentStart: start, contentEnd: end, value };
  return true;
}

/** A bare word as a value: quoted it is a string (`redis`, `cache.t4g.micro`, `us-west-2a`, `default.redis7`). */
const BARE_WORD = /^[A-Za-z_][\w.-]*$/;

/**
 * An unknown token where a value belongs (the scanner reads a run of characters other than whitespace and
 * `{ } [ ] , : " /` as one token), directly followed by `,` `}` `]`, a line break or the end. It is one mistake
 * and one finding: a JSON literal in the wrong case (`True`) is that literal, with a fix to lowercase it; a bare
 * word is the string it spells, with a fix that quotes it; anything else is still taken as its text (so the
 * value does not turn into a second "value expected" finding and a null), without a fix. The scanner already
 * read the token, so the caller's position is right.
 */
function looseValue(p: JsonParse, start: number, end: number): boolean {
  const text = p.text;
  let after = end;
  while (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9) after++;
  const next = text.charCodeAt(after);
  if (!(next === 0x2c || next === 0x7d || next === 0x5d || next === 10 || next === 13 || after >= text.length)) return false;
  const word = text.slice(start, end);
  const span = { start, end };
  const literal = word.toLowerCase();
  if (literal === 'true' || literal === 'false' || literal === 'null') {
    jsonErrorAt(p, start, end - start, `JSON's ${literal} is lowercase`, [{ title: `Change to ${literal}`, edits: [{ span, newText: literal }], isPreferred: true }]);
    p.loose = { start, end, contentStart: start, contentEnd: end, value: word };
    p.looseLiteral = literal === 'true' ? TOKEN_TRUE : literal === 'false' ? TOKEN_FALSE : TOKEN_NULL;
    return true;
  }
  const bare = BARE_WORD.test(word);
  jsonErrorAt(p, start, end - start, bare ? 'string values must be in double quotes' : 'a value must be a string in double quotes, a number, true, false, null, an object or a list', bare ? [{ title: 'Put the value in double quotes', edits: [{ span, newText: JSON.stringify(word) }], isPreferred: true }] : undefined);
  p.loose = { start, end, contentStart: start, contentEnd: end, value: word };
  return true;
}

/** Records an error at the current token, then skips tokens up to one in `until` (or past one in `untilAfter`). */
function jsonError(p: JsonParse, error: number, untilAfter: number, until: number): void {
  const errors = (p.errors ??= []);
  if (errors.length < MAX_JSON_ERRORS) errors.push({ error, offset: tokenOffset(p), length: tokenLength(p) });
  if (untilAfter === 0 && until === 0) return;
  let token = p.token;
  while (token !== TOKEN_EOF) {
    if (untilAfter & (1 << token)) {
      nextToken(p);
      break;
    }
    if (until & (1 << token)) break;
    token = nextToken(p);
  }
}

function currentSpan(p: JsonParse): { start: number; end: number } {
  const start = tokenOffset(p);
  return { start, end: start + tokenLength(p) };
}

/**
 * A comma right before the closing bracket (after a member, so `,,` and `[,]` keep recovery's findings): one
 * finding on the comma, whose removal is the fix. Recovery alone would report the bracket instead, and twice
 * in an object (name expected, value expected); the tree is the same either way.
 */
function trailingCommaError(p: JsonParse, comma: number, close: '}' | ']' | 'end'): void {
  jsonErrorAt(p, comma, 1, close === 'end' ? 'trailing comma at the end of the file' : `trailing comma before '${close}'`, [
    { title: 'Remove the trailing comma', edits: [{ span: { start: comma, end: comma + 1 }, newText: '' }], isPreferred: true },
  ]);
}

/**
 * An object or array still open at the end of the text: one finding at the end for all the containers left open
 * (innermost first, as they must be closed), with a fix that appends their closing brackets. Recovery alone
 * reports each at the last token, without a fix.
 */
function missingCloserError(p: JsonParse, close: '}' | ']'): void {
  const errors = (p.errors ??= []);
  const end = p.text.length;
  const last = errors[errors.length - 1];
  const closers = last?.missingClosers !== undefined && last.offset === end ? last.missingClosers + close : close;
  const what = closers.length > 1 ? `closing brackets '${closers}'` : close === '}' ? "closing brace '}'" : "closing bracket ']'";
  const error: JsonError = {
    error: 0,
    offset: end,
    length: 0,
    detail: `missing ${what} at the end of the file`,
    fixes: [{ title: `Add '${closers}' at the end`, edits: [{ span: { start: end, end }, newText: closers }], isPreferred: true }],
    missingClosers: closers,
  };
  if (closers.length > 1) errors[errors.length - 1] = error;
  else if (errors.length < MAX_JSON_ERRORS) errors.push(error);
}

/**
 * A missing comma between members, reported (as before) on the token that follows, with a fix inserting the
 * comma after the previous member. The caller passes that member only when the token can start the next one
 * (a name in an object, a value in an array: else a comma would not help), and the fix is offered only when
 * the member parsed without an error of its own (else its end is recovery's guess).
 */
function commaExpectedError(p: JsonParse, entry: Entry | undefined, item: ValueNode | undefined): void {
  const prevStart = entry ? entry.nameSpan.start - 1 : item ? item.span.start : -1;
  const prevEnd = entry ? entry.value.span.end : item ? item.span.end : -1;
  const errors = p.errors;
  const lastError = errors && errors.length > 0 ? errors[errors.length - 1].offset : -1;
  const clean = prevStart >= 0 && lastError < prevStart;
  jsonErrorAt(p, tokenOffset(p), tokenLength(p), 'comma expected', clean ? [{ title: 'Insert a comma', edits: [{ span: { start: prevEnd, end: prevEnd }, newText: ',' }], isPreferred: true }] : undefined);
}

function startsValue(token: number): boolean {
  return token === TOKEN_STRING || token === TOKEN_NUMBER || token === TOKEN_OPEN_BRACE || token === TOKEN_OPEN_BRACKET || token === TOKEN_TRUE || token === TOKEN_FALSE || token === TOKEN_NULL;
}

function parseJsonValue(p: JsonParse): ValueNode | undefined {
  const scanner = p.scanner;
  let node: ValueNode;
  switch (p.token) {
    case TOKEN_OPEN_BRACKET:
      return parseJsonArray(p);
    case TOKEN_OPEN_BRACE:
      return parseJsonObject(p);
    case TOKEN_STRING:
      node = { kind: 'scalar', value: p.loose ? p.loose.value : scanner.getTokenValue(), span: currentSpan(p) };
      break;
    case TOKEN_NUMBER: {
      let value = Number(scanner.getTokenValue());
      if (isNaN(value)) {
        jsonError(p, ERR_INVALID_NUMBER_FORMAT, 0, 0);
        value = 0;
      }
      const span = currentSpan(p);
      // Numbers keep their source text: botocore rejects `1.0` for an integer.
      node = { kind: 'scalar', value, span, raw: p.text.slice(span.start, span.end) };
      break;
    }
    case TOKEN_NULL:
      node = { kind: 'scalar', value: null, span: currentSpan(p) };
      break;
    case TOKEN_TRUE:
      node = { kind: 'scalar', value: true, span: currentSpan(p) };
      break;
    case TOKEN_FALSE:
      node = { kind: 'scalar', value: false, span: currentSpan(p) };
      break;
    default:
      return undefined;
  }
  nextToken(p);
  return node;
}

function parseJsonObject(p: JsonParse): ValueNode {
  const scanner = p.scanner;
  const start = scanner.getTokenOffset();
  if (++p.depth > MAX_NESTING) throw new NestingTooDeep(start);
  const entries: Entry[] = [];
  p.nameExpected = true;
  nextToken(p);
  p.nameExpected = false;
  let needsComma = false;
  /** The last step parsed a whole member (so a comma then `}` is a trailing comma, not `,,`, `{,` or `{"A",`). */
  let member = false;
  while (p.token !== TOKEN_CLOSE_BRACE && p.token !== TOKEN_EOF) {
    let commaMissing = false;
    if (p.token === TOKEN_COMMA) {
      const comma = scanner.getTokenOffset();
      if (!needsComma) jsonError(p, ERR_VALUE_EXPECTED, 0, 0);
      p.nameExpected = true;
      const next = nextToken(p);
      p.nameExpected = false;
      if (member && (next === TOKEN_CLOSE_BRACE || next === TOKEN_EOF)) {
        trailingCommaError(p, comma, next === TOKEN_EOF ? 'end' : '}');
        break;
      }
    } else if (needsComma) {
      commaExpectedError(p, entries.length > 0 && p.token === TOKEN_STRING ? entries[entries.length - 1] : undefined, undefined);
      commaMissing = true;
    }
    if (p.token !== TOKEN_STRING) {
      jsonError(p, ERR_PROPERTY_NAME_EXPECTED, 0, UNTIL_CLOSE_BRACE_OR_COMMA);
      jsonError(p, ERR_VALUE_EXPECTED, 0, UNTIL_CLOSE_BRACE_OR_COMMA);
      member = false;
    } else {
      const loose = p.loose;
      const name = loose ? loose.value : scanner.getTokenValue();
      const keyOffset = scanner.getTokenOffset();
      const nameSpan = loose ? { start: loose.contentStart, end: loose.contentEnd } : { start: keyOffset + 1, end: keyOffset + Math.max(1, scanner.getTokenLength() - 1) };
      let value: ValueNode | undefined;
      if (nextToken(p) === TOKEN_COLON) {
        p.valueExpected = true;
        nextToken(p);
        p.valueExpected = false;
        value = parseJsonValue(p);
        if (!value) jsonError(p, ERR_VALUE_EXPECTED, 0, UNTIL_CLOSE_BRACE_OR_COMMA);
      } else {
        jsonError(p, ERR_COLON_EXPECTED, 0, UNTIL_CLOSE_BRACE_OR_COMMA);
      }
      // A key with no comma after a secret's broken value (`"AuthToken": "ab"cd"ef"`) is text of the secret: no entry,
      // so no finding or outline entry is named after it (the comma-expected error is the one finding there).
      if (!(commaMissing && entries.length > 0 && knownNameId(name) === UNKNOWN_NAME && mayHoldSecret(entries[entries.length - 1].name))) {
        entries.push({ name, nameSpan, value: value ?? { kind: 'scalar', value: null, span: { start: nameSpan.end + 1, end: nameSpan.end + 1 }, missing: true } });
      }
      member = value !== undefined;
    }
    needsComma = true;
  }
  const end = scanner.getTokenOffset() + scanner.getTokenLength();
  if (p.token === TOKEN_EOF && !p.endsInOpenToken) missingCloserError(p, '}');
  else if (p.token !== TOKEN_CLOSE_BRACE) jsonError(p, ERR_CLOSE_BRACE_EXPECTED, 1 << TOKEN_CLOSE_BRACE, 0);
  else nextToken(p);
  p.depth--;
  return { kind: 'object', entries, span: { start, end } };
}

function parseJsonArray(p: JsonParse): ValueNode {
  const scanner = p.scanner;
  const start = scanner.getTokenOffset();
  if (++p.depth > MAX_NESTING) throw new NestingTooDeep(start);
  const items: ValueNode[] = [];
  p.valueExpected = true;
  nextToken(p);
  p.valueExpected = false;
  let needsComma = false;
  /** The last step parsed an item (so a comma then `]` is a trailing comma, not `,,` or `[,`). */
  let member = false;
  while (p.token !== TOKEN_CLOSE_BRACKET && p.token !== TOKEN_EOF) {
    if (p.token === TOKEN_COMMA) {
      const comma = scanner.getTokenOffset();
      if (!needsComma) jsonError(p, ERR_VALUE_EXPECTED, 0, 0);
      p.valueExpected = true;
      const next = nextToken(p);
      p.valueExpected = false;
      if (member && (next === TOKEN_CLOSE_BRACKET || next === TOKEN_EOF)) {
        trailingCommaError(p, comma, next === TOKEN_EOF ? 'end' : ']');
        break;
      }
    } else if (needsComma) {
      commaExpectedError(p, undefined, items.length > 0 && startsValue(p.token) ? items[items.length - 1] : undefined);
    }
    const item = parseJsonValue(p);
    if (item) items.push(item);
    else jsonError(p, ERR_VALUE_EXPECTED, 0, UNTIL_CLOSE_BRACKET_OR_COMMA);
    member = item !== undefined;
    needsComma = true;
  }
  const end = scanner.getTokenOffset() + scanner.getTokenLength();
  if (p.token === TOKEN_EOF && !p.endsInOpenToken) missingCloserError(p, ']');
  else if (p.token !== TOKEN_CLOSE_BRACKET) jsonError(p, ERR_CLOSE_BRACKET_EXPECTED, 1 << TOKEN_CLOSE_BRACKET, 0);
  else nextToken(p);
  p.depth--;
  return { kind: 'list', items, span: { start, end } };
}

/** `aliasSpans` receives the spans of the expanded aliases (`*name`), in which what is found has no place of its own to fix. */
export function parseYamlDocument(source: string, findings: Finding[], aliasSpans?: Span[]): ValueNode | undefined {
  const nonPrintable = YAML_NON_PRINTABLE.test(source);
  // A line of only blanks and control characters (a form feed between sections), or those then a comment, is read as
  // the blank or comment line it looks like: the one finding on it is then the control character, which the AWS CLI refuses, with its removal
  // (reportNonPrintable), not also a key with no name or a parse error. Offsets are kept: each becomes a space.
  const text = nonPrintable ? source.replace(CONTROL_ONLY_LINE, (line) => line.replace(NON_PRINTABLE_ALL, ' ')) : source;
  // YAML 1.2 core schema, as the AWS CLI's ruamel.yaml reads it; duplicate keys are errors there too.
  const cst = yamlCst(text);
  if (!Array.isArray(cst)) {
    findings.push(cst);
    return undefined;
  }
  // ruamel.yaml (the AWS CLI's loader) also resolves plain timestamps (2024-01-01) and `1_000` integers;
  // botocore then rejects a timestamp where a string is expected. Mirror both. Duplicate keys are errors
  // there too; they are detected below in one pass (the yaml library's own check is quadratic in map size).
  const doc = withoutStackTraces(() =>
    composeYamlDocument(cst, text.length, { uniqueKeys: false, prettyErrors: false, strict: true, version: '1.2', customTags: ['timestamp'] }),
  );
  for (const e of [...doc.errors, ...doc.warnings].slice(0, 20)) {
    const [start, end] = e.pos;
    // On a secret's line the yaml library's words quote the secret (`Unresolved tag: !s3cr…`, `…extra characters: >s3cr…`).
    const secret = secretKeyOfLine(text, Math.min(start, text.length));
    if (secret !== undefined) {
      findings.push(secretLineYamlFinding(secret, e, doc.errors.includes(e as never), { start: Math.min(start, text.length), end: Math.min(Math.max(end, start + 1), text.length) }));
      continue;
    }
    // A tag the yaml library cannot resolve (`!Ref`, `!GetAtt`, `!!python/…`) is one the AWS CLI's safe loader has no
    // constructor for either: it answers "could not determine a constructor for the tag" and rejects the file.
    const tag = /^Unresolved tag: (\S+)/.exec(e.message)?.[1];
    if (tag !== undefined && !RUAMEL_SAFE_TAGS.test(tag)) {
      findings.push({
        code: 'yaml-syntax',
        severity: 'error',
        message: `Invalid YAML for the AWS CLI: its YAML reader knows no tag ${tag.slice(0, 60)} ("could not determine a constructor") and rejects the file. CloudFormation functions such as !Ref or !GetAtt do not work in CLI input: write the value itself.`,
        span: { start: Math.min(start, text.length), end: Math.min(Math.max(end, start + 1), text.length) },
      });
      continue;
    }
    const cli = cliYamlFinding(e);
    if (cli) {
      findings.push({ code: 'yaml-syntax', ...cli, span: { start: Math.min(start, text.length), end: Math.min(Math.max(end, start + 1), text.length) } });
      continue;
    }
    const isError = doc.errors.includes(e as never);
    findings.push({
      code: 'yaml-syntax',
      severity: isError ? 'error' : 'warning',
      message: `${isError ? 'Invalid YAML' : 'YAML'}: ${firstLine(e.message)}${isError ? '. The AWS CLI cannot read this file.' : ''}`,
      span: { start: Math.min(start, text.length), end: Math.min(Math.max(end, start + 1), text.length) },
    });
  }
  if (text.includes('\t')) reportCliRejectedTabs(text, findings);
  if (nonPrintable) reportNonPrintable(source, findings);
  if (doc.errors.length > 0 && !doc.contents) return undefined;
  if (!doc.contents) return undefined;
  const context = newYamlAnchors();
  // An alias needs an anchor before it, and a mapping's key (`&k AuthToken: …`) is no alias to one: with no `*` there is none.
  if (text.includes('*') && text.includes('&')) findAliasedBySecrets(doc.contents as YamlNode, 0, undefined, new Map(), context.aliasedBySecret);
  const root = convertYaml(doc.contents as YamlNode, text, 0, findings, context);
  // Marked once all is converted (an alias comes after its anchor): an unknown member holding only an anchor says so.
  for (const node of context.aliased) {
    const value = context.converted.get(node);
    if (value && node.anchor) value.aliasedAnchor = node.anchor;
  }
  aliasSpans?.push(...context.aliasSpans);
  return root;
}

/**
 * What the AWS CLI does with what the yaml library reports in its own (API) words, checked with
 * `aws elasticache create-cache-cluster --cli-input-yaml` (AWS CLI 2.9): a second document, even an empty one after a
 * trailing `---`, is "Invalid YAML received"; a %YAML version other than 1.1 or 1.2 is refused (1.0 and 1.3 with only
 * "(1, 0)" or "(1, 3)"); an unknown directive is ignored.
 */
function cliYamlFinding(e: { code: string; message: string }): { severity: 'error' | 'warning'; message: string } | undefined {
  if (e.code === 'MULTIPLE_DOCS') {
    return {
      severity: 'error',
      message: 'Invalid YAML for the AWS CLI: a second YAML document starts here, and the AWS CLI reads one document per file (it answers "Invalid YAML received", even when the second document is empty). Keep one request in this file: remove the second document and the `---` or `...` line before it, or move that request to a file of its own.',
    };
  }
  if (e.code !== 'BAD_DIRECTIVE') return undefined;
  const version = /^Unsupported YAML version (\S+)/.exec(e.message)?.[1];
  if (version !== undefined) {
    return { severity: 'error', message: `Invalid YAML for the AWS CLI: its YAML reader takes %YAML 1.1 and 1.2 only, not ${version.slice(0, 20)}, and rejects the file. Write %YAML 1.2, or remove the %YAML line.` };
  }
  const directive = /^Unknown directive (\S+)/.exec(e.message)?.[1];
  if (directive !== undefined) return { severity: 'warning', message: `YAML: unknown directive ${directive.slice(0, 40)}, which the AWS CLI ignores: remove the line.` };
  return undefined;
}

/**
 * Characters the AWS CLI's YAML reader refuses anywhere in the file, even in quotes or comments: ruamel.yaml's Reader
 * accepts only tab, line breaks, printable ASCII, NEL and Unicode from U+00A0 ("unacceptable character #x007f:
 * special characters are not allowed"). NUL is reported as binary content before this.
 */
const YAML_NON_PRINTABLE = /[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;
const NON_PRINTABLE_ALL = new RegExp(YAML_NON_PRINTABLE.source, 'g');
const NON_PRINTABLE_CLASS = YAML_NON_PRINTABLE.source.slice(1, -1);
/** A line of spaces, tabs and such characters, at least one of them, perhaps then a comment (a CRLF's `\r` is left as it is). */
const CONTROL_ONLY_LINE = new RegExp(`^[ \\t${NON_PRINTABLE_CLASS}]*[${NON_PRINTABLE_CLASS}][ \\t${NON_PRINTABLE_CLASS}]*(?:#.*?)?(?=\\r?$)`, 'gm');

/** The names of the control characters most often met in a pasted file, for the message. */
const CONTROL_NAMES: Record<number, string> = { 0x0b: 'a vertical tab', 0x0c: 'a form feed' };

/**
 * One finding per line with such characters (several on one line are one mistake, as a pasted escape sequence is):
 * on the first to the last of them, with one fix removing them all. At most 20 lines are reported.
 */
function reportNonPrintable(text: string, findings: Finding[]): void {
  const reported = findings.filter((f) => f.code === 'yaml-syntax').map((f) => f.span);
  const all = new RegExp(YAML_NON_PRINTABLE.source, 'g');
  let line: number[] = [];
  let lines = 0;
  const flush = () => {
    if (line.length > 0) findings.push(nonPrintableFinding(text, line));
    line = [];
  };
  for (let m = all.exec(text); m; m = all.exec(text)) {
    const start = m.index;
    if (reported.some((r) => start < Math.max(r.end, r.start + 1) && r.start <= start)) continue;
    if (line.length > 0 && LINE_BREAK.test(text.slice(line[line.length - 1] + 1, start))) flush();
    if (line.length === 0 && ++lines > 20) break;
    line.push(start);
  }
  flush();
}

/** YAML line breaks (ruamel.yaml's Reader also breaks lines at NEL, U+2028 and U+2029). */
const LINE_BREAK = /[\n\r\x85\u2028\u2029]/;

/** The finding on one line's control characters at `offsets` (one character each). */
function nonPrintableFinding(text: string, offsets: number[]): Finding {
  const named = (offset: number) => {
    const c = text.charCodeAt(offset);
    return `${CONTROL_NAMES[c] ? `${CONTROL_NAMES[c]}, ` : ''}an invisible control character (U+${c.toString(16).toUpperCase().padStart(4, '0')})`;
  };
  const span = { start: offsets[0], end: offsets[offsets.length - 1] + 1 };
  const edits = offsets.map((start) => ({ span: { start, end: start + 1 }, newText: '' }));
  const why = `which the AWS CLI's YAML reader refuses anywhere in the file ("special characters are not allowed")`;
  if (offsets.length === 1) {
    const name = CONTROL_NAMES[text.charCodeAt(offsets[0])];
    return { code: 'yaml-syntax', severity: 'error', message: `Invalid YAML for the AWS CLI: ${named(offsets[0])}, ${why}. Remove it.`, span, fixes: [{ title: `Remove the ${name?.slice(2) ?? 'control character'}`, edits, isPreferred: true }] };
  }
  // Each kind once, in order: a pasted `ESC[0m … ESC[0m` names U+001B once.
  const kinds = [...new Set(offsets.map((offset) => text.charCodeAt(offset)))];
  const list = kinds.map((c) => `${CONTROL_NAMES[c] ? `${CONTROL_NAMES[c].slice(2)} ` : ''}U+${c.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
  return {
    code: 'yaml-syntax',
    severity: 'error',
    message: `Invalid YAML for the AWS CLI: ${offsets.length} invisible control characters on this line (${list}), ${why}. Remove them.`,
    span,
    fixes: [{ title: `Remove the ${offsets.length} control characters`, edits, isPreferred: true }],
  };
}

/** The YAML types ruamel.yaml's safe loader constructs (the yaml library leaves some unresolved, e.g. !!float here). */
const RUAMEL_SAFE_TAGS = /^tag:yaml\.org,2002:(str|int|float|bool|null|seq|map|set|omap|pairs|binary|timestamp)$/;

/** Lexer tokens that stand for no source text: document start, scalar start, flow error end. */
const YAML_CONTROL_LEXEMES = new Set(['\u0002', '\u001f', '\u0018']);

/**
 * Tabs the AWS CLI's YAML reader refuses although YAML 1.2 (and the `yaml` library) allows them. The CLI loads
 * `--cli-input-yaml` with ruamel.yaml's pure-Python scanner, which skips only spaces between tokens: a tab after a
 * colon, a dash or a comma, at the end of a line, on a whitespace-only line, inside an unquoted value, or before a
 * block scalar's indentation fails with "found character '\t' that cannot start any token", and the CLI answers
 * "Invalid YAML received" (checked with `aws elasticache create-cache-cluster --cli-input-yaml`). Tabs inside quoted
 * strings, comments and indented block-scalar text are fine. One finding per run of whitespace or value, skipping
 * places the yaml library already reported.
 */
function reportCliRejectedTabs(text: string, findings: Finding[]): void {
  const reported = findings.filter((f) => f.code === 'yaml-syntax').map((f) => f.span);
  const report = (start: number, end: number, where: string, fix: boolean) => {
    if (reported.some((r) => start < Math.max(r.end, r.start + 1) && r.start < end)) return;
    const tabs: TextEdit[] = [];
    for (let i = start; i < end; i++) if (text.charCodeAt(i) === 9) tabs.push({ span: { start: i, end: i + 1 }, newText: ' ' });
    findings.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: `Invalid YAML for the AWS CLI: a tab ${where}. The AWS CLI's YAML reader accepts tabs only inside quoted strings, comments and block text, and answers "Invalid YAML received". Use spaces${fix ? '' : ', or quote the value'}.`,
      span: { start: tabs[0].span.start, end: tabs[tabs.length - 1].span.end },
      ...(fix ? { fixes: [{ title: 'Replace the tabs with spaces', edits: tabs, isPreferred: true }] } : {}),
    });
  };
  let offset = 0;
  let blockHeader = false;
  let scalarNext = false;
  for (const lexeme of new Lexer().lex(text)) {
    if (YAML_CONTROL_LEXEMES.has(lexeme)) {
      if (lexeme === '\u001f') scalarNext = true;
      continue;
    }
    const start = offset;
    offset += lexeme.length;
    const first = lexeme[0];
    const scalar = scalarNext;
    scalarNext = false;
    if (first === '|' || first === '>') {
      if (!scalar) blockHeader = true; // a block scalar header; its text follows as the next scalar
      continue;
    }
    // Any scalar after the header is the block's text and ends it, whether or not it holds a tab.
    const blockText = scalar && blockHeader;
    if (scalar) blockHeader = false;
    if (!lexeme.includes('\t') || first === '#' || first === '"' || first === "'") continue;
    if (blockText) {
      reportBlockScalarTabs(lexeme, start, report);
    } else if (scalar) {
      report(start, offset, 'inside an unquoted value', false);
    } else if (first === ' ' || first === '\t' || first === '\n' || first === '\r') {
      report(start, offset, 'separates the parts of a line', true);
    }
  }
}

/** Block-scalar lines with a tab before the block's indentation of spaces is reached (ruamel then leaves the block and stops at the tab). */
function reportBlockScalarTabs(content: string, start: number, report: (start: number, end: number, where: string, fix: boolean) => void): void {
  let indent: number | undefined;
  let lineStart = 0;
  while (lineStart < content.length) {
    let lineEnd = content.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = content.length;
    let spaces = 0;
    while (content.charCodeAt(lineStart + spaces) === 32) spaces++;
    const next = content.charCodeAt(lineStart + spaces);
    // The first line with anything after its spaces sets the indentation (ruamel counts spaces only).
    if (indent === undefined && lineStart + spaces < lineEnd && next !== 13) indent = spaces;
    if (next === 9 && spaces < Math.max(indent ?? 0, 1)) {
      report(start + lineStart + spaces, start + lineStart + spaces + 1, 'indents a line of block text', true);
    }
    lineStart = lineEnd + 1;
  }
}

/** Collections on the way down to a CST token. */
interface YamlChain {
  depth: number;
  /** The innermost flow collection on the way. */
  flow: CST.FlowCollection | undefined;
  /** A flow collection with block content inside (invalid YAML: the flow collection was left open). */
  unclosed: CST.FlowCollection | undefined;
}

const YAML_TOP: YamlChain = { depth: 0, flow: undefined, unclosed: undefined };

/** The chain inside `token` (the same chain for tokens that are not collections), or a finding past MAX_NESTING. */
function enterYaml(chain: YamlChain, token: CST.Token): YamlChain | Finding {
  const flow = token.type === 'flow-collection';
  if (!flow && token.type !== 'block-map' && token.type !== 'block-seq') return chain;
  const inside: YamlChain = {
    depth: chain.depth + 1,
    flow: flow ? token : chain.flow,
    unclosed: chain.unclosed ?? (flow ? undefined : chain.flow),
  };
  if (inside.depth <= MAX_NESTING) return inside;
  // Lines after a `{` or `[` that was never closed nest one level deeper each in yaml's recovery: point at it.
  const open = inside.unclosed;
  if (!open) return tooDeepFinding('yaml-syntax', token.offset);
  return {
    code: 'yaml-syntax',
    severity: 'error',
    message: `Invalid YAML: this ${open.start.source} is not closed, and the lines after it nest deeper than ${MAX_NESTING} levels, so the file was not analysed further. The AWS CLI cannot read this file.`,
    span: { start: open.offset, end: open.offset + 1 },
  };
}

function isFinding(x: YamlChain | Finding): x is Finding {
  return 'code' in x;
}

/**
 * yaml's CST of the text (the tokens `Parser.parse` yields), or a finding if collections nest deeper than
 * MAX_NESTING. The parser closes open constructs recursively and the composer recurses per collection
 * (catching its own stack overflow, so that results then vary from call to call, or V8 aborts the process
 * when the overflow lands in a RegExp compilation): neither may see deeper nesting.
 */
function yamlCst(text: string): CST.Token[] | Finding {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  // Parser.parse, one lexeme at a time, so that its stack of open constructs is checked as it grows.
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > MAX_NESTING + 1) {
      let chain = YAML_TOP;
      for (const token of parser.stack) {
        const inside = enterYaml(chain, token);
        if (isFinding(inside)) return inside;
        chain = inside;
      }
      // The stack holds collections plus a document and the token being built; far more is refused too.
      if (parser.stack.length > 2 * MAX_NESTING) return tooDeepFinding('yaml-syntax', parser.stack[parser.stack.length - 1].offset);
    }
  }
  for (const token of parser.end()) tokens.push(token);
  // A closed construct can still end up deeper than the stack was (a flow collection becomes the key of a
  // new block map, for one), so the finished tree is checked too, without recursion, in document order.
  const pending: CST.Token[] = [];
  const chains: YamlChain[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) pushYamlContainer(tokens[i], YAML_TOP, pending, chains);
  for (let token = pending.pop(); token; token = pending.pop()) {
    const inside = enterYaml(chains.pop()!, token);
    if (isFinding(inside)) return inside;
    // Only containers are walked: scalars and source tokens (spaces, indicators, comments) hold no tokens.
    const t = token as YamlContainerFields;
    pushYamlContainers(t.end, inside, pending, chains);
    pushYamlContainers(t.props, inside, pending, chains);
    if (t.items) {
      for (let i = t.items.length - 1; i >= 0; i--) {
        const item = t.items[i];
        pushYamlContainer(item.value, inside, pending, chains);
        pushYamlContainers(item.sep, inside, pending, chains);
        pushYamlContainer(item.key, inside, pending, chains);
        pushYamlContainers(item.start, inside, pending, chains);
      }
    }
    pushYamlContainer(t.value, inside, pending, chains);
    if (Array.isArray(t.start)) pushYamlContainers(t.start as CST.Token[], inside, pending, chains);
  }
  return tokens;
}

/** The fields of CST containers that hold tokens (`start` is one token in a flow collection, a list elsewhere). */
interface YamlContainerFields {
  start?: unknown;
  end?: CST.Token[];
  props?: CST.Token[];
  items?: CST.CollectionItem[];
  value?: CST.Token;
}

/** CST tokens that can hold other tokens (a collection in an unexpected field is still found). */
const YAML_CONTAINERS = new Set(['document', 'block-map', 'block-seq', 'flow-collection', 'block-scalar']);

function pushYamlContainer(token: CST.Token | null | undefined, chain: YamlChain, pending: CST.Token[], chains: YamlChain[]): void {
  if (token && YAML_CONTAINERS.has(token.type)) {
    pending.push(token);
    chains.push(chain);
  }
}

function pushYamlContainers(tokens: readonly CST.Token[] | undefined, chain: YamlChain, pending: CST.Token[], chains: YamlChain[]): void {
  if (tokens) for (let i = tokens.length - 1; i >= 0; i--) pushYamlContainer(tokens[i], chain, pending, chains);
}

/** `parseDocument` over an already parsed CST: the first document, and an error if more follow. */
/**
 * Runs `fn` with Error.stackTraceLimit 0. The yaml library reports each problem as an Error, and capturing its
 * stack took a fifth of a YAML completion while a line is half typed; only the message and position are used.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function composeYamlDocument(tokens: CST.Token[], length: number, options: ConstructorParameters<typeof Composer>[0]): Document.Parsed {
  const composer = new Composer(options);
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (doc) {
      // parseDocument's own error for a second document; cliYamlFinding words it for the user.
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
    doc = next;
  }
  // compose(…, forceDoc) always yields a document.
  return doc!;
}

/** A YAML key on a line of its own (`  AuthToken: …`, `- "Passwords": …`), before its colon. */
const YAML_LINE_KEY = /^[ \t]*(?:-[ \t]+)*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s:#'"][^:\n]*?))[ \t]*:(?:[ \t]|$)/;

/** Whether `offset` is after the colon of a secret's key on its line (`AuthToken: here`). */
function inSecretValue(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const m = YAML_LINE_KEY.exec(text.slice(lineStart, lineEnd));
  const key = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return key !== undefined && offset >= lineStart + m![0].length && hidesValue(key.trim());
}

/** The name of the secret whose line holds `offset` (its key is a secret's name), or undefined. */
function secretKeyOfLine(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const m = YAML_LINE_KEY.exec(text.slice(lineStart, lineEnd));
  const key = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return key !== undefined && hidesValue(key.trim()) ? displayableName(key.trim()) : undefined;
}

/**
 * A YAML error on a secret's line, in the yaml library's words up to the text it quotes (what follows its colon is
 * that text), with what to do: quote the value, so that YAML reads it as plain text.
 */
function secretLineYamlFinding(secret: string, e: { code: string; message: string }, isError: boolean, span: Span): Finding {
  const words = firstLine(e.message).replace(/:.*$/, '');
  // An unresolved tag is only a warning of the yaml library, but the AWS CLI rejects the file (as parseYamlDocument says).
  const tag = /^Unresolved tag/.test(words);
  const what = tag ? `the AWS CLI's YAML reader reads a value starting with '!' as a tag it has no constructor for ("could not determine a constructor") and rejects the file` : words;
  const todo = tag ? `CloudFormation functions such as !Ref do not work in CLI input: write the value itself, quoting the ${secret} value in single quotes` : `Quote the ${secret} value in single quotes`;
  const error = isError || tag;
  return {
    code: 'yaml-syntax',
    severity: error ? 'error' : 'warning',
    message: `${error ? 'Invalid YAML' : 'YAML'} on the ${secret} line (its text is not shown): ${what}. ${todo} (double any ' in it).`,
    span,
  };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).replace(/[.:]\s*$/, '');
}

function yamlSpan(node: YamlNode | null | undefined): { start: number; end: number } {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/**
 * Anchored nodes met so far (an alias names the last one before it), and the conversion of each anchored node, done
 * once however many merge keys use it (else `{<<: [*a, *a]}` levels would grow exponentially, and a mistake in it be
 * reported once per use).
 */
interface YamlAnchors {
  anchors: Map<string, YamlNode>;
  converted: Map<YamlNode, ValueNode>;
  converting: Set<YamlNode>;
  /** How many secrets' values (hidesValue) the node being converted is inside. */
  inSecret: number;
  /** Anchored nodes inside a secret's value: an alias to one is not checked (a check could quote the secret). */
  secretAnchored: Set<YamlNode>;
  /**
   * Anchored nodes that an alias inside a secret's value names (`AuthToken: *tok`), with that secret's name: secrets
   * where they are written too.
   */
  aliasedBySecret: Map<YamlNode, string>;
  /** Values (nodes) that aliases may still add once expanded (ALIAS_EXPANSION_LIMIT for the document). */
  expansionLeft: number;
  /** The spans of the aliases that were expanded (what is found in them is reported there, without fixes). */
  aliasSpans: Span[];
  /** Anchored nodes that an alias or a merge key names. */
  aliased: Set<YamlNode>;
}

/**
 * Values all expanded aliases of a document may add together, and how deep an expanded value may go. Aliases of
 * aliases grow exponentially (`&b [*a, *a]`, `&c [*b, *b]`, …: "billion laughs"), so past this an alias is not
 * checked. A CLI input has a few dozen values.
 */
const ALIAS_EXPANSION_LIMIT = 10_000;
const MAX_VALUE_DEPTH = 64;

function newYamlAnchors(): YamlAnchors {
  return { anchors: new Map(), converted: new Map(), converting: new Set(), inSecret: 0, secretAnchored: new Set(), aliasedBySecret: new Map(), expansionLeft: ALIAS_EXPANSION_LIMIT, aliasSpans: [], aliased: new Set() };
}

const MERGE_SOURCE_ERROR = 'Invalid YAML: a merge key (<<) takes a mapping, or a list of mappings, to merge. The AWS CLI cannot read this file.';

/**
 * The members a merge key (`<<: *base`, `<<: [*a, *b]`, `<<: {…}`) brings in, as the AWS CLI's YAML loader (ruamel's
 * safe loader) merges them before it reads the input: an earlier mapping's member wins over a later one's; the
 * members keep the positions where they are written. A value that is not a mapping, or a list of them, is the
 * error the CLI fails with ("Invalid YAML received"), as is an alias to no anchor: both are reported, and `failed` says so.
 */
function mergedEntries(value: YamlNode | null, text: string, depth: number, findings: Finding[], context: YamlAnchors): { entries: Entry[]; failed: boolean } {
  const resolve = (n: unknown) => {
    if (!isAlias(n)) return n as YamlNode | null;
    const anchored = context.anchors.get(n.source);
    if (anchored) context.aliased.add(anchored);
    return anchored;
  };
  const target = resolve(value);
  if (target === undefined) {
    findings.push(undefinedAliasFinding(yamlSpan(value)));
    return { entries: [], failed: true };
  }
  let failed = false;
  const written = isSeq(target) ? (target.items as YamlNode[]) : [value];
  const entries: Entry[] = [];
  const names = new Set<string>();
  for (const node of written) {
    const source = isSeq(target) ? resolve(node) : target;
    if (source === undefined) {
      findings.push(undefinedAliasFinding(yamlSpan(node)));
      failed = true;
      continue;
    }
    if (!isMap(source)) {
      findings.push({ code: 'yaml-syntax', severity: 'error', message: MERGE_SOURCE_ERROR, span: yamlSpan(value) });
      return { entries: [], failed: true };
    }
    // A mapping that merges itself (`&m {<<: *m}`) brings nothing more.
    if (context.converting.has(source)) continue;
    const converted = convertYaml(source, text, depth + 1, findings, context);
    if (converted.kind !== 'object') continue;
    for (const entry of converted.entries) {
      if (names.has(entry.name)) continue;
      names.add(entry.name);
      entries.push(entry);
    }
  }
  return { entries, failed };
}

function convertYaml(node: YamlNode, text: string, depth: number, findings: Finding[], context: YamlAnchors): ValueNode {
  const span = yamlSpan(node);
  if (depth > MAX_VALUE_DEPTH) return { kind: 'scalar', value: null, span };
  // An alias after it names this node, whatever it holds (`!Ref &e redis` then `*e`): its anchor is known first.
  if (node.anchor) context.anchors.set(node.anchor, node);
  // A tag the AWS CLI cannot construct (`!GetAtt`, `!Ref`) is reported once (yaml-syntax): the CLI reads no value
  // here, so nothing checks one (one finding per mistake, not a second one on the text after the tag).
  if (node.tag !== undefined && !RUAMEL_SAFE_TAGS.test(node.tag)) return { kind: 'scalar', value: null, span, missing: true };
  const done = context.converted.get(node);
  if (done) return done;
  if (!node.anchor) return convertYamlNode(node, span, text, depth, findings, context);
  if (context.aliasedBySecret.has(node) && context.inSecret === 0) return secretWrittenElsewhere(node, span, text, depth, findings, context);
  if (context.inSecret > 0) context.secretAnchored.add(node);
  context.converting.add(node);
  const converted = convertYamlNode(node, span, text, depth, findings, context);
  context.converting.delete(node);
  context.converted.set(node, converted);
  return converted;
}

/**
 * An anchored value that a secret takes by alias (`CacheClusterId: &tok …` then `AuthToken: *tok`), written under a
 * member that holds no secret: it is the secret's value, so it is converted as one (for the alias) but neither shown
 * nor checked where it is written (a check of CacheClusterId would quote it), which a warning says: the AWS CLI sends
 * it as that member's value too, where it is no longer a secret.
 */
function secretWrittenElsewhere(node: YamlNode, span: Span, text: string, depth: number, findings: Finding[], context: YamlAnchors): ValueNode {
  context.secretAnchored.add(node);
  context.inSecret++;
  context.converting.add(node);
  const converted = convertYamlNode(node, span, text, depth, findings, context);
  context.converting.delete(node);
  context.inSecret--;
  context.converted.set(node, converted);
  findings.push({
    code: 'yaml-alias',
    severity: 'warning',
    message: `This value is also ${context.aliasedBySecret.get(node)}'s (its alias *${node.anchor!.slice(0, 60)} names this anchor): the AWS CLI sends it here too, where it is no secret (other members' values show in consoles and logs); it is neither shown nor checked here. Give this member a value of its own.`,
    span,
  });
  return { kind: 'scalar', value: null, span, missing: true };
}

/**
 * Adds to `found` the anchored nodes that an alias inside a secret's value names, walking the document in order (an
 * alias names the last anchor of its name before it), so that such a node is known as a secret where it is written,
 * before its alias is reached.
 */
function findAliasedBySecrets(node: YamlNode | null | undefined, depth: number, secret: string | undefined, anchors: Map<string, YamlNode>, found: Map<YamlNode, string>): void {
  if (!node || depth > MAX_VALUE_DEPTH) return;
  if (isAlias(node)) {
    const target = anchors.get(node.source);
    if (secret !== undefined && target && !found.has(target)) found.set(target, secret);
    return;
  }
  if (node.anchor) anchors.set(node.anchor, node);
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      findAliasedBySecrets(key, depth + 1, secret, anchors, found);
      const name = isScalar(key) ? String(key.value) : '';
      findAliasedBySecrets(pair.value as YamlNode | null, depth + 1, secret ?? (hidesValue(name) ? displayableName(name) : undefined), anchors, found);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) findAliasedBySecrets(item as YamlNode, depth + 1, secret, anchors, found);
  }
}

/** Marks every entry whose name comes again later in `entries` as superseded (the last one is the value read). */
function supersedeEarlierRepeats(entries: Entry[]): void {
  const last = new Map<string, Entry>();
  for (const entry of entries) last.set(entry.name, entry);
  for (const entry of entries) if (last.get(entry.name) !== entry) entry.superseded = true;
}

/** A quoted scalar without its closing quote (the yaml library ends it at a line's end, and reads on after it). */
function leftOpen(node: YamlNode | null, text: string): boolean {
  if (!isScalar(node) || (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') || !node.range) return false;
  const written = text.slice(node.range[0], node.range[1]).trimEnd();
  if (written.length < 2) return true;
  // `'it''s'`: two quotes are an escaped one, so an odd run of quotes at the end closes the value.
  if (node.type === 'QUOTE_SINGLE') return runAtEnd(written, "'") % 2 === 0;
  // `"a\"`: a quote after an odd run of backslashes is escaped.
  return !written.endsWith('"') || runAtEnd(written.slice(0, -1), '\\') % 2 === 1;
}

/** How many times `ch` ends `s`, not counting its first character (the opening quote). */
function runAtEnd(s: string, ch: string): number {
  let n = 0;
  for (let i = s.length - 1; i > 0 && s[i] === ch; i--) n++;
  return n;
}

/** A merge key for the AWS CLI's YAML loader: `<<` written plain (quoted, it is a member named `<<`). */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.type === 'PLAIN' && key.value === '<<';
}

function duplicateKeyFinding(name: string, span: Span): Finding {
  return {
    code: 'yaml-syntax',
    severity: 'error',
    message: `Invalid YAML: duplicate key ${name.slice(0, 60)} (map keys must be unique). The AWS CLI cannot read this file.`,
    span,
  };
}

function convertYamlNode(node: YamlNode, span: Span, text: string, depth: number, findings: Finding[], context: YamlAnchors): ValueNode {
  if (isMap(node)) {
    const entries: Entry[] = [];
    const seen = new Set<string>();
    let merged: Entry[] = [];
    // The AWS CLI's YAML loader (ruamel, safe) does not check a mapping's keys for duplicates when a merge key brings in
    // members: the later value wins. Its duplicates wait for the end of the mapping, where that is known.
    const mergeKeyed = node.items.some((pair) => isMergeKey(pair.key));
    const duplicates: { name: string; span: Span }[] = [];
    /** A merge key's value that the loader cannot merge (reported): it stops there, before it looks for duplicates. */
    let mergeFailed = false;
    /** Where the last entry whose secret value is a quote left open starts, while the entries after it may be its text. */
    let secretFrom = -1;
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      const keySpan = yamlSpan(key);
      // A key the yaml library recovers after a secret's quoted value left open (over the next line), with a syntax error
      // in between: text of the secret, so no entry is named after it. Not a near miss of a known name: a typo to correct.
      if (
        secretFrom >= 0 && key && isScalar(key) && knownNameId(String(key.value)) === UNKNOWN_NAME && suggest(String(key.value), knownNames()) === undefined &&
        findings.some((f) => f.code === 'yaml-syntax' && f.span.start >= secretFrom && f.span.start <= keySpan.end)
      ) continue;
      // A key the yaml library recovers from a secret's value (`AuthToken: - abc`, `AuthToken: abc def: x`) is text of
      // the secret: no entry (its yaml-syntax finding is the one on that line), so nothing is named after it.
      if (key && inSecretValue(text, keySpan.start)) continue;
      // `: value` with nothing before the colon: YAML reads a null key, but no name was written (not `null`).
      // An anchored key (`&k Engine: redis`) can be aliased as a value too (`*k` reads as "Engine").
      if (key?.anchor) convertYaml(key, text, depth + 1, findings, context);
      const unwritten = !key || (isScalar(key) && key.value === null && keySpan.start === keySpan.end);
      // `~: 1` (or `NULL:`) is a null key too: no name; not "null", which the user did not write.
      const writtenKey = text.slice(keySpan.start, keySpan.end);
      const nullKey = !unwritten && isScalar(key) && key.value === null && writtenKey !== 'null' ? writtenKey : undefined;
      const name = unwritten || nullKey !== undefined ? '' : isScalar(key) ? String(key.value) : writtenKey;
      // `<<` (plain, not quoted) is a merge key for the AWS CLI's YAML loader: its members, not a member named `<<`. A
      // second one is a duplicate when the first brought members in (the loader's words: found duplicate key "<<").
      if (isMergeKey(key)) {
        // The loader stops at the first merge it cannot make, or at a second `<<` after one that merged: one error.
        if (mergeFailed) continue;
        if (merged.length > 0) {
          findings.push(duplicateKeyFinding('<<', keySpan));
          continue;
        }
        const merge = mergedEntries(pair.value as YamlNode | null, text, depth, findings, context);
        merged = merge.entries;
        mergeFailed ||= merge.failed;
        continue;
      }
      if (seen.has(name)) {
        if (mergeKeyed) duplicates.push({ name, span: keySpan });
        else findings.push(duplicateKeyFinding(name, keySpan));
      }
      seen.add(name);
      const nameSpan =
        isScalar(key) && (key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE') ? { start: keySpan.start + 1, end: keySpan.end - 1 }
        : unwritten && text[keySpan.start] === ':' ? { start: keySpan.start, end: keySpan.start + 1 } // the colon stands for the missing key
        : keySpan;
      const value = pair.value as YamlNode | null;
      const secret = hidesValue(name);
      secretFrom = secret && leftOpen(value, text) ? keySpan.start : -1;
      if (secret) context.inSecret++;
      const converted = value ? convertYaml(value, text, depth + 1, findings, context) : undefined;
      if (secret) context.inSecret--;
      entries.push({
        name,
        nameSpan,
        value: converted ?? { kind: 'scalar', value: null, span: { start: keySpan.end, end: keySpan.end }, empty: true },
        ...(nullKey !== undefined ? { nullKey } : {}),
      });
    }
    if (merged.length === 0 && !mergeFailed) for (const d of duplicates) findings.push(duplicateKeyFinding(d.name, d.span));
    // Else the loader keeps a repeated key's last value, null too (`Engine: redis` then `Engine:` sends Engine=None):
    // the earlier ones are not read.
    else if (duplicates.length > 0) supersedeEarlierRepeats(entries);
    // Members written in the mapping win over merged ones; merged ones come first, as the CLI's loader orders them.
    if (merged.length > 0) return { kind: 'object', entries: [...merged.filter((e) => !seen.has(e.name)), ...entries], span, ...(mergeFailed ? { mergeFailed } : {}) };
    return mergeFailed ? { kind: 'object', entries, span, mergeFailed } : { kind: 'object', entries, span };
  }
  if (isSeq(node)) return { kind: 'list', items: node.items.map((n) => convertYaml(n as YamlNode, text, depth + 1, findings, context)), span };
  if (isScalar(node)) {
    let v = node.value;
    if (v instanceof Date) return { kind: 'scalar', value: text.slice(span.start, span.end), span, tag: 'timestamp' };
    // `!!binary aGVsbG8=`: ruamel constructs bytes, which botocore takes for no ElastiCache string member (aws 2.9.19:
    // "Invalid type for parameter Tags[0].Value, value: b'hello', type: <class 'bytes'>").
    if (node.tag === 'tag:yaml.org,2002:binary') return { kind: 'scalar', value: String(v ?? ''), span, tag: 'binary' };
    if (typeof v === 'string' && node.type === 'PLAIN' && /^[-+]?\d[\d_]*$/.test(v) && v.includes('_')) v = Number(v.replace(/_/g, ''));
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null ? null : String(v);
    if (typeof v === 'number') return { kind: 'scalar', value, span, raw: text.slice(span.start, span.end) };
    // `Engine:` with nothing after it: an empty plain scalar, null for YAML (and for the AWS CLI).
    return value === null && span.start === span.end ? { kind: 'scalar', value, span, empty: true } : { kind: 'scalar', value, span };
  }
  if (isAlias(node)) return convertAlias(node.source, span, depth, findings, context);
  return { kind: 'scalar', value: null, span };
}

/**
 * The value an alias (`*name`) stands for, as the AWS CLI's YAML loader (ruamel's safe loader) reads it: the value of
 * the last anchor `&name` before it (checked with Debian's aws 2.9.19 / ruamel 0.17.21: `e: &e redis` then
 * `Engine: *e` gives Engine=redis; a reused anchor name means the last one before the alias; an alias before its
 * anchor, or to none, fails with "found undefined alias", which the CLI reports as "Invalid YAML received"). The value
 * is checked as if written at the alias: everything in it is placed on the alias.
 */
function convertAlias(source: string, span: Span, depth: number, findings: Finding[], context: YamlAnchors): ValueNode {
  const unchecked = (why: string): ValueNode => {
    findings.push({ code: 'yaml-alias', severity: 'warning', message: `This value is a YAML alias ${why}. Write the value itself.`, span });
    return { kind: 'scalar', value: null, span, missing: true };
  };
  const target = context.anchors.get(source);
  if (!target) {
    findings.push(undefinedAliasFinding(span));
    return { kind: 'scalar', value: null, span, missing: true };
  }
  context.aliased.add(target);
  // The anchored value may be a secret's (`AuthToken: &t …` then `Engine: *t`), which a check of this member could quote.
  // Inside a secret's value, it is checked as the secret it is (a secret's checks never quote it).
  if (context.secretAnchored.has(target) && context.inSecret === 0) return unchecked("to a secret's value: the AWS CLI reads that value here, but it is neither shown nor checked");
  // `&x [*x]`: ruamel reads a value that holds itself, which no parameter takes.
  if (context.converting.has(target)) return unchecked('to the value it is in: the AWS CLI reads a value that holds itself here, which is not checked');
  const value = context.converted.get(target);
  // An anchored node with no conversion (a tag the AWS CLI cannot construct, past the depth limit) is reported already.
  if (!value) return { kind: 'scalar', value: null, span, missing: true };
  const placed = placeAt(value, span, depth, context);
  if (!placed) return unchecked(`whose value is too large to check here (over ${ALIAS_EXPANSION_LIMIT.toLocaleString('en-US')} values or ${MAX_VALUE_DEPTH} levels once the file's aliases are expanded): the AWS CLI reads that value here, but it is not checked`);
  context.aliasSpans.push(span);
  if (placed.kind === 'scalar' && value.kind === 'scalar') placed.anchoredSpan = value.anchoredSpan ?? value.span;
  return placed;
}

/**
 * A copy of `value` with every position at `span`, or undefined when it would take the document's aliases past
 * ALIAS_EXPANSION_LIMIT values or MAX_VALUE_DEPTH levels (counted as it is copied, so a huge value costs no more).
 */
function placeAt(value: ValueNode, span: Span, depth: number, context: YamlAnchors): ValueNode | undefined {
  if (depth > MAX_VALUE_DEPTH || --context.expansionLeft < 0) return undefined;
  if (value.kind === 'scalar') {
    // `empty` says nothing is written after the key: here the alias is.
    const { empty: _empty, nameSpan: _nameSpan, ...rest } = value;
    return { ...rest, span };
  }
  if (value.kind === 'list') {
    const items: ValueNode[] = [];
    for (const item of value.items) {
      const placed = placeAt(item, span, depth + 1, context);
      if (!placed) return undefined;
      items.push(placed);
    }
    return { kind: 'list', items, span };
  }
  const entries: Entry[] = [];
  for (const entry of value.entries) {
    const placed = placeAt(entry.value, span, depth + 1, context);
    if (!placed) return undefined;
    entries.push({ ...entry, nameSpan: span, value: placed });
  }
  return { kind: 'object', entries, span };
}

/** An alias with no anchor before it, which the AWS CLI's YAML loader refuses ("found undefined alias"). */
function undefinedAliasFinding(span: Span): Finding {
  return {
    code: 'yaml-syntax',
    severity: 'error',
    message: 'Invalid YAML for the AWS CLI: this alias names no anchor before it (its YAML reader takes an alias *name only after its anchor &name, and answers "found undefined alias"). Put the anchor first, or write the value itself. The AWS CLI cannot read this file.',
    span,
  };
}
