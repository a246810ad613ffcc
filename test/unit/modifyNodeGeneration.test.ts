// A Modify request's CacheNodeType is the type to scale to: a previous-generation one gets the create's warning,
// worded for scaling (not recommended; existing clusters are still supported), with a current-generation example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt } from './helpers';

const HOST = 'https://elasticache.us-east-1.amazonaws.com/';
const query = (action: string, ...params: string[]) => `${HOST}?${[`Action=${action}`, 'Version=2015-02-02', ...params].join('&')}\n`;
const cluster = (...params: string[]) => query('ModifyCacheCluster', 'CacheClusterId=my-cluster', ...params);
const group = (...params: string[]) => query('ModifyReplicationGroup', 'ReplicationGroupId=my-rg', ...params);

test('previous-generation-node-type on ModifyCacheCluster / ModifyReplicationGroup: scaling to a previous-generation type is a warning', () => {
  for (const text of [cluster('CacheNodeType=cache.m3.large', 'ApplyImmediately=true'), group('CacheNodeType=cache.m3.large')]) {
    const found = findingsAt(text, 'query');
    assert.deepEqual(found.map((f) => [f.code, f.severity, f.at]), [['previous-generation-node-type', 'warning', 'cache.m3.large']]);
    assert.equal(found[0].finding.message, 'cache.m3.large is a previous-generation node type: AWS does not recommend it (existing clusters are still supported, new ones cannot use it). Scale to a current-generation type (e.g. cache.m7g.large).');
  }
  // No current-generation type of the purpose and size: no example.
  assert.equal(findingsAt(group('CacheNodeType=cache.c1.xlarge'), 'query')[0].finding.message, 'cache.c1.xlarge is a previous-generation node type: AWS does not recommend it (existing clusters are still supported, new ones cannot use it). Scale to a current-generation type.');
});

test('previous-generation-node-type on a Modify: silent for current-generation types', () => {
  assert.deepEqual(findingsAt(cluster('CacheNodeType=cache.m7g.large'), 'query'), []);
  assert.deepEqual(findingsAt(group('CacheNodeType=cache.t2.micro'), 'query'), []);
});
