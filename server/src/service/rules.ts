// Semantic rules of CreateCacheCluster and CreateReplicationGroup on an SDK-shaped input (works on partial inputs
// too: a rule whose members are absent stays silent). The member rules both actions share live in one place and
// take an ActionProfile for what differs. Used by `analyze` for every document form, by the create wizard and by
// the local endpoint. Facts come from ../model/facts.ts; the rule list is in RULES.md.
import {
  STANDARD_SUPPORT_END, CLUSTER_MODE_GROUP_SUFFIX, CLUSTER_MODE_MIN_REDIS_FAMILY_VERSION, DATA_TIERING_NODE_FAMILY, ENGINE_DISPLAY, ENGINES, ENGINE_VERSIONS, LIMITS, MEMCACHED_ONLY_MEMBERS, NODE_TYPE_SHAPE, PARAMETER_GROUP_FAMILIES,
  REDIS_ONLY_MEMBERS, REGIONS, REPLICATION_GROUP_ENGINES, REQUIRED_UNLISTED_MEMBERS, SERVERLESS_REDIS_ONLY_MEMBERS, LOG_DELIVERY_MIN_REDIS_VERSION, LOG_DESTINATIONS, IPV6_MIN_VERSION, compareVersions, createdVersion, engineOfFamily, findVersion,
  availabilityZones, hasClusterModeDefaultGroup, latestVersion, NODE_TYPE_FAMILIES, nitroAlternative, nodeTypeFact, regionOfAvailabilityZone, AUTH_TOKEN_RULES, TAG_PORTABLE_CHARACTERS, versionsOfFamily, newClustersCanUse, familyEndOfLife, type EngineName, type EngineVersionFact,
  type NodePurpose, type NodeTypeFamily,
} from '../model/facts';
import { serviceModel } from '../model/generated/serviceModel';
import { operationModel } from '../model/operations';
import { formatPath, truncate } from './shapeCheck';
import { suggest } from './text';
import { isPlaceholder } from './queryParser';
import type { Issue, MemberPath } from './types';
import {
  regionOfArn, validateAuthToken, validateModifyAuthToken, validateCacheClusterId, validateMaintenanceWindow, validatePort, validateReplicationGroupId, validateS3SnapshotArn,
  validateSnapshotWindow, validateSnsTopicArn, windowsOverlap, blankValue,
} from './validators';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const strList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

export interface RuleOptions {
  /** Region of the endpoint the request goes to (from the URL host), for AZ and ARN Region checks. */
  region?: string;
}

/**
 * What differs between the create actions whose members share rules (module constants: the rules allocate nothing
 * for them per request).
 */
interface ActionProfile {
  action: 'CreateCacheCluster' | 'CreateReplicationGroup' | 'CreateServerlessCache' | 'ModifyServerlessCache';
  /** Engines the action accepts. */
  engines: readonly EngineName[];
  /** Whether a `.cluster.on` (cluster mode) parameter group is valid for the action, so a fix keeps the suffix. */
  clusterMode: boolean;
  /** Whether SnapshotArns takes one ARN only (CreateCacheCluster seeds one shard). */
  singleSnapshotArn: boolean;
  /** What the action creates, in messages. */
  noun: string;
}

const CACHE_CLUSTER: ActionProfile = { action: 'CreateCacheCluster', engines: ENGINES, clusterMode: false, singleSnapshotArn: true, noun: 'cluster' };
const REPLICATION_GROUP: ActionProfile = { action: 'CreateReplicationGroup', engines: REPLICATION_GROUP_ENGINES, clusterMode: true, singleSnapshotArn: false, noun: 'replication group' };

// Serverless caches take every engine: "The options are valkey, memcached or redis" (SOURCES.modifyServerlessCache, Engine).
const SERVERLESS_CACHE: ActionProfile = { action: 'CreateServerlessCache', engines: ENGINES, clusterMode: false, singleSnapshotArn: false, noun: 'serverless cache' };

/**
 * An issue's message with its subject (if any) named `subjectName`; by default as JSON/YAML name it (`formatPath`):
 * `analyze` passes the name the document uses.
 */
export function issueMessage(issue: Issue, subjectName = issue.subject && formatPath(issue.subject)): string {
  return subjectName === undefined ? issue.message : issue.message.replace('{subject}', () => subjectName);
}

/** Engines an action accepts (what invalid-engine checks on the create actions); every engine for other actions. */
export function enginesOfAction(action: string | undefined): readonly EngineName[] {
  return action === REPLICATION_GROUP.action ? REPLICATION_GROUP.engines : ENGINES;
}

export function checkCreateCacheCluster(input: Record<string, unknown>, options: RuleOptions = {}): Issue[] {
  const issues: Issue[] = [];

  // --- CacheClusterId
  const id = str(input.CacheClusterId);
  if (id !== undefined) {
    const problem = validateCacheClusterId(id);
    if (problem) issues.push({ code: 'invalid-cache-cluster-id', severity: 'error', message: problem, path: ['CacheClusterId'], target: 'value', awsError: 'InvalidParameterValue' });
    else if (/[A-Z]/.test(id)) {
      issues.push({ code: 'cache-cluster-id-case', severity: 'hint', message: 'ElastiCache stores cluster IDs in lowercase.', path: ['CacheClusterId'], target: 'value', fixValue: id.toLowerCase(), fixTitle: 'Use lowercase' });
    }
  }

  const engine = checkEngine(input, CACHE_CLUSTER, issues);
  const isRedisLike = engine === 'redis' || engine === 'valkey';
  const version = str(input.EngineVersion);
  const versionFact = checkEngineVersion(engine, version, issues);

  const nodes = num(input.NumCacheNodes);
  if (nodes !== undefined) checkNumCacheNodes(nodes, engine, issues);

  // --- Members that only one engine family takes
  const foreign: readonly string[] = !engine ? NO_MEMBERS : isRedisLike ? MEMCACHED_ONLY_MEMBERS : REDIS_ONLY_MEMBERS;
  if (engine) {
    for (const member of foreign) {
      if (input[member] === undefined) continue;
      issues.push({
        code: 'engine-parameter',
        severity: 'error',
        message: isRedisLike
          ? `${member} is only supported for Memcached clusters, not ${ENGINE_DISPLAY[engine]}.`
          : `${member} is only valid for Valkey or Redis OSS clusters, not Memcached.`,
        path: [member],
        target: 'name',
        awsError: 'InvalidParameterCombination',
      });
    }
  }

  // --- CacheParameterGroupName: cluster mode and family
  const group = str(input.CacheParameterGroupName);
  if (group !== undefined) {
    if (group.endsWith(CLUSTER_MODE_GROUP_SUFFIX)) {
      const base = group.slice(0, -CLUSTER_MODE_GROUP_SUFFIX.length);
      const defaultTwin = base.startsWith('default.') && PARAMETER_GROUP_FAMILIES.includes(base.slice('default.'.length)) ? base : undefined;
      issues.push({
        code: 'cluster-mode-parameter-group',
        severity: 'error',
        message: `${group} enables cluster mode (cluster-enabled=yes). CreateCacheCluster cannot create a cluster-mode-enabled cluster: use CreateReplicationGroup, or a parameter group without ${CLUSTER_MODE_GROUP_SUFFIX}.`,
        path: ['CacheParameterGroupName'],
        target: 'value',
        awsError: 'InvalidParameterCombination',
        // A default group has a cluster-mode-disabled twin of the same family (SOURCES.parameterGroups).
        ...(defaultTwin ? { fixValue: defaultTwin, fixTitle: `Use ${defaultTwin} (cluster mode disabled)`, fixIsChoice: true } : {}),
      });
    }
    checkParameterGroupFamily(group, engine, version, versionFact, CACHE_CLUSTER, issues);
  }

  checkNodeType(input, engine, version, versionFact, CACHE_CLUSTER, issues);

  // --- Availability Zones
  // On Valkey/Redis OSS, PreferredAvailabilityZones is already an engine-parameter error whose fix is to remove it:
  // its zones are not checked, so a zone in it adds no second finding (nor does its count or conflict below).
  const azs = foreign.includes('PreferredAvailabilityZones') ? undefined : strList(input.PreferredAvailabilityZones);
  const az = str(input.PreferredAvailabilityZone);
  // Most requests name no zone: nothing to do for them.
  if (az !== undefined || azs) {
    const zones: Zone[] = az !== undefined ? [{ name: az, path: ['PreferredAvailabilityZone'] }] : [];
    azs?.forEach((name, i) => zones.push({ name, path: ['PreferredAvailabilityZones', i] }));
    checkZones(zones, [azs ? 'PreferredAvailabilityZones' : 'PreferredAvailabilityZone'], CACHE_CLUSTER, options, issues);
  }
  if (azs && azs.length > 0) {
    const count = nodes ?? 1;
    if (azs.length !== count) {
      issues.push({ code: 'az-count', severity: 'error', message: `PreferredAvailabilityZones lists ${azs.length} Availability Zone${azs.length === 1 ? '' : 's'}, but NumCacheNodes is ${count}${nodes === undefined ? ' (the default)' : ''}: the counts must be equal (repeat a zone to place several nodes in it).`, path: ['PreferredAvailabilityZones'], target: 'name', awsError: 'InvalidParameterCombination' });
    }
    if (az !== undefined) {
      issues.push({ code: 'az-conflict', severity: 'warning', message: 'Give either PreferredAvailabilityZone (all nodes in one zone) or PreferredAvailabilityZones (one zone per node), not both.', path: ['PreferredAvailabilityZone'], target: 'name', awsError: 'InvalidParameterCombination' });
    }
  }
  // On Valkey/Redis OSS, AZMode is already an engine-parameter error: no second finding on it.
  if (input.AZMode === 'cross-az' && nodes === 1 && !isRedisLike) {
    issues.push({ code: 'az-mode', severity: 'warning', message: 'AZMode cross-az spreads nodes over zones, but NumCacheNodes is 1.', path: ['AZMode'], target: 'value' });
  }

  checkCommonMembers(input, engine, version, versionFact, CACHE_CLUSTER, options, issues);
  // An empty list names no group (a CLI skeleton's `"CacheSecurityGroupNames": []`): nothing to combine.
  const listed = (v: unknown) => v !== undefined && !(Array.isArray(v) && v.length === 0);
  if (listed(input.CacheSecurityGroupNames) && (listed(input.SecurityGroupIds) || input.CacheSubnetGroupName !== undefined)) {
    issues.push({ code: 'cache-security-groups-in-vpc', severity: 'error', message: 'CacheSecurityGroupNames is for clusters outside a VPC; in a VPC (CacheSubnetGroupName/SecurityGroupIds) use SecurityGroupIds.', path: ['CacheSecurityGroupNames'], target: 'name', awsError: 'InvalidParameterCombination' });
  }
  return issues;
}

/** Whether a NodeGroupConfiguration item gives a ReplicaCount (the replicas of a single-shard group). */
function nodeGroupReplicaCountGiven(input: Record<string, unknown>): boolean {
  const groups = input.NodeGroupConfiguration;
  return Array.isArray(groups) && groups.some((g) => g !== null && typeof g === 'object' && (g as Record<string, unknown>).ReplicaCount !== undefined);
}

/**
 * NumCacheNodes: exactly 1 for Valkey/Redis OSS, at least 1 for Memcached ("For clusters running Valkey or Redis OSS,
 * this value must be 1. For clusters running Memcached, this value must be between 1 and 40", CreateCacheCluster and
 * ModifyCacheCluster); over 40 is the default limit (a warning). Without an engine (a Modify request), only the bounds.
 */
function checkNumCacheNodes(nodes: number, engine: EngineName | undefined, issues: Issue[]): void {
  if ((engine === 'redis' || engine === 'valkey') && nodes !== 1) {
    issues.push({ code: 'num-cache-nodes', severity: 'error', message: `For ${ENGINE_DISPLAY[engine]}, NumCacheNodes must be 1 (add replicas with CreateReplicationGroup).`, path: ['NumCacheNodes'], target: 'value', awsError: 'InvalidParameterValue', fixValue: 1, fixIsChoice: true });
  } else if (nodes < 1) {
    // Only the low side is a bound here: above 40 is the default limit, a warning below.
    issues.push({ code: 'num-cache-nodes', severity: 'error', message: `NumCacheNodes is ${nodes}: ${engine ? 'a Memcached cluster needs at least 1 node' : 'a cluster needs at least 1 node (exactly 1 for Valkey or Redis OSS)'}.`, path: ['NumCacheNodes'], target: 'value', awsError: 'InvalidParameterValue', fixValue: 1, fixIsChoice: true });
  } else if (nodes > LIMITS.maxMemcachedNodes) {
    // 40 is the default limit, not a bound of the API: "If you need more than 40 nodes for your Memcached cluster,
    // please fill out the ElastiCache Limit Increase Request form" (SOURCES.createCacheCluster, NumCacheNodes).
    // Without the increase AWS answers NodeQuotaForClusterExceeded, "would exceed the allowed number of cache nodes
    // in a single cluster" (botocore service-2.json NodeQuotaForClusterExceededFault), as the local endpoint does.
    issues.push({ code: 'num-cache-nodes', severity: 'warning', message: `NumCacheNodes is ${nodes}, above the default limit of ${LIMITS.maxMemcachedNodes} nodes per Memcached cluster${engine ? '' : ' (and Valkey or Redis OSS take 1)'}: the request fails unless AWS raised the limit for your account (ElastiCache Limit Increase Request form).`, path: ['NumCacheNodes'], target: 'value', awsError: 'NodeQuotaForClusterExceeded' });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Member rules shared by CreateCacheCluster and CreateReplicationGroup (the members mean the same in both; the
// API reference of each action documents them alike). What differs per action comes in as an ActionProfile.

/** Engine: one the action takes, lowercase. Returns the engine when it is valid (after a case fix). */
function checkEngine(input: Record<string, unknown>, profile: ActionProfile, issues: Issue[]): EngineName | undefined {
  const rawEngine = str(input.Engine);
  if (rawEngine === undefined) return undefined;
  const engines = profile.engines as readonly string[];
  if (engines.includes(rawEngine)) return rawEngine as EngineName;
  const lower = rawEngine.toLowerCase();
  if (engines.includes(lower)) {
    issues.push({ code: 'engine-case', severity: 'warning', message: `Engine names are lowercase: ${lower}.`, path: ['Engine'], target: 'value', fixValue: lower });
    return lower as EngineName;
  }
  if ((ENGINES as readonly string[]).includes(lower)) {
    // An engine of ElastiCache that this action does not take (Memcached for CreateReplicationGroup).
    issues.push({
      code: 'invalid-engine',
      severity: 'error',
      message: `${profile.action} does not support ${ENGINE_DISPLAY[lower as EngineName]}: Engine must be ${profile.engines.join(' or ')}${lower === 'memcached' ? ' (create Memcached clusters with CreateCacheCluster)' : ''}.`,
      path: ['Engine'],
      target: 'value',
      awsError: 'InvalidParameterValue',
    });
    return undefined;
  }
  const best = suggest(rawEngine, profile.engines);
  const blank = blankValue('Engine', rawEngine);
  issues.push({
    code: 'invalid-engine',
    severity: 'error',
    message: blank ? `${blank}: give one of ${profile.engines.join(', ')}.` : `Engine must be one of ${profile.engines.join(', ')}, not '${truncate(rawEngine)}'.${best ? ` Did you mean ${best}?` : ''}`,
    path: ['Engine'],
    target: 'value',
    awsError: 'InvalidParameterValue',
    fixValue: best,
  });
  return undefined;
}

/** EngineVersion: a known version of the engine, and its support status. Returns the version's fact when known. */
function checkEngineVersion(engine: EngineName | undefined, version: string | undefined, issues: Issue[], use: EngineVersionUse = 'create'): EngineVersionFact | undefined {
  const versionFact = engine && version !== undefined ? findVersion(engine, version) : undefined;
  if (engine && version !== undefined && !versionFact) {
    const other = ENGINE_VERSIONS.find((v) => v.version === version && v.engine !== engine);
    const known = ENGINE_VERSIONS.filter((v) => v.engine === engine && v.status !== 'deprecated').map((v) => v.version);
    if (other) {
      issues.push({ code: 'engine-version', severity: 'error', message: `${version} is a ${ENGINE_DISPLAY[other.engine]} version, not a ${ENGINE_DISPLAY[engine]} one (${ENGINE_DISPLAY[engine]} versions: ${known.join(', ')}).`, path: ['EngineVersion'], target: 'value', awsError: 'InvalidParameterValue' });
    } else if (/^\d+(\.(\d+|x))*$/.test(version)) {
      // A patch version of a MAJOR.MINOR release (6.2.6 for 6.2): from Redis OSS 6.0 on, ElastiCache offers "a single
      // version for each Redis OSS minor release rather than offering multiple patch versions" (SOURCES.versionManagement).
      const minor = /^(\d+\.\d+)\.\d+$/.exec(version)?.[1];
      const release = minor !== undefined ? findVersion(engine, minor) : undefined;
      issues.push(
        release
          ? patchVersionIssue(version, release)
          : { code: 'engine-version', severity: 'warning', message: `${version} is not a ${ENGINE_DISPLAY[engine]} version ElastiCache is known to offer (known: ${known.join(', ')}).`, path: ['EngineVersion'], target: 'value' },
      );
    } else {
      issues.push({ code: 'engine-version', severity: 'error', message: version.trim() === '' ? `EngineVersion is empty: give a ${ENGINE_DISPLAY[engine]} version (e.g. ${latestVersion(engine).version}) or leave it out ${use === 'create' ? 'for the latest' : 'to keep the current one'}.` : `'${version.slice(0, 40)}' is not an engine version (e.g. ${latestVersion(engine).version}).`, path: ['EngineVersion'], target: 'value', awsError: 'InvalidParameterValue' });
    }
  }
  const support = versionFact && versionSupportIssue(versionFact, use);
  if (support) issues.push(support);
  return versionFact;
}

/**
 * A default parameter group (`default.<family>[.cluster.on]`): a real family, of the engine, and the family of the
 * engine version. Where the action takes cluster mode, the fix keeps `.cluster.on` when the right family has such a
 * default group, and a `.cluster.on` group of a family without one is reported.
 */
function checkParameterGroupFamily(group: string, engine: EngineName | undefined, version: string | undefined, versionFact: EngineVersionFact | undefined, profile: ActionProfile, issues: Issue[]): void {
  const m = /^default\.(.+?)(\.cluster\.on)?$/.exec(group);
  if (!m) return;
  const family = m[1];
  const expected = versionFact?.family;
  const suffix = profile.clusterMode && m[2] && expected && hasClusterModeDefaultGroup(expected) ? m[2] : '';
  if (!PARAMETER_GROUP_FAMILIES.includes(family)) {
    const best = suggest(family, PARAMETER_GROUP_FAMILIES);
    issues.push({ code: 'parameter-group-family', severity: 'error', message: `There is no default parameter group ${group}: '${family}' is not a parameter group family (${PARAMETER_GROUP_FAMILIES.join(', ')}).`, path: ['CacheParameterGroupName'], target: 'value', awsError: 'InvalidParameterValue', fixValue: best ? `default.${best}${m[2] ?? ''}` : undefined, fixIsChoice: true });
  } else if (engine && engineOfFamily(family) !== engine) {
    issues.push({ code: 'parameter-group-family', severity: 'error', message: `${group} is a ${ENGINE_DISPLAY[engineOfFamily(family)!]} parameter group, but Engine is ${engine}.`, path: ['CacheParameterGroupName'], target: 'value', awsError: 'InvalidParameterCombination', fixValue: expected ? `default.${expected}${suffix}` : undefined, fixIsChoice: true });
  } else if (expected && family !== expected) {
    issues.push({ code: 'parameter-group-family', severity: 'error', message: `${group} is for the ${family} family, but ${ENGINE_DISPLAY[engine!]} ${version} needs a ${expected} parameter group (default.${expected}${suffix}).`, path: ['CacheParameterGroupName'], target: 'value', awsError: 'InvalidParameterCombination', fixValue: `default.${expected}${suffix}`, fixIsChoice: true });
  } else if (profile.clusterMode && m[2] && !hasClusterModeDefaultGroup(family)) {
    issues.push({ code: 'parameter-group-family', severity: 'error', message: `There is no default parameter group ${group}: the ${family} family has no cluster-mode default group (cluster mode needs Redis OSS ${CLUSTER_MODE_MIN_REDIS_FAMILY_VERSION} or later, or Valkey).`, path: ['CacheParameterGroupName'], target: 'value', awsError: 'InvalidParameterValue' });
  } else if (!versionFact && familyEndOfLife(family)) {
    // With a version, the version's own finding says it (a family past end of life has only such versions); without
    // one, the group is what asks for the version.
    const latest = latestVersion(engineOfFamily(family)!);
    const fix = `default.${latest.family}${m[2] && hasClusterModeDefaultGroup(latest.family) ? m[2] : ''}`;
    issues.push({ code: 'engine-version-support', severity: 'error', message: `${group} is for the ${family} family, which ${endOfLifeNote(familyEndOfLife(family)!)}. Use the default group of a supported family (${fix}).`, path: ['CacheParameterGroupName'], target: 'value', awsError: 'InvalidParameterValue', fixValue: fix, fixIsChoice: true });
  }
}

/**
 * What end of life means for a new cluster, or for one upgraded to it, after the version or family it is said of: the
 * one wording the linter, completion and hover use (SOURCES.endOfLife; newClustersCanUse).
 */
export function endOfLifeNote(date: string, use: EngineVersionUse = 'create'): string {
  return `reached end of life on ElastiCache on ${date}: ${use === 'create' ? 'new clusters cannot use it' : 'clusters cannot upgrade to it'}`;
}

/** A node type's name: shaped `cache.<family>.<size>` (error), and a known type (warning). Returns the known type's family. */
function checkNodeTypeName(nodeType: string, issues: Issue[]): NodeTypeFamily | undefined {
  const fact = nodeTypeFact(nodeType);
  if (fact) return fact;
  if (!NODE_TYPE_SHAPE.test(nodeType)) {
    issues.push({ code: 'invalid-node-type', severity: 'error', message: nodeType.trim() === '' ? 'CacheNodeType is empty: give a node type such as cache.t4g.micro or cache.r7g.large.' : `'${nodeType.slice(0, 40)}' is not a node type: node types look like cache.<family>.<size>, e.g. cache.t4g.micro or cache.r7g.large.`, path: ['CacheNodeType'], target: 'value', awsError: 'InvalidParameterValue', fixValue: /^[a-z0-9]+\.[a-z0-9]+$/.test(nodeType) ? `cache.${nodeType}` : undefined });
  } else {
    issues.push({ code: 'unknown-node-type', severity: 'warning', message: `${nodeType} is not a node type ElastiCache is known to offer (see the supported node types).`, path: ['CacheNodeType'], target: 'value' });
  }
  return undefined;
}

/** CacheNodeType: the shape, a known type, its generation, and the engine and version it needs. */
function checkNodeType(input: Record<string, unknown>, engine: EngineName | undefined, version: string | undefined, versionFact: EngineVersionFact | undefined, profile: ActionProfile, issues: Issue[]): void {
  const nodeType = str(input.CacheNodeType);
  if (nodeType === undefined) return;
  const fact = checkNodeTypeName(nodeType, issues);
  if (fact) {
    if (fact.generation === 'previous') issues.push(previousGenerationIssue(nodeType, fact, 'create', engine, versionFact?.version));
    if (engine && fact.engines && !fact.engines.includes(engine)) {
      issues.push({ code: 'node-type-engine', severity: 'error', message: `${nodeType} (${fact.family}) is not available for ${ENGINE_DISPLAY[engine]}.`, path: ['CacheNodeType'], target: 'value', awsError: 'InvalidParameterCombination' });
    } else if (fact.replicationGroupOnly && profile.action === 'CreateCacheCluster') {
      // The node type is wrong for the action whatever the version: one finding, not a version one as well.
      // Data tiering extends memory: the alternative is a memory-optimized type.
      const alternative = currentGenerationAlternative('memory', sizeOf(nodeType), engine, versionFact?.version);
      issues.push({ code: 'node-type-replication-group', severity: 'error', message: `${nodeType} (${fact.family}) tiers data to SSD, and data tiering is only for replication groups: CreateCacheCluster cannot use it. Create a ${replicationGroupEngines(fact)} replication group with CreateReplicationGroup and DataTieringEnabled=true, or choose another node type${alternative ? ` (e.g. ${alternative})` : ''}.`, path: ['CacheNodeType'], target: 'value', awsError: 'InvalidParameterCombination' });
      return;
    }
    const min = engine === 'valkey' ? undefined : engine ? fact.minVersion?.[engine] : undefined;
    if (min && version && versionFact && compareVersions(createdVersion(engine!, version), min) < 0) {
      issues.push({ code: 'node-type-engine-version', severity: 'error', message: `${fact.family} node types need ${ENGINE_DISPLAY[engine!]} ${min} or later (EngineVersion is ${version}).`, path: ['CacheNodeType'], target: 'value', awsError: 'InvalidParameterCombination' });
    }
  }
}

/**
 * A previous-generation node type (SOURCES.supportedNodeTypes, SOURCES.createCacheCluster CacheNodeType: "Previous
 * generation: (not recommended. Existing clusters are still supported but creation of new clusters is not supported
 * for these types.)"): on a create, a new cluster on it; on a Modify, scaling an existing cluster to it, which the
 * documentation does not say ElastiCache refuses (the types ListAllowedNodeTypeModifications returns are the ones it
 * takes) but does not recommend. A warning either way, with a current-generation type of the same purpose and size.
 */
function previousGenerationIssue(nodeType: string, fact: NodeTypeFamily, use: 'create' | 'scale', engine?: EngineName, version?: string): Issue {
  const alternative = fact.purpose && currentGenerationAlternative(fact.purpose, sizeOf(nodeType), engine, version);
  const example = alternative ? ` (e.g. ${alternative})` : '';
  const message = use === 'create'
    ? `${nodeType} is a previous-generation node type: AWS no longer supports creating new clusters with it. Choose a current-generation type${example}.`
    : `${nodeType} is a previous-generation node type: AWS does not recommend it (existing clusters are still supported, new ones cannot use it). Scale to a current-generation type${example}.`;
  return { code: 'previous-generation-node-type', severity: 'warning', message, path: ['CacheNodeType'], target: 'value' };
}

/** The replication-group engines a node family is for, each with its minimum version: "Valkey or Redis OSS 6.2+" for r6gd. */
function replicationGroupEngines(fact: NodeTypeFamily): string {
  return REPLICATION_GROUP_ENGINES.filter((e) => !fact.engines || fact.engines.includes(e))
    .map((e) => (fact.minVersion?.[e] ? `${ENGINE_DISPLAY[e]} ${fact.minVersion[e]}+` : ENGINE_DISPLAY[e]))
    .join(' or ');
}

/** The size part of a node type: `xlarge` of `cache.r6gd.xlarge`. */
const sizeOf = (nodeType: string): string => nodeType.slice(nodeType.lastIndexOf('.') + 1);

/**
 * A node type to offer instead of one CreateCacheCluster cannot use: of the first listed current-generation family of
 * the purpose (SOURCES.cacheNode's groups) with the same size that CreateCacheCluster can use with the engine and
 * version; undefined when the facts know none (e.g. no current compute-optimized family in that page).
 */
function currentGenerationAlternative(purpose: NodePurpose, size: string, engine: EngineName | undefined, version: string | undefined): string | undefined {
  const usable = (f: NodeTypeFamily): boolean => {
    if (f.generation !== 'current' || f.purpose !== purpose || f.replicationGroupOnly || !f.sizes.includes(size)) return false;
    if (engine && f.engines && !f.engines.includes(engine)) return false;
    const min = engine ? f.minVersion?.[engine] : undefined;
    return !(min && version && engine && compareVersions(createdVersion(engine, version), min) < 0);
  };
  const family = NODE_TYPE_FAMILIES.find(usable);
  return family && `cache.${family.family}.${size}`;
}

const NO_MEMBERS: readonly string[] = [];

/** An Availability Zone name as written, with its member path. */
interface Zone {
  name: string;
  path: MemberPath;
}

/**
 * Availability Zone names: AZ-shaped, in a known Region, in the endpoint's Region, all in one Region (zones in
 * several Regions are reported once, at `regionsPath`).
 */
function checkZones(zones: readonly Zone[], regionsPath: MemberPath, profile: ActionProfile, options: RuleOptions, issues: Issue[]): void {
  let azRegions: Set<string> | undefined;
  for (const { name, path } of zones) {
    const region = regionOfAvailabilityZone(name);
    if (!region) {
      const zoneName = '(Region code plus a letter, e.g. us-west-2a, or a Local Zone: us-west-2-lax-1a)';
      const blank = name.trim() === '';
      issues.push({ code: 'invalid-availability-zone', severity: 'error', message: blank ? `{subject} is empty: give an Availability Zone name ${zoneName}.` : `'${name.slice(0, 40)}' is not an Availability Zone name ${zoneName}.`, subject: blank ? path : undefined, path, target: 'value', awsError: 'InvalidParameterValue' });
      continue;
    }
    (azRegions ??= new Set()).add(region);
    if (!REGIONS.includes(region)) issues.push({ code: 'invalid-availability-zone', severity: 'warning', message: `${name} is not in a known AWS Region.`, path, target: 'value' });
    else if (options.region && region !== options.region) {
      issues.push({ code: 'availability-zone-region', severity: 'error', message: `${name} is not in ${options.region}, the Region of the endpoint this request goes to.`, path, target: 'value', awsError: 'InvalidParameterValue' });
    } else if (name.length === region.length + 1) {
      // A letter past the zones AWS documents for the Region: a warning only, as accounts and new zones differ.
      const known = availabilityZones(region);
      if (known.length > 0 && !known.includes(name)) {
        issues.push({ code: 'invalid-availability-zone', severity: 'warning', message: `${name} is not one of the Availability Zones AWS lists for ${region} (${known[0]} to ${known[known.length - 1]}): check the name; \`aws ec2 describe-availability-zones --region ${region}\` lists your account's zones.`, path, target: 'value' });
      }
    }
  }
  if (azRegions && azRegions.size > 1) {
    issues.push({ code: 'availability-zone-region', severity: 'error', message: `The Availability Zones are in different Regions (${[...azRegions].join(', ')}); a ${profile.noun} lives in one Region.`, path: regionsPath, target: 'name', awsError: 'InvalidParameterValue' });
  }
}

/**
 * Windows, snapshot retention, port, snapshot and SNS topic ARNs, in-transit encryption and AUTH, log delivery,
 * IPv6, tags and VPC security group IDs.
 */
function checkCommonMembers(input: Record<string, unknown>, engine: EngineName | undefined, version: string | undefined, versionFact: EngineVersionFact | undefined, profile: ActionProfile, options: RuleOptions, issues: Issue[]): void {
  checkWindows(input, issues);
  checkSnapshotRetention(input, issues);

  // --- Port
  const port = num(input.Port);
  if (port !== undefined) {
    const problem = validatePort(port);
    if (problem) issues.push({ code: 'port-range', severity: 'error', message: problem, path: ['Port'], target: 'value', awsError: 'InvalidParameterValue', fixValue: engine ? LIMITS.defaultPort[engine] : undefined, fixIsChoice: true });
  }

  // --- ARNs
  const snapshotArns = strList(input.SnapshotArns);
  snapshotArns?.forEach((arn, i) => {
    const check = validateS3SnapshotArn(arn, '{subject}');
    if (check.error) issues.push({ code: 'snapshot-arn', severity: 'error', message: check.error, subject: arn.trim() === '' ? ['SnapshotArns', i] : undefined, path: ['SnapshotArns', i], target: 'value', awsError: 'InvalidParameterValue' });
    if (check.warning) issues.push({ code: 'snapshot-arn', severity: 'warning', message: check.warning, path: ['SnapshotArns', i], target: 'value' });
  });
  if (profile.singleSnapshotArn && snapshotArns && snapshotArns.length > 1) {
    issues.push({ code: 'snapshot-arn', severity: 'warning', message: 'CreateCacheCluster takes a single-element SnapshotArns list (one RDB file seeds the one shard).', path: ['SnapshotArns'], target: 'name' });
  }
  checkNotificationTopicArn(input, `the ${profile.noun} is created in`, options, issues);

  // --- Encryption in transit and AUTH
  const transit = input.TransitEncryptionEnabled === true;
  if (transit) {
    const subnetGroup = str(input.CacheSubnetGroupName);
    if (input.CacheSubnetGroupName === undefined) {
      issues.push({ code: 'transit-encryption-subnet-group', severity: 'error', message: 'In-transit encryption needs a cluster in a VPC: add CacheSubnetGroupName.', path: ['TransitEncryptionEnabled'], target: 'name', awsError: 'InvalidParameterCombination' });
    } else if (subnetGroup !== undefined && subnetGroup.trim() === '') {
      // Blank is no subnet group either: the same error, on the empty value (empty-value then stays silent on it).
      issues.push({ code: 'transit-encryption-subnet-group', severity: 'error', message: "CacheSubnetGroupName is empty, and in-transit encryption needs a cluster in a VPC: give the cache subnet group's name.", path: ['CacheSubnetGroupName'], target: 'value', awsError: 'InvalidParameterCombination' });
    }
    if (engine === 'redis' && version && versionFact) {
      const [v326, v4010] = LIMITS.transitEncryptionMinVersion.redis;
      const ok = version === v326 || compareVersions(createdVersion(engine, version), v4010) >= 0;
      if (!ok) issues.push({ code: 'transit-encryption-version', severity: 'error', message: `In-transit encryption needs Redis OSS ${v326}, ${v4010} or later (EngineVersion is ${version}).`, path: ['TransitEncryptionEnabled'], target: 'name', awsError: 'InvalidParameterCombination' });
    }
    if (engine === 'memcached' && version && versionFact && compareVersions(createdVersion(engine, version), LIMITS.transitEncryptionMinVersion.memcached) < 0) {
      issues.push({ code: 'transit-encryption-version', severity: 'error', message: `In-transit encryption needs Memcached ${LIMITS.transitEncryptionMinVersion.memcached} or later (EngineVersion is ${version}).`, path: ['TransitEncryptionEnabled'], target: 'name', awsError: 'InvalidParameterCombination' });
    }
  }
  const token = str(input.AuthToken);
  // An empty token is one mistake: its invalid-auth-token finding, not a length or transit-encryption one as well.
  const tokenGiven = token !== undefined && checkAuthTokenValue(token, `(with TransitEncryptionEnabled=true), passed at creation time rather than written in the file, or remove AuthToken to create the ${profile.noun} without AUTH`, issues);
  if (tokenGiven && !transit) {
    // The words fit every form (Query, JSON, YAML): member names only, no `=` or `:`. The subnet group is asked
    // for only when missing (in-transit encryption needs a VPC: transit-encryption-subnet-group).
    const state = input.TransitEncryptionEnabled === undefined ? 'is not set' : 'is not true';
    const subnet = input.CacheSubnetGroupName === undefined ? ' and add CacheSubnetGroupName (in-transit encryption needs a VPC)' : '';
    issues.push({ code: 'auth-token-requires-transit-encryption', severity: 'error', message: `AuthToken needs in-transit encryption, but TransitEncryptionEnabled ${state}: set TransitEncryptionEnabled to true${subnet}, or remove AuthToken.`, path: ['AuthToken'], target: 'name', awsError: 'InvalidParameterCombination' });
  }

  // --- Version-gated features: log delivery and IPv6
  const logs = Array.isArray(input.LogDeliveryConfigurations) ? (input.LogDeliveryConfigurations as Record<string, unknown>[]) : [];
  logs.forEach((log, i) => {
    const type = log?.LogType;
    if (engine !== 'redis' || !versionFact || (type !== 'slow-log' && type !== 'engine-log')) return;
    const min = LOG_DELIVERY_MIN_REDIS_VERSION[type];
    if (compareVersions(createdVersion(engine, version!), min) < 0) {
      issues.push({ code: 'log-delivery-version', severity: 'error', message: `The ${type} delivery needs Redis OSS ${min} or later (EngineVersion is ${version}).`, path: ['LogDeliveryConfigurations', i], target: 'value', awsError: 'InvalidParameterCombination' });
    }
  });
  // Each destination type needs its own details (SOURCES.loggingDestinations: a CloudWatch Logs log group, or a
  // Firehose delivery stream). The API reference marks DestinationDetails optional and does not say how ElastiCache
  // answers a mismatch, so this is a warning.
  logs.forEach((log, i) => {
    const type = log?.DestinationType;
    const details = log?.DestinationDetails as Record<string, Record<string, unknown> | undefined> | undefined;
    const need = type === 'cloudwatch-logs' ? LOG_DESTINATIONS['cloudwatch-logs'] : type === 'kinesis-firehose' ? LOG_DESTINATIONS['kinesis-firehose'] : undefined;
    if (!need) return;
    const given = str(details?.[need.details]?.[need.field]);
    if (given !== undefined && given !== '') return;
    if (given === '') {
      const path = ['LogDeliveryConfigurations', i, 'DestinationDetails', need.details, need.field];
      issues.push({ code: 'log-delivery-destination', severity: 'warning', message: `{subject} is empty: give the ${need.what} the logs go to.`, subject: path, path, target: 'value' });
      return;
    }
    const other = type === 'cloudwatch-logs' ? LOG_DESTINATIONS['kinesis-firehose'] : LOG_DESTINATIONS['cloudwatch-logs'];
    const wrongKind = details?.[other.details] !== undefined;
    issues.push({
      code: 'log-delivery-destination',
      severity: 'warning',
      message: wrongKind
        ? `DestinationType is ${type}, but DestinationDetails gives ${other.details}: a ${type} destination needs DestinationDetails.${need.details}.${need.field}.`
        : `A ${type} destination needs DestinationDetails.${need.details}.${need.field} (the ${need.what} the logs go to).`,
      path: wrongKind
        ? ['LogDeliveryConfigurations', i, 'DestinationDetails', other.details]
        : details?.[need.details] !== undefined
          ? ['LogDeliveryConfigurations', i, 'DestinationDetails', need.details]
          : details
            ? ['LogDeliveryConfigurations', i, 'DestinationDetails']
            : ['LogDeliveryConfigurations', i, 'DestinationType'],
      target: wrongKind || details?.[need.details] !== undefined ? 'name' : 'value',
    });
  });
  for (const member of ['NetworkType', 'IpDiscovery'] as const) {
    const value = str(input[member]);
    if (!value || value === 'ipv4' || !engine || !versionFact) continue;
    const min = IPV6_MIN_VERSION[engine];
    if (compareVersions(createdVersion(engine, version!), min) < 0) {
      issues.push({ code: 'network-type-version', severity: 'error', message: `${member} ${value} needs ${ENGINE_DISPLAY[engine]} ${min} or later (EngineVersion is ${version}).`, path: [member], target: 'value', awsError: 'InvalidParameterCombination' });
    }
  }
  checkNetworkTypeNodeType(input, issues);

  // --- Tags and security groups
  checkTags(input, issues);
  checkSecurityGroupIds(input, issues);
}

/**
 * NetworkType ipv6/dual_stack or IpDiscovery ipv6 on a current-generation node type not built on the Nitro System:
 * ElastiCache supports IPv6 "on all instances built on the Nitro system" (SOURCES.networkType). A warning: ElastiCache
 * lists no node types by system, so this reads EC2's Nitro list for the family of the same name
 * (NodeTypeFamily.nitro, SOURCES.nitroInstances). Previous-generation types are left to their own finding.
 */
function asksIpv6(value: unknown): boolean {
  return value === 'ipv6' || value === 'dual_stack';
}

function checkNetworkTypeNodeType(input: Record<string, unknown>, issues: Issue[]): void {
  // Most requests ask for no IPv6: answered before any lookup (this runs on every create request).
  const member = asksIpv6(input.NetworkType) ? 'NetworkType' : asksIpv6(input.IpDiscovery) ? 'IpDiscovery' : undefined;
  if (!member) return;
  const nodeType = str(input.CacheNodeType);
  const family = nodeType !== undefined ? nodeTypeFact(nodeType) : undefined;
  if (!family || family.nitro || family.generation !== 'current') return;
  const alternative = nitroAlternative(family);
  const size = sizeOf(nodeType!);
  const instead = alternative ? (alternative.sizes.includes(size) ? `cache.${alternative.family}.${size}` : `a cache.${alternative.family} node type`) : 'a node type built on the Nitro System';
  issues.push({
    code: 'network-type-node-type',
    severity: 'warning',
    message: `${nodeType} is not built on the AWS Nitro System, and ElastiCache supports IPv6 (${member} ${String(input[member])}) only on node types that are: choose ${instead}, or use ipv4.`,
    path: [member],
    target: 'value',
  });
}

/**
 * Tags (shape TagList, on any action that takes one): at most 50; every tag has a Key, not empty, not starting with
 * `aws:`; key and value lengths in Unicode characters; keys unique; characters other AWS services may refuse (a hint).
 * Source: SOURCES.tags (Tag restrictions).
 */
function checkTags(input: Record<string, unknown>, issues: Issue[]): void {
  const tags = Array.isArray(input.Tags) ? (input.Tags as Record<string, unknown>[]) : undefined;
  if (!tags) return;
  const keys = new Map<string, number>();
  if (tags.length > LIMITS.maxTags) issues.push({ code: 'tags', severity: 'error', message: `Tags lists ${tags.length} tags, but a resource takes at most ${LIMITS.maxTags}: remove ${tags.length - LIMITS.maxTags}.`, path: ['Tags'], target: 'name', awsError: 'TagQuotaPerResourceExceeded' });
  tags.forEach((tag, i) => {
    // The members a tag needs although the model lists none as required (its Key): a tag without one is reported on the tag.
    for (const member of TAG_NEEDS) {
      if (str(tag?.[member]) === undefined) issues.push({ code: 'tags', severity: 'error', message: `{subject} has no ${member}: every tag needs one${tagOptionalNote()}. Add a ${member}, or remove the tag.`, subject: ['Tags', i], path: ['Tags', i, member], target: 'value', awsError: 'InvalidParameterValue' });
    }
    const key = str(tag?.Key);
    if (key === '') issues.push({ code: 'tags', severity: 'error', message: `{subject} is empty: give the tag a key (at most ${LIMITS.tagKeyMax} characters; every tag needs one), or remove the tag.`, subject: ['Tags', i, 'Key'], path: ['Tags', i, 'Key'], target: 'value', awsError: 'InvalidParameterValue' });
    else if (key?.startsWith(LIMITS.tagKeyReservedPrefix)) issues.push({ code: 'tags', severity: 'error', message: `{subject} starts with '${LIMITS.tagKeyReservedPrefix}', a prefix reserved for AWS use: choose a key without it.`, subject: ['Tags', i, 'Key'], path: ['Tags', i, 'Key'], target: 'value', awsError: 'InvalidParameterValue' });
    else if (key !== undefined && characterCount(key) > LIMITS.tagKeyMax) issues.push({ code: 'tags', severity: 'error', message: `{subject} is ${characterCount(key)} characters long: a tag key has at most ${LIMITS.tagKeyMax}. Shorten it.`, subject: ['Tags', i, 'Key'], path: ['Tags', i, 'Key'], target: 'value', awsError: 'InvalidParameterValue' });
    else if (key !== undefined && keys.has(key)) {
      // "each tag key must be unique, and each tag key can have only one value": which value a request with both keeps is not documented.
      issues.push({ code: 'tags', severity: 'warning', message: `{subject} repeats the key of tag ${keys.get(key)! + 1}: a resource keeps one value per key, so one of the two is lost. Remove one tag, or give it another key.`, subject: ['Tags', i, 'Key'], path: ['Tags', i, 'Key'], target: 'value' });
    } else if (key !== undefined) portable(key, ['Tags', i, 'Key'], issues);
    if (key !== undefined && !keys.has(key)) keys.set(key, i);
    const value = str(tag?.Value);
    if (value !== undefined && characterCount(value) > LIMITS.tagValueMax) issues.push({ code: 'tags', severity: 'error', message: `{subject} is ${characterCount(value)} characters long: a tag value has at most ${LIMITS.tagValueMax}. Shorten it.`, subject: ['Tags', i, 'Value'], path: ['Tags', i, 'Value'], target: 'value', awsError: 'InvalidParameterValue' });
    else if (value !== undefined) portable(value, ['Tags', i, 'Value'], issues);
  });
}

/** Characters, not UTF-16 units: the tagging page counts "Unicode characters" (an emoji is one, not two). */
function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** A hint on a tag key or value with characters other AWS services may refuse (ElastiCache takes any: TAG_PORTABLE_CHARACTERS). */
function portable(text: string, path: MemberPath, issues: Issue[]): void {
  if (TAG_PORTABLE_CHARACTERS.test(text)) return;
  issues.push({ code: 'tag-characters', severity: 'hint', message: '{subject} has characters that ElastiCache accepts but other AWS services may refuse in tags (those take letters, digits, spaces and + - = . _ : / @). Keep to these if the tag is used elsewhere.', subject: path, path, target: 'value' });
}

/** Members of a tag (shape Tag) the service needs although the model does not list them as required. */
const TAG_NEEDS: readonly string[] = REQUIRED_UNLISTED_MEMBERS.Tag ?? [];

/** ` (the Value is optional)`: the tag's other members, for the message on a missing one (built only then). */
function tagOptionalNote(): string {
  const optional = Object.keys(serviceModel.shapes.Tag?.members ?? {}).filter((m) => !TAG_NEEDS.includes(m));
  return optional.length > 0 ? ` (${optional.map((m) => `the ${m} is optional`).join(', ')})` : '';
}

/** PreferredMaintenanceWindow and SnapshotWindow: their formats (UTC, at least 60 minutes), and not overlapping. */
function checkWindows(input: Record<string, unknown>, issues: Issue[]): void {
  const maintenance = str(input.PreferredMaintenanceWindow);
  if (maintenance !== undefined) {
    const problem = validateMaintenanceWindow(maintenance);
    if (problem) issues.push({ code: 'maintenance-window', severity: 'error', message: problem, path: ['PreferredMaintenanceWindow'], target: 'value', awsError: 'InvalidParameterValue' });
  }
  const snapshotWindow = str(input.SnapshotWindow);
  if (snapshotWindow !== undefined) {
    const problem = validateSnapshotWindow(snapshotWindow);
    if (problem) issues.push({ code: 'snapshot-window', severity: 'error', message: problem, path: ['SnapshotWindow'], target: 'value', awsError: 'InvalidParameterValue' });
    else if (maintenance !== undefined && windowsOverlap(maintenance, snapshotWindow)) {
      // No ElastiCache page says the windows must not overlap (the API references and SOURCES.backups give none), so
      // this stays a warning: the daily backup may start while the weekly maintenance window applies "any system
      // changes" (SOURCES.maintenanceWindow) to the same nodes.
      issues.push({ code: 'window-overlap', severity: 'warning', message: 'The snapshot window overlaps the maintenance window: on that day the backup may start while ElastiCache applies maintenance (updates, node replacements) to the same nodes. Choose a SnapshotWindow outside the maintenance window.', path: ['SnapshotWindow'], target: 'value' });
    }
  }
}

/** SnapshotRetentionLimit: 0–35 days (LIMITS.snapshotRetentionMax). */
function checkSnapshotRetention(input: Record<string, unknown>, issues: Issue[]): void {
  const retention = num(input.SnapshotRetentionLimit);
  if (retention !== undefined && (retention < 0 || retention > LIMITS.snapshotRetentionMax)) {
    issues.push({ code: 'snapshot-retention', severity: 'error', message: `SnapshotRetentionLimit must be between 0 and ${LIMITS.snapshotRetentionMax} days.`, path: ['SnapshotRetentionLimit'], target: 'value', awsError: 'InvalidParameterValue' });
  }
}

/** NotificationTopicArn: an SNS topic ARN, in the Region of the endpoint (`where`: "the cluster is created in"). */
function checkNotificationTopicArn(input: Record<string, unknown>, where: string, options: RuleOptions, issues: Issue[]): void {
  const topic = str(input.NotificationTopicArn);
  if (topic === undefined) return;
  const problem = validateSnsTopicArn(topic);
  if (problem) issues.push({ code: 'sns-topic-arn', severity: 'error', message: problem, path: ['NotificationTopicArn'], target: 'value', awsError: 'InvalidParameterValue' });
  else if (options.region && regionOfArn(topic) !== options.region) {
    issues.push({ code: 'sns-topic-arn', severity: 'warning', message: `The SNS topic is in ${regionOfArn(topic)}, but ${where} ${options.region}.`, path: ['NotificationTopicArn'], target: 'value' });
  }
}

/**
 * AuthToken's own value: not blank (`blankAdvice` says what to do instead), 16–128 characters of the allowed ones
 * (validateAuthToken). Never echoes the token. Returns whether a (non-blank) token is given.
 */
function checkAuthTokenValue(token: string, blankAdvice: string, issues: Issue[], rules: 'create' | 'modify' = 'create', action = ''): boolean {
  if (token.trim() === '') {
    issues.push({ code: 'invalid-auth-token', severity: 'error', message: `AuthToken is ${token === '' ? 'empty' : 'blank (only whitespace)'}: give a token of ${LIMITS.authTokenMin} to ${LIMITS.authTokenMax} characters ${blankAdvice}.`, path: ['AuthToken'], target: 'value', awsError: 'InvalidParameterValue' });
    return false;
  }
  // A placeholder (`${AUTH_TOKEN}`, `<token>`) is reported as one (query-placeholder), not by its length or characters.
  if (isPlaceholder(token)) return true;
  if (rules === 'modify') {
    const found = validateModifyAuthToken(token, action);
    if (found) issues.push({ code: 'invalid-auth-token', severity: found.severity, message: found.message, path: ['AuthToken'], target: 'value', awsError: found.severity === 'error' ? 'InvalidParameterValue' : undefined });
    return true;
  }
  const problem = validateAuthToken(token);
  if (problem) issues.push({ code: 'invalid-auth-token', severity: 'error', message: problem, path: ['AuthToken'], target: 'value', awsError: 'InvalidParameterValue' });
  return true;
}

/** SecurityGroupIds items: shaped as VPC security group IDs (a warning). */
function checkSecurityGroupIds(input: Record<string, unknown>, issues: Issue[]): void {
  strList(input.SecurityGroupIds)?.forEach((sg, i) => {
    if (!/^sg-([0-9a-f]{8}|[0-9a-f]{17})$/.test(sg)) {
      issues.push({ code: 'security-group-id', severity: 'warning', message: sg.trim() === '' ? '{subject} is empty: give a VPC security group ID (sg- followed by 8 or 17 hexadecimal digits).' : `'${sg.slice(0, 40)}' does not look like a VPC security group ID (sg- followed by 8 or 17 hexadecimal digits).`, subject: sg.trim() === '' ? ['SecurityGroupIds', i] : undefined, path: ['SecurityGroupIds', i], target: 'value' });
    }
  });
}

/**
 * Semantic rules of CreateReplicationGroup: the member rules it shares with CreateCacheCluster (engine Valkey or
 * Redis OSS only, SOURCES.createReplicationGroup), plus its own members: ReplicationGroupId, automatic failover for
 * cluster mode, the node count (NumCacheClusters, ReplicasPerNodeGroup), PreferredCacheClusterAZs,
 * NodeGroupConfiguration, encryption at rest and its KmsKeyId, Multi-AZ, data tiering and UserGroupIds.
 */
export function checkCreateReplicationGroup(input: Record<string, unknown>, options: RuleOptions = {}): Issue[] {
  const issues: Issue[] = [];

  // --- ReplicationGroupId: "stored as a lowercase string"; 1–40 letters, digits or hyphens (SOURCES.createReplicationGroup).
  const id = str(input.ReplicationGroupId);
  if (id !== undefined) {
    const problem = validateReplicationGroupId(id);
    if (problem) issues.push({ code: 'invalid-replication-group-id', severity: 'error', message: problem, path: ['ReplicationGroupId'], target: 'value', awsError: 'InvalidParameterValue' });
    else if (/[A-Z]/.test(id)) {
      issues.push({ code: 'replication-group-id-case', severity: 'hint', message: 'ElastiCache stores replication group IDs in lowercase.', path: ['ReplicationGroupId'], target: 'value', fixValue: id.toLowerCase(), fixTitle: 'Use lowercase' });
    }
  }

  const engine = checkEngine(input, REPLICATION_GROUP, issues);
  const version = str(input.EngineVersion);
  const versionFact = checkEngineVersion(engine, version, issues);
  const group = str(input.CacheParameterGroupName);
  if (group !== undefined) checkParameterGroupFamily(group, engine, version, versionFact, REPLICATION_GROUP, issues);
  checkNodeType(input, engine, version, versionFact, REPLICATION_GROUP, issues);

  // "AutomaticFailoverEnabled must be enabled for Valkey or Redis OSS (cluster mode enabled) replication groups"
  // (SOURCES.createReplicationGroup); a `.cluster.on` parameter group is what enables cluster mode. Left out, ElastiCache
  // enables it itself: AWS's own example creates a cluster-mode-enabled group (default.redis3.2.cluster.on) without
  // AutomaticFailoverEnabled and gets "AutomaticFailover": "enabled" (SOURCES.createReplicationGroupExamples). So only
  // an explicit false is an error.
  const clusterModeGroup = group?.endsWith(CLUSTER_MODE_GROUP_SUFFIX) === true;
  const failover = input.AutomaticFailoverEnabled === true;
  // Whether the group gets automatic failover: written true, or left out with cluster mode enabled.
  const failoverOn = failover || (clusterModeGroup && input.AutomaticFailoverEnabled === undefined);
  if (clusterModeGroup && input.AutomaticFailoverEnabled !== undefined && !failover) {
    issues.push({
      code: 'replication-group-failover',
      severity: 'error',
      message: `AutomaticFailoverEnabled is not true, but ${group} enables cluster mode, and cluster-mode-enabled replication groups need automatic failover: set it to true, or leave it out for ElastiCache to enable it.`,
      path: ['AutomaticFailoverEnabled'],
      target: 'value',
      awsError: 'InvalidParameterCombination',
      fixValue: true,
    });
  }

  // --- Node count (SOURCES.createReplicationGroup, NumCacheClusters): at most 6 (1 primary plus 5 replicas), and at
  // least 2 with automatic failover. NumCacheClusters (and PreferredCacheClusterAZs) are "not used if there is more
  // than one node group (shard)" (NumNodeGroups > 1, or several NodeGroupConfiguration items): one item is one node
  // group, so they are used, and checked, beside it.
  const clusters = num(input.NumCacheClusters);
  const groups = num(input.NumNodeGroups);
  const nodeGroupItems = Array.isArray(input.NodeGroupConfiguration) ? input.NodeGroupConfiguration.length : 0;
  const singleShard = !(groups !== undefined && groups > 1) && nodeGroupItems <= 1;
  let clustersValid = false;
  if (clusters !== undefined && singleShard) {
    if (clusters > LIMITS.maxReplicationGroupClusters || clusters < 1) {
      issues.push({ code: 'replication-group-nodes', severity: 'error', message: `NumCacheClusters must be between 1 and ${LIMITS.maxReplicationGroupClusters} (1 primary plus up to 5 replicas).`, path: ['NumCacheClusters'], target: 'value', awsError: 'InvalidParameterValue' });
    } else if (failoverOn && clusters < 2) {
      // failoverOn, as for Multi-AZ below: a cluster-mode group that leaves AutomaticFailoverEnabled out gets failover too.
      const why = failover ? 'With AutomaticFailoverEnabled=true' : `With automatic failover (on for cluster mode, which ${group} enables, when AutomaticFailoverEnabled is left out)`;
      issues.push({ code: 'replication-group-nodes', severity: 'error', message: `${why}, NumCacheClusters must be at least 2: failover promotes a replica, and 1 is only the primary.`, path: ['NumCacheClusters'], target: 'value', awsError: 'InvalidParameterCombination', fixValue: 2, fixIsChoice: true });
    } else clustersValid = true;
  } else if (clusters === undefined && singleShard && failover && !clusterModeGroup && input.ReplicasPerNodeGroup === undefined && !nodeGroupReplicaCountGiven(input)) {
    // NumCacheClusters: "If AutomaticFailoverEnabled is true, the value of this parameter must be at least 2. If
    // AutomaticFailoverEnabled is false you can omit this parameter (it will default to 1)" (SOURCES.createReplicationGroup).
    issues.push({ code: 'replication-group-nodes', severity: 'error', message: 'With AutomaticFailoverEnabled=true the group needs a replica to fail over to: give NumCacheClusters (2 to 6) or ReplicasPerNodeGroup. Left out, NumCacheClusters is 1, the primary alone.', path: ['AutomaticFailoverEnabled'], target: 'name', awsError: 'InvalidParameterCombination' });
  }
  const nodeGroups = Array.isArray(input.NodeGroupConfiguration) ? (input.NodeGroupConfiguration as unknown[]) : undefined;
  // Several node groups (shards), as NumNodeGroups or as NodeGroupConfiguration items.
  const shards = groups !== undefined && groups > 1 ? `NumNodeGroups ${groups}` : nodeGroups && nodeGroups.length > 1 ? `NodeGroupConfiguration with ${nodeGroups.length} node groups` : undefined;
  // "For Valkey or Redis OSS (cluster mode disabled) either omit this parameter or set it to 1" (NumNodeGroups,
  // SOURCES.createReplicationGroup): several shards need a cluster-mode (`.cluster.on`) parameter group.
  // Only a default group's name says its mode: a custom group may set cluster-enabled=yes under any name.
  const defaultFamily = group?.startsWith('default.') ? group.slice('default.'.length) : undefined;
  if (shards && defaultFamily !== undefined && PARAMETER_GROUP_FAMILIES.includes(defaultFamily)) {
    const twin = hasClusterModeDefaultGroup(defaultFamily) ? `${group}${CLUSTER_MODE_GROUP_SUFFIX}` : undefined;
    issues.push({
      code: 'replication-group-shards',
      severity: 'error',
      message: `${shards} needs cluster mode, but ${group} is a cluster-mode-disabled parameter group (cluster mode disabled takes 1 node group).`,
      path: ['CacheParameterGroupName'],
      target: 'value',
      awsError: 'InvalidParameterCombination',
      ...(twin ? { fixValue: twin, fixTitle: `Use ${twin} (cluster mode enabled)`, fixIsChoice: true } : {}),
    });
  }
  const replicas = num(input.ReplicasPerNodeGroup);
  if (replicas !== undefined && (replicas < 0 || replicas > LIMITS.maxReplicasPerNodeGroup)) {
    issues.push({ code: 'replication-group-nodes', severity: 'error', message: `ReplicasPerNodeGroup must be between 0 and ${LIMITS.maxReplicasPerNodeGroup}.`, path: ['ReplicasPerNodeGroup'], target: 'value', awsError: 'InvalidParameterValue', fixValue: replicas < 0 ? 0 : LIMITS.maxReplicasPerNodeGroup });
  }

  // --- NodeGroupConfiguration, and the Availability Zones of the request (PreferredCacheClusterAZs and the node
  // groups' zones): zone names, all in one Region.
  const azs = strList(input.PreferredCacheClusterAZs);
  const zones: Zone[] = [];
  azs?.forEach((name, i) => zones.push({ name, path: ['PreferredCacheClusterAZs', i] }));
  if (nodeGroups) checkNodeGroups(input, nodeGroups, replicas, zones, issues);
  // NumCacheClusters beside the one node group's replicas (its ReplicaCount, else ReplicasPerNodeGroup): both count the
  // node group's nodes, and the API reference does not say which ElastiCache uses when they differ, so a warning.
  const onlyGroup = nodeGroups?.length === 1 && nodeGroups[0] && typeof nodeGroups[0] === 'object' ? (nodeGroups[0] as Record<string, unknown>) : undefined;
  const groupReplicas = onlyGroup ? (num(onlyGroup.ReplicaCount) ?? replicas) : undefined;
  if (clustersValid && groupReplicas !== undefined && groupReplicas >= 0 && groupReplicas <= LIMITS.maxReplicasPerNodeGroup && clusters !== groupReplicas + 1) {
    const from = num(onlyGroup!.ReplicaCount) !== undefined ? `its ReplicaCount is ${groupReplicas}` : `ReplicasPerNodeGroup is ${groupReplicas}`;
    issues.push({
      code: 'replication-group-nodes',
      severity: 'warning',
      message: `NumCacheClusters is ${clusters}, but the one node group in NodeGroupConfiguration has ${groupReplicas + 1} node${groupReplicas === 0 ? '' : 's'} (${from}, plus the primary): give the same count in both, or leave NumCacheClusters out (the API reference does not say which of the two ElastiCache uses).`,
      path: ['NumCacheClusters'],
      target: 'value',
    });
  }
  if (zones.length > 0) checkZones(zones, [azs ? 'PreferredCacheClusterAZs' : 'NodeGroupConfiguration'], REPLICATION_GROUP, options, issues);
  // Seeding from S3: NodeGroupConfiguration "is required when seeding a Valkey or Redis OSS (cluster mode enabled)
  // cluster from a S3 rdb file. You must configure each node group (shard) using this parameter because you must
  // specify the slots for each node group." (SOURCES.createReplicationGroup)
  const clusterMode = group?.endsWith(CLUSTER_MODE_GROUP_SUFFIX) || (groups ?? 0) > 1 || (nodeGroups?.length ?? 0) > 1;
  if (clusterMode && input.SnapshotArns !== undefined) {
    if (!nodeGroups) {
      issues.push({ code: 'seed-slots', severity: 'error', message: 'Seeding a cluster-mode-enabled replication group from S3 (SnapshotArns) needs NodeGroupConfiguration, with the Slots of every node group.', path: ['SnapshotArns'], target: 'name', awsError: 'MissingParameter' });
    } else {
      nodeGroups.forEach((item, i) => {
        if (item && typeof item === 'object' && (item as Record<string, unknown>).Slots !== undefined) return;
        issues.push({ code: 'seed-slots', severity: 'error', message: `Node group ${i + 1} gives no Slots: seeding a cluster-mode-enabled replication group from S3 (SnapshotArns) needs the Slots of every node group.`, path: ['NodeGroupConfiguration', i], target: 'name', awsError: 'InvalidParameterCombination' });
      });
    }
  }
  // "The number of Availability Zones listed must equal the value of NumCacheClusters" (PreferredCacheClusterAZs,
  // SOURCES.createReplicationGroup), when NumCacheClusters is given and used.
  if (azs) {
    if (clusters !== undefined && singleShard && azs.length > 0 && azs.length !== clusters) {
      issues.push({ code: 'az-count', severity: 'error', message: `PreferredCacheClusterAZs lists ${azs.length} Availability Zone${azs.length === 1 ? '' : 's'}, but NumCacheClusters is ${clusters}: the counts must be equal (repeat a zone to place several clusters in it).`, path: ['PreferredCacheClusterAZs'], target: 'name', awsError: 'InvalidParameterCombination' });
    }
  }

  // "This parameter is not used if there is more than one node group (shard). You should use NodeGroupConfiguration
  // instead." (PreferredCacheClusterAZs) and "… You should use ReplicasPerNodeGroup instead." (NumCacheClusters),
  // SOURCES.createReplicationGroup. A warning: the request is accepted, the member just has no effect.
  if (shards) {
    if (input.NumCacheClusters !== undefined) {
      issues.push({ code: 'single-shard-parameter', severity: 'warning', message: `NumCacheClusters is not used with several node groups (${shards}), so it has no effect: give the replicas of each node group with ReplicasPerNodeGroup (or NodeGroupConfiguration's ReplicaCount), and remove NumCacheClusters.`, path: ['NumCacheClusters'], target: 'name' });
    }
    if (input.PreferredCacheClusterAZs !== undefined) {
      issues.push({ code: 'single-shard-parameter', severity: 'warning', message: `PreferredCacheClusterAZs is not used with several node groups (${shards}), so it has no effect: give each node group's zones in NodeGroupConfiguration (PrimaryAvailabilityZone, ReplicaAvailabilityZones), and remove PreferredCacheClusterAZs.`, path: ['PreferredCacheClusterAZs'], target: 'name' });
    }
  }

  // --- Encryption at rest: Valkey 7.2 and later, Redis OSS 3.2.6, or Redis OSS 4.x and later (LIMITS.atRestEncryptionMinVersion).
  if (input.AtRestEncryptionEnabled === true && engine === 'redis' && version && versionFact) {
    const [v326, v4] = LIMITS.atRestEncryptionMinVersion.redis;
    if (version !== v326 && compareVersions(createdVersion(engine, version), v4) < 0) {
      issues.push({ code: 'at-rest-encryption-version', severity: 'error', message: `Encryption at rest needs Redis OSS ${v326}, ${v4.slice(0, v4.indexOf('.'))}.x or later (EngineVersion is ${version}).`, path: ['AtRestEncryptionEnabled'], target: 'name', awsError: 'InvalidParameterCombination' });
    }
  }

  // --- Multi-AZ: the Multi-AZ guide (SOURCES.multiAz) describes it as automatic failover to a read replica. That the
  // API rejects MultiAZEnabled=true without AutomaticFailoverEnabled=true could not be confirmed from AWS
  // documentation, so this is a warning.
  if (input.MultiAZEnabled === true && !failoverOn) {
    const written = input.AutomaticFailoverEnabled !== undefined;
    issues.push({
      code: 'multi-az-failover',
      severity: 'warning',
      message: 'MultiAZEnabled=true without AutomaticFailoverEnabled=true: Multi-AZ fails over to a replica automatically, so enable automatic failover too.',
      path: [written ? 'AutomaticFailoverEnabled' : 'MultiAZEnabled'],
      target: written ? 'value' : 'name',
      ...(written ? { fixValue: true } : {}),
    });
  }

  // --- Data tiering: only with r6gd nodes, and required with them (SOURCES.createReplicationGroup, DataTieringEnabled).
  const nodeType = str(input.CacheNodeType);
  const nodeFamily = nodeType !== undefined ? nodeTypeFact(nodeType)?.family : undefined;
  if (nodeFamily === DATA_TIERING_NODE_FAMILY && input.DataTieringEnabled !== true) {
    const written = input.DataTieringEnabled !== undefined;
    issues.push({ code: 'data-tiering', severity: 'error', message: `${nodeType} (${DATA_TIERING_NODE_FAMILY}) nodes tier data to SSD: DataTieringEnabled must be true with them.`, path: [written ? 'DataTieringEnabled' : 'CacheNodeType'], target: 'value', awsError: 'InvalidParameterCombination', ...(written ? { fixValue: true } : {}) });
  } else if (input.DataTieringEnabled === true && nodeFamily !== undefined && nodeFamily !== DATA_TIERING_NODE_FAMILY) {
    issues.push({ code: 'data-tiering', severity: 'error', message: `Data tiering is only supported with ${DATA_TIERING_NODE_FAMILY} node types, not ${nodeType}.`, path: ['DataTieringEnabled'], target: 'name', awsError: 'InvalidParameterCombination' });
  }

  // --- KmsKeyId: "The ID of the KMS key used to encrypt the disk" (SOURCES.createReplicationGroup), i.e. the customer
  // managed key of encryption at rest (SOURCES.atRestEncryption), which is off unless AtRestEncryptionEnabled=true
  // (the Redis OSS default is false, LIMITS.atRestEncryptionDefault). Whether ElastiCache then rejects or ignores the
  // key is not documented: a warning.
  const kmsKey = str(input.KmsKeyId);
  const atRest = typeof input.AtRestEncryptionEnabled === 'boolean' ? input.AtRestEncryptionEnabled : engine ? LIMITS.atRestEncryptionDefault[engine] : undefined;
  if (kmsKey && atRest === false) {
    const written = input.AtRestEncryptionEnabled !== undefined;
    issues.push({
      code: 'kms-key-at-rest',
      severity: 'warning',
      message: `KmsKeyId names the key for encryption at rest, but encryption at rest is off (${written ? 'AtRestEncryptionEnabled=false' : `the ${ENGINE_DISPLAY[engine!]} default`}): set AtRestEncryptionEnabled=true to encrypt with this key.`,
      path: [written ? 'AtRestEncryptionEnabled' : 'KmsKeyId'],
      target: written ? 'value' : 'name',
      ...(written ? { fixValue: true } : {}),
    });
  }

  checkUserGroups(input, engine, version, versionFact, issues);
  checkCommonMembers(input, engine, version, versionFact, REPLICATION_GROUP, options, issues);
  return issues;
}

/** NodeGroupId (AllowedNodeGroupId in the model: 1–4 characters, pattern `\d+`; SOURCES.nodeGroupConfiguration), whole-string match. */
const NODE_GROUP_ID_SHAPE = serviceModel.shapes.AllowedNodeGroupId;
const NODE_GROUP_ID = new RegExp(`^(?:${NODE_GROUP_ID_SHAPE.pattern})$`);
/** A UserGroupIds item (UserGroupId in the model: pattern `[a-zA-Z][a-zA-Z0-9\-]*`), whole-string match. */
const USER_GROUP_ID = new RegExp(`^(?:${serviceModel.shapes.UserGroupId.pattern})$`);
const SLOT_RANGE = /^(\d+)-(\d+)$/;

/**
 * NodeGroupConfiguration (SOURCES.nodeGroupConfiguration): each node group's NodeGroupId, ReplicaCount,
 * ReplicaAvailabilityZones and Slots; the node groups' slots together; and their count against NumNodeGroups.
 * Adds the node groups' Availability Zones to `zones`, for checkZones.
 */
function checkNodeGroups(input: Record<string, unknown>, nodeGroups: unknown[], replicasPerGroup: number | undefined, zones: Zone[], issues: Issue[]): void {
  const ranges: { start: number; end: number; index: number; text: string }[] = [];
  let allSlots = nodeGroups.length > 0;
  nodeGroups.forEach((item, i) => {
    const ng = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const at = (member: string): MemberPath => ['NodeGroupConfiguration', i, member];

    const id = str(ng.NodeGroupId);
    if (id !== undefined && !(id.length >= (NODE_GROUP_ID_SHAPE.min ?? 0) && id.length <= (NODE_GROUP_ID_SHAPE.max ?? Infinity) && NODE_GROUP_ID.test(id))) {
      const blank = blankValue('{subject}', id);
      issues.push({ code: 'node-group-id', severity: 'error', message: blank ? `${blank}: give ${NODE_GROUP_ID_SHAPE.min} to ${NODE_GROUP_ID_SHAPE.max} digits (e.g. 0001), or leave it out.` : `{subject} is '${id.slice(0, 40)}', not a node group ID: a NodeGroupId is ${NODE_GROUP_ID_SHAPE.min} to ${NODE_GROUP_ID_SHAPE.max} digits (e.g. 0001).`, subject: at('NodeGroupId'), path: at('NodeGroupId'), target: 'value', awsError: 'InvalidParameterValue' });
    }

    // A shard has one primary and at most 5 replicas (LIMITS.maxReplicasPerNodeGroup).
    const replicaCount = num(ng.ReplicaCount);
    if (replicaCount !== undefined && (replicaCount < 0 || replicaCount > LIMITS.maxReplicasPerNodeGroup)) {
      issues.push({ code: 'node-group-replicas', severity: 'error', message: `{subject} must be between 0 and ${LIMITS.maxReplicasPerNodeGroup}: a node group has one primary and at most ${LIMITS.maxReplicasPerNodeGroup} replicas.`, subject: at('ReplicaCount'), path: at('ReplicaCount'), target: 'value', awsError: 'InvalidParameterValue', fixValue: replicaCount < 0 ? 0 : LIMITS.maxReplicasPerNodeGroup });
    }

    // "The number of Availability Zones in this list must match the value of ReplicaCount or ReplicasPerNodeGroup if
    // not specified" (SOURCES.nodeGroupConfiguration, ReplicaAvailabilityZones).
    const primaryAz = str(ng.PrimaryAvailabilityZone);
    if (primaryAz !== undefined) zones.push({ name: primaryAz, path: at('PrimaryAvailabilityZone') });
    const replicaAzs = strList(ng.ReplicaAvailabilityZones);
    if (replicaAzs) {
      replicaAzs.forEach((name, k) => zones.push({ name, path: [...at('ReplicaAvailabilityZones'), k] }));
      const expected = replicaCount ?? replicasPerGroup;
      if (expected !== undefined && replicaAzs.length !== expected) {
        const from = replicaCount !== undefined ? `ReplicaCount is ${replicaCount}` : `ReplicasPerNodeGroup is ${replicasPerGroup} (this node group gives no ReplicaCount)`;
        issues.push({ code: 'node-group-azs', severity: 'error', message: `{subject} lists ${replicaAzs.length} Availability Zone${replicaAzs.length === 1 ? '' : 's'}, but ${from}: list one zone per replica (repeat a zone to place several replicas in it).`, subject: at('ReplicaAvailabilityZones'), path: at('ReplicaAvailabilityZones'), target: 'name', awsError: 'InvalidParameterCombination' });
      }
    }

    // Slots: "Keyspaces range from 0 to 16,383. The string is in the format startkey-endkey." (SOURCES.nodeGroupConfiguration)
    const slots = str(ng.Slots);
    if (slots === undefined) {
      allSlots = false;
      return;
    }
    const m = SLOT_RANGE.exec(slots);
    const start = m ? Number(m[1]) : NaN;
    const end = m ? Number(m[2]) : NaN;
    if (!m || end > LIMITS.hashSlotMax || start > end) {
      allSlots = false;
      const blank = m ? undefined : blankValue('{subject}', slots);
      const problem = !m ? (blank ?? `{subject} is '${slots.slice(0, 40)}', not a slot range`) : start > end ? `{subject} ${slots} starts after it ends` : `{subject} ${slots} goes past slot ${LIMITS.hashSlotMax}`;
      issues.push({ code: 'node-group-slots', severity: 'error', message: `${problem}: write startkey-endkey with slots from 0 to ${LIMITS.hashSlotMax} (e.g. 0-8191).`, subject: at('Slots'), path: at('Slots'), target: 'value', awsError: 'InvalidParameterValue' });
      return;
    }
    ranges.push({ start, end, index: i, text: slots });
  });

  // The node groups' slots together: "The cluster's data is partitioned across the cluster's shards" (SOURCES.shards),
  // so ranges should not overlap and, when every node group gives Slots, should cover 0–16383. The API reference does
  // not say how CreateReplicationGroup answers overlapping or missing slots: warnings.
  ranges.sort((a, b) => a.start - b.start || a.index - b.index);
  let covered = -1; // Highest slot covered so far.
  let owner = -1;
  const gaps: string[] = [];
  for (const r of ranges) {
    if (r.start <= covered) {
      issues.push({ code: 'node-group-slots', severity: 'warning', message: `Slots ${r.text} overlaps the slots of node group ${owner + 1}: each hash slot belongs to one node group, so give the node groups ranges that do not overlap.`, path: ['NodeGroupConfiguration', r.index, 'Slots'], target: 'value' });
    } else if (r.start > covered + 1) {
      gaps.push(r.start - 1 === covered + 1 ? `${covered + 1}` : `${covered + 1}-${r.start - 1}`);
    }
    if (r.end > covered) {
      covered = r.end;
      owner = r.index;
    }
  }
  if (allSlots && covered < LIMITS.hashSlotMax) gaps.push(covered + 1 === LIMITS.hashSlotMax ? `${LIMITS.hashSlotMax}` : `${covered + 1}-${LIMITS.hashSlotMax}`);
  if (allSlots && gaps.length > 0) {
    issues.push({ code: 'node-group-slots', severity: 'warning', message: `No node group takes slot${gaps.length === 1 && !gaps[0].includes('-') ? '' : 's'} ${gaps.join(', ')}: together the node groups' Slots should cover 0-${LIMITS.hashSlotMax}, or keys in the missing slots have nowhere to go.`, path: ['NodeGroupConfiguration'], target: 'name' });
  }

  // NumNodeGroups against the number of configurations. SnapshotArns' documentation says the group gets "the number
  // of node groups (console: shards) specified by the parameter NumNodeGroups or the number of node groups configured
  // by NodeGroupConfiguration" (SOURCES.createReplicationGroup); which one wins when they differ is not documented.
  const numNodeGroups = num(input.NumNodeGroups);
  if (numNodeGroups !== undefined && nodeGroups.length > 0 && numNodeGroups !== nodeGroups.length) {
    issues.push({ code: 'node-group-count', severity: 'warning', message: `NumNodeGroups is ${numNodeGroups}, but NodeGroupConfiguration configures ${nodeGroups.length} node group${nodeGroups.length === 1 ? '' : 's'}: give one configuration per node group (the API reference does not say which of the two counts ElastiCache uses).`, path: ['NumNodeGroups'], target: 'value', fixValue: nodeGroups.length, fixTitle: `Set NumNodeGroups to ${nodeGroups.length}`, fixIsChoice: true });
  }
}

/**
 * UserGroupIds (role-based access control): IDs shaped as the model's UserGroupId; user groups need Redis OSS 6.0 or
 * later (LIMITS.rbacMinVersion); and an AuthToken alongside (a warning, see below).
 */
function checkUserGroups(input: Record<string, unknown>, engine: EngineName | undefined, version: string | undefined, versionFact: EngineVersionFact | undefined, issues: Issue[]): void {
  const userGroups = strList(input.UserGroupIds);
  if (!userGroups) return;
  userGroups.forEach((id, i) => {
    if (USER_GROUP_ID.test(id)) return;
    issues.push({ code: 'user-group-id', severity: 'error', message: id.trim() === '' ? '{subject} is empty: give the ID of a user group.' : `'${id.slice(0, 40)}' is not a user group ID: it starts with a letter, followed by letters, digits or hyphens.`, subject: id.trim() === '' ? ['UserGroupIds', i] : undefined, path: ['UserGroupIds', i], target: 'value', awsError: 'InvalidParameterValue' });
  });
  if (engine === 'redis' && version && versionFact && compareVersions(createdVersion(engine, version), LIMITS.rbacMinVersion.redis) < 0) {
    issues.push({ code: 'user-group-version', severity: 'error', message: `User groups (role-based access control) need Redis OSS ${LIMITS.rbacMinVersion.redis} or later, or Valkey (EngineVersion is ${version}).`, path: ['UserGroupIds'], target: 'name', awsError: 'InvalidParameterCombination' });
  }
  // User groups replace the AUTH token: moving an existing group to RBAC deletes its token ("DELETE - allowed only
  // when transitioning to RBAC", SOURCES.modifyReplicationGroup, AuthTokenUpdateStrategy). Whether
  // CreateReplicationGroup rejects both together is not documented: a warning.
  // A blank AuthToken is reported as empty (invalid-auth-token): not as a token alongside user groups as well.
  if (input.AuthToken !== undefined && str(input.AuthToken)?.trim() !== '') {
    issues.push({ code: 'user-group-auth-token', severity: 'warning', message: 'AuthToken together with UserGroupIds: with user groups (role-based access control) clients authenticate as users, and moving a group to user groups deletes its AUTH token; leave AuthToken out (the API reference does not say whether ElastiCache accepts both).', path: ['AuthToken'], target: 'name' });
  }
}

/**
 * CreateServerlessCache and ModifyServerlessCache: what their API references state beyond the model's shapes (SOURCES.
 * createServerlessCache, SOURCES.modifyServerlessCache): Engine is valkey, memcached or redis; UserGroupId (and
 * RemoveUserGroup) are "Available for Valkey and Redis OSS only"; Description has "a maximum length of 255
 * characters"; ServerlessCacheName "is stored as a lowercase string" (create); and each CacheUsageLimits pair is a
 * lower and an upper limit (SOURCES.dataStorage, SOURCES.ecpuPerSecond), so Minimum above Maximum is a warning (the
 * references do not say how ElastiCache answers it). Not checked: "ipv6 is only supported with ipv6-only subnets" and
 * "All the subnetIds must belong to the same VPC" (NetworkType, SubnetIds) need the subnets themselves.
 */
export function checkServerlessCache(operation: 'CreateServerlessCache' | 'ModifyServerlessCache', input: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  const name = str(input.ServerlessCacheName);
  if (operation === 'CreateServerlessCache' && name !== undefined && /[A-Z]/.test(name)) {
    issues.push({ code: 'serverless-cache-name-case', severity: 'hint', message: 'ElastiCache stores serverless cache names in lowercase.', path: ['ServerlessCacheName'], target: 'value', fixValue: name.toLowerCase(), fixTitle: 'Use lowercase' });
  }
  const engine = checkEngine(input, { ...SERVERLESS_CACHE, action: operation }, issues);
  if (engine === 'memcached') {
    for (const member of SERVERLESS_REDIS_ONLY_MEMBERS) {
      if (input[member] === undefined) continue;
      issues.push({ code: 'engine-parameter', severity: 'error', message: `${member} is only available for Valkey or Redis OSS serverless caches, not Memcached: remove it, or choose valkey or redis.`, path: [member], target: 'name', awsError: 'InvalidParameterCombination' });
    }
  }
  const description = str(input.Description);
  if (description !== undefined && characterCount(description) > LIMITS.serverlessDescriptionMax) {
    issues.push({ code: 'member-length', severity: 'error', message: `Description is ${characterCount(description)} characters long: a serverless cache's description has at most ${LIMITS.serverlessDescriptionMax}. Shorten it.`, path: ['Description'], target: 'value', awsError: 'InvalidParameterValue' });
  }
  const limits = input.CacheUsageLimits;
  if (limits && typeof limits === 'object') {
    for (const kind of ['DataStorage', 'ECPUPerSecond'] as const) {
      const pair = (limits as Record<string, unknown>)[kind];
      if (!pair || typeof pair !== 'object') continue;
      const min = num((pair as Record<string, unknown>).Minimum);
      const max = num((pair as Record<string, unknown>).Maximum);
      if (min === undefined || max === undefined || min <= max) continue;
      const path = ['CacheUsageLimits', kind, 'Minimum'];
      issues.push({ code: 'serverless-usage-limits', severity: 'warning', message: `{subject} (${min}) is above the Maximum beside it (${max}): a lower limit cannot exceed the upper limit. Lower the Minimum or raise the Maximum.`, subject: path, path, target: 'value' });
    }
  }
  return issues;
}

/** Integer members whose model documentation states "Constraints: minimum N; maximum M." (e.g. MaxRecords), per input shape. */
let documentedRanges: Map<string, Map<string, [number, number]>> | undefined;
function rangesOf(inputShape: string): Map<string, [number, number]> | undefined {
  if (!documentedRanges) {
    documentedRanges = new Map();
    for (const op of Object.values(serviceModel.operations)) {
      const members = op.input ? serviceModel.shapes[op.input]?.members : undefined;
      if (!members) continue;
      for (const [name, m] of Object.entries(members)) {
        const type = serviceModel.shapes[m.shape]?.type;
        const r = type === 'integer' ? /Constraints: minimum (\d+); maximum (\d+)/.exec(m.documentation ?? '') : null;
        if (!r) continue;
        let table = documentedRanges.get(op.input!);
        if (!table) documentedRanges.set(op.input!, (table = new Map()));
        table.set(name, [Number(r[1]), Number(r[2])]);
      }
    }
  }
  return documentedRanges.get(inputShape);
}

/**
 * Top-level integer members outside the range their API reference documentation states (from the service model:
 * "Constraints: minimum 20; maximum 100." on MaxRecords of most Describe actions). Any operation.
 */
export function checkDocumentedRanges(operation: string, input: Record<string, unknown>): Issue[] {
  const shape = operationModel(operation)?.input;
  const table = shape ? rangesOf(shape) : undefined;
  if (!table) return [];
  const issues: Issue[] = [];
  for (const [name, [min, max]] of table) {
    const v = num(input[name]);
    if (v === undefined || (v >= min && v <= max)) continue;
    issues.push({ code: 'member-range', severity: 'error', message: `${name} must be between ${min} and ${max} for ${operation}.`, path: [name], target: 'value', awsError: 'InvalidParameterValue', fixValue: v < min ? min : max });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------------------------
// Member value rules on the other actions (ModifyCacheCluster, ModifyReplicationGroup, ModifyGlobalReplicationGroup,
// CreateServerlessCache, …): the create rules' checks of one member's own value, which need no other member (such
// as Engine, which Modify requests do not carry). The cross-member create rules do not apply there.

/** The members with such a rule, and the create action whose member (and shape) the rule was written for. */
const MEMBER_VALUE_RULE_OWNERS: Readonly<Record<string, 'CreateCacheCluster' | 'CreateReplicationGroup'>> = {
  PreferredMaintenanceWindow: 'CreateCacheCluster',
  SnapshotWindow: 'CreateCacheCluster',
  SnapshotRetentionLimit: 'CreateCacheCluster',
  CacheNodeType: 'CreateCacheCluster',
  EngineVersion: 'CreateCacheCluster',
  AuthToken: 'CreateCacheCluster',
  NumCacheNodes: 'CreateCacheCluster',
  NotificationTopicArn: 'CreateCacheCluster',
  SecurityGroupIds: 'CreateCacheCluster',
  Tags: 'CreateCacheCluster',
  // With CacheNodeType, for network-type-node-type: ModifyCacheCluster and ModifyReplicationGroup take both, and their
  // IpDiscovery is "ipv4 | ipv6 … on all instances built on the Nitro system" (SOURCES.modifyCacheCluster,
  // SOURCES.modifyReplicationGroup), as on the create actions.
  IpDiscovery: 'CreateCacheCluster',
};

const memberValueRuleSets = new Map<string, readonly string[]>();
/**
 * The members of `operation`'s input that get their member value rule: those with the same shape as in the create
 * action (so the same kind of value). None for the create actions (their own rules run) and the Describe actions
 * (their members are filters: a value that matches nothing gets an empty answer, not an error).
 */
function membersWithValueRules(operation: string): readonly string[] {
  let members = memberValueRuleSets.get(operation);
  if (members) return members;
  const input = operationModel(operation)?.input;
  const own = input ? serviceModel.shapes[input]?.members : undefined;
  const skip = operation === CACHE_CLUSTER.action || operation === REPLICATION_GROUP.action || operation.startsWith('Describe');
  members = skip || !own ? [] : Object.keys(MEMBER_VALUE_RULE_OWNERS).filter((name) => {
    const createInput = operationModel(MEMBER_VALUE_RULE_OWNERS[name])?.input;
    const createMember = createInput ? serviceModel.shapes[createInput]?.members?.[name] : undefined;
    return Object.hasOwn(own, name) && createMember !== undefined && own[name].shape === createMember.shape;
  });
  memberValueRuleSets.set(operation, members);
  return members;
}

/**
 * The single-member value rules of the create actions on any other action whose input has the member with the same
 * shape: window formats, snapshot retention, node type shape and known types, the engine version's format (without an
 * Engine: of any engine), the AuthToken's characters and length, NumCacheNodes at least 1, the SNS topic ARN, VPC
 * security group IDs and tags; and IpDiscovery ipv6 with a CacheNodeType not built on the Nitro System (two members of
 * the same request). Same codes and messages as on the create actions.
 */
export function checkMemberValues(operation: string, input: Record<string, unknown>, options: RuleOptions = {}): Issue[] {
  const members = membersWithValueRules(operation);
  if (members.length === 0) return [];
  let given: Record<string, unknown> | undefined;
  for (const name of members) if (input[name] !== undefined) (given ??= {})[name] = input[name];
  if (!given) return [];
  const issues: Issue[] = [];
  checkWindows(given, issues);
  checkSnapshotRetention(given, issues);
  const nodeType = str(given.CacheNodeType);
  const nodeFact = nodeType !== undefined ? checkNodeTypeName(nodeType, issues) : undefined;
  // The node type a Modify scales to (ModifyCacheCluster: "A valid cache node type that you want to scale this cluster up to").
  if (nodeFact?.generation === 'previous') issues.push(previousGenerationIssue(nodeType!, nodeFact, 'scale'));
  // IPv6 with the node type the request scales to (a Modify request that names no node type keeps one it does not show).
  checkNetworkTypeNodeType(given, issues);
  const version = str(given.EngineVersion);
  // ModifyCacheCluster and ModifyReplicationGroup take an Engine too ("Modifies the engine listed in a cluster message",
  // SOURCES.modifyCacheCluster, SOURCES.modifyReplicationGroup): the version is then one of that engine (an upgrade from
  // Redis OSS to Valkey names Valkey's version), as on a create.
  const engine = str(input.Engine)?.toLowerCase();
  if (version !== undefined) {
    if (engine !== undefined && (ENGINES as readonly string[]).includes(engine)) checkEngineVersion(engine as EngineName, version, issues, 'upgrade');
    else checkEngineVersionOfAnyEngine(version, issues);
  }
  const token = str(given.AuthToken);
  // Each action's own AuthToken rules (AUTH_TOKEN_RULES): the Modify references forbid only / " @ %.
  if (token !== undefined) checkAuthTokenValue(token, '(passed at request time rather than written in the file), or remove AuthToken', issues, AUTH_TOKEN_RULES[operation] ?? 'create', operation);
  const nodes = num(given.NumCacheNodes);
  if (nodes !== undefined) checkNumCacheNodes(nodes, undefined, issues);
  checkNotificationTopicArn(given, 'this request goes to', options, issues);
  checkSecurityGroupIds(given, issues);
  checkTags(given, issues);
  return issues;
}

/**
 * EngineVersion written as a patch version (`version`, e.g. 6.2.6) of a MAJOR.MINOR `release` ElastiCache offers: a
 * warning whose fix is the release (SOURCES.versionManagement), on the create and the Modify actions alike.
 */
export function patchVersionIssue(version: string, release: EngineVersionFact): Issue {
  return { code: 'engine-version', severity: 'warning', message: `${version} is a patch version: ElastiCache offers ${ENGINE_DISPLAY[release.engine]} ${release.version} as one version and applies its patches itself. Use ${release.version}.`, path: ['EngineVersion'], target: 'value', fixValue: release.version };
}

export type EngineVersionUse = 'create' | 'upgrade';

/**
 * What an action's EngineVersion is: the version to upgrade to where the member value rules check it
 * (checkEngineVersionOfAnyEngine: ModifyCacheCluster, ModifyReplicationGroup, …), else that of a new cluster. Completion
 * and hover word end of life as the finding on that action does.
 */
export function engineVersionUse(action: string | undefined): EngineVersionUse {
  return action !== undefined && membersWithValueRules(action).includes('EngineVersion') ? 'upgrade' : 'create';
}

/**
 * EngineVersion where the request names no engine (a Modify request): a version of some engine is fine; a patch
 * version of a MAJOR.MINOR release (6.2.6 for 6.2: one version per minor release from Redis OSS 6 on,
 * SOURCES.versionManagement) and an unknown version are warnings, as on the create actions; text that is no version
 * at all is an error.
 */
function checkEngineVersionOfAnyEngine(version: string, issues: Issue[]): void {
  const known = ENGINES.map((engine) => findVersion(engine, version)).find((v) => v !== undefined);
  if (known) {
    const support = versionSupportIssue(known, 'upgrade');
    if (support) issues.push(support);
    return;
  }
  const at: Pick<Issue, 'path' | 'target'> = { path: ['EngineVersion'], target: 'value' };
  if (!/^\d+(\.(\d+|x))*$/.test(version)) {
    const blank = blankValue('EngineVersion', version);
    issues.push({ code: 'engine-version', severity: 'error', message: blank ? `${blank}: give the engine version to move to (e.g. ${latestVersion('valkey').version} or ${latestVersion('redis').version}), or leave it out to keep the current one.` : `'${version.slice(0, 40)}' is not an engine version (e.g. ${latestVersion('valkey').version} or ${latestVersion('redis').version}).`, ...at, awsError: 'InvalidParameterValue' });
    return;
  }
  const minor = /^(\d+\.\d+)\.\d+$/.exec(version)?.[1];
  const release = minor !== undefined ? ENGINES.map((engine) => findVersion(engine, minor)).find((v) => v !== undefined) : undefined;
  if (release) {
    issues.push(patchVersionIssue(version, release));
    return;
  }
  const offered = ENGINES.map((engine) => `${ENGINE_DISPLAY[engine]} ${ENGINE_VERSIONS.filter((v) => v.engine === engine && v.status !== 'deprecated').map((v) => v.version).join(', ')}`).join('; ');
  issues.push({ code: 'engine-version', severity: 'warning', message: `${version} is not an engine version ElastiCache is known to offer (known: ${offered}).`, ...at });
}

/**
 * The support finding of a known EngineVersion that is not supported, for a new cluster (`create`) or the version a
 * Modify request upgrades to (`upgrade`), one wording for both. Past end of life, an error: on a Modify, ElastiCache
 * upgrades clusters "to new versions that are supported by ElastiCache"
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/VersionManagement.html), and a version past end of life is
 * not one (SOURCES.endOfLife lists Redis OSS 2 and 3 as "Past EOL", recommended upgrade target 6.2 or higher): the
 * same error and choice fix as a create on it (checkEngineVersion). Downgrades are not supported either ("you cannot
 * downgrade to an earlier engine version", SOURCES.modifyCacheCluster and SOURCES.modifyReplicationGroup,
 * EngineVersion), but the request does not show the version the cluster runs, so they are not checked. A deprecated
 * patch version is a warning and an Extended Support version advice (information): a cluster on either, new or
 * upgraded, runs, and Extended Support is charged for (SOURCES.extendedSupport, SOURCES.extendedSupportCharges).
 */
function versionSupportIssue(v: EngineVersionFact, use: EngineVersionUse): Issue | undefined {
  if (v.status === 'supported') return undefined;
  const latest = latestVersion(v.engine);
  const display = `${ENGINE_DISPLAY[v.engine]} ${v.version}`;
  // Past end of life, ElastiCache refuses the version (newClustersCanUse); Extended Support and deprecated patch
  // versions are still created or upgraded to, so those findings are advice.
  if (!newClustersCanUse(v)) {
    return { code: 'engine-version-support', severity: 'error', message: `${display} ${endOfLifeNote(v.endOfLife!, use)}. Use a supported version (latest: ${latest.version}, or Valkey ${latestVersion('valkey').version}).`, path: ['EngineVersion'], target: 'value', awsError: 'InvalidParameterValue', fixValue: latest.version, fixIsChoice: true };
  }
  if (v.status === 'deprecated') {
    return { code: 'engine-version-support', severity: 'warning', message: `${display} is a deprecated patch version: use ${versionsOfFamily(v.family).find((f) => f.status !== 'deprecated')?.version ?? latest.version} or later.`, path: ['EngineVersion'], target: 'value' };
  }
  const cluster = use === 'create' ? 'a cluster on it' : 'a cluster upgraded to it';
  return { code: 'engine-version-support', severity: 'information', message: `Standard support for ${display} ended on ${STANDARD_SUPPORT_END}: ${cluster} is charged for paid Extended Support. Consider ${latest.version} or Valkey ${latestVersion('valkey').version}.`, path: ['EngineVersion'], target: 'value' };
}
