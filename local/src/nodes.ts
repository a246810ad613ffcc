// Cache nodes as real processes: Debian's redis-server (engines redis and valkey) and memcached, each on its own
// loopback port, started detached so that they outlive a crash of the endpoint and are adopted again on restart.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promises as fs, constants as fsConstants, openSync, closeSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { tlsDirOf, tlsCaFileOf } from './dataDir';

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

/** Where a started node listens, and what a readiness probe needs to talk to it. */
export interface NodeAddress {
  kind: NodeKind;
  host: string;
  port: number;
  /** The node's directory: a Redis node's password is in its redis.conf there. */
  dir: string;
  tls?: TlsFiles;
}

/**
 * `ready` (commands work), `loading` (Redis/Valkey answer every command with -LOADING until the AOF is loaded),
 * or `down` (no connection, no reply in time).
 */
export type Readiness = 'ready' | 'loading' | 'down';

/** The RESP encoding of one command (bulk strings, so any bytes of a password travel as they are). */
function respCommand(...args: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from(`*${args.length}\r\n`), ...args.flatMap((a) => [Buffer.from(`$${a.length}\r\n`), a, Buffer.from('\r\n')])]);
}

interface Probe {
  kind: NodeKind;
  host: string;
  port: number;
  password?: Buffer;
  /** The CA to verify a TLS node by (its self-signed certificate). */
  tlsCa?: Buffer;
}

/**
 * One probe. Memcached has no loading state: a TCP connection is enough. Redis/Valkey: `AUTH` (when the node has
 * a password: unauthenticated, PING gets -NOAUTH even while loading) and `PING`, pipelined, over TLS for a TLS
 * node; a PING reply other than -LOADING means commands are served (a -NOAUTH/-WRONGPASS would reach clients
 * the same way, loaded or not).
 */
function probeOnce(probe: Probe, timeoutMs: number): Promise<Readiness> {
  if (probe.kind === 'memcached') return answers(probe.host, probe.port, timeoutMs).then((ok) => (ok ? 'ready' : 'down'));
  return new Promise((resolve) => {
    const connectOpts = { host: probe.host, port: probe.port };
    const socket: net.Socket = probe.tlsCa ? tls.connect({ ...connectOpts, ca: probe.tlsCa, servername: 'localhost' }) : net.connect(connectOpts);
    const repliesExpected = probe.password ? 2 : 1;
    let received = '';
    let settled = false;
    const done = (result: Readiness) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done('down'), timeoutMs);
    socket.once(probe.tlsCa ? 'secureConnect' : 'connect', () => {
      const commands = [respCommand(Buffer.from('PING'))];
      if (probe.password) commands.unshift(respCommand(Buffer.from('AUTH'), probe.password));
      socket.write(Buffer.concat(commands));
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const lines = received.split('\r\n');
      if (lines.length <= repliesExpected) return; // the last reply is not complete yet
      done(lines[repliesExpected - 1].startsWith('-LOADING') ? 'loading' : 'ready');
    });
    socket.once('error', () => done('down'));
    socket.once('close', () => done('down'));
  });
}

/** What a probe of this node needs from its files: the password (never logged) and the CA of a TLS node. */
async function probeFor(node: NodeAddress): Promise<Probe> {
  const probe: Probe = { kind: node.kind, host: node.host, port: node.port };
  if (node.kind !== 'redis') return probe;
  probe.password = await readRedisPassword(node.dir);
  if (node.tls) probe.tlsCa = await fs.readFile(node.tls.certFile);
  return probe;
}

/** Whether the node serves commands now (one probe, bounded by timeoutMs). */
export async function nodeReadiness(node: NodeAddress, timeoutMs = 1000): Promise<Readiness> {
  return probeOnce(await probeFor(node), timeoutMs);
}

/**
 * Polls until the node serves commands: false after timeoutMs without a reply, or as soon as `gaveUp()` says so
 * (process exited). A node that answers -LOADING is making progress, so each such answer extends the deadline by
 * timeoutMs, up to loadingLimitMs in all (a large AOF can take longer than a start does).
 */
export async function waitUntilReady(
  node: NodeAddress,
  timeoutMs: number,
  gaveUp: () => boolean = () => false,
  loadingLimitMs = 5 * 60_000,
): Promise<boolean> {
  const started = Date.now();
  let deadline = started + timeoutMs;
  const probe = await probeFor(node);
  let pause = 5;
  while (Date.now() < deadline) {
    const readiness = await probeOnce(probe, Math.min(1000, Math.max(1, deadline - Date.now())));
    // Ready only counts while our process runs (not another one that holds the port).
    if (readiness === 'ready') return !gaveUp();
    if (gaveUp()) return false;
    if (readiness === 'loading') {
      deadline = Math.min(Math.max(deadline, Date.now() + timeoutMs), started + loadingLimitMs);
      pause = Math.min(pause * 2, 50); // loading takes a while: poll less often
    } else {
      pause = 5; // a starting process listens within milliseconds
    }
    await sleep(pause);
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
  const dir = tlsDirOf(dataDir);
  const certFile = tlsCaFileOf(dataDir);
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
  ], { env: childEnvironment() });
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
  /** The node's password: the AuthToken at its create, afterwards read back from its 0600 config file (the only place it is kept). */
  authToken?: string | Buffer;
  tls?: TlsFiles;
  /** Memcached memory limit in MB. */
  memoryMb?: number;
  /** A replica of a replication group: the primary it copies (Redis/Valkey `replicaof`). */
  replicaOf?: { host: string; port: number };
}

const redisConfigFile = (dir: string) => path.join(dir, 'redis.conf');

async function writePrivateFile(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text, { mode: 0o600 });
  await fs.chmod(tmp, 0o600);
  await fs.rename(tmp, file);
}

/** Redis configuration values must be quoted; redis's sds parser understands "\xHH" escapes in double quotes. */
function redisQuote(value: string | Buffer): string {
  return '"' + [...(typeof value === 'string' ? Buffer.from(value, 'utf8') : value)].map((b) => (b >= 0x21 && b <= 0x7e && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('') + '"';
}

/** The inverse of redisQuote for one value as it wrote it (`"…"` with `\xHH` escapes). */
function redisUnquote(quoted: string): Buffer {
  const body = quoted.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === 'x') {
      bytes.push(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      bytes.push(body.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

/** The `requirepass` that writeNodeConfig put in a Redis node's redis.conf, if any (the only place it is kept). */
export async function readRedisPassword(dir: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await fs.readFile(redisConfigFile(dir), 'utf8');
  } catch {
    return undefined;
  }
  const line = text.split('\n').find((l) => l.startsWith('requirepass "'));
  return line ? redisUnquote(line.slice('requirepass '.length).trim()) : undefined;
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
    // A primary otherwise waits 5 s for more replicas before it sends its data set to the first one.
    'repl-diskless-sync-delay 0',
  ];
  if (cfg.tls) {
    lines.push('port 0', `tls-port ${cfg.port}`, `tls-cert-file ${redisQuote(cfg.tls.certFile)}`, `tls-key-file ${redisQuote(cfg.tls.keyFile)}`, `tls-ca-cert-file ${redisQuote(cfg.tls.certFile)}`, 'tls-auth-clients no');
  } else {
    lines.push(`port ${cfg.port}`);
  }
  if (cfg.authToken) lines.push(`requirepass ${redisQuote(cfg.authToken)}`);
  if (cfg.replicaOf) {
    // A replica authenticates to its primary with the group's one AuthToken, over TLS when the group has transit
    // encryption (the primary then serves TLS only).
    lines.push(`replicaof ${cfg.replicaOf.host} ${cfg.replicaOf.port}`);
    if (cfg.authToken) lines.push(`masterauth ${redisQuote(cfg.authToken)}`);
    if (cfg.tls) lines.push('tls-replication yes');
  }
  await writePrivateFile(redisConfigFile(cfg.dir), lines.join('\n') + '\n');
}

export interface RunningNode {
  pid: number;
  child?: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  hasExited: () => boolean;
}

/**
 * The environment of the processes the endpoint starts (nodes, watchdog): only what a program may need to run, never
 * the endpoint's own, which can hold ELASTICACHE_LOCAL_SECRET_KEY or, in the extension host, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN (readable in /proc/<pid>/environ for as long as a detached node runs).
 */
export function childEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'LANG', 'TZ']) {
    const value = env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
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
    child = spawn(binary, args, { cwd: cfg.dir, detached: true, stdio: ['ignore', log, log], env: childEnvironment() });
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
