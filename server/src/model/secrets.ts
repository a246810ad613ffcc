// Which parameters hold secrets: diagnostics, the outline and logs never show their values. One rule for the server
// and the extension; it imports only the names a Query request is made of (not the service model), so the extension
// can use it at activation without loading the language service.
import { QUERY_NAMES } from './queryNames';
// Names are matched whole (any case), so SignatureVersion, SignatureMethod, AuthTokenUpdateStrategy or
// NoPasswordRequired, which hold no secret, stay readable.

/**
 * The secrets, by name: SigV4's X-Amz-Signature and SigV2's Signature; the ElastiCache AUTH token (AuthToken) and
 * user passwords (Passwords, CreateUser/ModifyUser); session tokens (X-Amz-Security-Token, SessionToken,
 * aws_session_token); secret access keys (SecretAccessKey, aws_secret_access_key, secret-key, …_SECRET_KEY).
 * A list item (`Passwords.member.1`, Query form) is its list's secret, also inside a structure.
 */
// A member of a structure (`AuthenticationMode.Passwords.member.1`, CreateUser's passwords) is judged by its own
// name: any `Parent.` prefix is allowed (each segment ends at its dot, so the match stays linear).
const SECRET_NAMES = String.raw`(?:[\w-]+\.)*(?:X-Amz-Signature|Signature|AuthToken|Passwords|X-Amz-Security-Token|(?:aws[_-])?session[_-]?token|[\w-]*secret[_-]?(?:access[_-]?)?key)(?:\.\w+\.\d+)?`;

const SECRET_NAME = new RegExp(`^${SECRET_NAMES}$`, 'i');

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * A name that goes on with a secret's value: a secret's name, then ':', a space or '=' (after decoding), as in a pasted
 * header line (`X-Amz-Security-Token: …`), `AuthToken:…`, `AuthToken …` or an encoded `AuthToken%3D…`; or a pasted
 * Authorization header, which carries the credential and the signature.
 */
const SECRET_NAME_THEN_VALUE = new RegExp(`^(${SECRET_NAMES}|Authorization)[:= ]`, 'i');
/**
 * Whether a name holds ':', '=' or a space, without which neither pattern above matches: asked for every member name
 * of every request, and most names have none (the patterns' runs cost more than these searches).
 */
function hasSeparator(name: string): boolean {
  return name.indexOf(':') >= 0 || name.indexOf('=') >= 0 || name.indexOf(' ') >= 0;
}
/** The same with some text after the separator: `AuthToken ` (a key with a trailing blank) has no value to cut off. */
const SECRET_NAME_THEN_TEXT = new RegExp(`^(${SECRET_NAMES}|Authorization)[:= ]\\s*\\S`, 'i');

/**
 * The name as it may be shown (messages, fix titles, the outline): a name that goes on with a secret's value is cut
 * after the secret's name (`AuthToken:abc` → `AuthToken…`); any other name as it is.
 */
export function displayableName(name: string): string {
  const secret = secretBeforeValue(name);
  return secret === undefined ? name : `${secret}…`;
}

/** The secret's name (or Authorization) a name starts with when the name goes on with its value; else undefined. */
export function secretBeforeValue(name: string): string | undefined {
  return hasSeparator(name) ? SECRET_NAME_THEN_TEXT.exec(name)?.[1] : undefined;
}

/** What a message says of a name that goes on with a secret's value (after the name cut by displayableName). */
export const VALUE_IN_NAME = "its name goes on with a value (a pasted header line, or ':', a space or an encoded '=' where '=' belongs; the value is not shown)";

/** Whether a name's value must not be shown: a secret's name, or a name that goes on with a secret's value. */
export function hidesValue(name: string): boolean {
  return isSecretName(name) || (hasSeparator(name) && SECRET_NAME_THEN_VALUE.test(name));
}

/**
 * Masks AWS access key IDs (long-term AKIA…, temporary ASIA…) to their prefix, `AKIA***`: an access key ID is not a
 * secret, but it names the key pair (and, through it, the account), so logs and the outline do not show it whole.
 */
export function maskAccessKeyIds(text: string): string {
  return text.replace(ACCESS_KEY_ID, '$1***');
}
const ACCESS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g;

/**
 * Replaces with `***` the value of every secret written in any of the forms a message or log line may quote: a Query
 * parameter `name=value` (also `name =value`, the `=` percent-encoded as `%3D`, the name percent-encoded as in
 * `Auth%54oken`), a header or YAML `name: value`, a JSON `"name": "value"`. Other names keep their values.
 * A value is the whole of it: a Query value up to the next `&name=` whose name a request is made of (a token may hold
 * an unencoded `&`) and its piece wrapped onto the next line (wrappedPieceAt), a quoted value with its escapes (`\"`,
 * YAML's `''`) and, in YAML, its lines up to the closing quote, every item of a list (`["a", "b"]`, `[a, b]`), and a
 * value on the lines below its name (a YAML block scalar `>` / `|`, a block list, a value moved to the next line), as
 * far as those lines are indented more than the name; a quoted value or a list moved below its name is masked alone,
 * so that what follows it (a JSON comma) stays.
 */
export function redactSecretParameters(text: string): string {
  let out = '';
  let from = 0;
  // The start of the line of a position, found going forward only (a line of many secrets is read once).
  let lineStart = 0;
  const columnOf = (at: number) => {
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < at; nl = text.indexOf('\n', lineStart)) lineStart = nl + 1;
    return at - lineStart;
  };
  SECRET_NAME_AND_SEPARATOR.lastIndex = 0;
  for (let m = SECRET_NAME_AND_SEPARATOR.exec(text); m; m = SECRET_NAME_AND_SEPARATOR.exec(text)) {
    const quote = m[1] ?? '';
    const name = m[2] ?? '';
    const valueStart = m.index + m[0].length;
    const value = isSecretName(percentDecoded(name)) ? secretValue(text, valueStart, m[3] !== undefined, () => columnOf(m!.index)) : undefined;
    if (!value) {
      // Not a secret (or no value): go on after its name (its value may hold a secret's `name=value`).
      SECRET_NAME_AND_SEPARATOR.lastIndex = m.index + quote.length + name.length;
      continue;
    }
    out += `${text.slice(from, valueStart)}${value.masked}`;
    from = value.end;
    SECRET_NAME_AND_SEPARATOR.lastIndex = value.end;
  }
  return out + text.slice(from);
}
// A name (letters, digits, `_ . -`, percent-escapes) that starts the text or follows a separator (`?`, `&`, a space…),
// so that `SignatureVersion=4` is judged by its whole name, optionally quoted; then `=` (or `%3D`: group 3) or `:`.
// The name is matched lazily, so that `AuthToken%3Dvalue` splits at the encoded `=`.
const SECRET_NAME_AND_SEPARATOR = /(?<![\w.%-])(["']?)((?:[\w.-]|%[0-9a-f]{2})+?)\1(?:([ \t]*(?:=|%3d)[ \t]*)|[ \t]*:[ \t]*)/gi;
// A quoted value, at the value's start: double quotes with backslash escapes, single quotes with YAML's `''`.
// The closing quote is group 1 or 2 (`'ab''` is `ab'` not closed).
const QUOTED = /"(?:[^"\\\n]|\\.)*("?)|'(?:[^'\n]|'')*('?)/y;
// A Query value up to `&` or a space; a header, YAML or JSON value on its line up to `,`, `}` or `]` (in a flow mapping
// or list), a ` #` comment or the line's end, spaces inside included (`AuthToken: my token`, a YAML plain scalar or a
// header's value; `#` with no space before it is the value's: AuthToken allows it).
const QUERY_PLAIN = /[^&\s]+/y;
// What may follow a quoted value's closing quote on its line and is no separator: a comma, a bracket, a comment or a
// blank is one.
const AFTER_QUOTE = /[^\s,}\]#]+/y;
const COLON_PLAIN = /(?:[^\s,}\]]+|[ \t]+(?![ \t]|#|[,}\]]|\r?\n|$))+/y;
// `&name=`, the start of the next Query parameter (its name judged by isNextQueryParameter).
const NEXT_QUERY_NAME = /&((?:[\w.-]|%[0-9a-f]{2})+)=/iy;
// What may end a line after `name:` when the value is on the lines below: a YAML block scalar's header (`>`, `|-`,
// `>2`), or nothing; either with a comment.
const VALUE_BELOW = /([|>][1-9+-]{0,2})?[ \t]*(?:#[^\n]*)?(?=\r?\n)/y;

interface SecretValue {
  /** What stands for the value (`***`, kept quotes or brackets, the lines' indentation). */
  masked: string;
  /** Where the value ends in the text. */
  end: number;
}

function secretValue(text: string, start: number, query: boolean, nameColumn: () => number): SecretValue | undefined {
  // A Query value is on one line; a YAML quoted one may go on over the lines below.
  if (text[start] === '"' || text[start] === "'") return quotedValue(text, start, '', query ? undefined : nameColumn());
  if (query) {
    const plain = matchAt(QUERY_PLAIN, text, start);
    if (!plain) return undefined;
    let end = queryValueEnd(text, start + plain.length);
    let masked = '***';
    // A token wrapped onto the next lines: the language service reads each such line as a piece of the token.
    for (let piece = wrappedPieceAt(text, end); piece; piece = wrappedPieceAt(text, end)) {
      masked += `${text.slice(end, piece.start)}***`;
      end = queryValueEnd(text, piece.start + piece.length);
    }
    return { masked, end };
  }
  if (text[start] === '[') return { masked: '[***]', end: flowListEnd(text, start) };
  VALUE_BELOW.lastIndex = start;
  const below = VALUE_BELOW.exec(text);
  const lineEnd = below ? start + below[0].length : -1;
  if (below && below[1] === undefined) {
    // A quoted value or a flow list moved below its name (`"AuthToken":` then `  "secret",`): only the value is
    // masked, so what follows it on its line (a JSON comma) stays.
    const first = firstLineBelow(text, lineEnd);
    const c = first ? text[first.valueStart] : undefined;
    if (first && (c === '"' || c === "'" || c === '[')) {
      // Indented more than its name; or, in JSON or a flow mapping, anywhere unless it is the next member's name.
      const quoted = c === '[' ? '' : matchAt(QUOTED, text, first.valueStart)!;
      const isName = quoted !== '' && /^[ \t]*:/.test(text.slice(first.valueStart + quoted.length, first.valueStart + quoted.length + 80));
      if (first.indent > nameColumn() || !isName) {
        const lead = text.slice(lineEnd, first.valueStart);
        if (c === '[') return { masked: `${lead}[***]`, end: flowListEnd(text, first.valueStart) };
        return quotedValue(text, first.valueStart, lead, nameColumn());
      }
    }
  }
  const lines = below && indentedLinesBelow(text, lineEnd, nameColumn());
  if (lines) return { masked: `${below![1] ?? ''}${lines.lead}***`, end: lines.end };
  // Else the value is on the name's line, `#…` too (a header line's token may start with it), and goes on over the lines
  // below indented more than its name (a YAML plain scalar's continuation lines).
  const plain = matchAt(COLON_PLAIN, text, start);
  if (!plain) return undefined;
  const end = start + plain.length;
  VALUE_BELOW.lastIndex = end;
  const rest = VALUE_BELOW.exec(text);
  const continued = rest && rest[1] === undefined ? indentedLinesBelow(text, end + rest[0].length, nameColumn(), false) : undefined;
  return { masked: '***', end: continued ? continued.end : end };
}

/** Where a Query value ends from `end`: over each unencoded `&` that no parameter a request is made of follows. */
function queryValueEnd(text: string, end: number): number {
  while (text[end] === '&' && !isNextQueryParameter(text, end)) end += 1 + (matchAt(QUERY_PLAIN, text, end + 1)?.length ?? 0);
  return end;
}

// The line after a Query value that ends its line (trailing blanks after it): its indentation, then (group 1) text with
// no blank inside, then at most trailing blanks.
const NEXT_LINE_TEXT = /[ \t]*\r?\n[ \t]*([^\s]+)[ \t]*(?=\r?\n|$)/y;

/**
 * The piece of a Query secret wrapped onto the next line (`&AuthToken=abcdefgh`, then `ijklmnop`): the line the
 * language service reads as more of the secret (queryParser.ts continuesSecretOnNextLine; a line after a piece may be
 * a piece too), one line, with no blank inside, and not a parameter of its own: not a URL, not `&…`, `?…` or a `#`
 * comment, and its first name (up to `=` or `&`) not one a request is made of (`Engine=redis`, `Action=…`,
 * `Tags.Tag.1.Key`; digits alone are a piece). Wider than the language service's test (which also
 * asks for a token's characters and no near miss of a name), which needs the service model (facts.ts): a log shows
 * less, never more. Its start and the length up to its first `&`.
 */
function wrappedPieceAt(text: string, end: number): { start: number; length: number } | undefined {
  NEXT_LINE_TEXT.lastIndex = end;
  const found = NEXT_LINE_TEXT.exec(text);
  const line = found?.[1];
  if (!line || /^[&?#]/.test(line) || line.includes('://')) return undefined;
  const firstName = /^[^=&]*/.exec(line)![0];
  const parts = percentDecoded(firstName).split('.');
  if (parts.some((part) => queryNames().has(part)) && parts.every((part) => /^\d+$/.test(part) || queryNames().has(part))) return undefined;
  const start = end + found![0].search(/\S/);
  return { start, length: matchAt(QUERY_PLAIN, text, start)!.length };
}

// The rest of a quoted value's continuation line: up to its closing quote (group 1), else the whole line.
const DOUBLE_QUOTED_REST = /(?:[^"\\\n]|\\.)*(")?/y;
const SINGLE_QUOTED_REST = /(?:[^'\n]|'')*(')?/y;

/**
 * A quoted value at `start` (after `lead`, the text kept before it), masked with its quotes kept. Not closed on its
 * line, a YAML quoted scalar goes on over the lines below (`nameColumn` given; a Query value does not): the AWS CLI's
 * YAML loader reads up to the closing quote whatever the lines' indentation, so the value takes the lines indented more
 * than its name and the line of its closing quote; left unclosed, it ends before the first line indented no more than
 * its name (a stray quote in a log line does not hide the lines after it).
 */
function quotedValue(text: string, start: number, lead: string, nameColumn: number | undefined): SecretValue {
  QUOTED.lastIndex = start;
  const first = QUOTED.exec(text)!;
  const q = first[0][0]!;
  const closed = !!(first[1] || first[2]);
  let end = start + first[0].length;
  if (!closed && nameColumn !== undefined) {
    const rest = q === '"' ? DOUBLE_QUOTED_REST : SINGLE_QUOTED_REST;
    for (let lineBreak = text.indexOf('\n', end); lineBreak >= 0; ) {
      const lineStart = lineBreak + 1;
      const next = text.indexOf('\n', lineStart);
      const lineStop = next < 0 ? text.length : text[next - 1] === '\r' ? next - 1 : next;
      const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStop))![0].length;
      rest.lastIndex = lineStart + indent;
      const m = rest.exec(text)!;
      if (m[1] !== undefined) return withTextAfterQuote(text, { masked: `${lead}${q}***${q}`, end: lineStart + indent + m[0].length }, false);
      const blank = lineStart + indent >= lineStop;
      if (!blank && indent <= nameColumn) break;
      // A blank line is the value's only if a line of it follows.
      if (!blank) end = lineStop;
      lineBreak = next;
    }
  }
  return withTextAfterQuote(text, { masked: `${lead}${q}***${closed ? q : ''}`, end }, nameColumn === undefined);
}

/** Text right after a closing quote (`"abc"def`: no valid JSON, YAML or Query value) is taken as more of the value. */
function withTextAfterQuote(text: string, value: SecretValue, query: boolean): SecretValue {
  const rest = matchAt(query ? QUERY_PLAIN : AFTER_QUOTE, text, value.end);
  return rest ? { masked: value.masked, end: value.end + rest.length } : value;
}

/** The first line after `lineEnd` (a line break) that is not blank: its indentation and where its text starts. */
function firstLineBelow(text: string, lineEnd: number): { indent: number; valueStart: number } | undefined {
  FIRST_LINE_BELOW.lastIndex = lineEnd;
  const found = FIRST_LINE_BELOW.exec(text);
  return found ? { indent: found[1]!.length, valueStart: lineEnd + found[0].length } : undefined;
}
const FIRST_LINE_BELOW = /(?:\r?\n[ \t]*(?=\r?\n))*\r?\n([ \t]*)(?=\S)/y;

/** The match of a sticky pattern at `at`. */
function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** Whether `&name=` starts at `at`, its name one a Query request is made of (each `.` part a name or an index). */
function isNextQueryParameter(text: string, at: number): boolean {
  NEXT_QUERY_NAME.lastIndex = at;
  const m = NEXT_QUERY_NAME.exec(text);
  return !!m && percentDecoded(m[1]!).split('.').every((part) => /^\d+$/.test(part) || queryNames().has(part));
}

let queryNameSet: Set<string> | undefined;
function queryNames(): Set<string> {
  return (queryNameSet ??= new Set(QUERY_NAMES));
}

/** Where a flow list `[…]` ends: after its `]` (quotes and nested lists skipped), else at the end of the text. */
function flowListEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i += (matchAt(QUOTED, text, i)?.length ?? 1) - 1;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * The lines after `lineEnd` (a line break) that belong to a value whose name is at `nameColumn`: those indented more
 * than the name (blank lines between them too), and block-list items (`- …`) at the name's column (`listItems`: not
 * after a value on the name's line). The masked value
 * keeps the line break, the first line's indentation and its `- `.
 */
function indentedLinesBelow(text: string, lineEnd: number, nameColumn: number, listItems = true): { lead: string; end: number } | undefined {
  let end: number | undefined;
  let lead = '';
  for (let at = lineEnd; at < text.length; ) {
    const breakLength = text.startsWith('\r\n', at) ? 2 : 1;
    const lineStart = at + breakLength;
    const next = text.indexOf('\n', lineStart);
    const lineStop = next < 0 ? text.length : text[next - 1] === '\r' ? next - 1 : next;
    const line = text.slice(lineStart, lineStop);
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent === line.length) {
      // A blank line: part of the value only if a line of it follows.
      if (next < 0) break;
      at = lineStop;
      continue;
    }
    if (indent <= nameColumn && !(listItems && indent === nameColumn && /^-(?:[ \t]|$)/.test(line.slice(indent)))) break;
    if (end === undefined) lead = `${text.slice(lineEnd, lineStart)}${line.slice(0, indent)}${/^-[ \t]+/.exec(line.slice(indent))?.[0] ?? ''}`;
    end = lineStop;
    if (next < 0) break;
    at = lineStop;
  }
  return end === undefined ? undefined : { lead, end };
}

function percentDecoded(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
