#!/usr/bin/env node
// Generates server/src/model/generated/serviceModel.ts from the official ElastiCache service model
// (botocore's elasticache/2015-02-02/service-2.json, Apache-2.0, as the AWS CLI ships it).
// Usage: node server/scripts/generate-model.mjs [path/to/service-2.json]
// Input: the argument, else $ELASTICACHE_SERVICE_MODEL, else ../shared/reference/botocore-elasticache-2015-02-02/
// service-2.json beside the repository: beside this checkout, or beside the main checkout when this is a linked git
// worktree (found through the git common directory).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlToMarkdown } from './htmlToMarkdown.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED_MODEL = '../shared/reference/botocore-elasticache-2015-02-02/service-2.json';

/** The main checkout of a linked worktree (the parent of the git common directory), if git can say. */
function mainCheckout() {
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirname(common);
  } catch {
    return undefined;
  }
}

function defaultInput() {
  const beside = join(root, SHARED_MODEL);
  if (existsSync(beside)) return beside;
  const main = mainCheckout();
  const besideMain = main && join(main, SHARED_MODEL);
  if (besideMain && existsSync(besideMain)) return besideMain;
  console.error(`No service model at ${beside}${besideMain ? ` or ${besideMain}` : ''}: pass the path to service-2.json, or set ELASTICACHE_SERVICE_MODEL.`);
  process.exit(1);
}

const input = process.argv[2] ?? process.env.ELASTICACHE_SERVICE_MODEL ?? defaultInput();
const output = join(root, 'server/src/model/generated/serviceModel.ts');
const service = JSON.parse(readFileSync(input, 'utf8'));

/**
 * Documentation sentences of the service model that are out of date, dropped here so that the generated model (and
 * so hover, completion and every other reader) holds the clean text. Each entry names the page that contradicts it.
 */
const STALE_MEMBER_DOCS = [
  {
    // "Valid values for this parameter are: memcached | redis" predates Valkey, which CreateCacheCluster also takes
    // (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html); the hover lists the engines
    // from the facts module instead.
    shape: 'CreateCacheClusterMessage',
    member: 'Engine',
    text: /\n*Valid values for this parameter are:[^\n]*/,
  },
  {
    // CreateCacheCluster's CacheClusterId names the cluster, not a node group (shard): the API reference's CacheCluster
    // says of its CacheClusterId "The user-supplied identifier of the cluster. This identifier is a unique key that
    // identifies a cluster." (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheCluster.html).
    shape: 'CreateCacheClusterMessage',
    member: 'CacheClusterId',
    text: /^The node group \(shard\) identifier\./,
    with: 'The identifier of the cluster: a unique key, which you choose, that identifies the cluster ([CacheCluster](https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheCluster.html)).',
  },
  // "only valid if the Engine parameter is redis" predates Valkey too: these members are Valkey or Redis OSS members
  // (REDIS_ONLY_MEMBERS in facts.ts, which hover and completion state through engineOnlyNote), as the engine-versions page above says of Valkey.
  ...['ReplicationGroupId', 'SnapshotArns', 'SnapshotName', 'SnapshotRetentionLimit', 'SnapshotWindow'].map((member) => ({
    shape: 'CreateCacheClusterMessage',
    member,
    text: /\n*> This parameter is only valid if the `Engine` parameter is `redis`\./,
  })),
  {
    // CreateReplicationGroup takes Engine "valkey or redis" (its own Engine documentation), and in-transit encryption
    // is for Valkey 7.2 and later too (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html);
    // the versions are in facts.ts (LIMITS.transitEncryptionMinVersion), which the linter checks.
    shape: 'CreateReplicationGroupMessage',
    member: 'TransitEncryptionEnabled',
    text: /This parameter is valid only if the `Engine` parameter is `redis`, the `EngineVersion` parameter is `3\.2\.6`, `4\.x` or later, and the cluster is being created in an Amazon VPC\./,
    with: 'This parameter is valid only if the cluster is being created in an Amazon VPC, with an engine version that supports [in-transit encryption](https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html).',
  },
  {
    shape: 'CreateReplicationGroupMessage',
    member: 'TransitEncryptionEnabled',
    text: /\n*\s*\*\*Required:\*\* Only available when creating a replication group in an Amazon VPC using Redis OSS version[^\n]*/,
  },
  // "(available only for Redis OSS engine version 5.0.6 onward and for Memcached …)" of the M6g, T4g and R6g node
  // types leaves Valkey out, which takes them (every Valkey version is later; NODE_TYPE_FAMILIES in facts.ts, from
  // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html).
  ...['CreateCacheClusterMessage', 'CreateReplicationGroupMessage', 'DescribeReservedCacheNodesMessage', 'DescribeReservedCacheNodesOfferingsMessage'].map((shape) => ({
    shape,
    member: 'CacheNodeType',
    text: /available only for Redis OSS engine version 5\.0\.6 onward/g,
    with: 'available for Valkey, for Redis OSS engine version 5.0.6 onward',
  })),
  {
    // DescribeCacheEngineVersions returns Valkey versions as well (the wizard asks it for Engine=valkey); same page.
    shape: 'DescribeCacheEngineVersionsMessage',
    member: 'Engine',
    text: /\s*Valid values: `memcached` \| `redis`/,
  },
];

function withoutStaleText(shapeName, memberName, markdown) {
  let out = markdown;
  for (const stale of STALE_MEMBER_DOCS) {
    if (stale.shape !== shapeName || stale.member !== memberName) continue;
    if (out.search(stale.text) < 0) console.warn(`${shapeName}.${memberName}: the stale text ${stale.text} is gone from the service model; drop its STALE_MEMBER_DOCS entry`);
    out = out.replace(stale.text, stale.with ?? '').trimEnd();
  }
  return out;
}

// Shapes reachable from operation inputs keep their documentation; output-only shapes do not need it.
const inputShapes = new Set();
function visit(name) {
  if (inputShapes.has(name)) return;
  inputShapes.add(name);
  const shape = service.shapes[name];
  if (shape.type === 'structure') for (const m of Object.values(shape.members)) visit(m.shape);
  if (shape.type === 'list') visit(shape.member.shape);
}
for (const op of Object.values(service.operations)) if (op.input) visit(op.input.shape);

const shapes = {};
for (const [name, shape] of Object.entries(service.shapes)) {
  const keepDocs = inputShapes.has(name);
  const out = { type: shape.type };
  if (shape.enum) out.enum = shape.enum;
  if (shape.min !== undefined) out.min = shape.min;
  if (shape.max !== undefined) out.max = shape.max;
  if (shape.pattern) out.pattern = shape.pattern;
  if (shape.required) out.required = shape.required;
  if (shape.sensitive) out.sensitive = true;
  if (shape.type === 'list') {
    out.member = { shape: shape.member.shape };
    if (shape.member.locationName) out.member.locationName = shape.member.locationName;
  }
  if (shape.type === 'structure') {
    out.members = {};
    for (const [memberName, m] of Object.entries(shape.members)) {
      const member = { shape: m.shape };
      if (m.locationName) member.locationName = m.locationName;
      if (m.deprecated) member.deprecated = true;
      if (keepDocs && m.documentation) member.documentation = withoutStaleText(name, memberName, htmlToMarkdown(m.documentation));
      out.members[memberName] = member;
    }
  }
  if (shape.exception) {
    out.exception = true;
    if (shape.error) out.error = { code: shape.error.code, httpStatusCode: shape.error.httpStatusCode, senderFault: !!shape.error.senderFault };
    if (shape.documentation) out.documentation = htmlToMarkdown(shape.documentation);
  }
  if (shape.wrapper) out.wrapper = true;
  if (keepDocs && shape.documentation && shape.type === 'structure' && !name.endsWith('Message')) out.documentation = htmlToMarkdown(shape.documentation);
  shapes[name] = out;
}

const operations = {};
for (const [name, op] of Object.entries(service.operations)) {
  operations[name] = {
    input: op.input?.shape,
    output: op.output?.shape,
    resultWrapper: op.output?.resultWrapper,
    errors: (op.errors ?? []).map((e) => e.shape),
    documentation: htmlToMarkdown(op.documentation),
    ...(op.deprecated ? { deprecated: true } : {}),
  };
}

const createMembers = Object.keys(service.shapes.CreateCacheClusterMessage.members);
const model = { metadata: { apiVersion: service.metadata.apiVersion, xmlNamespace: service.metadata.xmlNamespace, endpointPrefix: service.metadata.endpointPrefix }, operations, shapes };

writeFileSync(
  output,
  `// Generated by server/scripts/generate-model.mjs from botocore's ElastiCache service model
// (elasticache/2015-02-02/service-2.json, botocore, Apache-2.0). Do not edit by hand: run \`npm run generate-model\`.
import type { ServiceModel } from '../serviceModelTypes';

export type CreateCacheClusterMemberName =\n${createMembers.map((m) => `  | '${m}'`).join('\n')};

export const serviceModel: ServiceModel = ${JSON.stringify(model, null, 1)};
`,
);
console.log(`wrote ${output}: ${Object.keys(operations).length} operations, ${Object.keys(shapes).length} shapes`);

// Every name a request can be made of (actions, members of any shape, list item names), in the model's order, in a
// file of its own: the secret redaction, which the extension loads at activation, needs the names but not the model.
const names = new Set(Object.keys(operations));
for (const shape of Object.values(shapes)) {
  for (const m of Object.keys(shape.members ?? {})) names.add(m);
  if (shape.member?.locationName) names.add(shape.member.locationName);
}
const namesOutput = join(root, 'server/src/model/generated/names.ts');
writeFileSync(
  namesOutput,
  `// Generated by server/scripts/generate-model.mjs from botocore's ElastiCache service model
// (elasticache/2015-02-02/service-2.json, botocore, Apache-2.0). Do not edit by hand: run \`npm run generate-model\`.

/** Every action, member and list item name of the service model, in the model's order. */
export const MODEL_NAMES: readonly string[] = ${JSON.stringify([...names])};
`,
);
console.log(`wrote ${namesOutput}: ${names.size} names`);
