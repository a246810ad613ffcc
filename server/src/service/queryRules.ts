// The Query-URL layer: the endpoint host, `Version`, SigV4 presigned-URL parameters (`X-Amz-*`), SigV2
// parameters, placeholders, duplicated protocol parameters. API members are checked by shapeCheck/rules.
import { API_VERSION, LIMITS, PRESIGN_MAX_DAYS, REGIONS, SOURCES, regionOfEndpointHost } from '../model/facts';
import { serviceModel } from '../model/generated/serviceModel';
import { duplicateParamFixes, emptyDuplicateMessage, isPlaceholder, placeholderAsWritten, placeholderFinding, removeParamFix, removeParamsFix, type RawQueryRequest } from './queryParser';
export { removeParamFix };
import { knownNames, PROTOCOL_PARAMS as PROTOCOL_NAMES, SIGV4_PARAMS, UNKNOWN_NAME } from './knownNames';
import type { Finding, Fix, QueryParam } from './types';
import { displayableName, secretBeforeValue, VALUE_IN_NAME } from '../model/secrets';

/** Query-protocol parameters that are not API members (SigV4 ones all start with `X-Amz-`). */
export const PROTOCOL_PARAMS = new Set(PROTOCOL_NAMES);

/** Signature Version 2 parameters. Source: SOURCES.queryApi. */
const SIGV2_PARAMS = ['SignatureVersion', 'SignatureMethod', 'Timestamp', 'AWSAccessKeyId', 'Signature', 'Expires'];

const SIGV4_SET = new Set(SIGV4_PARAMS);
const SIGV4_REQUIRED = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];
const PROTOCOL_SLOTS = new Map<string, number>([...PROTOCOL_PARAMS, ...SIGV4_PARAMS].map((name, i) => [name, i]));
/** The slots of the SigV4 parameters come after the other protocol parameters' (a slot says which kind a parameter is). */
const FIRST_SIGV4_SLOT = PROTOCOL_PARAMS.size;

/** REGIONS as a Set: asked on every request with a host. */
const KNOWN_REGIONS: ReadonlySet<string> = new Set(REGIONS);

const LOCAL_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(:\d+)?$/i;
/** Only hosts starting with l, 1, [ or 0 can be local ones: skip the regex for the others. */
const mayBeLocalHost = (host: string) => {
  const c = host.charCodeAt(0) | 0x20; // lowercase for letters
  return c === 0x6c || c === 0x31 || c === 0x7b || c === 0x30;
};


const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digits = (s: string, from: number, count: number) => {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
};

/** `^\d{8}T\d{6}Z$`, by character codes: it runs several times per request. */
function isBasicDateShape(s: string): boolean {
  return s.length === 16 && allDigits(s, 0, 8) && s.charCodeAt(8) === 0x54 && allDigits(s, 9, 15) && s.charCodeAt(15) === 0x5a;
}

/** `YYYYMMDDTHHMMSSZ` naming a real UTC date and time (checked without allocating Dates: it runs per request). */
function isValidBasicDate(s: string): boolean {
  if (!isBasicDateShape(s)) return false;
  const y = digits(s, 0, 4);
  const mo = digits(s, 4, 2);
  const d = digits(s, 6, 2);
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]) return false;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return false;
  return digits(s, 9, 2) < 24 && digits(s, 11, 2) < 60 && digits(s, 13, 2) < 60;
}

/** `host` without a trailing `:port` (what `host.replace(/:\d+$/, '')` gives, without a regex per request). */
function withoutPort(host: string): string {
  let i = host.length;
  while (i > 0 && host.charCodeAt(i - 1) >= 0x30 && host.charCodeAt(i - 1) <= 0x39) i--;
  return i < host.length && i > 0 && host.charCodeAt(i - 1) === 0x3a ? host.slice(0, i - 1) : host;
}

/** The Region of an ElastiCache endpoint host as a request's URL writes it (a `:port` allowed), else undefined. */
export function endpointHostRegion(host: string): string | undefined {
  return regionOfEndpointHost(withoutPort(host));
}

/** The Region of the request's endpoint host, when the host is an ElastiCache endpoint (computed once per request). */
export function hostRegion(raw: RawQueryRequest): string | undefined {
  if (!raw.host) return undefined;
  if (raw.endpointRegion === undefined) raw.endpointRegion = endpointHostRegion(raw.host.value) ?? null;
  return raw.endpointRegion ?? undefined;
}

/**
 * Protocol parameters of one request by slot (`protocol[SLOT.Version]`): one Map lookup per parameter to find its
 * slot, then constant-keyed reads (inline-cached) instead of a Map lookup per check; it runs on every request.
 */
type ProtocolParams = (QueryParam | undefined)[];
export const SLOT: Readonly<Record<string, number>> = Object.fromEntries(PROTOCOL_SLOTS);
const SIGV4_REQUIRED_SLOTS = SIGV4_REQUIRED.map((n) => PROTOCOL_SLOTS.get(n)!);
const SIGV2_SLOTS = SIGV2_PARAMS.map((n) => PROTOCOL_SLOTS.get(n)!);
const API_MEMBER = -1;
const OTHER_AMZ = -2;

/** A request's parameters sorted once into protocol parameters (the first of each name, by slot) and API members. */
export interface SplitQueryParams {
  protocol: ProtocolParams;
  /** API members (neither protocol parameters nor X-Amz-*), in order. */
  api: QueryParam[];
  /** Per parameter (same index as `params`): its protocol slot, API_MEMBER or OTHER_AMZ. */
  slots: number[];
}

/** Per known name (by number): its protocol slot, API_MEMBER or OTHER_AMZ. */
let slotByNameId: Int8Array | undefined;
function slotOfUnknownName(name: string): number {
  return PROTOCOL_SLOTS.get(name) ?? (name.startsWith('X-Amz-') ? OTHER_AMZ : API_MEMBER);
}

/** One empty slot per protocol parameter, copied per request (a copy costs less than filling a new array). */
const NO_PROTOCOL_PARAMS: ProtocolParams = new Array<QueryParam | undefined>(PROTOCOL_SLOTS.size).fill(undefined);

export function splitQueryParams(params: readonly QueryParam[]): SplitQueryParams {
  const slotOf = (slotByNameId ??= Int8Array.from(knownNames(), slotOfUnknownName));
  const protocol: ProtocolParams = NO_PROTOCOL_PARAMS.slice();
  const api: QueryParam[] = [];
  // A plain array of small integers: a typed array per request cost more to create than the whole split.
  const slots: number[] = [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    const slot = p.nameId === UNKNOWN_NAME ? slotOfUnknownName(p.name) : slotOf[p.nameId];
    slots.push(slot);
    if (slot >= 0) {
      if (protocol[slot] === undefined) protocol[slot] = p;
    } else if (slot === API_MEMBER) {
      api.push(p);
    }
  }
  return { protocol, api, slots };
}

/**
 * The fix that adds `&Version=…` right after Action: on a continuation line of its own, indented as the next
 * parameter's line, when that one starts its line with its `&` (the request written one parameter per line), or as
 * Action's own line when Action is last and starts a line of the request; else on Action's line. `text`: the
 * document the spans are in.
 */
function addVersionFix(raw: RawQueryRequest, action: QueryParam, text: string | undefined): Fix {
  const title = `Add Version=${API_VERSION}`;
  const at = { start: action.span.end, end: action.span.end };
  const inline = { title, edits: [{ span: at, newText: `&Version=${API_VERSION}` }] };
  const next: QueryParam | undefined = raw.params[raw.params.indexOf(action) + 1];
  const lineOf = next ?? action;
  if (text === undefined || !lineOf.separatorSpan) return inline;
  const first = lineOf.separatorSpan.start;
  const lineStart = text.lastIndexOf('\n', first - 1) + 1;
  const indent = text.slice(lineStart, first);
  if (indent.trim() !== '' || lineStart <= (next ? action.span.end : raw.span.start)) return inline;
  const lineBreak = text[lineStart - 2] === '\r' ? '\r\n' : '\n';
  return { title, edits: [{ span: at, newText: `${lineBreak}${indent}&Version=${API_VERSION}` }] };
}

export function checkQueryProtocol(raw: RawQueryRequest, split: SplitQueryParams, findings: Finding[], text?: string): void {
  const byName = split.protocol;
  let otherAmzNames: Set<string> | undefined; // X-Amz-* names SigV4 does not define, for duplicates
  // The first SigV4 parameter as written, and whether any parameter is an X-Amz-* one SigV4 does not define.
  let firstSigV4: QueryParam | undefined;
  let unknownAmz = false;
  const params = raw.params;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    const slot = split.slots[i];
    if (slot !== API_MEMBER) {
      const name = p.name;
      if (slot >= 0 ? byName[slot] !== p : otherAmzNames?.has(name)) {
        const first = slot >= 0 ? byName[slot] : params.find((q) => q.name === name);
        // An empty repeat (e.g. a trailing `&Action=`) is one mistake: said in this finding, not a second one.
        const message = emptyDuplicateMessage(first, p) ?? `${name} is given more than once.`;
        findings.push({ code: 'duplicate-parameter', severity: 'error', message, span: p.nameSpan, fixes: duplicateParamFixes(params, first, p), awsError: 'InvalidParameterCombination' });
        continue;
      }
      if (slot === OTHER_AMZ) {
        (otherAmzNames ??= new Set()).add(name);
        unknownAmz = true;
      } else if (!firstSigV4 && slot >= FIRST_SIGV4_SLOT) {
        firstSigV4 = p;
      }
    }
    if (p.decoded && isPlaceholder(p.value)) findings.push(placeholderFinding(p.name, p.valueSpan, placeholderAsWritten(p)));
  }
  const region = checkHost(raw, findings);

  // Version
  const version = byName[SLOT.Version];
  if (!version) {
    const action = byName[SLOT.Action];
    findings.push({
      code: 'query-version',
      severity: 'error',
      message: `Missing Version parameter: ElastiCache Query requests need Version=${API_VERSION}.`,
      span: action?.nameSpan ?? raw.host?.span ?? { start: raw.span.start, end: raw.span.start + 1 },
      awsError: 'MissingParameter',
      fixes: action ? [addVersionFix(raw, action, text)] : undefined,
    });
  } else if (version.value !== API_VERSION) {
    findings.push({
      code: 'query-version',
      severity: 'error',
      message: `Version must be ${API_VERSION}, the ElastiCache API version.`,
      span: version.valueSpan,
      awsError: 'InvalidParameterValue',
      fixes: [{ title: `Change to ${API_VERSION}`, edits: [{ span: version.valueSpan, newText: API_VERSION }], isPreferred: true }],
    });
  }

  if (unknownAmz) {
    for (const p of raw.params) {
      if (p.name.startsWith('X-Amz-') && !SIGV4_SET.has(p.name)) {
        findings.push({ code: 'query-unknown-parameter', severity: 'warning', message: unknownAmzMessage(p.name), span: p.nameSpan });
      }
    }
  }
  if (firstSigV4) {
    checkSigV4(byName, firstSigV4, region, findings);
    let sigV2: QueryParam[] | undefined;
    for (let k = 0; k < SIGV2_PARAMS.length; k++) {
      const p = byName[SIGV2_SLOTS[k]];
      if (p) (sigV2 ??= []).push(p);
    }
    if (sigV2) {
      const removals = sigV2.map((p) => removeParamFix(raw.params, p, `Remove ${p.name}`));
      // Several of them (the documentation's own example has three): one more fix removes them all (computed as one
      // removal: next to each other, each one's edits would overlap the next one's).
      const removeAll = removals.length > 1 ? removeParamsFix(raw.params, sigV2, `Remove all ${removals.length} Signature Version 2 parameters`) : undefined;
      for (let k = 0; k < sigV2.length; k++) {
        const p = sigV2[k];
        findings.push({
          code: 'query-sigv2-param',
          severity: 'warning',
          // ElastiCache's Common Parameters page (SOURCES.queryApi) lists Action, Version and the X-Amz-* ones only.
          message: `${p.name} is a Signature Version 2 parameter in a Signature Version 4 (X-Amz-*) request: remove it (ElastiCache's common parameters for Signature Version 4 do not include it).`,
          span: p.nameSpan,
          fixes: removeAll ? [removals[k], removeAll] : [removals[k]],
        });
      }
    }
  } else {
    const sv = byName[SLOT.SignatureVersion];
    if (sv && sv.value !== '2') {
      findings.push({ code: 'query-sigv2', severity: 'error', message: `SignatureVersion=${sv.value.slice(0, 10)} is not valid: Signature Version 2 requests use SignatureVersion=2; Signature Version 4 uses the X-Amz-* parameters instead.`, span: sv.valueSpan, awsError: 'InvalidParameterValue' });
    }
    const sm = byName[SLOT.SignatureMethod];
    if (sm && sm.value !== 'HmacSHA256' && sm.value !== 'HmacSHA1') {
      findings.push({ code: 'query-sigv2', severity: 'error', message: 'SignatureMethod must be HmacSHA256 (or HmacSHA1).', span: sm.valueSpan, awsError: 'InvalidParameterValue' });
    }
    if (byName[SLOT.Timestamp] && byName[SLOT.Expires]) {
      findings.push({ code: 'query-sigv2', severity: 'error', message: 'Timestamp and Expires cannot both be given.', span: byName[SLOT.Expires]!.nameSpan, awsError: 'InvalidParameterCombination' });
    }
  }
  // In a Signature Version 4 request Timestamp is to be removed (query-sigv2-param): its format does not matter.
  const ts = firstSigV4 ? undefined : byName[SLOT.Timestamp];
  if (ts && !isPlaceholder(ts.value) && !EXTENDED_DATE.test(ts.value)) {
    const v = ts.value;
    findings.push({
      code: 'query-timestamp-format',
      severity: 'warning',
      message: 'Timestamp must be an ISO 8601 date-time in the extended form YYYY-MM-DDThh:mm:ssZ (e.g. 2015-05-08T22:03:02Z).',
      span: ts.valueSpan,
      // A valid basic date is exactly YYYYMMDDThhmmssZ: insert the separators (':' percent-encoded).
      fixes: isValidBasicDate(v)
        ? [{ title: 'Use the extended ISO 8601 form', edits: [{ span: ts.valueSpan, newText: `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(9, 11)}%3A${v.slice(11, 13)}%3A${v.slice(13, 15)}Z` }] }]
        : undefined,
    });
  }
}

const EXTENDED_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkHost(raw: RawQueryRequest, findings: Finding[]): string | undefined {
  if (!raw.host) return undefined;
  const host = raw.host.value;
  if (mayBeLocalHost(host) && LOCAL_HOST.test(host)) return undefined;
  if (raw.scheme && raw.scheme.value.toLowerCase() !== 'https') {
    findings.push({ code: 'query-scheme', severity: 'warning', message: 'ElastiCache endpoints are called over HTTPS.', span: raw.scheme.span, fixes: [{ title: 'Use https', edits: [{ span: raw.scheme.span, newText: 'https' }] }] });
  }
  const region = hostRegion(raw);
  if (!region) {
    findings.push({
      code: 'query-host',
      severity: 'warning',
      message: `${host.slice(0, 60)} is not an ElastiCache endpoint: they are elasticache.<region>.amazonaws.com (see ${SOURCES.endpoints}), elasticache.<region>.api.aws (dual-stack) or an interface VPC endpoint vpce-….elasticache.<region>.vpce.amazonaws.com.`,
      span: raw.host.span,
    });
    return undefined;
  }
  if (!KNOWN_REGIONS.has(region)) {
    findings.push({ code: 'query-host', severity: 'warning', message: `${region} is not a known AWS Region with an ElastiCache endpoint.`, span: raw.host.span });
  }
  if (raw.path && raw.path.value !== '' && raw.path.value !== '/') {
    findings.push({ code: 'query-host', severity: 'warning', message: 'ElastiCache Query requests go to the path /.', span: raw.path.span });
  }
  return region;
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** `^[0-9a-f]{64}$` by character codes (it runs on every signed request). */
function isLowercaseHex64(s: string): boolean {
  if (s.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** `/[A-Z]/.test(s)` by character codes. */
function hasUppercaseAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return true;
  }
  return false;
}

/** `encodeURIComponent(s)`, without the call when every character is one it leaves as it is (A-Z a-z 0-9 - _ . ~). */
function encodeQueryComponent(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const lower = c | 0x20;
    if (!((lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x7e)) return encodeURIComponent(s);
  }
  return s;
}

/** X-Amz-SignedHeaders in canonical form: lowercase, trimmed, unique, sorted, with host, joined by ';'. */
function canonicalSignedHeaders(value: string): string {
  if (value.indexOf(';') < 0) {
    // One name (the usual case): no arrays to build.
    const h = value.trim().toLowerCase();
    return h === '' || h === 'host' ? 'host' : h < 'host' ? `${h};host` : `host;${h}`;
  }
  const canonical = [...new Set(value.split(';').map((h) => h.trim().toLowerCase()))].filter((h) => h !== '');
  if (!canonical.includes('host')) canonical.push('host');
  return canonical.sort().join(';');
}

function checkSigV4(byName: ProtocolParams, present: QueryParam, hostRegion: string | undefined, findings: Finding[]): void {
  let missing: string[] | undefined;
  for (let k = 0; k < SIGV4_REQUIRED.length; k++) if (!byName[SIGV4_REQUIRED_SLOTS[k]]) (missing ??= []).push(SIGV4_REQUIRED[k]);
  if (missing) {
    findings.push({ code: 'query-sigv4-incomplete', severity: 'error', message: `A Signature Version 4 presigned request also needs ${missing.join(', ')}.`, span: present.nameSpan, awsError: 'MissingParameter' });
  }
  const algorithm = byName[SLOT['X-Amz-Algorithm']];
  if (algorithm && algorithm.value !== 'AWS4-HMAC-SHA256' && !isPlaceholder(algorithm.value)) {
    findings.push({ code: 'query-algorithm', severity: 'error', message: 'X-Amz-Algorithm must be AWS4-HMAC-SHA256.', span: algorithm.valueSpan, awsError: 'InvalidParameterValue', fixes: [{ title: 'Change to AWS4-HMAC-SHA256', edits: [{ span: algorithm.valueSpan, newText: 'AWS4-HMAC-SHA256' }], isPreferred: true }] });
  }
  const date = byName[SLOT['X-Amz-Date']];
  const dateOk = date !== undefined && isValidBasicDate(date.value);
  if (date && !dateOk && !isPlaceholder(date.value)) {
    findings.push({ code: 'query-date-format', severity: 'error', message: 'X-Amz-Date must be the ISO 8601 basic form YYYYMMDDTHHMMSSZ in UTC (e.g. 20150508T220302Z).', span: date.valueSpan, awsError: 'InvalidParameterValue' });
  }
  const expires = byName[SLOT['X-Amz-Expires']];
  if (expires && !isPlaceholder(expires.value)) {
    const n = expires.value.length > 0 && allDigits(expires.value, 0, expires.value.length) ? Number(expires.value) : NaN;
    if (!(n >= LIMITS.presignMinSeconds && n <= LIMITS.presignMaxSeconds)) {
      findings.push({
        code: 'query-expires',
        severity: 'error',
        message: `X-Amz-Expires must be a number of seconds from ${LIMITS.presignMinSeconds} to ${LIMITS.presignMaxSeconds} (${PRESIGN_MAX_DAYS} days)${isBasicDateShape(expires.value) ? ', not a date' : expires.value === '' ? ', not empty' : ''}: how long the signed URL stays valid.`,
        span: expires.valueSpan,
        awsError: 'InvalidParameterValue',
      });
    }
  }
  const headers = byName[SLOT['X-Amz-SignedHeaders']];
  if (headers && headers.value !== 'host' && !isPlaceholder(headers.value)) {
    const value = headers.value;
    const expected = canonicalSignedHeaders(value);
    if (value !== expected) {
      const hasHost = value.indexOf(';') < 0 ? value.toLowerCase() === 'host' : value.split(';').some((h) => h.toLowerCase() === 'host');
      // The problems joined by ', ' (strings, not an array and join: this runs for every such request).
      const lowercase = hasUppercaseAscii(value) ? 'header names must be lowercase' : '';
      const host = hasHost ? '' : "it must include 'host'";
      const problems = lowercase && host ? `${lowercase}, ${host}` : lowercase || host || "names must be sorted and separated by ';'";
      findings.push({
        code: 'query-signed-headers',
        severity: 'error',
        message: `X-Amz-SignedHeaders must be ${expected}: ${problems}.`,
        span: headers.valueSpan,
        awsError: 'InvalidParameterValue',
        fixes: [{ title: `Change to ${expected}`, edits: [{ span: headers.valueSpan, newText: encodeQueryComponent(expected) }], isPreferred: true }],
      });
    }
  }
  const signature = byName[SLOT['X-Amz-Signature']];
  if (signature && !isPlaceholder(signature.value) && !isLowercaseHex64(signature.value)) {
    findings.push({ code: 'query-signature', severity: 'error', message: 'X-Amz-Signature must be 64 lowercase hexadecimal digits (an HMAC-SHA256).', span: signature.valueSpan, awsError: 'InvalidParameterValue' });
  }
  const credential = byName[SLOT['X-Amz-Credential']];
  if (credential && !isPlaceholder(credential.value)) {
    // <access-key-id>/<YYYYMMDD>/<region>/<service>/aws4_request: exactly four slashes, found with indexOf.
    const v = credential.value;
    const s1 = v.indexOf('/');
    const s2 = s1 < 0 ? -1 : v.indexOf('/', s1 + 1);
    const s3 = s2 < 0 ? -1 : v.indexOf('/', s2 + 1);
    const s4 = s3 < 0 ? -1 : v.indexOf('/', s3 + 1);
    if (s1 <= 0 || s4 < 0 || v.indexOf('/', s4 + 1) >= 0 || s2 - s1 - 1 !== 8 || !allDigits(v, s1 + 1, s2) || v.length - s4 - 1 !== 12 || !v.endsWith('aws4_request')) {
      findings.push({ code: 'query-credential', severity: 'error', message: 'X-Amz-Credential must be <access-key-id>/<YYYYMMDD>/<region>/elasticache/aws4_request (with / encoded as %2F).', span: credential.valueSpan, awsError: 'InvalidParameterValue' });
      return;
    }
    const day = v.slice(s1 + 1, s2);
    const region = v.slice(s2 + 1, s3);
    const service = v.slice(s3 + 1, s4);
    if (service !== serviceModel.metadata.endpointPrefix) {
      findings.push({ code: 'query-credential', severity: 'error', message: `The credential scope names the service '${service}'; ElastiCache requests are signed for 'elasticache'.`, span: credential.valueSpan, awsError: 'InvalidParameterValue' });
    }
    if (hostRegion && region !== hostRegion) {
      findings.push({ code: 'query-region-mismatch', severity: 'error', message: `The credential scope is for Region ${region}, but the host is the ${hostRegion} endpoint: the signature will not match.`, span: credential.valueSpan, awsError: 'InvalidParameterValue' });
    } else if (!KNOWN_REGIONS.has(region)) {
      findings.push({ code: 'query-credential', severity: 'warning', message: `${region} in the credential scope is not a known AWS Region.`, span: credential.valueSpan });
    }
    if (date && dateOk && !date.value.startsWith(day)) {
      findings.push({ code: 'query-credential', severity: 'error', message: `The credential scope date ${day} differs from the date of X-Amz-Date (${date.value.slice(0, 8)}).`, span: credential.valueSpan, awsError: 'InvalidParameterValue' });
    }
  }
}

/**
 * For a `.cluster.on` parameter group on CreateCacheCluster: rewrite the request as CreateReplicationGroup when
 * every parameter carries over (CacheClusterId → ReplicationGroupId, NumCacheNodes → NumCacheClusters, plus the
 * required ReplicationGroupDescription). Undefined when some parameter has no CreateReplicationGroup counterpart.
 */
export function clusterModeRewriteFix(raw: RawQueryRequest, input: Record<string, unknown>): Fix | undefined {
  const target = serviceModel.shapes[serviceModel.operations.CreateReplicationGroup.input!].members!;
  const renames: Record<string, string> = { CacheClusterId: 'ReplicationGroupId', NumCacheNodes: 'NumCacheClusters' };
  const action = raw.params.find((p) => p.name === 'Action');
  if (!action) return undefined;
  const edits: Fix['edits'] = [{ span: action.valueSpan, newText: 'CreateReplicationGroup' }];
  let last = raw.params[raw.params.length - 1];
  for (const p of raw.params) {
    if (PROTOCOL_PARAMS.has(p.name) || p.name.startsWith('X-Amz-')) continue;
    const top = p.name.split('.')[0];
    if (renames[top]) {
      if (p.nameSpan.end - p.nameSpan.start !== p.name.length) return undefined;
      edits.push({ span: { start: p.nameSpan.start, end: p.nameSpan.start + top.length }, newText: renames[top] });
    } else if (!target[top]) {
      return undefined;
    }
    last = p;
  }
  const id = typeof input.CacheClusterId === 'string' ? input.CacheClusterId : 'my-replication-group';
  // Cluster mode enabled needs automatic failover, and with it NumCacheClusters must be at least 2
  // (SOURCES.createReplicationGroup: AutomaticFailoverEnabled, NumCacheClusters): a single node gains a replica.
  const failover = raw.params.find((p) => p.name === 'AutomaticFailoverEnabled');
  if (failover) edits.push({ span: failover.valueSpan, newText: 'true' });
  const nodes = raw.params.find((p) => p.name === 'NumCacheNodes');
  const count = typeof input.NumCacheNodes === 'number' ? input.NumCacheNodes : 1;
  if (nodes && count < 2) edits.push({ span: nodes.valueSpan, newText: '2' });
  const added = `&ReplicationGroupDescription=${encodeURIComponent(id)}${failover ? '' : '&AutomaticFailoverEnabled=true'}${nodes ? '' : '&NumCacheClusters=2'}`;
  edits.push({ span: { start: last.span.end, end: last.span.end }, newText: added });
  const title = count < 2 ? 'Rewrite as CreateReplicationGroup (cluster mode enabled: automatic failover, 2 nodes — billed per node)' : 'Rewrite as CreateReplicationGroup (cluster mode enabled, automatic failover)';
  return { title, edits };
}

/** The warning for an X-Amz- name that is not a Signature Version 4 parameter, never quoting a secret's value. */
function unknownAmzMessage(name: string): string {
  if (secretBeforeValue(name) !== undefined) return `${displayableName(name)} is not a Signature Version 4 query parameter: ${VALUE_IN_NAME}. Write it as name=value, or remove it.`;
  return `${name} is not a Signature Version 4 query parameter (${SIGV4_PARAMS.join(', ')}).`;
}
