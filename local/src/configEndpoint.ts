// The ConfigurationEndpoint of a Memcached cluster. As on ElastiCache, it is an address that behaves like a
// node of the cluster and also answers the Auto Discovery command `config get cluster` with every node's
// host|ip|port (format: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoDiscovery.AddingToYourClientLibrary.html).
// A connection whose first bytes are a `config` command is answered here; any other connection is relayed to node 0001.
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
  tls?: TlsFiles;
}

export class ConfigEndpoint {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly opts: ConfigEndpointOptions) {}

  /** The `config get cluster` reply: version line, node list line, END. */
  private clusterConfig(): string {
    const nodes = this.opts.nodePorts().map((p) => `${this.opts.advertisedHost}|${this.opts.advertisedHost}|${p}`).join(' ');
    const body = `1\n${nodes}\n`;
    return `CONFIG cluster 0 ${Buffer.byteLength(body)}\r\n${body}\r\nEND\r\n`;
  }

  private serveConfig(socket: net.Socket, first: Buffer): void {
    let pending = first.toString('latin1');
    const answer = () => {
      let eol: number;
      while ((eol = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, eol).replace(/\r$/, '').trim();
        pending = pending.slice(eol + 1);
        if (line === 'config get cluster') socket.write(this.clusterConfig());
        else if (line === 'quit') return void socket.end();
        else if (line === 'version') socket.write('VERSION 1.6\r\n');
        else if (line !== '') socket.write('ERROR\r\n');
      }
    };
    socket.on('data', (d: Buffer) => {
      pending += d.toString('latin1');
      answer();
    });
    answer();
  }

  private relay(socket: net.Socket, first: Buffer): void {
    const port = this.opts.nodePorts()[0];
    const connectOpts = { host: this.opts.advertisedHost, port };
    const upstream: net.Socket = this.opts.tls
      ? tls.connect({ ...connectOpts, ca: readFileSync(this.opts.tls.certFile), servername: 'localhost' })
      : net.connect(connectOpts);
    this.sockets.add(upstream);
    upstream.once('close', () => this.sockets.delete(upstream));
    upstream.write(first);
    socket.pipe(upstream);
    upstream.pipe(socket);
    const end = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.on('error', end);
    socket.on('error', end);
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      if (/^config\s/i.test(first.toString('latin1', 0, Math.min(first.length, 16)))) this.serveConfig(socket, first);
      else this.relay(socket, first);
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
