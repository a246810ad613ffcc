// Replication groups (cluster mode disabled) on the local endpoint, with the AWS SDK for JavaScript v3 and a real
// Redis client: the primary and each replica are real nodes, and what is written on the primary is read on a replica.
import {
  AddTagsToResourceCommand,
  CreateCacheClusterCommand,
  CreateReplicationGroupCommand,
  DeleteCacheClusterCommand,
  DeleteReplicationGroupCommand,
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheServiceException,
  ListTagsForResourceCommand,
  waitUntilReplicationGroupAvailable,
  waitUntilReplicationGroupDeleted,
  type ElastiCacheClient,
  type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'redis';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { alive, eventually, killRecordedAndRemove, portOpen, recordedPids, sdkClient, tempDataDir } from './helpers';

const authToken = 'replication-group-test-token-0123456789';

async function expectError(promise: Promise<unknown>, name: string, status: number): Promise<ElastiCacheServiceException> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ElastiCacheServiceException, `expected a service exception, got ${String(err)}`);
    assert.equal(err.name, name, err.message);
    assert.equal(err.$metadata.httpStatusCode, status);
    return err;
  }
  assert.fail(`expected ${name}`);
}

async function waitGroupAvailable(client: ElastiCacheClient, id: string): Promise<ReplicationGroup> {
  await waitUntilReplicationGroupAvailable({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { ReplicationGroupId: id });
  return (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups![0];
}

async function connect(port: number, tlsCa?: Buffer, password?: string) {
  const redis = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false, ...(tlsCa ? { tls: true as const, ca: tlsCa } : {}) }, password });
  redis.on('error', () => {});
  await redis.connect();
  return redis;
}

type Redis = Awaited<ReturnType<typeof connect>>;

/** Writes a key on the primary and waits until the replica has it (replication is asynchronous). */
async function replicates(primary: Redis, replica: Redis, key: string, value: string): Promise<void> {
  await primary.set(key, value);
  await eventually(`${key} on the replica`, async () => (await replica.get(key)) === value, 15_000);
}

describe('local endpoint: CreateReplicationGroup (cluster mode disabled)', { timeout: 180_000 }, () => {
  let dataDir: string;
  let endpoint: LocalEndpoint;
  let client: ElastiCacheClient;

  before(async () => {
    dataDir = tempDataDir();
    endpoint = await startLocalEndpoint({ port: 0, dataDir });
    client = sdkClient(endpoint.url);
  });

  after(async () => {
    const pids = recordedPids(dataDir);
    await endpoint?.stop();
    killRecordedAndRemove(dataDir, pids);
  });

  test('a primary and two replicas: member clusters, endpoints and roles as AWS describes them; replication works', async () => {
    const created = await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'Orders',
        ReplicationGroupDescription: 'orders cache',
        Engine: 'redis',
        CacheNodeType: 'cache.t3.micro',
        NumCacheClusters: 3,
        AutomaticFailoverEnabled: true,
        PreferredCacheClusterAZs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        Tags: [{ Key: 'team', Value: 'orders' }],
      }),
    );
    // Stored in lowercase, and `creating` until every node answers, as on AWS.
    assert.equal(created.ReplicationGroup?.ReplicationGroupId, 'orders');
    assert.equal(created.ReplicationGroup?.Status, 'creating');
    assert.deepEqual(created.ReplicationGroup?.MemberClusters, ['orders-001', 'orders-002', 'orders-003']);

    const group = await waitGroupAvailable(client, 'orders');
    assert.equal(group.Status, 'available');
    assert.equal(group.Description, 'orders cache');
    assert.equal(group.AutomaticFailover, 'enabled');
    assert.equal(group.ClusterEnabled, false);
    assert.equal(group.ClusterMode, 'disabled');
    assert.equal(group.Engine, 'redis');
    assert.equal(group.ARN, 'arn:aws:elasticache:us-east-1:000000000000:replicationgroup:orders');
    assert.equal(group.NodeGroups?.length, 1);
    const [nodeGroup] = group.NodeGroups!;
    assert.equal(nodeGroup.NodeGroupId, '0001');
    assert.deepEqual(
      nodeGroup.NodeGroupMembers?.map((m) => [m.CacheClusterId, m.CacheNodeId, m.CurrentRole, m.PreferredAvailabilityZone]),
      [
        ['orders-001', '0001', 'primary', 'us-east-1a'],
        ['orders-002', '0001', 'replica', 'us-east-1b'],
        ['orders-003', '0001', 'replica', 'us-east-1c'],
      ],
    );
    const primaryPort = nodeGroup.PrimaryEndpoint!.Port!;
    assert.equal(primaryPort, nodeGroup.NodeGroupMembers![0].ReadEndpoint!.Port);
    assert.equal(nodeGroup.ReaderEndpoint!.Port, nodeGroup.NodeGroupMembers![1].ReadEndpoint!.Port);

    // The member clusters are clusters: DescribeCacheClusters lists them with their group.
    const listed = (await client.send(new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true }))).CacheClusters!.filter((c) => c.ReplicationGroupId === 'orders');
    assert.deepEqual(listed.map((c) => [c.CacheClusterId, c.CacheClusterStatus, c.NumCacheNodes]), [
      ['orders-001', 'available', 1],
      ['orders-002', 'available', 1],
      ['orders-003', 'available', 1],
    ]);
    const standaloneOnly = (await client.send(new DescribeCacheClustersCommand({ ShowCacheClustersNotInReplicationGroups: true }))).CacheClusters ?? [];
    assert.ok(!standaloneOnly.some((c) => c.ReplicationGroupId), 'ShowCacheClustersNotInReplicationGroups leaves the members out');

    // Written on the primary, read on each replica; a replica refuses writes.
    const primary = await connect(primaryPort);
    const replicas = await Promise.all(nodeGroup.NodeGroupMembers!.slice(1).map((m) => connect(m.ReadEndpoint!.Port!)));
    try {
      for (const replica of replicas) await replicates(primary, replica, 'order:1', 'paid');
      assert.equal((await replicas[0].info('replication')).match(/role:(\w+)/)?.[1], 'slave');
      await assert.rejects(replicas[0].set('order:2', 'x'), /READONLY/);
    } finally {
      await primary.quit();
      for (const r of replicas) await r.quit();
    }

    // Tags live on the group's ARN.
    await client.send(new AddTagsToResourceCommand({ ResourceName: group.ARN, Tags: [{ Key: 'env', Value: 'dev' }] }));
    assert.deepEqual((await client.send(new ListTagsForResourceCommand({ ResourceName: group.ARN }))).TagList, [
      { Key: 'team', Value: 'orders' },
      { Key: 'env', Value: 'dev' },
    ]);

    // DeleteCacheCluster is not valid for the primary, nor the last read replica, of a replication group.
    const refused = await expectError(client.send(new DeleteCacheClusterCommand({ CacheClusterId: 'orders-001' })), 'InvalidCacheClusterStateFault', 400);
    assert.match(refused.message, /orders-001 is the primary of replication group orders.*delete the replication group orders/);
    // Another replica can go on its own: the group keeps the primary and one replica.
    await client.send(new DeleteCacheClusterCommand({ CacheClusterId: 'orders-003' }));
    await eventually('orders-003 gone from the group', async () => {
      const g = (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders' }))).ReplicationGroups![0];
      return g.MemberClusters?.join() === 'orders-001,orders-002';
    });
    await expectError(client.send(new DeleteCacheClusterCommand({ CacheClusterId: 'orders-002' })), 'InvalidCacheClusterStateFault', 400);

    const pids = recordedPids(dataDir);
    const deleting = await client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'orders' }));
    assert.equal(deleting.ReplicationGroup?.Status, 'deleting');
    await waitUntilReplicationGroupDeleted({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { ReplicationGroupId: 'orders' });
    await expectError(client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders' })), 'ReplicationGroupNotFoundFault', 404);
    await expectError(client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'orders-001' })), 'CacheClusterNotFoundFault', 404);
    assert.equal(await portOpen(primaryPort), false, 'the primary node was stopped');
    assert.ok(recordedPids(dataDir).every((p) => !pids.includes(p) || !alive(p)));
  });

  test('Valkey with transit encryption and an AuthToken: the replica syncs over TLS with the token', async () => {
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'secure',
        ReplicationGroupDescription: 'tls',
        Engine: 'valkey',
        CacheSubnetGroupName: 'default',
        ReplicasPerNodeGroup: 1,
        TransitEncryptionEnabled: true,
        AuthToken: authToken,
      }),
    );
    const group = await waitGroupAvailable(client, 'secure');
    assert.equal(group.TransitEncryptionEnabled, true);
    assert.equal(group.AuthTokenEnabled, true);
    assert.equal(group.AtRestEncryptionEnabled, true, "Valkey's default (API reference, AtRestEncryptionEnabled)");
    assert.deepEqual(group.MemberClusters, ['secure-001', 'secure-002']);
    const ca = readFileSync(endpoint.tlsCaFile);
    const [nodeGroup] = group.NodeGroups!;
    const primary = await connect(nodeGroup.PrimaryEndpoint!.Port!, ca, authToken);
    const replica = await connect(nodeGroup.ReaderEndpoint!.Port!, ca, authToken);
    try {
      await replicates(primary, replica, 'secret', 'kept');
    } finally {
      await primary.quit();
      await replica.quit();
    }
    // The token is in no state file.
    assert.doesNotMatch(readFileSync(`${dataDir}/state.json`, 'utf8'), new RegExp(authToken));
    // RetainPrimaryCluster: the replicas go, the primary stays as a cluster of its own.
    await client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'secure', RetainPrimaryCluster: true }));
    await waitUntilReplicationGroupDeleted({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { ReplicationGroupId: 'secure' });
    const kept = (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'secure-001' }))).CacheClusters![0];
    assert.equal(kept.CacheClusterStatus, 'available');
    assert.equal(kept.ReplicationGroupId, undefined);
    await expectError(client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'secure-002' })), 'CacheClusterNotFoundFault', 404);
    await client.send(new DeleteCacheClusterCommand({ CacheClusterId: 'secure-001' }));
  });

  test('a group outlives an endpoint restart: its members come back on their ports, the replica still copies the primary', async () => {
    await client.send(new CreateReplicationGroupCommand({ ReplicationGroupId: 'durable', ReplicationGroupDescription: 'd', Engine: 'redis', NumCacheClusters: 2 }));
    const before = await waitGroupAvailable(client, 'durable');
    await endpoint.stop();
    endpoint = await startLocalEndpoint({ port: 0, dataDir });
    client = sdkClient(endpoint.url);
    const after = (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'durable' }))).ReplicationGroups![0];
    assert.equal(after.Status, 'available');
    assert.deepEqual(after.NodeGroups, before.NodeGroups);
    const primary = await connect(after.NodeGroups![0].PrimaryEndpoint!.Port!);
    const replica = await connect(after.NodeGroups![0].ReaderEndpoint!.Port!);
    try {
      await replicates(primary, replica, 'after-restart', 'yes');
    } finally {
      await primary.quit();
      await replica.quit();
    }
    await client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'durable' }));
    await waitUntilReplicationGroupDeleted({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { ReplicationGroupId: 'durable' });
  });

  test('cluster mode enabled is refused, saying Local does not run it; the linter refuses what it refuses', async () => {
    const clusterOn = await expectError(
      client.send(new CreateReplicationGroupCommand({ ReplicationGroupId: 'sharded', ReplicationGroupDescription: 'x', Engine: 'redis', CacheParameterGroupName: 'default.redis7.cluster.on', NumNodeGroups: 2, ReplicasPerNodeGroup: 1 })),
      'InvalidParameterCombinationException',
      400,
    );
    assert.match(clusterOn.message, /does not run cluster mode \(the parameter group default\.redis7\.cluster\.on enables it; NumNodeGroups is 2\)/);
    // The language service's own rule: several shards need a cluster-mode parameter group (replication-group-shards).
    const shards = await expectError(
      client.send(new CreateReplicationGroupCommand({ ReplicationGroupId: 'sharded', ReplicationGroupDescription: 'x', Engine: 'redis', CacheParameterGroupName: 'default.redis7', NumNodeGroups: 2 })),
      'InvalidParameterCombinationException',
      400,
    );
    assert.doesNotMatch(shards.message, /local endpoint/);
    assert.match(shards.message, /NumNodeGroups 2 needs cluster mode, but default\.redis7 is a cluster-mode-disabled parameter group/);
    // Memcached is not an engine of replication groups (invalid-engine), and at most 6 nodes (replication-group-nodes).
    await expectError(client.send(new CreateReplicationGroupCommand({ ReplicationGroupId: 'mc', ReplicationGroupDescription: 'x', Engine: 'memcached' })), 'InvalidParameterValueException', 400);
    await expectError(client.send(new CreateReplicationGroupCommand({ ReplicationGroupId: 'big', ReplicationGroupDescription: 'x', Engine: 'redis', NumCacheClusters: 7 })), 'InvalidParameterValueException', 400);
    const groups = (await client.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups ?? [];
    assert.deepEqual(groups.map((g) => g.ReplicationGroupId), [], 'nothing was created');
  });

  test('DescribeReplicationGroups pages with MaxRecords and Marker; an unknown group is ReplicationGroupNotFoundFault', async () => {
    await expectError(client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'nope' })), 'ReplicationGroupNotFoundFault', 404);
    await expectError(client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'nope' })), 'ReplicationGroupNotFoundFault', 404);
    const ids = Array.from({ length: 21 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
    for (const id of ids) await client.send(new CreateReplicationGroupCommand({ ReplicationGroupId: id, ReplicationGroupDescription: 'p', Engine: 'redis' }));
    const first = await client.send(new DescribeReplicationGroupsCommand({ MaxRecords: 20 }));
    assert.equal(first.ReplicationGroups?.length, 20);
    assert.ok(first.Marker);
    const second = await client.send(new DescribeReplicationGroupsCommand({ MaxRecords: 20, Marker: first.Marker }));
    assert.deepEqual([...first.ReplicationGroups!, ...second.ReplicationGroups!].map((g) => g.ReplicationGroupId), ids);
    assert.equal(second.Marker, undefined);
    for (const id of ids) await waitGroupAvailable(client, id);
    await Promise.all(ids.map((id) => client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: id }))));
  });
});

describe('local endpoint: two creates of one ID at once', { timeout: 120_000 }, () => {
  let dataDir: string;
  let endpoint: LocalEndpoint;

  before(async () => {
    dataDir = tempDataDir();
    endpoint = await startLocalEndpoint({ port: 0, dataDir });
  });

  after(async () => {
    const pids = recordedPids(dataDir);
    await endpoint?.stop();
    killRecordedAndRemove(dataDir, pids);
  });

  test('one is created, the other is ReplicationGroupAlreadyExists; the group that exists replicates', async () => {
    const client = sdkClient(endpoint.url);
    const create = () => client.send(new CreateReplicationGroupCommand({ ReplicationGroupId: 'twice', ReplicationGroupDescription: 't', Engine: 'redis', NumCacheClusters: 2 }));
    const results = await Promise.allSettled([create(), create()]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal((refused.reason as Error).name, 'ReplicationGroupAlreadyExistsFault');
    const group = await waitGroupAvailable(client, 'twice');
    const primary = await connect(group.NodeGroups![0].PrimaryEndpoint!.Port!);
    const replica = await connect(group.NodeGroups![0].ReaderEndpoint!.Port!);
    try {
      await replicates(primary, replica, 'once', 'only');
    } finally {
      await primary.quit();
      await replica.quit();
    }
  });

  test('one ID, one create: a cluster and a group naming it as a member, or two creates of one cluster, sent at once', async () => {
    const client = sdkClient(endpoint.url);
    for (const round of [0, 1]) {
      const g = `race${round}`;
      const [cluster, group] = await Promise.allSettled([
        client.send(new CreateCacheClusterCommand({ CacheClusterId: `${g}-001`, Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 })),
        client.send(new CreateReplicationGroupCommand({ ReplicationGroupId: g, ReplicationGroupDescription: 'd', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheClusters: 2 })),
      ]);
      // Exactly one wins; the other is told the ID is taken (never a 500 naming the data folder).
      assert.equal([cluster, group].filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify([cluster, group].map((r) => r.status === 'rejected' ? String(r.reason) : 'ok')));
      const loser = [cluster, group].find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.equal((loser.reason as Error).name, 'CacheClusterAlreadyExistsFault', String(loser.reason));
      const listed = (await client.send(new DescribeCacheClustersCommand({}))).CacheClusters!.filter((c) => c.CacheClusterId === `${g}-001`);
      assert.equal(listed.length, 1);
      if (group.status === 'fulfilled') await waitGroupAvailable(client, g);
      else await eventually(`${g}-001 available`, async () => (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: `${g}-001` }))).CacheClusters![0].CacheClusterStatus === 'available', 20_000);
    }
    const twice = await Promise.allSettled([0, 1].map(() => client.send(new CreateCacheClusterCommand({ CacheClusterId: 'race-same', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }))));
    assert.deepEqual(twice.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    assert.equal(((twice.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as Error).name, 'CacheClusterAlreadyExistsFault');
    await eventually('race-same available', async () => (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'race-same' }))).CacheClusters![0].CacheClusterStatus === 'available', 20_000);
  });
});
