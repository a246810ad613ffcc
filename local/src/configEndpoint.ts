// The ConfigurationEndpoint of a Memcached cluster. As on ElastiCache, it is an address that behaves like a
// node of the cluster and also answers Auto Discovery with every node's host|ip|port. AWS's Auto Discovery page
// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoDiscovery.AddingToYourClientLibrary.html) has
// clients send `version` first and pick `config get cluster` (engine 1.4.14 and later) or
// `get AmazonElastiCache:cluster` (before) by the answer, on any node; so each command of a connection is looked
// at on its own: those and `version` are answered here, everything else is relayed to node 0001 over one upstream
// connection, and the replies go back in the order the commands came, pipelined or not.
import * as net from 'node:net';
import * as tls from 'node:tls';
import { readFileSync } from 'node:fs';
import type { TlsFiles } from './nodes';

export interface ConfigEndpointOptions {
  bindHost: string;
  advertisedHost: string;
  /** Requested port (the one recorded for the cluster) or 0. */
  port: number;
  /** Ports of the cluster's nodes, in node-id order. */
  nodePorts: () => number[];
  /** The cluster's EngineVersion, as DescribeCacheClusters reports it: what `version` answers here. */
  engineVersion: () => string;
  tls?: TlsFiles;
}

/** A reply the client is owed, in command order. */
type Owed =
  | { kind: 'local'; reply: Buffer; thenClose?: boolean }
  /** Replies from the node, up to (not including) its answer to the no-op sent as mark number `mark`. */
  | { kind: 'relayed'; mark?: number };

/** What the endpoint makes of the request at the start of a buffer. */
interface Request {
  /** Bytes looked at (the command line, or the binary header; the whole packet when answered here). */
  head: number;
  /** Bytes that follow unread (a data block, a binary body). */
  body: number;
  /** The reply when answered here; otherwise the request goes to the node. */
  local?: Owed;
  /** A no-op, whose answer the node always sends: what orders relayed replies before local ones. */
  isNoOp?: boolean;
}

/** A node's reply at the start of a buffer. */
interface Reply {
  head: number;
  body: number;
  isNoOp: boolean;
}

/** How one protocol's requests and replies are framed. undefined: not all there yet; 'unframeable': not this protocol. */
interface Dialect {
  request(buf: Buffer, pos: number, answers: LocalAnswers): Request | undefined | 'unframeable';
  reply(buf: Buffer, pos: number): Reply | undefined;
  noOp: Buffer;
}

interface LocalAnswers {
  /** The Auto Discovery body: config version line, node list line. */
  clusterConfig(): string;
  engineVersion(): string;
}

/** Beyond this many bytes without a complete request, a connection is no protocol we can follow. */
const MAX_HEAD = 1 << 20;

/** Commands whose line is followed by a data block: the position of its byte count among the line's tokens. */
const DATA_BLOCK_TOKEN: Record<string, number> = { set: 4, add: 4, replace: 4, append: 4, prepend: 4, cas: 4, ms: 2 };

/** The text protocol; `mn` (meta no-op, memcached 1.6) is always answered `MN`. */
const text: Dialect = {
  noOp: Buffer.from('mn\r\n'),
  request(buf, pos, answers) {
    const eol = buf.indexOf(0x0a, pos);
    if (eol < 0) return buf.length - pos > MAX_HEAD ? 'unframeable' : undefined;
    const head = eol + 1 - pos;
    const tokens = buf.toString('latin1', pos, eol).trim().split(/\s+/);
    const local = (reply: string, thenClose = false): Request => ({ head, body: 0, local: { kind: 'local', reply: Buffer.from(reply, 'latin1'), thenClose } });
    switch (tokens.join(' ')) {
      case 'config get cluster': {
        const body = answers.clusterConfig();
        return local(`CONFIG cluster 0 ${Buffer.byteLength(body)}\r\n${body}\r\nEND\r\n`);
      }
      case 'get AmazonElastiCache:cluster': {
        const body = answers.clusterConfig();
        return local(`VALUE AmazonElastiCache:cluster 0 ${Buffer.byteLength(body)}\r\n${body}\r\nEND\r\n`);
      }
      case 'version':
        return local(`VERSION ${answers.engineVersion()}\r\n`);
      case 'quit':
        return local('', true);
      case 'mn':
        return { head, body: 0, isNoOp: true };
    }
    const countAt = DATA_BLOCK_TOKEN[tokens[0]];
    const count = countAt === undefined ? undefined : tokens[countAt];
    // A malformed count gets the node's CLIENT_ERROR and no data block is read, as memcached does.
    const body = count !== undefined && /^\d{1,15}$/.test(count) ? Number(count) + 2 : 0;
    return { head, body };
  },
  reply(buf, pos) {
    const eol = buf.indexOf(0x0a, pos);
    if (eol < 0) return undefined;
    const line = buf.toString('latin1', pos, eol).replace(/\r$/, '');
    const tokens = line.split(' ');
    // Values are length-prefixed (VALUE <key> <flags> <bytes>, meta VA <bytes>): their bytes are never replies.
    const count = tokens[0] === 'VALUE' ? tokens[3] : tokens[0] === 'VA' ? tokens[1] : undefined;
    const body = count !== undefined && /^\d{1,15}$/.test(count) ? Number(count) + 2 : 0;
    return { head: eol + 1 - pos, body, isNoOp: line === 'MN' };
  },
};

// Binary protocol: a 24-byte header (magic, opcode, key length, extras length, data type, vbucket/status,
// total body length, opaque, CAS) and a body of extras, key and value.
const BINARY_REQUEST = 0x80;
const BINARY_RESPONSE = 0x81;
const OP_QUIT = 0x07;
const OP_NOOP = 0x0a;
const OP_VERSION = 0x0b;
const OP_QUITQ = 0x17;
/** `config get` in binary: the opcode ElastiCache's own cluster client sends (GetConfigOperationImpl, 0x60), to
 * which the Auto Discovery page refers for the binary form; its reply carries 4 bytes of flags, then the body. */
const OP_CONFIG_GET = 0x60;

function binaryResponse(request: Buffer, extras: Buffer, value: Buffer): Buffer {
  const header = Buffer.alloc(24);
  header[0] = BINARY_RESPONSE;
  header[1] = request[1];
  header[4] = extras.length;
  header.writeUInt32BE(extras.length + value.length, 8);
  request.copy(header, 12, 12, 16); // opaque, echoed
  return Buffer.concat([header, extras, value]);
}

const binary: Dialect = {
  noOp: (() => {
    const header = Buffer.alloc(24);
    header[0] = BINARY_REQUEST;
    header[1] = OP_NOOP;
    return header;
  })(),
  request(buf, pos, answers) {
    if (buf.length - pos < 24) return undefined;
    if (buf[pos] !== BINARY_REQUEST) return 'unframeable';
    const opcode = buf[pos + 1];
    const bodyLength = buf.readUInt32BE(pos + 8);
    if (opcode === OP_NOOP) return { head: 24, body: bodyLength, isNoOp: true };
    if (opcode !== OP_VERSION && opcode !== OP_CONFIG_GET && opcode !== OP_QUIT && opcode !== OP_QUITQ) return { head: 24, body: bodyLength };
    if (bodyLength > MAX_HEAD) return { head: 24, body: bodyLength };
    if (buf.length - pos < 24 + bodyLength) return undefined;
    const packet = buf.subarray(pos, pos + 24 + bodyLength);
    const head = packet.length;
    const none = Buffer.alloc(0);
    const local = (reply: Buffer, thenClose = false): Request => ({ head, body: 0, local: { kind: 'local', reply, thenClose } });
    if (opcode === OP_VERSION) return local(binaryResponse(packet, none, Buffer.from(answers.engineVersion())));
    if (opcode === OP_QUIT) return local(binaryResponse(packet, none, none), true);
    if (opcode === OP_QUITQ) return local(none, true);
    const key = packet.toString('latin1', 24 + packet[4], 24 + packet[4] + packet.readUInt16BE(2));
    if (key !== 'cluster') return { head, body: 0 };
    return local(binaryResponse(packet, Buffer.alloc(4), Buffer.from(answers.clusterConfig())));
  },
  reply(buf, pos) {
    if (buf.length - pos < 24) return undefined;
    return { head: 24, body: buf.readUInt32BE(pos + 8), isNoOp: buf[pos] === BINARY_RESPONSE && buf[pos + 1] === OP_NOOP };
  },
};

export class ConfigEndpoint {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private configVersion = 0;
  private lastNodeList = '';
  private readonly answers: LocalAnswers = {
    clusterConfig: () => this.clusterConfig(),
    // The node runs whatever memcached is installed; clients choose their Auto Discovery command by this answer,
    // so it is the cluster's engine version, whatever the order of commands.
    engineVersion: () => this.opts.engineVersion(),
  };

  constructor(private readonly opts: ConfigEndpointOptions) {}

  /** The Auto Discovery body: the config version (raised whenever the node list changes), then the node list. */
  private clusterConfig(): string {
    const nodes = this.opts.nodePorts().map((p) => `${this.opts.advertisedHost}|${this.opts.advertisedHost}|${p}`).join(' ');
    if (nodes !== this.lastNodeList) {
      this.lastNodeList = nodes;
      this.configVersion++;
    }
    return `${this.configVersion}\n${nodes}\n`;
  }

  private connectUpstream(): net.Socket {
    const port = this.opts.nodePorts()[0];
    const connectOpts = { host: this.opts.advertisedHost, port };
    const upstream: net.Socket = this.opts.tls
      ? tls.connect({ ...connectOpts, ca: readFileSync(this.opts.tls.certFile), servername: 'localhost' })
      : net.connect(connectOpts);
    this.sockets.add(upstream);
    upstream.once('close', () => this.sockets.delete(upstream));
    return upstream;
  }

  private serve(socket: net.Socket, first: Buffer, dialect: Dialect): void {
    const owed: Owed[] = [];
    let upstream: net.Socket | undefined;
    let noOpsSent = 0; // no-ops sent upstream, the client's and ours
    let noOpsAnswered = 0;
    let fromClient: Buffer = Buffer.alloc(0);
    let clientBodyLeft = 0; // bytes of a request body still to relay unread
    let fromNode: Buffer = Buffer.alloc(0);
    let nodeBodyLeft = 0; // bytes of a reply body still to pass back unread
    let closed = false;

    const end = () => {
      closed = true;
      socket.destroy();
      upstream?.destroy();
    };
    socket.on('error', end);

    const toClient = (bytes: Buffer) => {
      if (bytes.length > 0 && !socket.write(bytes)) upstream?.pause();
    };
    /** Answers what is owed from here on, up to the first relayed reply still to come. */
    const settle = () => {
      for (let head = owed[0]; head !== undefined && head.kind === 'local'; head = owed[0]) {
        owed.shift();
        toClient(head.reply);
        if (head.thenClose) {
          closed = true;
          socket.end();
          upstream?.end();
          return;
        }
      }
    };

    const fromNodeData = (chunk: Buffer) => {
      fromNode = fromNode.length ? Buffer.concat([fromNode, chunk]) : chunk;
      let start = 0; // first byte not yet passed on
      let pos = 0;
      while (pos < fromNode.length && !closed) {
        if (nodeBodyLeft > 0) {
          const take = Math.min(nodeBodyLeft, fromNode.length - pos);
          pos += take;
          nodeBodyLeft -= take;
          continue;
        }
        const reply = dialect.reply(fromNode, pos);
        if (!reply) break;
        if (reply.isNoOp) {
          noOpsAnswered++;
          const head = owed[0];
          if (head?.kind === 'relayed' && head.mark === noOpsAnswered) {
            // Our own no-op: what came before it is passed on, its answer is not, and what waited on it follows.
            toClient(fromNode.subarray(start, pos));
            start = pos + reply.head + reply.body;
            owed.shift();
            settle();
          }
        }
        pos += reply.head;
        nodeBodyLeft = reply.body;
      }
      if (!closed && pos > start) toClient(fromNode.subarray(start, pos));
      fromNode = fromNode.subarray(pos);
    };

    const up = (): net.Socket => {
      if (upstream) return upstream;
      upstream = this.connectUpstream();
      upstream.on('data', fromNodeData);
      upstream.on('error', end);
      // The node went away (or closed after its own quit): so does the client's connection, as with a node.
      upstream.on('close', () => {
        if (!closed) socket.end();
      });
      socket.on('drain', () => upstream?.resume());
      upstream.on('drain', () => socket.resume());
      return upstream;
    };
    // What one chunk from the client makes the node receive goes in one write, not split at command boundaries:
    // memcached 1.6.18 with TLS leaves a storage command's data block unread when it comes in a TLS record of
    // its own right behind the command line's (seen here: STORED, then no answer to the next command).
    let toNode: Buffer[] = [];
    const flushToNode = () => {
      if (toNode.length === 0) return;
      const bytes = toNode.length === 1 ? toNode[0] : Buffer.concat(toNode);
      toNode = [];
      if (!up().write(bytes)) socket.pause();
    };
    const relay = (bytes: Buffer) => {
      const tail = owed[owed.length - 1];
      if (tail?.kind !== 'relayed' || tail.mark !== undefined) owed.push({ kind: 'relayed' });
      toNode.push(bytes);
    };
    const answerHere = (reply: Owed) => {
      // Replies to relayed commands still to come end with the node's answer to a no-op: this one follows them.
      const tail = owed[owed.length - 1];
      if (tail?.kind === 'relayed' && tail.mark === undefined) {
        tail.mark = ++noOpsSent;
        toNode.push(dialect.noOp);
      }
      owed.push(reply);
      settle();
    };

    const fromClientData = (chunk: Buffer) => {
      if (closed) return;
      fromClient = fromClient.length ? Buffer.concat([fromClient, chunk]) : chunk;
      let pos = 0;
      while (pos < fromClient.length && !closed) {
        if (clientBodyLeft > 0) {
          const take = Math.min(clientBodyLeft, fromClient.length - pos);
          relay(fromClient.subarray(pos, pos + take));
          pos += take;
          clientBodyLeft -= take;
          continue;
        }
        const request = dialect.request(fromClient, pos, this.answers);
        if (request === undefined) break;
        if (request === 'unframeable') {
          // Nothing more can be told apart: the rest goes to the node as it is, and its replies come back as they are.
          socket.off('data', fromClientData);
          relay(fromClient.subarray(pos));
          flushToNode();
          pos = fromClient.length;
          socket.pipe(up());
          break;
        }
        const head = fromClient.subarray(pos, pos + request.head);
        pos += request.head;
        if (request.local) {
          answerHere(request.local);
          continue;
        }
        if (request.isNoOp) noOpsSent++;
        clientBodyLeft = request.body;
        relay(head);
      }
      flushToNode();
      fromClient = fromClient.subarray(pos);
    };

    socket.allowHalfOpen = true;
    socket.on('data', fromClientData);
    // A client that stops sending (half-close) still gets every reply owed: the node's connection is ended too,
    // and its close (after its last reply) ends the client's.
    socket.on('end', () => {
      if (closed) return;
      if (owed.length === 0 || !upstream) socket.end();
      else upstream.end();
    });
    fromClientData(first);
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // As memcached does, the first byte of a connection decides its protocol.
    socket.once('data', (first: Buffer) => this.serve(socket, first, first[0] === BINARY_REQUEST ? binary : text));
  }

  /** Listens (on the recorded port when given) and returns the port. */
  async start(): Promise<number> {
    const server = this.opts.tls
      ? tls.createServer({ cert: readFileSync(this.opts.tls.certFile), key: readFileSync(this.opts.tls.keyFile) }, (s) => this.accept(s))
      : net.createServer((s) => this.accept(s));
    // Raw connections too (for TLS, those still in or stuck at the handshake), so that stop() ends every one.
    server.on('connection', (raw: net.Socket) => {
      this.sockets.add(raw);
      raw.once('close', () => this.sockets.delete(raw));
    });
    server.unref();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.opts.bindHost, port: this.opts.port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return (server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
