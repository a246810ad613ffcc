// Cache nodes as real processes: Debian's redis-server (engines redis and valkey) and memcached, each on its own
// loopback port, started detached so that they outlive a crash of the endpoint and are adopted again on restart.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promises as fs, constants as fsConstants, openSync, closeSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';

export type NodeKind = 'redis' | 'memcached';

const binaries: Record<NodeKind, { binary: string; debianPackage: string }> = {
  redis: { binary: 'redis-server', debianPackage: 'redis-server' },
  memcached: { binary: 'memcached', debianPackage: 'memcached' },
};

/** The absolute path of an executable on PATH, or undefined. */
export async function findExecutable(name: string, envPath = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      await fs.access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface NodeBinaries {
  redis?: string;
  /** valkey-server, preferred for engine valkey when installed (otherwise redis-server runs Valkey clusters). */
  valkey?: string;
  memcached?: string;
}

export async function findNodeBinaries(): Promise<NodeBinaries> {
  return { redis: await findExecutable('redis-server'), valkey: await findExecutable('valkey-server'), memcached: await findExecutable('memcached') };
}

/** A clear, actionable message for a missing node binary (names the Debian package). */
export function missingBinaryMessage(kind: NodeKind): string {
  const { binary, debianPackage } = binaries[kind];
  return `${binary} is not installed: install the Debian package ${debianPackage} (sudo apt-get install ${debianPackage})`;
}

/** A free TCP port on `host`, chosen by the OS. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when `port` can be bound on `host` right now. */
export function portIsFree(host: string, port: number): Promise<boolean> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return Promise.resolve(false);
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when something accepts TCP connections on host:port. */
export function answers(host: string, port: number, timeoutMs = 200): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the port answers; false after timeoutMs, or as soon as `gaveUp()` says so (process exited). */
export async function waitUntilAnswering(host: string, port: number, timeoutMs: number, gaveUp: () => boolean = () => false): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Answering only counts while our process runs (not another one that holds the port).
    if (await answers(host, port)) return !gaveUp();
    if (gaveUp()) return false;
    await sleep(5);
  }
  return false;
}

export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie (exited, not yet reaped) is not alive for our purposes.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** The executable a pid runs (Linux /proc), to avoid adopting an unrelated process that reused the pid. */
export async function runsExecutable(pid: number, binary: string): Promise<boolean | undefined> {
  let exe: string;
  try {
    exe = await fs.readlink(`/proc/${pid}/exe`);
  } catch {
    return undefined; // no /proc (or not permitted): cannot tell
  }
  // Debian's redis-server is a symlink to redis-check-rdb: compare resolved paths.
  const real = await fs.realpath(binary).catch(() => binary);
  return exe === real || exe === binary;
}

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/**
 * A self-signed certificate for 127.0.0.1/localhost, generated once per data directory with the openssl CLI
 * (Node has no API to create X.509 certificates). Clients can trust `certFile` as the CA.
 */
export function ensureTlsCertificate(dataDir: string): Promise<TlsFiles> {
  // One generation per directory even when several TLS clusters are created at once.
  let pending = certificates.get(dataDir);
  if (!pending) {
    pending = generateTlsCertificate(dataDir);
    certificates.set(dataDir, pending);
    pending.catch(() => certificates.delete(dataDir));
  }
  return pending;
}

const certificates = new Map<string, Promise<TlsFiles>>();

async function generateTlsCertificate(dataDir: string): Promise<TlsFiles> {
  const dir = path.join(dataDir, 'tls');
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  try {
    await fs.access(certFile);
    await fs.access(keyFile);
    return { certFile, keyFile };
  } catch {
    // generate below
  }
  const openssl = await findExecutable('openssl');
  if (!openssl) throw new Error('openssl is not installed: install the Debian package openssl (sudo apt-get install openssl)');
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmpKey = `${keyFile}.${process.pid}.tmp`;
  const tmpCert = `${certFile}.${process.pid}.tmp`;
  await promisify(execFile)(openssl, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', tmpKey, '-out', tmpCert, '-days', '3650',
    '-subj', '/CN=ElastiCache local endpoint',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
    '-addext', 'basicConstraints=critical,CA:TRUE',
  ]);
  await fs.chmod(tmpKey, 0o600);
  await fs.rename(tmpKey, keyFile);
  await fs.rename(tmpCert, certFile);
  return { certFile, keyFile };
}

export interface NodeConfig {
  kind: NodeKind;
  /** The node's own directory (config, AOF, log). */
  dir: string;
  host: string;
  port: number;
  /** Only when the node is first created; afterwards it lives only in the 0600 config file. */
  authToken?: string;
  tls?: TlsFiles;
  /** Memcached memory limit in MB. */
  memoryMb?: number;
}

const redisConfigFile = (dir: string) => path.join(dir, 'redis.conf');

async function writePrivateFile(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text, { mode: 0o600 });
  await fs.chmod(tmp, 0o600);
  await fs.rename(tmp, file);
}

/** Redis configuration values must be quoted; redis's sds parser understands "\xHH" escapes in double quotes. */
function redisQuote(value: string): string {
  return '"' + [...Buffer.from(value, 'utf8')].map((b) => (b >= 0x21 && b <= 0x7e && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('') + '"';
}

/**
 * Writes the node's configuration (mode 0600: it may hold the AuthToken, which must never be on a command line).
 * Redis data is persisted in the node directory with AOF (fsync every second).
 */
export async function writeNodeConfig(cfg: NodeConfig): Promise<void> {
  await fs.mkdir(cfg.dir, { recursive: true, mode: 0o700 });
  if (cfg.kind !== 'redis') return;
  const lines = [
    '# Written by the ElastiCache local endpoint. Mode 0600: may contain the AuthToken.',
    `bind ${cfg.host}`,
    'protected-mode no',
    'daemonize no',
    'supervised no',
    `dir ${redisQuote(cfg.dir)}`,
    'logfile ""',
    'save ""',
    'appendonly yes',
    'appendfsync everysec',
    'appendfilename "appendonly.aof"',
  ];
  if (cfg.tls) {
    lines.push('port 0', `tls-port ${cfg.port}`, `tls-cert-file ${redisQuote(cfg.tls.certFile)}`, `tls-key-file ${redisQuote(cfg.tls.keyFile)}`, `tls-ca-cert-file ${redisQuote(cfg.tls.certFile)}`, 'tls-auth-clients no');
  } else {
    lines.push(`port ${cfg.port}`);
  }
  if (cfg.authToken) lines.push(`requirepass ${redisQuote(cfg.authToken)}`);
  await writePrivateFile(redisConfigFile(cfg.dir), lines.join('\n') + '\n');
}

export interface RunningNode {
  pid: number;
  child?: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  hasExited: () => boolean;
}

/** Starts the node process (detached, own process group, output to node.log in its directory). */
export async function spawnNode(cfg: NodeConfig, binary: string): Promise<RunningNode> {
  const log = openSync(path.join(cfg.dir, 'node.log'), 'a', 0o600);
  let args: string[];
  if (cfg.kind === 'redis') {
    args = [redisConfigFile(cfg.dir)];
  } else {
    args = ['-l', cfg.host, '-p', String(cfg.port), '-U', '0', '-m', String(cfg.memoryMb ?? 64), '-t', '1'];
    // memcached refuses to run as root without naming the user to run as.
    if (process.getuid?.() === 0) args.push('-u', 'root');
    // In-transit encryption: every listener serves TLS only (memcached 1.6 built with TLS, as Debian's is).
    if (cfg.tls) args.push('-Z', '-o', `ssl_chain_cert=${cfg.tls.certFile},ssl_key=${cfg.tls.keyFile}`);
  }
  let child: ChildProcess;
  try {
    child = spawn(binary, args, { cwd: cfg.dir, detached: true, stdio: ['ignore', log, log] });
  } finally {
    closeSync(log);
  }
  const spawned = await new Promise<Error | undefined>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', (err) => resolve(err));
  });
  if (spawned || !child.pid) throw new Error(`could not start ${binary}: ${spawned?.message ?? 'no pid'}`);
  child.unref();
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  return { pid: child.pid, child, exited: exitPromise, hasExited: () => exited };
}

/** A node process started by an earlier endpoint (not our child): watched by polling its pid. */
export function adoptNode(pid: number): RunningNode {
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (!isAlive(pid)) {
        clearInterval(timer);
        exited = true;
        resolve();
      }
    }, 250);
    timer.unref();
  });
  return { pid, exited: exitPromise, hasExited: () => exited || !isAlive(pid) };
}

/** SIGTERM (redis flushes its AOF), then SIGKILL after graceMs. */
export async function stopNode(node: RunningNode, graceMs = 5000): Promise<void> {
  if (node.hasExited()) return;
  try {
    process.kill(node.pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (!node.hasExited() && isAlive(node.pid) && Date.now() < deadline) {
    await Promise.race([node.exited, sleep(10)]);
  }
  if (isAlive(node.pid)) {
    try {
      process.kill(node.pid, 'SIGKILL');
    } catch {
      // gone
    }
    while (isAlive(node.pid) && Date.now() < deadline + 2000) await sleep(10);
  }
}
