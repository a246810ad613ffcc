// Connecting to a cluster that serves TLS: the availability notification, the tooltip and Copy redis-cli Command say
// so and, on the Local endpoint, name its self-signed CA certificate; the command they give connects to a real node
// (a plain one does not), and never holds an AUTH token.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import type { CacheCluster } from '@aws-sdk/client-elasticache';
import { availableMessage, clusterTooltip, localCaFile, redisCliCommand } from '../../client/src/clusterView';
import { awsConnection, localConnection } from '../../client/src/connections';
import { createCacheCluster, waitUntilAvailable } from '../../client/src/createFromRequest';
import { localClientForFile } from './helpers';

const fixture = localClientForFile();

/** Runs a command line as a shell would (the user pastes it), with `args` after it; its output, or the failure's. */
function run(command: string, args: string, input?: string): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync('sh', ['-c', `${command} ${args}`], { encoding: 'utf8', timeout: 10_000, input, stdio: 'pipe' }).trim() };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}${e.message}` };
  }
}

test('a TLS cluster on Local: the notification and tooltip say TLS only and name the CA file; their redis-cli command answers PING, a plain one does not', { timeout: 60_000 }, async () => {
  await createCacheCluster(fixture.client, { CacheClusterId: 'tls-vk', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true, CacheSubnetGroupName: 'default' });
  const cluster = await waitUntilAvailable(fixture.client, 'tls-vk', { timeoutMs: 30_000, intervalMs: 100 });
  const caFile = localCaFile(fixture.connection, fixture.local.endpoint);
  assert.equal(caFile, fixture.local.endpoint.tlsCaFile);
  const port = cluster.CacheNodes![0]!.Endpoint!.Port!;
  const command = redisCliCommand(cluster, caFile)!;
  assert.equal(command, `redis-cli --tls --cacert ${caFile} -h 127.0.0.1 -p ${port}`);
  assert.deepEqual(run(command, 'PING'), { ok: true, out: 'PONG' });
  // What the reviewer typed: the address alone does not connect.
  assert.notEqual(run(`redis-cli -h 127.0.0.1 -p ${port}`, 'PING').out, 'PONG');

  const message = availableMessage(cluster, caFile);
  assert.equal(message, `Cache cluster tls-vk is available at 127.0.0.1:${port}, over TLS only: connect with TLS, trusting the Local endpoint's certificate ${caFile} as the CA, e.g. ${command}.`);
  const tooltip = clusterTooltip(cluster, caFile);
  assert.match(tooltip, /\| Encryption in transit \| yes \\\(TLS only\\\) \|/);
  assert.ok(tooltip.includes(`| CA certificate | ${caFile.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1')} |`), tooltip);
  assert.match(tooltip, /\| Connect \| redis\\-cli \\-\\-tls \\-\\-cacert /);
});

test('with an AUTH token the command asks for it (--askpass) and connects; the token is in no message, tooltip or command', { timeout: 60_000 }, async () => {
  const token = 'Tls-Connect-Token-0123456789';
  await createCacheCluster(fixture.client, { CacheClusterId: 'tls-auth', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true, AuthToken: token, CacheSubnetGroupName: 'default' });
  const cluster = await waitUntilAvailable(fixture.client, 'tls-auth', { timeoutMs: 30_000, intervalMs: 100 });
  const caFile = localCaFile(fixture.connection, fixture.local.endpoint);
  const command = redisCliCommand(cluster, caFile)!;
  assert.match(command, /^redis-cli --tls --cacert \S+ --askpass -h 127\.0\.0\.1 -p \d+$/);
  for (const text of [command, availableMessage(cluster, caFile), clusterTooltip(cluster, caFile)]) assert.ok(!text.includes(token), text);
  // The token typed at the prompt (here: its standard input).
  assert.deepEqual(run(command, 'PING', `${token}\n`), { ok: true, out: 'PONG' });
});

test('clean: a cluster without TLS keeps the plain notification, no CA row, and a plain command that connects', { timeout: 60_000 }, async () => {
  await createCacheCluster(fixture.client, { CacheClusterId: 'plain-vk', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 });
  const cluster = await waitUntilAvailable(fixture.client, 'plain-vk', { timeoutMs: 30_000, intervalMs: 100 });
  const caFile = localCaFile(fixture.connection, fixture.local.endpoint);
  const port = cluster.CacheNodes![0]!.Endpoint!.Port!;
  assert.equal(availableMessage(cluster, caFile), `Cache cluster plain-vk is available at 127.0.0.1:${port}.`);
  const command = redisCliCommand(cluster, caFile)!;
  assert.equal(command, `redis-cli -h 127.0.0.1 -p ${port}`);
  assert.deepEqual(run(command, 'PING'), { ok: true, out: 'PONG' });
  const tooltip = clusterTooltip(cluster, caFile);
  assert.match(tooltip, /\| Encryption in transit \| no \|/);
  assert.doesNotMatch(tooltip, /CA certificate|TLS/);
});

test('AWS clusters get --tls without a CA file (their certificates are trusted already); Memcached gets the CA file but no redis-cli command', () => {
  const aws = awsConnection('default', 'us-east-1');
  const running = { url: 'http://127.0.0.1:45213', tlsCaFile: '/data/my local/tls/cert.pem' };
  assert.equal(localCaFile(aws, running), undefined);
  assert.equal(localCaFile(localConnection('http://127.0.0.1:9999'), running), undefined, 'another endpoint than the one running');
  assert.equal(localCaFile(localConnection(running.url), undefined), undefined, 'none running');
  const onAws: CacheCluster = {
    CacheClusterId: 'web',
    Engine: 'valkey',
    CacheClusterStatus: 'available',
    TransitEncryptionEnabled: true,
    TransitEncryptionMode: 'preferred',
    CacheNodes: [{ CacheNodeId: '0001', Endpoint: { Address: 'web.abc123.0001.use1.cache.amazonaws.com', Port: 6379 } }],
  };
  assert.equal(redisCliCommand(onAws), 'redis-cli --tls -h web.abc123.0001.use1.cache.amazonaws.com -p 6379');
  assert.match(availableMessage(onAws), /, over TLS and plain connections: connect with TLS, e\.g\. redis-cli --tls -h /);
  // A path with a space is quoted for the shell.
  const local: CacheCluster = { ...onAws, TransitEncryptionMode: 'required', CacheNodes: [{ CacheNodeId: '0001', Endpoint: { Address: '127.0.0.1', Port: 40001 } }] };
  assert.equal(redisCliCommand(local, running.tlsCaFile), "redis-cli --tls --cacert '/data/my local/tls/cert.pem' -h 127.0.0.1 -p 40001");
  const memcached: CacheCluster = { CacheClusterId: 'mc', Engine: 'memcached', TransitEncryptionEnabled: true, TransitEncryptionMode: 'required', ConfigurationEndpoint: { Address: '127.0.0.1', Port: 40002 }, CacheNodes: [{ Endpoint: { Address: '127.0.0.1', Port: 40003 } }] };
  assert.equal(redisCliCommand(memcached, running.tlsCaFile), undefined);
  assert.equal(availableMessage(memcached, running.tlsCaFile), `Cache cluster mc is available at 127.0.0.1:40002, over TLS only: connect with TLS, trusting the Local endpoint's certificate ${running.tlsCaFile} as the CA.`);
});
