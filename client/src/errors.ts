// Turns any failure of an AWS call into something a user can read and act on: a kind, a one-line message
// without stack traces or secrets, and the action that helps (configure credentials or retry).
import { MAX_CLOCK_SKEW_MINUTES } from '../../server/src/model/requestTime';
import { maskAccessKeyIds, redactSecretParameters } from '../../server/src/model/secrets';
import { visibleMessage } from '../../server/src/model/visibleText';

export type FailureKind =
  | 'noCredentials'
  | 'profileNotFound'
  | 'credentialsTimeout'
  | 'expiredToken'
  | 'accessDenied'
  | 'invalidCredentials'
  | 'clockSkew'
  | 'network'
  | 'notRunning'
  | 'service';

export interface Failure {
  kind: FailureKind;
  /** A few words naming the problem, for places that cut text off (the explorer's error row). */
  title: string;
  /** What to do about it, without repeating the title (the error row's description); `message` when absent. */
  explanation?: string;
  /** Short, readable; safe to show and to log. */
  message: string;
  /**
   * The few words that mark the connection's row where one is chosen (connection picker, wizard), e.g. "no
   * credentials", "unreachable", so that a connection that cannot work is told apart before it is picked.
   */
  mark: string;
  /** The AWS error code or Node error code when there is one (e.g. AccessDenied, ECONNREFUSED). */
  code?: string;
  action: 'configure' | 'retry' | 'startLocal';
}

const expiredCodes = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
const deniedCodes = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthFailure']);
const invalidCredentialCodes = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'InvalidAccessKeyId',
]);
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'TimeoutError',
  'RequestTimeout',
]);

/**
 * Resolving a profile's credentials took longer than the extension waits (connections.ts). `source` names where the
 * profile gets them from (credential_process, SSO…), never the command or any value.
 */
export class CredentialsTimeoutError extends Error {
  override readonly name = 'CredentialsTimeoutError';
  constructor(
    readonly profile: string,
    readonly source: string | undefined,
    readonly timeoutMs: number,
  ) {
    super(credentialsTimeoutMessage(profile, source, timeoutMs));
  }
}

/**
 * The credential chain failed for a profile in a way that has its own fix (connections.ts tells which, and keeps the
 * SDK's error as `cause`): the profile is in neither shared file, or its SSO session has expired or was never
 * started. `files` names the shared files that were read.
 */
export class ProfileCredentialsError extends Error {
  override readonly name = 'CredentialsProviderError';
  constructor(
    readonly reason: 'profileNotFound' | 'ssoLogin',
    readonly profile: string,
    readonly files: { config: string; credentials: string },
    options?: { cause?: unknown },
  ) {
    super(reason === 'profileNotFound' ? profileNotFoundMessage(profile, files) : ssoLoginMessage(profile), options);
  }
}

function profileNotFoundMessage(profile: string, files: { config: string; credentials: string }): string {
  return `Profile ${profile} is not in ${files.config} or ${files.credentials}: choose one (Configure AWS Profile…).`;
}

function ssoLoginMessage(profile: string | undefined): string {
  return profile
    ? `The SSO session of profile ${profile} has expired or is not logged in: run aws sso login --profile ${profile}`
    : 'The SSO session of the profile has expired or is not logged in: run aws sso login --profile <profile>';
}

/**
 * The SDK's words for an SSO login that is missing, invalid or expired (credential-provider-sso: "The SSO session
 * associated with this profile is invalid/has expired. To refresh this SSO session run aws sso login…";
 * token-providers: "…To refresh this SSO session run 'aws sso login'…").
 */
export function isSsoLoginFailure(message: string): boolean {
  return /\bSSO session\b|aws sso login/i.test(message);
}

/** Which profile, its credential source and the wait ("profile hang (credential_process), 15 s"), then what to check. */
function credentialsTimeoutParts(e: { profile: string; source: string | undefined; timeoutMs: number }): { what: string; check: string } {
  const check =
    e.source === 'credential_process'
      ? 'check that its command answers when run in a terminal'
      : e.source === 'SSO'
        ? `check the SSO login (aws sso login --profile ${e.profile})`
        : "check the profile's settings";
  return { what: `profile ${e.profile} (${e.source ?? 'credential chain'}), no answer in ${e.timeoutMs < 1000 ? `${e.timeoutMs} ms` : `${Math.round(e.timeoutMs / 1000)} s`}`, check: `${check}, or choose another profile` };
}

function credentialsTimeoutMessage(profile: string, source: string | undefined, timeoutMs: number): string {
  const { what, check } = credentialsTimeoutParts({ profile, source, timeoutMs });
  return `Timed out getting credentials for ${what}: ${check}.`;
}

/**
 * What is known to stop a connection from working: the failure of its last credential check (`null`: the credentials
 * resolved, `undefined`: not checked), else the failure its last listing ended with (network, credentials, service).
 * Credentials that resolve say nothing about the endpoint: fake keys with no network still fail every call.
 */
export function knownProblem(credentialCheck: Failure | null | undefined, lastListing: Failure | undefined): Failure | undefined {
  return credentialCheck ?? lastListing;
}

/** Removes anything that looks like a key, token or signature: every form redactSecretParameters knows, and access key ids. */
export function redactSecrets(text: string): string {
  return maskAccessKeyIds(redactSecretParameters(text));
}

/**
 * Keeps the first line only, removes anything that looks like a key or signature, and shows control and format
 * characters as escapes (an error may quote a request's value: a U+202E in it would reverse the row or the log line).
 */
export function sanitize(text: string): string {
  return visibleMessage(redactSecrets(text.split('\n')[0] ?? '').trim());
}

/**
 * Text over several lines as a reader can see it: each line through visibleMessage (control and format characters as
 * escapes, so a value quoted from a request cannot reverse the text after it), its line breaks kept.
 */
function visibleLines(text: string): string {
  return text.split(/\r?\n/).map(visibleMessage).join('\n');
}

const NOTIFICATION_PREFIX = 'ElastiCache: ';

/**
 * What a notification or modal question shows of `message` (client/src/notify.ts): no secret, whatever the message
 * quotes (a finding's words, an SDK error), no control or format character raw (a U+202E quoted from a request would
 * reverse the text after it), and "ElastiCache: " first, since VS Code names a toast's source only on
 * hover and a modal dialog's not at all.
 */
export function notificationText(message: string): string {
  const text = visibleLines(redactSecrets(message));
  return text.startsWith(NOTIFICATION_PREFIX) ? text : `${NOTIFICATION_PREFIX}${text}`;
}

/** What a modal question's detail shows: no secret, and no control or format character raw (notificationText). */
export function detailText(detail: string): string {
  return visibleLines(redactSecrets(detail));
}

export function describeFailure(err: unknown): Failure {
  const e = (err ?? {}) as {
    name?: string;
    code?: string;
    Code?: string;
    message?: string;
    cause?: { code?: string };
    errors?: { code?: string; address?: string; port?: number }[];
    hostname?: string;
    address?: string;
    port?: number;
  };
  const name = e.Code ?? e.name ?? '';
  const nodeCode = e.code ?? e.cause?.code ?? e.errors?.find((x) => x.code)?.code;
  const message = sanitize(typeof e.message === 'string' && e.message ? e.message : String(err));

  if (err instanceof CredentialsTimeoutError) {
    return {
      kind: 'credentialsTimeout',
      title: 'AWS credentials timed out',
      explanation: (({ what, check }) => `${what[0]!.toUpperCase()}${what.slice(1)}: ${check}.`)(credentialsTimeoutParts(err)),
      message,
      mark: 'credentials timed out',
      action: 'configure',
    };
  }
  if (err instanceof ProfileCredentialsError && err.reason === 'profileNotFound') {
    return { kind: 'profileNotFound', title: 'AWS profile not found', explanation: message, message, code: name, mark: 'profile not found', action: 'configure' };
  }
  // Before the general credentials case: the SDK reports an SSO login to renew as a CredentialsProviderError too.
  if (err instanceof ProfileCredentialsError || isSsoLoginFailure(message)) {
    const text = err instanceof ProfileCredentialsError ? message : ssoLoginMessage(undefined);
    return { kind: 'expiredToken', title: 'AWS SSO login needed', explanation: text, message: text, code: name || undefined, mark: 'SSO login needed', action: 'configure' };
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|credential.*not.*found/i.test(message)) {
    const explanation = 'Configure a profile (aws configure / aws sso login) or use the Local endpoint.';
    return {
      kind: 'noCredentials',
      title: 'No AWS credentials',
      explanation,
      message: `No AWS credentials found. ${explanation}`,
      code: name || undefined,
      mark: 'no credentials',
      action: 'configure',
    };
  }
  // A request dated more than MAX_CLOCK_SKEW_MINUTES off (AWS: SignatureDoesNotMatch "Signature expired: …", or RequestExpired).
  if (name === 'RequestExpired' || /^Signature expired/i.test(message)) {
    return {
      kind: 'clockSkew',
      title: "This computer's clock is off",
      explanation: `By more than ${MAX_CLOCK_SKEW_MINUTES} minutes, so AWS refused the request as expired (${name || 'RequestExpired'}). Correct the clock and retry.`,
      message: `The request was refused as expired (${name || 'RequestExpired'}): this computer's clock is off by more than ${MAX_CLOCK_SKEW_MINUTES} minutes. Correct the clock and retry.`,
      code: name || undefined,
      mark: 'clock is off',
      action: 'retry',
    };
  }
  if (expiredCodes.has(name) || /token.*expired|expired.*token|sso.*session.*expired/i.test(message)) {
    const explanation = 'Sign in again (e.g. aws sso login) and retry.';
    return {
      kind: 'expiredToken',
      title: 'AWS session expired',
      explanation,
      message: `Your AWS session has expired (${name || 'ExpiredToken'}). ${explanation}`,
      code: name || undefined,
      mark: 'session expired',
      action: 'configure',
    };
  }
  if (deniedCodes.has(name)) {
    return { kind: 'accessDenied', title: 'Access denied', explanation: message, message: `Access denied: ${message}`, code: name, mark: 'access denied', action: 'configure' };
  }
  if (invalidCredentialCodes.has(name)) {
    return {
      kind: 'invalidCredentials',
      title: 'AWS credentials rejected',
      explanation: `${name}: ${message}`,
      message: `The credentials were rejected (${name}): ${message}`,
      code: name,
      mark: 'credentials rejected',
      action: 'configure',
    };
  }
  if ((nodeCode && networkCodes.has(nodeCode)) || networkCodes.has(name) || /ECONNREFUSED|ENOTFOUND|socket hang up|getaddrinfo/i.test(message)) {
    const code = nodeCode ?? (networkCodes.has(name) ? name : /\b(E[A-Z_]{3,})\b/.exec(message)?.[1]);
    const host = hostOf(e, message);
    const what = host ? `Cannot reach ElastiCache at ${host}` : 'Cannot reach ElastiCache';
    const check = 'check the network (or proxy), the Region and elasticache.endpointUrl';
    const suffix = code ? ` (${code})` : '';
    return {
      kind: 'network',
      title: 'Cannot reach ElastiCache',
      explanation: `${networkProblem(code, host)}: ${check}${suffix}.`,
      message: `${what}: ${check}${suffix}.`,
      code: code || undefined,
      mark: 'unreachable',
      action: 'retry',
    };
  }
  // The service's words first, then the next step when the error makes it plain; the code last in the message (the
  // explanation, shown beside a title, leaves it to the tooltip and the API log).
  const service = (e as { $metadata?: unknown }).$metadata !== undefined;
  const words = message.replace(/[.\s]+$/, '');
  // Own keys only: an error code is the service's (or a proxy's) text, and `constructor` is no next step.
  const step = (e.name && Object.hasOwn(nextSteps, e.name) ? nextSteps[e.name] : undefined) ?? (Object.hasOwn(nextSteps, name) ? nextSteps[name] : undefined);
  // Our own errors (a plain Error) are already sentences for the user: no "Error:" and no code.
  const own = !service && name === 'Error';
  if (own) return { kind: 'service', title: 'Request failed', explanation: message, message, mark: 'request failed', action: 'retry' };
  const said = `${words}${step ? `: ${step}` : ''}`;
  return { kind: 'service', title: 'Request failed', explanation: `${said}.`, message: `${said}${name ? ` (${name})` : ''}.`, code: name || undefined, mark: 'request failed', action: 'retry' };
}

/**
 * The next step for service errors whose fix the error itself makes plain, by the SDK's error name (the error
 * shapes of the ElastiCache API reference, e.g. CreateCacheCluster's: CacheClusterAlreadyExistsFault "You already
 * have a cluster with the given identifier", CacheSubnetGroupNotFoundFault "…does not refer to an existing cache
 * subnet group"; botocore service-2.json, 2015-02-02).
 */
const nextSteps: Record<string, string> = {
  CacheClusterAlreadyExistsFault: 'choose another CacheClusterId',
  CacheClusterNotFoundFault: 'refresh the explorer (the cluster may have been deleted)',
  ReplicationGroupNotFoundFault: 'refresh the explorer (the replication group may have been deleted)',
  ReplicationGroupAlreadyExistsFault: 'choose another ReplicationGroupId',
  CacheSubnetGroupNotFoundFault: 'choose an existing CacheSubnetGroupName',
  CacheParameterGroupNotFoundFault: 'choose an existing CacheParameterGroupName',
  CacheSecurityGroupNotFoundFault: 'choose existing CacheSecurityGroupNames',
};

/**
 * Whether the service answered that the cluster does not exist: e.g. deleted since the explorer listed it, an id
 * still free, a new cluster not listed yet. The SDK names the error after its shape, CacheClusterNotFoundFault, and
 * keeps the wire code, CacheClusterNotFound, as `Code` (botocore service-2.json, 2015-02-02: shape
 * CacheClusterNotFoundFault, error code CacheClusterNotFound); a `Code` spelled like the shape is taken too.
 */
export function isClusterNotFound(err: unknown): boolean {
  const e = (err ?? {}) as { name?: string; Code?: string };
  return e.name === 'CacheClusterNotFoundFault' || e.Code === 'CacheClusterNotFound' || e.Code === 'CacheClusterNotFoundFault';
}

/**
 * Whether an error is the service's "no such replication group": ReplicationGroupNotFoundFault, whose wire code is
 * spelled like its shape (botocore service-2.json, 2015-02-02).
 */
export function isReplicationGroupNotFound(err: unknown): boolean {
  const e = (err ?? {}) as { name?: string; Code?: string };
  return e.name === 'ReplicationGroupNotFoundFault' || e.Code === 'ReplicationGroupNotFoundFault';
}

/** The host (and port) a network error names: Node sets `hostname` (DNS) or `address`/`port` (connect). */
function hostOf(e: { hostname?: string; address?: string; port?: number; errors?: { address?: string; port?: number }[] }, message: string): string | undefined {
  if (e.hostname) return e.hostname;
  const first = e.address ? e : e.errors?.find((x) => x.address);
  if (first?.address) return first.port ? `${first.address}:${first.port}` : first.address;
  return /(?:getaddrinfo \S+|connect \S+) ([\w.-]+(?::\d+)?)/.exec(message)?.[1];
}

/** What went wrong on the way to the host, in words, by the Node error code. */
function networkProblem(code: string | undefined, host: string | undefined): string {
  const at = host ?? 'The endpoint';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${at} was not found (DNS)`;
    case 'ECONNREFUSED':
      return `${at} refused the connection`;
    case 'ETIMEDOUT':
    case 'TimeoutError':
    case 'RequestTimeout':
      return `${at} did not answer in time`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `The connection to ${host ?? 'the endpoint'} was cut`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${at} cannot be reached from this network`;
    default:
      return host ? `No connection to ${host}` : 'No connection';
  }
}
