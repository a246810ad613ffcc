// network-type-node-type: IPv6 (NetworkType ipv6/dual_stack, IpDiscovery ipv6) on a node type not built on the Nitro
// System, in every form and on both create actions (rules.ts checkNetworkTypeNodeType; facts: NodeTypeFamily.nitro).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCreateCacheCluster, checkCreateReplicationGroup } from '../../server/src/service/index';
import { NODE_TYPE_FAMILIES, nitroAlternative } from '../../server/src/model/facts';
import { body, findingsAt } from './helpers';

const base = { CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t2.micro', NumCacheNodes: 1, CacheSubnetGroupName: 'my-subnets' };
const onNetworkType = (text: string, kind: 'query' | 'json' | 'yaml') => findingsAt(text, kind).filter((f) => f.code === 'network-type-node-type').map((f) => [f.severity, f.at.replace(/"/g, '')]);

test('network-type-node-type: dual_stack on cache.t2.micro is a warning on the value, naming the node type and a Nitro type of its size', () => {
  const [issue, ...rest] = checkCreateCacheCluster({ ...base, NetworkType: 'dual_stack' }).filter((i) => i.code === 'network-type-node-type');
  assert.equal(rest.length, 0);
  assert.equal(issue.severity, 'warning');
  assert.deepEqual(issue.path, ['NetworkType']);
  assert.equal(issue.message, 'cache.t2.micro is not built on the AWS Nitro System, and ElastiCache supports IPv6 (NetworkType dual_stack) only on node types that are: choose cache.t4g.micro, or use ipv4.');
  assert.equal(issue.awsError, undefined, 'a warning: ElastiCache lists no node types by system, so the local endpoint does not refuse it');
});

test('network-type-node-type: Query, JSON and YAML alike; IpDiscovery ipv6 too; m4 and r4 get their Nitro kin', () => {
  assert.deepEqual(onNetworkType(body({ ...base, NetworkType: 'ipv6' }), 'query'), [['warning', 'ipv6']]);
  assert.deepEqual(onNetworkType(JSON.stringify({ ...base, NetworkType: 'dual_stack' }), 'json'), [['warning', 'dual_stack']]);
  assert.deepEqual(onNetworkType('CacheClusterId: my-cluster\nEngine: memcached\nEngineVersion: 1.6.22\nCacheNodeType: cache.m4.large\nNumCacheNodes: 2\nIpDiscovery: ipv6\n', 'yaml'), [['warning', 'ipv6']]);
  const m4 = checkCreateCacheCluster({ ...base, CacheNodeType: 'cache.m4.10xlarge', NetworkType: 'ipv6' }).find((i) => i.code === 'network-type-node-type')!;
  assert.match(m4.message, /choose a cache\.m7g node type, or use ipv4\.$/, 'm7g has no 10xlarge: the family, not a size it lacks');
  const rg = checkCreateReplicationGroup({ ReplicationGroupId: 'my-rg', ReplicationGroupDescription: 'd', Engine: 'valkey', EngineVersion: '8.0', CacheNodeType: 'cache.r4.large', NetworkType: 'dual_stack' });
  assert.match(rg.find((i) => i.code === 'network-type-node-type')!.message, /^cache\.r4\.large is not built on the AWS Nitro System.*choose cache\.r7g\.large, or use ipv4\.$/);
});

test('network-type-node-type: clean on a Nitro node type, with ipv4, and without a node type', () => {
  for (const nodeType of ['cache.t4g.micro', 'cache.t3.micro', 'cache.m5.large', 'cache.r6g.large', 'cache.c7gn.large']) {
    assert.deepEqual(onNetworkType(body({ ...base, CacheNodeType: nodeType, NetworkType: 'dual_stack' }), 'query'), [], nodeType);
  }
  assert.deepEqual(onNetworkType(body({ ...base, NetworkType: 'ipv4', IpDiscovery: 'ipv4' }), 'query'), []);
  const { CacheNodeType: _, ...noNodeType } = base;
  assert.deepEqual(onNetworkType(JSON.stringify({ ...noNodeType, NetworkType: 'ipv6' }), 'json'), []);
  // A previous-generation type has its own finding (no new clusters at all): not this one as well.
  assert.deepEqual(checkCreateCacheCluster({ ...base, CacheNodeType: 'cache.m3.medium', NetworkType: 'ipv6' }).map((i) => i.code).filter((c) => c.startsWith('network-type') || c.startsWith('previous')), ['previous-generation-node-type']);
});

test('every current non-Nitro family has a Nitro family of its kind to name', () => {
  for (const family of NODE_TYPE_FAMILIES.filter((f) => f.generation === 'current' && !f.nitro)) {
    const alternative = nitroAlternative(family);
    assert.ok(alternative?.nitro && alternative.family[0] === family.family[0], family.family);
  }
});

// ModifyCacheCluster and ModifyReplicationGroup take IpDiscovery and CacheNodeType; their IpDiscovery is supported "on
// all instances built on the Nitro system" as well (API_ModifyCacheCluster, API_ModifyReplicationGroup).
const HOST = 'https://elasticache.us-east-1.amazonaws.com/';
const modify = (action: string, ...params: string[]) => `${HOST}?${[`Action=${action}`, 'Version=2015-02-02', ...params].join('&')}\n`;

test('network-type-node-type: ModifyCacheCluster and ModifyReplicationGroup with IpDiscovery=ipv6 and a non-Nitro CacheNodeType', () => {
  const cluster = modify('ModifyCacheCluster', 'CacheClusterId=my-cluster', 'CacheNodeType=cache.t2.small', 'IpDiscovery=ipv6');
  const [finding, ...rest] = findingsAt(cluster, 'query').filter((f) => f.code === 'network-type-node-type');
  assert.equal(rest.length, 0);
  assert.equal(finding.at, 'ipv6');
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.finding.message, 'cache.t2.small is not built on the AWS Nitro System, and ElastiCache supports IPv6 (IpDiscovery ipv6) only on node types that are: choose cache.t4g.small, or use ipv4.');
  const group = modify('ModifyReplicationGroup', 'ReplicationGroupId=my-rg', 'IpDiscovery=ipv6', 'CacheNodeType=cache.r4.xlarge');
  assert.deepEqual(onNetworkType(group, 'query'), [['warning', 'ipv6']]);
});

test('network-type-node-type: clean on a Modify request with a Nitro node type, ipv4, or no node type given', () => {
  assert.deepEqual(onNetworkType(modify('ModifyCacheCluster', 'CacheClusterId=my-cluster', 'CacheNodeType=cache.t4g.small', 'IpDiscovery=ipv6'), 'query'), []);
  assert.deepEqual(onNetworkType(modify('ModifyReplicationGroup', 'ReplicationGroupId=my-rg', 'CacheNodeType=cache.r4.xlarge', 'IpDiscovery=ipv4'), 'query'), []);
  // Without CacheNodeType the cluster keeps a node type the request does not show: nothing to judge.
  assert.deepEqual(onNetworkType(modify('ModifyCacheCluster', 'CacheClusterId=my-cluster', 'IpDiscovery=ipv6'), 'query'), []);
  // Scaling to a non-Nitro type without asking for IPv6 is not this rule's concern.
  assert.deepEqual(onNetworkType(modify('ModifyCacheCluster', 'CacheClusterId=my-cluster', 'CacheNodeType=cache.t2.small'), 'query'), []);
});
