// Every finding on an empty value says first that it is empty, then what to give; one finding per value, each
// rule keeping its code (the reviewer's ev2.elasticache, and the same values in JSON and YAML).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, checkCreateReplicationGroup, issueMessage, validateCacheClusterId } from '../../server/src/service/index';

const EMPTY_MEMBERS: [string, string][] = [
  ['CacheSubnetGroupName', 'empty-value'],
  ['SnapshotName', 'empty-value'],
  ['NotificationTopicArn', 'sns-topic-arn'],
  ['PreferredMaintenanceWindow', 'maintenance-window'],
  ['SnapshotWindow', 'snapshot-window'],
  ['CacheNodeType', 'invalid-node-type'],
  ['EngineVersion', 'empty-value'],
  ['ReplicationGroupId', 'empty-value'],
  ['NetworkType', 'invalid-enum'],
  ['Engine', 'invalid-engine'],
  ['PreferredAvailabilityZone', 'invalid-availability-zone'],
];
const STARTS_EMPTY = /^(\S+( \(item \d+\)\S*)?|A \S+ item) is empty: (give|it must|an empty value|ElastiCache rejects)/;

test('empty values: every finding on an empty value starts by saying it is empty (Query, JSON, YAML)', () => {
  const query = ['Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a', ...EMPTY_MEMBERS.map(([m]) => `${m}=`), 'AutoMinorVersionUpgrade=', 'SnapshotArns.member.1=', 'Tags.Tag.1.Key=', 'NumCacheNodes='].join('&');
  const json = JSON.stringify({ CacheClusterId: 'a', ...Object.fromEntries(EMPTY_MEMBERS.map(([m]) => [m, ''])), SnapshotArns: [''], Tags: [{ Key: '' }] });
  const yaml = ['CacheClusterId: a', ...EMPTY_MEMBERS.map(([m]) => `${m}: ""`), 'SnapshotArns:', '  - ""', 'Tags:', '  - Key: ""', ''].join('\n');
  for (const [text, kind, extra] of [
    [query, 'query', { AutoMinorVersionUpgrade: 'invalid-type', 'SnapshotArns.member.1': 'snapshot-arn', 'Tags.Tag.1.Key': 'tags', NumCacheNodes: 'invalid-type' }],
    [json, 'json', { SnapshotArns: 'snapshot-arn', Tags: 'tags' }],
    [yaml, 'yaml', { SnapshotArns: 'snapshot-arn', Tags: 'tags' }],
  ] as const) {
    const { findings } = analyze(text, kind);
    const expected = EMPTY_MEMBERS.length + Object.keys(extra).length;
    assert.equal(findings.length, expected, `${kind}: one finding per empty value: ${findings.map((f) => f.code)}`);
    for (const f of findings) {
      const at = text.slice(f.span.start, f.span.end);
      assert.ok(at === '' || at === '""', `${kind}: ${f.code} on the value, got ${JSON.stringify(at)}`);
      assert.match(f.message, STARTS_EMPTY, `${kind}: ${f.code}`);
    }
    const codes = findings.map((f) => f.code).sort();
    assert.deepEqual(codes, [...EMPTY_MEMBERS.map(([, c]) => c), ...Object.values(extra)].sort(), kind);
  }
});

test('empty values: the messages name the format or the allowed values', () => {
  const q = (member: string) => analyze(`Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&${member}=`, 'query').findings[0].message;
  assert.match(q('PreferredMaintenanceWindow'), /^PreferredMaintenanceWindow is empty: give a weekly window ddd:hh24:mi-ddd:hh24:mi in UTC/);
  assert.match(q('SnapshotWindow'), /^SnapshotWindow is empty: give a daily window hh24:mi-hh24:mi in UTC/);
  assert.match(q('NotificationTopicArn'), /^NotificationTopicArn is empty: give an Amazon SNS topic ARN \(arn:aws:sns:/);
  assert.equal(q('NetworkType'), 'NetworkType is empty: give one of ipv4, ipv6, dual_stack.');
  assert.equal(q('Engine'), 'Engine is empty: give one of memcached, redis, valkey.');
  assert.equal(q('AutoMinorVersionUpgrade'), 'AutoMinorVersionUpgrade is empty: give a boolean (true or false).');
  assert.match(analyze('Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=', 'query').findings[0].message, /^CacheClusterId is empty: give 1 to 50 letters/);
  assert.match(validateCacheClusterId('  ')!, /^CacheClusterId is blank \(only whitespace\)/);
  // Replication groups: empty node group fields.
  const rg = checkCreateReplicationGroup({ ReplicationGroupId: 'a', ReplicationGroupDescription: 'd', Engine: 'redis', NodeGroupConfiguration: [{ NodeGroupId: '', Slots: '' }] });
  assert.deepEqual(rg.map((i) => issueMessage(i).split(':')[0]), ['NodeGroupConfiguration (item 1).NodeGroupId is empty', 'NodeGroupConfiguration (item 1).Slots is empty']);
  // Clean: values that are not empty keep their messages.
  assert.match(analyze('Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&NetworkType=ipv5', 'query').findings[0].message, /^NetworkType must be one of ipv4, ipv6, dual_stack, not 'ipv5'\. Did you mean ipv4\?/);
  assert.match(analyze('Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&SnapshotWindow=5-9', 'query').findings[0].message, /^The snapshot window must be hh24:mi-hh24:mi/);
});

test('empty values: an empty log destination field says it is empty', () => {
  const text = JSON.stringify({ CacheClusterId: 'a', Engine: 'redis', LogDeliveryConfigurations: [{ LogType: 'slow-log', DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: '' } } }] });
  const f = analyze(text, 'json').findings;
  assert.deepEqual(f.map((x) => `${x.code}@${text.slice(x.span.start, x.span.end)}`), ['log-delivery-destination@""']);
  assert.match(f[0].message, /^LogDeliveryConfigurations \(item 1\)\.DestinationDetails\.CloudWatchLogsDetails\.LogGroup is empty: give the CloudWatch Logs log group/);
});
