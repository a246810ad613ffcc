// A list item is named in messages as the document names it: a Query request by the parameter name as written
// (`NodeGroupConfiguration.NodeGroupConfiguration.1.Slots`), JSON/YAML in words (`NodeGroupConfiguration (item 1).Slots`),
// whichever check reports it (the shape check, the empty-value check or a semantic rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, checkCreateReplicationGroup, issueMessage, type DocumentKind } from '../../server/src/service/index';

/** The text of each finding's message up to the first colon (the subject and the problem), by code. */
const heads = (text: string, kind: DocumentKind) => analyze(text, kind).findings.map((f) => `${f.code}: ${f.message.split(':')[0]}`);

const RG = 'Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=rg&ReplicationGroupDescription=d&Engine=redis';
const NG = 'NodeGroupConfiguration.NodeGroupConfiguration.1.';

test('Query: empty node group members are named as written (rules node-group-id, node-group-slots, invalid-availability-zone)', () => {
  const text = `${RG}&${NG}NodeGroupId=&${NG}Slots=&${NG}PrimaryAvailabilityZone=&${NG}ReplicaAvailabilityZones.AvailabilityZone.1=%20`;
  assert.deepEqual(heads(text, 'query'), [
    `node-group-id: ${NG}NodeGroupId is empty`,
    `node-group-slots: ${NG}Slots is empty`,
    `invalid-availability-zone: ${NG}PrimaryAvailabilityZone is empty`,
    `invalid-availability-zone: ${NG}ReplicaAvailabilityZones.AvailabilityZone.1 is empty`,
  ]);
  // Form-agnostic (the rule alone, as JSON/YAML name it): items counted in words.
  const rg = checkCreateReplicationGroup({ ReplicationGroupId: 'rg', ReplicationGroupDescription: 'd', Engine: 'redis', NodeGroupConfiguration: [{ NodeGroupId: '', Slots: '', PrimaryAvailabilityZone: '' }] });
  assert.deepEqual(rg.filter((i) => i.subject).map((i) => issueMessage(i).split(':')[0]), [
    'NodeGroupConfiguration (item 1).NodeGroupId is empty',
    'NodeGroupConfiguration (item 1).Slots is empty',
    'NodeGroupConfiguration (item 1).PrimaryAvailabilityZone is empty',
  ]);
  // Clean: valid values.
  assert.deepEqual(heads(`${RG}&${NG}Slots=0-16383&${NG}NodeGroupId=0001&${NG}PrimaryAvailabilityZone=us-east-1a`, 'query'), []);
});

test('Query: an empty log destination field is named as written (rule log-delivery-destination); JSON counts the item', () => {
  const L = 'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.';
  const q = `Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&${L}LogType=slow-log&${L}DestinationType=cloudwatch-logs&${L}LogFormat=json&${L}DestinationDetails.CloudWatchLogsDetails.LogGroup=`;
  assert.deepEqual(heads(q, 'query'), [`log-delivery-destination: ${L}DestinationDetails.CloudWatchLogsDetails.LogGroup is empty`]);
  const json = JSON.stringify({ CacheClusterId: 'a', Engine: 'redis', LogDeliveryConfigurations: [{ LogType: 'slow-log', DestinationType: 'cloudwatch-logs', LogFormat: 'json', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: '' } } }] });
  assert.deepEqual(heads(json, 'json'), ['log-delivery-destination: LogDeliveryConfigurations (item 1).DestinationDetails.CloudWatchLogsDetails.LogGroup is empty']);
  // Clean: a log group given.
  assert.deepEqual(heads(q + 'slow-logs', 'query'), []);
});

test('Query: an empty value inside a list item is named as written (empty-value), as the shape check names it', () => {
  const R = 'ReshardingConfiguration.ReshardingConfiguration.1.';
  const q = `Action=ModifyReplicationGroupShardConfiguration&Version=2015-02-02&ReplicationGroupId=rg&NodeGroupCount=2&ApplyImmediately=true&${R}NodeGroupId=&${R}PreferredAvailabilityZones.AvailabilityZone.1=`;
  assert.deepEqual(heads(q, 'query'), [
    `empty-value: ${R}NodeGroupId is empty`,
    `empty-value: ${R}PreferredAvailabilityZones.AvailabilityZone.1 is empty`,
  ]);
  // Clean: values given.
  assert.deepEqual(heads(q.replace('NodeGroupId=', 'NodeGroupId=0001').replace('AvailabilityZone.1=', 'AvailabilityZone.1=us-east-1a'), 'query'), []);
});

test('JSON: a CacheCluster zone list item is named in words (rule invalid-availability-zone)', () => {
  const json = JSON.stringify({ CacheClusterId: 'a', Engine: 'memcached', NumCacheNodes: 2, PreferredAvailabilityZones: ['us-east-1a', ''] });
  assert.deepEqual(heads(json, 'json'), ['invalid-availability-zone: PreferredAvailabilityZones (item 2) is empty']);
  const q = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=memcached&NumCacheNodes=2&PreferredAvailabilityZones.PreferredAvailabilityZone.1=us-east-1a&PreferredAvailabilityZones.PreferredAvailabilityZone.2=';
  assert.deepEqual(heads(q, 'query'), ['invalid-availability-zone: PreferredAvailabilityZones.PreferredAvailabilityZone.2 is empty']);
});

test('an empty item of a list of IDs or ARNs is named as the document does (rules security-group-id, snapshot-arn, user-group-id)', () => {
  const q = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&SecurityGroupIds.SecurityGroupId.1=&SnapshotArns.SnapshotArn.1=';
  assert.deepEqual(heads(q, 'query'), ['snapshot-arn: SnapshotArns.SnapshotArn.1 is empty', 'security-group-id: SecurityGroupIds.SecurityGroupId.1 is empty']);
  const json = '{"CacheClusterId": "a", "Engine": "redis", "SecurityGroupIds": ["sg-0123abcd", ""], "SnapshotArns": [" "]}';
  assert.deepEqual(heads(json, 'json'), ['snapshot-arn: SnapshotArns (item 1) is blank (only whitespace)', 'security-group-id: SecurityGroupIds (item 2) is empty']);
  const rg = `${RG}&UserGroupIds.member.1=`;
  assert.deepEqual(heads(rg, 'query').filter((h) => h.startsWith('user-group-id')), ['user-group-id: UserGroupIds.member.1 is empty']);
  // Clean: IDs and ARNs given.
  assert.deepEqual(heads('{"CacheClusterId": "a", "Engine": "redis", "SecurityGroupIds": ["sg-0123abcd"], "SnapshotArns": ["arn:aws:s3:::bucket/snap.rdb"]}', 'json'), []);
});

test('Query: a gap in the numbering of a list inside a list item names that list as written (list-index)', () => {
  const q = `${RG}&${NG}ReplicaAvailabilityZones.AvailabilityZone.2=us-east-1a`;
  assert.deepEqual(heads(q, 'query').filter((h) => h.startsWith('list-index')), [`list-index: ${NG}ReplicaAvailabilityZones items must be numbered from 1, but the first is 2`]);
  const skip = `${RG}&${NG}ReplicaAvailabilityZones.AvailabilityZone.1=us-east-1a&${NG}ReplicaAvailabilityZones.AvailabilityZone.3=us-east-1b`;
  assert.deepEqual(heads(skip, 'query').filter((h) => h.startsWith('list-index')), [`list-index: ${NG}ReplicaAvailabilityZones skips item 2 (jumps from 1 to 3)`]);
  // Clean: numbered from 1 without gaps.
  assert.deepEqual(heads(`${RG}&${NG}ReplicaAvailabilityZones.AvailabilityZone.1=us-east-1a`, 'query').filter((h) => h.startsWith('list-index')), []);
});

test('node group checks name the node group (rules node-group-id, node-group-replicas, node-group-azs, node-group-slots)', () => {
  // Form-agnostic (the rule alone, as JSON/YAML name it): the second node group counted in words.
  const good = { NodeGroupId: '0001', Slots: '0-8191', ReplicaCount: 1, ReplicaAvailabilityZones: ['us-east-1a'] };
  const rule = (bad: object) => checkCreateReplicationGroup({ ReplicationGroupId: 'rg', ReplicationGroupDescription: 'd', Engine: 'redis', NodeGroupConfiguration: [good, { ...good, NodeGroupId: '0002', Slots: '8192-16383', ...bad }] })
    .filter((i) => i.code.startsWith('node-group')).map((i) => `${i.code}: ${issueMessage(i).split(':')[0]}`);
  const J = 'NodeGroupConfiguration (item 2).';
  assert.deepEqual(rule({ ReplicaCount: 6, ReplicaAvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1a', 'us-east-1b', 'us-east-1c'] }), [`node-group-replicas: ${J}ReplicaCount must be between 0 and 5`]);
  assert.deepEqual(rule({ ReplicaAvailabilityZones: ['us-east-1a', 'us-east-1b'] }), [`node-group-azs: ${J}ReplicaAvailabilityZones lists 2 Availability Zones, but ReplicaCount is 1`]);
  assert.deepEqual(rule({ Slots: '16383-8192' }), [`node-group-slots: ${J}Slots 16383-8192 starts after it ends`]);
  assert.deepEqual(rule({ Slots: '8192-16384' }), [`node-group-slots: ${J}Slots 8192-16384 goes past slot 16383`]);
  assert.deepEqual(rule({ Slots: 'all' }), [`node-group-slots: ${J}Slots is 'all', not a slot range`]);
  assert.deepEqual(rule({ NodeGroupId: 'abc' }), [`node-group-id: ${J}NodeGroupId is 'abc', not a node group ID`]);
  // Query: the name as written.
  const N2 = 'NodeGroupConfiguration.NodeGroupConfiguration.2.';
  const q = `${RG}&${NG}Slots=0-8191&${N2}Slots=16383-8192&${N2}ReplicaCount=9&${N2}NodeGroupId=abc`;
  assert.deepEqual(heads(q, 'query').filter((h) => h.startsWith('node-group')), [`node-group-id: ${N2}NodeGroupId is 'abc', not a node group ID`, `node-group-replicas: ${N2}ReplicaCount must be between 0 and 5`, `node-group-slots: ${N2}Slots 16383-8192 starts after it ends`]);
  const qAzs = `${RG}&${NG}ReplicaCount=2&${NG}ReplicaAvailabilityZones.AvailabilityZone.1=us-east-1a`;
  assert.deepEqual(heads(qAzs, 'query').filter((h) => h.startsWith('node-group')), [`node-group-azs: ${NG}ReplicaAvailabilityZones lists 1 Availability Zone, but ReplicaCount is 2`]);
  // Clean: two valid node groups.
  assert.deepEqual(rule({}), []);
  assert.deepEqual(heads(`${RG}&${NG}Slots=0-8191&${N2}Slots=8192-16383&${N2}ReplicaCount=1&${N2}NodeGroupId=0002`, 'query').filter((h) => h.startsWith('node-group')), []);
});

test('tag key and value length messages name the tag (rule tags)', () => {
  const long = (n: number) => 'k'.repeat(n);
  const q = `Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&Tags.Tag.1.Key=team&Tags.Tag.2.Key=${long(129)}&Tags.Tag.2.Value=${long(257)}`;
  assert.deepEqual(heads(q, 'query').filter((h) => h.startsWith('tags')), ['tags: Tags.Tag.2.Key is 129 characters long', 'tags: Tags.Tag.2.Value is 257 characters long']);
  const json = JSON.stringify({ CacheClusterId: 'a', Engine: 'redis', Tags: [{ Key: 'team' }, { Key: long(129), Value: long(257) }] });
  assert.deepEqual(heads(json, 'json').filter((h) => h.startsWith('tags')), ['tags: Tags (item 2).Key is 129 characters long', 'tags: Tags (item 2).Value is 257 characters long']);
  // Clean: a key and value at the limits.
  assert.deepEqual(heads(JSON.stringify({ CacheClusterId: 'a', Engine: 'redis', Tags: [{ Key: long(128), Value: long(256) }] }), 'json'), []);
});

test('a reserved aws: tag key prefix names the tag and says what to do (rule tags)', () => {
  const messages = (text: string, kind: DocumentKind) => analyze(text, kind).findings.filter((f) => f.code === 'tags').map((f) => f.message);
  const says = (name: string) => `${name} starts with 'aws:', a prefix reserved for AWS use: choose a key without it.`;
  const q = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&Tags.Tag.1.Key=team&Tags.Tag.2.Key=aws:owner';
  assert.deepEqual(messages(q, 'query'), [says('Tags.Tag.2.Key')]);
  assert.deepEqual(messages(JSON.stringify({ CacheClusterId: 'a', Engine: 'redis', Tags: [{ Key: 'team' }, { Key: 'aws:owner' }] }), 'json'), [says('Tags (item 2).Key')]);
  assert.deepEqual(messages('CacheClusterId: a\nEngine: redis\nTags:\n  - Key: team\n  - Key: aws:owner\n', 'yaml'), [says('Tags (item 2).Key')]);
  // Clean: 'aws:' inside a key, and another case: the tagging page (Tag restrictions) reserves the lowercase prefix
  // and says tag keys are case-sensitive.
  assert.deepEqual(messages(JSON.stringify({ CacheClusterId: 'a', Engine: 'redis', Tags: [{ Key: 'team-aws:x' }, { Key: 'AWS:owner' }] }), 'json'), []);
});
