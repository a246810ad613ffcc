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

/** Replaces the value of every `name=value` whose name is a secret's with `***` (query strings, messages). */
export function redactSecretParameters(text: string): string {
  return text.replace(SECRET_PARAMETER, '$1=***');
}
// The name starts the text or follows a separator (`?`, `&`, a space…), so `SignatureVersion=4` keeps its value.
const SECRET_PARAMETER = new RegExp(`(?<![\\w.-])(${SECRET_NAMES})=[^&\\s]+`, 'gi');
