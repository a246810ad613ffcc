// Rules added after a review of unseen request files (false negatives and noise found there): each with a hit
// and a clean case, through analyze() on the forms they apply to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, checkCreateCacheCluster, checkCreateReplicationGroup, checkDocumentedRanges } from '../../server/src/service/index';
import { applyEdits, codes, findingsAt } from './helpers';

const HOST = 'https://elasticache.us-west-2.amazonaws.com/';
const query = (...lines: string[]) => [HOST, ...lines.map((l, i) => `    ${i === 0 ? '?' : '&'}${l}`), '    &Version=2015-02-02', ''].join('\n');
const base = { CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 };

test('log-delivery-destination: DestinationDetails must match DestinationType (warning)', () => {
  const cw = { LogType: 'slow-log', DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: '/aws/elasticache/slow' } }, LogFormat: 'json' };
  const fh = { LogType: 'engine-log', DestinationType: 'kinesis-firehose', DestinationDetails: { KinesisFirehoseDetails: { DeliveryStream: 'stream' } }, LogFormat: 'text' };
  const ruleCodes = (logs: unknown[]) => checkCreateCacheCluster({ ...base, LogDeliveryConfigurations: logs }).map((i) => i.code);
  assert.deepEqual(ruleCodes([cw, fh]), []);
  assert.deepEqual(ruleCodes([{ ...cw, DestinationType: 'kinesis-firehose' }]), ['log-delivery-destination']);
  assert.deepEqual(ruleCodes([{ ...fh, DestinationDetails: { KinesisFirehoseDetails: {} } }]), ['log-delivery-destination']);
  assert.deepEqual(ruleCodes([{ LogType: 'slow-log', DestinationType: 'cloudwatch-logs', LogFormat: 'json' }]), ['log-delivery-destination']);

  // Query form: the finding sits on the wrong details' name, as a warning.
  const q = query(
    'Action=CreateCacheCluster', 'CacheClusterId=redis-logs', 'Engine=redis', 'EngineVersion=7.1', 'CacheNodeType=cache.t4g.small', 'NumCacheNodes=1',
    'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.LogType=slow-log',
    'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.DestinationType=kinesis-firehose',
    'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.DestinationDetails.CloudWatchLogsDetails.LogGroup=%2Faws%2Felasticache%2Fslow',
    'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.LogFormat=json',
  );
  const f = findingsAt(q, 'query');
  assert.deepEqual(f.map((x) => [x.code, x.severity, x.at]), [['log-delivery-destination', 'warning', 'CloudWatchLogsDetails']]);
  assert.match(f[0].finding.message, /KinesisFirehoseDetails\.DeliveryStream/);
  assert.deepEqual(codes(q.replace('kinesis-firehose', 'cloudwatch-logs'), 'query'), []);

  // JSON: an empty KinesisFirehoseDetails is flagged on its name.
  const json = JSON.stringify({ ...base, LogDeliveryConfigurations: [{ ...fh, DestinationDetails: { KinesisFirehoseDetails: {} } }] });
  assert.deepEqual(findingsAt(json, 'json').map((x) => [x.code, x.at]), [['log-delivery-destination', 'KinesisFirehoseDetails']]);
  assert.deepEqual(codes(JSON.stringify({ ...base, LogDeliveryConfigurations: [fh] }), 'json'), []);
});

test('az-mode is not reported on top of engine-parameter for a Valkey/Redis OSS cluster', () => {
  const yaml = 'CacheClusterId: c\nEngine: redis\nEngineVersion: "7.1"\nCacheNodeType: cache.r7g.large\nNumCacheNodes: 1\nAZMode: cross-az\n';
  assert.deepEqual(codes(yaml, 'yaml'), ['engine-parameter']);
  // Still reported for Memcached, where AZMode is valid.
  assert.deepEqual(codes(yaml.replace('redis', 'memcached').replace('"7.1"', '1.6.22'), 'yaml'), ['az-mode']);
});

test('member-range: MaxRecords outside the range the model documents (20–100; DescribeSnapshots 20–50)', () => {
  const low = findingsAt(query('Action=DescribeCacheClusters', 'MaxRecords=10'), 'query');
  assert.deepEqual(low.map((x) => [x.code, x.severity, x.at]), [['member-range', 'error', '10']]);
  assert.equal(low[0].finding.fixes![0].edits[0].newText, '20');
  assert.deepEqual(codes(query('Action=DescribeCacheClusters', 'MaxRecords=20'), 'query'), []);
  assert.deepEqual(codes(query('Action=DescribeCacheClusters', 'MaxRecords=100'), 'query'), []);
  assert.deepEqual(codes(query('Action=DescribeCacheClusters', 'MaxRecords=101'), 'query'), ['member-range']);
  assert.deepEqual(codes(query('Action=DescribeSnapshots', 'MaxRecords=100'), 'query'), ['member-range']);
  assert.deepEqual(codes(query('Action=DescribeSnapshots', 'MaxRecords=50'), 'query'), []);
  // Operations whose MaxRecords documents no range are left alone.
  assert.deepEqual(checkDocumentedRanges('DescribeUsers', { MaxRecords: 5 }), []);
});

test('replication-group-nodes: NumCacheClusters with automatic failover (at least 2) and at most 6', () => {
  const rg = ['Action=CreateReplicationGroup', 'ReplicationGroupId=checkout', 'ReplicationGroupDescription=Checkout', 'Engine=redis', 'EngineVersion=7.1', 'CacheNodeType=cache.r7g.large'];
  const hit = findingsAt(query(...rg, 'NumCacheClusters=1', 'AutomaticFailoverEnabled=true'), 'query');
  assert.deepEqual(hit.map((x) => [x.code, x.severity, x.at]), [['replication-group-nodes', 'error', '1']]);
  const fixed = applyEdits(query(...rg, 'NumCacheClusters=1', 'AutomaticFailoverEnabled=true'), hit[0].finding.fixes![0].edits);
  assert.deepEqual(codes(fixed, 'query'), []);
  assert.deepEqual(codes(query(...rg, 'NumCacheClusters=1'), 'query'), [], 'one node without failover is fine');
  assert.deepEqual(codes(query(...rg, 'NumCacheClusters=7'), 'query'), ['replication-group-nodes']);
  assert.deepEqual(codes(query(...rg, 'NumCacheClusters=6', 'AutomaticFailoverEnabled=true'), 'query'), []);
  // NumCacheClusters is not used with several node groups: no count check, only single-shard-parameter's warning.
  assert.deepEqual(checkCreateReplicationGroup({ NumCacheClusters: 1, AutomaticFailoverEnabled: true, NumNodeGroups: 3 }).map((i) => i.code), ['single-shard-parameter']);
});

test('YAML 1.1 boolean words for a boolean member: the CLI reads a string; the fix writes true/false', () => {
  const yaml = (v: string) => `CacheClusterId: c\nEngine: redis\nEngineVersion: "7.1"\nCacheSubnetGroupName: s\nTransitEncryptionEnabled: ${v}\n`;
  for (const [word, fix] of [['yes', 'true'], ['on', 'true'], ['No', 'false'], ['off', 'false']]) {
    const f = findingsAt(yaml(word), 'yaml');
    assert.deepEqual(f.map((x) => [x.code, x.at]), [['invalid-type', word]], word);
    assert.match(f[0].finding.message, /YAML 1\.2/);
    assert.deepEqual(codes(applyEdits(yaml(word), f[0].finding.fixes![0].edits), 'yaml'), [], word);
    assert.equal(f[0].finding.fixes![0].edits[0].newText, fix);
  }
  assert.deepEqual(codes(yaml('true'), 'yaml'), []);
  // A string member keeps the word as a string (YAML 1.2): no finding.
  assert.deepEqual(codes('CacheClusterId: c\nTags:\n  - Key: backup\n    Value: no\n', 'yaml'), []);
  // JSON has no such words: a string "yes" stays a plain type error.
  assert.equal(analyze('{"CacheClusterId": "c", "AutoMinorVersionUpgrade": "yes"}', 'json').findings[0].fixes, undefined);
});
