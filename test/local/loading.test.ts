// A Redis/Valkey node accepts connections before it has loaded its AOF, and answers every command with -LOADING
// until then: the endpoint must report a node `available` only once it serves commands.
import { CreateCacheClusterCommand, DescribeCacheClustersCommand, RebootCacheClusterCommand, type ElastiCacheClient } from '@aws-sdk/client-elasticache';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'redis';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { nodeReadiness, readRedisPassword, writeNodeConfig, type NodeAddress, type Readiness } from '../../local/src/nodes';
import { eventually, killRecordedAndRemove, portOpen, recordedPids, sdkClient, tempDataDir, waitAvailable } from './helpers';

/** Enough keys that replaying the AOF takes a few hundred milliseconds (about 0.4 s on the 2-CPU machine). */
const keyCount = 200_000;
const fillScript = "for i=1,tonumber(ARGV[1]) do redis.call('SET','key:'..i,'value-'..i) end return 1";
const authToken = 'loading-test-token-0123456789';

describe('a Redis/Valkey node is available only once it has loaded its data', { timeout: 180_000 }, () => {
  let dataDir: string;
  let endpoint: LocalEndpoint;
  let client: ElastiCacheClient;

  before(async () => {
    dataDir = tempDataDir();
    endpoint = await startLocalEndpoint({ port: 0, dataDir, log: () => {} });
    client = sdkClient(endpoint.url);
  });

  after(async () => {
    const pids = recordedPids(dataDir);
    await endpoint?.stop();
    killRecordedAndRemove(dataDir, pids);
  });

  const nodeDir = (id: string, dir = dataDir) => path.join(dir, 'clusters', id, '0001');

  /** Seconds the node's latest start spent loading its AOF, as redis-server logs it. */
  function lastLoadSeconds(id: string, dir = dataDir): number {
    const loads = [...readFileSync(path.join(nodeDir(id, dir), 'node.log'), 'utf8').matchAll(/DB loaded from append only file: ([\d.]+) seconds/g)];
    assert.ok(loads.length > 0, 'the node logged loading its AOF');
    return Number(loads[loads.length - 1][1]);
  }

  async function connect(port: number, secure: boolean) {
    const redis = createClient({
      socket: secure ? { host: '127.0.0.1', port, tls: true, ca: readFileSync(endpoint.tlsCaFile), reconnectStrategy: false } : { host: '127.0.0.1', port, reconnectStrategy: false },
      password: secure ? authToken : undefined,
    });
    redis.on('error', () => {});
    await redis.connect();
    return redis;
  }

  /** Creates a one-node cluster, fills it with keyCount keys (persisted in its AOF) and answers its node's port. */
  async function filledCluster(id: string, engine: 'redis' | 'valkey', secure: boolean): Promise<number> {
    await client.send(
      new CreateCacheClusterCommand({
        CacheClusterId: id,
        Engine: engine,
        CacheNodeType: 'cache.t3.micro',
        NumCacheNodes: 1,
        ...(secure ? { TransitEncryptionEnabled: true, CacheSubnetGroupName: 'default', AuthToken: authToken } : {}),
      }),
    );
    const port = (await waitAvailable(client, id)).CacheNodes![0].Endpoint!.Port!;
    const redis = await connect(port, secure);
    await redis.sendCommand(['EVAL', fillScript, '0', String(keyCount)]);
    await redis.quit();
    return port;
  }

  /** Reboots the node, polls DescribeCacheClusters until `available`, and at once sends the first command. */
  async function firstCommandAfterReboot(id: string, port: number, secure: boolean): Promise<unknown> {
    await client.send(new RebootCacheClusterCommand({ CacheClusterId: id, CacheNodeIdsToReboot: ['0001'] }));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: id }))).CacheClusters![0].CacheClusterStatus;
      if (status === 'available') break;
      assert.ok(Date.now() < deadline, `still ${status} after a minute`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const redis = await connect(port, secure);
    try {
      return await redis.sendCommand(['DBSIZE']);
    } finally {
      redis.destroy();
    }
  }

  test('Valkey: after a reboot, the first command once `available` is served (not -LOADING)', async () => {
    const port = await filledCluster('big-valkey', 'valkey', false);
    assert.equal(await firstCommandAfterReboot('big-valkey', port, false), keyCount);
    // The AOF took measurable time to load: a cluster reported `available` before that would have been caught.
    assert.ok(lastLoadSeconds('big-valkey') >= 0.05, `loading took ${lastLoadSeconds('big-valkey')} s`);
  });

  test('Redis with AuthToken and TLS: ready after AUTH over TLS; a crash restart reports loading until loaded', async () => {
    const port = await filledCluster('big-secure', 'redis', true);
    assert.equal(await firstCommandAfterReboot('big-secure', port, true), keyCount);
    assert.ok(lastLoadSeconds('big-secure') >= 0.05, `loading took ${lastLoadSeconds('big-secure')} s`);

    // kill -9: the endpoint restarts the node, which reloads its AOF. Unauthenticated, PING would get -NOAUTH even
    // while loading, so seeing `loading` shows that the probe authenticates (over TLS, the only listener).
    const address: NodeAddress = { kind: 'redis', host: '127.0.0.1', port, dir: nodeDir('big-secure'), tls: { certFile: endpoint.tlsCaFile, keyFile: '' } };
    const state = JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')) as { clusters: { id: string; nodes: { pid: number }[] }[] };
    process.kill(state.clusters.find((c) => c.id === 'big-secure')!.nodes[0].pid, 'SIGKILL');
    const seen: Readiness[] = [];
    const deadline = Date.now() + 60_000;
    // Until `ready` follows something else (the first probe may still reach the dying process).
    while (!(seen.length >= 2 && seen[seen.length - 1] === 'ready') && Date.now() < deadline) {
      const readiness = await nodeReadiness(address);
      if (seen[seen.length - 1] !== readiness) seen.push(readiness);
      await new Promise((r) => setTimeout(r, 2));
    }
    assert.deepEqual(seen.slice(-2), ['loading', 'ready'], `readiness seen: ${seen.join(' → ')}`);
    const redis = await connect(port, true);
    assert.equal(await redis.sendCommand(['DBSIZE']), keyCount);
    await redis.quit();
  });

  test('at start, a node still loading its AOF is adopted once loaded, not reported available before', async () => {
    const ownDir = tempDataDir();
    let first: LocalEndpoint | undefined;
    let second: LocalEndpoint | undefined;
    let started: ChildProcess | undefined;
    try {
      first = await startLocalEndpoint({ port: 0, dataDir: ownDir, log: () => {} });
      const firstClient = sdkClient(first.url);
      await firstClient.send(new CreateCacheClusterCommand({ CacheClusterId: 'adopted', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
      const port = (await waitAvailable(firstClient, 'adopted')).CacheNodes![0].Endpoint!.Port!;
      const redis = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false } });
      redis.on('error', () => {});
      await redis.connect();
      await redis.sendCommand(['EVAL', fillScript, '0', String(keyCount)]);
      await redis.quit();
      await first.stop();
      first = undefined;

      // The node runs (from its own redis.conf) while no endpoint does, as after a crash of the endpoint, and the
      // state file records its pid: the next endpoint finds it accepting connections but still loading.
      const dir = path.join(ownDir, 'clusters', 'adopted', '0001');
      const log = openSync(path.join(dir, 'node.log'), 'a');
      started = spawn('redis-server', [path.join(dir, 'redis.conf')], { cwd: dir, detached: true, stdio: ['ignore', log, log] });
      closeSync(log);
      const stateFile = path.join(ownDir, 'state.json');
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { clusters: { nodes: { pid?: number }[] }[] };
      state.clusters[0].nodes[0].pid = started.pid;
      writeFileSync(stateFile, JSON.stringify(state));
      await eventually('the node accepting connections', () => portOpen(port), 10_000);

      second = await startLocalEndpoint({ port: 0, dataDir: ownDir, log: () => {} });
      const cluster = (await sdkClient(second.url).send(new DescribeCacheClustersCommand({ CacheClusterId: 'adopted' }))).CacheClusters![0];
      assert.equal(cluster.CacheClusterStatus, 'available');
      const again = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false } });
      again.on('error', () => {});
      await again.connect();
      try {
        assert.equal(await again.sendCommand(['DBSIZE']), keyCount);
      } finally {
        again.destroy();
      }
      assert.equal(recordedPids(ownDir)[0], started.pid, 'the running node was adopted, not replaced');
      assert.ok(lastLoadSeconds('adopted', ownDir) >= 0.05, `loading took ${lastLoadSeconds('adopted', ownDir)} s`);
    } finally {
      await first?.stop();
      await second?.stop();
      killRecordedAndRemove(ownDir, started?.pid ? [started.pid] : []);
    }
  });

  test('the readiness probe reads back the AuthToken exactly as the node configuration holds it', async () => {
    const dir = path.join(dataDir, 'config-only');
    const token = 'quote" backslash\\ space é end';
    await writeNodeConfig({ kind: 'redis', dir, host: '127.0.0.1', port: 6379, authToken: token });
    assert.deepEqual(await readRedisPassword(dir), Buffer.from(token, 'utf8'));
    await writeNodeConfig({ kind: 'redis', dir, host: '127.0.0.1', port: 6379 });
    assert.equal(await readRedisPassword(dir), undefined);
  });
});
