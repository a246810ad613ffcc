// CreateReplicationGroup semantics in the Query form: the member rules it shares with CreateCacheCluster (one
// implementation, rules.ts) and its own members. Each rule: a hit and a clean case; then realistic clean requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, checkCreateReplicationGroup, validateReplicationGroupId } from '../../server/src/service/index';
import { parseJsonDocument, parseYamlDocument } from '../../server/src/service/documentParsers';
import { locate } from '../../server/src/service/shapeCheck';
import { applyEdits, body, codes, findingsAt } from './helpers';

type Members = Record<string, string | number | boolean>;
const base: Members = { ReplicationGroupId: 'checkout', ReplicationGroupDescription: 'Checkout cache', Engine: 'valkey', EngineVersion: '8.0', CacheNodeType: 'cache.r7g.large' };
const redis: Members = { ...base, Engine: 'redis', EngineVersion: '7.1' };
const vpc: Members = { CacheSubnetGroupName: 'my-subnets' };
/** A CreateReplicationGroup form body. */
const rg = (members: Members) => body({ Action: 'CreateReplicationGroup', ...base, ...members });
/** The same as a URL to the us-west-2 endpoint (for the Region checks). */
const url = (members: Members) => `https://elasticache.us-west-2.amazonaws.com/?${rg(members)}`;
const sg = 'sg-0123456789abcdef0';
/** Query prefix of a NodeGroupConfiguration item member (the model's locationName for the list items). */
const NG = 'NodeGroupConfiguration.NodeGroupConfiguration.';
/** A cluster-mode-enabled replication group (several node groups allowed). */
const clusterModeOn: Members = { CacheParameterGroupName: 'default.valkey8.cluster.on', AutomaticFailoverEnabled: true };
/** Two node groups with the given Slots. */
const slots2 = (a: string, b: string): Members => ({ [`${NG}1.Slots`]: a, [`${NG}2.Slots`]: b });
const kmsKey = 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** [rule code, members that hit it, members of a request without any finding] */
const cases: [string, Members, Members][] = [
  // Shared with CreateCacheCluster
  ['invalid-engine', { Engine: 'memcached', EngineVersion: '1.6.22' }, {}],
  ['invalid-engine', { Engine: 'valkee' }, {}],
  ['engine-case', { Engine: 'Valkey' }, {}],
  ['engine-version', { EngineVersion: '7.1' }, { EngineVersion: '7.2' }],
  ['engine-version', { EngineVersion: 'latest' }, {}],
  ['engine-version-support', { ...redis, EngineVersion: '3.2.10', CacheNodeType: 'cache.r5.large' }, redis],
  ['engine-version-support', { ...redis, EngineVersion: '5.0.6' }, { ...redis, EngineVersion: '6.2' }],
  ['parameter-group-family', { CacheParameterGroupName: 'default.redis7' }, { CacheParameterGroupName: 'default.valkey8' }],
  ['parameter-group-family', { ...redis, CacheParameterGroupName: 'default.redis6.x.cluster.on', AutomaticFailoverEnabled: true }, { ...redis, CacheParameterGroupName: 'default.redis7.cluster.on', AutomaticFailoverEnabled: true }],
  ['parameter-group-family', { CacheParameterGroupName: 'default.valkey9' }, { CacheParameterGroupName: 'my-custom-group' }],
  ['invalid-node-type', { CacheNodeType: 'r7g.large' }, {}],
  ['unknown-node-type', { CacheNodeType: 'cache.r99.large' }, {}],
  ['previous-generation-node-type', { CacheNodeType: 'cache.m3.medium' }, { CacheNodeType: 'cache.m7g.large' }],
  ['node-type-engine-version', { ...redis, EngineVersion: '4.0.10', CacheNodeType: 'cache.r6g.large' }, { ...redis, CacheNodeType: 'cache.r6g.large' }],
  ['maintenance-window', { PreferredMaintenanceWindow: 'sunday:23:00-mon:01:30' }, { PreferredMaintenanceWindow: 'sun:23:00-mon:01:30' }],
  ['maintenance-window', { PreferredMaintenanceWindow: 'sun:23:00-sun:23:30' }, { PreferredMaintenanceWindow: 'sat:23:30-sun:00:30' }],
  ['snapshot-window', { SnapshotWindow: '5:00-9:00' }, { SnapshotWindow: '05:00-09:00' }],
  ['window-overlap', { PreferredMaintenanceWindow: 'sun:04:00-sun:06:00', SnapshotWindow: '05:00-07:00' }, { PreferredMaintenanceWindow: 'sun:04:00-sun:05:00', SnapshotWindow: '05:00-07:00' }],
  ['snapshot-retention', { SnapshotRetentionLimit: 36 }, { SnapshotRetentionLimit: 35 }],
  ['port-range', { Port: 70000 }, { Port: 6380 }],
  ['snapshot-arn', { 'SnapshotArns.SnapshotArn.1': 'arn:aws:s3:::my-bucket' }, { 'SnapshotArns.SnapshotArn.1': 'arn:aws:s3:::my-bucket/shard-1.rdb' }],
  // Several RDB files are fine here (one per node group), unlike CreateCacheCluster.
  ['snapshot-arn', { 'SnapshotArns.SnapshotArn.1': 'arn:aws:s3:::my-bucket/a,b.rdb' }, { 'SnapshotArns.SnapshotArn.1': 'arn:aws:s3:::my-bucket/shard-1.rdb', 'SnapshotArns.SnapshotArn.2': 'arn:aws:s3:::my-bucket/shard-2.rdb' }],
  ['sns-topic-arn', { NotificationTopicArn: 'arn:aws:sns:us-west-2:1234:ops' }, { NotificationTopicArn: 'arn:aws:sns:us-west-2:123456789012:ops' }],
  ['transit-encryption-subnet-group', { TransitEncryptionEnabled: true }, { TransitEncryptionEnabled: true, ...vpc }],
  ['transit-encryption-version', { ...redis, EngineVersion: '3.2.4', CacheNodeType: 'cache.r5.large', TransitEncryptionEnabled: true, ...vpc }, { ...redis, TransitEncryptionEnabled: true, ...vpc }],
  ['auth-token-requires-transit-encryption', { AuthToken: 'correct-horse-battery-staple' }, { AuthToken: 'correct-horse-battery-staple', TransitEncryptionEnabled: true, ...vpc }],
  ['invalid-auth-token', { AuthToken: 'short', TransitEncryptionEnabled: true, ...vpc }, { AuthToken: 'correct-horse-battery-staple', TransitEncryptionEnabled: true, ...vpc }],
  ['invalid-auth-token', { AuthToken: 'correct horse battery staple', TransitEncryptionEnabled: true, ...vpc }, { AuthToken: 'correct-horse-battery-staple', TransitEncryptionEnabled: true, ...vpc }],
  [
    'log-delivery-version',
    { ...redis, EngineVersion: '5.0.6', 'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.LogType': 'slow-log' },
    { ...redis, 'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.LogType': 'slow-log' },
  ],
  [
    'log-delivery-destination',
    { 'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.LogType': 'slow-log', 'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.DestinationType': 'kinesis-firehose', 'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.DestinationDetails.CloudWatchLogsDetails.LogGroup': 'logs' },
    { 'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.LogType': 'slow-log', 'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.DestinationType': 'cloudwatch-logs', 'LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.DestinationDetails.CloudWatchLogsDetails.LogGroup': 'logs' },
  ],
  ['network-type-version', { ...redis, EngineVersion: '6.0', NetworkType: 'dual_stack' }, { ...redis, NetworkType: 'dual_stack' }],
  ['network-type-version', { ...redis, EngineVersion: '6.0', IpDiscovery: 'ipv6' }, { IpDiscovery: 'ipv6' }],
  ['tags', { 'Tags.Tag.1.Key': 'aws:team', 'Tags.Tag.1.Value': 'payments' }, { 'Tags.Tag.1.Key': 'team', 'Tags.Tag.1.Value': 'payments' }],
  ['tags', { 'Tags.Tag.1.Value': 'payments' }, { 'Tags.Tag.1.Key': 'team' }],
  ['security-group-id', { 'SecurityGroupIds.SecurityGroupId.1': 'my-group' }, { 'SecurityGroupIds.SecurityGroupId.1': sg }],
  ['invalid-availability-zone', { NumCacheClusters: 2, 'PreferredCacheClusterAZs.AvailabilityZone.1': 'us-west-2a', 'PreferredCacheClusterAZs.AvailabilityZone.2': 'us-west' }, { NumCacheClusters: 2, 'PreferredCacheClusterAZs.AvailabilityZone.1': 'us-west-2a', 'PreferredCacheClusterAZs.AvailabilityZone.2': 'us-west-2b' }],
  ['availability-zone-region', { NumCacheClusters: 2, 'PreferredCacheClusterAZs.AvailabilityZone.1': 'us-west-2a', 'PreferredCacheClusterAZs.AvailabilityZone.2': 'us-east-1a' }, { NumCacheClusters: 2, 'PreferredCacheClusterAZs.AvailabilityZone.1': 'us-west-2a', 'PreferredCacheClusterAZs.AvailabilityZone.2': 'us-west-2a' }],
  // CreateReplicationGroup's own members
  ['invalid-replication-group-id', { ReplicationGroupId: 'a'.repeat(41) }, { ReplicationGroupId: 'a'.repeat(40) }],
  ['invalid-replication-group-id', { ReplicationGroupId: '1checkout' }, { ReplicationGroupId: 'checkout-1' }],
  ['invalid-replication-group-id', { ReplicationGroupId: 'check--out' }, { ReplicationGroupId: 'check-out' }],
  ['invalid-replication-group-id', { ReplicationGroupId: 'checkout-' }, {}],
  ['replication-group-id-case', { ReplicationGroupId: 'Checkout' }, {}],
  ['az-count', { NumCacheClusters: 3, 'PreferredCacheClusterAZs.AvailabilityZone.1': 'us-west-2a', 'PreferredCacheClusterAZs.AvailabilityZone.2': 'us-west-2b' }, { NumCacheClusters: 3, 'PreferredCacheClusterAZs.AvailabilityZone.1': 'us-west-2a', 'PreferredCacheClusterAZs.AvailabilityZone.2': 'us-west-2b', 'PreferredCacheClusterAZs.AvailabilityZone.3': 'us-west-2b' }],
  ['replication-group-nodes', { ReplicasPerNodeGroup: 6 }, { ReplicasPerNodeGroup: 5 }],
  ['at-rest-encryption-version', { ...redis, EngineVersion: '3.2.4', CacheNodeType: 'cache.r5.large', AtRestEncryptionEnabled: true }, { ...redis, AtRestEncryptionEnabled: true }],
  ['multi-az-failover', { MultiAZEnabled: true, NumCacheClusters: 2 }, { MultiAZEnabled: true, AutomaticFailoverEnabled: true, NumCacheClusters: 2 }],
  ['data-tiering', { CacheNodeType: 'cache.r6gd.xlarge' }, { CacheNodeType: 'cache.r6gd.xlarge', DataTieringEnabled: true }],
  ['data-tiering', { DataTieringEnabled: true }, { DataTieringEnabled: false }],
  // NodeGroupConfiguration (list of structures: NodeGroupConfiguration.NodeGroupConfiguration.N.Member)
  ['node-group-id', { [`${NG}1.NodeGroupId`]: 'a1' }, { [`${NG}1.NodeGroupId`]: '0001' }],
  ['node-group-id', { [`${NG}1.NodeGroupId`]: '00001' }, { [`${NG}1.NodeGroupId`]: '7' }],
  ['node-group-replicas', { [`${NG}1.ReplicaCount`]: 6 }, { [`${NG}1.ReplicaCount`]: 5 }],
  ['node-group-replicas', { [`${NG}1.ReplicaCount`]: -1 }, { [`${NG}1.ReplicaCount`]: 0 }],
  ['node-group-azs', { [`${NG}1.ReplicaCount`]: 2, [`${NG}1.ReplicaAvailabilityZones.AvailabilityZone.1`]: 'us-west-2b' }, { [`${NG}1.ReplicaCount`]: 2, [`${NG}1.ReplicaAvailabilityZones.AvailabilityZone.1`]: 'us-west-2b', [`${NG}1.ReplicaAvailabilityZones.AvailabilityZone.2`]: 'us-west-2b' }],
  // Without ReplicaCount, the node group has ReplicasPerNodeGroup replicas.
  ['node-group-azs', { ReplicasPerNodeGroup: 1, [`${NG}1.ReplicaAvailabilityZones.AvailabilityZone.1`]: 'us-west-2b', [`${NG}1.ReplicaAvailabilityZones.AvailabilityZone.2`]: 'us-west-2c' }, { ReplicasPerNodeGroup: 1, [`${NG}1.ReplicaAvailabilityZones.AvailabilityZone.1`]: 'us-west-2b' }],
  ['invalid-availability-zone', { [`${NG}1.PrimaryAvailabilityZone`]: 'us-west-2' }, { [`${NG}1.PrimaryAvailabilityZone`]: 'us-west-2a' }],
  ['availability-zone-region', { [`${NG}1.PrimaryAvailabilityZone`]: 'us-west-2a', [`${NG}1.ReplicaCount`]: 1, [`${NG}1.ReplicaAvailabilityZones.AvailabilityZone.1`]: 'eu-west-1a' }, { [`${NG}1.PrimaryAvailabilityZone`]: 'us-west-2a', [`${NG}1.ReplicaCount`]: 1, [`${NG}1.ReplicaAvailabilityZones.AvailabilityZone.1`]: 'us-west-2b' }],
  ['node-group-slots', { [`${NG}1.Slots`]: '0:16383' }, { [`${NG}1.Slots`]: '0-16383' }],
  ['node-group-slots', { [`${NG}1.Slots`]: '0-16384' }, { [`${NG}1.Slots`]: '0-16383' }],
  ['node-group-slots', { [`${NG}1.Slots`]: '9000-100' }, {}],
  ['node-group-slots', { ...clusterModeOn, ...slots2('0-8191', '8000-16383') }, { ...clusterModeOn, ...slots2('0-8191', '8192-16383') }],
  ['node-group-slots', { ...clusterModeOn, ...slots2('0-8000', '8192-16383') }, { ...clusterModeOn, ...slots2('0-8191', '8192-16383') }],
  // Single-shard members with several node groups (NumNodeGroups or NodeGroupConfiguration items).
  ['single-shard-parameter', { ...clusterModeOn, NumNodeGroups: 2, NumCacheClusters: 2 }, { ...clusterModeOn, NumNodeGroups: 2, ReplicasPerNodeGroup: 1 }],
  ['single-shard-parameter', { ...clusterModeOn, ...slots2('0-8191', '8192-16383'), 'PreferredCacheClusterAZs.AvailabilityZone.1': 'us-west-2a' }, { ...clusterModeOn, ...slots2('0-8191', '8192-16383'), [`${NG}1.PrimaryAvailabilityZone`]: 'us-west-2a' }],
  ['replication-group-shards', { ...redis, AutomaticFailoverEnabled: true, CacheParameterGroupName: 'default.redis7', ...slots2('0-8191', '8192-16383') }, { ...redis, AutomaticFailoverEnabled: true, CacheParameterGroupName: 'default.redis7.cluster.on', ...slots2('0-8191', '8192-16383') }],
  ['node-group-count', { ...clusterModeOn, NumNodeGroups: 3, ...slots2('0-8191', '8192-16383') }, { ...clusterModeOn, NumNodeGroups: 2, ...slots2('0-8191', '8192-16383') }],
  ['seed-slots', { ...clusterModeOn, NumNodeGroups: 2, 'SnapshotArns.SnapshotArn.1': 'arn:aws:s3:::my-bucket/dump.rdb' }, { ...clusterModeOn, NumNodeGroups: 2, 'SnapshotArns.SnapshotArn.1': 'arn:aws:s3:::my-bucket/dump.rdb', ...slots2('0-8191', '8192-16383') }],
  ['seed-slots', { ...clusterModeOn, 'SnapshotArns.SnapshotArn.1': 'arn:aws:s3:::my-bucket/dump.rdb', [`${NG}1.Slots`]: '0-8191', [`${NG}2.ReplicaCount`]: 1 }, { ...clusterModeOn, 'SnapshotArns.SnapshotArn.1': 'arn:aws:s3:::my-bucket/dump.rdb', [`${NG}1.Slots`]: '0-8191', [`${NG}2.Slots`]: '8192-16383' }],
  // KmsKeyId and UserGroupIds
  ['kms-key-at-rest', { ...redis, KmsKeyId: kmsKey }, { ...redis, KmsKeyId: kmsKey, AtRestEncryptionEnabled: true }],
  ['kms-key-at-rest', { KmsKeyId: kmsKey, AtRestEncryptionEnabled: false }, { KmsKeyId: kmsKey }],
  ['user-group-id', { 'UserGroupIds.member.1': 'app_users' }, { 'UserGroupIds.member.1': 'app-users' }],
  ['user-group-version', { ...redis, EngineVersion: '5.0.6', 'UserGroupIds.member.1': 'app-users' }, { ...redis, EngineVersion: '6.0', 'UserGroupIds.member.1': 'app-users' }],
  ['user-group-auth-token', { AuthToken: 'correct-horse-battery-staple', TransitEncryptionEnabled: true, ...vpc, 'UserGroupIds.member.1': 'app-users' }, { TransitEncryptionEnabled: true, ...vpc, 'UserGroupIds.member.1': 'app-users' }],
];

test('each CreateReplicationGroup rule: a hit, and a clean request close to it', () => {
  for (const [code, hit, clean] of cases) {
    const label = `${code}: ${JSON.stringify(hit)}`;
    assert.ok(codes(url(hit), 'query').includes(code), label);
    // A request with an AuthToken always carries the auth-token-in-file warning (a secret in source).
    const cleanCodes = codes(url(clean), 'query').filter((c) => c !== 'auth-token-in-file');
    assert.deepEqual(cleanCodes, [], `${code} clean: ${JSON.stringify(clean)}`);
  }
});

test('Engine: Memcached is not a CreateReplicationGroup engine; a typo is fixed to a Valkey/Redis OSS engine', () => {
  const mc = findingsAt(rg({ Engine: 'memcached' }), 'query').find((f) => f.code === 'invalid-engine')!;
  assert.equal(mc.at, 'memcached');
  assert.equal(mc.finding.message, 'CreateReplicationGroup does not support Memcached: Engine must be valkey or redis (create Memcached clusters with CreateCacheCluster).');
  assert.equal(mc.finding.fixes, undefined);
  // No Memcached-only follow-up findings (version, node type) once the engine is wrong.
  assert.deepEqual(codes(rg({ Engine: 'memcached', EngineVersion: '1.6.22' }), 'query'), ['invalid-engine']);
  const typo = analyze(rg({ Engine: 'valkee' }), 'query').findings.find((f) => f.code === 'invalid-engine')!;
  assert.equal(typo.message, "Engine must be one of valkey, redis, not 'valkee'. Did you mean valkey?");
  assert.deepEqual(codes(applyEdits(rg({ Engine: 'valkee' }), typo.fixes![0].edits), 'query'), []);
  const upper = analyze(rg({ Engine: 'Redis', EngineVersion: '7.1' }), 'query').findings.find((f) => f.code === 'engine-case')!;
  assert.deepEqual(codes(applyEdits(rg({ Engine: 'Redis', EngineVersion: '7.1' }), upper.fixes![0].edits), 'query'), []);
});

test('parameter-group-family: cluster mode is allowed, and the fix keeps it', () => {
  const q = rg({ ...redis, CacheParameterGroupName: 'default.redis6.x.cluster.on', AutomaticFailoverEnabled: true, NumNodeGroups: 2 });
  const f = analyze(q, 'query').findings.find((x) => x.code === 'parameter-group-family')!;
  assert.match(f.message, /needs a redis7 parameter group \(default\.redis7\.cluster\.on\)/);
  assert.equal(f.fixes![0].edits[0].newText, 'default.redis7.cluster.on');
  assert.deepEqual(codes(applyEdits(q, f.fixes![0].edits), 'query'), []);
  // No cluster-mode-parameter-group finding: that one is CreateCacheCluster's.
  assert.deepEqual(codes(rg({ CacheParameterGroupName: 'default.valkey8.cluster.on', AutomaticFailoverEnabled: true, NumNodeGroups: 3, ReplicasPerNodeGroup: 1 }), 'query'), []);
  // Redis OSS 2.8 has no cluster-mode default group.
  const old = findingsAt(rg({ ...redis, EngineVersion: '2.8.24', CacheNodeType: 'cache.r5.large', CacheParameterGroupName: 'default.redis2.8.cluster.on', AutomaticFailoverEnabled: true, NumNodeGroups: 2 }), 'query');
  assert.match(old.find((x) => x.code === 'parameter-group-family')!.finding.message, /redis2\.8 family has no cluster-mode default group \(cluster mode needs Redis OSS 3\.2 or later, or Valkey\)/);
  // Engine of another family: the fix names the engine version's own family, with cluster mode kept.
  const other = analyze(rg({ CacheParameterGroupName: 'default.redis7.cluster.on', AutomaticFailoverEnabled: true, NumNodeGroups: 2 }), 'query').findings.find((x) => x.code === 'parameter-group-family')!;
  assert.equal(other.fixes![0].edits[0].newText, 'default.valkey8.cluster.on');
});

test('ReplicationGroupId: 1-40 characters, named rules, lowercase hint with a fix', () => {
  assert.equal(validateReplicationGroupId('a'.repeat(40)), undefined);
  assert.equal(validateReplicationGroupId('a'.repeat(41)), 'A replication group ID must be at most 40 characters long (it has 41).');
  assert.equal(validateReplicationGroupId('1a--'), 'A replication group ID must begin with a letter, not contain two consecutive hyphens and not end with a hyphen.');
  const f = findingsAt(rg({ ReplicationGroupId: 'Checkout' }), 'query').find((x) => x.code === 'replication-group-id-case')!;
  assert.equal(f.at, 'Checkout');
  assert.equal(f.severity, 'hint');
  assert.deepEqual(codes(applyEdits(rg({ ReplicationGroupId: 'Checkout' }), f.finding.fixes![0].edits), 'query'), []);
});

test('PreferredCacheClusterAZs: the count must equal NumCacheClusters when it is given and used', () => {
  const azs = { 'PreferredCacheClusterAZs.AvailabilityZone.1': 'us-west-2a', 'PreferredCacheClusterAZs.AvailabilityZone.2': 'us-west-2b' };
  const f = findingsAt(rg({ NumCacheClusters: 3, ...azs }), 'query').find((x) => x.code === 'az-count')!;
  assert.equal(f.at, 'PreferredCacheClusterAZs');
  assert.match(f.finding.message, /lists 2 Availability Zones, but NumCacheClusters is 3/);
  assert.deepEqual(codes(rg(azs), 'query'), [], 'no NumCacheClusters: no count to compare with');
  assert.ok(!codes(rg({ NumCacheClusters: 3, NumNodeGroups: 2, ...azs }), 'query').includes('az-count'), 'not used with several node groups');
  // The Region of the zones against the endpoint's Region.
  const region = findingsAt(url({ NumCacheClusters: 2, 'PreferredCacheClusterAZs.AvailabilityZone.1': 'eu-west-1a', 'PreferredCacheClusterAZs.AvailabilityZone.2': 'eu-west-1b' }), 'query');
  assert.deepEqual(region.map((x) => [x.code, x.at]), [['availability-zone-region', 'eu-west-1a'], ['availability-zone-region', 'eu-west-1b']]);
});

test('multi-az-failover: a warning on MultiAZEnabled, with a fix when AutomaticFailoverEnabled is written false', () => {
  const alone = findingsAt(rg({ MultiAZEnabled: true, NumCacheClusters: 2 }), 'query');
  assert.deepEqual(alone.map((x) => [x.code, x.severity, x.at]), [['multi-az-failover', 'warning', 'MultiAZEnabled']]);
  const off = rg({ MultiAZEnabled: true, AutomaticFailoverEnabled: false, NumCacheClusters: 2 });
  const f = findingsAt(off, 'query').find((x) => x.code === 'multi-az-failover')!;
  assert.equal(f.at, 'false');
  assert.deepEqual(codes(applyEdits(off, f.finding.fixes![0].edits), 'query'), []);
  assert.deepEqual(codes(rg({ MultiAZEnabled: false }), 'query'), []);
});

test('at-rest encryption: Redis OSS 3.2.6 or 4.x and later; Valkey always', () => {
  const r = { ...redis, CacheNodeType: 'cache.r5.large', AtRestEncryptionEnabled: true };
  const hit = findingsAt(rg({ ...r, EngineVersion: '3.2.4' }), 'query').find((x) => x.code === 'at-rest-encryption-version')!;
  assert.equal(hit.at, 'AtRestEncryptionEnabled');
  assert.equal(hit.severity, 'error');
  assert.equal(hit.finding.message, 'Encryption at rest needs Redis OSS 3.2.6, 4.x or later (EngineVersion is 3.2.4).');
  assert.ok(!codes(rg({ ...r, EngineVersion: '3.2.6' }), 'query').includes('at-rest-encryption-version'));
  assert.ok(!codes(rg({ ...r, EngineVersion: '4.0.10' }), 'query').includes('at-rest-encryption-version'));
  assert.ok(!codes(rg({ ...r, EngineVersion: '3.2.4', AtRestEncryptionEnabled: false }), 'query').includes('at-rest-encryption-version'));
  assert.deepEqual(codes(rg({ AtRestEncryptionEnabled: true }), 'query'), []);
});

test('data-tiering: r6gd nodes need DataTieringEnabled=true; other node types cannot use it', () => {
  const off = rg({ CacheNodeType: 'cache.r6gd.xlarge', DataTieringEnabled: false });
  const f = findingsAt(off, 'query').find((x) => x.code === 'data-tiering')!;
  assert.equal(f.at, 'false');
  assert.deepEqual(codes(applyEdits(off, f.finding.fixes![0].edits), 'query'), []);
  assert.equal(findingsAt(rg({ CacheNodeType: 'cache.r6gd.xlarge' }), 'query').find((x) => x.code === 'data-tiering')!.at, 'cache.r6gd.xlarge');
  assert.equal(findingsAt(rg({ DataTieringEnabled: true }), 'query').find((x) => x.code === 'data-tiering')!.at, 'DataTieringEnabled');
});

test('AuthToken in a CreateReplicationGroup request: never echoed, and a secret in source', () => {
  const token = 'bad token with spaces!';
  const found = analyze(rg({ AuthToken: token, TransitEncryptionEnabled: true, ...vpc }), 'query').findings;
  assert.deepEqual(found.map((f) => f.code), ['auth-token-in-file', 'invalid-auth-token']);
  for (const f of found) assert.ok(!f.message.includes(token));
});

test('the SDK-level function works on partial inputs and takes the endpoint Region', () => {
  assert.deepEqual(checkCreateReplicationGroup({}), []);
  assert.deepEqual(checkCreateReplicationGroup({ NotificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops' }, { region: 'us-west-2' }).map((i) => [i.code, i.message]), [
    ['sns-topic-arn', 'The SNS topic is in us-east-1, but the replication group is created in us-west-2.'],
  ]);
});

const SIGNED = [
  '    &Version=2015-02-02',
  '    &X-Amz-Algorithm=AWS4-HMAC-SHA256',
  '    &X-Amz-Credential=AKIDEXAMPLE%2F20250508%2Fus-west-2%2Felasticache%2Faws4_request',
  '    &X-Amz-Date=20250508T220302Z',
  '    &X-Amz-Expires=300',
  '    &X-Amz-SignedHeaders=host',
  '    &X-Amz-Signature=' + 'ab'.repeat(32),
  '',
];

test('a realistic cluster-mode-disabled replication group (primary plus 2 replicas, Multi-AZ) has no findings', () => {
  const text = [
    'https://elasticache.us-west-2.amazonaws.com/',
    '    ?Action=CreateReplicationGroup',
    '    &ReplicationGroupId=checkout-cache',
    '    &ReplicationGroupDescription=Checkout%20session%20cache',
    '    &Engine=valkey',
    '    &EngineVersion=8.0',
    '    &CacheNodeType=cache.r7g.large',
    '    &CacheParameterGroupName=default.valkey8',
    '    &NumCacheClusters=3',
    '    &AutomaticFailoverEnabled=true',
    '    &MultiAZEnabled=true',
    '    &PreferredCacheClusterAZs.AvailabilityZone.1=us-west-2a',
    '    &PreferredCacheClusterAZs.AvailabilityZone.2=us-west-2b',
    '    &PreferredCacheClusterAZs.AvailabilityZone.3=us-west-2c',
    '    &CacheSubnetGroupName=checkout-subnets',
    `    &SecurityGroupIds.SecurityGroupId.1=${sg}`,
    '    &TransitEncryptionEnabled=true',
    '    &AtRestEncryptionEnabled=true',
    '    &Port=6379',
    '    &PreferredMaintenanceWindow=sun%3A23%3A00-mon%3A01%3A30',
    '    &SnapshotWindow=05%3A00-06%3A00',
    '    &SnapshotRetentionLimit=7',
    '    &NotificationTopicArn=arn%3Aaws%3Asns%3Aus-west-2%3A123456789012%3Acache-events',
    '    &LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.LogType=slow-log',
    '    &LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.DestinationType=cloudwatch-logs',
    '    &LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.DestinationDetails.CloudWatchLogsDetails.LogGroup=checkout-slow-log',
    '    &LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.LogFormat=json',
    '    &Tags.Tag.1.Key=team',
    '    &Tags.Tag.1.Value=payments',
    ...SIGNED,
  ].join('\n');
  const r = analyze(text, 'query');
  assert.deepEqual(r.findings, []);
  assert.equal(r.requests[0].input.NumCacheClusters, 3);
  assert.deepEqual(r.requests[0].input.PreferredCacheClusterAZs, ['us-west-2a', 'us-west-2b', 'us-west-2c']);
});

test('a realistic cluster-mode-enabled replication group (3 shards, 2 replicas each) has no findings', () => {
  const text = [
    'https://elasticache.us-west-2.amazonaws.com/',
    '    ?Action=CreateReplicationGroup',
    '    &ReplicationGroupId=sessions',
    '    &ReplicationGroupDescription=Session%20store',
    '    &Engine=redis',
    '    &EngineVersion=7.1',
    '    &CacheNodeType=cache.m7g.large',
    '    &CacheParameterGroupName=default.redis7.cluster.on',
    '    &NumNodeGroups=3',
    '    &ReplicasPerNodeGroup=2',
    '    &AutomaticFailoverEnabled=true',
    '    &MultiAZEnabled=true',
    '    &CacheSubnetGroupName=sessions-subnets',
    `    &SecurityGroupIds.SecurityGroupId.1=${sg}`,
    '    &TransitEncryptionEnabled=true',
    '    &AtRestEncryptionEnabled=true',
    '    &NetworkType=dual_stack',
    '    &IpDiscovery=ipv6',
    '    &SnapshotRetentionLimit=1',
    '    &Tags.Tag.1.Key=service',
    '    &Tags.Tag.1.Value=sessions',
    ...SIGNED,
  ].join('\n');
  const r = analyze(text, 'query');
  assert.deepEqual(r.findings, []);
  assert.equal(r.requests[0].input.NumNodeGroups, 3);
});

test('replication-group-shards: several node groups need a cluster-mode parameter group', () => {
  const sharded = { ...redis, NumNodeGroups: 3, ReplicasPerNodeGroup: 1, AutomaticFailoverEnabled: true };
  const f = findingsAt(rg({ ...sharded, CacheParameterGroupName: 'default.redis7' }), 'query').find((x) => x.code === 'replication-group-shards')!;
  assert.equal(f.at, 'default.redis7');
  assert.equal(f.finding.fixes![0].title, 'Use default.redis7.cluster.on (cluster mode enabled)');
  assert.deepEqual(codes(applyEdits(rg({ ...sharded, CacheParameterGroupName: 'default.redis7' }), f.finding.fixes![0].edits), 'query'), []);
  assert.deepEqual(codes(rg({ ...sharded, CacheParameterGroupName: 'default.redis7.cluster.on' }), 'query'), []);
  // One node group, or no group named (ElastiCache picks the default): nothing to say.
  assert.deepEqual(codes(rg({ ...redis, NumNodeGroups: 1, CacheParameterGroupName: 'default.redis7' }), 'query'), []);
  assert.ok(!codes(rg(sharded), 'query').includes('replication-group-shards'));
  // A custom group may enable cluster mode under any name: nothing to say.
  assert.ok(!codes(rg({ ...sharded, CacheParameterGroupName: 'my-params' }), 'query').includes('replication-group-shards'));
});

test('single-shard-parameter: NumCacheClusters and PreferredCacheClusterAZs with several node groups are a warning on the name, saying what to use', () => {
  // API reference, CreateReplicationGroup: "This parameter is not used if there is more than one node group (shard)."
  const azs = { 'PreferredCacheClusterAZs.AvailabilityZone.1': 'us-west-2a', 'PreferredCacheClusterAZs.AvailabilityZone.2': 'us-west-2b' };
  const found = findingsAt(rg({ ...clusterModeOn, NumNodeGroups: 3, NumCacheClusters: 2, ...azs }), 'query');
  assert.deepEqual(found.map((x) => [x.code, x.severity, x.at]), [
    ['single-shard-parameter', 'warning', 'NumCacheClusters'],
    ['single-shard-parameter', 'warning', 'PreferredCacheClusterAZs'],
  ]);
  assert.equal(found[0].finding.message, "NumCacheClusters is not used with several node groups (NumNodeGroups 3), so it has no effect: give the replicas of each node group with ReplicasPerNodeGroup (or NodeGroupConfiguration's ReplicaCount), and remove NumCacheClusters.");
  assert.equal(found[1].finding.message, "PreferredCacheClusterAZs is not used with several node groups (NumNodeGroups 3), so it has no effect: give each node group's zones in NodeGroupConfiguration (PrimaryAvailabilityZone, ReplicaAvailabilityZones), and remove PreferredCacheClusterAZs.");
  // Several NodeGroupConfiguration items count as several node groups too.
  const items = findingsAt(rg({ ...clusterModeOn, NumCacheClusters: 2, ...slots2('0-8191', '8192-16383') }), 'query');
  assert.deepEqual(items.map((x) => [x.code, x.at]), [['single-shard-parameter', 'NumCacheClusters']]);
  assert.match(items[0].finding.message, /\(NodeGroupConfiguration with 2 node groups\)/);
  // One node group: they are used.
  assert.deepEqual(codes(rg({ NumNodeGroups: 1, NumCacheClusters: 2, ...azs }), 'query'), []);
  assert.deepEqual(codes(rg({ NumCacheClusters: 2, [`${NG}1.Slots`]: '0-16383' }), 'query'), []);
});

test('replication-group-nodes and az-count: one NodeGroupConfiguration item is one node group, where NumCacheClusters is used and checked', () => {
  // API reference, CreateReplicationGroup: NumCacheClusters and PreferredCacheClusterAZs are "not used if there is more
  // than one node group (shard)"; one item is one node group, so their documented limits apply beside it.
  const one = { [`${NG}1.Slots`]: '0-16383' };
  const failover = findingsAt(rg({ ...one, AutomaticFailoverEnabled: true, NumCacheClusters: 1 }), 'query');
  assert.deepEqual(failover.map((x) => [x.code, x.severity, x.at]), [['replication-group-nodes', 'error', '1']]);
  assert.deepEqual(codes(rg({ ...one, NumCacheClusters: 7 }), 'query'), ['replication-group-nodes']);
  const azs = { 'PreferredCacheClusterAZs.AvailabilityZone.1': 'us-west-2a', 'PreferredCacheClusterAZs.AvailabilityZone.2': 'us-west-2b' };
  assert.deepEqual(codes(rg({ ...one, NumCacheClusters: 3, ...azs }), 'query'), ['az-count']);
  // NumCacheClusters against the node group's own count (ReplicaCount, else ReplicasPerNodeGroup, plus the primary):
  // the reference does not say which one ElastiCache uses, so a warning.
  const counts = findingsAt(rg({ ...one, NumCacheClusters: 3, [`${NG}1.ReplicaCount`]: 1 }), 'query');
  assert.deepEqual(counts.map((x) => [x.code, x.severity, x.at]), [['replication-group-nodes', 'warning', '3']]);
  assert.equal(counts[0].finding.message, 'NumCacheClusters is 3, but the one node group in NodeGroupConfiguration has 2 nodes (its ReplicaCount is 1, plus the primary): give the same count in both, or leave NumCacheClusters out (the API reference does not say which of the two ElastiCache uses).');
  assert.match(findingsAt(rg({ ...one, NumCacheClusters: 3, ReplicasPerNodeGroup: 0 }), 'query')[0].finding.message, /has 1 node \(ReplicasPerNodeGroup is 0, plus the primary\)/);
  // Clean: counts that agree, a node group that gives no count, and several node groups (single-shard-parameter's case).
  assert.deepEqual(codes(rg({ ...one, AutomaticFailoverEnabled: true, NumCacheClusters: 3, [`${NG}1.ReplicaCount`]: 2, ...azs, 'PreferredCacheClusterAZs.AvailabilityZone.3': 'us-west-2c' }), 'query'), []);
  assert.deepEqual(codes(rg({ ...one, NumCacheClusters: 3, ReplicasPerNodeGroup: 2 }), 'query'), []);
  assert.deepEqual(codes(rg({ ...one, NumCacheClusters: 2 }), 'query'), []);
  assert.deepEqual(codes(rg({ ...clusterModeOn, NumCacheClusters: 1, [`${NG}1.ReplicaCount`]: 1, ...slots2('0-8191', '8192-16383') }), 'query'), ['single-shard-parameter']);
});

test('replication-group-shards: several NodeGroupConfiguration items need a cluster-mode parameter group too', () => {
  const twoGroups = { ...redis, AutomaticFailoverEnabled: true, CacheParameterGroupName: 'default.redis7', ...slots2('0-8191', '8192-16383') };
  const f = findingsAt(rg(twoGroups), 'query').find((x) => x.code === 'replication-group-shards')!;
  assert.equal(f.at, 'default.redis7');
  assert.equal(f.finding.message, 'NodeGroupConfiguration with 2 node groups needs cluster mode, but default.redis7 is a cluster-mode-disabled parameter group (cluster mode disabled takes 1 node group).');
  assert.deepEqual(codes(applyEdits(rg(twoGroups), f.finding.fixes![0].edits), 'query'), []);
  // One item: one node group, cluster mode not needed.
  assert.deepEqual(codes(rg({ ...redis, AutomaticFailoverEnabled: true, NumCacheClusters: 2, CacheParameterGroupName: 'default.redis7', [`${NG}1.ReplicaCount`]: 1 }), 'query'), []);
  // NumNodeGroups and the items both say several: one finding, naming NumNodeGroups.
  const both = findingsAt(rg({ ...twoGroups, NumNodeGroups: 2 }), 'query').filter((x) => x.code === 'replication-group-shards');
  assert.equal(both.length, 1);
  assert.match(both[0].finding.message, /^NumNodeGroups 2 needs cluster mode/);
});

/** A request with one finding of each NodeGroupConfiguration, KmsKeyId and UserGroupIds rule, as an SDK input. */
const nodeGroupInput = {
  ReplicationGroupId: 'sessions',
  ReplicationGroupDescription: 'Session store',
  Engine: 'redis',
  EngineVersion: '5.0.6',
  CacheNodeType: 'cache.r7g.large',
  CacheParameterGroupName: 'default.redis5.0.cluster.on',
  AutomaticFailoverEnabled: true,
  NumNodeGroups: 3,
  NodeGroupConfiguration: [
    { NodeGroupId: 'a1', Slots: '0-8191', ReplicaCount: 2, ReplicaAvailabilityZones: ['us-west-2b'] },
    { NodeGroupId: '0002', Slots: '8000-16383', ReplicaCount: 9 },
  ],
  KmsKeyId: kmsKey,
  UserGroupIds: ['app_users'],
};
/** [code, member path, 'name' | 'value', the text the finding must cover] for nodeGroupInput. */
const expectedSpans: [string, (string | number)[], 'name' | 'value', string][] = [
  ['node-group-id', ['NodeGroupConfiguration', 0, 'NodeGroupId'], 'value', 'a1'],
  ['node-group-azs', ['NodeGroupConfiguration', 0, 'ReplicaAvailabilityZones'], 'name', 'ReplicaAvailabilityZones'],
  ['node-group-replicas', ['NodeGroupConfiguration', 1, 'ReplicaCount'], 'value', '9'],
  ['node-group-slots', ['NodeGroupConfiguration', 1, 'Slots'], 'value', '8000-16383'],
  ['node-group-count', ['NumNodeGroups'], 'value', '3'],
  ['kms-key-at-rest', ['KmsKeyId'], 'name', 'KmsKeyId'],
  ['user-group-id', ['UserGroupIds', 0], 'value', 'app_users'],
  ['user-group-version', ['UserGroupIds'], 'name', 'UserGroupIds'],
];

test('NodeGroupConfiguration, KmsKeyId, UserGroupIds: the rules report on the member path of the offending name or value', () => {
  const issues = checkCreateReplicationGroup(nodeGroupInput).filter((i) => i.code !== 'engine-version-support');
  assert.deepEqual(
    issues.map((i) => [i.code, i.path, i.target]),
    expectedSpans.map(([code, path, target]) => [code, path, target]),
  );
});

test('Query form: the spans land on the item member name or value (NodeGroupConfiguration.NodeGroupConfiguration.N.Member)', () => {
  const q = url({
    ...redis,
    EngineVersion: '5.0.6',
    CacheParameterGroupName: 'default.redis5.0.cluster.on',
    AutomaticFailoverEnabled: true,
    NumNodeGroups: 3,
    [`${NG}1.NodeGroupId`]: 'a1',
    [`${NG}1.Slots`]: '0-8191',
    [`${NG}1.ReplicaCount`]: 2,
    [`${NG}1.ReplicaAvailabilityZones.AvailabilityZone.1`]: 'us-west-2b',
    [`${NG}2.NodeGroupId`]: '0002',
    [`${NG}2.Slots`]: '8000-16383',
    [`${NG}2.ReplicaCount`]: 9,
    KmsKeyId: kmsKey,
    'UserGroupIds.member.1': 'app_users',
  });
  const found = findingsAt(q, 'query').filter((f) => f.code !== 'engine-version-support');
  assert.deepEqual(found.map((f) => [f.code, f.at]), expectedSpans.map(([code, , , at]) => [code, at]));
  // The fixes: ReplicaCount to the nearest bound, NumNodeGroups to the number of configurations.
  const replicas = found.find((f) => f.code === 'node-group-replicas')!;
  assert.equal(replicas.finding.fixes![0].edits[0].newText, '5');
  const count = found.find((f) => f.code === 'node-group-count')!;
  assert.equal(count.finding.fixes![0].title, 'Set NumNodeGroups to 2');
  assert.ok(!codes(applyEdits(q, count.finding.fixes![0].edits), 'query').includes('node-group-count'));
  // The Region check covers the node groups' zones too, and names the zone.
  const zone = findingsAt(url({ [`${NG}1.PrimaryAvailabilityZone`]: 'eu-west-1a' }), 'query');
  assert.deepEqual(zone.map((f) => [f.code, f.at]), [['availability-zone-region', 'eu-west-1a']]);
});

/** The span `locate` gives a member path in a JSON or YAML document (what `analyze` reports on). */
function spanText(text: string, kind: 'json' | 'yaml', path: (string | number)[], target: 'name' | 'value'): string | undefined {
  const root = kind === 'json' ? parseJsonDocument(text, []) : parseYamlDocument(text, []);
  assert.ok(root && root.kind === 'object');
  const pair = locate(root.entries, path);
  const span = pair && (target === 'name' ? pair.name : pair.value);
  return span && text.slice(span.start, span.end);
}

test('node-group-slots: overlaps and slots no node group takes are warnings that name the slots', () => {
  const overlap = findingsAt(rg({ ...clusterModeOn, ...slots2('0-8191', '8000-16383') }), 'query');
  assert.deepEqual(overlap.map((f) => [f.code, f.severity, f.at]), [['node-group-slots', 'warning', '8000-16383']]);
  assert.match(overlap[0].finding.message, /^Slots 8000-16383 overlaps the slots of node group 1/);
  const gaps = findingsAt(rg({ ...clusterModeOn, ...slots2('100-8000', '8192-16382') }), 'query');
  assert.deepEqual(gaps.map((f) => [f.code, f.severity, f.at]), [['node-group-slots', 'warning', 'NodeGroupConfiguration']]);
  assert.match(gaps[0].finding.message, /^No node group takes slots 0-99, 8001-8191, 16383:/);
  // A node group without Slots: no coverage to judge.
  assert.deepEqual(codes(rg({ ...clusterModeOn, [`${NG}1.Slots`]: '0-8191', [`${NG}2.ReplicaCount`]: 1 }), 'query'), []);
  // The list items may also be named `member`.
  const member = findingsAt(rg({ 'NodeGroupConfiguration.member.1.Slots': '0-99999' }), 'query');
  assert.deepEqual(member.map((f) => [f.code, f.severity, f.at]), [['node-group-slots', 'error', '0-99999']]);
});

test('seed-slots: on SnapshotArns without NodeGroupConfiguration, else on the node group without Slots', () => {
  const seed = { ...clusterModeOn, 'SnapshotArns.SnapshotArn.1': 'arn:aws:s3:::my-bucket/dump.rdb' };
  assert.deepEqual(findingsAt(rg({ ...seed, NumNodeGroups: 2 }), 'query').map((f) => [f.code, f.at]), [['seed-slots', 'SnapshotArns']]);
  const partial = findingsAt(rg({ ...seed, [`${NG}1.Slots`]: '0-8191', [`${NG}2.ReplicaCount`]: 1 }), 'query');
  assert.deepEqual(partial.map((f) => [f.code, f.at]), [['seed-slots', `${NG}2`]]);
  assert.match(partial[0].finding.message, /^Node group 2 gives no Slots/);
  // Cluster mode disabled (one node group, default group without .cluster.on): one RDB file seeds the one shard.
  assert.deepEqual(codes(rg({ CacheParameterGroupName: 'default.valkey8', 'SnapshotArns.SnapshotArn.1': 'arn:aws:s3:::my-bucket/dump.rdb' }), 'query'), []);
});

test('JSON and YAML forms: the same member paths land on the name or value as written', () => {
  const json = JSON.stringify(nodeGroupInput, null, 2);
  const yaml = [
    'ReplicationGroupId: sessions',
    'ReplicationGroupDescription: Session store',
    'Engine: redis',
    "EngineVersion: '5.0.6'",
    'CacheNodeType: cache.r7g.large',
    'CacheParameterGroupName: default.redis5.0.cluster.on',
    'AutomaticFailoverEnabled: true',
    'NumNodeGroups: 3',
    'NodeGroupConfiguration:',
    '  - NodeGroupId: a1',
    "    Slots: '0-8191'",
    '    ReplicaCount: 2',
    '    ReplicaAvailabilityZones:',
    '      - us-west-2b',
    "  - NodeGroupId: '0002'",
    '    Slots: 8000-16383',
    '    ReplicaCount: 9',
    `KmsKeyId: ${kmsKey}`,
    'UserGroupIds:',
    '  - app_users',
    '',
  ].join('\n');
  for (const [code, path, target, at] of expectedSpans) {
    // JSON: a name span leaves out the quotes; a string value's span includes them.
    const jsonAt = target === 'value' && !/^\d+$/.test(at) ? `"${at}"` : at;
    assert.equal(spanText(json, 'json', path, target), jsonAt, `json ${code}`);
    assert.equal(spanText(yaml, 'yaml', path, target), at, `yaml ${code}`);
  }
});

test('a realistic cluster-mode-enabled replication group seeded from S3, with NodeGroupConfiguration, has no findings', () => {
  const text = [
    'https://elasticache.us-west-2.amazonaws.com/',
    '    ?Action=CreateReplicationGroup',
    '    &ReplicationGroupId=orders',
    '    &ReplicationGroupDescription=Orders%20cache',
    '    &Engine=valkey',
    '    &EngineVersion=8.0',
    '    &CacheNodeType=cache.r7g.large',
    '    &CacheParameterGroupName=default.valkey8.cluster.on',
    '    &AutomaticFailoverEnabled=true',
    '    &NumNodeGroups=2',
    '    &NodeGroupConfiguration.NodeGroupConfiguration.1.NodeGroupId=0001',
    '    &NodeGroupConfiguration.NodeGroupConfiguration.1.Slots=0-8191',
    '    &NodeGroupConfiguration.NodeGroupConfiguration.1.ReplicaCount=1',
    '    &NodeGroupConfiguration.NodeGroupConfiguration.1.PrimaryAvailabilityZone=us-west-2a',
    '    &NodeGroupConfiguration.NodeGroupConfiguration.1.ReplicaAvailabilityZones.AvailabilityZone.1=us-west-2b',
    '    &NodeGroupConfiguration.NodeGroupConfiguration.2.NodeGroupId=0002',
    '    &NodeGroupConfiguration.NodeGroupConfiguration.2.Slots=8192-16383',
    '    &NodeGroupConfiguration.NodeGroupConfiguration.2.ReplicaCount=1',
    '    &NodeGroupConfiguration.NodeGroupConfiguration.2.PrimaryAvailabilityZone=us-west-2b',
    '    &NodeGroupConfiguration.NodeGroupConfiguration.2.ReplicaAvailabilityZones.AvailabilityZone.1=us-west-2c',
    '    &SnapshotArns.SnapshotArn.1=arn%3Aaws%3As3%3A%3A%3Aorders-backups%2Fshard-1.rdb',
    '    &SnapshotArns.SnapshotArn.2=arn%3Aaws%3As3%3A%3A%3Aorders-backups%2Fshard-2.rdb',
    '    &CacheSubnetGroupName=orders-subnets',
    `    &SecurityGroupIds.SecurityGroupId.1=${sg}`,
    '    &TransitEncryptionEnabled=true',
    '    &AtRestEncryptionEnabled=true',
    `    &KmsKeyId=${encodeURIComponent(kmsKey)}`,
    '    &UserGroupIds.member.1=orders-users',
    ...SIGNED,
  ].join('\n');
  const r = analyze(text, 'query');
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.requests[0].input.NodeGroupConfiguration, [
    { NodeGroupId: '0001', Slots: '0-8191', ReplicaCount: 1, PrimaryAvailabilityZone: 'us-west-2a', ReplicaAvailabilityZones: ['us-west-2b'] },
    { NodeGroupId: '0002', Slots: '8192-16383', ReplicaCount: 1, PrimaryAvailabilityZone: 'us-west-2b', ReplicaAvailabilityZones: ['us-west-2c'] },
  ]);
});

test('kms-key-at-rest and user-group-auth-token: warnings on the member to change, with a fix where it is unambiguous', () => {
  const off = rg({ KmsKeyId: kmsKey, AtRestEncryptionEnabled: false });
  const kms = findingsAt(off, 'query').find((f) => f.code === 'kms-key-at-rest')!;
  assert.deepEqual([kms.severity, kms.at], ['warning', 'false']);
  assert.deepEqual(codes(applyEdits(off, kms.finding.fixes![0].edits), 'query'), []);
  // Redis OSS encrypts at rest only when asked (default false); Valkey by default.
  assert.match(findingsAt(rg({ ...redis, KmsKeyId: kmsKey }), 'query')[0].finding.message, /the Redis OSS default/);
  assert.deepEqual(codes(rg({ KmsKeyId: kmsKey }), 'query'), []);
  const token = 'correct-horse-battery-staple';
  const both = findingsAt(rg({ AuthToken: token, TransitEncryptionEnabled: true, ...vpc, 'UserGroupIds.member.1': 'app-users' }), 'query');
  const f = both.find((x) => x.code === 'user-group-auth-token')!;
  assert.deepEqual([f.severity, f.at], ['warning', 'AuthToken']);
  for (const x of both) assert.ok(!x.finding.message.includes(token));
});

test('replication-group-nodes: AutomaticFailoverEnabled=true with no replica count (NumCacheClusters then defaults to 1)', () => {
  const failoverOnly = analyze(url({ AutomaticFailoverEnabled: 'true' }), 'query').findings.filter((f) => f.code === 'replication-group-nodes');
  assert.equal(failoverOnly.length, 1, JSON.stringify(failoverOnly));
  assert.match(failoverOnly[0].message, /give NumCacheClusters \(2 to 6\) or ReplicasPerNodeGroup/);
  assert.equal(failoverOnly[0].severity, 'error');
  const clean: Members[] = [{ AutomaticFailoverEnabled: 'true', NumCacheClusters: '2' }, { AutomaticFailoverEnabled: 'true', ReplicasPerNodeGroup: '1' }, { AutomaticFailoverEnabled: 'false' }, {}];
  for (const members of clean) {
    assert.deepEqual(codes(url(members), 'query').filter((c) => c === 'replication-group-nodes'), [], JSON.stringify(members));
  }
});
