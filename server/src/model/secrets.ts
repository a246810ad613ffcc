// Which parameters hold secrets (AuthToken, session tokens, signatures, keys, passwords): diagnostics, the outline
// and logs never show their values. One rule for the server and the extension; import-free, so the extension can
// use it at activation without loading the language service.
const SECRET_NAME = /token|secret|password|signature/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Replaces the value of every `name=value` whose name is a secret's with `***` (query strings, messages). */
export function redactSecretParameters(text: string): string {
  return text.replace(/([\w.-]*(?:token|secret|password|signature)[\w.-]*)=[^&\s]+/gi, '$1=***');
}
