// Starts and stops the Local endpoint in the extension's own process (engineer B's module, loaded on demand).
// No VS Code imports.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { isDeletion } from './clusterView';
import { LOCAL_CREDENTIALS, LOCAL_REGION, loadSdk } from './connections';

export interface LocalEndpointHandle {
  url: string;
  port: number;
  host: string;
  dataDir: string;
  /** The self-signed certificate the endpoint's TLS nodes serve, for clients to trust as the CA (LocalEndpoint.tlsCaFile). */
  tlsCaFile: string;
  /**
   * Set when this window uses an endpoint another process runs (`npm start`, `elasticache local`, another window):
   * that process's pid and command line. Stopping it is left to that process.
   */
  startedBy?: { pid: number; command?: string };
  /** The configured port, when another program held it and the endpoint started on a free port instead. */
  portTaken?: number;
  stop(): Promise<void>;
}

/** A workspace folder on disk, and whether the workspace is trusted. */
export interface WorkspaceFolderOnDisk {
  path: string;
  trusted: boolean;
}

export interface LocalStartOptions {
  port: number;
  /** elasticache.local.dataDir as written (see resolveLocalDataDir); undefined: the per-user default. */
  dataDir?: string;
  /** The first workspace folder on disk, which a relative dataDir is resolved against while it is trusted. */
  workspaceFolder?: WorkspaceFolderOnDisk;
  log?: (line: string) => void;
}

/** True when `url` answers a signed DescribeCacheClusters (Local credentials) with ElastiCache's XML (the service model's namespace). */
export async function answersDescribeCacheClusters(url: string): Promise<boolean> {
  // Loaded here, not at activation (the service model is large): activation.test.ts keeps it so.
  const [{ SignatureV4 }, { Sha256 }, { HttpRequest }, { serviceModel }] = await Promise.all([
    import('@smithy/signature-v4'),
    import('@aws-crypto/sha256-js'),
    import('@smithy/protocol-http'),
    import('../../server/src/model/generated/serviceModel'),
  ]);
  const target = new URL(url);
  const body = `Action=DescribeCacheClusters&Version=${serviceModel.metadata.apiVersion}`;
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: target.hostname,
    port: Number(target.port),
    path: '/',
    headers: { host: target.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  const signer = new SignatureV4({ credentials: LOCAL_CREDENTIALS, region: LOCAL_REGION, service: 'elasticache', sha256: Sha256 });
  const signed = await signer.sign(request);
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', headers: signed.headers, timeout: 1500 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += text.length < 4096 ? chunk : ''));
      res.on('end', () => resolve(res.statusCode === 200 && text.includes(`<DescribeCacheClustersResponse xmlns="${serviceModel.metadata.xmlNamespace}"`)));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

/** The pid the endpoint serving `dataDir` recorded in its lock file (local/src/index.ts: endpoint.pid). */
function recordedPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'endpoint.pid'), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The command line of process `pid` (Linux /proc), with the values of --access-key/--secret-key left out, or undefined
 * where /proc cannot tell.
 */
export function commandLineOf(pid: number): string | undefined {
  let argv: string[];
  try {
    argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
  const shown = argv.map((arg, i) => (/^--(access|secret)-key$/.test(argv[i - 1] ?? '') ? '…' : arg.replace(/^(--(?:access|secret)-key=).*/, '$1…')));
  return shown.join(' ') || undefined;
}

/**
 * The TCP ports process `pid` listens on (Linux: the inodes /proc/net/tcp lists as listening that are among the
 * process's open sockets; reading another user's fd table fails, so this also proves the same user). Empty where
 * /proc cannot tell.
 */
export function listeningPorts(pid: number): number[] {
  let sockets: Set<string>;
  try {
    sockets = new Set(
      fs.readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? [];
        } catch {
          return [];
        }
      }),
    );
  } catch {
    return [];
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && cols[9] && sockets.has(cols[9])) ports.add(parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** Whether process `pid` holds the socket listening on TCP `port` (see listeningPorts). False where /proc cannot tell. */
export function listensOn(pid: number, port: number): boolean {
  return listeningPorts(pid).includes(port);
}

/**
 * Why the Local endpoint cannot start on `dataDir` while another endpoint holds it (process `ownerPid`), in VS Code
 * terms: that endpoint's URL when /proc tells it, and the settings to change.
 */
export function dataDirInUseMessage(dataDir: string, ownerPid: number): string {
  const port = listeningPorts(ownerPid)[0];
  const url = port === undefined ? undefined : `http://127.0.0.1:${port}`;
  return url
    ? `The Local endpoint's data folder ${dataDir} is in use by another Local endpoint, at ${url}: set elasticache.local.port to ${port} to use that endpoint, or elasticache.local.dataDir to another folder, or stop it where it was started.`
    : `The Local endpoint's data folder ${dataDir} is in use by another Local endpoint (process ${ownerPid}): set elasticache.local.dataDir to another folder, or stop that endpoint where it was started.`;
}

/**
 * Whether the endpoint on 127.0.0.1:`port` is ours to use: the one that serves `dataDir` (its recorded pid holds the
 * listening socket) and that answers like ElastiCache. Any other process on the port (another user's, or one a
 * workspace names) is never sent requests, since they may carry AuthTokens.
 */
export async function isOwnLocalEndpoint(port: number, dataDir: string): Promise<boolean> {
  const pid = recordedPid(dataDir);
  if (!pid || !listensOn(pid, port)) return false;
  return answersDescribeCacheClusters(`http://127.0.0.1:${port}`);
}

/**
 * The folder elasticache.local.dataDir names: a leading ~ is the home folder (VS Code does not expand it; Node
 * would make a folder named "~"), a relative path is taken in the first workspace folder, never in the extension
 * host's working directory, and never in an untrusted folder: the endpoint runs the cluster state it finds in its
 * data folder, which a repository could ship. Undefined when the setting is empty (the per-user default applies).
 */
export function resolveLocalDataDir(setting: string | undefined, workspaceFolder: WorkspaceFolderOnDisk | undefined): string | undefined {
  const value = setting?.trim();
  if (!value) return undefined;
  if (value === '~' || value.startsWith('~/')) return path.resolve(os.homedir(), `.${value.slice(1)}`);
  if (path.isAbsolute(value)) return path.resolve(value);
  if (!workspaceFolder) {
    throw new Error(
      `elasticache.local.dataDir (${value}) is a relative path, and no folder is open to take it in: set it to an absolute path, or one starting with ~/.`,
    );
  }
  if (!workspaceFolder.trusted) {
    throw new Error(
      `elasticache.local.dataDir (${value}) is a relative path, which is taken in the workspace folder only once you trust it (the Local endpoint would run what a folder's data holds): trust the folder, or set the setting to an absolute path, or one starting with ~/.`,
    );
  }
  return path.resolve(workspaceFolder.path, value);
}

/** A handle on the endpoint another process runs for `dataDir` on `port` (see isOwnLocalEndpoint): stop() leaves it running. */
async function adopted(port: number, dataDir: string, pid: number): Promise<LocalEndpointHandle> {
  // local/ is loaded on first use only (activation stays light): its data-folder module names the certificate's place.
  const { tlsCaFileOf } = await import('../../local/src/dataDir');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    host: '127.0.0.1',
    dataDir,
    tlsCaFile: tlsCaFileOf(dataDir),
    startedBy: { pid, command: commandLineOf(pid) },
    stop: async () => undefined,
  };
}

export class LocalEndpointManager {
  private endpoint: LocalEndpointHandle | undefined;
  private starting: Promise<LocalEndpointHandle> | undefined;

  get url(): string | undefined {
    return this.endpoint?.url;
  }

  get running(): LocalEndpointHandle | undefined {
    return this.endpoint;
  }

  /** Starts once; concurrent callers share the start. A busy port falls back to a free one. */
  start(options: LocalStartOptions): Promise<LocalEndpointHandle> {
    if (this.endpoint) return Promise.resolve(this.endpoint);
    const starting = this.starting ?? this.startOnce(options).finally(() => (this.starting = undefined));
    this.starting = starting;
    return starting;
  }

  private async startOnce(options: LocalStartOptions): Promise<LocalEndpointHandle> {
    const { startLocalEndpoint, defaultDataDir } = await import('../../local/src/index');
    const dataDir = resolveLocalDataDir(options.dataDir, options.workspaceFolder) ?? defaultDataDir();
    // The extension host may be killed without deactivating (code-server on Ctrl-C): its nodes must not outlive it.
    const base = { host: '127.0.0.1', dataDir, log: options.log, nodesOutliveProcess: false };
    let endpoint: LocalEndpointHandle;
    try {
      endpoint = await startLocalEndpoint({ ...base, port: options.port });
    } catch (err) {
      const code = (err as { code?: string }).code;
      // The endpoint of this data directory already serves this port (e.g. `npm run local` or `npm start`): use it,
      // do not stop it.
      const url = `http://127.0.0.1:${options.port}`;
      const owner = recordedPid(dataDir);
      if (options.port !== 0 && owner && (await isOwnLocalEndpoint(options.port, dataDir))) {
        options.log?.(`Using the Local endpoint already listening on ${url} (data in ${dataDir}).`);
        endpoint = await adopted(options.port, dataDir, owner);
      } else if (code === 'EDATADIRLOCKED') {
        // The endpoint's own wording is for the command line (--data, a pid).
        throw new Error(dataDirInUseMessage(dataDir, (err as { ownerPid: number }).ownerPid));
      } else if (code === 'EADDRINUSE' && options.port !== 0) {
        options.log?.(`Port ${options.port} is in use by another process; starting the Local endpoint on a free port.`);
        endpoint = { ...(await startLocalEndpoint({ ...base, port: 0 })), portTaken: options.port };
      } else {
        throw err;
      }
    }
    this.endpoint = endpoint;
    return endpoint;
  }

  /**
   * Finds the endpoint of the configured data directory already answering on the configured port (`npm start`,
   * `elasticache local`, another window), as start() would adopt it, without starting one; forgets an adopted one
   * that is gone. Cheap when there is none: the lock file and /proc first, a signed request only when its pid
   * listens on the port.
   */
  async detect(options: Pick<LocalStartOptions, 'port' | 'dataDir' | 'workspaceFolder'>): Promise<LocalEndpointHandle | undefined> {
    if (this.starting) return this.starting.catch(() => undefined);
    if (this.endpoint && !this.endpoint.startedBy) return this.endpoint;
    let dataDir: string;
    try {
      dataDir = await configuredDataDir(options.dataDir, options.workspaceFolder);
    } catch {
      return this.endpoint; // a relative dataDir and no folder: the Start command says so
    }
    const owner = recordedPid(dataDir);
    const known = this.endpoint;
    const same = known && known.port === options.port && known.dataDir === dataDir && known.startedBy?.pid === owner;
    let found: LocalEndpointHandle | undefined;
    if (options.port !== 0 && owner && listensOn(owner, options.port)) {
      found = same ? known : (await answersDescribeCacheClusters(`http://127.0.0.1:${options.port}`)) ? await adopted(options.port, dataDir, owner) : undefined;
    }
    // Started meanwhile by this window: keep it.
    if (this.endpoint && !this.endpoint.startedBy) return this.endpoint;
    this.endpoint = found;
    return found;
  }

  async stop(): Promise<void> {
    const endpoint = this.endpoint ?? (await this.starting?.catch(() => undefined));
    this.endpoint = undefined;
    await endpoint?.stop();
  }
}

/** Why Local is being started: the Start command, or a step of another action (which reports it in its progress). */
export type LocalStartPurpose = { kind: 'command' } | { kind: 'step'; report: (message: string) => void };

/**
 * Starts Local (or finds it running) for `purpose`. The Start command gets a notice to show; a step of another
 * action gets none, only a line in that action's progress: VS Code shows at most three toasts, and a "listening"
 * notice would push the action's own result (e.g. "Cache cluster … is available") into the notification center.
 */
export async function startLocalFor(
  manager: LocalEndpointManager,
  options: LocalStartOptions,
  purpose: LocalStartPurpose,
): Promise<{ endpoint: LocalEndpointHandle; notice?: LocalNotice }> {
  if (purpose.kind === 'step' && !manager.running) purpose.report('starting the Local endpoint…');
  const endpoint = await manager.start(options);
  return purpose.kind === 'command' ? { endpoint, notice: startedNotice(endpoint) } : { endpoint };
}

/** What the Start command tells: where the endpoint listens, or (a warning) why not on the configured port. */
export interface LocalNotice {
  message: string;
  warning: boolean;
}

export function startedNotice(endpoint: LocalEndpointHandle): LocalNotice {
  if (endpoint.portTaken === undefined) return { message: `Local endpoint listening on ${endpoint.url}.`, warning: false };
  return {
    message:
      `Port ${endpoint.portTaken} (elasticache.local.port) is in use by another program, not by the Local endpoint of ${endpoint.dataDir}: ` +
      `the Local endpoint started on ${endpoint.url} instead, with its own clusters. If that program is a Local endpoint of another data folder ` +
      '(e.g. npm start -- --data DIR), set elasticache.local.dataDir to that folder; otherwise stop that program or choose another elasticache.local.port.',
    warning: true,
  };
}

/**
 * Why Stop leaves `endpoint` running, when another process started it (said instead of stopping it: the endpoint
 * may be another window's, and the lock file's pid alone cannot tell a safe way to stop it).
 */
export function startedElsewhereNotice(endpoint: LocalEndpointHandle): string | undefined {
  const by = endpoint.startedBy;
  if (!by) return undefined;
  return (
    `The Local endpoint at ${endpoint.url} keeps running: another process started it (pid ${by.pid}${by.command ? `: ${by.command}` : ''}), ` +
    'and this window only uses it. Stop it where it was started (for npm start or elasticache local, Ctrl-C in its terminal).'
  );
}

/** Whether process `pid` exists (a signal 0 to another user's process fails with EPERM: it exists). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/** The folder the Local endpoint settings name (elasticache.local.dataDir, else the per-user default). */
export async function configuredDataDir(setting: string | undefined, workspaceFolder: WorkspaceFolderOnDisk | undefined): Promise<string> {
  return resolveLocalDataDir(setting, workspaceFolder) ?? (await import('../../local/src/dataDir')).defaultDataDir();
}

/** The Local endpoint settings as they are now, the data folder resolved (configuredDataDir). */
export interface NextLocalSettings {
  port: number;
  dataDir: string;
}

/**
 * The live process that holds `next.dataDir` (its lock file) and that a restart with `next` would neither stop nor
 * adopt, so the start would fail: it is not this window's own `endpoint` on that folder (a restart stops that one),
 * and it does not listen on `next.port` (start() would use it there).
 */
function blockingHolder(endpoint: LocalEndpointHandle, next: NextLocalSettings): number | undefined {
  const holder = recordedPid(next.dataDir);
  if (!holder || !isAlive(holder)) return undefined;
  if (!endpoint.startedBy && endpoint.dataDir === next.dataDir) return undefined;
  return listensOn(holder, next.port) ? undefined : holder;
}

/**
 * What to say when elasticache.local.port or elasticache.local.dataDir (`changed`) change while Local runs: nothing
 * changes until the endpoint starts again. An endpoint another process runs is not restarted, only left for one
 * started with the new settings. When another endpoint holds the data folder the settings name (e.g. npm start's,
 * after only the port changed), no endpoint can start with them: said up front, with what to change, and no button.
 */
export function settingsChangedNotice(endpoint: LocalEndpointHandle, changed: string[], next: NextLocalSettings): { message: string; button?: string } {
  const what = `${changed.join(' and ')} changed`;
  const holder = blockingHolder(endpoint, next);
  if (holder !== undefined) {
    const port = listeningPorts(holder)[0];
    const other = port === undefined ? `another Local endpoint (process ${holder})` : `another Local endpoint, at http://127.0.0.1:${port},`;
    const fix = changed.includes('elasticache.local.dataDir') ? 'set elasticache.local.dataDir to a folder no endpoint uses' : `to use port ${next.port}, set elasticache.local.dataDir to another folder too`;
    return {
      message:
        `${what}, but no Local endpoint can start with the new settings: ${other} uses the data folder ${next.dataDir}. ` +
        `${fix[0]!.toUpperCase()}${fix.slice(1)}, or stop that endpoint where it was started.`,
    };
  }
  if (endpoint.startedBy) {
    return {
      message: `${what}, but this window still uses the Local endpoint at ${endpoint.url} (data in ${endpoint.dataDir}), which another process runs. Start one with the new settings to use them.`,
      button: 'Use the New Settings',
    };
  }
  return {
    message: `${what}, but the Local endpoint keeps running at ${endpoint.url} (data in ${endpoint.dataDir}): the new settings apply when it next starts.`,
    button: 'Restart Local Endpoint',
  };
}

/**
 * "Use the New Settings" / "Restart Local Endpoint": drops the endpoint another process runs (`dropped` tells at once,
 * so the explorer stops showing it before the new one starts, or fails to) or stops this window's own (`stopOwn`, which
 * may ask first: false when not stopped), then `start`s one with the new settings.
 */
export async function restartWithNewSettings(
  manager: LocalEndpointManager,
  actions: { stopOwn(): Promise<boolean>; dropped(): Promise<void> | void; start(): PromiseLike<unknown> },
): Promise<void> {
  if (manager.running?.startedBy) {
    await manager.stop(); // only forgets it: another process runs it
    await actions.dropped();
  } else if (!(await actions.stopOwn())) return;
  await actions.start();
}

/** Clusters and cache nodes an endpoint is running (not deleting or deleted): what stopping the Local endpoint stops. */
export async function runningCacheNodes(client: ElastiCacheClient): Promise<{ clusters: number; nodes: number }> {
  const { paginateDescribeCacheClusters } = await loadSdk();
  let clusters = 0;
  let nodes = 0;
  for await (const page of paginateDescribeCacheClusters({ client }, { ShowCacheNodeInfo: true })) {
    for (const c of page.CacheClusters ?? []) {
      if (isDeletion(c.CacheClusterStatus)) continue;
      clusters++;
      nodes += c.CacheNodes?.length ?? c.NumCacheNodes ?? 0;
    }
  }
  return { clusters, nodes };
}
