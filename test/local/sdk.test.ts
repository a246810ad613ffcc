// The local endpoint checked with the AWS SDK for JavaScript v3 and real Redis/Memcached clients.
import {
  AddTagsToResourceCommand,
  CreateCacheClusterCommand,
  DeleteCacheClusterCommand,
  DescribeCacheClustersCommand,
  DescribeCacheEngineVersionsCommand,
  DescribeCacheParameterGroupsCommand,
  DescribeCacheSubnetGroupsCommand,
  ElastiCacheClient,
  ElastiCacheServiceException,
  ListTagsForResourceCommand,
  RebootCacheClusterCommand,
  waitUntilCacheClusterDeleted,
} from '@aws-sdk/client-elasticache';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'redis';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { validateRequest } from '../../local/src/validation';
import { analyze } from '../../server/src/service/index';
import { eventually, killRecordedAndRemove, memcachedCommand, portOpen, recordedPids, sdkClient, tempDataDir, waitAvailable } from './helpers';

// memjs ships no type declarations; it is a real Memcached client (binary protocol) nobody here wrote.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const memjs = require('memjs') as {
  Client: { create(servers: string, opts?: object): { set(k: string, v: string, o: object): Promise<boolean>; get(k: string): Promise<{ value: Buffer | null }>; quit(): void } };
};

const authToken = 'local-endpoint-test-token-0123456789';

async function expectError(promise: Promise<unknown>, name: string, status: number): Promise<ElastiCacheServiceException> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ElastiCacheServiceException, `expected a service exception, got ${String(err)}`);
    assert.equal(err.name, name, err.message);
    assert.equal(err.$metadata.httpStatusCode, status);
    assert.ok(err.$metadata.requestId, 'RequestId is parsed');
    return err;
  }
  assert.fail(`expected ${name}`);
}

describe('local endpoint with the AWS SDK', { timeout: 120_000 }, () => {
  let dataDir: string;
  let endpoint: LocalEndpoint;
  let client: ElastiCacheClient;
  const logLines: string[] = [];

  before(async () => {
    dataDir = tempDataDir();
    endpoint = await startLocalEndpoint({ port: 0, dataDir, log: (l) => logLines.push(l) });
    client = sdkClient(endpoint.url);
  });

  after(async () => {
    const pids = recordedPids(dataDir);
    await endpoint?.stop();
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), `node ${pid} stopped by stop()`);
    killRecordedAndRemove(dataDir, pids);
  });

  test('Redis with AuthToken and transit encryption: TLS only, AUTH/PING/SET/GET', async () => {
    const created = await client.send(
      new CreateCacheClusterCommand({
        CacheClusterId: 'redis-tls',
        Engine: 'redis',
        CacheNodeType: 'cache.t3.micro',
        NumCacheNodes: 1,
        CacheSubnetGroupName: 'default',
        TransitEncryptionEnabled: true,
        AuthToken: authToken,
        Tags: [{ Key: 'team', Value: 'b' }],
        LogDeliveryConfigurations: [
          { LogType: 'slow-log', DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: 'local-slow-log' } }, LogFormat: 'json', Enabled: true },
        ],
      }),
    );
    assert.equal(created.CacheCluster?.CacheClusterId, 'redis-tls');
    // As on AWS, the reply comes before the nodes are up; the SDK's waiter sees the cluster become available.
    assert.equal(created.CacheCluster?.CacheClusterStatus, 'creating');
    const cluster = await waitAvailable(client, 'redis-tls');
    assert.equal(cluster.CacheClusterStatus, 'available');
    assert.equal(cluster.TransitEncryptionEnabled, true);
    assert.equal(cluster.AuthTokenEnabled, true);
    assert.equal(cluster.CacheSubnetGroupName, 'default');
    assert.deepEqual(cluster.LogDeliveryConfigurations, [
      { LogType: 'slow-log', DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: 'local-slow-log' } }, LogFormat: 'json', Status: 'active' },
    ]);
    assert.ok(cluster.CacheClusterCreateTime instanceof Date);
    assert.equal(cluster.CacheNodes?.length, 1);
    const { Address, Port } = cluster.CacheNodes![0].Endpoint!;
    assert.equal(Address, '127.0.0.1');

    const redis = createClient({ socket: { host: Address!, port: Port!, tls: true, ca: readFileSync(endpoint.tlsCaFile), reconnectStrategy: false }, password: authToken });
    redis.on('error', () => {});
    await redis.connect();
    try {
      assert.equal(await redis.ping(), 'PONG');
      await redis.set('greeting', 'hello');
      assert.equal(await redis.get('greeting'), 'hello');
    } finally {
      await redis.quit();
    }
    // Without the token, or with a wrong one, the node refuses the connection.
    for (const password of [undefined, 'wrong-token-wrong-token']) {
      const other = createClient({ socket: { host: Address!, port: Port!, tls: true, rejectUnauthorized: false, reconnectStrategy: false }, password });
      other.on('error', () => {});
      await assert.rejects(other.connect(), /NOAUTH|WRONGPASS/);
      other.destroy();
    }
    // The plain-text protocol gets no answer on the TLS port.
    const plain = await memcachedCommand(Port!, 'PING\r\n', /\+PONG|\n/).catch((e: Error) => e.message);
    assert.doesNotMatch(plain, /\+PONG/);

    // The token never reaches a command line, the state file or the log.
    const pid = recordedPids(dataDir)[0];
    assert.doesNotMatch(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), new RegExp(authToken));
    assert.doesNotMatch(readFileSync(path.join(dataDir, 'state.json'), 'utf8'), new RegExp(authToken));
    assert.doesNotMatch(logLines.join('\n'), new RegExp(authToken));

    const tags = await client.send(new ListTagsForResourceCommand({ ResourceName: cluster.ARN }));
    assert.deepEqual(tags.TagList, [{ Key: 'team', Value: 'b' }]);
    const tricky = `a<b>&"c' ]]> é 🙂`;
    const added = await client.send(new AddTagsToResourceCommand({ ResourceName: cluster.ARN, Tags: [{ Key: 'env', Value: tricky }, { Key: 'team', Value: 'c' }] }));
    assert.deepEqual(added.TagList, [{ Key: 'team', Value: 'c' }, { Key: 'env', Value: tricky }]);
    assert.deepEqual((await client.send(new ListTagsForResourceCommand({ ResourceName: cluster.ARN }))).TagList, added.TagList);
  });

  test('Valkey node answers PING; reboot goes through rebooting and keeps AOF data', async () => {
    // Empty lists travel as `SecurityGroupIds=`.
    await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'valkey-1', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, SecurityGroupIds: [], Tags: [] }));
    const cluster = await waitAvailable(client, 'valkey-1');
    assert.equal(cluster.Engine, 'valkey');
    // One list for every Region (local/src/README.md): signed for eu-west-1, the cluster created in us-east-1 is
    // listed, with the ARN and zone of the Region it was created in.
    const elsewhere = new ElastiCacheClient({ endpoint: endpoint.url, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    const listed = (await elsewhere.send(new DescribeCacheClustersCommand({}))).CacheClusters!.find((c) => c.CacheClusterId === 'valkey-1')!;
    assert.match(listed.ARN!, /^arn:aws:elasticache:us-east-1:/);
    assert.match(listed.PreferredAvailabilityZone!, /^us-east-1[a-z]$/);
    const { Address, Port } = cluster.CacheNodes![0].Endpoint!;
    const redis = createClient({ socket: { host: Address!, port: Port!, reconnectStrategy: false } });
    redis.on('error', () => {});
    await redis.connect();
    assert.equal(await redis.ping(), 'PONG');
    await redis.set('k', 'v');
    await redis.quit();

    const rebooted = await client.send(new RebootCacheClusterCommand({ CacheClusterId: 'valkey-1', CacheNodeIdsToReboot: ['0001'] }));
    assert.equal(rebooted.CacheCluster?.CacheClusterStatus, 'rebooting cache cluster nodes');
    const after = await waitAvailable(client, 'valkey-1');
    assert.equal(after.CacheNodes![0].Endpoint!.Port, Port);
    const again = createClient({ socket: { host: Address!, port: Port!, reconnectStrategy: false } });
    again.on('error', () => {});
    await again.connect();
    assert.equal(await again.get('k'), 'v');
    await again.quit();

    // A node that dies on its own (kill -9) is restarted on its port, its data reloaded from the AOF.
    const state = JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')) as { clusters: { id: string; nodes: { pid: number }[] }[] };
    const pid = state.clusters.find((c) => c.id === 'valkey-1')!.nodes[0].pid;
    process.kill(pid, 'SIGKILL');
    const value = await eventually('the crashed node back with its data', async () => {
      const c = createClient({ socket: { host: Address!, port: Port!, reconnectStrategy: false } });
      c.on('error', () => {});
      try {
        await c.connect();
        const v = await c.get('k');
        await c.quit();
        return v ?? undefined;
      } catch {
        try {
          c.destroy();
        } catch {
          // never connected
        }
        return undefined;
      }
    });
    assert.equal(value, 'v');
    assert.equal((await waitAvailable(client, 'valkey-1')).CacheClusterStatus, 'available');
  });

  test('Memcached with 3 nodes: ConfigurationEndpoint, set/get on every node with memjs', async () => {
    await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'mc-3', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 3, AZMode: 'cross-az' }));
    const cluster = await waitAvailable(client, 'mc-3');
    assert.equal(cluster.NumCacheNodes, 3);
    assert.equal(cluster.PreferredAvailabilityZone, 'Multiple');
    assert.equal(new Set(cluster.CacheNodes!.map((n) => n.CustomerAvailabilityZone)).size, 3);
    const ports = cluster.CacheNodes!.map((n) => n.Endpoint!.Port!);
    // The ConfigurationEndpoint answers Auto Discovery with every node, and relays other traffic to a node.
    const configPort = cluster.ConfigurationEndpoint!.Port!;
    assert.ok(!ports.includes(configPort));
    const discovery = await memcachedCommand(configPort, 'config get cluster\r\n', /END\r\n/);
    const m = /^CONFIG cluster 0 (\d+)\r\n([\s\S]*)\r\nEND\r\n$/.exec(discovery);
    assert.ok(m, discovery);
    assert.equal(Number(m[1]), Buffer.byteLength(m[2]));
    assert.deepEqual(m[2].split('\n')[1].split(' '), ports.map((p) => `127.0.0.1|127.0.0.1|${p}`));
    const viaConfig = memjs.Client.create(`127.0.0.1:${configPort}`, { retries: 0, timeout: 2 });
    try {
      assert.equal(await viaConfig.set('via-config', 'yes', {}), true);
      assert.equal((await viaConfig.get('via-config')).value?.toString(), 'yes');
    } finally {
      viaConfig.quit();
    }
    assert.deepEqual(cluster.CacheNodes!.map((n) => n.CacheNodeId), ['0001', '0002', '0003']);
    assert.equal(new Set(ports).size, 3);
    for (const port of ports) {
      const mc = memjs.Client.create(`127.0.0.1:${port}`, { retries: 0, timeout: 2 });
      try {
        assert.equal(await mc.set('key', `value-${port}`, {}), true);
        assert.equal((await mc.get('key')).value?.toString(), `value-${port}`);
      } finally {
        mc.quit();
      }
    }
  });

  test('Memcached with transit encryption serves TLS only', async () => {
    await client.send(
      new CreateCacheClusterCommand({ CacheClusterId: 'mc-tls', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true, CacheSubnetGroupName: 'default' }),
    );
    const cluster = await waitAvailable(client, 'mc-tls');
    assert.equal(cluster.TransitEncryptionEnabled, true);
    const port = cluster.CacheNodes![0].Endpoint!.Port!;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ca: readFileSync(endpoint.tlsCaFile), servername: 'localhost' }, () => socket.write('set k 0 0 2\r\nhi\r\nget k\r\n'));
      let data = '';
      socket.setTimeout(3000, () => reject(new Error(`no TLS reply: ${data}`)));
      socket.on('data', (d) => {
        data += d;
        if (data.includes('END\r\n')) {
          socket.end();
          resolve(data);
        }
      });
      socket.on('error', reject);
    });
    assert.equal(reply, 'STORED\r\nVALUE k 0 2\r\nhi\r\nEND\r\n');
    const plain = await memcachedCommand(port, 'version\r\n', /VERSION/).catch((e: Error) => e.message);
    assert.doesNotMatch(plain, /VERSION/);
  });

  test('DescribeCacheClusters pages 25 clusters with MaxRecords 20 into two pages', async () => {
    const before = (await client.send(new DescribeCacheClustersCommand({}))).CacheClusters!.length;
    const ids = Array.from({ length: 25 - before }, (_, i) => `page-${String(i).padStart(2, '0')}`);
    await Promise.all(
      ids.map((id) => client.send(new CreateCacheClusterCommand({ CacheClusterId: id, Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }))),
    );
    await Promise.all(ids.map((id) => waitAvailable(client, id)));
    const first = await client.send(new DescribeCacheClustersCommand({ MaxRecords: 20 }));
    assert.equal(first.CacheClusters?.length, 20);
    assert.ok(first.Marker);
    assert.equal(first.CacheClusters![0].CacheNodes, undefined, 'no node info unless ShowCacheNodeInfo');
    const second = await client.send(new DescribeCacheClustersCommand({ MaxRecords: 20, Marker: first.Marker }));
    assert.equal(second.CacheClusters?.length, 5);
    assert.equal(second.Marker, undefined);
    const all = [...first.CacheClusters!, ...second.CacheClusters!].map((c) => c.CacheClusterId);
    assert.equal(new Set(all).size, 25);
    for (const id of ids) assert.ok(all.includes(id));
    await Promise.all(ids.map((id) => client.send(new DeleteCacheClusterCommand({ CacheClusterId: id }))));
    await eventually('paged clusters deleted', async () => (await client.send(new DescribeCacheClustersCommand({}))).CacheClusters!.length === before);
  });

  test('every error code the SDK models', async () => {
    await expectError(
      client.send(new CreateCacheClusterCommand({ CacheClusterId: 'valkey-1', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 })),
      'CacheClusterAlreadyExistsFault',
      400,
    );
    await expectError(client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'no-such-cluster' })), 'CacheClusterNotFoundFault', 404);
    await expectError(client.send(new DeleteCacheClusterCommand({ CacheClusterId: 'no-such-cluster' })), 'CacheClusterNotFoundFault', 404);
    await expectError(client.send(new DescribeCacheClustersCommand({ MaxRecords: 5 })), 'InvalidParameterValueException', 400);
    await expectError(client.send(new DescribeCacheClustersCommand({ MaxRecords: 101 })), 'InvalidParameterValueException', 400);
    const arn = (await client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'valkey-1' }))).CacheClusters![0].ARN;
    await expectError(client.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: 'bell', Value: 'ding\u0007' }] })), 'InvalidParameterValueException', 400);
    await expectError(client.send(new ListTagsForResourceCommand({ ResourceName: 'not-an-arn' })), 'InvalidARNFault', 400);
    await expectError(
      client.send(new CreateCacheClusterCommand({ CacheClusterId: 'r-bad', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 3 })),
      'InvalidParameterValueException',
      400,
    );
    const groups = (await client.send(new DescribeCacheParameterGroupsCommand({}))).CacheParameterGroups!;
    const memcachedGroup = groups.find((g) => g.CacheParameterGroupFamily?.startsWith('memcached'))!;
    await expectError(
      client.send(
        new CreateCacheClusterCommand({ CacheClusterId: 'r-combo', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, CacheParameterGroupName: memcachedGroup.CacheParameterGroupName }),
      ),
      'InvalidParameterCombinationException',
      400,
    );
    // The language service's rules (one rule, one place) reject what AWS rejects, with AWS's codes.
    const noVpc = await expectError(
      client.send(new CreateCacheClusterCommand({ CacheClusterId: 'r-tls', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true })),
      'InvalidParameterCombinationException',
      400,
    );
    assert.match(noVpc.message, /CacheSubnetGroupName/);
    const shortToken = await expectError(
      client.send(
        new CreateCacheClusterCommand({ CacheClusterId: 'r-tok', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true, CacheSubnetGroupName: 'default', AuthToken: 'tiny-secret' }),
      ),
      'InvalidParameterValueException',
      400,
    );
    assert.doesNotMatch(shortToken.message, /tiny-secret/, 'the token is never echoed');
    await expectError(
      client.send(new CreateCacheClusterCommand({ CacheClusterId: 'r-subnet', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, CacheSubnetGroupName: 'nope' })),
      'CacheSubnetGroupNotFoundFault',
      400,
    );
    // Above the default 40 nodes per Memcached cluster the endpoint answers as AWS does for an account without a
    // raised limit, before a node is started (the editor only warns: AWS raises the limit on request).
    const quota = await expectError(
      client.send(new CreateCacheClusterCommand({ CacheClusterId: 'r-quota', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 41 })),
      'NodeQuotaForClusterExceededFault',
      400,
    );
    assert.match(quota.message, /^NumCacheNodes is 41, above the default limit of 40 nodes per Memcached cluster/);
    await expectError(client.send(new DescribeCacheSubnetGroupsCommand({ CacheSubnetGroupName: 'nope' })), 'CacheSubnetGroupNotFoundFault', 400);
    await expectError(client.send(new RebootCacheClusterCommand({ CacheClusterId: 'no-such-cluster', CacheNodeIdsToReboot: ['0001'] })), 'CacheClusterNotFoundFault', 404);
    // None of the refused creates left a cluster behind.
    const ids = (await client.send(new DescribeCacheClustersCommand({}))).CacheClusters!.map((c) => c.CacheClusterId);
    for (const id of ['r-bad', 'r-combo', 'r-subnet', 'r-tls', 'r-tok', 'r-quota']) assert.ok(!ids.includes(id));
  });

  test('a parameter group without EngineVersion: the rules accept it, and the cluster runs its family', async () => {
    const created = await client.send(
      new CreateCacheClusterCommand({ CacheClusterId: 'redis6-group', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, CacheParameterGroupName: 'default.redis6.x' }),
    );
    assert.equal(created.CacheCluster?.CacheParameterGroup?.CacheParameterGroupName, 'default.redis6.x');
    assert.match(created.CacheCluster!.EngineVersion!, /^6\./);
    assert.equal((await waitAvailable(client, 'redis6-group')).CacheClusterStatus, 'available');
  });

  test('engine versions, the default subnet group and default.* parameter groups', async () => {
    const versions = (await client.send(new DescribeCacheEngineVersionsCommand({}))).CacheEngineVersions!;
    for (const engine of ['redis', 'valkey', 'memcached']) assert.ok(versions.some((v) => v.Engine === engine && v.CacheParameterGroupFamily), engine);
    const redisOnly = (await client.send(new DescribeCacheEngineVersionsCommand({ Engine: 'redis' }))).CacheEngineVersions!;
    assert.ok(redisOnly.length > 0 && redisOnly.every((v) => v.Engine === 'redis'));
    const subnets = (await client.send(new DescribeCacheSubnetGroupsCommand({}))).CacheSubnetGroups!;
    assert.equal(subnets[0].CacheSubnetGroupName, 'default');
    assert.ok(subnets[0].Subnets!.length > 0 && subnets[0].Subnets![0].SubnetAvailabilityZone?.Name?.startsWith('us-east-1'));
    const groups = (await client.send(new DescribeCacheParameterGroupsCommand({}))).CacheParameterGroups!;
    assert.ok(groups.length > 0 && groups.every((g) => g.CacheParameterGroupName!.startsWith('default.')));
    for (const v of versions) assert.ok(groups.some((g) => g.CacheParameterGroupFamily === v.CacheParameterGroupFamily), v.CacheParameterGroupFamily);
  });

  test('unsigned requests, unknown actions and GET presigned queries', async () => {
    const unsigned = await fetch(`${endpoint.url}/?Action=DescribeCacheClusters&Version=2015-02-02`);
    assert.equal(unsigned.status, 403);
    assert.match(await unsigned.text(), /<Code>MissingAuthenticationToken<\/Code>/);

    const signer = new SignatureV4({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, region: 'us-east-1', service: 'elasticache', sha256: Sha256 });
    const url = new URL(endpoint.url);
    const presigned = async (query: Record<string, string>) => {
      const req = await signer.presign(new HttpRequest({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query, headers: { host: url.host } }));
      const qs = new URLSearchParams(req.query as Record<string, string>).toString();
      return fetch(`${endpoint.url}/?${qs}`);
    };
    // No action, or an empty one: MissingAction (400), as AWS answers (Common Errors), saying what the linter says.
    for (const [query, linted] of [[{ Version: '2015-02-02' }, 'Version=2015-02-02'], [{ Action: '', Version: '2015-02-02' }, 'Action=&Version=2015-02-02']] as const) {
      const missing = await presigned(query);
      assert.equal(missing.status, 400, linted);
      const answer = await missing.text();
      assert.match(answer, /<Code>MissingAction<\/Code>/, linted);
      const finding = analyze(linted, 'query').findings[0];
      assert.equal(finding.awsError, 'MissingAction', linted);
      assert.ok(answer.includes(`<Message>${finding.message}</Message>`), `${linted}: ${answer}`);
    }
    // A Version other than the API's: InvalidParameterValue (400), the Common Errors page's code for an invalid value
    // (it lists no version error), with the message of the linter's query-version finding; the right one passes.
    const wrongVersion = await presigned({ Action: 'DescribeCacheClusters', Version: '2014-09-30' });
    assert.equal(wrongVersion.status, 400);
    const versionFinding = analyze('Action=DescribeCacheClusters&Version=2014-09-30', 'query').findings.find((f) => f.code === 'query-version')!;
    assert.equal(versionFinding.awsError, 'InvalidParameterValue');
    const versionAnswer = await wrongVersion.text();
    assert.match(versionAnswer, /<Code>InvalidParameterValue<\/Code>/);
    assert.ok(versionAnswer.includes(`<Message>${versionFinding.message}</Message>`), versionAnswer);
    assert.equal((await presigned({ Action: 'DescribeCacheClusters', Version: '2015-02-02' })).status, 200);
    const unknown = await presigned({ Action: 'FlyToTheMoon', Version: '2015-02-02' });
    assert.equal(unknown.status, 400);
    assert.match(await unknown.text(), /<Code>InvalidAction<\/Code>/);
    // Parameter names are the caller's text: `__proto__.x` must not reach Object.prototype (in this process).
    const polluting = await presigned({ Action: 'DescribeCacheClusters', Version: '2015-02-02', '__proto__.polluted': 'yes', 'constructor.prototype.polluted': 'yes' });
    assert.notEqual(polluting.status, 500, await polluting.text());
    assert.equal((({}) as Record<string, unknown>).polluted, undefined, 'Object.prototype was written by a request');
    // Object.prototype's members are not handlers.
    for (const Action of ['toString', 'constructor', 'hasOwnProperty']) {
      const inherited = await presigned({ Action, Version: '2015-02-02' });
      assert.equal(inherited.status, 400, Action);
      assert.match(await inherited.text(), /<Code>InvalidAction<\/Code>[\s\S]*not valid for this web service/, Action);
    }
    // List members in the `.member.N` form (the SDK uses the named form), and a requested Port that is free.
    const wanted = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const created = await presigned({
      Action: 'CreateCacheCluster',
      Version: '2015-02-02',
      CacheClusterId: 'member-form',
      Engine: 'memcached',
      CacheNodeType: 'cache.t3.micro',
      NumCacheNodes: '1',
      Port: String(wanted),
      'SecurityGroupIds.member.1': 'sg-0123456789abcdef0',
      'SecurityGroupIds.member.2': 'sg-0123456789abcdef1',
      'Tags.member.1.Key': 'form',
      'Tags.member.1.Value': 'member',
    });
    assert.equal(created.status, 200, await created.text());
    const mf = await waitAvailable(client, 'member-form');
    assert.deepEqual(mf.SecurityGroups?.map((g) => g.SecurityGroupId), ['sg-0123456789abcdef0', 'sg-0123456789abcdef1']);
    assert.equal(mf.CacheNodes![0].Endpoint!.Port, wanted);
    assert.deepEqual((await client.send(new ListTagsForResourceCommand({ ResourceName: mf.ARN }))).TagList, [{ Key: 'form', Value: 'member' }]);

    const described = await presigned({ Action: 'DescribeCacheClusters', Version: '2015-02-02', CacheClusterId: 'valkey-1' });
    assert.equal(described.status, 200);
    const xml = await described.text();
    assert.match(xml, /^<\?xml[^>]*>\s*<DescribeCacheClustersResponse xmlns="http:\/\/elasticache\.amazonaws\.com\/doc\/2015-02-02\/">/);
    assert.match(xml, /<CacheClusters><CacheCluster><CacheClusterId>valkey-1<\/CacheClusterId>/);
    assert.match(xml, /<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata>/);
  });

  test('requests from web pages or through a foreign Host (DNS rebinding) are refused; SDK, CLI and plain HTTP clients are not', async () => {
    const url = new URL(endpoint.url);
    // What <img src="http://127.0.0.1:PORT/?Action=DeleteCacheCluster&…&X-Amz-Signature=000…"> on a web page sends.
    const forged = new URLSearchParams({
      Action: 'DeleteCacheCluster',
      Version: '2015-02-02',
      CacheClusterId: 'valkey-1',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `AKIDEXAMPLE/${new Date().toISOString().slice(0, 10).replace(/-/g, '')}/us-east-1/elasticache/aws4_request`,
      'X-Amz-Date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
      'X-Amz-Expires': '300',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': '0'.repeat(64),
    });
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.get({ host: url.hostname, port: url.port, path: `/?${forged}`, headers }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
      });
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://attacker.example' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Host: `attacker.example:${url.port}` },
      { Host: `127.0.0.1.attacker.example:${url.port}` },
      { Host: `localhost.:${url.port}` },
    ]) {
      const res = await get(headers);
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.match(res.body, /<Code>AccessDenied<\/Code>/, JSON.stringify(headers));
      assert.match(res.body, /<Message>The local ElastiCache endpoint refused the request: /);
    }
    // Nothing was deleted.
    assert.equal((await client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'valkey-1' }))).CacheClusters![0].CacheClusterStatus, 'available');
    // A request typed into the address bar (Sec-Fetch-Site: none) and the loopback names pass the check (and then
    // reach the action; here a harmless one).
    forged.set('Action', 'DescribeCacheClusters');
    forged.delete('CacheClusterId');
    for (const headers of <Record<string, string>[]>[{ 'Sec-Fetch-Site': 'none' }, { Host: `localhost:${url.port}` }, { Host: `127.0.0.2:${url.port}` }, { Host: `[::1]:${url.port}` }, {}]) {
      const res = await get(headers);
      assert.equal(res.status, 200, `${JSON.stringify(headers)}: ${res.body}`);
    }
  });

  test('delete: status deleting, then gone and every port closed', async () => {
    const clusters = (await client.send(new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true }))).CacheClusters!;
    const ports = clusters.flatMap((c) => [...c.CacheNodes!.map((n) => n.Endpoint!.Port!), ...(c.ConfigurationEndpoint ? [c.ConfigurationEndpoint.Port!] : [])]);
    assert.ok(ports.length >= 5);
    for (const port of ports) assert.equal(await portOpen(port), true, `port ${port} open before delete`);
    for (const c of clusters) {
      const out = await client.send(new DeleteCacheClusterCommand({ CacheClusterId: c.CacheClusterId }));
      assert.equal(out.CacheCluster?.CacheClusterStatus, 'deleting');
    }
    // The SDK's waiter (default 15 s between polls) is satisfied by its first poll.
    const started = Date.now();
    await waitUntilCacheClusterDeleted({ client, maxWaitTime: 60 }, { CacheClusterId: clusters[0].CacheClusterId });
    assert.ok(Date.now() - started < 5000, `waiter took ${Date.now() - started} ms`);
    await eventually('clusters gone', async () => (await client.send(new DescribeCacheClustersCommand({}))).CacheClusters!.length === 0);
    for (const port of ports) assert.equal(await portOpen(port), false, `port ${port} closed after delete`);
  });
});

test('NumCacheNodes: up to the default 40 Memcached nodes pass the endpoint validation, more are NodeQuotaForClusterExceeded', () => {
  const form = (engine: string, n: number) => `Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=mc&Engine=${engine}&CacheNodeType=cache.t3.micro&NumCacheNodes=${n}`;
  assert.equal(validateRequest(form('memcached', 40)), undefined);
  for (const n of [41, 100_000]) {
    const refused = validateRequest(form('memcached', n));
    assert.deepEqual([refused?.code, refused?.httpStatus], ['NodeQuotaForClusterExceeded', 400], `${n} nodes`);
  }
  // An error finding comes before the quota: Valkey takes exactly 1 node.
  assert.equal(validateRequest(form('valkey', 41))?.code, 'InvalidParameterValue');
});

describe('local endpoint with SigV4 verification (--access-key/--secret-key): keys checked, signatures expire as on AWS', { timeout: 30_000 }, () => {
  let dataDir: string;
  let endpoint: LocalEndpoint;
  before(async () => {
    dataDir = tempDataDir();
    endpoint = await startLocalEndpoint({ port: 0, dataDir, accessKey: 'AKIALOCAL', secretKey: 'local-secret' });
  });
  after(async () => {
    await endpoint?.stop();
    killRecordedAndRemove(dataDir);
  });

  test('the right keys pass, a wrong secret or key is refused', async () => {
    const good = sdkClient(endpoint.url, { accessKeyId: 'AKIALOCAL', secretAccessKey: 'local-secret' });
    const out = await good.send(new DescribeCacheClustersCommand({ MaxRecords: 20 }));
    assert.deepEqual(out.CacheClusters, []);
    await expectError(sdkClient(endpoint.url, { accessKeyId: 'AKIALOCAL', secretAccessKey: 'wrong' }).send(new DescribeCacheClustersCommand({})), 'SignatureDoesNotMatch', 403);
    await expectError(sdkClient(endpoint.url, { accessKeyId: 'AKIAOTHER', secretAccessKey: 'local-secret' }).send(new DescribeCacheClustersCommand({})), 'InvalidClientTokenId', 403);

    const url = new URL(endpoint.url);
    const presign = (secretAccessKey: string) =>
      new SignatureV4({ credentials: { accessKeyId: 'AKIALOCAL', secretAccessKey }, region: 'eu-west-1', service: 'elasticache', sha256: Sha256 }).presign(
        new HttpRequest({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: { Action: 'DescribeCacheSubnetGroups', Version: '2015-02-02' }, headers: { host: url.host } }),
      );
    const ok = await fetch(`${endpoint.url}/?${new URLSearchParams((await presign('local-secret')).query as Record<string, string>)}`);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /eu-west-1a/);
    const bad = await fetch(`${endpoint.url}/?${new URLSearchParams((await presign('nope')).query as Record<string, string>)}`);
    assert.equal(bad.status, 403);
    assert.match(await bad.text(), /SignatureDoesNotMatch/);
  });

  // Signatures made at a chosen time, to check the 15-minute window and X-Amz-Expires.
  const signer = () => new SignatureV4({ credentials: { accessKeyId: 'AKIALOCAL', secretAccessKey: 'local-secret' }, region: 'us-east-1', service: 'elasticache', sha256: Sha256 });
  const request = (query?: Record<string, string>, body?: string) => {
    const url = new URL(endpoint.url);
    return new HttpRequest({
      method: body === undefined ? 'GET' : 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query,
      headers: body === undefined ? { host: url.host } : { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    });
  };
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);

  test('header-signed requests within 15 minutes pass; older ones are expired, later ones not yet current', async () => {
    const body = 'Action=DescribeCacheClusters&Version=2015-02-02';
    const post = async (signingDate: Date) => {
      const signed = await signer().sign(request(undefined, body), { signingDate });
      const res = await fetch(`${endpoint.url}/`, { method: 'POST', headers: signed.headers, body });
      return { status: res.status, text: await res.text() };
    };
    assert.equal((await post(minutes(-14))).status, 200);
    assert.equal((await post(minutes(14))).status, 200);
    const old = await post(minutes(-16));
    // The Common Errors page's code and status for a date stamp more than 15 minutes off.
    assert.equal(old.status, 400);
    assert.match(old.text, /<Code>RequestExpired<\/Code>/);
    // AWS's wording, with the allowance the extension names when it explains the refusal (test/client/explorer.test.ts).
    assert.match(old.text, /Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)/);
    const future = await post(minutes(16));
    assert.equal(future.status, 400);
    assert.match(future.text, /<Code>RequestExpired<\/Code>/);
    assert.match(future.text, /Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)/);
    // The SDK with a clock 20 minutes slow gets the same answer.
    const skewed = new ElastiCacheClient({ endpoint: endpoint.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIALOCAL', secretAccessKey: 'local-secret' }, maxAttempts: 1, systemClockOffset: -20 * 60_000 });
    const err = await expectError(skewed.send(new DescribeCacheClustersCommand({})), 'RequestExpired', 400);
    assert.match(err.message, /Signature expired/);
    // The SDK corrects its clock offset from the refusal's Date header, so its next request passes.
    assert.ok(Math.abs(skewed.config.systemClockOffset) < 60_000, `offset corrected: ${skewed.config.systemClockOffset} ms`);
    assert.ok((await skewed.send(new DescribeCacheClustersCommand({}))).CacheClusters);
  });

  test('presigned GETs are good from X-Amz-Date for X-Amz-Expires seconds', async () => {
    const get = async (signingDate: Date, expiresIn: number) => {
      const signed = await signer().presign(request({ Action: 'DescribeCacheSubnetGroups', Version: '2015-02-02' }), { signingDate, expiresIn });
      const res = await fetch(`${endpoint.url}/?${new URLSearchParams(signed.query as Record<string, string>)}`);
      return { status: res.status, text: await res.text() };
    };
    assert.equal((await get(minutes(-2), 300)).status, 200);
    const expired = await get(minutes(-2), 60);
    assert.equal(expired.status, 400);
    assert.match(expired.text, /<Code>RequestExpired<\/Code>/);
    assert.match(expired.text, /Signature expired/);
    // A URL presigned an hour ago for a week is still good; one dated in the future is not.
    assert.equal((await get(minutes(-60), 604_800)).status, 200);
    assert.match((await get(minutes(20), 300)).text, /Signature not yet current/);
    // Past the seven days SigV4 allows (LIMITS.presignMaxSeconds, the limit the linter's query-expires uses):
    // the SDK refuses to presign that, so the parameter is rewritten (the time is checked before the signature).
    const signed = await signer().presign(request({ Action: 'DescribeCacheSubnetGroups', Version: '2015-02-02' }), { signingDate: minutes(-1), expiresIn: 300 });
    const tooLong = await fetch(`${endpoint.url}/?${new URLSearchParams({ ...(signed.query as Record<string, string>), 'X-Amz-Expires': '604801' })}`);
    assert.equal(tooLong.status, 400);
    assert.match(await tooLong.text(), /<Code>IncompleteSignature<\/Code>[\s\S]*X-Amz-Expires must be a whole number of seconds from 1 to 604800\./);
  });
});

describe('start-up conflicts', { timeout: 30_000 }, () => {
  test('an unreadable state file is kept aside, reported, and the endpoint starts', async () => {
    const dataDir = tempDataDir();
    writeFileSync(path.join(dataDir, 'state.json'), '{"version": 1, "clusters": [tru');
    const ep = await startLocalEndpoint({ port: 0, dataDir });
    try {
      assert.equal(ep.warnings.length, 1);
      assert.match(ep.warnings[0], /could not be read/);
      const aside = readdirSync(dataDir).filter((f) => f.startsWith('state.json.unreadable-'));
      assert.equal(aside.length, 1);
      assert.equal(readFileSync(path.join(dataDir, aside[0]), 'utf8'), '{"version": 1, "clusters": [tru');
      assert.deepEqual((await sdkClient(ep.url).send(new DescribeCacheClustersCommand({}))).CacheClusters, []);
    } finally {
      await ep.stop();
      killRecordedAndRemove(dataDir);
    }
  });

  test('a busy port fails with EADDRINUSE without touching nodes; a data directory serves one endpoint', async () => {
    const dataDir = tempDataDir();
    const other = tempDataDir();
    const first = await startLocalEndpoint({ port: 0, dataDir });
    try {
      await first.stop().then(() => undefined);
      const running = await startLocalEndpoint({ port: 0, dataDir });
      try {
        await assert.rejects(startLocalEndpoint({ port: running.port, dataDir: other }), (err: NodeJS.ErrnoException) => err.code === 'EADDRINUSE');
        await assert.rejects(startLocalEndpoint({ port: 0, dataDir }), /already used by a local endpoint/);
        // The failed starts left the running endpoint serving.
        const out = await sdkClient(running.url).send(new DescribeCacheClustersCommand({}));
        assert.deepEqual(out.CacheClusters, []);
      } finally {
        await running.stop();
      }
    } finally {
      killRecordedAndRemove(dataDir);
      killRecordedAndRemove(other);
    }
  });
});
