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
