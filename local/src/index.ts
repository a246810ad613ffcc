// The local ElastiCache-compatible endpoint: the Query API (2015-02-02) over HTTP on loopback, with real
// redis-server and memcached nodes, persisted in a data directory. Used by `elasticache local` and in-process
// by the extension ("Local" connection).
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { isIP, Server as NetServer, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClusterManager } from './clusters';
import { adoptNode, findNodeBinaries, isAlive, missingBinaryMessage, runsExecutable, stopNode } from './nodes';
import { ApiError, decodeInput, encodeError, encodeResponse, isKnownOperation } from './queryProtocol';
import { authenticate, type CallerScope, type Credentials } from './sigv4';
import { validateRequest } from './validation';
import { watchNodesOfThisProcess } from './watchdog';
import { defaultDataDir, tlsCaFileOf } from './dataDir';
import { HTTP_ERROR_STATUS, MISSING_ACTION_ERROR } from '../../server/src/model/facts';
import { missingActionProblem } from '../../server/src/service/validators';

export interface LocalEndpointOptions {
  /** TCP port; 0 lets the OS choose. Default 4510. */
  port?: number;
  /** Address to bind; loopback unless said otherwise. Default 127.0.0.1. */
  host?: string;
  /** Where state, node data and the TLS certificate live. Default: the XDG state dir (never the cwd). */
  dataDir?: string;
  /** With both keys set, SigV4 signatures are verified; otherwise any well-formed signature is accepted. */
  accessKey?: string;
  secretKey?: string;
  /** One line per request and per node event; never contains secrets. */
  log?: (line: string) => void;
  /**
   * Whether the nodes keep running if this process dies without stopping the endpoint (default true: a restart on
   * the data directory adopts them again). False for an endpoint inside another program (the VS Code extension
   * host), which may be killed without a chance to stop it: a watchdog process then stops its nodes.
   */
  nodesOutliveProcess?: boolean;
}

export interface LocalEndpoint {
  url: string;
  port: number;
  host: string;
  dataDir: string;
  /** Certificate of the TLS nodes (self-signed; trust it as the CA), once a TLS cluster has been created. */
  tlsCaFile: string;
  /** Problems that limit what can be created, e.g. a missing redis-server (names the Debian package). */
  warnings: string[];
  /** Stops the HTTP server and every node process; the state stays on disk for the next start. */
  stop(): Promise<void>;
}

export { defaultDataDir };

const maxBodyBytes = 1024 * 1024;
const authParams = new Set(['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token']);
const openDataDirs = new Set<string>();

/** One endpoint per data directory: a pid lock file, taken over when its owner is dead (e.g. after kill -9). */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(dataDir, 'endpoint.pid');
  if (openDataDirs.has(dataDir)) throw new Error(`data directory ${dataDir} is already used by a local endpoint in this process`);
  let owner: number | undefined;
  try {
    owner = Number(readFileSync(lockFile, 'utf8').trim()) || undefined;
  } catch {
    owner = undefined;
  }
  if (owner && owner !== process.pid && isAlive(owner)) {
    // code and ownerPid let the extension say it in its own terms.
    throw Object.assign(new Error(`data directory ${dataDir} is used by another local endpoint (pid ${owner}); stop it or use --data`), {
      code: 'EDATADIRLOCKED',
      ownerPid: owner,
    });
  }
  await fs.writeFile(lockFile, `${process.pid}\n`, { mode: 0o600 });
  openDataDirs.add(dataDir);
  return async () => {
    openDataDirs.delete(dataDir);
    await fs.rm(lockFile, { force: true });
  };
}

/**
 * The endpoint runs what its data directory holds (the clusters of its state file, their nodes' files): one that
 * another user owns or can write to could make it run their programs, so it is refused. Write access for the
 * directory's group is allowed only when that group is the user's private group (isUserPrivateGroup): with user
 * private groups (Fedora, RHEL, Debian) the umask is 002 and a new directory has mode 775, its group the user's alone.
 * A primary group shared with others (openSUSE's `users`, a site-wide LDAP group) gives them write access.
 */
async function checkDataDirIsPrivate(dataDir: string): Promise<void> {
  const stat = await fs.stat(dataDir);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw Object.assign(new Error(`data directory ${dataDir} belongs to another user (uid ${stat.uid}), who could make the endpoint run their programs: use a directory of your own`), { code: 'EDATADIRUNSAFE' });
  }
  const othersWrite = (stat.mode & 0o002) !== 0;
  let groupWrites = (stat.mode & 0o020) !== 0;
  let groupName: string | undefined;
  if (groupWrites && uid !== undefined) {
    // No /etc/group (a group known through NSS or LDAP only): its name and members cannot be read, so it is not trusted.
    const groupFile = await fs.readFile('/etc/group', 'utf8').catch(() => '');
    const passwdFile = await fs.readFile('/etc/passwd', 'utf8').catch(() => '');
    groupName = groupEntry(groupFile, stat.gid)?.name;
    groupWrites = !isUserPrivateGroup(stat.gid, { uid, username: userName() }, groupFile, passwdFile);
  }
  if (groupWrites || othersWrite) {
    const who = `${groupWrites ? 'g' : ''}${othersWrite ? 'o' : ''}`;
    const writers = groupWrites && !othersWrite ? `the members of group ${groupName ? `${groupName} (gid ${stat.gid})` : stat.gid}, not a group of yours alone` : 'other users';
    throw Object.assign(
      new Error(`data directory ${dataDir} can be written by ${writers} (mode ${(stat.mode & 0o777).toString(8)}), who could make the endpoint run their programs: remove their write access (chmod ${who}-w ${dataDir}) or use another directory`),
      { code: 'EDATADIRUNSAFE' },
    );
  }
}

/** The user's login name; empty when the system knows none for the uid (os.userInfo throws). */
function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

/** The entry of group `gid` in an /etc/group text (`name:password:gid:member,member`), if it has one. */
function groupEntry(groupFile: string, gid: number): { name: string; members: string[] } | undefined {
  for (const line of groupFile.split('\n')) {
    const [name, , id, members] = line.trim().split(':');
    if (name && id !== undefined && /^\d+$/.test(id) && Number(id) === gid) return { name, members: members ? members.split(',').filter((m) => m !== '') : [] };
  }
  return undefined;
}

/**
 * Whether group `gid` is the user's private group, whose write access is the user's alone: its number is the user's
 * uid and its name the user's name (as user private groups are made: useradd, adduser), /etc/group lists no other
 * member of it and no other group of its number, and /etc/passwd no other user whose primary group it is. A group that /etc/group does not have (NSS, LDAP) cannot be told apart from a shared one, and
 * is not.
 */
export function isUserPrivateGroup(gid: number, user: { uid: number; username: string }, groupFile: string, passwdFile = ''): boolean {
  if (gid !== user.uid || user.username === '') return false;
  const group = groupEntry(groupFile, gid);
  if (group === undefined || group.name !== user.username || !group.members.every((m) => m === user.username)) return false;
  // Another group with the same number, or another user whose primary group it is (/etc/passwd), shares it.
  const sameNumber = groupFile.split('\n').filter((line) => line.trim().split(':')[2] === String(gid));
  const primaryOfOthers = passwdFile.split('\n').some((line) => {
    const [name, , , primary] = line.trim().split(':');
    return name !== undefined && name !== '' && name !== user.username && primary === String(gid);
  });
  return sameNumber.length === 1 && !primaryOfOthers;
}

/**
 * A `.gitignore` of `*` in the data directory, so that a directory kept inside a repository is never committed with
 * its AUTH passwords and TLS key. One already there is left as it is.
 */
async function ignoredByGit(dataDir: string): Promise<void> {
  const text = '# Written by the ElastiCache local endpoint: its data (AUTH passwords, a TLS key) must never be committed.\n*\n';
  await fs.writeFile(path.join(dataDir, '.gitignore'), text, { flag: 'wx', mode: 0o600 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
}

/**
 * Browsers may send requests to loopback on behalf of any web page (an <img> or a form) and let a DNS-rebound
 * name reach it, and without keys any well-formed signature is accepted. So a request that a browser marks as
 * cross-site (Origin, Sec-Fetch-Site other than none) or that names a Host other than this endpoint's is refused.
 * The AWS SDKs and CLI send neither header and sign a Host the endpoint URL gives.
 */
function browserRefusal(req: http.IncomingMessage, allowedHost: (hostname: string) => boolean): ApiError | undefined {
  const refuse = (why: string) => new ApiError('AccessDenied', `The local ElastiCache endpoint refused the request: ${why}.`, 403);
  if (req.headers.origin !== undefined) return refuse('it comes from a web page (Origin header)');
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'none') return refuse(`it comes from a web page (Sec-Fetch-Site: ${String(fetchSite).slice(0, 20)})`);
  const host = req.headers.host;
  if (!host) return refuse('it has no Host header');
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return refuse('its Host header is not a host name');
  }
  if (!allowedHost(hostname)) return refuse(`Host ${hostname.slice(0, 100)} is not this endpoint's address (use localhost, 127.0.0.1 or [::1])`);
  return undefined;
}

/** Names the endpoint answers to: loopback names, the bound host, and (bound to every address) any IP literal. */
function hostMatcher(boundHost: string, wildcard: boolean): (hostname: string) => boolean {
  const bound = boundHost.toLowerCase().replace(/^\[|\]$/g, '');
  return (hostname) => {
    const bare = hostname.replace(/^\[|\]$/g, '');
    if (bare === 'localhost' || bare === '::1' || bare === bound) return true;
    if (isIP(bare) === 4 && bare.startsWith('127.')) return true;
    return wildcard && isIP(bare) !== 0;
  };
}

type Handler = (manager: ClusterManager, input: Record<string, unknown>, caller: CallerScope) => Promise<Record<string, unknown>>;

const handlers: Record<string, Handler> = {
  CreateCacheCluster: (m, input, caller) => m.createCacheCluster(input, caller),
  DescribeCacheClusters: (m, input) => m.describeCacheClusters(input),
  DeleteCacheCluster: (m, input) => m.deleteCacheCluster(input),
  RebootCacheCluster: (m, input) => m.rebootCacheCluster(input),
  CreateReplicationGroup: (m, input, caller) => m.createReplicationGroup(input, caller),
  DescribeReplicationGroups: (m, input) => m.describeReplicationGroups(input),
  DeleteReplicationGroup: (m, input) => m.deleteReplicationGroup(input),
  DescribeCacheEngineVersions: (m, input) => m.describeCacheEngineVersions(input),
  DescribeCacheSubnetGroups: (m, input, caller) => m.describeCacheSubnetGroups(input, caller),
  DescribeCacheParameterGroups: (m, input, caller) => m.describeCacheParameterGroups(input, caller),
  ListTagsForResource: (m, input) => m.listTagsForResource(input),
  AddTagsToResource: (m, input) => m.addTagsToResource(input),
  RemoveTagsFromResource: (m, input) => m.removeTagsFromResource(input),
};

/** An HTTP-level error of the Common Errors page, with the status the page gives it. */
function httpError(code: keyof typeof HTTP_ERROR_STATUS, message: string): ApiError {
  return new ApiError(code, message, HTTP_ERROR_STATUS[code], code === 'ServiceUnavailable' ? 'Receiver' : 'Sender');
}

/**
 * The URL of a request target: a path (origin-form, where `//` and `//x` are paths too, not a host: RFC 9112 §3.2.1)
 * or an absolute URL (absolute-form, §3.2.2). Anything else is MalformedHttpRequestException, the Common Errors page's
 * error for a problem at the HTTP level.
 */
function requestUrl(target: string): URL {
  try {
    return target.startsWith('/') ? new URL(`http://local${target}`) : new URL(target);
  } catch {
    throw httpError('MalformedHttpRequestException', `The request target ${JSON.stringify(target.slice(0, 100))} is neither a path nor a URL: send requests to / (POST with a form body, or GET /?Action=…).`);
  }
}

const headersTimeoutMs = 20_000;
const requestTimeoutMs = 30_000;

/**
 * What Node's HTTP parser refuses (a bad chunk size, headers over its 16 KB, a request that does not arrive in time)
 * is answered with the Common Errors page's XML error (Node's own answer has no body), then the connection closes.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex, log: (line: string) => void): void {
  // A reply already under way (its headers sent) cannot be replaced; a closed socket cannot take one.
  const pending = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const error =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'HPE_HEADERS_TIMEOUT'
      ? httpError('RequestTimeoutException', `The request did not arrive in time (its headers within ${headersTimeoutMs / 1000} s, all of it within ${requestTimeoutMs / 1000} s): send it again.`)
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? httpError('MalformedHttpRequestException', `The request's headers are larger than ${http.maxHeaderSize} bytes: send fewer or shorter headers.`)
        : httpError('MalformedHttpRequestException', `The request is not well-formed HTTP/1.1 (${err.code ?? err.message}): send it with an HTTP client or SDK.`);
  const requestId = randomUUID();
  const xml = encodeError(error, requestId);
  socket.end(
    `HTTP/1.1 ${error.httpStatus} ${http.STATUS_CODES[error.httpStatus]}\r\nContent-Type: text/xml\r\nx-amzn-RequestId: ${requestId}\r\n` +
      `Content-Length: ${Buffer.byteLength(xml)}\r\nConnection: close\r\n\r\n${xml}`,
  );
  log(`- ${error.httpStatus} ${error.code}`);
}

/** How long stop() waits for the requests it has accepted to be answered. */
const inFlightWaitMs = 10_000;

/**
 * How long stop() waits for a connection it has accepted to send its request (a client sends it as soon as it is
 * connected), so that the request is answered ServiceUnavailable rather than cut off; a silent one is then closed.
 */
const firstRequestWaitMs = 1_000;

function allSettledWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void Promise.allSettled(promises).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// An oversized body is still read (and dropped) up to this size before the 413 reply: a client reads a reply only
// once it has sent its request, and a connection cut under it gives it no reply at all. Beyond this, it is cut.
const maxDrainedBytes = 64 * maxBodyBytes;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
      else if (size > maxDrainedBytes) req.destroy();
    });
    req.on('end', () => {
      if (size > maxBodyBytes) reject(httpError('RequestEntityTooLargeException', `The request body is larger than ${maxBodyBytes} bytes, the local endpoint's limit: send a shorter request.`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
    // Cut off (by the client, or by a timeout): no reply can be sent; settle so that the handler ends.
    req.on('close', () => reject(httpError('RequestAbortedException', 'The connection closed before the request body ended.')));
  });
}

export async function startLocalEndpoint(opts: LocalEndpointOptions = {}): Promise<LocalEndpoint> {
  const host = opts.host ?? '127.0.0.1';
  const dataDir = path.resolve(opts.dataDir ?? defaultDataDir());
  const log = opts.log ?? (() => {});
  if ((opts.accessKey === undefined) !== (opts.secretKey === undefined)) throw new Error('accessKey and secretKey must be given together');
  const credentials: Credentials | undefined = opts.accessKey && opts.secretKey ? { accessKey: opts.accessKey, secretKey: opts.secretKey } : undefined;

  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await checkDataDirIsPrivate(dataDir);
  await ignoredByGit(dataDir);
  const unlockDataDir = await lockDataDir(dataDir);
  const binaries = await findNodeBinaries();
  const endWatchdog =
    opts.nodesOutliveProcess === false ? watchNodesOfThisProcess(dataDir, [binaries.redis, binaries.valkey, binaries.memcached].filter((b): b is string => !!b)) : () => {};
  const unlock = async () => {
    await unlockDataDir();
    endWatchdog();
  };
  const warnings: string[] = [];
  if (!binaries.redis) warnings.push(`${binaries.valkey ? 'Redis' : 'Redis and Valkey'} clusters cannot be created: ${missingBinaryMessage('redis')}`);
  if (!binaries.memcached) warnings.push(`Memcached clusters cannot be created: ${missingBinaryMessage('memcached')}`);

  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const nodeHost = host === 'localhost' ? '127.0.0.1' : host;
  const manager = new ClusterManager({
    dataDir,
    bindHost: wildcard ? host || '0.0.0.0' : nodeHost,
    advertisedHost: wildcard ? '127.0.0.1' : nodeHost,
    binaries,
    log,
  });
  const allowedHost = hostMatcher(host, wildcard);
  // Requests wait until the clusters of the data directory are back (nodes adopted or restarted).
  let markOpened: () => void = () => {};
  const opened = new Promise<void>((resolve) => (markOpened = resolve));

  let shuttingDown = false;
  const inFlight = new Set<Promise<void>>();
  // Connections accepted whose first request has not arrived yet: stop() waits for it (see firstRequestWaitMs).
  const awaitingFirstRequest = new Set<Socket>();
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requestId = randomUUID();
    const started = Date.now();
    let action = '-';
    let status = 200;
    let xml: string;
    try {
      const url = requestUrl(req.url ?? '/');
      const body = req.method === 'POST' ? await readBody(req) : '';
      if (req.method !== 'GET' && req.method !== 'POST') throw new ApiError('InvalidHttpRequest', 'Use POST / with a form body, or GET /?Action=…', 405);
      const query = [...url.searchParams.entries()];
      // The media type without its parameters (`; charset=utf-8`), in any case: media types are case-insensitive (RFC 9110 §8.3.1).
      const mediaType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const form = req.method === 'POST' && (mediaType === '' || mediaType === 'application/x-www-form-urlencoded') ? [...new URLSearchParams(body).entries()] : [];
      const refusal = browserRefusal(req, allowedHost);
      if (refusal) throw refusal;
      await opened;
      // Once stop() has begun, the clusters are about to be stopped: nothing new is started, the request can be sent
      // again to the next start. (Requests already past this point are answered before the nodes stop.)
      if (shuttingDown) throw httpError('ServiceUnavailable', 'The local endpoint is shutting down: send the request again once it has restarted.');
      const caller = await authenticate(
        { method: req.method, host: String(req.headers.host ?? ''), path: url.pathname, query, headers: req.headers, body },
        credentials,
      );
      const params = [...query, ...form].filter(([k]) => !authParams.has(k));
      const given = params.find(([k]) => k === 'Action')?.[1];
      // The linter's missing-action finding, word for word, with the code AWS answers.
      const noAction = missingActionProblem(given);
      if (noAction) throw new ApiError(MISSING_ACTION_ERROR.code, noAction, MISSING_ACTION_ERROR.httpStatus);
      action = given!;
      const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
      if (!handler) {
        throw new ApiError(
          'InvalidAction',
          isKnownOperation(action)
            ? `The action ${action} is not implemented by the local ElastiCache endpoint.`
            : `The action ${action} is not valid for this web service.`,
        );
      }
      const memberParams = params.filter(([k]) => k !== 'Action' && k !== 'Version');
      // The linter's rules for this action (one rule, one place), before the endpoint looks at its own state. They
      // include the Version: another one than the API's is InvalidParameterValue (query-version), the Common Errors
      // page's code for an invalid value; the page lists no error of its own for a version.
      // (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonErrors.html)
      const refused = validateRequest(params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
      if (refused) throw refused;
      const input = decodeInput(action, memberParams);
      const output = await handler(manager, input, caller);
      xml = encodeResponse(action, output, requestId);
    } catch (err) {
      let apiError: ApiError;
      if (err instanceof ApiError) apiError = err;
      else {
        log(`internal error in ${action}: ${(err as Error).message}`);
        apiError = new ApiError('InternalFailure', `The local endpoint failed to process the request: ${(err as Error).message}`, 500, 'Receiver');
      }
      status = apiError.httpStatus;
      xml = encodeError(apiError, requestId);
    }
    // The connection closes after the reply to a body too large (RFC 9110 §15.5.14 lets it) and while shutting down.
    res.writeHead(status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(xml), ...(status === 413 || shuttingDown ? { Connection: 'close' } : {}) });
    res.end(xml);
    log(`${action} ${status} ${Date.now() - started}ms`);
  };

  // Tens of seconds for a request to arrive (Node's defaults wait 60 s for headers and 300 s for a whole request).
  const server = http.createServer({ headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 2000 }, (req, res) => {
    awaitingFirstRequest.delete(req.socket);
    const handled = handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (socket: Socket) => {
    awaitingFirstRequest.add(socket);
    socket.once('close', () => awaitingFirstRequest.delete(socket));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => answerClientError(err, socket, log));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: opts.port ?? 4510, host: host || undefined }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // e.g. EADDRINUSE (code kept for callers that fall back to another port); no node was touched yet.
    await unlock();
    throw err;
  }
  try {
    await manager.open();
    warnings.push(...manager.warnings);
    markOpened();
  } catch (err) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await manager.close().catch(() => {});
    await unlock();
    throw err;
  }
  const port = (server.address() as { port: number }).port;
  const urlHost = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  /**
   * Waits until no request is in flight (also those that arrive meanwhile on open connections, answered
   * ServiceUnavailable) and every accepted connection has sent its first request, within inFlightWaitMs and
   * firstRequestWaitMs.
   */
  const drained = async () => {
    const started = Date.now();
    for (;;) {
      const waited = Date.now() - started;
      const awaitingRequests = awaitingFirstRequest.size > 0 && waited < firstRequestWaitMs;
      if ((inFlight.size === 0 && !awaitingRequests) || waited >= inFlightWaitMs) return;
      // A request that arrives wakes no one: while connections await theirs, look again in 10 ms.
      if (awaitingRequests) await new Promise((resolve) => setTimeout(resolve, 10));
      else await allSettledWithin([...inFlight], inFlightWaitMs - waited);
    }
  };

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    dataDir,
    tlsCaFile: tlsCaFileOf(dataDir),
    warnings,
    stop() {
      stopping ??= (async () => {
        // No new connections; the requests accepted are answered (those not yet at work: ServiceUnavailable) before
        // the nodes stop, so that a create that was answered is in the state the next start finds, and one that was
        // not answered left nothing. A request that does not end in time is cut off with its connection.
        shuttingDown = true;
        // Only stop listening: http.Server#close would also close the idle connections, among them one just accepted
        // whose request is on its way, and its client would see ECONNRESET instead of the ServiceUnavailable.
        const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
        await drained();
        server.closeAllConnections();
        await closed;
        server.close(); // (now only to end its timer that checks connections for timeouts)
        await manager.close();
        await unlock();
      })();
      return stopping;
    },
  };
}

/**
 * Stops the node processes recorded in a data directory's state file, e.g. after the process that ran the
 * endpoint was killed (nodes deliberately outlive a crashed endpoint so that a restart finds them, and their
 * data, again). For test clean-up and recovery; the next endpoint on this directory restarts the clusters.
 * Only processes that run redis-server or memcached are signalled.
 */
export async function stopRecordedNodes(dataDir: string): Promise<number> {
  let state: { clusters?: { nodes?: { pid?: number }[] }[] };
  try {
    state = JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8'));
  } catch {
    return 0;
  }
  const binaries = await findNodeBinaries();
  const pids = (state.clusters ?? []).flatMap((c) => (c.nodes ?? []).map((n) => n.pid)).filter((p): p is number => typeof p === 'number' && isAlive(p));
  let stopped = 0;
  for (const pid of pids) {
    const ours = await Promise.all([binaries.redis, binaries.valkey, binaries.memcached].filter((b): b is string => !!b).map((b) => runsExecutable(pid, b)));
    if (!ours.some((o) => o !== false)) continue;
    await stopNode(adoptNode(pid));
    stopped++;
  }
  return stopped;
}
