// The explorer's tree model against the real Local endpoint: listing with paging (300 clusters), nodes with
// endpoints, polling that reports only the changed item, and an error item for each kind of failure, worded
// problem first, then what to do, the code last.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateCacheClusterCommand, DeleteCacheClusterCommand, DescribeCacheClustersCommand, type ElastiCacheClient, RebootCacheClusterCommand } from '@aws-sdk/client-elasticache';
import { clusterDescription, clusterRowDescription, clusterTooltip, deleteConfirmationDetail, isTransitional, rebootConfirmation, statusIcon } from '../../client/src/clusterView';
import { waitUntilAvailable } from '../../client/src/createFromRequest';
import { type Connection, awsConnection, createClient, localConnection } from '../../client/src/connections';
import { describeFailure, isClusterNotFound } from '../../client/src/errors';
import { type ClusterItem, type ExplorerItem, ExplorerModel, type MessageItem, Poller, messageRow } from '../../client/src/explorerModel';
import { RecordingLog, cannedErrorResponseServer, closedPort, localClientForFile, startLocal, until, withEmptyAwsFiles } from './helpers';

const fixture = localClientForFile();
const { log } = fixture;

function modelFor(connections: Connection[], changes: (ExplorerItem | undefined)[] = [], options: { maxAttempts?: number } = {}): ExplorerModel {
  const clients = new Map<string, Promise<ElastiCacheClient>>();
  return new ExplorerModel({
    connections: async () => connections,
    client: (c) => {
      if (!clients.has(c.id)) clients.set(c.id, createClient(c, log, options));
      return clients.get(c.id)!;
    },
    onDidChange: (item) => changes.push(item),
  });
}

test('lists clusters under the Local connection, with nodes, endpoints, description and tooltip', async () => {
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'tree-mc', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 2 }));
  const model = modelFor([fixture.connection]);
  const [root] = await model.roots();
  assert.equal(root!.type, 'connection');
  const clusters = (await model.children(root)) as ClusterItem[];
  const item = clusters.find((c) => c.cluster.CacheClusterId === 'tree-mc');
  assert.ok(item, 'tree-mc listed');
  assert.equal(item.id, 'local/tree-mc');
  assert.match(clusterDescription(item.cluster), /^memcached [\d.]+ · cache\.t3\.micro · 2 nodes$/);
  assert.match(clusterTooltip(item.cluster), /\*\*tree\\-mc\*\*/);
  assert.match(clusterTooltip(item.cluster), /arn:aws:elasticache/);
  const ready = await until('tree-mc available', async () => {
    model.refresh(root);
    const c = ((await model.children(root)) as ClusterItem[]).find((x) => x.cluster.CacheClusterId === 'tree-mc');
    return c?.cluster.CacheClusterStatus === 'available' ? c : undefined;
  });
  const nodes = await model.children(ready);
  assert.equal(nodes.length, 2);
  for (const n of nodes) {
    assert.equal(n.type, 'cacheNode');
    if (n.type === 'cacheNode') assert.match(`${n.node.Endpoint?.Address}:${n.node.Endpoint?.Port}`, /^127\.0\.0\.1:\d+$/);
  }
  assert.equal(statusIcon('available').id, 'pass-filled');
  assert.equal(statusIcon('creating').id, 'loading~spin');
  assert.equal(statusIcon('deleting').id, 'trash');
});

test('a cluster row says its status alone, short enough for the default sidebar width; the rest is in its tooltip', { timeout: 60_000 }, async () => {
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'sample-redis-json', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
  const cluster = await waitUntilAvailable(fixture.client, 'sample-redis-json', { timeoutMs: 30_000, intervalMs: 100 });
  assert.equal(clusterRowDescription(cluster), 'available');
  const tooltip = clusterTooltip(cluster);
  for (const row of [/\| Status \| available \|/, /\| Engine \| redis [\d\\.]+ \|/, /\| Node type \| cache\\.t3\\.micro \|/, /\| Nodes \| 1 \|/]) assert.match(tooltip, row);
  // Every status of the API reference's CacheClusterStatus list, and the reboot's status as the service answers it.
  const statuses = ['available', 'creating', 'deleted', 'deleting', 'incompatible-network', 'modifying', 'rebooting cluster nodes', 'restore-failed', 'snapshotting', 'rebooting cache cluster nodes'];
  const shown = statuses.map((s) => clusterRowDescription({ ...cluster, CacheClusterStatus: s }));
  assert.deepEqual(shown, ['available', 'creating', 'deleted', 'deleting', 'incompatible-network', 'modifying', 'rebooting', 'restore-failed', 'snapshotting', 'rebooting']);
  assert.match(clusterTooltip({ ...cluster, CacheClusterStatus: 'rebooting cache cluster nodes' }), /\| Status \| rebooting cache cluster nodes \|/);
});

test('polling updates only the cluster that changed, keeps its identity, and drops deleted clusters', async () => {
  const changes: (ExplorerItem | undefined)[] = [];
  const model = modelFor([fixture.connection], changes);
  const [root] = await model.roots();
  await model.children(root);
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'tree-poll', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
  const item = await model.track(fixture.connection, 'tree-poll');
  assert.ok(item);
  assert.equal(changes.at(-1), model.findConnection('local'), 'a new cluster changes its connection');
  // The Local endpoint creates nodes in milliseconds: make sure the view's copy is the `creating` one it saw.
  item.cluster = { ...item.cluster, CacheClusterStatus: 'creating' };
  const others = model.listedClusters().filter((c) => c !== item);
  assert.ok(others.length >= 1, 'other clusters are listed too');
  assert.equal(model.hasTransitional(), true);
  changes.length = 0;
  await until('tree-poll available via poll()', async () => {
    await model.poll();
    return item.cluster.CacheClusterStatus === 'available' || undefined;
  });
  assert.ok(changes.length >= 1);
  assert.ok(changes.every((c) => c === item), 'only the changed cluster item is reported');
  assert.equal(model.findCluster('local', 'tree-poll'), item, 'same item object');
  assert.equal(await model.poll(), model.hasTransitional());

  const polled = log.lines.length;
  await fixture.client.send(new DeleteCacheClusterCommand({ CacheClusterId: 'tree-poll' }));
  await model.track(fixture.connection, 'tree-poll');
  await until('tree-poll gone', async () => {
    await model.poll();
    return model.findCluster('local', 'tree-poll') === undefined || undefined;
  });
  // Gone after a delete is the answer polling waits for: an info line in the API log, not an error with advice.
  const lines = log.lines.slice(polled);
  assert.ok(lines.some((l) => /^info DescribeCacheClusters Local \S+ \d+ms no such cluster /.test(l)), lines.join('\n'));
  assert.ok(!lines.some((l) => l.startsWith('error DescribeCacheClusters')), lines.join('\n'));
});

test('a refresh while track or poll describes a cluster: they end quietly, and the next listing shows the cluster as it is', async () => {
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'tree-race', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
  const client = await createClient(fixture.connection, log);
  // Single-cluster describes (track's and poll's; listings have no CacheClusterId) wait until the test opens the gate.
  let open = () => {};
  let gate = Promise.resolve();
  let held = 0;
  const closeGate = () => (gate = new Promise<void>((resolve) => (open = resolve)));
  client.middlewareStack.add(
    (next) => async (args) => {
      if ((args.input as { CacheClusterId?: string }).CacheClusterId !== undefined) {
        held++;
        await gate;
      }
      return next(args);
    },
    { step: 'initialize', name: 'holdSingleDescribes' },
  );
  const model = new ExplorerModel({ connections: async () => [fixture.connection], client: async () => client, onDidChange: () => undefined });
  const listed = async () => (await model.children((await model.roots())[0])).filter((c): c is ClusterItem => c.type === 'cluster').map((c) => c.cluster.CacheClusterId);
  try {
    assert.ok((await listed()).includes('tree-race'));
    closeGate();
    const tracking = model.track(fixture.connection, 'tree-race');
    await until('track describes', async () => held === 1 || undefined, 5000, 10);
    model.refresh(); // Refresh, or a settings change, meanwhile
    open();
    assert.equal(await tracking, undefined, 'no listing to add the cluster to');

    assert.ok((await listed()).includes('tree-race'), 'the next listing has it');
    const item = model.findCluster('local', 'tree-race')!;
    item.cluster = { ...item.cluster, CacheClusterStatus: 'creating' }; // transitional, so poll describes it
    closeGate();
    const polling = model.poll();
    await until('poll describes', async () => held === 2 || undefined, 5000, 10);
    // Deleted meanwhile, so poll's describe finds it gone.
    await until('tree-race available', async () => (await fixture.client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'tree-race' }))).CacheClusters?.[0]?.CacheClusterStatus === 'available' || undefined);
    await fixture.client.send(new DeleteCacheClusterCommand({ CacheClusterId: 'tree-race' }));
    await until('tree-race gone', async () => !(await fixture.client.send(new DescribeCacheClustersCommand({})).then((out) => out.CacheClusters!.some((c) => c.CacheClusterId === 'tree-race'))) || undefined);
    model.refresh();
    open();
    assert.equal(await polling, false, 'nothing listed, so nothing transitional');
    assert.ok(!(await listed()).includes('tree-race'), 'the next listing has it gone');
  } finally {
    open();
    client.destroy();
  }
});

test('pages through DescribeCacheClusters: 300 clusters are all listed', { timeout: 120_000 }, async () => {
  const pagingLocal = await startLocal();
  const c = localConnection(pagingLocal.endpoint.url);
  const pagingLog = new RecordingLog();
  const pagingClient = await createClient(c, pagingLog);
  try {
    const ids = Array.from({ length: 300 }, (_, i) => `page-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < ids.length; i += 20) {
      await Promise.all(
        ids.slice(i, i + 20).map((id) =>
          pagingClient.send(new CreateCacheClusterCommand({ CacheClusterId: id, Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 })),
        ),
      );
    }
    const model = new ExplorerModel({ connections: async () => [c], client: async () => pagingClient, onDidChange: () => undefined });
    const [root] = await model.roots();
    const listed = (await model.children(root)) as ClusterItem[];
    assert.equal(listed.length, 300);
    assert.deepEqual(listed.map((x) => x.cluster.CacheClusterId).sort(), ids);
    const pages = pagingLog.lines.filter((l) => l.startsWith('info DescribeCacheClusters'));
    assert.equal(pages.length, 3, 'three pages of 100');
  } finally {
    pagingClient.destroy();
    await pagingLocal.close();
  }
});

test('cluster rows are in id order, numbers by value, whatever order the service lists them in', { timeout: 60_000 }, async () => {
  const local = await startLocal();
  const c = localConnection(local.endpoint.url);
  const client = await createClient(c, new RecordingLog());
  try {
    // Created one after the other: the Local endpoint lists clusters in creation order.
    for (const id of ['sort-20', 'sort-3', 'sort-b', 'sort-100', 'sort-a']) {
      await client.send(new CreateCacheClusterCommand({ CacheClusterId: id, Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
    }
    const described = (await client.send(new DescribeCacheClustersCommand({}))).CacheClusters!.map((x) => x.CacheClusterId);
    assert.deepEqual(described, ['sort-20', 'sort-3', 'sort-b', 'sort-100', 'sort-a'], 'the service order this test starts from');
    const model = new ExplorerModel({ connections: async () => [c], client: async () => client, onDidChange: () => undefined });
    const [root] = await model.roots();
    const listed = ((await model.children(root)) as ClusterItem[]).map((x) => x.cluster.CacheClusterId);
    assert.deepEqual(listed, ['sort-3', 'sort-20', 'sort-100', 'sort-a', 'sort-b']);
  } finally {
    client.destroy();
    await local.close();
  }
});

test('a Local connection that is not running shows a start action', async () => {
  const model = modelFor([{ ...localConnection(''), endpoint: undefined }]);
  const [root] = await model.roots();
  const [msg] = (await model.children(root)) as MessageItem[];
  assert.equal(msg!.type, 'message');
  assert.equal(msg!.action?.command, 'elasticache.startLocalEndpoint');
});

test('an empty connection\'s row is short ("No clusters", Create Cache Cluster… beside it); its tooltip names the Region, or none for Local', withEmptyAwsFiles(async (dir) => {
  const empty = await startLocal();
  try {
    // Static keys for the AWS connection, as `aws configure` writes them (the Local endpoint stands in for AWS).
    fs.writeFileSync(path.join(dir, 'credentials'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    const model = modelFor([localConnection(empty.endpoint.url), awsConnection('default', 'eu-west-1', empty.endpoint.url)]);
    const rows = [];
    for (const root of await model.roots()) {
      const [row] = (await model.children(root)) as MessageItem[];
      assert.equal(row!.type, 'message');
      rows.push(messageRow(row!));
    }
    // A short label, so that the create action beside it stays in sight at the default sidebar width (the row's click
    // creates too); the whole sentence in the tooltip.
    assert.deepEqual(
      rows.map((r) => [r.label, r.description, r.tooltip]),
      [
        ['No clusters', 'Create Cache Cluster…', 'No cache clusters on the Local endpoint.\n\nClick: Create Cache Cluster…'],
        ['No clusters', 'Create Cache Cluster…', 'No cache clusters in eu-west-1.\n\nClick: Create Cache Cluster…'],
      ],
    );
  } finally {
    await empty.close();
  }
}));

async function errorItemFor(conn: Connection, maxAttempts = 1): Promise<MessageItem> {
  const model = modelFor([conn], [], { maxAttempts });
  const [root] = await model.roots();
  const children = await model.children(root);
  assert.equal(children.length, 1);
  const item = children[0] as MessageItem;
  assert.equal(item.type, 'message');
  assert.ok(item.failure, 'an error item');
  assert.doesNotMatch(item.message, /\n|    at /, 'no stack trace');
  assertShortErrorRow(item);
  return item;
}

/** The row keeps its label short (the tree cuts it off), explains beside it, and shows the whole message on hover. */
function assertShortErrorRow(item: MessageItem): void {
  const row = messageRow(item);
  assert.ok(row.label.length <= 30, `label too long for the tree: ${row.label}`);
  assert.ok(row.description && row.description.length > 0, 'an explanation beside the label');
  assert.ok(!row.description.startsWith(row.label), `the explanation repeats the label: ${row.description}`);
  assert.ok(row.tooltip.startsWith(item.failure!.message), row.tooltip);
  assert.ok(row.tooltip.endsWith(`Click: ${item.action!.title}`), row.tooltip);
  assert.equal(row.contextValue, `error.${item.failure!.action}`);
}

test('error item: no credentials (empty shared files, no env, no IMDS)', withEmptyAwsFiles(async () => {
  const item = await errorItemFor({ id: 'aws:default:us-east-1', kind: 'aws', label: 'AWS default · us-east-1', region: 'us-east-1', profile: 'default', endpoint: fixture.local.endpoint.url });
  assert.equal(item.failure?.kind, 'noCredentials');
  assert.equal(item.action?.command, 'elasticache.configureProfile');
  assert.match(item.message, /No AWS credentials/);
  assert.equal(messageRow(item).label, 'No AWS credentials');
  assert.match(messageRow(item).tooltip, /Click: Configure AWS Profile…$/);
}));

test('error item: access denied (AWS\'s AccessDenied response, canned: IAM policies do not exist locally)', async () => {
  const server = await cannedErrorResponseServer(403, 'AccessDenied', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: elasticache:DescribeCacheClusters');
  try {
    const item = await errorItemFor({ ...localConnection(server.url), id: 'aws:dev:us-east-1', kind: 'aws', label: 'AWS dev · us-east-1' });
    assert.equal(item.failure?.kind, 'accessDenied');
    assert.match(item.message, /not authorized to perform: elasticache:DescribeCacheClusters/);
    assert.equal(item.action?.command, 'elasticache.configureProfile');
  } finally {
    await server.close();
  }
});

test('error item: expired session token (AWS\'s ExpiredToken response, canned: the Local endpoint has no session tokens)', async () => {
  const server = await cannedErrorResponseServer(400, 'ExpiredToken', 'The security token included in the request is expired');
  try {
    const item = await errorItemFor({ ...localConnection(server.url), id: 'aws:sso:eu-west-1', kind: 'aws', label: 'AWS sso · eu-west-1', region: 'eu-west-1' });
    assert.equal(item.failure?.kind, 'expiredToken');
    assert.match(item.message, /expired/);
    // Where a connection is chosen (picker, wizard), its row says so too.
    assert.equal(item.failure?.mark, 'session expired');
    assert.equal(item.action?.command, 'elasticache.configureProfile');
  } finally {
    await server.close();
  }
});

test('error item: network error (nothing listening)', async () => {
  const port = await closedPort();
  const item = await errorItemFor({ ...localConnection(`http://127.0.0.1:${port}`), id: 'aws:x:us-east-1', kind: 'aws' });
  assert.equal(item.failure?.kind, 'network');
  assert.equal(item.failure?.code, 'ECONNREFUSED');
  assert.equal(item.action?.command, 'elasticache.refresh');
});

test('error item: wrong secret key (the Local endpoint verifying signatures → SignatureDoesNotMatch)', async () => {
  const verifying = await startLocal({ accessKey: 'AKIDLOCALTEST', secretKey: 'right-secret' });
  try {
    const item = await errorItemFor(localConnection(verifying.endpoint.url, { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'wrong-secret' }));
    assert.equal(item.failure?.kind, 'invalidCredentials');
    assert.equal(item.failure?.code, 'SignatureDoesNotMatch');
    assert.doesNotMatch(item.message, /wrong-secret|right-secret/);
  } finally {
    await verifying.close();
  }
});

test('error item: unknown access key (the Local endpoint verifying signatures → InvalidClientTokenId)', async () => {
  const verifying = await startLocal({ accessKey: 'AKIDLOCALTEST', secretKey: 'right-secret' });
  try {
    const item = await errorItemFor(localConnection(verifying.endpoint.url, { accessKeyId: 'AKIDSOMEONEELSE', secretAccessKey: 'right-secret' }));
    assert.equal(item.failure?.kind, 'invalidCredentials');
    assert.equal(item.failure?.code, 'InvalidClientTokenId');
    assert.equal(item.action?.command, 'elasticache.configureProfile');
  } finally {
    await verifying.close();
  }
});

test('error item: request signed with a stale clock (the Local endpoint verifying signatures → Signature expired)', async () => {
  const verifying = await startLocal({ accessKey: 'AKIDLOCALTEST', secretKey: 'right-secret' });
  const c = localConnection(verifying.endpoint.url, { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'right-secret' });
  const stale = await createClient(c, log, { maxAttempts: 1 });
  // Signs with an X-Amz-Date 20 minutes in the past (AWS allows 15 minutes of skew); one attempt, so no correction.
  stale.config.systemClockOffset = -20 * 60_000;
  try {
    const model = new ExplorerModel({ connections: async () => [c], client: async () => stale, onDidChange: () => undefined });
    const [root] = await model.roots();
    const [item] = (await model.children(root)) as MessageItem[];
    assert.equal(item!.type, 'message');
    // AWS SigV4 services answer SignatureDoesNotMatch "Signature expired: …"; some answer RequestExpired.
    assert.match(item!.failure?.code ?? '', /^(SignatureDoesNotMatch|RequestExpired)$/);
    assert.equal(item!.failure?.kind, 'clockSkew');
    assert.match(item!.message, /clock is off by more than 15 minutes/);
    assertShortErrorRow(item!);
    assert.equal(item!.action?.command, 'elasticache.refresh');
  } finally {
    stale.destroy();
    await verifying.close();
  }
});

test('the API log has action, region, duration and request id for every call, and no secrets', async () => {
  const token = 'Sup3r-Secret-Auth-Token-1234567890';
  await fixture.client.send(
    new CreateCacheClusterCommand({ CacheClusterId: 'tree-auth', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, CacheSubnetGroupName: 'default', TransitEncryptionEnabled: true, AuthToken: token }),
  );
  const line = log.lines.find((l) => l.startsWith('info CreateCacheCluster'));
  assert.match(line ?? '', /^info CreateCacheCluster Local us-east-1 \d+ms requestId=[\w-]{8,}/);
  const all = log.lines.join('\n');
  assert.ok(!all.includes(token), 'no AuthToken');
  assert.ok(!all.includes('secretAccessKey') && !/Signature=/.test(all), 'no keys or signatures');
});

test('the poller backs off, stops when nothing is transitional, and pauses while hidden', async () => {
  let ticks = 0;
  let more = true;
  const poller = new Poller(async () => (++ticks, more), { initialMs: 10, maxMs: 40, factor: 2 });
  poller.kick();
  await until('two ticks', async () => ticks >= 2 || undefined, 2000, 5);
  assert.ok(poller.nextDelayMs > 10, 'delay grew');
  poller.setVisible(false);
  const pausedAt = ticks;
  await new Promise((r) => setTimeout(r, 120));
  assert.ok(ticks <= pausedAt + 1, 'no polling while hidden');
  more = false;
  poller.setVisible(true);
  await until('stopped', async () => !poller.isActive || undefined, 2000, 5);
  const stoppedAt = ticks;
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(ticks, stoppedAt);
  poller.dispose();
});

test('the reboot and delete confirmations count the nodes of real clusters in plain English: 1 node, 3 nodes', async () => {
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'count-one', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'count-three', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 3 }));
  const model = modelFor([fixture.connection]);
  const [root] = await model.roots();
  const available = (id: string) =>
    until(`${id} available`, async () => {
      model.refresh(root);
      const c = ((await model.children(root)) as ClusterItem[]).find((x) => x.cluster.CacheClusterId === id);
      return c?.cluster.CacheClusterStatus === 'available' && c.cluster.CacheNodes?.length ? c.cluster : undefined;
    });
  const one = await available('count-one');
  const three = await available('count-three');

  // The place is named as the delete confirmation names it.
  const rebootOne = rebootConfirmation('count-one', one.CacheNodes!.length, fixture.connection);
  assert.equal(rebootOne.message, 'Reboot the 1 node of cache cluster "count-one" on the Local endpoint?');
  assert.match(rebootOne.detail, /^The node is unavailable while it restarts;/);
  const rebootThree = rebootConfirmation('count-three', three.CacheNodes!.length, awsConnection('default', 'us-east-1'));
  assert.equal(rebootThree.message, 'Reboot all 3 nodes of cache cluster "count-three" in us-east-1 (profile default)?');
  assert.match(rebootThree.detail, /^The nodes are unavailable while they restart;/);

  const deleteOne = deleteConfirmationDetail({ nodes: one.NumCacheNodes, where: 'us-east-1 (profile default)', aws: true, snapshotButton: 'Snapshot' });
  assert.match(deleteOne, /^Deletion is permanent: the cluster, its 1 node and the data in it are removed from us-east-1 \(profile default\)/);
  assert.match(deleteOne, /Billing for its node stops/);
  assert.match(deleteOne, /Choose "Snapshot" to keep a backup/);
  const deleteThree = deleteConfirmationDetail({ nodes: three.NumCacheNodes, where: 'the Local endpoint', aws: false });
  assert.equal(deleteThree, 'Deletion is permanent: the cluster, its 3 nodes and the data in them are removed from the Local endpoint and cannot be recovered.');
  assert.match(deleteConfirmationDetail({ nodes: undefined, where: 'the Local endpoint', aws: false }), /the cluster, its nodes and the data in them/);
  assert.doesNotMatch([rebootOne, rebootThree].map((q) => q.message + q.detail).join() + deleteOne + deleteThree, /\(s\)/);
});

test('a reboot on the Local endpoint answers `rebooting cache cluster nodes` once its node is back, and is followed to available', { timeout: 60_000 }, async () => {
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'reboot-me', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
  const before = await waitUntilAvailable(fixture.client, 'reboot-me', { timeoutMs: 30_000, intervalMs: 100 });
  const nodeIds = before.CacheNodes!.map((n) => n.CacheNodeId!);
  const out = await fixture.client.send(new RebootCacheClusterCommand({ CacheClusterId: 'reboot-me', CacheNodeIdsToReboot: nodeIds }));
  // What the reboot answers, as AWS does: the explorer polls while it shows, with its own icon.
  assert.equal(out.CacheCluster?.CacheClusterStatus, 'rebooting cache cluster nodes');
  assert.ok(isTransitional(out.CacheCluster?.CacheClusterStatus));
  assert.equal(statusIcon(out.CacheCluster?.CacheClusterStatus).id, 'debug-restart');
  // The API reference's spelling of the same status is followed too.
  assert.ok(isTransitional('rebooting cluster nodes'));
  assert.equal(statusIcon('rebooting cluster nodes').id, 'debug-restart');
  const seen: string[] = [];
  const after = await waitUntilAvailable(fixture.client, 'reboot-me', { timeoutMs: 30_000, intervalMs: 100, onStatus: (s) => seen.push(s) });
  assert.equal(after.CacheClusterStatus, 'available');
  assert.ok(seen.every((s) => s === 'rebooting cache cluster nodes' || s === 'available'), seen.join(', '));
});

test('one test for "no such cluster": the SDK\'s error from the endpoint, and its code in either spelling; other errors are not it', async () => {
  const missing = await fixture.client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'never-was' })).then(() => assert.fail('listed'), (e: unknown) => e);
  assert.equal((missing as { name?: string }).name, 'CacheClusterNotFoundFault');
  assert.ok(isClusterNotFound(missing));
  // The wire code alone (the error shape's code, botocore service-2.json), and the shape's name as a code.
  assert.ok(isClusterNotFound({ Code: 'CacheClusterNotFound' }));
  assert.ok(isClusterNotFound({ Code: 'CacheClusterNotFoundFault' }));
  // Clean cases: another service error from the same endpoint, a network error, nothing at all.
  const invalid = await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'never-was', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 0 })).then(() => assert.fail('created'), (e: unknown) => e);
  assert.ok(!isClusterNotFound(invalid), String((invalid as { name?: string }).name));
  assert.ok(!isClusterNotFound({ Code: 'CacheSubnetGroupNotFoundFault', name: 'CacheSubnetGroupNotFoundFault' }));
  assert.ok(!isClusterNotFound(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })));
  assert.ok(!isClusterNotFound(undefined));
});

test('a delete or reboot of a cluster deleted meanwhile drops its row and says so; other failures are thrown as they are', { timeout: 60_000 }, async () => {
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'gone-meanwhile', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
  await waitUntilAvailable(fixture.client, 'gone-meanwhile', { timeoutMs: 30_000, intervalMs: 100 });
  const changes: (ExplorerItem | undefined)[] = [];
  const model = modelFor([fixture.connection], changes);
  const [root] = await model.roots();
  const listed = async () => ((await model.children(root)) as ExplorerItem[]).filter((c): c is ClusterItem => c.type === 'cluster').map((c) => c.cluster.CacheClusterId);
  assert.ok((await listed()).includes('gone-meanwhile'));
  const item = model.findCluster('local', 'gone-meanwhile')!;

  // Clean case: the cluster exists, the call's answer is returned and nothing is refreshed.
  const nodeIds = item.cluster.CacheNodes!.map((n) => n.CacheNodeId!);
  const rebooted = await model.unlessGone(fixture.connection, 'gone-meanwhile', new RebootCacheClusterCommand({ CacheClusterId: 'gone-meanwhile', CacheNodeIdsToReboot: nodeIds }));
  assert.ok('value' in rebooted && rebooted.value.CacheCluster?.CacheClusterId === 'gone-meanwhile');
  assert.equal(model.findCluster('local', 'gone-meanwhile'), item);
  await waitUntilAvailable(fixture.client, 'gone-meanwhile', { timeoutMs: 30_000, intervalMs: 100 });
  // A failure that is not "not found" is thrown for the caller to report, and the row stays.
  await assert.rejects(
    model.unlessGone(fixture.connection, 'gone-meanwhile', new RebootCacheClusterCommand({ CacheClusterId: 'gone-meanwhile', CacheNodeIdsToReboot: ['9999'] })),
    { name: 'InvalidParameterValueException' },
  );
  assert.equal(model.findCluster('local', 'gone-meanwhile'), item);
  // …and is logged as the error it is.
  assert.ok(log.lines.some((l) => /^error RebootCacheCluster Local \S+ \d+ms failed InvalidParameterValue/.test(l)), log.lines.join('\n'));

  // Deleted elsewhere (another window, the console): the explorer still lists it as available.
  await fixture.client.send(new DeleteCacheClusterCommand({ CacheClusterId: 'gone-meanwhile' }));
  await until('gone-meanwhile gone', async () => {
    try {
      await fixture.client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'gone-meanwhile' }));
      return undefined;
    } catch (err) {
      return (err as { name?: string }).name === 'CacheClusterNotFoundFault' || undefined;
    }
  });
  assert.equal(model.findCluster('local', 'gone-meanwhile'), item, 'still listed');
  for (const [action, send] of [
    ['DeleteCacheCluster', () => model.unlessGone(fixture.connection, 'gone-meanwhile', new DeleteCacheClusterCommand({ CacheClusterId: 'gone-meanwhile' }))],
    ['RebootCacheCluster', () => model.unlessGone(fixture.connection, 'gone-meanwhile', new RebootCacheClusterCommand({ CacheClusterId: 'gone-meanwhile', CacheNodeIdsToReboot: nodeIds }))],
  ] as const) {
    changes.length = 0;
    const logged = log.lines.length;
    const outcome = await send();
    assert.deepEqual(outcome, { gone: 'gone-meanwhile no longer exists on the Local endpoint; the explorer is refreshed.' });
    // The API log has the answer as expected, not as an error advising the refresh that was just done.
    const lines = log.lines.slice(logged);
    assert.ok(lines.some((l) => new RegExp(`^info ${action} Local \\S+ \\d+ms no such cluster \\(CacheClusterNotFoundFault\\) requestId=`).test(l)), lines.join('\n'));
    assert.ok(!lines.some((l) => l.startsWith('error') || /refresh the explorer/.test(l)), lines.join('\n'));
    assert.equal(model.findCluster('local', 'gone-meanwhile'), undefined, 'its row is dropped');
    assert.deepEqual(changes, [model.findConnection('local')], 'its connection is listed afresh');
    assert.ok(!(await listed()).includes('gone-meanwhile'));
  }
});

test('error wording: the problem in words first, the next step, the code last (and in the API log)', async () => {
  // A service error (the real Local endpoint refusing a second cluster with the same id).
  const input = { CacheClusterId: 'words-dup', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 };
  await fixture.client.send(new CreateCacheClusterCommand(input));
  const dup = await fixture.client.send(new CreateCacheClusterCommand(input)).then(() => assert.fail('created twice'), (e: unknown) => e);
  const exists = describeFailure(dup);
  assert.equal(exists.message, 'Cache cluster words-dup already exists: choose another CacheClusterId (CacheClusterAlreadyExists).');
  assert.equal(exists.code, 'CacheClusterAlreadyExists');
  assert.ok(log.lines.some((l) => /^error CreateCacheCluster Local us-east-1 \d+ms failed CacheClusterAlreadyExists requestId=/.test(l)), 'the code is in the API log');

  // A service error with no plain next step: the service's words, then its code.
  const server = await cannedErrorResponseServer(500, 'InternalFailure', 'The request processing has failed because of an unknown error.');
  try {
    const item = await errorItemFor({ ...localConnection(server.url), id: 'aws:x:us-east-1', kind: 'aws' });
    assert.equal(item.message, 'The request processing has failed because of an unknown error (InternalFailure).');
    assert.equal(messageRow(item).label, 'Request failed');
  } finally {
    await server.close();
  }

  // An error code is the service's (or a proxy's) text: a code named like an Object.prototype member is no next step.
  for (const code of ['constructor', 'toString', '__proto__']) {
    const odd = describeFailure(Object.assign(new Error('Something went wrong.'), { name: code, $metadata: { httpStatusCode: 400 } }));
    assert.equal(odd.message, `Something went wrong (${code}).`);
  }

  // The extension's own errors are sentences already: no "Error:" before them.
  const own = describeFailure(new Error('Put the cursor inside the CreateCacheCluster request to send.'));
  assert.equal(own.message, 'Put the cursor inside the CreateCacheCluster request to send.');
  assert.equal(own.code, undefined);
});

test('error wording: a network failure says which host cannot be reached and what to check, the Node code last', async () => {
  const port = await closedPort();
  const refused = await errorItemFor({ ...localConnection(`http://127.0.0.1:${port}`), id: 'aws:x:us-east-1', kind: 'aws' });
  assert.equal(refused.message, `Cannot reach ElastiCache at 127.0.0.1:${port}: check the network (or proxy), the Region and elasticache.endpointUrl (ECONNREFUSED).`);
  assert.equal(messageRow(refused).description, `127.0.0.1:${port} refused the connection: check the network (or proxy), the Region and elasticache.endpointUrl (ECONNREFUSED).`);

  // .invalid never resolves (RFC 6761); without DNS at all the lookup fails with EAI_AGAIN instead.
  const unknown = await errorItemFor({ ...localConnection('http://elasticache.invalid'), id: 'aws:x:us-east-1', kind: 'aws' });
  assert.match(unknown.message, /^Cannot reach ElastiCache at elasticache\.invalid: check the network \(or proxy\), the Region and elasticache\.endpointUrl \((ENOTFOUND|EAI_AGAIN)\)\.$/);
  assert.match(messageRow(unknown).description ?? '', /^elasticache\.invalid was not found \(DNS\): /);
});
