// The local endpoint answers malformed, odd or oversized requests as ElastiCache documents, checked with clients
// nobody here wrote: Debian's AWS CLI (botocore, whose XML parser is expat), Python's expat for raw replies, and
// plain sockets for what no SDK sends.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { CreateCacheClusterCommand, DeleteCacheClusterCommand, DescribeCacheClustersCommand } from '@aws-sdk/client-elasticache';
import { eventually, killRecordedAndRemove, recordedPids, sdkClient, tempDataDir } from './helpers';

// Debian's CLI: the first `aws` on PATH may be another one (e.g. a pyenv shim of CLI v1).
const awsCli = '/usr/bin/aws';
const python = '/usr/bin/python3';
const curl = '/usr/bin/curl';
const awsEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };

interface CliResult {
  code: number;
  json?: Record<string, unknown>;
  stderr: string;
}

async function aws(url: string, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(awsCli, ['--endpoint-url', url, '--no-cli-pager', '--output', 'json', 'elasticache', ...args], { env: awsEnv, timeout: 60_000 });
    return { code: 0, json: stdout.trim() ? JSON.parse(stdout) : undefined, stderr };
  } catch (err) {
    const e = err as { code?: number; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stderr: e.stderr ?? '' };
  }
}

/** The error code the CLI prints, `An error occurred (Code) when calling …`. */
function errorCode(result: CliResult): string | undefined {
  return /An error occurred \(([^)]+)\)/.exec(result.stderr)?.[1];
}

// Any well-formed signature passes an endpoint started without keys.
const signedHeaders = (scope = 'us-east-1/elasticache') => ({
  'X-Amz-Date': '20260101T000000Z',
  Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${scope}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
});

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; xml: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signedHeaders(), ...headers }, body });
  return { status: res.status, xml: await res.text() };
}

/** Raw bytes to the endpoint, for what no HTTP client sends; the whole reply once the server closes (or after a silence of timeoutMs). */
function rawRequest(url: string, bytes: string, timeoutMs = 5000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => socket.write(bytes));
    let reply = '';
    socket.setEncoding('utf8');
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('data', (d) => (reply += d));
    socket.on('close', () => resolve(reply));
    socket.on('error', reject);
  });
}

/** An XML reply read by expat (Python's, as botocore does): its error Code and Message, or the parser's complaint. */
async function expat(xml: string): Promise<{ code?: string; message?: string; values: string[] } | { notWellFormed: string }> {
  const script = `
import sys, json, xml.etree.ElementTree as ET
try:
    root = ET.fromstring(sys.stdin.buffer.read())
except ET.ParseError as e:
    print(json.dumps({"notWellFormed": str(e)})); sys.exit(0)
text = lambda tag: next((e.text for e in root.iter() if e.tag.endswith('}' + tag) or e.tag == tag), None)
print(json.dumps({"code": text("Code"), "message": text("Message"), "values": [e.text for e in root.iter() if e.tag.endswith('}Value')]}))
`;
  const child = execFile(python, ['-c', script]);
  child.stdin!.end(xml);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  await new Promise((resolve) => child.once('close', resolve));
  return JSON.parse(out);
}

const clientsMissing = [awsCli, python, curl].find((p) => !existsSync(p));

describe('local endpoint conformance: odd input, well-formed XML replies', { timeout: 120_000, skip: clientsMissing && !process.env.CI ? `${clientsMissing} missing (Debian package awscli)` : false }, () => {
  let dataDir: string;
  let endpoint: LocalEndpoint;

  before(async () => {
    dataDir = tempDataDir();
    endpoint = await startLocalEndpoint({ port: 0, dataDir });
  });

  after(async () => {
    const pids = recordedPids(dataDir);
    await endpoint?.stop();
    killRecordedAndRemove(dataDir, pids);
  });

  test('control characters in a request: the reply stays well-formed XML, the message shows them as \\u0001', async () => {
    const nodeType = await aws(endpoint.url, ['create-cache-cluster', '--cache-cluster-id', 'ctl', '--engine', 'memcached', '--cache-node-type', 'cache.t3\u0001.micro']);
    assert.equal(errorCode(nodeType), 'InvalidParameterValue', nodeType.stderr);
    assert.match(nodeType.stderr, /'cache\.t3\\u0001\.micro' is not a node type/);

    const notFound = await aws(endpoint.url, ['describe-cache-clusters', '--cache-cluster-id', 'a\rb']);
    assert.equal(errorCode(notFound), 'CacheClusterNotFound', notFound.stderr);
    assert.match(notFound.stderr, /: a\\rb$/m);

    // What no SDK sends: a NUL in the action, controls in a parameter name and in an integer.
    for (const [body, code, shown] of [
      ['Action=Describe%00Clusters&Version=2015-02-02', 'InvalidAction', 'Describe\\u0000Clusters'],
      ['Action=DescribeCacheClusters&Version=2015-02-02&Bad%01Name=1', 'InvalidParameterValue', 'Bad\\u0001Name'],
      ['Action=DescribeCacheClusters&Version=2015-02-02&MaxRecords=2%010', 'InvalidParameterValue', '2\\u00010'],
      ['Action=DescribeCacheClusters&Version=2015-02-02&CacheClusterId=%EF%BF%BE', 'InvalidParameterValue', 'control characters'],
      ['Action=DescribeCacheClusters&Version=2015-02-02&CacheClusterId=%7F%C2%85', 'CacheClusterNotFound', '\\u007f\\u0085'],
    ]) {
      const reply = await post(endpoint.url, body);
      assert.ok(reply.status >= 400 && reply.status < 500, reply.xml);
      const parsed = await expat(reply.xml);
      assert.ok(!('notWellFormed' in parsed), `${body}: ${JSON.stringify(parsed)}`);
      assert.equal(parsed.code, code);
      assert.ok(parsed.message!.includes(shown), `${body}: ${parsed.message}`);
    }
  });

  test('a CR in a value comes back as a CR (an XML parser reads a raw CR as LF), a tab as a tab', async () => {
    const arn = 'arn:aws:elasticache:us-east-1:000000000000:subnetgroup:default';
    const added = await aws(endpoint.url, ['add-tags-to-resource', '--resource-name', arn, '--tags', 'Key=crlf,Value=a\rb\r\nc\td']);
    assert.equal(added.code, 0, added.stderr);
    const listed = await aws(endpoint.url, ['list-tags-for-resource', '--resource-name', arn]);
    assert.deepEqual((listed.json!.TagList as { Key: string; Value: string }[]).find((t) => t.Key === 'crlf'), { Key: 'crlf', Value: 'a\rb\r\nc\td' });
  });

  test('a body over 1 MB is RequestEntityTooLargeException (413), which the CLI reports; the connection closes after it', async () => {
    const input = path.join(dataDir, 'big-input.json');
    writeFileSync(input, JSON.stringify({ ReplicationGroupId: 'big', ReplicationGroupDescription: 'x'.repeat(1_100_000), Engine: 'redis' }));
    const big = await aws(endpoint.url, ['create-replication-group', '--cli-input-json', `file://${input}`]);
    assert.equal(errorCode(big), 'RequestEntityTooLargeException', big.stderr);
    assert.match(big.stderr, /larger than 1048576 bytes/);

    const reply = await fetch(endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signedHeaders() }, body: 'Action=DescribeCacheClusters&Version=2015-02-02&X=' + 'a'.repeat(1_048_576) });
    assert.equal(reply.status, 413);
    assert.equal(reply.headers.get('connection'), 'close');
    assert.equal((await expat(await reply.text()) as { code: string }).code, 'RequestEntityTooLargeException');
  });

  test('paging DescribeCacheClusters skips no cluster when the Marker\'s cluster is deleted between pages', async () => {
    const sdk = sdkClient(endpoint.url);
    const create = (id: string, nodes: number) => sdk.send(new CreateCacheClusterCommand({ CacheClusterId: id, Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: nodes }));
    const ids = Array.from({ length: 20 }, (_, i) => `page-${String(i + 1).padStart(2, '0')}`);
    for (const id of ids.slice(0, 19)) await create(id, 1);
    // page-first is created before page-20 but recorded after it (more ports to allocate): the order of creation and
    // of the record differ where the first page ends.
    const first = create('page-first', 40);
    await new Promise((r) => setTimeout(r, 1));
    await Promise.all([first, create('page-20', 1)]);
    const all = ['page-first', ...ids];
    await eventually(
      'every cluster available',
      async () => {
        const { CacheClusters } = await sdk.send(new DescribeCacheClustersCommand({}));
        return all.every((id) => CacheClusters!.some((c) => c.CacheClusterId === id && c.CacheClusterStatus === 'available'));
      },
      60_000,
    );

    const pageOne = await sdk.send(new DescribeCacheClustersCommand({ MaxRecords: 20 }));
    const seen = pageOne.CacheClusters!.map((c) => c.CacheClusterId!).filter((id) => id.startsWith('page-'));
    const markerCluster = pageOne.CacheClusters!.at(-1)!.CacheClusterId!;
    assert.ok(pageOne.Marker, 'a second page');
    await sdk.send(new DeleteCacheClusterCommand({ CacheClusterId: markerCluster }));
    await eventually('the Marker\'s cluster gone', async () => !(await sdk.send(new DescribeCacheClustersCommand({}))).CacheClusters!.some((c) => c.CacheClusterId === markerCluster), 30_000);
    const pageTwo = await sdk.send(new DescribeCacheClustersCommand({ MaxRecords: 20, Marker: pageOne.Marker }));
    seen.push(...pageTwo.CacheClusters!.map((c) => c.CacheClusterId!).filter((id) => id.startsWith('page-')));
    assert.deepEqual([...seen].sort(), [...all].sort(), `pages: ${seen.join(' ')}`);
    for (const id of all.filter((c) => c !== markerCluster)) await sdk.send(new DeleteCacheClusterCommand({ CacheClusterId: id }));
  });

  test('a request path of // is served like /; a request target that is no URL is MalformedHttpRequestException (400)', async () => {
    const run = async (args: string[]) => (await promisify(execFile)(curl, ['-s', '-w', '\\n%{http_code}', ...args])).stdout;
    const unsigned = await run([`${endpoint.url}//`]);
    assert.match(unsigned, /<Code>MissingAuthenticationToken<\/Code>[\s\S]*\n403$/);
    const signed = await run(['--aws-sigv4', 'aws:amz:us-east-1:elasticache', '--user', 'test:test', `${endpoint.url}//?Action=DescribeCacheClusters&Version=2015-02-02`]);
    assert.match(signed, /<DescribeCacheClustersResponse [\s\S]*\n200$/);

    const reply = await rawRequest(endpoint.url, 'GET http://[/?Action=DescribeCacheClusters&Version=2015-02-02 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    assert.match(reply, /^HTTP\/1\.1 400 /);
    assert.equal((await expat(reply.slice(reply.indexOf('\r\n\r\n') + 4)) as { code: string }).code, 'MalformedHttpRequestException');
  });

  test('more than 50 tags is TagQuotaPerResourceExceeded, the error the service model gives these actions', async () => {
    const tags = Array.from({ length: 51 }, (_, i) => `Key=k${i},Value=v`);
    const arn = 'arn:aws:elasticache:us-east-1:000000000000:parametergroup:default.memcached1.6';
    const added = await aws(endpoint.url, ['add-tags-to-resource', '--resource-name', arn, '--tags', ...tags]);
    assert.equal(errorCode(added), 'TagQuotaPerResourceExceeded', added.stderr);
    assert.match(added.stderr, /Tags lists 51 tags, but a resource takes at most 50: remove 1\./);
    const created = await aws(endpoint.url, ['create-cache-cluster', '--cache-cluster-id', 'many-tags', '--engine', 'memcached', '--cache-node-type', 'cache.t3.micro', '--tags', ...tags]);
    assert.equal(errorCode(created), 'TagQuotaPerResourceExceeded', created.stderr);
    const group = await aws(endpoint.url, ['create-replication-group', '--replication-group-id', 'many-tags', '--replication-group-description', 'd', '--engine', 'redis', '--tags', ...tags]);
    assert.equal(errorCode(group), 'TagQuotaPerResourceExceeded', group.stderr);
    const fifty = await aws(endpoint.url, ['add-tags-to-resource', '--resource-name', arn, '--tags', ...tags.slice(0, 50)]);
    assert.equal(fifty.code, 0, fifty.stderr);
  });

  test('a signature scoped to another service or to no valid Region name is refused (SignatureDoesNotMatch, 403)', async () => {
    const s3 = await post(endpoint.url, 'Action=DescribeCacheClusters&Version=2015-02-02', signedHeaders('us-east-1/s3'));
    assert.equal(s3.status, 403, s3.xml);
    assert.match(s3.xml, /<Code>SignatureDoesNotMatch<\/Code><Message>Credential should be scoped to correct service: &apos;elasticache&apos;/);

    const colon = sdkClient(endpoint.url);
    colon.config.region = async () => 'a:b';
    await assert.rejects(colon.send(new DescribeCacheClustersCommand({})), (err: Error & { $metadata: { httpStatusCode: number } }) => {
      assert.equal(err.name, 'SignatureDoesNotMatch');
      assert.equal(err.$metadata.httpStatusCode, 403);
      assert.match(err.message, /Credential should be scoped to a valid Region, not 'a:b'/);
      return true;
    });
    const moon = await aws(endpoint.url, ['--region', 'eu-moon', 'describe-cache-clusters']);
    assert.equal(errorCode(moon), 'SignatureDoesNotMatch', moon.stderr);

    // Any valid name is served (one cluster list for every Region), and the ARNs name it.
    const other = await aws(endpoint.url, ['--region', 'eu-central-2', 'create-cache-cluster', '--cache-cluster-id', 'zurich', '--engine', 'memcached', '--cache-node-type', 'cache.t3.micro']);
    assert.equal(other.code, 0, other.stderr);
    assert.match((other.json!.CacheCluster as { ARN: string }).ARN, /^arn:aws:elasticache:eu-central-2:/);
    // A Region of another partition (the AWS European Sovereign Cloud's, aws-eusc) too, and its ARNs name that partition.
    const sovereign = await aws(endpoint.url, ['--region', 'eusc-de-east-1', 'create-cache-cluster', '--cache-cluster-id', 'brandenburg', '--engine', 'memcached', '--cache-node-type', 'cache.t3.micro']);
    assert.equal(sovereign.code, 0, sovereign.stderr);
    assert.match((sovereign.json!.CacheCluster as { ARN: string }).ARN, /^arn:aws-eusc:elasticache:eusc-de-east-1:/);
  });

  test('HTTP-level errors get the XML error: a bad chunk size or headers over 16 KB MalformedHttpRequestException (400), unfinished headers or body RequestTimeoutException (408) within 40 s', { timeout: 60_000 }, async () => {
    const errorOf = async (reply: string) => ({ status: /^HTTP\/1\.1 (\d+)/.exec(reply)?.[1], ...((await expat(reply.slice(reply.indexOf('\r\n\r\n') + 4))) as { code?: string; message?: string }) });
    const host = `Host: 127.0.0.1:${endpoint.port}\r\n`;
    const started = Date.now();
    const [chunk, headers, unfinishedHeaders, unfinishedBody] = await Promise.all([
      rawRequest(endpoint.url, `POST / HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\n\r\nzz\r\nAction\r\n0\r\n\r\n`),
      rawRequest(endpoint.url, `GET / HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
      rawRequest(endpoint.url, `POST / HTTP/1.1\r\n${host}`, 45_000),
      rawRequest(endpoint.url, `POST / HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\n\r\n5\r\nActio\r\n`, 45_000),
    ]);
    const badChunk = await errorOf(chunk);
    assert.deepEqual([badChunk.status, badChunk.code], ['400', 'MalformedHttpRequestException'], chunk);
    assert.match(badChunk.message!, /^The request is not well-formed HTTP/);
    const bigHeaders = await errorOf(headers);
    assert.deepEqual([bigHeaders.status, bigHeaders.code], ['400', 'MalformedHttpRequestException'], headers);
    assert.match(bigHeaders.message!, /headers are larger than 16384 bytes/);
    for (const reply of [unfinishedHeaders, unfinishedBody]) {
      const e = await errorOf(reply);
      assert.equal(e.status, '408', reply);
      assert.equal(e.code, 'RequestTimeoutException');
    }
    assert.ok(Date.now() - started < 40_000, `answered after ${Date.now() - started} ms`);
  });

  test('the Content-Type media type is matched whatever its case (RFC 9110 §8.3.1)', async () => {
    for (const contentType of ['Application/X-WWW-Form-Urlencoded', 'APPLICATION/X-WWW-FORM-URLENCODED; Charset=UTF-8', 'application/x-www-form-urlencoded ; charset=utf-8']) {
      const reply = await post(endpoint.url, 'Action=DescribeCacheClusters&Version=2015-02-02', { 'Content-Type': contentType });
      assert.equal(reply.status, 200, `${contentType}: ${reply.xml}`);
      assert.match(reply.xml, /<DescribeCacheClustersResponse /);
    }
    // Another media type is not read as a form: the request has no action.
    const json = await post(endpoint.url, 'Action=DescribeCacheClusters&Version=2015-02-02', { 'Content-Type': 'application/x-www-form-urlencodedx' });
    assert.equal((await expat(json.xml) as { code: string }).code, 'MissingAction');
  });
});

test('stopping the endpoint answers the requests it has accepted: one still sending its body is ServiceUnavailable (503), and leaves no cluster', { timeout: 60_000 }, async () => {
  const dataDir = tempDataDir();
  let endpoint: LocalEndpoint | undefined = await startLocalEndpoint({ port: 0, dataDir });
  try {
    const { port } = endpoint;
    const body = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=late&Engine=memcached&CacheNodeType=cache.t3.micro';
    const headers = Object.entries({ Host: `127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length), ...signedHeaders() });
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (reply += d));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    // The request is accepted (headers and half its body sent) when the endpoint is told to stop.
    socket.write(`POST / HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body.slice(0, 40)}`);
    await new Promise((r) => setTimeout(r, 200));
    const stopped = endpoint.stop();
    await new Promise((r) => setTimeout(r, 100));
    socket.write(body.slice(40));
    await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000).unref())]);
    await stopped;
    endpoint = undefined;
    assert.match(reply, /^HTTP\/1\.1 503 /, `the reply: ${JSON.stringify(reply)}`);
    assert.equal((await expat(reply.slice(reply.indexOf('\r\n\r\n') + 4)) as { code: string }).code, 'ServiceUnavailable');

    endpoint = await startLocalEndpoint({ port: 0, dataDir });
    const listed = await aws(endpoint.url, ['describe-cache-clusters']);
    assert.deepEqual(listed.json, { CacheClusters: [] }, 'a create that was refused left no cluster');
  } finally {
    const pids = recordedPids(dataDir);
    await endpoint?.stop();
    killRecordedAndRemove(dataDir, pids);
  }
});

test('stopping the endpoint answers a request that arrives on a connection it had accepted: ServiceUnavailable (503) with Connection: close, not a reset; a silent connection does not hold the stop', { timeout: 60_000 }, async () => {
  const dataDir = tempDataDir();
  let endpoint: LocalEndpoint | undefined = await startLocalEndpoint({ port: 0, dataDir });
  try {
    const { port } = endpoint;
    const connected = async () => {
      const socket = net.connect({ host: '127.0.0.1', port });
      await new Promise((resolve) => socket.once('connect', resolve));
      let reply = '';
      socket.setEncoding('utf8');
      socket.on('data', (d) => (reply += d));
      const ended = new Promise<string>((resolve) => {
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(`error ${e.code}`));
        socket.once('close', () => resolve('closed'));
      });
      return { socket, reply: () => reply, ended };
    };
    const late = await connected();
    const silent = await connected();
    // Both connections accepted by the endpoint before it is told to stop; only then does the request come.
    await new Promise((r) => setTimeout(r, 100));
    const stopStarted = Date.now();
    const stopped = endpoint.stop();
    const body = 'Action=DescribeCacheClusters&Version=2015-02-02';
    const headers = Object.entries({ Host: `127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length), ...signedHeaders() });
    late.socket.write(`POST / HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
    assert.equal(await late.ended, 'closed', `the reply: ${JSON.stringify(late.reply())}`);
    assert.match(late.reply(), /^HTTP\/1\.1 503 /, `the reply: ${JSON.stringify(late.reply())}`);
    assert.match(late.reply(), /\r\nConnection: close\r\n/i);
    assert.equal((await expat(late.reply().slice(late.reply().indexOf('\r\n\r\n') + 4)) as { code: string }).code, 'ServiceUnavailable');
    await stopped;
    endpoint = undefined;
    assert.ok(Date.now() - stopStarted < 5_000, `stop took ${Date.now() - stopStarted} ms with a silent connection open`);
    await silent.ended; // closed by the stop (else the test times out)
  } finally {
    const pids = recordedPids(dataDir);
    await endpoint?.stop();
    killRecordedAndRemove(dataDir, pids);
  }
});

test('a create sent as the endpoint stops: answered and in the state of the next start, or refused and absent', { timeout: 90_000 }, async () => {
  const dataDir = tempDataDir();
  let endpoint: LocalEndpoint | undefined;
  try {
    for (const [i, delayMs] of [0, 5, 10, 20, 40].entries()) {
      endpoint = await startLocalEndpoint({ port: 0, dataDir });
      const id = `racing-${i}`;
      const created = sdkClient(endpoint.url)
        .send(new CreateCacheClusterCommand({ CacheClusterId: id, Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 20 }))
        .then(
          () => 'answered',
          (err: Error & { $metadata?: { httpStatusCode?: number }; code?: string }) => (err.$metadata?.httpStatusCode === 503 ? 'refused' : `failed: ${err.name} ${err.code ?? ''} ${err.message}`),
        );
      await new Promise((r) => setTimeout(r, delayMs));
      await endpoint.stop();
      const outcome = await created;
      endpoint = await startLocalEndpoint({ port: 0, dataDir });
      const { CacheClusters } = await sdkClient(endpoint.url).send(new DescribeCacheClustersCommand({}));
      const present = CacheClusters!.some((c) => c.CacheClusterId === id);
      // Refused: a 503, or no connection at all (the endpoint no longer listened, or closed a connection it had not
      // yet accepted): either way nothing was created. Not a connection cut under a request (`socket hang up`).
      if (outcome === 'answered') assert.ok(present, `${id} was answered but is not in the state`);
      else {
        assert.ok(outcome === 'refused' || /ECONNREFUSED|connect ECONNRESET/.test(outcome), `${id} after ${delayMs} ms: ${outcome}`);
        assert.ok(!present, `${id} was not answered but exists`);
      }
      await endpoint.stop();
      endpoint = undefined;
    }
  } finally {
    const pids = recordedPids(dataDir);
    await endpoint?.stop();
    killRecordedAndRemove(dataDir, pids);
  }
});
