// Shared set-up for the client tests: a real Local endpoint in a temp data dir on an OS-chosen port, a log that
// records every line, and a canned-response HTTP server for the AWS errors the Local endpoint cannot produce.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { type ApiLog, type Connection, createClient, localConnection } from '../../client/src/connections';

export interface LocalFixture {
  endpoint: LocalEndpoint;
  dataDir: string;
  close(): Promise<void>;
}

export async function startLocal(opts: { accessKey?: string; secretKey?: string } = {}): Promise<LocalFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elasticache-client-test-'));
  const endpoint = await startLocalEndpoint({ port: 0, host: '127.0.0.1', dataDir, ...opts });
  return {
    endpoint,
    dataDir,
    async close() {
      await endpoint.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export class RecordingLog implements ApiLog {
  readonly lines: string[] = [];
  info(line: string): void {
    this.lines.push(`info ${line}`);
  }
  error(line: string): void {
    this.lines.push(`error ${line}`);
  }
}

export interface LocalClient {
  local: LocalFixture;
  connection: Connection;
  client: ElastiCacheClient;
  log: RecordingLog;
}

/**
 * The set-up most client test files share: one Local endpoint, its connection and an SDK client logging to `log`,
 * started before the file's tests and stopped after them. Call at the top level of a test file; the fields other
 * than `log` are set once the `before` hook has run.
 */
export function localClientForFile(): LocalClient {
  const fixture = { log: new RecordingLog() } as LocalClient;
  before(async () => {
    fixture.local = await startLocal();
    fixture.connection = localConnection(fixture.local.endpoint.url);
    fixture.client = await createClient(fixture.connection, fixture.log);
  });
  after(async () => {
    fixture.client?.destroy();
    await fixture.local?.close();
  });
  return fixture;
}

/**
 * A canned-response HTTP server: it answers every request with one fixed AWS Query-protocol ErrorResponse, in the
 * format ElastiCache sends (Type, Code, Message, RequestId; the request id also in x-amzn-RequestId). Only for
 * errors the Local endpoint cannot produce because they concern AWS accounts: AccessDenied (IAM policies) and
 * ExpiredToken (temporary session credentials). Credential and signature errors come from the real endpoint.
 */
export async function cannedErrorResponseServer(status: number, code: string, message: string): Promise<{ url: string; close(): Promise<void> }> {
  const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const requestId = randomUUID();
      const body = `<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <Error>
    <Type>Sender</Type>
    <Code>${xml(code)}</Code>
    <Message>${xml(message)}</Message>
  </Error>
  <RequestId>${requestId}</RequestId>
</ErrorResponse>`;
      res.writeHead(status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A loopback port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Wraps a test so that it runs with no AWS credentials anywhere: no AWS_* variables, empty shared config and
 * credentials files (in a temporary directory passed to the test), no instance metadata. Restored afterwards.
 */
export function withEmptyAwsFiles(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elasticache-nocreds-'));
    const saved = { ...process.env };
    try {
      for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
      fs.writeFileSync(path.join(dir, 'config'), '');
      fs.writeFileSync(path.join(dir, 'credentials'), '');
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
      await fn(dir);
    } finally {
      process.env = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
