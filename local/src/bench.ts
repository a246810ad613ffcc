// Figures for the local endpoint (not a unit test): time from CreateCacheCluster to `available` for Redis,
// Valkey and Memcached, and DescribeCacheClusters requests per second, measured with the AWS SDK.
// Run: node --import tsx local/src/bench.ts   (or: npm run bench:local)
import { CreateCacheClusterCommand, DeleteCacheClusterCommand, DescribeCacheClustersCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalEndpoint } from './index';

const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const describeSeconds = Number(process.env.BENCH_SECONDS ?? 3);

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms (n=${s.length})`;
}

const availableDeadlineMs = 30_000;

/**
 * CreateCacheCluster answers `creating` (as AWS does); the cluster is then polled with DescribeCacheClusters
 * every 5 ms until it is `available`, within a deadline. Returns both the reply time and the time to available.
 */
async function createToAvailable(client: ElastiCacheClient, id: string, input: Record<string, unknown>): Promise<{ reply: number; available: number }> {
  const t0 = performance.now();
  const created = await client.send(new CreateCacheClusterCommand({ CacheClusterId: id, CacheNodeType: 'cache.t3.micro', ...input }));
  const reply = performance.now() - t0;
  let status = created.CacheCluster?.CacheClusterStatus;
  while (status !== 'available') {
    if (performance.now() - t0 > availableDeadlineMs) throw new Error(`${id} not available after ${availableDeadlineMs / 1000} s (status ${status})`);
    await new Promise((r) => setTimeout(r, 5));
    status = (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: id }))).CacheClusters?.[0]?.CacheClusterStatus;
  }
  return { reply, available: performance.now() - t0 };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'elasticache-local-bench-'));
  const endpoint = await startLocalEndpoint({ port: 0, dataDir });
  const client = new ElastiCacheClient({ endpoint: endpoint.url, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  try {
    console.log(`ElastiCache local endpoint benchmark (${os.cpus().length} CPUs, Node ${process.version})`);
    const kinds: [string, Record<string, unknown>][] = [
      ['redis', { Engine: 'redis', NumCacheNodes: 1 }],
      ['redis-tls-auth', { Engine: 'redis', NumCacheNodes: 1, TransitEncryptionEnabled: true, CacheSubnetGroupName: 'default', AuthToken: 'bench-token-bench-token' }],
      ['valkey', { Engine: 'valkey', NumCacheNodes: 1 }],
      ['memcached', { Engine: 'memcached', NumCacheNodes: 1 }],
      ['memcached-3-nodes', { Engine: 'memcached', NumCacheNodes: 3 }],
    ];
    const ids: string[] = [];
    for (const [name, input] of kinds) {
      const replies: number[] = [];
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const id = `bench-${name}-${i}`;
        const t = await createToAvailable(client, id, input);
        replies.push(t.reply);
        times.push(t.available);
        ids.push(id);
      }
      console.log(`CreateCacheCluster -> available, ${name.padEnd(18)} ${stats(times)}; the reply (creating): ${stats(replies)}`);
    }

    for (const concurrency of [1, 8]) {
      let count = 0;
      const deadline = performance.now() + describeSeconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < deadline) {
            await client.send(new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true }));
            count++;
          }
        }),
      );
      console.log(`DescribeCacheClusters (${ids.length} clusters, ShowCacheNodeInfo, SDK client in the same process, concurrency ${concurrency}): ${(count / describeSeconds).toFixed(0)} requests/s`);
    }

    // The server alone: a SigV4-signed POST replayed over keep-alive connections (no SDK parsing on our side),
    // for the whole list and for one cluster (what a client polling a cluster sends).
    const url = new URL(endpoint.url);
    const signer = new SignatureV4({ credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, region: 'us-east-1', service: 'elasticache', sha256: Sha256 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const bodies: [string, string][] = [
      [`${ids.length} clusters`, 'Action=DescribeCacheClusters&Version=2015-02-02&ShowCacheNodeInfo=true'],
      ['1 cluster by CacheClusterId', `Action=DescribeCacheClusters&Version=2015-02-02&ShowCacheNodeInfo=true&CacheClusterId=${ids[0]}`],
    ];
    for (const [label, body] of bodies) {
      const signed = await signer.sign(
        new HttpRequest({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body }),
      );
      const post = () =>
        new Promise<void>((resolve, reject) => {
          const req = http.request(endpoint.url, { method: 'POST', agent, headers: signed.headers }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
            res.resume();
            res.on('end', () => resolve());
          });
          req.on('error', reject);
          req.end(body);
        });
      for (const concurrency of [1, 8]) {
        let count = 0;
        const deadline = performance.now() + describeSeconds * 1000;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (performance.now() < deadline) {
              await post();
              count++;
            }
          }),
        );
        console.log(`DescribeCacheClusters (${label}, ShowCacheNodeInfo, raw signed HTTP, keep-alive, concurrency ${concurrency}): ${(count / describeSeconds).toFixed(0)} requests/s`);
      }
    }
    agent.destroy();
    await Promise.all(ids.map((id) => client.send(new DeleteCacheClusterCommand({ CacheClusterId: id }))));
  } finally {
    await endpoint.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
