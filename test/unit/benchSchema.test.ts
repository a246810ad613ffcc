// The benchmark's JSON Schema (test/bench/cliInputJsonSchema.ts createCacheClusterModelSchema) states the model's facts
// and CreateCacheCluster rules that JSON Schema can state, and no more: validated by vscode-json-languageservice, as the
// benchmark does, it finds a problem in each input below exactly when the language service reports the rule named,
// and none in the inputs the language service accepts. So the benchmark compares the two on the same checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree } from 'jsonc-parser';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../server/src/service/index';
import { cliInputJsonSchema, createCacheClusterModelSchema } from '../bench/cliInputJsonSchema';

const valid = {
  CacheClusterId: 'my-cluster',
  CacheNodeType: 'cache.r7g.large',
  CacheParameterGroupName: 'default.redis7',
  Engine: 'redis',
  EngineVersion: '7.1',
  NumCacheNodes: 1,
  SnapshotArns: ['arn:aws:s3:::my-bucket/dump.rdb'],
};
const memcached = {
  CacheClusterId: 'mc',
  Engine: 'memcached',
  EngineVersion: '1.6.22',
  CacheNodeType: 'cache.m6g.large',
  NumCacheNodes: 3,
  AZMode: 'cross-az',
  PreferredAvailabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
  TransitEncryptionEnabled: true,
  CacheSubnetGroupName: 'my-subnets',
  SecurityGroupIds: ['sg-0123456789abcdef0'],
  Tags: [{ Key: 'team', Value: 'cache' }],
  PreferredMaintenanceWindow: 'sun:23:00-mon:01:30',
  Port: 11211,
  NotificationTopicArn: 'arn:aws:sns:us-west-2:123456789012:cache-events',
};
const redisTls = { ...valid, TransitEncryptionEnabled: true, CacheSubnetGroupName: 'my-subnets', AuthToken: 'abcdefghijklmnop1234', SnapshotWindow: '05:00-09:00', SnapshotRetentionLimit: 7, NetworkType: 'dual_stack' };

/** Inputs the language service accepts (auth-token-in-file aside: a warning on any token written in a file). */
const samples = join(import.meta.dirname, '..', '..', 'samples');
const accepted: Record<string, object> = {
  'samples/redis.elasticache.json': JSON.parse(readFileSync(join(samples, 'redis.elasticache.json'), 'utf8')) as object,
  'samples/memcached.elasticache.yaml': parseYaml(readFileSync(join(samples, 'memcached.elasticache.yaml'), 'utf8')) as object, valid, memcached, redisTls, valkey: { ...valid, Engine: 'valkey', EngineVersion: '8.2', CacheParameterGroupName: 'default.valkey8' }, customGroup: { ...valid, CacheParameterGroupName: 'my-group' }, dayCase: { ...memcached, PreferredMaintenanceWindow: 'Sun:23:00-MON:01:30' } };

/** Each input breaks one rule: the code the language service reports for it. */
const rejected: [code: string, input: object][] = [
  ['invalid-cache-cluster-id', { ...valid, CacheClusterId: 'my--cluster' }],
  ['invalid-cache-cluster-id', { ...valid, CacheClusterId: '1cluster' }],
  ['invalid-engine', { ...valid, Engine: 'redis7' }],
  ['engine-version', { ...valid, EngineVersion: '1.6.22' }],
  ['engine-version-support', { ...valid, EngineVersion: '3.2.4', CacheParameterGroupName: 'default.redis3.2' }],
  ['unknown-node-type', { ...valid, CacheNodeType: 'cache.r9z.large' }],
  ['previous-generation-node-type', { ...valid, CacheNodeType: 'cache.m3.large' }],
  ['node-type-replication-group', { ...valid, CacheNodeType: 'cache.r6gd.xlarge' }],
  ['node-type-engine-version', { ...memcached, EngineVersion: '1.4.34', TransitEncryptionEnabled: undefined, CacheSubnetGroupName: undefined }],
  ['cluster-mode-parameter-group', { ...valid, CacheParameterGroupName: 'default.redis7.cluster.on' }],
  ['parameter-group-family', { ...valid, CacheParameterGroupName: 'default.redis6.x' }],
  ['num-cache-nodes', { ...valid, NumCacheNodes: 2 }],
  ['engine-parameter', { ...valid, AZMode: 'single-az' }],
  ['engine-parameter', { ...memcached, SnapshotRetentionLimit: 1 }],
  ['port-range', { ...valid, Port: 70000 }],
  ['snapshot-retention', { ...valid, SnapshotRetentionLimit: 36 }],
  ['snapshot-arn', { ...valid, SnapshotArns: ['arn:aws:s3:::myS3Bucket/dump.rdb'] }],
  ['snapshot-arn', { ...valid, SnapshotArns: ['arn:aws:s3:::my..bucket/dump.rdb'] }],
  ['snapshot-arn', { ...valid, SnapshotArns: ['arn:aws:s3:::my-bucket/a.rdb', 'arn:aws:s3:::my-bucket/b.rdb'] }],
  ['sns-topic-arn', { ...memcached, NotificationTopicArn: 'arn:aws:sns:us-west-2:1234:t' }],
  ['maintenance-window', { ...memcached, PreferredMaintenanceWindow: 'sunday:23:00-mon:01:30' }],
  ['snapshot-window', { ...redisTls, SnapshotWindow: '5:00-9:00' }],
  ['invalid-availability-zone', { ...memcached, PreferredAvailabilityZones: ['us-west-2a', 'us-west-2b', 'uswest2'] }],
  ['az-conflict', { ...memcached, PreferredAvailabilityZone: 'us-west-2a' }],
  ['az-mode', { ...memcached, NumCacheNodes: 1, PreferredAvailabilityZones: ['us-west-2a'] }],
  ['security-group-id', { ...memcached, SecurityGroupIds: ['sg-123'] }],
  ['tags', { ...memcached, Tags: [{ Key: 'aws:team', Value: 'x' }] }],
  ['cache-security-groups-in-vpc', { ...memcached, CacheSecurityGroupNames: ['default'] }],
  ['transit-encryption-subnet-group', { ...redisTls, CacheSubnetGroupName: undefined }],
  ['transit-encryption-version', { ...memcached, EngineVersion: '1.6.6' }],
  ['invalid-auth-token', { ...redisTls, AuthToken: 'short' }],
  ['auth-token-requires-transit-encryption', { ...valid, AuthToken: 'abcdefghijklmnop1234' }],
  ['network-type-version', { ...redisTls, EngineVersion: '6.0', CacheParameterGroupName: 'default.redis6.x' }],
  ['unknown-parameter', { ...valid, CacheParameterGroup: 'default.redis7' }],
  ['missing-parameter', { Engine: 'redis' }],
];

const jsonLs = getLanguageService({});
jsonLs.configure({ validate: true, allowComments: false, schemas: [{ uri: 'elasticache://schemas/model.json', fileMatch: ['*.elasticache.json'], schema: createCacheClusterModelSchema() as never }] });
let version = 0;
async function schemaProblems(input: object): Promise<string[]> {
  const doc = TextDocument.create('file:///t/input.elasticache.json', 'json', ++version, JSON.stringify(input, null, 2));
  return (await jsonLs.doValidation(doc, jsonLs.parseJSONDocument(doc))).map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
}
const codesOf = (input: object) => analyze(JSON.stringify(input, null, 2), 'json').findings.filter((f) => f.code !== 'auth-token-in-file').map((f) => f.code);

test('the model schema accepts what the language service accepts', async () => {
  for (const [name, input] of Object.entries(accepted)) {
    assert.deepEqual(codesOf(input), [], name);
    assert.deepEqual(await schemaProblems(input), [], name);
  }
});

/** The top-level member of the input JSON text holding `offset`; '' for the object itself (its braces, a rule across members). */
function memberAt(text: string, offset: number): string {
  for (const property of parseTree(text)?.children ?? []) {
    if (offset >= property.offset && offset < property.offset + property.length) return String(property.children?.[0]?.value);
  }
  return '';
}

/** Where JSON-LS with the model schema reports problems in `input`: the top-level members ('' for the object). */
async function schemaProblemMembers(input: object): Promise<string[]> {
  const text = JSON.stringify(input, null, 2);
  const doc = TextDocument.create('file:///t/input.elasticache.json', 'json', ++version, text);
  return (await jsonLs.doValidation(doc, jsonLs.parseJSONDocument(doc))).map((d) => memberAt(text, doc.offsetAt(d.range.start)));
}

test('the model schema rejects each input the language service reports, on the same member (or the object, for a rule across members)', async () => {
  for (const [code, input] of rejected) {
    const label = `${code}: ${JSON.stringify(input)}`;
    const text = JSON.stringify(input, null, 2);
    const findings = analyze(text, 'json').findings.filter((f) => f.code !== 'auth-token-in-file');
    const ours = findings.filter((f) => f.code === code).map((f) => memberAt(text, f.span.start));
    assert.ok(ours.length > 0, `language service: ${label} → ${findings.map((f) => f.code)}`);
    const schema = await schemaProblemMembers(input);
    assert.ok(schema.some((member) => member === '' || ours.includes(member)), `schema: ${label} → members ${JSON.stringify(schema)}, ours ${JSON.stringify(ours)}`);
    // Nothing the language service finds no fault with: every schema problem is on a member it reports, or the object.
    const reported = new Set(findings.map((f) => memberAt(text, f.span.start)));
    for (const member of schema) assert.ok(member === '' || reported.has(member), `schema only: ${member} in ${label}`);
  }
});

test('on the seed the model schema finds what the language service finds; the service-model schema one of them', async () => {
  const seed = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'bench', 'fixtures', 'seed.elasticache.json'), 'utf8')) as object;
  assert.deepEqual(codesOf(seed).sort(), ['engine-version-support', 'snapshot-arn', 'unknown-parameter']);
  const problems = await schemaProblems(seed);
  assert.ok(problems.some((m) => m.includes('CacheParameterGroup is not allowed')));
  assert.ok(problems.some((m) => m.includes('"7.1"'))); // EngineVersion 3.2.4: not among the versions offered
  assert.ok(problems.some((m) => m.includes('pattern') && m.includes(':s3:::'))); // the ARN's bucket
  const thin = getLanguageService({});
  thin.configure({ validate: true, allowComments: false, schemas: [{ uri: 'elasticache://schemas/shapes.json', fileMatch: ['*.elasticache.json'], schema: cliInputJsonSchema() as never }] });
  const doc = TextDocument.create('file:///t/seed.elasticache.json', 'json', 1, JSON.stringify(seed));
  assert.equal((await thin.doValidation(doc, thin.parseJSONDocument(doc))).length, 1);
});
