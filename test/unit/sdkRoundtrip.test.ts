// The AWS SDK for JavaScript's own Query serialization of CreateCacheCluster (what the local endpoint receives)
// parses back, through analyze(body, 'query'), into the same SDK input with no findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElastiCacheClient, CreateCacheClusterCommand, type CreateCacheClusterCommandInput } from '@aws-sdk/client-elasticache';
import { analyze } from '../../server/src/service/index';

class Captured extends Error {
  constructor(readonly body: string) {
    super('captured');
  }
}

/** Serializes a command with the real SDK and stops before anything is sent. */
async function serialize(input: CreateCacheClusterCommandInput): Promise<string> {
  const client = new ElastiCacheClient({ region: 'us-west-2', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
  client.middlewareStack.add(
    () => async (args) => {
      throw new Captured(String((args.request as { body?: unknown }).body));
    },
    { step: 'finalizeRequest', name: 'captureBody', priority: 'high' },
  );
  try {
    await client.send(new CreateCacheClusterCommand(input));
  } catch (err) {
    if (err instanceof Captured) return err.body;
    throw err;
  } finally {
    client.destroy();
  }
  throw new Error('not captured');
}

test('SDK-serialized CreateCacheCluster bodies round-trip with no findings', async () => {
  const inputs: CreateCacheClusterCommandInput[] = [
    {
      CacheClusterId: 'my-cluster',
      Engine: 'redis',
      EngineVersion: '7.1',
      CacheNodeType: 'cache.r7g.large',
      NumCacheNodes: 1,
      CacheParameterGroupName: 'default.redis7',
      CacheSubnetGroupName: 'my subnets & more',
      SecurityGroupIds: ['sg-0123456789abcdef0', 'sg-0123456789abcdef1'],
      TransitEncryptionEnabled: true,
      Port: 6380,
      AutoMinorVersionUpgrade: false,
      SnapshotArns: ['arn:aws:s3:::my-bucket/backups/dump.rdb'],
      SnapshotRetentionLimit: 7,
      SnapshotWindow: '05:00-07:00',
      PreferredMaintenanceWindow: 'sun:23:00-mon:01:30',
      Tags: [{ Key: 'team', Value: 'a+b=c/ü' }, { Key: 'env', Value: 'dev' }],
      LogDeliveryConfigurations: [{ LogType: 'slow-log', DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: '/aws/elasticache' } }, LogFormat: 'json', Enabled: true }],
      NotificationTopicArn: 'arn:aws:sns:us-west-2:123456789012:my-topic',
    },
    { CacheClusterId: 'my-memcached', Engine: 'memcached', EngineVersion: '1.6.22', CacheNodeType: 'cache.t4g.small', NumCacheNodes: 3, AZMode: 'cross-az', PreferredAvailabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'] },
  ];
  for (const input of inputs) {
    const body = await serialize(input);
    assert.match(body, /^Action=CreateCacheCluster&Version=2015-02-02&/);
    const { requests, findings } = analyze(body, 'query');
    assert.deepEqual(findings, [], body);
    assert.equal(requests.length, 1);
    assert.deepEqual(requests[0].input, input);
  }
});
