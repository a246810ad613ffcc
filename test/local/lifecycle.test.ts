// Cache nodes die with whoever started them: `elasticache local` stops them on SIGINT (Ctrl-C) as on SIGTERM, and an
// endpoint run inside another program (nodesOutliveProcess: false, as the extension host runs it) has them stopped
// by its watchdog when that program is killed outright (kill -9: no chance to stop anything itself).
import { CreateCacheClusterCommand } from '@aws-sdk/client-elasticache';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { startLocalEndpoint } from '../../local/src/index';
import { alive, eventually, killRecordedAndRemove, recordedPids, repoRoot, sdkClient, startCli, stopCli, tempDataDir, waitAvailable } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function oneNode(url: string, id: string): Promise<void> {
  const client = sdkClient(url);
  await client.send(new CreateCacheClusterCommand({ CacheClusterId: id, Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
  await waitAvailable(client, id);
  client.destroy();
}

test('Ctrl-C (SIGINT) of elasticache local stops every node it started, and it exits 0', { timeout: 60_000 }, async () => {
  const dataDir = tempDataDir();
  const cli = await startCli(dataDir, ['--quiet']);
  cleanups.push(async () => {
    await stopCli(cli);
    killRecordedAndRemove(dataDir);
  });
  await oneNode(cli.url, 'ctrl-c');
  const pids = recordedPids(dataDir);
  assert.equal(pids.length, 1);
  cli.child.kill('SIGINT');
  assert.equal(await cli.exited, 0);
  for (const pid of pids) assert.equal(alive(pid), false, `node ${pid} still running after SIGINT`);
});

test('an endpoint whose nodes must not outlive its process: kill -9 of the process, and its nodes stop too', { timeout: 60_000 }, async () => {
  const dataDir = tempDataDir();
  const script = path.join(dataDir, 'host.mts');
  writeFileSync(
    script,
    `import { startLocalEndpoint } from ${JSON.stringify(path.join(repoRoot, 'local', 'src', 'index.ts'))};
const endpoint = await startLocalEndpoint({ port: 0, dataDir: process.argv[2], nodesOutliveProcess: false });
console.log('listening on ' + endpoint.url);
setInterval(() => {}, 60_000);
`,
  );
  const host = spawn(process.execPath, ['--import', 'tsx', script, dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
  cleanups.push(async () => {
    host.kill('SIGKILL');
    killRecordedAndRemove(dataDir);
  });
  let out = '';
  host.stdout!.on('data', (d) => (out += d));
  const url = await eventually('the endpoint in the child process', async () => /listening on (\S+)/.exec(out)?.[1], 30_000);
  await oneNode(url, 'orphan-to-be');
  const pids = recordedPids(dataDir);
  assert.equal(pids.length, 1);
  host.kill('SIGKILL');
  await exited;
  await eventually('the node stopped by the watchdog', async () => pids.every((pid) => !alive(pid)), 10_000);
});

/** Pids of processes whose command line names `dataDir` (the watchdog is given it as an argument). */
function processesNaming(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').includes(dataDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

test('a clean stop ends the watchdog with the endpoint', { timeout: 30_000 }, async () => {
  const dataDir = tempDataDir();
  cleanups.push(() => killRecordedAndRemove(dataDir));
  const endpoint = await startLocalEndpoint({ port: 0, dataDir, nodesOutliveProcess: false });
  const watchdogs = processesNaming(dataDir);
  assert.equal(watchdogs.length, 1, 'one watchdog while the endpoint runs');
  await endpoint.stop();
  await eventually('the watchdog gone', async () => watchdogs.every((pid) => !alive(pid)), 5000);
});

/** The NAME=value entries of a process's environment. */
function environmentOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
}

test('nodes and the watchdog do not inherit the endpoint\'s secrets (their environment is readable in /proc for as long as they run)', { timeout: 60_000 }, async () => {
  const secrets = { AWS_SECRET_ACCESS_KEY: 'inherited-aws-secret', AWS_SESSION_TOKEN: 'inherited-session-token', ELASTICACHE_LOCAL_SECRET_KEY: 'inherited-local-secret' };
  const saved = Object.fromEntries(Object.keys(secrets).map((k) => [k, process.env[k]]));
  Object.assign(process.env, secrets);
  const dataDir = tempDataDir();
  cleanups.push(() => killRecordedAndRemove(dataDir));
  const endpoint = await startLocalEndpoint({ port: 0, dataDir, nodesOutliveProcess: false });
  try {
    const client = sdkClient(endpoint.url);
    await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'env-redis', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
    await oneNode(endpoint.url, 'env-memcached');
    await waitAvailable(client, 'env-redis');
    client.destroy();
    const pids = [...recordedPids(dataDir), ...processesNaming(dataDir)];
    assert.equal(pids.length, 3, 'two nodes and the watchdog');
    for (const pid of pids) {
      const environment = environmentOf(pid);
      for (const [name, value] of Object.entries(secrets)) {
        assert.ok(!environment.some((e) => e.startsWith(`${name}=`) || e.includes(value)), `${name} in the environment of ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]}`);
      }
    }
    // Clean case: what a program needs to run is still there (redis-server writes its process title over its
    // environment's memory, so only memcached and the watchdog show theirs).
    for (const pid of [...processesNaming(dataDir), ...recordedPids(dataDir).filter((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('memcached'))]) {
      assert.ok(environmentOf(pid).some((e) => e.startsWith('PATH=')), `PATH of ${pid}`);
    }
  } finally {
    await endpoint.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});
