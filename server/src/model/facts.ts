// Facts about ElastiCache that the service model (generated/serviceModel.ts) does not carry as data: engines,
// engine versions, parameter-group families, node types, regions and limits. Each fact names the AWS
// documentation page it comes from (`source`). Several come from the service model's own documentation
// strings (botocore service-2.json), which is the API reference text; those cite the API reference page.

import { serviceModel } from './generated/serviceModel';

export type EngineName = 'memcached' | 'redis' | 'valkey';

export const SOURCES = {
  createCacheCluster: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html',
  cacheNode: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheNode.html',
  supportedNodeTypes: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html',
  engineVersions: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html',
  supportedEngineVersions: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/supported-engine-versions.html',
  /** "ElastiCache (Redis OSS) version 6.0 (enhanced)": one version per minor release; 6.x creates the latest 6 minor version (6.2). */
  redis6Versions: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/supported-engine-versions.html#redis-version-6.0',
  /** "Beginning with ElastiCache version 6.0 for Redis OSS, ElastiCache will offer a single version for each Redis OSS minor release rather than offering multiple patch versions." */
  versionManagement: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/VersionManagementConsiderations.html',
  extendedSupport: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/extended-support.html',
  /** Extended Support charges stop when a cache is upgraded or deleted; charges are avoided by not creating or restoring a cache on a version past the end of standard support. */
  extendedSupportCharges: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/extended-support-charges.html',
  endOfLife: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/deprecated-engine-versions.html',
  parameterGroupFamily: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheParameterGroup.html',
  parameterGroups: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html',
  auth: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html',
  inTransitEncryption: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
  endpoints: 'https://docs.aws.amazon.com/general/latest/gr/elasticache-service.html',
  /** "the default ElastiCache endpoint (https://elasticache.Region.amazonaws.com) and dualstack endpoint (https://elasticache.Region.api.aws)"; "VPC_Endpoint_ID.elasticache.Region.vpce.amazonaws.com". */
  privateLink: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/elasticache-privatelink.html',
  regions: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/RegionsAndAZs.html',
  localZones: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Local_zones.html',
  /** The AZ IDs of every Region, in tables by continent; "Constrained Availability Zones". */
  availabilityZones: 'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html',
  queryApi: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonParameters.html',
  commonErrors: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonErrors.html',
  /** The canonical request's URI encoding: unreserved characters as they are, every other byte percent-encoded (`%XY`). */
  sigv4Query: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html',
  /** The SigV4 page that documents the presigned-URL query parameters, X-Amz-Expires among them (the API's Common Parameters page does not list it). */
  sigv4QueryParameters: 'https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html',
  s3BucketNaming: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html',
  arns: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html',
  backups: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html',
  seed: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.Create.API.html',
  /** The AWS CLI's input files: "accept parameter inputs from a file using the --cli-input-json and --cli-input-yaml parameters". */
  cliInputFiles: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-skeleton.html',
  /** The API reference's list of every ElastiCache action. */
  apiActions: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_Operations.html',
  tags: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Tagging-Resources.html',
  logDelivery: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Log_Delivery.html',
  networkType: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/network-type.html',
  /**
   * The EC2 instance types built on the Nitro System ("The following virtualized instances are built on the Nitro
   * System": M5, M6g, M7g, T3, T4g, R5, R6g, R6gd, R7g, C7gn, …; M4, T2 and R4 are not listed). ElastiCache's IPv6
   * text names the Nitro system, not node types: SOURCES.networkType.
   */
  nitroInstances: 'https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-nitro-instances.html',
  /** "Every cluster has a weekly maintenance window during which any system changes are applied." */
  maintenanceWindow: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/maintenance-window.html',
  modifyCacheCluster: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyCacheCluster.html',
  loggingDestinations: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Logging-destinations.html',
  createReplicationGroup: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html',
  /**
   * AWS's CreateReplicationGroup examples, as the SDKs ship them (botocore examples-1.json, createreplicationgroup-1483657035585:
   * "Creates a Redis (cluster mode enabled) replication group with two shards"), shown on the SDK for JavaScript reference.
   */
  createReplicationGroupExamples: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/latest/AWS/ElastiCache.html#createReplicationGroup-property',
  multiAz: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html',
  dataTiering: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/data-tiering.html',
  nodeGroupConfiguration: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_NodeGroupConfiguration.html',
  shards: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Shards.html',
  rbac: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html',
  userGroup: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_UserGroup.html',
  modifyReplicationGroup: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyReplicationGroup.html',
  atRestEncryption: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
  createServerlessCache: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateServerlessCache.html',
  modifyServerlessCache: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyServerlessCache.html',
  /** DataStorage ("The upper limit" / "The lower limit for data storage the cache is set to use") and ECPUPerSecond (maximum / minimum ECPUs per second). */
  dataStorage: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DataStorage.html',
  ecpuPerSecond: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ECPUPerSecond.html',
} as const;

/**
 * What the Query API answers a request without an action: MissingAction, "The request is missing an action or a
 * required parameter.", HTTP 400. Source: SOURCES.commonErrors.
 */
export const MISSING_ACTION_ERROR = { code: 'MissingAction', httpStatus: 400 } as const;

/**
 * HTTP statuses the Common Errors page gives the authentication errors of a Query request: IncompleteSignature ("The
 * request signature does not conform to AWS standards") 400, MissingAuthenticationToken 403, InvalidClientTokenId 403,
 * RequestExpired ("The request reached the service more than 15 minutes after the date stamp on the request or more
 * than 15 minutes after the request expiration date (such as for pre-signed URLs), or the date stamp on the request is
 * more than 15 minutes in the future") 400. Source: SOURCES.commonErrors.
 */
export const AUTH_ERROR_STATUS = { IncompleteSignature: 400, MissingAuthenticationToken: 403, InvalidClientTokenId: 403, RequestExpired: 400 } as const;

/**
 * Errors of the Common Errors page for problems at the HTTP level, with their statuses: MalformedHttpRequestException
 * ("Problems with the request at the HTTP level") 400, RequestEntityTooLargeException ("The request entity is too
 * large") 413, RequestTimeoutException ("Reading the Request timed out") 408, RequestAbortedException ("a request is
 * aborted before a reply is sent back (e.g. client closed connection)") 400, ServiceUnavailable ("The request has
 * failed due to a temporary failure of the server") 503. Source: SOURCES.commonErrors.
 */
export const HTTP_ERROR_STATUS = { MalformedHttpRequestException: 400, RequestEntityTooLargeException: 413, RequestTimeoutException: 408, RequestAbortedException: 400, ServiceUnavailable: 503 } as const;

/** Engines CreateCacheCluster accepts. Source: SOURCES.engineVersions (Valkey, Redis OSS, Memcached). */
export const ENGINES: readonly EngineName[] = ['memcached', 'redis', 'valkey'];

/** Engines CreateReplicationGroup accepts: "The value must be set to valkey or redis." Source: SOURCES.createReplicationGroup (Engine). */
export const REPLICATION_GROUP_ENGINES: readonly EngineName[] = ['valkey', 'redis'];

export const ENGINE_DISPLAY: Record<EngineName, string> = { memcached: 'Memcached', redis: 'Redis OSS', valkey: 'Valkey' };

/**
 * Support status of an engine version on ElastiCache:
 * - `supported`: standard support;
 * - `extended-support`: standard support ended STANDARD_SUPPORT_END (Redis OSS 4 and 5); paid Extended Support until
 *   January 31, 2029 (SOURCES.extendedSupport);
 * - `deprecated`: past end of life on ElastiCache (`endOfLife` date): Redis OSS 2.x on 2023-01-13, 3.x on
 *   2023-07-31; patch versions 5.0.0–5.0.5 are deprecated in favour of 5.0.6. Source: SOURCES.endOfLife.
 */
export type VersionStatus = 'supported' | 'extended-support' | 'deprecated';

/** When standard support ended for the `extended-support` versions (Redis OSS 4 and 5). Source: SOURCES.extendedSupport. */
export const STANDARD_SUPPORT_END = 'January 31, 2026';

/** Best-supported first: where each status goes when versions and families are offered (completion, the wizard). */
export const VERSION_STATUS_RANK: Readonly<Record<VersionStatus, number>> = { supported: 0, 'extended-support': 1, deprecated: 2 };

export interface EngineVersionFact {
  engine: EngineName;
  version: string;
  family: string;
  status: VersionStatus;
  /** End-of-life date on ElastiCache (YYYY-MM-DD), for deprecated versions that have one: see newClustersCanUse. */
  endOfLife?: string;
}

/**
 * Whether CreateCacheCluster and CreateReplicationGroup can create a cluster on the version: not once it is past its
 * end of life. The Redis OSS 2 and 3 versions are listed as "Past EOL" (SOURCES.endOfLife), and at its end of life
 * ElastiCache stops running a version: of Redis OSS 4 and 5 at the end of Extended Support, "After this date, any
 * caches still running Redis OSS versions 4 and 5 will be automatically upgraded to the latest version of Valkey"
 * (SOURCES.extendedSupport). The documentation names no error for such a create; a version the service does not
 * offer is an invalid EngineVersion value, InvalidParameterValue (SOURCES.createCacheCluster, Errors). Versions in
 * Extended Support are still created, and charged for it (SOURCES.extendedSupportCharges); deprecated patch versions
 * without an end-of-life date (5.0.0–5.0.5, "use 5.0.6") are still listed among the versions node-based clusters
 * support (SOURCES.supportedEngineVersions).
 */
export function newClustersCanUse(v: EngineVersionFact): boolean {
  return v.endOfLife === undefined;
}

function versions(engine: EngineName, family: string, status: VersionStatus, list: string[], endOfLife?: string): EngineVersionFact[] {
  return list.map((version) => (endOfLife ? { engine, version, family, status, endOfLife } : { engine, version, family, status }));
}

/**
 * Engine versions CreateCacheCluster accepts, with their parameter-group family. Source:
 * SOURCES.supportedEngineVersions; families from SOURCES.parameterGroupFamily (valid CacheParameterGroupFamily values).
 * Redis OSS 6 and later and Valkey take a MAJOR.MINOR version (`6.x` is accepted for Redis OSS 6).
 */
export const ENGINE_VERSIONS: readonly EngineVersionFact[] = [
  ...versions('valkey', 'valkey8', 'supported', ['8.2', '8.1', '8.0']),
  ...versions('valkey', 'valkey7', 'supported', ['7.2']),
  ...versions('redis', 'redis7', 'supported', ['7.1', '7.0']),
  ...versions('redis', 'redis6.x', 'supported', ['6.2', '6.0', '6.x']),
  ...versions('redis', 'redis5.0', 'extended-support', ['5.0.6']),
  ...versions('redis', 'redis5.0', 'deprecated', ['5.0.5', '5.0.4', '5.0.3', '5.0.0']),
  ...versions('redis', 'redis4.0', 'extended-support', ['4.0.10']),
  ...versions('redis', 'redis3.2', 'deprecated', ['3.2.10', '3.2.6', '3.2.4'], '2023-07-31'),
  ...versions('redis', 'redis2.8', 'deprecated', ['2.8.24', '2.8.23', '2.8.22', '2.8.21', '2.8.19', '2.8.12', '2.8.6'], '2023-01-13'),
  ...versions('redis', 'redis2.6', 'deprecated', ['2.6.13'], '2023-01-13'),
  ...versions('memcached', 'memcached1.6', 'supported', ['1.6.22', '1.6.17', '1.6.12', '1.6.6']),
  ...versions('memcached', 'memcached1.5', 'supported', ['1.5.16', '1.5.10']),
  ...versions('memcached', 'memcached1.4', 'supported', ['1.4.34', '1.4.33', '1.4.24', '1.4.14', '1.4.5']),
];

/** Every parameter-group family (CacheParameterGroupFamily valid values). Source: SOURCES.parameterGroupFamily. */
export const PARAMETER_GROUP_FAMILIES: readonly string[] = [
  'valkey8', 'valkey7', 'memcached1.4', 'memcached1.5', 'memcached1.6', 'redis2.6', 'redis2.8', 'redis3.2', 'redis4.0', 'redis5.0', 'redis6.x', 'redis7',
];

/** The engine a family belongs to. */
export function engineOfFamily(family: string): EngineName | undefined {
  return ENGINES.find((e) => family.startsWith(e));
}

/**
 * Default parameter group of a family: `default.<family>`; Valkey/Redis OSS families from 3.2 on also have a
 * cluster-mode group `default.<family>.cluster.on` (cluster-enabled=yes). Source: SOURCES.parameterGroups.
 */
export function defaultParameterGroups(family: string): string[] {
  const groups = [`default.${family}`];
  if (hasClusterModeDefaultGroup(family)) groups.push(`default.${family}.cluster.on`);
  return groups;
}

/** Whether the family has a cluster-mode default group `default.<family>.cluster.on` (Redis OSS 3.2 on, Valkey). Source: SOURCES.parameterGroups. */
export function hasClusterModeDefaultGroup(family: string): boolean {
  return /^(redis(3\.2|4\.0|5\.0|6\.x|7)|valkey\d+)$/.test(family);
}

/** The oldest Redis OSS family version with a cluster-mode default group (`3.2`), read off hasClusterModeDefaultGroup. */
export const CLUSTER_MODE_MIN_REDIS_FAMILY_VERSION: string = PARAMETER_GROUP_FAMILIES.find((f) => engineOfFamily(f) === 'redis' && hasClusterModeDefaultGroup(f))!.slice('redis'.length);

/** `.cluster.on` parameter groups have cluster-enabled=yes, which CreateCacheCluster cannot use. Source: SOURCES.createCacheCluster (CacheParameterGroupName). */
export const CLUSTER_MODE_GROUP_SUFFIX = '.cluster.on';

export function versionsOf(engine: EngineName): EngineVersionFact[] {
  return ENGINE_VERSIONS.filter((v) => v.engine === engine);
}

export function versionsOfFamily(family: string): EngineVersionFact[] {
  return ENGINE_VERSIONS.filter((v) => v.family === family);
}

export interface FamilySupport {
  status: VersionStatus;
  /** The family's end-of-life date, when every version of it is past end of life on one date. */
  endOfLife?: string;
}

/**
 * Support status of a parameter-group family. The documentation (SOURCES.endOfLife, SOURCES.extendedSupport)
 * gives end of life per engine version, not per family: a family is as supported as its best-supported version,
 * so it is end of life only when all its versions are (redis2.6, redis2.8, redis3.2; redis5.0 is not: 5.0.6 is in
 * extended support).
 */
export function familySupport(family: string): FamilySupport | undefined {
  const list = versionsOfFamily(family);
  if (list.length === 0) return undefined;
  const status = list.reduce<VersionStatus>((best, v) => (VERSION_STATUS_RANK[v.status] < VERSION_STATUS_RANK[best] ? v.status : best), 'deprecated');
  const dates = new Set(list.map((v) => v.endOfLife));
  const endOfLife = status === 'deprecated' && dates.size === 1 ? [...dates][0] : undefined;
  return endOfLife ? { status, endOfLife } : { status };
}

/**
 * The end-of-life date of a parameter-group family none of whose versions new clusters can use (newClustersCanUse):
 * its default groups are of no use to a new cluster either (redis2.6, redis2.8: 2023-01-13; redis3.2: 2023-07-31).
 */
export function familyEndOfLife(family: string): string | undefined {
  const list = versionsOfFamily(family);
  if (list.length === 0 || list.some(newClustersCanUse)) return undefined;
  return familySupport(family)?.endOfLife;
}

// Lookup tables over the constant facts above, built once: the rules consult them on every request.
const VERSION_INDEX = new Map<string, EngineVersionFact>(ENGINE_VERSIONS.map((v) => [`${v.engine}:${v.version}`, v]));
const LATEST_VERSION = new Map<EngineName, EngineVersionFact>(ENGINES.map((e) => [e, ENGINE_VERSIONS.find((v) => v.engine === e && v.status === 'supported')!]));

export function findVersion(engine: EngineName, version: string): EngineVersionFact | undefined {
  return VERSION_INDEX.get(`${engine}:${version}`);
}

/** Latest supported version of an engine (first listed). */
export function latestVersion(engine: EngineName): EngineVersionFact {
  return LATEST_VERSION.get(engine)!;
}

/** The numeric value of the dotted part of `v` starting at `from` (`x` counts as 0), and where it ends. */
function versionPart(v: string, from: number): { value: number; end: number } {
  let end = v.indexOf('.', from);
  if (end < 0) end = v.length;
  const text = v.slice(from, end);
  return { value: text === 'x' ? 0 : Number(text), end };
}

/**
 * The version a wildcard EngineVersion creates: Redis OSS `6.x` gives the latest Redis OSS 6 minor version (6.2):
 * from 6.0 on, ElastiCache offers one version per minor release, and "6.x" asks for the newest (SOURCES.redis6Versions).
 * Other versions are returned as written. The minimum-version rules compare this, so 6.x meets a 6.2 minimum
 * (engine log, IPv6, r6gd).
 */
export function createdVersion(engine: EngineName, version: string): string {
  if (!version.endsWith('.x')) return version;
  const prefix = version.slice(0, -1);
  return ENGINE_VERSIONS.find((v) => v.engine === engine && v.version.startsWith(prefix) && !v.version.endsWith('.x'))?.version ?? version;
}

/** Compares dotted versions numerically (`x` counts as 0; a missing part counts as 0). */
export function compareVersions(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i <= a.length || j <= b.length) {
    const pa = i <= a.length ? versionPart(a, i) : { value: 0, end: a.length };
    const pb = j <= b.length ? versionPart(b, j) : { value: 0, end: b.length };
    const d = pa.value - pb.value;
    if (d !== 0) return d;
    i = pa.end + 1;
    j = pb.end + 1;
  }
  return 0;
}

/**
 * The one order in which engine versions are offered (completion, the create wizard): supported first, then
 * extended support, then deprecated (end of life); newest first within each; for several engines, in the order
 * ENGINE_VERSIONS lists them. A version the model does not know (e.g. one the account lists that is newer than the
 * model) counts as supported: the service offered it.
 */
export function compareVersionOffer(a: Pick<EngineVersionFact, 'engine' | 'version' | 'status'>, b: Pick<EngineVersionFact, 'engine' | 'version' | 'status'>): number {
  return VERSION_STATUS_RANK[a.status] - VERSION_STATUS_RANK[b.status] || ENGINE_RANK[a.engine] - ENGINE_RANK[b.engine] || compareVersions(b.version, a.version);
}
const ENGINE_RANK = Object.fromEntries(ENGINES.map((e) => [e, ENGINE_VERSIONS.findIndex((v) => v.engine === e)])) as Record<EngineName, number>;

// The model's lists are constant: ordered once per engine (and once for all engines), not per request.
const VERSIONS_IN_OFFER_ORDER = new Map<EngineName | undefined, readonly EngineVersionFact[]>();

/** The versions the model knows for an engine (all engines when undefined), in offer order (compareVersionOffer). */
export function versionsInOfferOrder(engine?: EngineName): readonly EngineVersionFact[] {
  let ordered = VERSIONS_IN_OFFER_ORDER.get(engine);
  if (!ordered) {
    ordered = [...(engine ? versionsOf(engine) : ENGINE_VERSIONS)].sort(compareVersionOffer);
    VERSIONS_IN_OFFER_ORDER.set(engine, ordered);
  }
  return ordered;
}

/** Version strings from elsewhere (an account's DescribeCacheEngineVersions) in offer order, without duplicates. */
export function orderEngineVersions(engine: EngineName, versions: readonly string[]): string[] {
  return [...new Set(versions)]
    .map((version) => ({ engine, version, status: findVersion(engine, version)?.status ?? ('supported' as const) }))
    .sort(compareVersionOffer)
    .map((v) => v.version);
}

export type NodeGeneration = 'current' | 'previous';

/** The groups SOURCES.cacheNode sorts node types into: "General purpose", "Compute optimized", "Memory optimized". */
export type NodePurpose = 'general' | 'compute' | 'memory';

export interface NodeTypeFamily {
  /** e.g. `r6g` */
  family: string;
  generation: NodeGeneration;
  /** The family's group in SOURCES.cacheNode; absent for the families that page does not list (R6gd, C7gn). */
  purpose?: NodePurpose;
  sizes: string[];
  /** Minimum engine versions for Graviton2 types (M6g/R6g/T4g: Redis OSS 5.0.6, Memcached 1.5.16). */
  minVersion?: Partial<Record<EngineName, string>>;
  /** The engines the family is for, when not every engine (R6gd: Valkey and Redis OSS; SOURCES.dataTiering). */
  engines?: EngineName[];
  /**
   * Only replication groups take the family (CreateReplicationGroup, not CreateCacheCluster): "Data tiering is only
   * supported for replication groups using the r6gd node type" (SOURCES.createReplicationGroup, DataTieringEnabled;
   * SOURCES.dataTiering: "clusters that comprise a replication group and use a node type from the r6gd family").
   */
  replicationGroupOnly?: boolean;
  /**
   * Whether the family's EC2 instance family is built on the Nitro System (SOURCES.nitroInstances). ElastiCache
   * supports IPv6 "on all instances built on the Nitro system" (SOURCES.networkType; the NetworkType and IpDiscovery
   * documentation of SOURCES.createCacheCluster). ElastiCache does not list its node types by system: this is the EC2
   * list read for the instance family of the same name (cache.m5 → m5), hence the rule built on it only warns.
   */
  nitro: boolean;
}

/**
 * Node types. Source: SOURCES.cacheNode (the CacheNode documentation in the service model lists current and
 * previous generation types; previous generation: "creation of new clusters is not supported for these types")
 * and SOURCES.supportedNodeTypes (adds R6gd and C7gn).
 */
export const NODE_TYPE_FAMILIES: readonly NodeTypeFamily[] = [
  { family: 'm7g', generation: 'current', purpose: 'general', nitro: true, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'] },
  { family: 'm6g', generation: 'current', purpose: 'general', nitro: true, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'], minVersion: { redis: '5.0.6', memcached: '1.5.16' } },
  { family: 'm5', generation: 'current', purpose: 'general', nitro: true, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'] },
  { family: 'm4', generation: 'current', purpose: 'general', nitro: false, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '10xlarge'] },
  { family: 't4g', generation: 'current', purpose: 'general', nitro: true, sizes: ['micro', 'small', 'medium'], minVersion: { redis: '5.0.6', memcached: '1.5.16' } },
  { family: 't3', generation: 'current', purpose: 'general', nitro: true, sizes: ['micro', 'small', 'medium'] },
  { family: 't2', generation: 'current', purpose: 'general', nitro: false, sizes: ['micro', 'small', 'medium'] },
  { family: 'r7g', generation: 'current', purpose: 'memory', nitro: true, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'] },
  { family: 'r6g', generation: 'current', purpose: 'memory', nitro: true, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'], minVersion: { redis: '5.0.6', memcached: '1.5.16' } },
  { family: 'r6gd', generation: 'current', nitro: true, sizes: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'], minVersion: { redis: '6.2' }, engines: ['redis', 'valkey'], replicationGroupOnly: true },
  { family: 'r5', generation: 'current', purpose: 'memory', nitro: true, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'] },
  { family: 'r4', generation: 'current', purpose: 'memory', nitro: false, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '16xlarge'] },
  { family: 'c7gn', generation: 'current', nitro: true, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'] },
  { family: 't1', generation: 'previous', purpose: 'general', nitro: false, sizes: ['micro'] },
  { family: 'm1', generation: 'previous', purpose: 'general', nitro: false, sizes: ['small', 'medium', 'large', 'xlarge'] },
  { family: 'm3', generation: 'previous', purpose: 'general', nitro: false, sizes: ['medium', 'large', 'xlarge', '2xlarge'] },
  { family: 'c1', generation: 'previous', purpose: 'compute', nitro: false, sizes: ['xlarge'] },
  { family: 'm2', generation: 'previous', purpose: 'memory', nitro: false, sizes: ['xlarge', '2xlarge', '4xlarge'] },
  { family: 'r3', generation: 'previous', purpose: 'memory', nitro: false, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge'] },
];

/**
 * A node family built on the Nitro System to name instead of `family` (for IPv6): the first current Nitro family of
 * the same kind, read off the family name's leading letter (t2 → t4g, m4 → m7g, r4 → r7g), in the order
 * NODE_TYPE_FAMILIES lists them (newest first). Undefined when there is none.
 */
export function nitroAlternative(family: NodeTypeFamily): NodeTypeFamily | undefined {
  return NODE_TYPE_FAMILIES.find((f) => f.nitro && f.generation === 'current' && !f.replicationGroupOnly && f.family[0] === family.family[0]);
}

export const NODE_TYPES: readonly string[] = NODE_TYPE_FAMILIES.flatMap((f) => f.sizes.map((s) => `cache.${f.family}.${s}`));

/** The family fact of a node type such as `cache.r6g.large`, if it is a known type. */
export function nodeTypeFact(nodeType: string): NodeTypeFamily | undefined {
  return NODE_TYPE_INDEX.get(nodeType);
}
const NODE_TYPE_INDEX = new Map<string, NodeTypeFamily>(NODE_TYPE_FAMILIES.flatMap((f) => f.sizes.map((size) => [`cache.${f.family}.${size}`, f] as const)));

/** The shape every ElastiCache node type has: `cache.<family>.<size>`. */
export const NODE_TYPE_SHAPE = /^cache\.[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/**
 * AWS Regions with an ElastiCache endpoint `elasticache.<region>.amazonaws.com` (`.amazonaws.com.cn` in China).
 * Source: SOURCES.endpoints.
 */
export const REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
];

/**
 * Each AWS partition (the `arn:<partition>:` of an ARN) and the shape of its Region codes: its `regionRegex` as the AWS
 * CLI and SDKs resolve endpoints with it, copied from botocore 1.43.11 (the release of the service model),
 * https://github.com/boto/botocore/blob/1.43.11/botocore/data/partitions.json (no documentation page gives the
 * shapes): `aws` (us-west-2, mx-central-1), `aws-cn` (cn-north-1), `aws-eusc` (the AWS European Sovereign Cloud,
 * eusc-de-east-1), `aws-iso`/`-b`/`-e`/`-f` (us-iso-east-1, us-isob-east-1, eu-isoe-west-1, us-isof-south-1) and
 * `aws-us-gov` (us-gov-west-1).
 */
export const PARTITION_REGIONS: Readonly<Record<string, RegExp>> = {
  aws: /^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$/,
  'aws-cn': /^cn\-\w+\-\d+$/,
  'aws-eusc': /^eusc\-(de)\-\w+\-\d+$/,
  'aws-iso': /^us\-iso\-\w+\-\d+$/,
  'aws-iso-b': /^us\-isob\-\w+\-\d+$/,
  'aws-iso-e': /^eu\-isoe\-\w+\-\d+$/,
  'aws-iso-f': /^us\-isof\-\w+\-\d+$/,
  'aws-us-gov': /^us\-gov\-\w+\-\d+$/,
};

/**
 * The shape of every Region code: lowercase words, then a number, joined by hyphens (us-west-2, us-gov-west-1,
 * eusc-de-east-1), as every Region code is written on SOURCES.endpoints and SOURCES.regions. PARTITION_REGIONS' `\w`
 * would also take us-EAST-1, us-east_1-1 or us-1-1, so it only tells which partition a code of this shape is in.
 */
export const REGION_CODE = '[a-z]+(?:-[a-z]+)*-\\d+';
const REGION_CODE_SHAPE = new RegExp(`^${REGION_CODE}$`);

/** The partition of a Region code (`aws-eusc` for eusc-de-east-1), or undefined for no Region code of any partition. */
export function partitionOfRegion(region: string): string | undefined {
  if (!REGION_CODE_SHAPE.test(region)) return undefined;
  return Object.keys(PARTITION_REGIONS).find((partition) => PARTITION_REGIONS[partition]!.test(region));
}

/** Whether this is a Region code of some partition (`us-west-2`, `us-gov-west-1`, `eusc-de-east-1`; not `us-EAST-1`). */
export function isRegionCode(region: string): boolean {
  return partitionOfRegion(region) !== undefined;
}

/**
 * How many Availability Zones AWS lists for a Region, by their AZ IDs (`use2-az1` … `use2-az3`). Source:
 * SOURCES.availabilityZones ("The code for an Availability Zone is its Region code followed by a letter identifier.
 * For example, us-east-2a, us-east-2b, and us-east-2c are the Availability Zones in the us-east-2 Region", whose AZ IDs
 * are use2-az1 … use2-az3). A Region is here only where its AZ IDs run 1…N, so its zone names are the Region code
 * plus a … the Nth letter. Left out: ca-central-1 (cac1-az1, -az2, -az4: which letter the missing zone had is not
 * documented), and the GovCloud and China Regions (not on that page). In the oldest Regions the letters map to
 * different zones per account, and a constrained zone may be missing from a newer account ("your account might have
 * a different number of available Availability Zones in a Region than another account does"; us-west-1: "Newer
 * accounts can access two Availability Zones"), so a name beyond these is worth a warning, never an error.
 */
export const AVAILABILITY_ZONE_COUNTS: Readonly<Record<string, number>> = {
  'us-east-1': 6, 'us-east-2': 3, 'us-west-1': 3, 'us-west-2': 4, 'ca-west-1': 3, 'mx-central-1': 3,
  'af-south-1': 3,
  'ap-east-1': 3, 'ap-east-2': 3, 'ap-northeast-1': 4, 'ap-northeast-2': 4, 'ap-northeast-3': 3, 'ap-south-1': 3,
  'ap-south-2': 3, 'ap-southeast-1': 3, 'ap-southeast-2': 3, 'ap-southeast-3': 3, 'ap-southeast-4': 3,
  'ap-southeast-5': 3, 'ap-southeast-6': 3, 'ap-southeast-7': 3,
  'eu-central-1': 3, 'eu-central-2': 3, 'eu-north-1': 3, 'eu-south-1': 3, 'eu-south-2': 3, 'eu-west-1': 3,
  'eu-west-2': 4, 'eu-west-3': 3,
  'il-central-1': 3, 'me-central-1': 3, 'me-south-1': 3,
  'sa-east-1': 3,
};

/** The Availability Zone names AWS documents for a Region (AVAILABILITY_ZONE_COUNTS); none where they are not documented. */
export function availabilityZones(region: string): string[] {
  const count = Object.hasOwn(AVAILABILITY_ZONE_COUNTS, region) ? AVAILABILITY_ZONE_COUNTS[region] : 0;
  return Array.from({ length: count }, (_, i) => `${region}${String.fromCharCode(97 + i)}`);
}

/** An Availability Zone or Local Zone name: a Region code (captured), a Local Zone part (`-lax-1`) if any, a letter. */
export const ZONE_NAME_SHAPE = new RegExp(`^(${REGION_CODE})(?:-[a-z]+-\\d+)?[a-z]$`);

/**
 * The Region of an Availability Zone name (`us-west-2a`) or of a Local Zone name, which ElastiCache also places
 * nodes in: "A Local Zone is represented by an AWS Region code followed by an identifier that indicates the
 * location, for example us-west-2-lax-1a" (SOURCES.localZones).
 */
export function regionOfAvailabilityZone(az: string): string | undefined {
  const m = ZONE_NAME_SHAPE.exec(az);
  // A Region code of any partition (us-gov-west-1a, eusc-de-east-1a, us-isob-east-1a).
  return m && isRegionCode(m[1]!) ? m[1] : undefined;
}

/** ElastiCache Query API endpoint host of a Region. Source: SOURCES.endpoints. */
export function endpointHost(region: string): string {
  return `elasticache.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

const REGIONAL_HOST_START = 'elasticache.';
const REGIONAL_HOST_END = '.amazonaws.com';

/** Whether `s[from, to)` is made of a-z, 0-9 and `-` only (`[a-z0-9-]+` of the endpoint pattern, non-empty checked by the caller). */
function isHostLabelPart(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) return false;
  }
  return true;
}

/**
 * Parses an ElastiCache API endpoint host into its Region: the Regional endpoint `elasticache[-fips].<region>.amazonaws.com[.cn]`
 * (SOURCES.endpoints), the dual-stack endpoint `elasticache.<region>.api.aws` and an interface VPC endpoint's own name
 * `<VPC_Endpoint_ID>.elasticache.<region>.vpce.amazonaws.com` (SOURCES.privateLink).
 */
export function regionOfEndpointHost(host: string): string | undefined {
  // The usual host, `elasticache.<region>.amazonaws.com` in lowercase, read without lowercasing it and running the
  // pattern below (it runs per request); exactly what the pattern's first form gives for it.
  if (host.startsWith(REGIONAL_HOST_START) && host.endsWith(REGIONAL_HOST_END)) {
    const end = host.length - REGIONAL_HOST_END.length;
    if (end > REGIONAL_HOST_START.length && isHostLabelPart(host, REGIONAL_HOST_START.length, end)) return host.slice(REGIONAL_HOST_START.length, end);
  }
  const m = /^(?:elasticache(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws)|vpce-[a-z0-9-]+\.elasticache\.([a-z0-9-]+)\.vpce\.amazonaws\.com(?:\.cn)?)$/.exec(host.toLowerCase());
  return m ? (m[1] ?? m[2]) : undefined;
}

export const LIMITS = {
  /** Source: SOURCES.createCacheCluster (CacheClusterId constraints). */
  cacheClusterIdMaxLength: 50,
  /** NumCacheNodes: 1 for Valkey/Redis OSS; 1–40 for Memcached. Source: SOURCES.createCacheCluster (NumCacheNodes). */
  maxMemcachedNodes: 40,
  /** CreateReplicationGroup NumCacheClusters: at most 6 (1 primary plus 5 replicas). Source: SOURCES.createReplicationGroup. */
  maxReplicationGroupClusters: 6,
  /**
   * Replicas per node group (shard): ReplicasPerNodeGroup "Valid values are 0 to 5" (SOURCES.createReplicationGroup);
   * a shard "is a collection of one to six" nodes, 5 replicas being "the maximum number of replicas allowed"
   * (SOURCES.shards), which also bounds NodeGroupConfiguration's per-shard ReplicaCount.
   */
  maxReplicasPerNodeGroup: 5,
  /** NodeGroupConfiguration Slots: "Keyspaces range from 0 to 16,383. The string is in the format startkey-endkey." Source: SOURCES.nodeGroupConfiguration. */
  hashSlotMax: 16383,
  /** ReplicationGroupId: 1–40 letters, digits or hyphens; starts with a letter; no `--`, no trailing hyphen. Source: SOURCES.createReplicationGroup (ReplicationGroupId). */
  replicationGroupIdMaxLength: 40,
  /**
   * Port: AWS documents no range for ElastiCache ports (Port of SOURCES.createCacheCluster and
   * SOURCES.createReplicationGroup: "The port number on which each of the cache nodes accepts connections.", no
   * limits), so the range is TCP's own: the port number space 0–65535 (RFC 6335 §6,
   * https://www.rfc-editor.org/rfc/rfc6335#section-6), less port 0, which the IANA port registry lists as Reserved
   * (https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml).
   */
  portMin: 1,
  portMax: 65535,
  /** Default ports. Source: SOURCES.createCacheCluster / engine docs. */
  defaultPort: { memcached: 11211, redis: 6379, valkey: 6379 } as Record<EngineName, number>,
  /** AuthToken: 16–128 printable ASCII characters; specials only ! & # $ ^ < > -. Source: SOURCES.auth and SOURCES.createCacheCluster (AuthToken). */
  authTokenMin: 16,
  authTokenMax: 128,
  authTokenSpecials: '!&#$^<>-',
  /**
   * The Modify actions document fewer forbidden characters: their AuthToken "Cannot contain any of the following
   * characters: '/', '"', or '@', '%'" (printable ASCII, 16–128). Source: SOURCES.modifyCacheCluster and
   * SOURCES.modifyReplicationGroup (AuthToken), as the service model's documentation strings carry it.
   */
  authTokenModifyForbidden: '/"@%',
  /** Minimum maintenance window: 60 minutes (ddd:hh24:mi-ddd:hh24:mi, UTC). Source: SOURCES.createCacheCluster (PreferredMaintenanceWindow). */
  maintenanceWindowMinMinutes: 60,
  /** Minimum snapshot (backup) window: 60 minutes (hh24:mi-hh24:mi, UTC). Source: SOURCES.backups. */
  snapshotWindowMinMinutes: 60,
  /**
   * A serverless cache's Description: "The maximum length is 255 characters" (SOURCES.createServerlessCache), "The
   * description has a maximum length of 255 characters" (SOURCES.modifyServerlessCache). The model gives no max.
   */
  serverlessDescriptionMax: 255,
  /** Automatic backups are kept at most 35 days. Source: SOURCES.backups. */
  snapshotRetentionMax: 35,
  /** X-Amz-Expires: an integer number of seconds, at least 1 and at most 604800 (seven days). Source: SOURCES.sigv4QueryParameters. */
  presignMinSeconds: 1,
  presignMaxSeconds: 604800,
  /**
   * Up to 50 tags per resource; "Maximum key length – 128 Unicode characters in UTF-8", "Maximum value length – 256
   * Unicode characters in UTF-8" (counted in characters, not UTF-16 units); `aws:` prefix reserved. Source: SOURCES.tags.
   */
  maxTags: 50,
  tagKeyMax: 128,
  tagValueMax: 256,
  /**
   * "The `aws:` prefix is reserved for AWS use" (SOURCES.tags, Tag restrictions). The same list says "Tag keys and
   * values are case-sensitive" and names only the lowercase prefix, so `AWS:` is not treated as reserved.
   */
  tagKeyReservedPrefix: 'aws:',
  /** In-transit encryption: Redis OSS 3.2.6, 4.0.10 and later; Valkey 7.2+; Memcached 1.6.12+. Source: SOURCES.inTransitEncryption. */
  transitEncryptionMinVersion: { redis: ['3.2.6', '4.0.10'], memcached: '1.6.12' },
  /**
   * Encryption at rest (CreateReplicationGroup AtRestEncryptionEnabled): "Only available when creating a replication
   * group in an Amazon VPC using Valkey 7.2 and later, Redis OSS version 3.2.6, or Redis OSS 4.x and later."
   * Source: SOURCES.createReplicationGroup (AtRestEncryptionEnabled).
   */
  atRestEncryptionMinVersion: { redis: ['3.2.6', '4.0'] },
  /**
   * AtRestEncryptionEnabled when not given: "Default: true when using Valkey, false when using Redis OSS".
   * Source: SOURCES.createReplicationGroup (AtRestEncryptionEnabled).
   */
  atRestEncryptionDefault: { valkey: true, redis: false } as Partial<Record<EngineName, boolean>>,
  /**
   * Role-based access control (user groups, UserGroupIds): "available for Valkey 7.2 and onward, and Redis OSS 6.0
   * to 7.2" (SOURCES.rbac); a user group's MinimumEngineVersion is "Redis OSS 6.0" (SOURCES.userGroup). Every Valkey
   * version ElastiCache offers is 7.2 or later.
   */
  rbacMinVersion: { redis: '6.0' },
} as const;

/**
 * Which AuthToken rules an action documents: the create actions' (SOURCES.createCacheCluster,
 * SOURCES.createReplicationGroup: special characters only LIMITS.authTokenSpecials, as SOURCES.auth) or the Modify
 * actions' (SOURCES.modifyCacheCluster, SOURCES.modifyReplicationGroup: printable ASCII without
 * LIMITS.authTokenModifyForbidden).
 */
export const AUTH_TOKEN_RULES: Readonly<Record<string, 'create' | 'modify'>> = {
  CreateCacheCluster: 'create',
  CreateReplicationGroup: 'create',
  ModifyCacheCluster: 'modify',
  ModifyReplicationGroup: 'modify',
};

/**
 * The tag characters every AWS service takes: "Although ElastiCache allows for any character in its tags, other
 * services can be restrictive. The allowed characters across services are: letters, numbers, and spaces representable
 * in UTF-8, and the following characters: + - = . _ : / @". Source: SOURCES.tags (Tag restrictions).
 */
export const TAG_PORTABLE_CHARACTERS = /^[\p{L}\p{M}\p{N}\p{Zs}+\-=._:/@]*$/u;

/** The longest X-Amz-Expires in days (604800 seconds: 7), for the messages that state the range. */
export const PRESIGN_MAX_DAYS = LIMITS.presignMaxSeconds / 86_400;

/**
 * The node family that tiers data to SSD (r6gd): "This parameter must be set to true when using r6gd nodes"
 * (SOURCES.createReplicationGroup, DataTieringEnabled). Data tiering being for replication groups only is why the
 * family is `replicationGroupOnly` (NODE_TYPE_FAMILIES), so the flag names it: one fact, not two.
 */
export const DATA_TIERING_NODE_FAMILY: string = NODE_TYPE_FAMILIES.find((f) => f.replicationGroupOnly)!.family;

/** Log delivery: slow log from Redis OSS 6.0, engine log from Redis OSS 6.2 (all Valkey versions). Source: SOURCES.logDelivery. */
export const LOG_DELIVERY_MIN_REDIS_VERSION: Record<'slow-log' | 'engine-log', string> = { 'slow-log': '6.0', 'engine-log': '6.2' };

/**
 * What each log DestinationType needs in DestinationDetails: for CloudWatch Logs "You specify a CloudWatch Logs log
 * group where the logs will be delivered"; for Amazon Data Firehose, the delivery stream. Source:
 * SOURCES.loggingDestinations (and the DestinationDetails / CloudWatchLogsDestinationDetails /
 * KinesisFirehoseDestinationDetails shapes of the service model).
 */
export const LOG_DESTINATIONS = {
  'cloudwatch-logs': { details: 'CloudWatchLogsDetails', field: 'LogGroup', what: 'CloudWatch Logs log group' },
  'kinesis-firehose': { details: 'KinesisFirehoseDetails', field: 'DeliveryStream', what: 'Kinesis Data Firehose delivery stream' },
} as const;

/**
 * IPv6 / dual-stack (NetworkType, IpDiscovery ipv6): Valkey 7.2+, Redis OSS 6.2 to 7.1, Memcached 1.6.6+.
 * Source: SOURCES.createCacheCluster (NetworkType) and SOURCES.networkType.
 */
export const IPV6_MIN_VERSION: Record<EngineName, string> = { valkey: '7.2', redis: '6.2', memcached: '1.6.6' };

/** The Query API version this model describes: the service model's metadata.apiVersion. */
export const API_VERSION: string = serviceModel.metadata.apiVersion;

/** Valkey/Redis OSS-only CreateCacheCluster members ("only valid if the Engine parameter is redis"). Source: SOURCES.createCacheCluster. */
export const REDIS_ONLY_MEMBERS = ['ReplicationGroupId', 'SnapshotArns', 'SnapshotName', 'SnapshotRetentionLimit', 'SnapshotWindow', 'AuthToken', 'LogDeliveryConfigurations'] as const;

/**
 * Serverless cache members "Available for Valkey and Redis OSS only" (UserGroupId on CreateServerlessCache and
 * ModifyServerlessCache, RemoveUserGroup on ModifyServerlessCache). Source: SOURCES.createServerlessCache and
 * SOURCES.modifyServerlessCache, as the service model's documentation strings carry them.
 */
export const SERVERLESS_REDIS_ONLY_MEMBERS = ['UserGroupId', 'RemoveUserGroup'] as const;

/** Memcached-only CreateCacheCluster members ("only supported for Memcached clusters"). Source: SOURCES.createCacheCluster. */
export const MEMCACHED_ONLY_MEMBERS = ['AZMode', 'PreferredAvailabilityZones'] as const;

/**
 * How hover and completion name the engines a CreateCacheCluster member is for, when not every engine
 * (REDIS_ONLY_MEMBERS, MEMCACHED_ONLY_MEMBERS): one wording for both.
 */
export function engineOnlyNote(member: string): string | undefined {
  if ((REDIS_ONLY_MEMBERS as readonly string[]).includes(member)) return 'Valkey or Redis OSS only (not Memcached)';
  if ((MEMCACHED_ONLY_MEMBERS as readonly string[]).includes(member)) return 'Memcached only (not Valkey or Redis OSS)';
  return undefined;
}

/**
 * Members the service needs although the service model does not list them as required, by structure shape: a Tag's
 * Key ("The key for the tag. May not be null.", botocore service-2.json Tag; API reference
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_Tag.html). The tags rule reports a tag without one.
 */
export const REQUIRED_UNLISTED_MEMBERS: Readonly<Record<string, readonly string[]>> = { Tag: ['Key'] };
