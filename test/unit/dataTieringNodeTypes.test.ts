// R6gd (data tiering) node types are for replication groups only (facts.ts, NodeTypeFamily.replicationGroupOnly):
// the one fact drives the linter, completion, the create wizard and the Local endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wizardRules } from '../../client/src/wizardRules';
import { DATA_TIERING_NODE_FAMILY, NODE_TYPE_FAMILIES } from '../../server/src/model/facts';
import { validateRequest } from '../../local/src/validation';
import { complete } from '../../server/src/service/completion';
import { hover } from '../../server/src/service/hover';
import { checkCreateCacheCluster, checkCreateReplicationGroup } from '../../server/src/service/index';
import { findingsAt } from './helpers';

// The reviewer's file (/work/review-scratch/f/r6gd.elasticache).
const R6GD_QUERY = [
  'https://elasticache.us-east-1.amazonaws.com/',
  '    ?Action=CreateCacheCluster',
  '    &Version=2015-02-02',
  '    &CacheClusterId=a',
  '    &Engine=redis',
  '    &EngineVersion=7.1',
  '    &CacheNodeType=cache.r6gd.xlarge',
  '',
].join('\n');

test('node-type-replication-group: an r6gd node type in CreateCacheCluster is an error on the value, saying what to use', () => {
  const found = findingsAt(R6GD_QUERY, 'query');
  assert.deepEqual(found.map((f) => `${f.code}@${f.at}`), ['node-type-replication-group@cache.r6gd.xlarge']);
  assert.equal(found[0].severity, 'error');
  assert.match(found[0].finding.message, /only for replication groups.*CreateReplicationGroup.*DataTieringEnabled=true/);
  // Who can use r6gd and what to use instead both come from the facts: the family's engines and minimum version, and
  // a current-generation memory-optimized family of the same size.
  assert.match(found[0].finding.message, /Create a Valkey or Redis OSS 6\.2\+ replication group .* \(e\.g\. cache\.r7g\.xlarge\)\.$/);
  const larger = findingsAt(R6GD_QUERY.replace('r6gd.xlarge', 'r6gd.16xlarge'), 'query');
  assert.match(larger[0].finding.message, /\(e\.g\. cache\.r7g\.16xlarge\)\.$/);
  // Clean: another node type; and r6gd in a replication group with data tiering on.
  assert.deepEqual(findingsAt(R6GD_QUERY.replace('r6gd.xlarge', 'r7g.xlarge'), 'query').map((f) => f.code), []);
  const rg = checkCreateReplicationGroup({ ReplicationGroupId: 'a', ReplicationGroupDescription: 'a', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.r6gd.xlarge', DataTieringEnabled: true });
  assert.deepEqual(rg.map((i) => i.code), []);
  // The JSON and YAML forms, and one finding only (not a version finding as well) for an older version.
  for (const [text, kind, at] of [
    ['{ "CacheClusterId": "a", "Engine": "valkey", "CacheNodeType": "cache.r6gd.2xlarge" }', 'json', '"cache.r6gd.2xlarge"'],
    ['CacheClusterId: a\nEngine: redis\nEngineVersion: "6.0"\nCacheNodeType: cache.r6gd.2xlarge\n', 'yaml', 'cache.r6gd.2xlarge'],
  ] as const) {
    assert.deepEqual(findingsAt(text, kind).filter((f) => f.code.startsWith('node-type')).map((f) => `${f.code}@${f.at}`), [`node-type-replication-group@${at}`], kind);
  }
  // Memcached cannot use r6gd at all: that finding, not this one as well.
  assert.deepEqual(checkCreateCacheCluster({ Engine: 'memcached', CacheNodeType: 'cache.r6gd.xlarge' }).map((i) => i.code), ['node-type-engine']);
});

test('completion leaves r6gd out for CreateCacheCluster and offers it for CreateReplicationGroup', () => {
  const offered = (text: string) => complete(text, text.length, 'query').map((c) => c.label);
  const cluster = offered('Action=CreateCacheCluster&Engine=redis&CacheNodeType=');
  assert.ok(cluster.includes('cache.r7g.xlarge') && !cluster.some((l) => l.includes('.r6gd.')), cluster.join(','));
  const group = offered('Action=CreateReplicationGroup&Engine=redis&CacheNodeType=');
  assert.ok(group.includes('cache.r6gd.xlarge'), group.join(','));
  const json = '{ "Engine": "valkey", "CacheNodeType": ';
  assert.ok(!complete(json, json.length, 'json').some((c) => c.label.includes('.r6gd.')));
});

test('the create wizard (CreateCacheCluster) does not offer r6gd node types', () => {
  for (const engine of ['valkey', 'redis']) {
    const types = wizardRules.nodeTypes(engine);
    assert.ok(types.includes('cache.r7g.xlarge') && !types.some((t) => t.includes('.r6gd.')), `${engine}: ${types.join(',')}`);
  }
});

test('the Local endpoint refuses an r6gd CreateCacheCluster with the linter message', () => {
  const form = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&EngineVersion=7.1&CacheNodeType=cache.r6gd.xlarge';
  const error = validateRequest(form);
  assert.ok(error, 'refused');
  assert.match(error.message, /only for replication groups/);
  assert.equal(validateRequest(form.replace('r6gd', 'r7g')), undefined);
});

test('hover on an r6gd node type says it is for replication groups only; other node types do not', () => {
  const text = R6GD_QUERY;
  const r6gd = hover(text, text.indexOf('cache.r6gd') + 3, 'query')!;
  assert.match(r6gd.markdown, /replication groups only \(CreateReplicationGroup with DataTieringEnabled\), not CreateCacheCluster/);
  const other = text.replace('r6gd.xlarge', 'r7g.xlarge');
  assert.doesNotMatch(hover(other, other.indexOf('cache.r7g') + 3, 'query')!.markdown, /replication groups only/);
});

test('the data-tiering family is the one replication-groups-only family (DATA_TIERING_NODE_FAMILY is derived from the flag)', () => {
  // The data-tiering rule (CreateReplicationGroup) and the CreateCacheCluster rule read one fact: if a second family
  // became replication-groups-only for another reason, the derivation would need revisiting, and this fails.
  assert.deepEqual(NODE_TYPE_FAMILIES.filter((f) => f.replicationGroupOnly).map((f) => f.family), ['r6gd']);
  assert.equal(DATA_TIERING_NODE_FAMILY, 'r6gd');
  const off = checkCreateReplicationGroup({ ReplicationGroupId: 'a', ReplicationGroupDescription: 'a', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.r6gd.xlarge' });
  assert.deepEqual(off.map((i) => i.code), ['data-tiering']);
});
