// `elasticache local` as a process: checked with Debian's AWS CLI, kill -9 + restart, SIGTERM, missing binaries.
import { CreateCacheClusterCommand, DeleteCacheClusterCommand, DescribeCacheClustersCommand, ElastiCacheServiceException } from '@aws-sdk/client-elasticache';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { stopRecordedNodes } from '../../local/src/index';
import { alive, cliCommand, eventually, killRecordedAndRemove, memcachedCommand, portOpen, recordedPids, repoRoot, sdkClient, startCli, stopCli, tempDataDir, waitAvailable } from './helpers';

const awsCli = '/usr/bin/aws';
const awsEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };

async function aws(url: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(awsCli, ['--endpoint-url', url, '--no-cli-pager', '--output', 'json', 'elasticache', ...args], { env: awsEnv, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('elasticache local with the AWS CLI', { timeout: 120_000, skip: existsSync(awsCli) || process.env.CI ? false : `${awsCli} missing (Debian package awscli)` }, () => {
  test('create from --cli-input-json, describe, delete, and an error case', async () => {
    const dataDir = tempDataDir();
    const cli = await startCli(dataDir, ['--quiet']);
    cleanups.push(async () => {
      await stopCli(cli);
      killRecordedAndRemove(dataDir);
    });
    assert.match(cli.firstLine, /^ElastiCache local endpoint listening on http:\/\/127\.0\.0\.1:\d+/);

    const input = path.join(dataDir, 'create.json');
    writeFileSync(input, JSON.stringify({ CacheClusterId: 'cli-redis', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, Tags: [{ Key: 'by', Value: 'aws-cli' }] }));
    const created = await aws(cli.url, ['create-cache-cluster', '--cli-input-json', `file://${input}`]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(JSON.parse(created.stdout).CacheCluster.CacheClusterId, 'cli-redis');
    assert.equal(JSON.parse(created.stdout).CacheCluster.CacheClusterStatus, 'creating', 'as AWS answers CreateCacheCluster');

    // (The CLI's own waiter sleeps 15 s between polls: the SDK's is told to poll every second.)
    await waitAvailable(sdkClient(cli.url), 'cli-redis');
    const described = await aws(cli.url, ['describe-cache-clusters', '--cache-cluster-id', 'cli-redis', '--show-cache-node-info']);
    assert.equal(described.code, 0, described.stderr);
    const cluster = JSON.parse(described.stdout).CacheClusters[0];
    assert.equal(cluster.CacheClusterStatus, 'available');
    const port = cluster.CacheNodes[0].Endpoint.Port as number;
    assert.equal(await portOpen(port), true);

    const duplicate = await aws(cli.url, ['create-cache-cluster', '--cli-input-json', `file://${input}`]);
    assert.notEqual(duplicate.code, 0);
    assert.match(duplicate.stderr, /\(CacheClusterAlreadyExists\)/);
    const missing = await aws(cli.url, ['describe-cache-clusters', '--cache-cluster-id', 'nope']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /\(CacheClusterNotFound\)/);
    const badSubnet = await aws(cli.url, ['create-cache-cluster', '--cache-cluster-id', 'x', '--engine', 'redis', '--cache-node-type', 'cache.t3.micro', '--num-cache-nodes', '1', '--cache-subnet-group-name', 'nope']);
    assert.match(badSubnet.stderr, /\(CacheSubnetGroupNotFoundFault\)/);

    // The CLI's own paginator follows Marker across pages of 20.
    const client = sdkClient(cli.url);
    await Promise.all(
      Array.from({ length: 24 }, (_, i) => client.send(new CreateCacheClusterCommand({ CacheClusterId: `cli-page-${i}`, Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }))),
    );
    const paged = await aws(cli.url, ['describe-cache-clusters', '--page-size', '20']);
    assert.equal(paged.code, 0, paged.stderr);
    assert.equal(JSON.parse(paged.stdout).CacheClusters.length, 25);
    await Promise.all(Array.from({ length: 24 }, (_, i) => waitAvailable(client, `cli-page-${i}`)));
    await Promise.all(Array.from({ length: 24 }, (_, i) => client.send(new DeleteCacheClusterCommand({ CacheClusterId: `cli-page-${i}` }))));

    const deleted = await aws(cli.url, ['delete-cache-cluster', '--cache-cluster-id', 'cli-redis']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(JSON.parse(deleted.stdout).CacheCluster.CacheClusterStatus, 'deleting');
    await eventually('cli-redis gone', async () => (await aws(cli.url, ['describe-cache-clusters'])).stdout.includes('"CacheClusters": []'));
    assert.equal(await portOpen(port), false);

    assert.equal(await stopCli(cli), 0);
  });
});

describe('elasticache local --access-key/--secret-key with the AWS CLI', { timeout: 60_000, skip: existsSync(awsCli) || process.env.CI ? false : `${awsCli} missing` }, () => {
  test('botocore signatures verify; a wrong secret gets SignatureDoesNotMatch', async () => {
    const dataDir = tempDataDir();
    // The secret from the environment (kept off the command line).
    const cli = await startCli(dataDir, ['--quiet', '--access-key', 'AKIALOCAL'], { ...process.env, ELASTICACHE_LOCAL_SECRET_KEY: 'cli-secret' });
    cleanups.push(async () => {
      await stopCli(cli);
      killRecordedAndRemove(dataDir);
    });
    assert.doesNotMatch(cli.output(), /cli-secret/);
    const run = (secret: string, args: string[]) =>
      promisify(execFile)(awsCli, ['--endpoint-url', cli.url, '--no-cli-pager', 'elasticache', ...args], {
        env: { ...awsEnv, AWS_ACCESS_KEY_ID: 'AKIALOCAL', AWS_SECRET_ACCESS_KEY: secret },
      }).then(
        (r) => ({ code: 0, stderr: r.stderr }),
        (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '' }),
      );
    const ok = await run('cli-secret', ['describe-cache-subnet-groups', '--cache-subnet-group-name', 'default']);
    assert.equal(ok.code, 0, ok.stderr);
    const post = await run('cli-secret', ['add-tags-to-resource', '--resource-name', 'arn:aws:elasticache:us-east-1:000000000000:subnetgroup:default', '--tags', 'Key=a,Value=b c&d']);
    assert.equal(post.code, 0, post.stderr);
    const bad = await run('wrong', ['describe-cache-clusters']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /\(SignatureDoesNotMatch\)/);
    assert.equal(await stopCli(cli), 0);
  });
});

describe('elasticache local survives kill -9 and stops cleanly on SIGTERM', { timeout: 120_000 }, () => {
  test('kill -9 of the endpoint (and of a node): clusters, ports and data are back after a restart', async () => {
    const dataDir = tempDataDir();
    let cli = await startCli(dataDir, ['--quiet']);
    cleanups.push(async () => {
      await stopCli(cli);
      killRecordedAndRemove(dataDir);
    });
    let client = sdkClient(cli.url);
    await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'keep-redis', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
    await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'keep-tls', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true, CacheSubnetGroupName: 'default', AuthToken: 'token-token-token-token' }));
    await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'keep-mc', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 2 }));
    for (const id of ['keep-redis', 'keep-tls', 'keep-mc']) await waitAvailable(client, id);
    const before = (await client.send(new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true }))).CacheClusters!;
    const portsOf = (clusters: typeof before) =>
      Object.fromEntries(clusters.map((c) => [c.CacheClusterId, [...c.CacheNodes!.map((n) => n.Endpoint!.Port), c.ConfigurationEndpoint?.Port]]));
    const redisPort = before.find((c) => c.CacheClusterId === 'keep-redis')!.CacheNodes![0].Endpoint!.Port!;
    const tlsPort = before.find((c) => c.CacheClusterId === 'keep-tls')!.CacheNodes![0].Endpoint!.Port!;
    const mcPort = before.find((c) => c.CacheClusterId === 'keep-mc')!.CacheNodes![1].Endpoint!.Port!;

    const redis = createClient({ socket: { host: '127.0.0.1', port: redisPort, reconnectStrategy: false } });
    redis.on('error', () => {});
    await redis.connect();
    await redis.set('written-before-kill', 'still here');
    await redis.quit();
    const tls = createClient({ socket: { host: '127.0.0.1', port: tlsPort, tls: true, rejectUnauthorized: false, reconnectStrategy: false }, password: 'token-token-token-token' });
    tls.on('error', () => {});
    await tls.connect();
    await tls.set('tls-key', 'tls value');
    await tls.quit();
    assert.match(await memcachedCommand(mcPort, 'set mc-key 0 0 5\r\nhello\r\n', /STORED\r\n/), /STORED/);

    await new Promise((r) => setTimeout(r, 1000));
    const nodePids = recordedPids(dataDir);
    cli.child.kill('SIGKILL');
    await cli.exited;
    // Also crash one node, so that the restart must bring it back from its AOF on the same port.
    const redisPid = nodePids[0];
    process.kill(redisPid, 'SIGKILL');
    await eventually('redis node killed', async () => !alive(redisPid));

    cli = await startCli(dataDir, ['--quiet']);
    client = sdkClient(cli.url);
    const afterRestart = (await client.send(new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true }))).CacheClusters!;
    assert.deepEqual(portsOf(afterRestart), portsOf(before));
    for (const c of afterRestart) assert.equal(c.CacheClusterStatus, 'available', c.CacheClusterId);

    const redisAgain = createClient({ socket: { host: '127.0.0.1', port: redisPort, reconnectStrategy: false } });
    redisAgain.on('error', () => {});
    await redisAgain.connect();
    assert.equal(await redisAgain.get('written-before-kill'), 'still here');
    await redisAgain.quit();
    const tlsAgain = createClient({ socket: { host: '127.0.0.1', port: tlsPort, tls: true, rejectUnauthorized: false, reconnectStrategy: false }, password: 'token-token-token-token' });
    tlsAgain.on('error', () => {});
    await tlsAgain.connect();
    assert.equal(await tlsAgain.get('tls-key'), 'tls value');
    await tlsAgain.quit();
    assert.match(await memcachedCommand(mcPort, 'get mc-key\r\n', /END\r\n/), /VALUE mc-key 0 5\r\nhello\r\n/);
    const configPort = afterRestart.find((c) => c.CacheClusterId === 'keep-mc')!.ConfigurationEndpoint!.Port!;
    assert.match(await memcachedCommand(configPort, 'config get cluster\r\n', /END\r\n/), new RegExp(`\\|${mcPort}\n`));

    // SIGTERM: exit 0, every node process gone, ports closed.
    const pids = recordedPids(dataDir);
    assert.equal(pids.length, 4);
    assert.equal(await stopCli(cli), 0);
    for (const pid of [...pids, ...nodePids]) assert.equal(alive(pid), false, `node ${pid} still running after SIGTERM`);
    for (const port of [redisPort, tlsPort, mcPort, configPort]) assert.equal(await portOpen(port), false);
  });

  test('stopRecordedNodes cleans up the nodes of an endpoint that was killed', async () => {
    const dataDir = tempDataDir();
    const cli = await startCli(dataDir, ['--quiet']);
    cleanups.push(async () => {
      await stopCli(cli);
      killRecordedAndRemove(dataDir);
    });
    await sdkClient(cli.url).send(new CreateCacheClusterCommand({ CacheClusterId: 'orphan', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 2 }));
    await waitAvailable(sdkClient(cli.url), 'orphan');
    const pids = recordedPids(dataDir);
    assert.equal(pids.length, 2);
    cli.child.kill('SIGKILL');
    await cli.exited;
    for (const pid of pids) assert.equal(alive(pid), true, 'nodes outlive a killed endpoint');
    assert.equal(await stopRecordedNodes(dataDir), 2);
    for (const pid of pids) assert.equal(alive(pid), false);
  });

  test('missing redis-server and memcached: named Debian packages at start-up and on create', async () => {
    const dataDir = tempDataDir();
    const cli = await startCli(dataDir, ['--quiet'], { ...process.env, PATH: path.join(dataDir, 'empty-bin') });
    cleanups.push(async () => {
      await stopCli(cli);
      killRecordedAndRemove(dataDir);
    });
    assert.match(cli.firstLine, /install the Debian package redis-server/);
    assert.match(cli.firstLine, /install the Debian package memcached/);
    const client = sdkClient(cli.url);
    for (const [engine, pkg] of [['valkey', 'redis-server'], ['memcached', 'memcached']]) {
      try {
        await client.send(new CreateCacheClusterCommand({ CacheClusterId: `no-${engine}`, Engine: engine, CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
        assert.fail('create must fail');
      } catch (err) {
        assert.ok(err instanceof ElastiCacheServiceException, String(err));
        assert.equal(err.name, 'InsufficientCacheClusterCapacityFault');
        assert.match(err.message, new RegExp(`install the Debian package ${pkg}`));
      }
    }
    assert.deepEqual((await client.send(new DescribeCacheClustersCommand({}))).CacheClusters, []);
    assert.equal(await stopCli(cli), 0);
  });
});

describe('elasticache local without openssl', { timeout: 60_000 }, () => {
  test('TLS clusters are refused naming the openssl package; plain clusters still work', async () => {
    const dataDir = tempDataDir();
    const bin = path.join(dataDir, 'bin');
    mkdirSync(bin);
    for (const name of ['redis-server', 'memcached']) symlinkSync(`/usr/bin/${name}`, path.join(bin, name));
    const cli = await startCli(dataDir, ['--quiet'], { ...process.env, PATH: bin });
    cleanups.push(async () => {
      await stopCli(cli);
      killRecordedAndRemove(dataDir);
    });
    assert.doesNotMatch(cli.firstLine, /WARNING/);
    const client = sdkClient(cli.url);
    try {
      await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'tls', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true, CacheSubnetGroupName: 'default' }));
      assert.fail('create must fail');
    } catch (err) {
      assert.ok(err instanceof ElastiCacheServiceException, String(err));
      assert.equal(err.name, 'InsufficientCacheClusterCapacityFault');
      assert.match(err.message, /install the Debian package openssl/);
    }
    const out = await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'plain', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
    assert.equal(out.CacheCluster?.CacheClusterStatus, 'creating');
    assert.equal((await waitAvailable(client, 'plain')).CacheClusterStatus, 'available');
    assert.deepEqual((await client.send(new DescribeCacheClustersCommand({}))).CacheClusters?.map((c) => c.CacheClusterId), ['plain']);
    assert.equal(await stopCli(cli), 0);
  });
});

describe('elasticache local when a node cannot start', { timeout: 60_000 }, () => {
  test('CreateCacheCluster answers creating, the cluster becomes restore-failed (describable), the CLI waiter fails at once, and it can be deleted', async () => {
    const dataDir = tempDataDir();
    const bin = path.join(dataDir, 'bin');
    mkdirSync(bin);
    // A memcached that exits at once, as one with a broken installation would.
    writeFileSync(path.join(bin, 'memcached'), '#!/bin/sh\necho "memcached: cannot start" >&2\nexit 71\n', { mode: 0o755 });
    symlinkSync('/usr/bin/redis-server', path.join(bin, 'redis-server'));
    const cli = await startCli(dataDir, ['--quiet'], { ...process.env, PATH: bin });
    cleanups.push(async () => {
      await stopCli(cli);
      killRecordedAndRemove(dataDir);
    });
    const client = sdkClient(cli.url);
    const out = await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'broken', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 2 }));
    assert.equal(out.CacheCluster?.CacheClusterStatus, 'creating');
    const failed = await eventually('the cluster failed', async () => {
      const c = (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'broken', ShowCacheNodeInfo: true }))).CacheClusters![0];
      // (Between restarts of a crashed node it may briefly run; wait for both to be down.)
      return c.CacheClusterStatus === 'restore-failed' && c.CacheNodes!.every((n) => n.CacheNodeStatus === 'restore-failed') ? c : undefined;
    });
    assert.equal(failed.CacheNodes?.length, 2);
    // restore-failed is one of the CacheClusterAvailable waiter's failure states: its first poll ends it, non-zero,
    // instead of 40 polls 15 s apart.
    const started = Date.now();
    const waited = await aws(cli.url, ['wait', 'cache-cluster-available', '--cache-cluster-id', 'broken']);
    assert.notEqual(waited.code, 0);
    assert.match(waited.stderr, /Waiter CacheClusterAvailable failed: Waiter encountered a terminal failure state/);
    assert.ok(Date.now() - started < 12_000, `failed on its first poll: ${Date.now() - started} ms`);
    const deleted = await client.send(new DeleteCacheClusterCommand({ CacheClusterId: 'broken' }));
    assert.equal(deleted.CacheCluster?.CacheClusterStatus, 'deleting');
    await eventually('broken gone', async () => (await client.send(new DescribeCacheClustersCommand({}))).CacheClusters!.length === 0);
    assert.equal(await stopCli(cli), 0);
  });
});

describe('stopCli (test helper)', { timeout: 30_000 }, () => {
  test('an endpoint that ignores SIGTERM is killed after the bound and its nodes are stopped', async () => {
    const dataDir = tempDataDir();
    const cli = await startCli(dataDir, ['--quiet']);
    cleanups.push(async () => {
      await stopCli(cli, 1000);
      killRecordedAndRemove(dataDir);
    });
    await sdkClient(cli.url).send(new CreateCacheClusterCommand({ CacheClusterId: 'stuck', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
    await waitAvailable(sdkClient(cli.url), 'stuck');
    const pids = recordedPids(dataDir);
    assert.equal(pids.length, 1);
    // Freeze the endpoint: SIGTERM stays pending, as in a hung shutdown.
    cli.child.kill('SIGSTOP');
    const started = Date.now();
    assert.equal(await stopCli(cli, 1000), null);
    assert.ok(Date.now() - started < 5000, `stopCli took ${Date.now() - started} ms`);
    assert.notEqual(cli.child.signalCode, null);
    for (const pid of pids) assert.equal(alive(pid), false, `node ${pid} stopped`);
  });
});

describe('elasticache local resumes a cluster killed while creating', { timeout: 60_000 }, () => {
  test('kill -9 before the node answers: after a restart the cluster is available, with its AuthToken', async () => {
    const dataDir = tempDataDir();
    const bin = path.join(dataDir, 'bin');
    mkdirSync(bin);
    // A redis-server slow to start, so that the endpoint is killed while the cluster is still creating.
    writeFileSync(path.join(bin, 'redis-server'), '#!/bin/sh\n/bin/sleep 5\nexec /usr/bin/redis-server "$@"\n', { mode: 0o755 });
    symlinkSync('/usr/bin/openssl', path.join(bin, 'openssl'));
    let cli = await startCli(dataDir, ['--quiet'], { ...process.env, PATH: bin });
    cleanups.push(async () => {
      await stopCli(cli);
      killRecordedAndRemove(dataDir);
    });
    const token = 'resumed-token-resumed-token';
    const out = await sdkClient(cli.url).send(
      new CreateCacheClusterCommand({ CacheClusterId: 'half-made', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true, CacheSubnetGroupName: 'default', AuthToken: token }),
    );
    assert.equal(out.CacheCluster?.CacheClusterStatus, 'creating');
    const [slowPid] = await eventually('the node process recorded', async () => (recordedPids(dataDir).length === 1 ? recordedPids(dataDir) : undefined));
    cli.child.kill('SIGKILL');
    await cli.exited;
    process.kill(-slowPid, 'SIGKILL');
    const state = JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')) as { clusters: { id: string; status: string }[] };
    assert.deepEqual(state.clusters.map((c) => [c.id, c.status]), [['half-made', 'creating']]);
    assert.doesNotMatch(JSON.stringify(state), new RegExp(token));

    cli = await startCli(dataDir, ['--quiet']);
    const client = sdkClient(cli.url);
    const cluster = await waitAvailable(client, 'half-made');
    const port = cluster.CacheNodes![0].Endpoint!.Port!;
    const noToken = createClient({ socket: { host: '127.0.0.1', port, tls: true, rejectUnauthorized: false, reconnectStrategy: false } });
    noToken.on('error', () => {});
    await assert.rejects(noToken.connect(), /NOAUTH/);
    noToken.destroy();
    const redis = createClient({ socket: { host: '127.0.0.1', port, tls: true, rejectUnauthorized: false, reconnectStrategy: false }, password: token });
    redis.on('error', () => {});
    await redis.connect();
    assert.equal(await redis.ping(), 'PONG');
    await redis.quit();
    assert.equal(await stopCli(cli), 0);
  });
});

test('a stray argument is refused without being repeated: the secret of --access-key a SECRET is not echoed', async () => {
  const run = async (args: string[]) => {
    try {
      await promisify(execFile)(process.execPath, [...cliCommand(), 'local', ...args], { cwd: repoRoot, timeout: 30_000 });
      return { code: 0, stderr: '' };
    } catch (err) {
      const e = err as { code?: number; stderr?: string };
      return { code: e.code, stderr: e.stderr ?? '' };
    }
  };
  const stray = await run(['--access-key', 'AKIALOCAL', 'stray-secret-value', '--quiet']);
  assert.equal(stray.code, 2);
  assert.match(stray.stderr, /^elasticache local: an argument is neither an option nor the value of one/);
  assert.doesNotMatch(stray.stderr, /stray-secret-value/);
  // Clean case: other parse errors keep parseArgs's words, which name the option only.
  const unknown = await run(['--secret-key', 'not-echoed', '--bogus']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^elasticache local: Unknown option '--bogus'/);
  assert.doesNotMatch(unknown.stderr, /not-echoed/);
});
