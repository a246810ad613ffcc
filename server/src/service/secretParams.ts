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
  return tableOf(params).secrets[k];
}

/** Where `param` is in `params` (-1 if not there), without a scan per question (asked once per unknown parameter). */
export function indexOfParam(params: readonly QueryParam[], param: QueryParam): number {
  return tableOf(params).index.get(param) ?? -1;
}

interface SecretTable {
  secrets: (QueryParam | undefined)[];
  index: Map<QueryParam, number>;
}
const tables = new WeakMap<readonly QueryParam[], SecretTable>();

/**
 * Every parameter's continuedSecret in one pass, linear in the parameters (a walk back per parameter was quadratic:
 * 2,000 unknown parameters took seconds), each name's checks asked once.
 */
function tableOf(params: readonly QueryParam[]): SecretTable {
  let table = tables.get(params);
  if (table) return table;
  const unknown = new Map<string, boolean>();
  const holds = new Map<string, boolean>();
  const isUnknown = (p: QueryParam) => {
    let u = unknown.get(p.name);
    if (u === undefined) unknown.set(p.name, (u = unknownName(p)));
    return u;
  };
  const mayHold = (name: string) => {
    let h = holds.get(name);
    if (h === undefined) holds.set(name, (h = mayHoldSecret(name)));
    return h;
  };
  const secrets: (QueryParam | undefined)[] = new Array(params.length).fill(undefined);
  const index = new Map<QueryParam, number>();
  for (let k = 0; k < params.length; k++) {
    index.set(params[k], k);
    // The parameters after a secret's with unknown names are its pieces: the nearest such secret before k.
    if (k > 0 && isUnknown(params[k])) secrets[k] = mayHold(params[k - 1].name) ? params[k - 1] : secrets[k - 1];
  }
  table = { secrets, index };
  tables.set(params, table);
  return table;
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
