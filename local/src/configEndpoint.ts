// The ConfigurationEndpoint of a Memcached cluster. As on ElastiCache, it is an address that behaves like a
// node of the cluster and also answers Auto Discovery with every node's host|ip|port. AWS's Auto Discovery page
// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoDiscovery.AddingToYourClientLibrary.html) has
// clients send `version` first and pick `config get cluster` (engine 1.4.14 and later) or
// `get AmazonElastiCache:cluster` (before) by the answer, on any node; so each text-protocol command of a
// connection is looked at on its own: those two and `version` are answered here, everything else is relayed to
// node 0001 over one upstream connection, and the replies go back in the order the commands came, pipelined or not.
// Binary-protocol connections (first byte 0x80) are relayed whole.
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

/** Commands whose line is followed by a data block: the position of its byte count among the line's tokens. */
const DATA_BLOCK_TOKEN: Record<string, number> = { set: 4, add: 4, replace: 4, append: 4, prepend: 4, cas: 4, ms: 2 };
/** Beyond this many bytes without a line end, a connection is no text protocol we can follow: it is relayed whole. */
const MAX_LINE = 1 << 20;
const BINARY_MAGIC = 0x80;

/** A reply the client is owed, in command order. */
type Owed =
  | { kind: 'local'; reply: string }
  | { kind: 'quit' }
  /** Replies from the node, up to (not including) the `MN` that answers the no-op sent as mark number `mark`. */
  | { kind: 'relayed'; mark?: number };

export class ConfigEndpoint {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private configVersion = 0;
  private lastNodeList = '';

  constructor(private readonly opts: ConfigEndpointOptions) {}

  /** The Auto Discovery body: the config version (raised whenever the node list changes), then the node list. */
  private clusterConfigBody(): string {
    const nodes = this.opts.nodePorts().map((p) => `${this.opts.advertisedHost}|${this.opts.advertisedHost}|${p}`).join(' ');
    if (nodes !== this.lastNodeList) {
      this.lastNodeList = nodes;
      this.configVersion++;
    }
    return `${this.configVersion}\n${nodes}\n`;
  }

  /** The reply to a command answered here, or undefined for one to relay. */
  private localReply(tokens: string[]): Owed | undefined {
    const command = tokens.join(' ');
    if (command === 'config get cluster') {
      const body = this.clusterConfigBody();
      return { kind: 'local', reply: `CONFIG cluster 0 ${Buffer.byteLength(body)}\r\n${body}\r\nEND\r\n` };
    }
    if (command === 'get AmazonElastiCache:cluster') {
      const body = this.clusterConfigBody();
      return { kind: 'local', reply: `VALUE AmazonElastiCache:cluster 0 ${Buffer.byteLength(body)}\r\n${body}\r\nEND\r\n` };
    }
    // The node runs whatever memcached is installed; clients choose their Auto Discovery command by this answer,
    // so it is the cluster's engine version, whatever the order of commands.
    if (command === 'version') return { kind: 'local', reply: `VERSION ${this.opts.engineVersion()}\r\n` };
    if (command === 'quit') return { kind: 'quit' };
    return undefined;
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

  /** Binary protocol (or a line too long to follow): every byte both ways, from `first` on. */
  private relayWhole(socket: net.Socket, first: Buffer, upstream = this.connectUpstream()): void {
    upstream.write(first);
    socket.pipe(upstream);
    upstream.pipe(socket);
    const end = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.on('error', end);
    upstream.on('close', end);
    socket.on('error', end);
  }

  private serveText(socket: net.Socket, first: Buffer): void {
    const owed: Owed[] = [];
    let upstream: net.Socket | undefined;
    let marksSent = 0; // `mn` commands sent upstream, the client's and ours
    let marksSeen = 0; // `MN` lines the node answered
    let fromClient: Buffer = Buffer.alloc(0);
    let clientDataLeft = 0; // bytes of a storage command's data block still to relay
    let fromNode: Buffer = Buffer.alloc(0);
    let nodeDataLeft = 0; // bytes of a VALUE/VA data block still to pass back
    let closed = false;

    const end = () => {
      closed = true;
      socket.destroy();
      upstream?.destroy();
    };
    socket.on('error', end);

    const up = (): net.Socket => {
      if (upstream) return upstream;
      upstream = this.connectUpstream();
      upstream.on('data', fromNodeData);
      upstream.on('error', end);
      upstream.on('close', () => {
        // The node went away with replies still owed: the client sees the connection end, as with a node.
        if (!closed) socket.end();
      });
      socket.on('drain', () => upstream?.resume());
      upstream.on('drain', () => socket.resume());
      return upstream;
    };
    const relay = (bytes: Buffer) => {
      const tail = owed[owed.length - 1];
      if (tail?.kind !== 'relayed' || tail.mark !== undefined) owed.push({ kind: 'relayed' });
      if (!up().write(bytes)) socket.pause();
    };
    const toClient = (bytes: Buffer | string) => {
      if (!socket.write(bytes)) upstream?.pause();
    };
    /** Answers what is owed from here on, up to the first relayed reply still to come. */
    const settle = () => {
      for (let head = owed[0]; head !== undefined && head.kind !== 'relayed'; head = owed[0]) {
        owed.shift();
        if (head.kind === 'quit') {
          closed = true;
          socket.end();
          upstream?.end();
          return;
        }
        toClient(head.reply);
      }
    };

    const answerHere = (reply: Owed) => {
      // Replies to relayed commands still to come close with the node's answer to a no-op, so this one follows them.
      const tail = owed[owed.length - 1];
      if (tail?.kind === 'relayed' && tail.mark === undefined) {
        tail.mark = ++marksSent;
        up().write('mn\r\n');
      }
      owed.push(reply);
      settle();
    };

    const fromNodeData = (chunk: Buffer) => {
      fromNode = fromNode.length ? Buffer.concat([fromNode, chunk]) : chunk;
      let start = 0; // first byte not yet passed on
      let pos = 0;
      while (pos < fromNode.length && !closed) {
        if (nodeDataLeft > 0) {
          const take = Math.min(nodeDataLeft, fromNode.length - pos);
          pos += take;
          nodeDataLeft -= take;
          continue;
        }
        const eol = fromNode.indexOf(0x0a, pos);
        if (eol < 0) break;
        const line = fromNode.toString('latin1', pos, eol).replace(/\r$/, '');
        const tokens = line.split(' ');
        if (tokens[0] === 'VALUE') nodeDataLeft = Number(tokens[3]) + 2;
        else if (tokens[0] === 'VA') nodeDataLeft = Number(tokens[1]) + 2;
        if (!Number.isSafeInteger(nodeDataLeft) || nodeDataLeft < 0) nodeDataLeft = 0;
        if (line === 'MN') {
          marksSeen++;
          const head = owed[0];
          if (head?.kind === 'relayed' && head.mark === marksSeen) {
            // Our own no-op: what came before it is passed on, the MN itself is not.
            if (pos > start) toClient(fromNode.subarray(start, pos));
            start = eol + 1;
            owed.shift();
            settle();
          }
        }
        pos = eol + 1;
      }
      if (!closed && pos > start) toClient(fromNode.subarray(start, pos));
      fromNode = fromNode.subarray(pos);
    };

    const fromClientData = (chunk: Buffer) => {
      if (closed) return;
      fromClient = fromClient.length ? Buffer.concat([fromClient, chunk]) : chunk;
      let pos = 0;
      while (pos < fromClient.length && !closed) {
        if (clientDataLeft > 0) {
          const take = Math.min(clientDataLeft, fromClient.length - pos);
          relay(fromClient.subarray(pos, pos + take));
          pos += take;
          clientDataLeft -= take;
          continue;
        }
        const eol = fromClient.indexOf(0x0a, pos);
        if (eol < 0) break;
        const line = fromClient.subarray(pos, eol + 1);
        pos = eol + 1;
        const tokens = line.toString('latin1').trim().split(/\s+/);
        const here = this.localReply(tokens);
        if (here) {
          answerHere(here);
          continue;
        }
        if (tokens[0] === 'mn' && tokens.length === 1) marksSent++;
        const countAt = DATA_BLOCK_TOKEN[tokens[0]];
        if (countAt !== undefined) {
          const bytes = Number(tokens[countAt]);
          // A malformed count gets the node's CLIENT_ERROR and no data block, as memcached reads it.
          if (/^\d+$/.test(tokens[countAt] ?? '') && Number.isSafeInteger(bytes)) clientDataLeft = bytes + 2;
        }
        relay(line);
      }
      fromClient = fromClient.subarray(pos);
      if (!closed && fromClient.length > MAX_LINE) {
        // No line end in a megabyte: nothing more can be told apart, so the rest goes to the node as it is.
        socket.off('data', fromClientData);
        relay(fromClient);
        fromClient = Buffer.alloc(0);
        socket.pipe(up());
      }
    };

    socket.on('data', fromClientData);
    socket.on('end', () => {
      if (!closed) upstream?.end();
    });
    fromClientData(first);
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      if (first[0] === BINARY_MAGIC) this.relayWhole(socket, first);
      else this.serveText(socket, first);
    });
  }

  /** Listens (on the recorded port when given) and returns the port. */
  async start(): Promise<number> {
    const server = this.opts.tls
      ? tls.createServer({ cert: readFileSync(this.opts.tls.certFile), key: readFileSync(this.opts.tls.keyFile) }, (s) => this.accept(s))
      : net.createServer((s) => this.accept(s));
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
