// Which parameters hold secrets: diagnostics, the outline and logs never show their values. One rule for the server
// and the extension; import-free, so the extension can use it at activation without loading the language service.
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
  return SECRET_NAME_THEN_TEXT.exec(name)?.[1];
}

/** What a message says of a name that goes on with a secret's value (after the name cut by displayableName). */
export const VALUE_IN_NAME = "its name goes on with a value (a pasted header line, or ':', a space or an encoded '=' where '=' belongs; the value is not shown)";

/** Whether a name's value must not be shown: a secret's name, or a name that goes on with a secret's value. */
export function hidesValue(name: string): boolean {
  return isSecretName(name) || SECRET_NAME_THEN_VALUE.test(name);
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
 */
export function redactSecretParameters(text: string): string {
  let out = '';
  let from = 0;
  SECRET_ASSIGNMENT.lastIndex = 0;
  for (let m = SECRET_ASSIGNMENT.exec(text); m; m = SECRET_ASSIGNMENT.exec(text)) {
    const quote = m[1] ?? '';
    const name = m[2] ?? '';
    if (!isSecretName(percentDecoded(name))) {
      // Not a secret: go on after its name (its value may hold a secret's `name=value`).
      SECRET_ASSIGNMENT.lastIndex = m.index + quote.length + name.length;
      continue;
    }
    const value = m[4] ?? m[6] ?? '';
    const valueQuote = /^["']/.test(value) ? value[0]! : '';
    const closing = valueQuote && value.length > 1 && value.endsWith(valueQuote) ? valueQuote : '';
    out += `${text.slice(from, m.index)}${m[0].slice(0, m[0].length - value.length)}${valueQuote}***${closing}`;
    from = m.index + m[0].length;
  }
  return out + text.slice(from);
}
// A name (letters, digits, `_ . -`, percent-escapes) that starts the text or follows a separator (`?`, `&`, a space…),
// so that `SignatureVersion=4` is judged by its whole name, optionally quoted; then its value: a quoted string, or
// after `=` (or `%3D`) up to `&` or a space (Query), after `:` up to a space, `,`, `}` or `]` (header, YAML, JSON flow).
// The name is matched lazily, so that `AuthToken%3Dvalue` splits at the encoded `=`.
const QUOTED = String.raw`"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?`;
const SECRET_ASSIGNMENT = new RegExp(
  String.raw`(?<![\w.%-])(["']?)((?:[\w.-]|%[0-9a-f]{2})+?)\1(?:([ \t]*(?:=|%3d)[ \t]*)(${QUOTED}|[^&\s]+)|([ \t]*:[ \t]*)(${QUOTED}|[^\s,}\]]+))`,
  'gi',
);

function percentDecoded(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
