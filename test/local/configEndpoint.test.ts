// A Memcached cluster's ConfigurationEndpoint on the local endpoint, spoken to over raw sockets: Auto Discovery
// (`config get cluster`, `get AmazonElastiCache:cluster`) and `version` are answered for every command of a
// connection, in any order and pipelined, while every other command reaches a real memcached node.
import { CreateCacheClusterCommand, type ElastiCacheClient } from '@aws-sdk/client-elasticache';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { killRecordedAndRemove, recordedPids, sdkClient, tempDataDir, waitAvailable } from './helpers';

// memjs ships no type declarations; it is a real Memcached client (binary protocol) nobody here wrote.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const memjs = require('memjs') as {
  Client: {
    create(servers: string, opts?: object): { set(k: string, v: string, o: object): Promise<boolean>; get(k: string): Promise<{ value: Buffer | null }>; quit(): void };
  };
};

/**
 * Writes `request` (whole, or one byte per write; then half-closes when told) and returns every byte received
 * until the server closes the connection (the requests end with `quit`, or the client half-closed).
 */
function converse(port: number, request: string, how: { oneBytePerWrite?: boolean; halfClose?: boolean; tlsCa?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = how.tlsCa
      ? tls.connect({ host: '127.0.0.1', port, ca: readFileSync(how.tlsCa), servername: 'localhost' })
      : net.connect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    let reply = '';
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error(`no end of the connection after ${JSON.stringify(reply)}`));
    });
    socket.on('data', (d) => (reply += d.toString('latin1')));
    socket.once('error', reject);
    socket.once('close', () => resolve(reply));
    socket.once(how.tlsCa ? 'secureConnect' : 'connect', async () => {
      if (how.oneBytePerWrite) for (const byte of Buffer.from(request, 'latin1')) await new Promise((r) => socket.write(Buffer.from([byte]), r));
      else socket.write(request);
      if (how.halfClose) socket.end();
    });
  });
}

/** Writes `request` and returns every byte received until the server closes the connection. */
function converseBytes(port: number, request: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error(`no end of the connection after ${Buffer.concat(chunks).toString('hex')}`));
    });
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.once('error', reject);
    socket.once('close', () => resolve(Buffer.concat(chunks)));
  });
}

/** A binary-protocol request (magic 0x80): header, extras, key, value. */
function binaryRequest(opcode: number, opaque: number, key = '', extras = Buffer.alloc(0), value = ''): Buffer {
  const body = Buffer.concat([extras, Buffer.from(key), Buffer.from(value)]);
  const header = Buffer.alloc(24);
  header[0] = 0x80;
  header[1] = opcode;
  header.writeUInt16BE(Buffer.byteLength(key), 2);
  header[4] = extras.length;
  header.writeUInt32BE(body.length, 8);
  header.writeUInt32BE(opaque, 12);
  return Buffer.concat([header, body]);
}

function parseBinaryReplies(bytes: Buffer): { opcode: number; opaque: number; status: number; extras: Buffer; value: string }[] {
  const replies = [];
  for (let pos = 0; pos < bytes.length; ) {
    assert.equal(bytes[pos], 0x81, `response magic at ${pos}`);
    const keyLength = bytes.readUInt16BE(pos + 2);
    const extrasLength = bytes[pos + 4];
    const bodyLength = bytes.readUInt32BE(pos + 8);
    const body = bytes.subarray(pos + 24, pos + 24 + bodyLength);
    replies.push({
      opcode: bytes[pos + 1],
      status: bytes.readUInt16BE(pos + 6),
      opaque: bytes.readUInt32BE(pos + 12),
      extras: body.subarray(0, extrasLength),
      value: body.subarray(extrasLength + keyLength).toString('latin1'),
    });
    pos += 24 + bodyLength;
  }
  return replies;
}

/** The Auto Discovery body: config version 1, then every node as host|ip|port. */
function discoveryBody(ports: number[]): string {
  return `1\n${ports.map((p) => `127.0.0.1|127.0.0.1|${p}`).join(' ')}\n`;
}

function discovery(kind: 'CONFIG cluster' | 'VALUE AmazonElastiCache:cluster', ports: number[]): string {
  const body = discoveryBody(ports);
  return `${kind} 0 ${Buffer.byteLength(body)}\r\n${body}\r\nEND\r\n`;
}

describe('Memcached ConfigurationEndpoint', { timeout: 60_000 }, () => {
  let dataDir: string;
  let endpoint: LocalEndpoint;
  let client: ElastiCacheClient;

  before(async () => {
    dataDir = tempDataDir();
    endpoint = await startLocalEndpoint({ port: 0, dataDir });
    client = sdkClient(endpoint.url);
  });

  after(async () => {
    const pids = recordedPids(dataDir);
    await endpoint?.stop();
    killRecordedAndRemove(dataDir, pids);
  });

  async function createCluster(id: string, engineVersion: string, nodes: number): Promise<{ configPort: number; nodePorts: number[]; engineVersion: string }> {
    await client.send(new CreateCacheClusterCommand({ CacheClusterId: id, Engine: 'memcached', EngineVersion: engineVersion, CacheNodeType: 'cache.t3.micro', NumCacheNodes: nodes }));
    const cluster = await waitAvailable(client, id);
    return { configPort: cluster.ConfigurationEndpoint!.Port!, nodePorts: cluster.CacheNodes!.map((n) => n.Endpoint!.Port!), engineVersion: cluster.EngineVersion! };
  }

  test('`version` answers the cluster EngineVersion before and after `config get cluster` on one connection', async () => {
    const { configPort, nodePorts, engineVersion } = await createCluster('ad-order', '1.6.22', 2);
    assert.equal(engineVersion, '1.6.22');
    const config = discovery('CONFIG cluster', nodePorts);
    // The order AWS's Auto Discovery page has a client use: version first, then the command that version calls for.
    assert.equal(await converse(configPort, 'version\r\nconfig get cluster\r\nquit\r\n'), `VERSION 1.6.22\r\n${config}`);
    assert.equal(await converse(configPort, 'config get cluster\r\nversion\r\nquit\r\n'), `${config}VERSION 1.6.22\r\n`);
    // A command for the node first, then the endpoint's own: both on the same connection.
    assert.equal(await converse(configPort, 'delete nothing-here\r\nconfig get cluster\r\nquit\r\n'), `NOT_FOUND\r\n${config}`);
  });

  test('pipelined node and Auto Discovery commands are answered in order, in one packet or one byte at a time', async () => {
    const { configPort, nodePorts } = await createCluster('ad-pipeline', '1.6.22', 3);
    // `blk` holds the bytes a node ends replies with (MN, END): data blocks must not be read as replies.
    const request = [
      'set k 0 0 5\r\nhello\r\n',
      'config get cluster\r\n',
      'get k\r\n',
      'get AmazonElastiCache:cluster\r\n',
      'set blk 0 0 9\r\nMN\r\nEND\r\n\r\n',
      'version\r\n',
      'get blk\r\n',
      'mn\r\n',
      'delete k noreply\r\n',
      'get k\r\n',
      'version\r\n',
      'quit\r\n',
    ].join('');
    const expected = [
      'STORED\r\n',
      discovery('CONFIG cluster', nodePorts),
      'VALUE k 0 5\r\nhello\r\nEND\r\n',
      discovery('VALUE AmazonElastiCache:cluster', nodePorts),
      'STORED\r\n',
      'VERSION 1.6.22\r\n',
      'VALUE blk 0 9\r\nMN\r\nEND\r\n\r\nEND\r\n',
      'MN\r\n',
      'END\r\n',
      'VERSION 1.6.22\r\n',
    ].join('');
    assert.equal(await converse(configPort, request), expected);
    assert.equal(await converse(configPort, request, { oneBytePerWrite: true }), expected);
    // Without `quit`: a client that half-closes after its last command still gets every reply.
    const withoutQuit = request.replace(/quit\r\n$/, '');
    assert.equal(await converse(configPort, withoutQuit, { halfClose: true }), expected);
  });

  test('the relayed commands reach node 0001; other commands get the node’s own answers', async () => {
    const { configPort, nodePorts } = await createCluster('ad-relay', '1.6.22', 2);
    assert.equal(await converse(configPort, 'set via-config 0 0 3\r\nyes\r\nquit\r\n'), 'STORED\r\n');
    assert.equal(await converse(nodePorts[0], 'get via-config\r\nquit\r\n'), 'VALUE via-config 0 3\r\nyes\r\nEND\r\n');
    assert.equal(await converse(nodePorts[1], 'get via-config\r\nquit\r\n'), 'END\r\n');
    // Not an ElastiCache command: memcached's own ERROR, after the reply owed before it.
    assert.equal(await converse(configPort, 'config get cluster\r\nconfig get nothing\r\nquit\r\n'), `${discovery('CONFIG cluster', nodePorts)}ERROR\r\n`);
    // memjs speaks the binary protocol, which is relayed whole, and sees the same node.
    const mc = memjs.Client.create(`127.0.0.1:${configPort}`, { retries: 0, timeout: 2 });
    try {
      assert.equal((await mc.get('via-config')).value?.toString(), 'yes');
      assert.equal(await mc.set('via-memjs', 'binary', {}), true);
    } finally {
      mc.quit();
    }
    assert.equal(await converse(configPort, 'get via-memjs\r\nquit\r\n'), 'VALUE via-memjs 0 6\r\nbinary\r\nEND\r\n');
  });

  test('binary protocol: config get (opcode 0x60) and version answered in order among relayed requests; memjs pipelines through', async () => {
    const { configPort, nodePorts } = await createCluster('ad-binary', '1.6.22', 2);
    const request = Buffer.concat([
      binaryRequest(0x01, 1, 'bk', Buffer.alloc(8), 'bv'), // set bk = bv (extras: flags, expiry)
      binaryRequest(0x60, 2, 'cluster'), // config get cluster
      binaryRequest(0x00, 3, 'bk'), // get bk
      binaryRequest(0x0b, 4), // version
      binaryRequest(0x0a, 5), // noop
      binaryRequest(0x07, 6), // quit
    ]);
    const replies = parseBinaryReplies(await converseBytes(configPort, request));
    assert.deepEqual(
      replies.map((r) => [r.opcode, r.opaque, r.status]),
      [[0x01, 1, 0], [0x60, 2, 0], [0x00, 3, 0], [0x0b, 4, 0], [0x0a, 5, 0], [0x07, 6, 0]],
    );
    assert.equal(replies[1].extras.length, 4);
    assert.equal(replies[1].value, discoveryBody(nodePorts));
    assert.equal(replies[2].value, 'bv');
    assert.equal(replies[3].value, '1.6.22');
    const mc = memjs.Client.create(`127.0.0.1:${configPort}`, { retries: 0, timeout: 2 });
    try {
      const keys = Array.from({ length: 20 }, (_, i) => `pipelined-${i}`);
      assert.deepEqual(await Promise.all(keys.map((k) => mc.set(k, `v-${k}`, {}))), keys.map(() => true));
      assert.deepEqual(
        (await Promise.all(keys.map((k) => mc.get(k)))).map((r) => r.value?.toString()),
        keys.map((k) => `v-${k}`),
      );
    } finally {
      mc.quit();
    }
  });

  test('with transit encryption the ConfigurationEndpoint speaks TLS, and answers and relays as without', async () => {
    await client.send(
      new CreateCacheClusterCommand({
        CacheClusterId: 'ad-tls',
        Engine: 'memcached',
        EngineVersion: '1.6.22',
        CacheNodeType: 'cache.t3.micro',
        NumCacheNodes: 2,
        TransitEncryptionEnabled: true,
        CacheSubnetGroupName: 'default',
      }),
    );
    const cluster = await waitAvailable(client, 'ad-tls');
    const configPort = cluster.ConfigurationEndpoint!.Port!;
    const nodePorts = cluster.CacheNodes!.map((n) => n.Endpoint!.Port!);
    const reply = await converse(configPort, 'set t 0 0 2\r\nok\r\nversion\r\nconfig get cluster\r\nget t\r\nquit\r\n', { tlsCa: endpoint.tlsCaFile });
    assert.equal(reply, `STORED\r\nVERSION 1.6.22\r\n${discovery('CONFIG cluster', nodePorts)}VALUE t 0 2\r\nok\r\nEND\r\n`);
  });

  test('engine 1.4.5: `version` says 1.4.5, so a client sends `get AmazonElastiCache:cluster`, which lists the nodes', async () => {
    const { configPort, nodePorts } = await createCluster('ad-old', '1.4.5', 2);
    const reply = await converse(configPort, 'version\r\nget AmazonElastiCache:cluster\r\nquit\r\n');
    assert.equal(reply, `VERSION 1.4.5\r\n${discovery('VALUE AmazonElastiCache:cluster', nodePorts)}`);
  });
});
