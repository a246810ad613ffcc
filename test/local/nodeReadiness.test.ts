// A cluster is `available` only when its nodes serve commands, not as soon as their processes are spawned: a node
// that runs but never answers (real redis-server blocked reading its AOF from a FIFO nothing writes to), or that
// exits at start (an unreadable AOF manifest), leaves its cluster `restore-failed`, the reason in the endpoint's log,
// and no process behind. (Its redis.conf is written afresh at every start, so the data files are what is broken.)
import { CreateCacheClusterCommand, DeleteCacheClusterCommand, DescribeCacheClustersCommand, RebootCacheClusterCommand, type CacheCluster } from '@aws-sdk/client-elasticache';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { eventually, killRecordedAndRemove, recordedPids, sdkClient, tempDataDir, waitAvailable } from './helpers';

/** Pids of the processes whose working directory is `dir` (a node runs in its own directory). */
function processesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/cwd`) === dir;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Redis then blocks at start reading its AOF, listening (connections are accepted) but answering nothing. */
function blockAofLoading(nodeDir: string): void {
  const aofDir = path.join(nodeDir, 'appendonlydir');
  const incr = readdirSync(aofDir).find((f) => f.endsWith('.incr.aof'))!;
  rmSync(path.join(aofDir, incr));
  execFileSync('mkfifo', [path.join(aofDir, incr)]);
}

/** Redis then exits at start ("Invalid AOF manifest file format"). */
function breakAofManifest(nodeDir: string): void {
  writeFileSync(path.join(nodeDir, 'appendonlydir', 'appendonly.aof.manifest'), 'not a manifest\n');
}

describe('a node that does not serve commands', { timeout: 90_000 }, () => {
  let dataDir: string;
  let endpoint: LocalEndpoint;
  const logLines: string[] = [];

  before(async () => {
    dataDir = tempDataDir();
    endpoint = await startLocalEndpoint({ port: 0, dataDir, log: (l) => logLines.push(l) });
  });

  after(async () => {
    const pids = recordedPids(dataDir);
    await endpoint?.stop();
    killRecordedAndRemove(dataDir, pids);
  });

  test('leaves its cluster restore-failed, says why in the log, and is not left running; a node that serves commands is available', async () => {
    const client = sdkClient(endpoint.url);
    const ids = ['never-serves', 'exits-at-start'];
    for (const id of ids) await client.send(new CreateCacheClusterCommand({ CacheClusterId: id, Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
    // Clean case: nodes that serve commands make their clusters available.
    for (const id of ids) assert.equal((await waitAvailable(client, id)).CacheClusterStatus, 'available');

    const nodeDir = (id: string) => path.join(dataDir, 'clusters', id, '0001');
    blockAofLoading(nodeDir('never-serves'));
    breakAofManifest(nodeDir('exits-at-start'));

    const started = Date.now();
    for (const id of ids) await client.send(new RebootCacheClusterCommand({ CacheClusterId: id, CacheNodeIdsToReboot: ['0001'] }));
    const settled = async (id: string): Promise<CacheCluster> =>
      eventually(
        `${id} settled after its reboot`,
        async () => {
          const c = (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }))).CacheClusters![0]!;
          return c.CacheClusterStatus === 'rebooting cache cluster nodes' ? undefined : c;
        },
        40_000,
      );
    const [neverServes, exitsAtStart] = await Promise.all(ids.map(settled));
    // Bounded: the 10 s readiness wait, then the stop (SIGTERM, SIGKILL after 5 s), with room for a loaded machine.
    assert.ok(Date.now() - started < 30_000, `settled in ${Date.now() - started} ms`);

    for (const c of [neverServes!, exitsAtStart!]) {
      assert.equal(c.CacheClusterStatus, 'restore-failed', c.CacheClusterId);
      assert.equal(c.CacheNodes![0]!.CacheNodeStatus, 'restore-failed', c.CacheClusterId);
    }
    const log = logLines.join('\n');
    assert.match(log, /reboot of never-serves\/0001 failed: \S+ on port \d+ did not serve commands within 10 s and was stopped/);
    assert.match(log, /reboot of exits-at-start\/0001 failed: \S+ on port \d+ exited before it served commands; its log \(.+node\.log\) ends: .*Invalid AOF manifest/);
    // An exit before serving commands is no crash to restart.
    assert.doesNotMatch(log, /exits-at-start\/0001 exited unexpectedly/);
    for (const id of ids) assert.deepEqual(processesIn(nodeDir(id)), [], `no process left in ${id}'s node directory`);

    // A failed cluster can be deleted.
    for (const id of ids) await client.send(new DeleteCacheClusterCommand({ CacheClusterId: id }));
    await eventually('both deleted', async () => (await client.send(new DescribeCacheClustersCommand({}))).CacheClusters!.length === 0);
  });

  test('a node that crashes is rebooting until it serves again, then available; one that cannot start again leaves its cluster restore-failed, at once', async () => {
    const client = sdkClient(endpoint.url);
    const id = 'restart-fails';
    await client.send(new CreateCacheClusterCommand({ CacheClusterId: id, Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
    await waitAvailable(client, id);
    const pidOf = () => (JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')) as { clusters: { id: string; nodes: { pid?: number }[] }[] }).clusters.find((c) => c.id === id)!.nodes[0]!.pid;
    const status = async () => (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: id }))).CacheClusters![0]!.CacheClusterStatus;

    // Clean case: killed, `rebooting cache cluster nodes` while it restarts (at least the 200 ms before the restart),
    // then restarted on its port and available again.
    const first = pidOf()!;
    process.kill(first, 'SIGKILL');
    const restarting = await eventually('rebooting while it restarts', async () => {
      const c = (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }))).CacheClusters![0]!;
      return c.CacheClusterStatus !== 'available' && c;
    });
    assert.equal(restarting.CacheClusterStatus, 'rebooting cache cluster nodes');
    assert.equal(restarting.CacheNodes![0]!.CacheNodeStatus, 'rebooting');
    await eventually('restarted', async () => pidOf() !== undefined && pidOf() !== first && logLines.some((l) => l.includes(`node ${id}/0001 exited unexpectedly`)));
    assert.equal((await waitAvailable(client, id)).CacheClusterStatus, 'available');

    // Its restart exits at start (its AOF manifest unreadable): the cluster is restore-failed after this one attempt.
    breakAofManifest(path.join(dataDir, 'clusters', id, '0001'));
    process.kill(pidOf()!, 'SIGKILL');
    assert.equal(await eventually('restore-failed', async () => (await status()) === 'restore-failed' && 'restore-failed'), 'restore-failed');
    assert.match(logLines.join('\n'), new RegExp(`restart of ${id}/0001 failed: \\S+ on port \\d+ exited before it served commands`));
    await client.send(new DeleteCacheClusterCommand({ CacheClusterId: id }));
  });
});
