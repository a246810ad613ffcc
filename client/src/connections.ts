// Connections (Local endpoint, AWS profile × region) and ElastiCache clients for them. No VS Code imports.
// The AWS SDK and the credential providers are loaded on first use only (dynamic import), never at activation.
import type {
  DeleteCacheClusterCommand,
  DeleteReplicationGroupCommand,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
  RebootCacheClusterCommand,
} from '@aws-sdk/client-elasticache';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CredentialsTimeoutError, type Failure, ProfileCredentialsError, describeFailure, isClusterNotFound, isReplicationGroupNotFound, isSsoLoginFailure } from './errors';

export type ElastiCacheSdk = typeof import('@aws-sdk/client-elasticache');

export interface Connection {
  /** Stable id: `local` or `aws:<profile>:<region>`. */
  id: string;
  kind: 'local' | 'aws';
  label: string;
  region: string;
  profile?: string;
  /** Endpoint override (the Local endpoint's URL, or elasticache.endpointUrl). */
  endpoint?: string;
  /** Fixed credentials (Local only; any signature is accepted there unless it verifies signatures). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface ConnectionSettings {
  profile?: string;
  regions: string[];
  endpointUrl?: string;
}

/**
 * Where a setting the extension changes for the user must be written to take effect: the workspace's settings when
 * the workspace sets it and that value applies (a restricted setting's workspace value does not apply in an
 * untrusted workspace), else the user's settings. Writing the user's settings under a workspace value changes nothing.
 */
export function settingWriteTarget(inspected: { workspaceValue?: unknown } | undefined, workspaceValueApplies: boolean): 'workspace' | 'user' {
  return workspaceValueApplies && inspected?.workspaceValue !== undefined ? 'workspace' : 'user';
}

/** Receives one line per API call: action, region, duration, request id. Never secrets. */
export interface ApiLog {
  info(line: string): void;
  error(line: string): void;
}

export const LOCAL_CONNECTION_ID = 'local';
export const LOCAL_REGION = 'us-east-1';
/** The Local endpoint accepts any well-formed signature; these are not secrets. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

let sdkPromise: Promise<ElastiCacheSdk> | undefined;
export function loadSdk(): Promise<ElastiCacheSdk> {
  sdkPromise ??= import('@aws-sdk/client-elasticache');
  return sdkPromise;
}

export function localConnection(url: string, credentials = LOCAL_CREDENTIALS): Connection {
  return { id: LOCAL_CONNECTION_ID, kind: 'local', label: 'Local', region: LOCAL_REGION, endpoint: url, credentials };
}

/** Whether a caller's `confirmed: true` may skip a reboot/delete confirmation: on Local only, never on AWS. */
export function skipsConfirmation(connection: Connection, confirmed: boolean | undefined): boolean {
  return confirmed === true && connection.kind === 'local';
}

export interface SharedProfiles {
  profiles: string[];
  /** Region configured for each profile in ~/.aws/config, when there is one. */
  regions: Record<string, string | undefined>;
}

/** Profiles from the shared config and credentials files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE honoured). */
export async function listProfiles(): Promise<SharedProfiles> {
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  const regions: Record<string, string | undefined> = {};
  for (const name of names) regions[name] = configFile[name]?.region ?? credentialsFile[name]?.region;
  return { profiles: [...names].sort(), regions };
}

/**
 * Cheap check (no SDK, no network) whether AWS credentials could be configured: environment variables, shared
 * config/credentials files, or an explicit profile. Without any, the explorer shows its welcome (start Local).
 */
export function mightHaveAwsCredentials(settings: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): boolean {
  if (settings.profile || settings.endpointUrl) return true;
  const vars = ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'];
  if (vars.some((v) => env[v])) return true;
  const home = os.homedir();
  const files = [env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'), env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials')];
  return files.some((f) => fs.existsSync(f));
}

export function effectiveProfile(settings: ConnectionSettings): string {
  return settings.profile || process.env.AWS_PROFILE || 'default';
}

/** One connection per configured region (default: the profile's region, then AWS_REGION, then us-east-1). */
export async function awsConnections(settings: ConnectionSettings): Promise<Connection[]> {
  const profile = effectiveProfile(settings);
  let regions = settings.regions.filter((r) => r.trim() !== '');
  if (regions.length === 0) {
    let profileRegion: string | undefined;
    try {
      profileRegion = (await listProfiles()).regions[profile];
    } catch {
      // Unreadable config files: the credential chain will report the real problem on first use.
    }
    regions = [profileRegion ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'];
  }
  return [...new Set(regions)].map((region) => awsConnection(profile, region, settings.endpointUrl));
}

/** The connection for a profile in a Region (endpoint: elasticache.endpointUrl when set). */
export function awsConnection(profile: string, region: string, endpointUrl?: string): Connection {
  return { id: `aws:${profile}:${region}`, kind: 'aws', label: `AWS ${profile} · ${region}`, region, profile, endpoint: endpointUrl || undefined };
}

/**
 * How long resolving an AWS profile's credentials may take before the call fails. The SDK sets no limit of its own:
 * a credential_process (or SSO/role source) that hangs held every call for minutes, twice over (its chain runs a
 * profile's credential_process both in fromIni and in fromProcess). Working sources answer within seconds.
 */
export const CREDENTIALS_TIMEOUT_MS = 15_000;

type CredentialProvider = ReturnType<typeof import('@aws-sdk/credential-providers').fromNodeProviderChain>;

/**
 * The credentials attempt in flight for each profile (and shared files), shared by every check and client: a hung
 * credential_process cannot be stopped from here, so starting another chain on each check, Refresh or settings change
 * piled up processes. A new attempt starts only once the previous one has settled.
 */
const credentialAttempts = new Map<string, ReturnType<CredentialProvider>>();

function sharedCredentialAttempt(chainFor: () => CredentialProvider, profile: string, options: Parameters<CredentialProvider>[0]): ReturnType<CredentialProvider> {
  const key = JSON.stringify([profile, process.env.AWS_CONFIG_FILE ?? '', process.env.AWS_SHARED_CREDENTIALS_FILE ?? '']);
  const inFlight = credentialAttempts.get(key);
  if (inFlight) return inFlight;
  const attempt = chainFor()(options);
  credentialAttempts.set(key, attempt);
  const settled = () => {
    if (credentialAttempts.get(key) === attempt) credentialAttempts.delete(key);
  };
  attempt.then(settled, settled);
  return attempt;
}

/**
 * The SDK's credential chain for an AWS connection, reading the shared files afresh (the SDK otherwise caches their
 * content per process, so credentials configured after the first failure, e.g. with `aws configure`, were never seen),
 * failing with a CredentialsTimeoutError after `timeoutMs`. Callers for the same profile share one attempt at a time.
 */
export async function awsCredentialProvider(connection: Connection, timeoutMs = CREDENTIALS_TIMEOUT_MS): Promise<CredentialProvider> {
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const chainFor = () => fromNodeProviderChain({ profile: connection.profile, ignoreCache: true });
  const profile = connection.profile ?? 'default';
  return async (options) => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => void credentialSourceOf(profile).then((source) => reject(new CredentialsTimeoutError(profile, source, timeoutMs))), timeoutMs);
    });
    try {
      // The chain goes on in the background (a credential_process cannot be stopped from here); its result is dropped.
      return await Promise.race([sharedCredentialAttempt(chainFor, profile, options), timedOut]);
    } catch (err) {
      throw await withItsFix(err, profile);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * The chain's failure as a ProfileCredentialsError when it has a fix of its own: the SDK says "Could not load
 * credentials from any providers" alike for a profile that does not exist and one without usable credentials, and
 * reports an SSO login to renew without the profile's name. Other failures are returned as they are.
 */
async function withItsFix(err: unknown, profile: string): Promise<unknown> {
  const e = err as { name?: string; message?: string };
  if (e?.name !== 'CredentialsProviderError' && e?.name !== 'TokenProviderError') return err;
  const files = {
    config: process.env.AWS_CONFIG_FILE || path.join('~', '.aws', 'config'),
    credentials: process.env.AWS_SHARED_CREDENTIALS_FILE || path.join('~', '.aws', 'credentials'),
  };
  if (isSsoLoginFailure(String(e.message))) return new ProfileCredentialsError('ssoLogin', profile, files, { cause: err });
  let profiles: string[];
  try {
    profiles = (await listProfiles()).profiles;
  } catch {
    return err; // Unreadable files: the SDK's own failure says more than a guess.
  }
  // With no profiles at all and none chosen, "No AWS credentials" (configure some) is the better message.
  const missing = !profiles.includes(profile) && (profile !== 'default' || profiles.length > 0);
  return missing ? new ProfileCredentialsError('profileNotFound', profile, files, { cause: err }) : err;
}

/** Where a profile gets its credentials from, in the config's own words, for messages; never a value. */
async function credentialSourceOf(profile: string): Promise<string | undefined> {
  try {
    const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
    const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
    const settings = { ...credentialsFile[profile], ...configFile[profile] };
    if (settings.credential_process) return 'credential_process';
    if (settings.sso_session || settings.sso_start_url) return 'SSO';
    if (settings.role_arn) return 'role_arn';
    if (settings.web_identity_token_file) return 'web_identity_token_file';
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves the connection's credentials once, without calling ElastiCache: undefined when there are some (or the
 * connection has fixed ones), else the readable failure (e.g. kind `noCredentials`). Nothing about the credentials
 * themselves is returned or logged.
 */
export async function checkCredentials(connection: Connection, timeoutMs = CREDENTIALS_TIMEOUT_MS): Promise<Failure | undefined> {
  if (connection.credentials) return undefined;
  try {
    await (await awsCredentialProvider(connection, timeoutMs))();
    return undefined;
  } catch (err) {
    return describeFailure(err);
  }
}

/**
 * What the last credential check found for each AWS profile: a failure, or null (the credentials resolved); undefined
 * when not checked. Kept per profile, as credentials are a profile's in every Region: a check in one Region (the
 * create's) tells the others, so that their marks in the pickers follow it.
 */
export class CredentialChecks {
  private readonly found = new Map<string, Failure | null>();

  set(connection: Connection, failure: Failure | undefined): void {
    if (connection.kind === 'aws') this.found.set(connection.profile ?? '', failure ?? null);
  }

  get(connection: Connection): Failure | null | undefined {
    return connection.kind === 'aws' ? this.found.get(connection.profile ?? '') : undefined;
  }

  clear(): void {
    this.found.clear();
  }
}

export interface ClientOptions {
  /** Attempts per call (SDK default 3). */
  maxAttempts?: number;
  /** How long resolving AWS credentials may take (default CREDENTIALS_TIMEOUT_MS). */
  credentialsTimeoutMs?: number;
}

export async function createClient(connection: Connection, log: ApiLog, options: ClientOptions = {}): Promise<ElastiCacheClient> {
  const { ElastiCacheClient } = await loadSdk();
  const credentials = connection.credentials ? connection.credentials : await awsCredentialProvider(connection, options.credentialsTimeoutMs);
  const client = new ElastiCacheClient({
    region: connection.region,
    endpoint: connection.endpoint,
    credentials,
    maxAttempts: options.maxAttempts,
  });
  addApiLogging(client, connection, log);
  return client;
}

/** The call context key that says a "no such cluster" answer is expected (see notFoundExpected). */
const NOT_FOUND_EXPECTED = 'elasticacheNotFoundExpected';

/**
 * Marks a call whose "no such cluster" answer is an expected one (is this id free? is the deleted cluster gone yet?
 * a reboot or delete of a cluster deleted meanwhile, which the explorer then drops by itself): the API log says it
 * as info, not as an error with advice to refresh the explorer.
 */
export function notFoundExpected<
  C extends DescribeCacheClustersCommand | RebootCacheClusterCommand | DeleteCacheClusterCommand | DescribeReplicationGroupsCommand | DeleteReplicationGroupCommand,
>(command: C): C {
  (command as DescribeCacheClustersCommand).middlewareStack.add(
    (next, context) => (args) => {
      (context as Record<string, unknown>)[NOT_FOUND_EXPECTED] = true;
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'elasticacheNotFoundExpected' },
  );
  return command;
}

/** Logs every call: action, connection, region, duration and request id. Inputs are never logged (AuthToken). */
function addApiLogging(client: ElastiCacheClient, connection: Connection, log: ApiLog): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const started = Date.now();
      const action = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      const where = `${connection.label === 'Local' ? 'Local' : connection.profile} ${connection.region}`;
      try {
        const result = await next(args);
        const requestId = (result.output as { $metadata?: { requestId?: string } }).$metadata?.requestId ?? '-';
        log.info(`${action} ${where} ${Date.now() - started}ms requestId=${requestId}`);
        return result;
      } catch (err) {
        const e = err as { name?: string; $metadata?: { requestId?: string } };
        if ((context as Record<string, unknown>)[NOT_FOUND_EXPECTED] === true && (isClusterNotFound(err) || isReplicationGroupNotFound(err))) {
          const what = isClusterNotFound(err) ? 'cluster' : 'replication group';
          log.info(`${action} ${where} ${Date.now() - started}ms no such ${what} (${e.name ?? 'CacheClusterNotFound'}) requestId=${e.$metadata?.requestId ?? '-'}`);
          throw err;
        }
        const failure = describeFailure(err);
        log.error(
          `${action} ${where} ${Date.now() - started}ms failed ${failure.code ?? e.name ?? 'Error'} requestId=${e.$metadata?.requestId ?? '-'}: ${failure.message}`,
        );
        throw err;
      }
    },
    { step: 'initialize', name: 'elasticacheApiLog' },
  );
}
