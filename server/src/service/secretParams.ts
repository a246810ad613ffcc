// A secret whose value holds an unencoded '&' (AuthToken allows '&' among its special characters,
// LIMITS.authTokenSpecials) is cut there by the Query form: what follows reads as parameters of their own, named after
// pieces of the secret. Findings and the outline name the secret instead of those pieces.
import { displayableName, hidesValue, isSecretName } from '../model/secrets';
import { knownNameId, knownNames, UNKNOWN_NAME } from './knownNames';
import { suggest } from './text';
import type { Finding, QueryParam } from './types';

/** Whether a parameter's name is no name ElastiCache knows nor looks like one (its first segment, before any '.'). */
export function unknownName(param: QueryParam): boolean {
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

/** Where `param` is in `params` (-1 if not there), without a scan per question in a long request. */
export function indexOfParam(params: readonly QueryParam[], param: QueryParam): number {
  const index = tableOf(params).index;
  return index ? (index.get(param) ?? -1) : params.indexOf(param);
}

interface SecretTable {
  secrets: (QueryParam | undefined)[];
  /** Only for a long request; a short one is scanned. */
  index?: Map<QueryParam, number>;
}
// The last request's table (its parameters are asked about one after another): a one-entry cache rather than a
// WeakMap, whose entries cost the garbage collector on every request (+30 % analysis time on the seed).
let lastParams: readonly QueryParam[] | undefined;
let lastTable: SecretTable = { secrets: [] };
/** Above this many parameters, names' checks are remembered and parameters indexed. */
const LONG_REQUEST = 64;

/**
 * Every parameter's continuedSecret in one pass, linear in the parameters (a walk back per parameter was quadratic:
 * 2,000 unknown parameters took seconds), each name's checks asked once in a long request.
 */
function tableOf(params: readonly QueryParam[]): SecretTable {
  if (params === lastParams) return lastTable;
  const long = params.length > LONG_REQUEST;
  const unknown = long ? new Map<string, boolean>() : undefined;
  const holds = long ? new Map<string, boolean>() : undefined;
  const secrets: (QueryParam | undefined)[] = new Array(params.length).fill(undefined);
  const index = long ? new Map<QueryParam, number>() : undefined;
  for (let k = 0; k < params.length; k++) {
    const p = params[k];
    index?.set(p, k);
    if (k === 0 || p.nameId !== UNKNOWN_NAME) continue;
    let u = unknown?.get(p.name);
    if (u === undefined) {
      u = unknownName(p);
      unknown?.set(p.name, u);
    }
    if (!u) continue;
    // The parameters after a secret's with unknown names are its pieces: the nearest such secret before k.
    const before = params[k - 1].name;
    let h = holds?.get(before);
    if (h === undefined) {
      h = mayHoldSecret(before);
      holds?.set(before, h);
    }
    secrets[k] = h ? params[k - 1] : secrets[k - 1];
  }
  lastParams = params;
  lastTable = { secrets, index };
  return lastTable;
}

/**
 * The one finding for a secret that continues past an unencoded '&' or onto the next line (`piece`: the first
 * parameter after it), on the secret, saying nothing of its value.
 */
export function continuedSecretFinding(secret: QueryParam, piece: QueryParam): Finding {
  const name = displayableName(secret.name);
  const what = /^authtoken$/i.test(secret.name) ? 'the token' : 'the value';
  // A piece without a separator before it is a line of its own (forEachQueryRequest): the value was wrapped.
  const message = piece.separatorSpan
    ? `The ${name} seems to continue past an unencoded '&' (the parameter after it has no name ElastiCache knows): percent-encode '&' as %26 in ${what}.`
    : `The ${name} seems to continue on the next line (a line break ends a value): join the lines of ${what} into one, without spaces, and percent-encode any '&' in it as %26.`;
  return { code: 'query-secret-split', severity: 'error', message, span: secret.span, awsError: 'InvalidParameterValue' };
}
