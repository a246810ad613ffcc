// replicationGroupNodes: the node groups and nodes a CreateReplicationGroup request makes (the Local endpoint creates
// that many; the billing confirmation names that many). createActionOf: the requests the extension creates from a file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterModeReasons, replicationGroupNodes } from '../../server/src/model/replicationGroupNodes';
import { createActionOf } from '../../server/src/service/createActions';

test('one node group: NumCacheClusters, else its replicas plus the primary, else 1', () => {
  assert.deepEqual(replicationGroupNodes({}), { nodeGroups: 1, nodes: 1 });
  assert.deepEqual(replicationGroupNodes({ NumCacheClusters: 3 }), { nodeGroups: 1, nodes: 3 });
  assert.deepEqual(replicationGroupNodes({ ReplicasPerNodeGroup: 2 }), { nodeGroups: 1, nodes: 3 });
  assert.deepEqual(replicationGroupNodes({ ReplicasPerNodeGroup: 0 }), { nodeGroups: 1, nodes: 1 });
  // A node group's own ReplicaCount before ReplicasPerNodeGroup.
  assert.deepEqual(replicationGroupNodes({ ReplicasPerNodeGroup: 1, NodeGroupConfiguration: [{ ReplicaCount: 4 }] }), { nodeGroups: 1, nodes: 5 });
});

test('several node groups: each primary and its replicas; unknown without a replica count for every group', () => {
  assert.deepEqual(replicationGroupNodes({ NumNodeGroups: 3, ReplicasPerNodeGroup: 1, NumCacheClusters: 6 }), { nodeGroups: 3, nodes: 6 });
  assert.deepEqual(replicationGroupNodes({ NodeGroupConfiguration: [{ ReplicaCount: 2 }, { ReplicaCount: 0 }] }), { nodeGroups: 2, nodes: 4 });
  assert.deepEqual(replicationGroupNodes({ NumNodeGroups: 2 }), { nodeGroups: 2 });
});

test('createActionOf: a Query request by its action; a CLI input file is create-cache-cluster input', () => {
  assert.equal(createActionOf({ action: { name: 'CreateReplicationGroup', span: { start: 0, end: 0 } } }, 'query'), 'CreateReplicationGroup');
  assert.equal(createActionOf({ action: { name: 'CreateCacheCluster', span: { start: 0, end: 0 } } }, 'query'), 'CreateCacheCluster');
  assert.equal(createActionOf({ action: { name: 'DescribeReplicationGroups', span: { start: 0, end: 0 } } }, 'query'), undefined);
  assert.equal(createActionOf({}, 'query'), undefined);
  assert.equal(createActionOf({}, 'json'), 'CreateCacheCluster');
  assert.equal(createActionOf({ action: { name: 'CreateReplicationGroup', span: { start: 0, end: 0 } } }, 'yaml'), undefined);
});

test('clusterModeReasons: what makes a replication group cluster mode enabled, each named (Local refuses them; the picker says so)', () => {
  assert.deepEqual(clusterModeReasons({ CacheParameterGroupName: 'default.redis7.cluster.on', NumNodeGroups: 2 }), ['the parameter group default.redis7.cluster.on enables it', 'NumNodeGroups is 2']);
  assert.deepEqual(clusterModeReasons({ NodeGroupConfiguration: [{ ReplicaCount: 1 }, { ReplicaCount: 1 }] }), ['NodeGroupConfiguration has 2 node groups']);
  assert.deepEqual(clusterModeReasons({ ClusterMode: 'compatible' }), ['ClusterMode is compatible']);
  assert.deepEqual(clusterModeReasons({ ClusterMode: 'enabled' }), ['ClusterMode is enabled']);
  // Clean: cluster mode disabled, however it is written (one node group, a disabled ClusterMode, a plain group).
  assert.deepEqual(clusterModeReasons({}), []);
  assert.deepEqual(clusterModeReasons({ CacheParameterGroupName: 'default.redis7', NumCacheClusters: 3, NumNodeGroups: 1, NodeGroupConfiguration: [{ ReplicaCount: 2 }], ClusterMode: 'disabled' }), []);
});
