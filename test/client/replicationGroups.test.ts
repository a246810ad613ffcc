// Replication groups in the client against the real Local endpoint: the explorer lists the member clusters as
// clusters, offers Delete Replication Group… on them and never Delete… (DeleteCacheCluster is not valid for a group's
// primary or last replica), and the group's delete confirms what goes, then removes every member.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateCacheClusterCommand, CreateReplicationGroupCommand, DeleteCacheClusterCommand, type ElastiCacheClient } from '@aws-sdk/client-elasticache';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clusterContextValue, clusterTooltip } from '../../client/src/clusterView';
import { type Connection, awsConnection, createClient } from '../../client/src/connections';
import { waitUntilAvailable, waitUntilGroupAvailable } from '../../client/src/createFromRequest';
import { type ClusterItem, ExplorerModel } from '../../client/src/explorerModel';
import { deleteReplicationGroup, describeReplicationGroup, groupDeleteQuestion, memberDeleteRefusal } from '../../client/src/replicationGroups';
import { localClientForFile, until } from './helpers';

const fixture = localClientForFile();
const { log } = fixture;

function modelFor(connections: Connection[]): ExplorerModel {
  const clients = new Map<string, Promise<ElastiCacheClient>>();
  return new ExplorerModel({
    connections: async () => connections,
    client: (c) => {
      if (!clients.has(c.id)) clients.set(c.id, createClient(c, log));
      return clients.get(c.id)!;
    },
    onDidChange: () => {},
  });
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
/** The item menu commands whose `viewItem =~` clause matches a row's contextValue. */
const offeredFor = (viewItem: string): string[] =>
  manifest.contributes.menus['view/item/context']!.filter((m) => {
    const re = /viewItem =~ \/(.*)\//.exec(m.when ?? '')?.[1];
    return re !== undefined && new RegExp(re).test(viewItem);
  }).map((m) => m.command);

/** How many DescribeReplicationGroups calls the API log has recorded so far (the Local endpoint answering each). */
const groupDescribes = (): number => log.lines.filter((l) => /^(info|error) DescribeReplicationGroups /.test(l)).length;

test('a listing of standalone clusters only asks for no replication groups, nor does the poll; their tooltips name no group', { timeout: 60_000 }, async () => {
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'alone', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
  await waitUntilAvailable(fixture.client, 'alone', { timeoutMs: 30_000, intervalMs: 50 });
  const before = groupDescribes();
  const model = modelFor([fixture.connection]);
  const [root] = await model.roots();
  const [alone] = (await model.children(root)) as ClusterItem[];
  await model.poll();
  assert.equal(alone?.cluster.CacheClusterId, 'alone');
  assert.equal(alone.role, undefined);
  assert.doesNotMatch(clusterTooltip(alone.cluster, undefined, alone.role), /Replication group/);
  assert.equal(groupDescribes(), before, 'no DescribeReplicationGroups');
});

test('member clusters are listed as clusters with their group; their menus offer Delete Replication Group…, not Delete…', { timeout: 60_000 }, async () => {
  await fixture.client.send(new CreateReplicationGroupCommand({ ReplicationGroupId: 'tree-group', ReplicationGroupDescription: 'd', Engine: 'redis', NumCacheClusters: 2 }));
  await waitUntilGroupAvailable(fixture.client, 'tree-group', { timeoutMs: 30_000, intervalMs: 50 });
  const model = modelFor([fixture.connection]);
  const [root] = await model.roots();
  const describesBefore = groupDescribes();
  const members = ((await model.children(root)) as ClusterItem[]).filter((c) => c.cluster.ReplicationGroupId === 'tree-group');
  // Each member's role, from one DescribeReplicationGroups for the whole listing; the poll asks for none.
  assert.deepEqual(members.map((m) => m.role), ['primary', 'replica']);
  await model.poll();
  assert.equal(groupDescribes() - describesBefore, 1, 'one DescribeReplicationGroups per listing');
  assert.deepEqual(members.map((m) => [m.cluster.CacheClusterId, m.cluster.CacheClusterStatus]), [
    ['tree-group-001', 'available'],
    ['tree-group-002', 'available'],
  ]);
  const viewItem = clusterContextValue(members[0]!.cluster, 'local');
  assert.equal(viewItem, 'cluster.redis.endpoint.reboot.member.deleteGroup');
  const offered = offeredFor(viewItem);
  assert.ok(offered.includes('elasticache.deleteReplicationGroup'), offered.join());
  assert.ok(!offered.includes('elasticache.deleteCluster'), offered.join());
  assert.ok(offered.includes('elasticache.rebootCluster'), 'a member reboots as a cluster does');
  // A standalone cluster keeps its own Delete… and gets no group delete.
  const standalone = clusterContextValue({ Engine: 'redis', CacheClusterStatus: 'available' }, 'local');
  assert.ok(offeredFor(standalone).includes('elasticache.deleteCluster'));
  assert.ok(!offeredFor(standalone).includes('elasticache.deleteReplicationGroup'));
  assert.ok(!offeredFor(clusterContextValue({ ...members[0]!.cluster, CacheClusterStatus: 'creating' }, 'local')).includes('elasticache.deleteReplicationGroup'), 'not while creating');
  assert.match(clusterTooltip(members[0]!.cluster), /\| Replication group \| tree\\-group \|/);
  assert.match(clusterTooltip(members[0]!.cluster, undefined, members[0]!.role), /\| Replication group \| tree\\-group \\\(primary\\\) \|/);
  assert.match(clusterTooltip(members[1]!.cluster, undefined, members[1]!.role), /\| Replication group \| tree\\-group \\\(replica\\\) \|/);

  // What the Delete… command says on a member, and that the service would indeed refuse it.
  assert.equal(
    memberDeleteRefusal(members[0]!.cluster),
    'Cache cluster tree-group-001 is a member of replication group tree-group: it is not deleted on its own (DeleteCacheCluster is not valid for a group\'s primary or last replica). Delete the replication group tree-group instead.',
  );
  assert.equal(memberDeleteRefusal({ CacheClusterId: 'alone' }), undefined);
  await assert.rejects(fixture.client.send(new DeleteCacheClusterCommand({ CacheClusterId: 'tree-group-001' })), { name: 'InvalidCacheClusterStateFault' });

  // The group's delete: the confirmation names its members, then every member goes.
  const group = (await describeReplicationGroup(fixture.client, 'tree-group'))!;
  const local = groupDeleteQuestion(group, fixture.connection);
  assert.equal(local.message, 'Permanently delete replication group "tree-group" and its member clusters tree-group-001, tree-group-002?');
  assert.match(local.detail, /^Deletion is permanent: the replication group \(its member clusters\), its 2 nodes and the data in them are removed from the Local endpoint and cannot be recovered\.$/);
  assert.match(groupDeleteQuestion(group, awsConnection('fake', 'us-east-1')).detail, /removed from us-east-1 \(profile fake\).*\n\nBilling for its nodes stops once the deletion completes/s);
  const deleting = await deleteReplicationGroup(fixture.client, 'tree-group');
  assert.equal(deleting?.Status, 'deleting');
  for (const m of members) await model.track(fixture.connection, m.cluster.CacheClusterId!);
  await until('the members gone from the explorer', async () => {
    await model.poll();
    return !model.listedClusters().some((c) => c.cluster.ReplicationGroupId === 'tree-group') || undefined;
  });
  // The group itself goes once its members have (under load, a moment after they left the listing).
  await until('the group gone', async () => (await describeReplicationGroup(fixture.client, 'tree-group')) === undefined || undefined);
  assert.equal(await deleteReplicationGroup(fixture.client, 'tree-group'), undefined, 'gone already: said, not thrown');
});
