// Versions past end of life on the local endpoint: refused, with the linter's own finding, whether the request names
// the version, its family's default parameter group or both; and nothing the endpoint lists (DescribeCacheEngineVersions,
// DescribeCacheParameterGroups) is one a create would refuse. Checked with the AWS SDK and Debian's AWS CLI.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import {
  CreateCacheClusterCommand,
  DescribeCacheClustersCommand,
  DescribeCacheEngineVersionsCommand,
  DescribeCacheParameterGroupsCommand,
  ElastiCacheServiceException,
  type ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { checkCreateCacheCluster } from '../../server/src/service/index';
import { ENGINES, latestVersion } from '../../server/src/model/facts';
import { killRecordedAndRemove, recordedPids, sdkClient, tempDataDir } from './helpers';

const redis = { Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 };

/** The linter's engine-version-support error for a CreateCacheCluster input: what the endpoint must answer. */
function linterMessage(input: Record<string, unknown>): string {
  const found = checkCreateCacheCluster(input).filter((i) => i.code === 'engine-version-support' && i.severity === 'error');
  assert.equal(found.length, 1, JSON.stringify(found));
  return found[0].message;
}

async function refusal(promise: Promise<unknown>): Promise<ElastiCacheServiceException> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ElastiCacheServiceException, `expected a service exception, got ${String(err)}`);
    return err;
  }
  assert.fail('the request was accepted');
}

describe('local endpoint: engine versions past end of life', { timeout: 60_000 }, () => {
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

  test('Redis OSS 3.2.4 is refused with or without its default group, and a lone default.redis3.2 too: InvalidParameterValue, the linter\'s message', async () => {
    const cases: Record<string, unknown>[] = [
      // The seed's request once its quick fix names CacheParameterGroupName.
      { CacheClusterId: 'eol-both', ...redis, EngineVersion: '3.2.4', CacheParameterGroupName: 'default.redis3.2' },
      // Before, this one was created, on a group the endpoint said did not exist.
      { CacheClusterId: 'eol-version', ...redis, EngineVersion: '3.2.4' },
      // Before, CacheParameterGroupNotFound, which does not say why.
      { CacheClusterId: 'eol-group', ...redis, CacheParameterGroupName: 'default.redis3.2' },
    ];
    for (const input of cases) {
      const err = await refusal(client.send(new CreateCacheClusterCommand(input as never)));
      assert.equal(err.name, 'InvalidParameterValueException', String(input.CacheClusterId));
      assert.equal(err.$metadata.httpStatusCode, 400);
      assert.equal(err.message, linterMessage(input));
    }
    const ids = (await client.send(new DescribeCacheClustersCommand({}))).CacheClusters!.map((c) => c.CacheClusterId);
    assert.deepEqual(ids.filter((id) => id?.startsWith('eol-')), []);
  });

  test('what the endpoint lists is what it creates: no end-of-life version or group; a deprecated patch version is listed', async () => {
    const versions = (await client.send(new DescribeCacheEngineVersionsCommand({ Engine: 'redis' }))).CacheEngineVersions!;
    assert.ok(!versions.some((v) => /^[23]\./.test(v.EngineVersion!)), versions.map((v) => v.EngineVersion).join(','));
    // 5.0.5 is deprecated ("use 5.0.6") but not past end of life: the linter warns, the endpoint creates it, and lists it.
    assert.ok(versions.some((v) => v.EngineVersion === '5.0.5' && v.CacheParameterGroupFamily === 'redis5.0'));
    const err = await refusal(client.send(new DescribeCacheParameterGroupsCommand({ CacheParameterGroupName: 'default.redis3.2' })));
    assert.equal(err.name, 'CacheParameterGroupNotFoundFault');
    const groups = (await client.send(new DescribeCacheParameterGroupsCommand({}))).CacheParameterGroups!.map((g) => g.CacheParameterGroupName);
    assert.ok(groups.includes('default.redis4.0') && groups.includes('default.redis5.0'), groups.join(','));
    assert.ok(!groups.some((g) => /^default\.redis(2\.6|2\.8|3\.2)(\.|$)/.test(g!)), groups.join(','));
  });

  test('DescribeCacheEngineVersions DefaultOnly with a family: that family\'s latest version (the engine and major version combination)', async () => {
    const of = async (input: Record<string, unknown>) => ((await client.send(new DescribeCacheEngineVersionsCommand({ DefaultOnly: true, ...input }))).CacheEngineVersions ?? []).map((v) => `${v.Engine} ${v.EngineVersion} ${v.CacheParameterGroupFamily}`);
    assert.deepEqual(await of({ Engine: 'redis', CacheParameterGroupFamily: 'redis6.x' }), ['redis 6.2 redis6.x']);
    assert.deepEqual(await of({ Engine: 'valkey', CacheParameterGroupFamily: 'valkey7' }), ['valkey 7.2 valkey7']);
    assert.deepEqual(await of({ Engine: 'redis', EngineVersion: '7.0' }), ['redis 7.0 redis7']);
  });

  test('DescribeCacheEngineVersions DefaultOnly: the version a create without EngineVersion gets, one per engine', async () => {
    const defaults = (await client.send(new DescribeCacheEngineVersionsCommand({ DefaultOnly: true }))).CacheEngineVersions!;
    assert.deepEqual(defaults.map((v) => `${v.Engine} ${v.EngineVersion}`).sort(), ENGINES.map((e) => `${e} ${latestVersion(e).version}`).sort());
  });

  test('Redis OSS 4.0.10 (paid Extended Support) with default.redis4.0 is created', async () => {
    const created = await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'extended-4', ...redis, EngineVersion: '4.0.10', CacheParameterGroupName: 'default.redis4.0' }));
    assert.equal(created.CacheCluster?.EngineVersion, '4.0.10');
    assert.equal(created.CacheCluster?.CacheParameterGroup?.CacheParameterGroupName, 'default.redis4.0');
  });
});

const awsCli = '/usr/bin/aws';
const awsEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };

describe('local endpoint with the AWS CLI: the reviewer\'s 3.2.4 request', { timeout: 60_000, skip: existsSync(awsCli) || process.env.CI ? false : `${awsCli} missing (Debian package awscli)` }, () => {
  let dataDir: string;
  let endpoint: LocalEndpoint;

  before(async () => {
    dataDir = tempDataDir();
    endpoint = await startLocalEndpoint({ port: 0, dataDir });
  });

  after(async () => {
    await endpoint?.stop();
    killRecordedAndRemove(dataDir);
  });

  test('create-cache-cluster --engine-version 3.2.4: InvalidParameterValue with the linter\'s message, and no cluster', async () => {
    const args = ['create-cache-cluster', '--cache-cluster-id', 'eol-cli', '--engine', 'redis', '--engine-version', '3.2.4', '--cache-node-type', 'cache.t3.micro', '--num-cache-nodes', '1'];
    const failed = await promisify(execFile)(awsCli, ['--endpoint-url', endpoint.url, '--no-cli-pager', '--output', 'json', 'elasticache', ...args], { env: awsEnv, timeout: 60_000 }).then(
      () => assert.fail('the request was accepted'),
      (err: { code?: number; stderr?: string }) => err,
    );
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr ?? '', /An error occurred \(InvalidParameterValue\) when calling the CreateCacheCluster operation/);
    assert.ok((failed.stderr ?? '').includes(linterMessage({ CacheClusterId: 'eol-cli', ...redis, EngineVersion: '3.2.4' })), failed.stderr);
  });
});
