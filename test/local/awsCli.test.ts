// The local endpoint answers as ElastiCache does, checked with Debian's AWS CLI (botocore parses every reply).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { waitUntilReplicationGroupAvailable } from '@aws-sdk/client-elasticache';
import { createClient } from 'redis';
import { eventually, killRecordedAndRemove, recordedPids, sdkClient, tempDataDir, waitAvailable } from './helpers';

const awsCli = '/usr/bin/aws';
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

describe('local endpoint with the AWS CLI: answers as ElastiCache does', { timeout: 120_000, skip: existsSync(awsCli) || process.env.CI ? false : `${awsCli} missing (Debian package awscli)` }, () => {
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

  test('remove-tags-from-resource removes the keys and lists the tags left; a key the resource lacks is TagNotFound', async () => {
    const created = await aws(endpoint.url, ['create-cache-cluster', '--cache-cluster-id', 'tagged', '--engine', 'memcached', '--cache-node-type', 'cache.t3.micro', '--num-cache-nodes', '1', '--tags', 'Key=team,Value=cache', 'Key=env,Value=dev', 'Key=cost,Value=42']);
    assert.equal(created.code, 0, created.stderr);
    const arn = (created.json!.CacheCluster as { ARN: string }).ARN;
    await waitAvailable(sdkClient(endpoint.url), 'tagged');

    const removed = await aws(endpoint.url, ['remove-tags-from-resource', '--resource-name', arn, '--tag-keys', 'env', 'cost']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(removed.json, { TagList: [{ Key: 'team', Value: 'cache' }] });

    const unknownKey = await aws(endpoint.url, ['remove-tags-from-resource', '--resource-name', arn, '--tag-keys', 'team', 'env']);
    assert.equal(errorCode(unknownKey), 'TagNotFound', unknownKey.stderr);
    assert.match(unknownKey.stderr, /no tag with the key "env"/);
    // A refused request changes nothing: team is still there.
    const listed = await aws(endpoint.url, ['list-tags-for-resource', '--resource-name', arn]);
    assert.deepEqual(listed.json, { TagList: [{ Key: 'team', Value: 'cache' }] });

    const noCluster = await aws(endpoint.url, ['remove-tags-from-resource', '--resource-name', arn.replace(/tagged$/, 'gone'), '--tag-keys', 'team']);
    assert.equal(errorCode(noCluster), 'CacheClusterNotFound', noCluster.stderr);
  });

  test("add-tags-to-resource is refused by the linter's tags rule: an aws: key, an empty key; a valid tag is added", async () => {
    const arn = 'arn:aws:elasticache:us-east-1:000000000000:subnetgroup:default';
    const reserved = await aws(endpoint.url, ['add-tags-to-resource', '--resource-name', arn, '--tags', 'Key=aws:team,Value=cache']);
    assert.equal(errorCode(reserved), 'InvalidParameterValue', reserved.stderr);
    assert.match(reserved.stderr, /Tags\.Tag\.1\.Key starts with 'aws:', a prefix reserved for AWS use/);
    const empty = await aws(endpoint.url, ['add-tags-to-resource', '--resource-name', arn, '--tags', 'Key=,Value=cache']);
    assert.equal(errorCode(empty), 'InvalidParameterValue', empty.stderr);
    assert.match(empty.stderr, /Tags\.Tag\.1\.Key is empty/);
    const listed = await aws(endpoint.url, ['list-tags-for-resource', '--resource-name', arn]);
    assert.deepEqual(listed.json, { TagList: [] }, 'the refused tags were not added');
    const added = await aws(endpoint.url, ['add-tags-to-resource', '--resource-name', arn, '--tags', 'Key=team,Value=cache']);
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(added.json, { TagList: [{ Key: 'team', Value: 'cache' }] });
  });

  test("the CLI's waiters: cache-cluster-available after a reboot and cache-cluster-deleted after a delete end on their first poll", async () => {
    const created = await aws(endpoint.url, ['create-cache-cluster', '--cache-cluster-id', 'waited', '--engine', 'redis', '--cache-node-type', 'cache.t3.micro', '--num-cache-nodes', '1']);
    assert.equal(created.code, 0, created.stderr);
    // The CLI's waiters sleep 15 s between polls (waiters-2.json): the SDK's, told to poll every second, waits for creation.
    await waitAvailable(sdkClient(endpoint.url), 'waited');
    const timed = async (args: string[]) => {
      const started = Date.now();
      const result = await aws(endpoint.url, args);
      return { ...result, ms: Date.now() - started };
    };
    const rebooted = await aws(endpoint.url, ['reboot-cache-cluster', '--cache-cluster-id', 'waited', '--cache-node-ids-to-reboot', '0001']);
    assert.equal((rebooted.json!.CacheCluster as { CacheClusterStatus: string }).CacheClusterStatus, 'rebooting cache cluster nodes');
    const available = await timed(['wait', 'cache-cluster-available', '--cache-cluster-id', 'waited']);
    assert.equal(available.code, 0, available.stderr);
    assert.ok(available.ms < 12_000, `no 15 s sleep: ${available.ms} ms`);
    const deleted = await aws(endpoint.url, ['delete-cache-cluster', '--cache-cluster-id', 'waited']);
    assert.equal((deleted.json!.CacheCluster as { CacheClusterStatus: string }).CacheClusterStatus, 'deleting');
    const gone = await timed(['wait', 'cache-cluster-deleted', '--cache-cluster-id', 'waited']);
    assert.equal(gone.code, 0, gone.stderr);
    assert.ok(gone.ms < 12_000, `no 15 s sleep: ${gone.ms} ms`);
  });

  test('create-replication-group: a primary and a replica that copies it; describe-replication-groups; delete-replication-group', async () => {
    const created = await aws(endpoint.url, [
      'create-replication-group', '--replication-group-id', 'cli-group', '--replication-group-description', 'from the CLI',
      '--engine', 'redis', '--cache-node-type', 'cache.t3.micro', '--num-cache-clusters', '2', '--automatic-failover-enabled',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const group = created.json!.ReplicationGroup as { Status: string; MemberClusters: string[] };
    assert.equal(group.Status, 'creating');
    assert.deepEqual(group.MemberClusters, ['cli-group-001', 'cli-group-002']);
    // The CLI's waiter sleeps 15 s between polls (waiters-2.json): the SDK's, told to poll every second, waits for creation.
    await waitUntilReplicationGroupAvailable({ client: sdkClient(endpoint.url), maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { ReplicationGroupId: 'cli-group' });
    const described = await aws(endpoint.url, ['describe-replication-groups', '--replication-group-id', 'cli-group']);
    assert.equal(described.code, 0, described.stderr);
    const [available] = described.json!.ReplicationGroups as {
      Status: string;
      AutomaticFailover: string;
      NodeGroups: { PrimaryEndpoint: { Port: number }; ReaderEndpoint: { Port: number }; NodeGroupMembers: { CacheClusterId: string; CurrentRole: string }[] }[];
    }[];
    assert.equal(available.Status, 'available');
    assert.equal(available.AutomaticFailover, 'enabled');
    assert.deepEqual(available.NodeGroups[0].NodeGroupMembers.map((m) => [m.CacheClusterId, m.CurrentRole]), [['cli-group-001', 'primary'], ['cli-group-002', 'replica']]);
    const members = await aws(endpoint.url, ['describe-cache-clusters', '--cache-cluster-id', 'cli-group-002']);
    assert.equal((members.json!.CacheClusters as { ReplicationGroupId: string }[])[0].ReplicationGroupId, 'cli-group');

    const connect = async (port: number) => {
      const redis = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false } });
      redis.on('error', () => {});
      await redis.connect();
      return redis;
    };
    const primary = await connect(available.NodeGroups[0].PrimaryEndpoint.Port);
    const replica = await connect(available.NodeGroups[0].ReaderEndpoint.Port);
    try {
      await primary.set('written', 'on the primary');
      await eventually('the key on the replica', async () => (await replica.get('written')) === 'on the primary', 15_000);
    } finally {
      await primary.quit();
      await replica.quit();
    }

    const primaryDelete = await aws(endpoint.url, ['delete-cache-cluster', '--cache-cluster-id', 'cli-group-001']);
    assert.equal(errorCode(primaryDelete), 'InvalidCacheClusterState', primaryDelete.stderr);
    const clusterMode = await aws(endpoint.url, ['create-replication-group', '--replication-group-id', 'sharded', '--replication-group-description', 'x', '--engine', 'redis', '--cache-parameter-group-name', 'default.redis7.cluster.on']);
    assert.equal(errorCode(clusterMode), 'InvalidParameterCombination', clusterMode.stderr);
    assert.match(clusterMode.stderr, /does not run cluster mode/);

    const deleted = await aws(endpoint.url, ['delete-replication-group', '--replication-group-id', 'cli-group']);
    assert.equal((deleted.json!.ReplicationGroup as { Status: string }).Status, 'deleting');
    const gone = await aws(endpoint.url, ['wait', 'replication-group-deleted', '--replication-group-id', 'cli-group']);
    assert.equal(gone.code, 0, gone.stderr);
    const notFound = await aws(endpoint.url, ['describe-replication-groups', '--replication-group-id', 'cli-group']);
    assert.equal(errorCode(notFound), 'ReplicationGroupNotFoundFault', notFound.stderr);
  });

  test("every action is validated by the linter's rules: MaxRecords 20–100 also beside CacheClusterId, a blank ResourceName", async () => {
    const created = await aws(endpoint.url, ['create-cache-cluster', '--cache-cluster-id', 'described', '--engine', 'memcached', '--cache-node-type', 'cache.t3.micro', '--num-cache-nodes', '1']);
    assert.equal(created.code, 0, created.stderr);
    const id = await aws(endpoint.url, ['describe-cache-clusters', '--cache-cluster-id', 'described', '--max-records', '10']);
    assert.equal(errorCode(id), 'InvalidParameterValue', id.stderr);
    assert.match(id.stderr, /MaxRecords must be between 20 and 100/);
    const versions = await aws(endpoint.url, ['describe-cache-engine-versions', '--max-records', '101']);
    assert.equal(errorCode(versions), 'InvalidParameterValue', versions.stderr);
    const blank = await aws(endpoint.url, ['list-tags-for-resource', '--resource-name', '']);
    assert.equal(errorCode(blank), 'InvalidParameterValue', blank.stderr);
    assert.match(blank.stderr, /ResourceName is empty/);

    const inRange = await aws(endpoint.url, ['describe-cache-clusters', '--cache-cluster-id', 'described', '--max-records', '20']);
    assert.equal(inRange.code, 0, inRange.stderr);
    assert.equal((inRange.json!.CacheClusters as unknown[]).length, 1);
  });

  test('a request without Version is MissingParameter, as the linter says; with it, the same request passes', async () => {
    // Any well-formed signature passes an endpoint started without keys; the CLI always sends Version, so plain HTTP.
    const post = (body: string) =>
      fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Amz-Date': '20260101T000000Z',
          Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/elasticache/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
        },
        body,
      });
    const missing = await post('Action=DescribeCacheClusters');
    assert.equal(missing.status, 400);
    assert.match(await missing.text(), /<Code>MissingParameter<\/Code><Message>Missing Version parameter/);
    const given = await post('Action=DescribeCacheClusters&Version=2015-02-02');
    assert.equal(given.status, 200, await given.clone().text());
    assert.match(await given.text(), /<DescribeCacheClustersResponse /);
  });

  test('a malformed signature is IncompleteSignature (400) and none is MissingAuthenticationToken (403), as the Common Errors page gives them', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(endpoint.url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: 'Action=DescribeCacheClusters&Version=2015-02-02' });
    const credential = 'Credential=test/20260101/us-east-1/elasticache/aws4_request, SignedHeaders=host;x-amz-date';
    const malformed = await post({ 'X-Amz-Date': '20260101T000000Z', Authorization: `AWS4-HMAC-SHA256 ${credential}, Signature=not-hex` });
    assert.equal(malformed.status, 400);
    assert.match(await malformed.text(), /<Code>IncompleteSignature<\/Code>/);
    const none = await post({});
    assert.equal(none.status, 403);
    assert.match(await none.text(), /<Code>MissingAuthenticationToken<\/Code>/);
    const wellFormed = await post({ 'X-Amz-Date': '20260101T000000Z', Authorization: `AWS4-HMAC-SHA256 ${credential}, Signature=${'0'.repeat(64)}` });
    assert.equal(wellFormed.status, 200, 'any well-formed signature passes an endpoint started without keys');
  });
});
