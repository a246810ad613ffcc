// A secret whose value holds an unencoded '&' (AuthToken allows '&' among its special characters,
// LIMITS.authTokenSpecials) is cut there by the Query form: what follows reads as parameters of their own, named after
// pieces of the secret. Findings and the outline name the secret instead of those pieces.
import { displayableName, hidesValue, isSecretName } from '../model/secrets';
import { knownNameId, knownNames, UNKNOWN_NAME } from './knownNames';
import { suggest } from './text';
import type { Finding, QueryParam } from './types';

/** Whether a parameter's name is no name ElastiCache knows nor looks like one (its first segment, before any '.'). */
function unknownName(param: QueryParam): boolean {
  if (param.nameId !== UNKNOWN_NAME) return false;
  const dot = param.name.indexOf('.');
  const first = dot < 0 ? param.name : param.name.slice(0, dot);
  if (knownNameId(first) !== UNKNOWN_NAME || displayableName(param.name) !== param.name) return false;
  // A near miss of a known name (`CacheNodeTyp`) is a typo to correct, not a piece of the secret.
  return suggest(first, knownNames()) === undefined;
}

/**
 * Whether a name's value is not to be shown: a secret's name (hidesValue), or a near miss of one, which the
 * unknown-parameter finding suggests renaming to the secret's name (`AuthTokn`, `Auth Token`, `Passwrds`).
 */
export function mayHoldSecret(name: string): boolean {
  if (hidesValue(name)) return true;
  // A known name, or a dotted name whose first segment is known (`SecurityGroupIds.member.1`): no near miss to look for.
  const dot = name.indexOf('.');
  if (knownNameId(dot < 0 ? name : name.slice(0, dot)) !== UNKNOWN_NAME) return false;
  const near = suggest(name, knownNames());
  return near !== undefined && isSecretName(near);
}

/**
 * The secret parameter that parameter `k` of `params` seems to continue: the parameters right after a secret's (or a
 * near miss's, `AuthTokn`) whose names ElastiCache does not know (`AuthToken=abc&def=ghi&jkl`: `def=ghi` and `jkl` are
 * the token's). Else undefined.
 */
export function continuedSecret(params: readonly QueryParam[], k: number): QueryParam | undefined {
  for (let j = k; j > 0 && unknownName(params[j]); j--) {
    const before = params[j - 1];
    if (mayHoldSecret(before.name)) return before;
  }
  return undefined;
}

/** The one finding for a secret that continues past an unencoded '&' (on the secret, saying nothing of its value). */
export function continuedSecretFinding(secret: QueryParam): Finding {
  const name = displayableName(secret.name);
  const what = /^authtoken$/i.test(secret.name) ? 'the token' : 'the value';
  return {
    code: 'query-secret-split',
    severity: 'error',
    message: `The ${name} seems to continue past an unencoded '&' (the parameter after it has no name ElastiCache knows): percent-encode '&' as %26 in ${what}.`,
    span: secret.span,
    awsError: 'InvalidParameterValue',
  };
}
