// A JSON Schema (draft-07) for an action's AWS CLI input file (`--cli-input-json`), generated from the same
// service model the language service uses. The benchmark validates with it through vscode-json-languageservice
// to compare a general-purpose JSON Schema validator with the ElastiCache analysis on the same request.
import { serviceModel } from '../../server/src/model/generated/serviceModel';
import type { ShapeModel } from '../../server/src/model/serviceModelTypes';
import {
  CLUSTER_MODE_GROUP_SUFFIX, compareVersions, createdVersion, defaultParameterGroups, ENGINE_VERSIONS, engineOfFamily, ENGINES, IPV6_MIN_VERSION, LIMITS, MEMCACHED_ONLY_MEMBERS,
  newClustersCanUse, NODE_TYPE_FAMILIES, PARAMETER_GROUP_FAMILIES, PARTITION_REGIONS, REDIS_ONLY_MEMBERS, REGION_CODE, versionsOfFamily, ZONE_NAME_SHAPE, type EngineVersionFact, type NodeTypeFamily,
} from '../../server/src/model/facts';

export interface JsonSchema {
  [keyword: string]: unknown;
}

function shapeSchema(shape: ShapeModel, definitions: Record<string, JsonSchema>): JsonSchema {
  switch (shape.type) {
    case 'structure': {
      const properties: Record<string, JsonSchema> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        properties[name] = { ...ref(member.shape, definitions), ...(member.documentation ? { markdownDescription: member.documentation } : {}) };
      }
      return { type: 'object', properties, additionalProperties: false, ...(shape.required?.length ? { required: shape.required } : {}) };
    }
    case 'list':
      return { type: 'array', ...(shape.member ? { items: ref(shape.member.shape, definitions) } : {}), ...(shape.min !== undefined ? { minItems: shape.min } : {}), ...(shape.max !== undefined ? { maxItems: shape.max } : {}) };
    case 'map':
      return { type: 'object' };
    case 'integer':
    case 'long':
      return { type: 'integer', ...(shape.min !== undefined ? { minimum: shape.min } : {}), ...(shape.max !== undefined ? { maximum: shape.max } : {}) };
    case 'double':
    case 'float':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'timestamp':
    case 'blob':
    case 'string':
    default:
      return {
        type: 'string',
        ...(shape.enum ? { enum: shape.enum } : {}),
        ...(shape.min !== undefined ? { minLength: shape.min } : {}),
        ...(shape.max !== undefined ? { maxLength: shape.max } : {}),
        ...(shape.pattern ? { pattern: shape.pattern } : {}),
      };
  }
}

function ref(shapeName: string, definitions: Record<string, JsonSchema>): JsonSchema {
  if (!definitions[shapeName]) {
    const shape = serviceModel.shapes[shapeName];
    definitions[shapeName] = {}; // placeholder first: recursive shapes terminate
    definitions[shapeName] = shape ? shapeSchema(shape, definitions) : {};
  }
  return { $ref: `#/definitions/${shapeName}` };
}

/** The JSON Schema of `aws elasticache <action> --cli-input-json` for `action` (default CreateCacheCluster). */
export function cliInputJsonSchema(action = 'CreateCacheCluster'): JsonSchema {
  const input = serviceModel.operations[action]?.input;
  if (!input) throw new Error(`unknown action ${action}`);
  const definitions: Record<string, JsonSchema> = {};
  const root = shapeSchema(serviceModel.shapes[input], definitions);
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: `${action} CLI input`, ...root, definitions };
}

/**
 * The JSON Schema of a CreateCacheCluster CLI input with what the language service's model knows beyond the service
 * model's shapes, as far as JSON Schema can say it: the valid values and limits of facts.ts (engines, node types, the
 * versions each engine can create clusters on, default parameter groups per family, ports, retention, AUTH token
 * rules, tag limits) and the CreateCacheCluster rules of RULES.md that are about which values go together (engine-only
 * members, NumCacheNodes per engine, versions per engine and per parameter-group family, in-transit encryption and
 * AUTH, IPv6 and node-type version floors). Shapes the rules check with code are written here as patterns (windows,
 * ARNs, IDs; each notes the validator it follows). Rules JSON Schema cannot state (window lengths, AZ count equal to
 * NumCacheNodes, the host's Region) are left out. The benchmark validates with this schema: a general-purpose
 * validator then checks the request against the same facts as the language service, and finds what it finds in the
 * seed (test/unit/benchSchema.test.ts).
 */
export function createCacheClusterModelSchema(): JsonSchema {
  const schema = cliInputJsonSchema('CreateCacheCluster') as JsonSchema & { properties: Record<string, JsonSchema>; allOf?: JsonSchema[] };
  const properties = schema.properties;
  // Each member's own schema (in place of the $ref to its shape), keeping its documentation.
  const member = (name: string, own: JsonSchema) => {
    properties[name] = { ...own, ...(properties[name]?.markdownDescription ? { markdownDescription: properties[name].markdownDescription } : {}) };
  };
  const creatable = (keep: (v: EngineVersionFact) => boolean = () => true) => ENGINE_VERSIONS.filter((v) => newClustersCanUse(v) && keep(v)).map((v) => v.version);
  const atLeast = (v: EngineVersionFact, min: string) => compareVersions(createdVersion(v.engine, v.version), min) >= 0;
  const partitions = Object.keys(PARTITION_REGIONS).map(escapeRegExp).join('|');
  // Days in any case, as validateMaintenanceWindow reads them (`Sun`, `SUN`).
  const day = `(${['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [...d].map((c) => `[${c}${c.toUpperCase()}]`).join('')).join('|')})`;
  const clock = '([01][0-9]|2[0-3]):[0-5][0-9]';
  const whenEngine = (engines: readonly string[], then: JsonSchema): JsonSchema => ({ if: { properties: { Engine: { enum: [...engines] } }, required: ['Engine'] }, then });
  const forbid = (names: readonly string[]): JsonSchema => ({ not: { anyOf: names.map((n) => ({ required: [n] })) } });
  const nodeTypesOf = (keep: (f: NodeTypeFamily) => boolean) => NODE_TYPE_FAMILIES.filter(keep).flatMap((f) => f.sizes.map((s) => `cache.${f.family}.${s}`));
  const defaultGroups = PARAMETER_GROUP_FAMILIES.flatMap(defaultParameterGroups);

  // invalid-cache-cluster-id (validateIdentifier): 1–50 letters, digits, hyphens; a letter first; no `--`; no trailing `-`.
  member('CacheClusterId', { type: 'string', minLength: 1, maxLength: LIMITS.cacheClusterIdMaxLength, pattern: '^(?!.*--)[A-Za-z][A-Za-z0-9-]*(?<!-)$' });
  member('Engine', { type: 'string', enum: [...ENGINES] }); // invalid-engine
  member('EngineVersion', { type: 'string', enum: creatable() }); // engine-version, engine-version-support
  // invalid-node-type / unknown-node-type / previous-generation-node-type / node-type-replication-group.
  member('CacheNodeType', { type: 'string', enum: nodeTypesOf((f) => f.generation === 'current' && !f.replicationGroupOnly) });
  // cluster-mode-parameter-group; parameter-group-family (a default group must be one of a known family).
  member('CacheParameterGroupName', { type: 'string', minLength: 1, not: { pattern: `${escapeRegExp(CLUSTER_MODE_GROUP_SUFFIX)}$` }, anyOf: [{ not: { pattern: '^default\\.' } }, { enum: defaultGroups }] });
  member('NumCacheNodes', { type: 'integer', minimum: 1, maximum: LIMITS.maxMemcachedNodes }); // num-cache-nodes
  member('Port', { type: 'integer', minimum: LIMITS.portMin, maximum: LIMITS.portMax }); // port-range
  member('SnapshotRetentionLimit', { type: 'integer', minimum: 0, maximum: LIMITS.snapshotRetentionMax }); // snapshot-retention
  // invalid-auth-token (validateAuthToken): 16–128 letters, digits and the specials.
  member('AuthToken', { type: 'string', minLength: LIMITS.authTokenMin, maxLength: LIMITS.authTokenMax, pattern: `^[A-Za-z0-9${escapeRegExp(LIMITS.authTokenSpecials)}]*$` });
  member('PreferredMaintenanceWindow', { type: 'string', pattern: `^${day}:${clock}-${day}:${clock}$` }); // maintenance-window
  member('SnapshotWindow', { type: 'string', pattern: `^${clock}-${clock}$` }); // snapshot-window
  // snapshot-arn (validateS3SnapshotArn): one S3 object ARN of a lowercase bucket, no comma in the key, an .rdb file.
  member('SnapshotArns', { type: 'array', maxItems: 1, items: { type: 'string', pattern: `^arn:(${partitions}):s3:::(?![^/]*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^,]*\\.rdb$` } });
  // sns-topic-arn (validateSnsTopicArn).
  member('NotificationTopicArn', { type: 'string', pattern: `^arn:(${partitions}):sns:${REGION_CODE}:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$` });
  // invalid-availability-zone (regionOfAvailabilityZone): a Region code, an optional Local Zone part, a letter.
  const zone = { type: 'string', pattern: ZONE_NAME_SHAPE.source };
  member('PreferredAvailabilityZone', zone);
  member('PreferredAvailabilityZones', { type: 'array', maxItems: LIMITS.maxMemcachedNodes, items: zone });
  member('SecurityGroupIds', { type: 'array', items: { type: 'string', pattern: '^sg-([0-9a-f]{8}|[0-9a-f]{17})$' } }); // security-group-id
  // tags: at most 50; a Key, not `aws:`-prefixed, at most 128 characters; a Value of at most 256.
  member('Tags', {
    type: 'array',
    maxItems: LIMITS.maxTags,
    items: {
      type: 'object',
      required: ['Key'],
      properties: { Key: { type: 'string', minLength: 1, maxLength: LIMITS.tagKeyMax, not: { pattern: `^${escapeRegExp(LIMITS.tagKeyReservedPrefix)}` } }, Value: { type: 'string', maxLength: LIMITS.tagValueMax } },
      additionalProperties: false,
    },
  });
  const transitVersions = (v: EngineVersionFact) =>
    v.engine === 'valkey' ||
    (v.engine === 'redis' && (v.version === LIMITS.transitEncryptionMinVersion.redis[0] || atLeast(v, LIMITS.transitEncryptionMinVersion.redis[1]))) ||
    (v.engine === 'memcached' && atLeast(v, LIMITS.transitEncryptionMinVersion.memcached));
  schema.allOf = [
    // engine-parameter, num-cache-nodes.
    whenEngine(['redis', 'valkey'], { properties: { NumCacheNodes: { const: 1 } }, ...forbid(MEMCACHED_ONLY_MEMBERS) }),
    whenEngine(['memcached'], forbid(REDIS_ONLY_MEMBERS)),
    // engine-version: a version of the engine given.
    ...ENGINES.map((engine) => whenEngine([engine], { properties: { EngineVersion: { enum: creatable((v) => v.engine === engine) } } })),
    // node-type-engine-version (Graviton2 floors), on the node type: not with a version of that engine below the floor.
    ...NODE_TYPE_FAMILIES.filter((f) => f.minVersion && !f.replicationGroupOnly).flatMap((f) =>
      ENGINES.filter((engine) => f.minVersion![engine] !== undefined).map((engine) => ({
        if: { properties: { Engine: { const: engine }, EngineVersion: { enum: creatable((v) => v.engine === engine && !atLeast(v, f.minVersion![engine]!)) } }, required: ['EngineVersion'] },
        then: { properties: { CacheNodeType: { not: { enum: nodeTypesOf((g) => g === f) } } } },
      })),
    ),
    // parameter-group-family: a default group of the version's family (not when the version is another engine's: that
    // is the engine-version error alone).
    ...PARAMETER_GROUP_FAMILIES.filter((family) => versionsOfFamily(family).some(newClustersCanUse)).map((family) => ({
      if: { properties: { EngineVersion: { enum: versionsOfFamily(family).map((v) => v.version) }, Engine: { const: engineOfFamily(family) } }, required: ['EngineVersion'] },
      then: { properties: { CacheParameterGroupName: { anyOf: [{ not: { pattern: '^default\\.' } }, { enum: defaultParameterGroups(family) }] } } },
    })),
    // transit-encryption-subnet-group; transit-encryption-version, on TransitEncryptionEnabled as the language service
    // reports it: not true with a version that has no in-transit encryption.
    { if: { properties: { TransitEncryptionEnabled: { const: true } }, required: ['TransitEncryptionEnabled'] }, then: { required: ['CacheSubnetGroupName'] } },
    { if: { properties: { EngineVersion: { enum: creatable((v) => !transitVersions(v)) } }, required: ['EngineVersion'] }, then: { properties: { TransitEncryptionEnabled: { not: { const: true } } } } },
    // auth-token-requires-transit-encryption, on AuthToken: none unless TransitEncryptionEnabled is true.
    { if: { not: { properties: { TransitEncryptionEnabled: { const: true } }, required: ['TransitEncryptionEnabled'] } }, then: { properties: { AuthToken: false } } },
    // network-type-version, on the member asking for IPv6: not with a version below the engine's IPv6 floor.
    {
      if: { properties: { EngineVersion: { enum: creatable((v) => !atLeast(v, IPV6_MIN_VERSION[v.engine])) } }, required: ['EngineVersion'] },
      then: { properties: { NetworkType: { not: { enum: ['ipv6', 'dual_stack'] } }, IpDiscovery: { not: { const: 'ipv6' } } } },
    },
    // az-conflict, az-mode, cache-security-groups-in-vpc.
    { not: { required: ['PreferredAvailabilityZone', 'PreferredAvailabilityZones'] } },
    { if: { properties: { NumCacheNodes: { const: 1 } }, required: ['NumCacheNodes'] }, then: { properties: { AZMode: { not: { const: 'cross-az' } } } } },
    { if: { required: ['CacheSecurityGroupNames'] }, then: { not: { anyOf: [{ required: ['CacheSubnetGroupName'] }, { required: ['SecurityGroupIds'] }] } } },
  ];
  return schema;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
