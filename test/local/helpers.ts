// Shared helpers for the local-endpoint tests: temp data dirs, SDK clients, process bookkeeping.
import { DescribeCacheClustersCommand, ElastiCacheClient, waitUntilCacheClusterAvailable, type CacheCluster } from '@aws-sdk/client-elasticache';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { stopRecordedNodes } from '../../local/src/index';

export const repoRoot = path.resolve(__dirname, '..', '..');

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'elasticache-local-test-'));
}

export function sdkClient(url: string, credentials = { accessKeyId: 'test', secretAccessKey: 'test' }): ElastiCacheClient {
  return new ElastiCacheClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** Pids of node processes recorded in a data directory's state file. */
export function recordedPids(dataDir: string): number[] {
  try {
    const state = JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')) as { clusters: { nodes: { pid?: number }[] }[] };
    return state.clusters.flatMap((c) => c.nodes.map((n) => n.pid).filter((p): p is number => typeof p === 'number'));
  } catch {
    return [];
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Last-resort cleanup: kill every node process a data directory recorded, then remove the directory. */
export function killRecordedAndRemove(dataDir: string, extraPids: number[] = []): void {
  for (const pid of [...recordedPids(dataDir), ...extraPids]) {
    try {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.setTimeout(500, () => {
      s.destroy();
      resolve(false);
    });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** memcached text protocol over a plain socket: one command, the reply up to its terminator. */
export function memcachedCommand(port: number, command: string, terminator: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    s.setTimeout(3000, () => {
      s.destroy();
      reject(new Error(`memcached on ${port}: no reply to ${command.split('\r\n')[0]}`));
    });
    s.on('data', (d) => {
      reply += d.toString('utf8');
      if (terminator.test(reply)) {
        s.end();
        resolve(reply);
      }
    });
    s.once('error', reject);
    s.write(command);
  });
}

/**
 * The command line of the built CLI (dist/cli.js, built by `npm test`) when it is newer than the endpoint's
 * sources, else the TypeScript source via tsx (so a run without a build never tests stale code).
 */
export function cliCommand(): string[] {
  const built = path.join(repoRoot, 'dist', 'cli.js');
  const sourceDir = path.join(repoRoot, 'local', 'src');
  const newestSource = Math.max(...readdirSync(sourceDir).map((f) => statSync(path.join(sourceDir, f)).mtimeMs));
  const fresh = existsSync(built) && statSync(built).mtimeMs >= newestSource;
  return fresh ? [built] : ['--import', 'tsx', path.join(repoRoot, 'server', 'src', 'cli.ts')];
}

export interface CliEndpoint {
  child: ChildProcess;
  dataDir: string;
  url: string;
  port: number;
  firstLine: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `elasticache local --port 0 --data DIR …` and waits for its start-up line. */
export async function startCli(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<CliEndpoint> {
  const child = spawn(process.execPath, [...cliCommand(), 'local', '--port', '0', '--data', dataDir, ...extraArgs], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const firstLine = await eventually(
    'the start-up line',
    async () => {
      if (child.exitCode !== null) throw new Error(`elasticache local exited (${child.exitCode}): ${out}`);
      return out.split('\n').find((l) => l.startsWith('ElastiCache local endpoint listening on'));
    },
    20_000,
  );
  const url = /listening on (http:\/\/\S+?)(\s|$)/.exec(firstLine)![1];
  return { child, dataDir, url, port: Number(new URL(url).port), firstLine, output: () => out, exited };
}

/**
 * SIGTERM, then the exit code. Bounded: if the process has not exited after `timeoutMs`, it is killed (SIGKILL),
 * the nodes its data directory records are stopped, and the result is null (so `=== 0` assertions fail).
 */
export async function stopCli(cli: Pick<CliEndpoint, 'child' | 'dataDir' | 'exited'>, timeoutMs = 15_000): Promise<number | null> {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const code = await Promise.race([cli.exited, timedOut]);
  clearTimeout(timer);
  if (code !== 'timeout') return code;
  cli.child.kill('SIGKILL');
  await Promise.race([cli.exited, new Promise((r) => setTimeout(r, 2000))]);
  await stopRecordedNodes(cli.dataDir);
  return null;
}

/** The SDK's own waiter (first check immediate, then one poll a second), then the cluster with its nodes. */
export async function waitAvailable(client: ElastiCacheClient, id: string): Promise<CacheCluster> {
  await waitUntilCacheClusterAvailable({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { CacheClusterId: id });
  const out = await client.send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }));
  return out.CacheClusters![0];
}
