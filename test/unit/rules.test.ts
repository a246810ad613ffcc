// Each rule: a hit and a clean case. Semantic rules run on SDK-shaped inputs (checkCreateCacheCluster) and
// through analyze() on the three document forms; Query-layer rules on Query text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, checkCreateCacheCluster, issueMessage, validateCacheClusterId } from '../../server/src/service/index';
import { hover } from '../../server/src/service/hover';
import { CLEAN_QUERY, applyEdits, body, codes, findingsAt } from './helpers';

const base = { CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 };
const mc = { CacheClusterId: 'my-cache', Engine: 'memcached', EngineVersion: '1.6.22', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 2 };
const vpc = { CacheSubnetGroupName: 'my-subnets' };
const issueCodes = (input: Record<string, unknown>, region?: string) => checkCreateCacheCluster(input, { region }).map((i) => i.code);

/** [rule code, input that hits it, a clean input close to it] */
const semanticCases: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['invalid-cache-cluster-id', { ...base, CacheClusterId: '1cluster' }, base],
  ['invalid-cache-cluster-id', { ...base, CacheClusterId: 'my--cluster' }, { ...base, CacheClusterId: 'my-cluster-2' }],
  ['invalid-cache-cluster-id', { ...base, CacheClusterId: 'cluster-' }, base],
  ['invalid-cache-cluster-id', { ...base, CacheClusterId: 'a'.repeat(51) }, { ...base, CacheClusterId: 'a'.repeat(50) }],
  ['invalid-cache-cluster-id', { ...base, CacheClusterId: 'my_cluster' }, base],
  ['cache-cluster-id-case', { ...base, CacheClusterId: 'MyCluster' }, base],
  ['invalid-engine', { ...base, Engine: 'redís' }, base],
  ['engine-case', { ...base, Engine: 'Redis' }, base],
  ['engine-version', { ...base, EngineVersion: '1.6.22' }, base],
  ['engine-version', { ...base, EngineVersion: '9.9' }, base],
  ['engine-version', { ...base, EngineVersion: 'latest' }, base],
  ['engine-version-support', { ...base, EngineVersion: '3.2.10', CacheNodeType: 'cache.r5.large' }, base],
  ['engine-version-support', { ...base, EngineVersion: '5.0.6' }, { ...base, EngineVersion: '6.2' }],
  ['engine-version-support', { ...base, EngineVersion: '5.0.3', CacheNodeType: 'cache.r5.large' }, { ...base, EngineVersion: '6.x' }],
  // Without a version, a default group of a family past end of life asks for such a version.
  ['engine-version-support', { ...base, EngineVersion: undefined, CacheParameterGroupName: 'default.redis3.2' }, { ...base, EngineVersion: undefined, CacheParameterGroupName: 'default.redis7' }],
  ['engine-version-support', { ...base, EngineVersion: undefined, CacheParameterGroupName: 'default.redis2.8' }, { ...base, EngineVersion: undefined, CacheParameterGroupName: 'default.redis5.0' }],
  ['num-cache-nodes', { ...base, NumCacheNodes: 2 }, base],
  ['num-cache-nodes', { ...base, Engine: 'valkey', EngineVersion: '8.0', NumCacheNodes: 3 }, { ...base, Engine: 'valkey', EngineVersion: '8.0' }],
  ['num-cache-nodes', { ...mc, NumCacheNodes: 41 }, { ...mc, NumCacheNodes: 40 }],
  ['num-cache-nodes', { ...mc, NumCacheNodes: 0 }, mc],
  ['engine-parameter', { ...mc, SnapshotRetentionLimit: 5 }, { ...base, SnapshotRetentionLimit: 5 }],
  ['engine-parameter', { ...mc, SnapshotArns: ['arn:aws:s3:::my-bucket/a.rdb'] }, { ...base, SnapshotArns: ['arn:aws:s3:::my-bucket/a.rdb'] }],
  ['engine-parameter', { ...base, AZMode: 'single-az' }, { ...mc, AZMode: 'single-az' }],
  ['engine-parameter', { ...base, PreferredAvailabilityZones: ['us-east-1a'] }, { ...base, PreferredAvailabilityZone: 'us-east-1a' }],
  ['cluster-mode-parameter-group', { ...base, CacheParameterGroupName: 'default.redis7.cluster.on' }, { ...base, CacheParameterGroupName: 'default.redis7' }],
  ['parameter-group-family', { ...base, CacheParameterGroupName: 'default.redis6.x' }, { ...base, CacheParameterGroupName: 'default.redis7' }],
  ['parameter-group-family', { ...base, CacheParameterGroupName: 'default.memcached1.6' }, { ...base, CacheParameterGroupName: 'my-custom-group' }],
  ['parameter-group-family', { ...base, CacheParameterGroupName: 'default.redis7.1' }, base],
  ['invalid-node-type', { ...base, CacheNodeType: 'r6g.large' }, base],
  ['unknown-node-type', { ...base, CacheNodeType: 'cache.r99.large' }, base],
  ['previous-generation-node-type', { ...base, CacheNodeType: 'cache.m3.medium' }, { ...base, CacheNodeType: 'cache.m7g.large' }],
  ['node-type-engine', { ...mc, CacheNodeType: 'cache.r6gd.xlarge' }, { ...base, CacheNodeType: 'cache.r6gd.xlarge' }],
  ['node-type-engine-version', { ...base, EngineVersion: '4.0.10', CacheNodeType: 'cache.r6g.large' }, { ...base, EngineVersion: '5.0.6', CacheNodeType: 'cache.r6g.large' }],
  ['invalid-availability-zone', { ...base, PreferredAvailabilityZone: 'us-east' }, { ...base, PreferredAvailabilityZone: 'us-east-1a' }],
  ['availability-zone-region', { ...mc, PreferredAvailabilityZones: ['us-east-1a', 'us-west-2a'] }, { ...mc, PreferredAvailabilityZones: ['us-east-1a', 'us-east-1b'] }],
  ['az-count', { ...mc, PreferredAvailabilityZones: ['us-east-1a'] }, { ...mc, PreferredAvailabilityZones: ['us-east-1a', 'us-east-1a'] }],
  ['az-conflict', { ...mc, PreferredAvailabilityZone: 'us-east-1a', PreferredAvailabilityZones: ['us-east-1a', 'us-east-1b'] }, { ...mc, PreferredAvailabilityZones: ['us-east-1a', 'us-east-1b'] }],
  ['az-mode', { ...mc, NumCacheNodes: 1, AZMode: 'cross-az' }, { ...mc, AZMode: 'cross-az' }],
  ['maintenance-window', { ...base, PreferredMaintenanceWindow: 'sunday:23:00-mon:01:30' }, { ...base, PreferredMaintenanceWindow: 'sun:23:00-mon:01:30' }],
  ['maintenance-window', { ...base, PreferredMaintenanceWindow: 'sun:23:00-sun:23:30' }, { ...base, PreferredMaintenanceWindow: 'sat:23:30-sun:00:30' }],
  ['snapshot-window', { ...base, SnapshotWindow: '5:00-9:00' }, { ...base, SnapshotWindow: '05:00-09:00' }],
  ['snapshot-window', { ...base, SnapshotWindow: '23:30-00:10' }, { ...base, SnapshotWindow: '23:30-00:30' }],
  ['window-overlap', { ...base, PreferredMaintenanceWindow: 'sun:04:00-sun:06:00', SnapshotWindow: '05:00-07:00' }, { ...base, PreferredMaintenanceWindow: 'sun:04:00-sun:05:00', SnapshotWindow: '05:00-07:00' }],
  ['snapshot-retention', { ...base, SnapshotRetentionLimit: 36 }, { ...base, SnapshotRetentionLimit: 35 }],
  ['port-range', { ...base, Port: 70000 }, { ...base, Port: 6380 }],
  ['port-range', { ...base, Port: 0 }, { ...base, Port: 1 }],
  ['snapshot-arn', { ...base, SnapshotArns: ['arn:aws:s3:::my-bucket'] }, { ...base, SnapshotArns: ['arn:aws:s3:::my-bucket/backups/dump.rdb'] }],
  ['snapshot-arn', { ...base, SnapshotArns: ['arn:aws:s3:::MyBucket/dump.rdb'] }, { ...base, SnapshotArns: ['arn:aws:s3:::my.bucket/dump.rdb'] }],
  ['snapshot-arn', { ...base, SnapshotArns: ['arn:aws:sns:us-east-1:123456789012:topic'] }, base],
  ['snapshot-arn', { ...base, SnapshotArns: ['arn:aws:s3:::my-bucket/a,b.rdb'] }, base],
  ['sns-topic-arn', { ...base, NotificationTopicArn: 'arn:aws:sqs:us-east-1:123456789012:q' }, { ...base, NotificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:my-topic' }],
  ['sns-topic-arn', { ...base, NotificationTopicArn: 'arn:aws:sns:us-east-1:1234:t' }, base],
  ['sns-topic-arn', { ...base, NotificationTopicArn: 'arn:aws:sns:eusc-de-east-1:123456789012:t' }, { ...base, NotificationTopicArn: 'arn:aws-eusc:sns:eusc-de-east-1:123456789012:t' }],
  ['sns-topic-arn', { ...base, NotificationTopicArn: 'arn:aws-moon:sns:us-east-1:123456789012:t' }, { ...base, NotificationTopicArn: 'arn:aws-iso-b:sns:us-isob-east-1:123456789012:t' }],
  ['sns-topic-arn', { ...base, NotificationTopicArn: 'arn:aws:sns:us-EAST-1:123456789012:t' }, base],
  ['sns-topic-arn', { ...base, NotificationTopicArn: 'arn:aws:sns:us-east_1-1:123456789012:t' }, base],
  ['sns-topic-arn', { ...base, NotificationTopicArn: 'arn:aws:sns:us-1-1:123456789012:t' }, base],
  ['transit-encryption-subnet-group', { ...base, TransitEncryptionEnabled: true }, { ...base, ...vpc, TransitEncryptionEnabled: true }],
  ['transit-encryption-version', { ...base, ...vpc, EngineVersion: '3.2.4', CacheNodeType: 'cache.r5.large', TransitEncryptionEnabled: true }, { ...base, ...vpc, EngineVersion: '3.2.6', CacheNodeType: 'cache.r5.large', TransitEncryptionEnabled: true }],
  ['transit-encryption-version', { ...mc, ...vpc, EngineVersion: '1.6.6', TransitEncryptionEnabled: true }, { ...mc, ...vpc, EngineVersion: '1.6.12', TransitEncryptionEnabled: true }],
  ['invalid-auth-token', { ...base, ...vpc, TransitEncryptionEnabled: true, AuthToken: 'short-token' }, { ...base, ...vpc, TransitEncryptionEnabled: true, AuthToken: 'Correct-Horse-Battery-9' }],
  ['invalid-auth-token', { ...base, ...vpc, TransitEncryptionEnabled: true, AuthToken: 'has@at/slash"quote-xx' }, { ...base, ...vpc, TransitEncryptionEnabled: true, AuthToken: 'Allowed!&#$^<>-chars1' }],
  ['auth-token-requires-transit-encryption', { ...base, AuthToken: 'Correct-Horse-Battery-9' }, { ...base, ...vpc, TransitEncryptionEnabled: true, AuthToken: 'Correct-Horse-Battery-9' }],
  ['tags', { ...base, Tags: [{ Key: 'aws:owner', Value: 'x' }] }, { ...base, Tags: [{ Key: 'owner', Value: 'x' }] }],
  ['tags', { ...base, Tags: [{ Value: 'x' }] }, base],
  ['tags', { ...base, Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}` })) }, { ...base, Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}` })) }],
  ['security-group-id', { ...base, SecurityGroupIds: ['my-group'] }, { ...base, SecurityGroupIds: ['sg-0123456789abcdef0', 'sg-01234567'] }],
  ['log-delivery-version', { ...base, EngineVersion: '5.0.6', LogDeliveryConfigurations: [{ LogType: 'slow-log' }] }, { ...base, EngineVersion: '6.0', LogDeliveryConfigurations: [{ LogType: 'slow-log' }] }],
  ['log-delivery-version', { ...base, EngineVersion: '6.0', LogDeliveryConfigurations: [{ LogType: 'engine-log' }] }, { ...base, LogDeliveryConfigurations: [{ LogType: 'engine-log' }] }],
  ['network-type-version', { ...base, EngineVersion: '6.0', NetworkType: 'dual_stack' }, { ...base, EngineVersion: '6.2', NetworkType: 'dual_stack' }],
  ['network-type-version', { ...mc, EngineVersion: '1.5.16', IpDiscovery: 'ipv6' }, { ...mc, IpDiscovery: 'ipv6' }],
  ['cache-security-groups-in-vpc', { ...base, ...vpc, CacheSecurityGroupNames: ['default'] }, { ...base, CacheSecurityGroupNames: ['default'] }],
];

for (const [code, bad, good] of semanticCases) {
  test(`rule ${code}: hit ${JSON.stringify(bad).slice(0, 110)}`, () => {
    assert.ok(issueCodes(bad).includes(code), `${code} expected in ${issueCodes(bad)}`);
    assert.ok(!issueCodes(good).includes(code), `${code} not expected for the clean case, got ${issueCodes(good)}`);
  });
}

test('clean inputs of each engine have no issues at all', () => {
  assert.deepEqual(issueCodes(base), []);
  assert.deepEqual(issueCodes(mc), []);
  assert.deepEqual(issueCodes({ ...base, Engine: 'valkey', EngineVersion: '8.0', CacheParameterGroupName: 'default.valkey8' }), []);
  assert.deepEqual(issueCodes({}), [], 'a partial (empty) input is silent: the wizard validates as you type');
});

test('engine-version-support messages: end-of-life date, deprecated patch version, Extended Support', () => {
  const msg = (v: string) => checkCreateCacheCluster({ ...base, EngineVersion: v, CacheNodeType: 'cache.r5.large' }).find((i) => i.code === 'engine-version-support')!;
  // Past end of life, AWS refuses the version (facts.newClustersCanUse): an error that says so, then what to use.
  assert.equal(msg('3.2.4').message, 'Redis OSS 3.2.4 reached end of life on ElastiCache on 2023-07-31: new clusters cannot use it. Use a supported version (latest: 7.1, or Valkey 8.2).');
  assert.equal(msg('3.2.4').severity, 'error');
  assert.equal(msg('3.2.4').awsError, 'InvalidParameterValue');
  assert.equal(msg('2.8.24').severity, 'error');
  // A deprecated patch version and Extended Support are still created: advice, not a refusal.
  assert.match(msg('5.0.3').message, /deprecated patch version: use 5\.0\.6/);
  assert.equal(msg('5.0.3').severity, 'warning');
  assert.equal(msg('5.0.3').awsError, undefined);
  assert.match(msg('4.0.10').message, /charged for paid Extended Support/);
  assert.equal(msg('4.0.10').severity, 'information');
  assert.equal(msg('4.0.10').awsError, undefined);
});

test('engine-version-support on a default parameter group of a family past end of life: the same finding, said once', () => {
  const support = (input: Record<string, unknown>) => checkCreateCacheCluster({ ...base, CacheNodeType: 'cache.r5.large', ...input }).filter((i) => i.code === 'engine-version-support');
  const [group] = support({ EngineVersion: undefined, CacheParameterGroupName: 'default.redis3.2' });
  assert.equal(group.message, 'default.redis3.2 is for the redis3.2 family, which reached end of life on ElastiCache on 2023-07-31: new clusters cannot use it. Use the default group of a supported family (default.redis7).');
  assert.equal(group.severity, 'error');
  assert.equal(group.awsError, 'InvalidParameterValue');
  assert.deepEqual(group.path, ['CacheParameterGroupName']);
  assert.equal(group.fixValue, 'default.redis7');
  // With the version past end of life too, the version's finding says it: one finding, on EngineVersion.
  assert.deepEqual(support({ EngineVersion: '3.2.4', CacheParameterGroupName: 'default.redis3.2' }).map((i) => i.path), [['EngineVersion']]);
  // A family with a version new clusters can use (redis5.0: 5.0.6 in Extended Support) is not past end of life.
  assert.deepEqual(support({ EngineVersion: undefined, CacheParameterGroupName: 'default.redis5.0' }), []);
});

test('Region-aware rules: AZs and the SNS topic against the host Region', () => {
  assert.ok(issueCodes({ ...mc, PreferredAvailabilityZones: ['us-east-1a', 'us-east-1b'] }, 'us-west-2').includes('availability-zone-region'));
  assert.deepEqual(issueCodes({ ...mc, PreferredAvailabilityZones: ['us-west-2a', 'us-west-2b'] }, 'us-west-2'), []);
  assert.ok(issueCodes({ ...base, NotificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:t' }, 'us-west-2').includes('sns-topic-arn'));
});

test('AuthToken: messages never echo the token', () => {
  const secret = 'Bad@Secret/Value"123';
  for (const kind of ['json', 'yaml', 'query'] as const) {
    const text =
      kind === 'json'
        ? JSON.stringify({ CacheClusterId: 'x', Engine: 'redis', AuthToken: secret })
        : kind === 'yaml'
          ? `CacheClusterId: x\nEngine: redis\nAuthToken: '${secret}'\n`
          : body({ CacheClusterId: 'x', Engine: 'redis', AuthToken: secret });
    const { findings } = analyze(text, kind);
    const got = findings.map((f) => f.code);
    for (const c of ['invalid-auth-token', 'auth-token-requires-transit-encryption', 'auth-token-in-file']) assert.ok(got.includes(c), `${kind}: ${c} in ${got}`);
    for (const f of findings) assert.ok(!f.message.includes(secret) && !f.message.includes('Secret'), `${kind}: ${f.code} echoes the token`);
  }
  // Characters that need encoding inside a token are reported without quoting them.
  const raw = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x&Engine=redis&AuthToken=Ab<d e#fgéhijklmnopq';
  for (const f of analyze(raw, 'query').findings) {
    for (const piece of ["'<'", "'#'", '%3C', '%C3%A9', 'Ab<d', 'hijklmnopq']) {
      assert.ok(!f.message.includes(piece) && !(f.fixes ?? []).some((x) => x.title.includes(piece)), `${f.code}: ${f.message}`);
    }
  }
  const numeric = analyze('{"CacheClusterId": "x", "AuthToken": 1234567890123456789}', 'json').findings.find((f) => f.code === 'invalid-type')!;
  assert.ok(!numeric.message.includes('123456789') && !numeric.fixes![0].title.includes('123456789'));
  const inFile = findingsAt(`CacheClusterId: x\nAuthToken: ${'A'.repeat(20)}\n`, 'yaml').find((f) => f.code === 'auth-token-in-file')!;
  assert.equal(inFile.severity, 'warning');
  assert.equal(inFile.at, 'A'.repeat(20));
});

test('transit-encryption-subnet-group: an empty CacheSubnetGroupName is no subnet group (one error on the value, not an empty-value warning)', () => {
  const query = body({ CacheClusterId: 'x', Engine: 'redis', TransitEncryptionEnabled: 'true' }) + '&CacheSubnetGroupName=';
  const json = '{"CacheClusterId": "x", "Engine": "redis", "TransitEncryptionEnabled": true, "CacheSubnetGroupName": ""}';
  const yaml = 'CacheClusterId: x\nEngine: redis\nTransitEncryptionEnabled: true\nCacheSubnetGroupName: " "\n';
  for (const [text, kind, at] of [[query, 'query', ''], [json, 'json', '""'], [yaml, 'yaml', '" "']] as const) {
    const f = findingsAt(text, kind);
    assert.deepEqual(f.map((x) => [x.code, x.finding.severity, x.at]), [['transit-encryption-subnet-group', 'error', at]], kind);
    assert.match(f[0].finding.message, /^CacheSubnetGroupName is empty, and in-transit encryption needs a cluster in a VPC/);
  }
});

test('semantic findings land on the exact value or name span in every form', () => {
  const json = '{"CacheClusterId": "x", "Engine": "redis", "NumCacheNodes": 3, "TransitEncryptionEnabled": true}';
  const j = findingsAt(json, 'json');
  assert.equal(j.find((f) => f.code === 'num-cache-nodes')!.at, '3');
  assert.equal(j.find((f) => f.code === 'transit-encryption-subnet-group')!.at, 'TransitEncryptionEnabled');
  const yaml = 'CacheClusterId: x\nEngine: memcached\nNumCacheNodes: 2\nPreferredAvailabilityZones:\n  - us-east-1a\n  - us-east\n';
  const y = findingsAt(yaml, 'yaml');
  assert.equal(y.find((f) => f.code === 'invalid-availability-zone')!.at, 'us-east');
  const q = body({ CacheClusterId: 'x', Engine: 'memcached', NumCacheNodes: 2 }) + '&PreferredAvailabilityZones.member.1=us-east-1a&PreferredAvailabilityZones.member.2=bogus';
  assert.equal(findingsAt(q, 'query').find((f) => f.code === 'invalid-availability-zone')!.at, 'bogus');
});

test('quick fixes on semantic findings rewrite the value in the form of the document', () => {
  const json = '{"CacheClusterId": "x", "Engine": "redis", "EngineVersion": "7.1", "CacheParameterGroupName": "default.redis6.x", "NumCacheNodes": 2}';
  let text = json;
  for (const code of ['parameter-group-family', 'num-cache-nodes']) {
    const f = analyze(text, 'json').findings.find((x) => x.code === code)!;
    text = applyEdits(text, f.fixes![0].edits);
  }
  assert.deepEqual(JSON.parse(text), { CacheClusterId: 'x', Engine: 'redis', EngineVersion: '7.1', CacheParameterGroupName: 'default.redis7', NumCacheNodes: 1 });
  assert.deepEqual(codes(text, 'json'), []);
});

test('cluster mode: a .cluster.on group in a Query request offers a rewrite to CreateReplicationGroup', () => {
  const q = body({ CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.r7g.large', CacheParameterGroupName: 'default.redis7.cluster.on', NumCacheNodes: 1 });
  const f = analyze(q, 'query').findings.find((x) => x.code === 'cluster-mode-parameter-group')!;
  assert.match(f.message, /CreateReplicationGroup/);
  // Preferred: keep the single-node cluster, with the group's cluster-mode-disabled twin.
  assert.equal(f.fixes![0].title, 'Use default.redis7 (cluster mode disabled)');
  assert.equal(f.fixes![0].isPreferred, true);
  assert.deepEqual(codes(applyEdits(q, f.fixes![0].edits), 'query'), []);
  const rewrite = f.fixes!.find((x) => /CreateReplicationGroup/.test(x.title))!;
  const fixed = applyEdits(q, rewrite.edits);
  const r = analyze(fixed, 'query');
  assert.equal(r.requests[0].action?.name, 'CreateReplicationGroup');
  assert.equal(r.requests[0].input.ReplicationGroupId, 'my-cluster');
  assert.equal(r.requests[0].input.AutomaticFailoverEnabled, true);
  // Automatic failover needs a replica: the rewrite says it makes 2 nodes, and leaves no error behind.
  assert.match(rewrite.title, /2 nodes/);
  assert.equal(r.requests[0].input.NumCacheClusters, 2);
  assert.deepEqual(r.findings.filter((x) => x.severity === 'error'), []);
  // Without NumCacheNodes (1 by default) the rewrite adds NumCacheClusters=2.
  const noCount = q.replace('&NumCacheNodes=1', '');
  assert.notEqual(noCount, q);
  const fNoCount = analyze(noCount, 'query').findings.find((x) => x.code === 'cluster-mode-parameter-group')!;
  const rNoCount = analyze(applyEdits(noCount, fNoCount.fixes!.find((x) => /CreateReplicationGroup/.test(x.title))!.edits), 'query');
  assert.equal(rNoCount.requests[0].input.NumCacheClusters, 2);
  assert.deepEqual(rNoCount.findings.filter((x) => x.severity === 'error'), []);
  // No rewrite when a parameter has no CreateReplicationGroup counterpart.
  const q2 = q + '&PreferredAvailabilityZone=us-east-1a';
  const f2 = analyze(q2, 'query').findings.find((x) => x.code === 'cluster-mode-parameter-group')!;
  assert.deepEqual(f2.fixes!.map((x) => x.title), ['Use default.redis7 (cluster mode disabled)']);
  // A custom group's name says nothing about a twin: no rename offered.
  const custom = analyze(body({ CacheClusterId: 'x', Engine: 'redis', CacheParameterGroupName: 'my-params.cluster.on' }) + '&PreferredAvailabilityZone=us-east-1a', 'query').findings.find((x) => x.code === 'cluster-mode-parameter-group')!;
  assert.equal(custom.fixes, undefined);
});

test('CreateReplicationGroup: a cluster-mode-enabled group needs AutomaticFailoverEnabled=true (left out, ElastiCache enables it)', () => {
  const rg = body({ ReplicationGroupId: 'rg', ReplicationGroupDescription: 'd', Engine: 'redis', EngineVersion: '7.1', CacheParameterGroupName: 'default.redis7.cluster.on', NumNodeGroups: 2, ReplicasPerNodeGroup: 1 }).replace('Action=CreateCacheCluster', 'Action=CreateReplicationGroup');
  assert.deepEqual(codes(rg, 'query'), []);
  const off = rg + '&AutomaticFailoverEnabled=false';
  assert.deepEqual(codes(off, 'query'), ['replication-group-failover']);
  const f = analyze(off, 'query').findings.find((x) => x.code === 'replication-group-failover')!;
  assert.deepEqual(codes(applyEdits(off, f.fixes![0].edits), 'query'), []);
  assert.deepEqual(codes(rg + '&AutomaticFailoverEnabled=true', 'query'), []);
  assert.deepEqual(codes(rg.replace('default.redis7.cluster.on', 'default.redis7'), 'query'), ['replication-group-shards']);
});

// ---- Model-driven (shape) rules, per form
test('unknown-parameter with did-you-mean and a fix, in all forms', () => {
  for (const [kind, text] of [
    ['query', body({ CacheClusterId: 'x', CacheParameterGroup: 'default.redis7' })],
    ['json', '{"CacheClusterId": "x", "CacheParameterGroup": "default.redis7"}'],
    ['yaml', 'CacheClusterId: x\nCacheParameterGroup: default.redis7\n'],
  ] as const) {
    const f = findingsAt(text, kind).find((x) => x.code === 'unknown-parameter')!;
    assert.equal(f.at, 'CacheParameterGroup', kind);
    assert.match(f.finding.message, /Did you mean CacheParameterGroupName/);
    assert.deepEqual(codes(applyEdits(text, f.finding.fixes![0].edits), kind), [], kind);
  }
  assert.deepEqual(codes(body({ CacheClusterId: 'x', CacheParameterGroupName: 'default.redis7' }), 'query'), []);
  const nested = findingsAt('{"CacheClusterId": "x", "Tags": [{"Key": "a", "Valu": "b"}]}', 'json').find((x) => x.code === 'unknown-parameter')!;
  assert.equal(nested.at, 'Valu');
  assert.match(nested.finding.message, /^Unknown parameter Valu for Tags \(item 1\)\. Did you mean Value\?$/);
});

test('unknown-parameter names the item as the form writes it (Query: the written name, numbered from 1; JSON/YAML: item N from 1) and a missing name', () => {
  const rg = (tail: string) => ['?Action=CreateReplicationGroup', '&ReplicationGroupId=my-rg', '&ReplicationGroupDescription=test', '&Engine=redis', '&NodeGroupConfiguration.NodeGroupConfiguration.1.Slots=0-8191', tail].join('\n');
  const typo = findingsAt(rg('&NodeGroupConfiguration.NodeGroupConfiguration.1.ReplicaCnt=1'), 'query').find((x) => x.code === 'unknown-parameter')!;
  assert.equal(typo.at, 'ReplicaCnt');
  assert.equal(typo.finding.message, 'Unknown parameter ReplicaCnt for NodeGroupConfiguration.NodeGroupConfiguration.1. Did you mean ReplicaCount?');
  // Nothing after the dot: the whole written name is marked, and the message lists what the item takes.
  const bare = findingsAt(rg('&NodeGroupConfiguration.NodeGroupConfiguration.1.'), 'query').filter((x) => x.code === 'unknown-parameter');
  assert.equal(bare.length, 1);
  assert.equal(bare[0].at, 'NodeGroupConfiguration.NodeGroupConfiguration.1.');
  assert.match(bare[0].finding.message, /^A member name is missing after NodeGroupConfiguration\.NodeGroupConfiguration\.1: write one of NodeGroupId, Slots, ReplicaCount, /);
  // The `member` marker and the written number (not a position) are kept.
  const marker = findingsAt(body({ CacheClusterId: 'x', 'Tags.member.1.Key': 'a', 'Tags.member.2.Kee': 'b' }), 'query').find((x) => x.code === 'unknown-parameter')!;
  assert.match(marker.finding.message, /^Unknown parameter Kee for Tags\.member\.2\. Did you mean Key\?$/);
  // JSON/YAML: items counted from 1 in words; an empty key is marked with its quotes.
  const json = findingsAt('{"CacheClusterId": "x", "Tags": [{"Key": "a"}, {"": "b"}]}', 'json').find((x) => x.code === 'unknown-parameter')!;
  assert.equal(json.at, '""');
  assert.equal(json.finding.message, 'A member name is missing after Tags (item 2): write one of Key, Value.');
  const yaml = findingsAt('CacheClusterId: x\nTags:\n  - Key: a\n  - Key: b\n    Valu: c\n', 'yaml').find((x) => x.code === 'unknown-parameter')!;
  assert.equal(yaml.finding.message, 'Unknown parameter Valu for Tags (item 2). Did you mean Value?');
  // A required member missing from an item: named after the item as written (was `ReplicaConfiguration.0.NewReplicaCount`).
  const shard = findingsAt('?Action=IncreaseReplicaCount&Version=2015-02-02&ReplicationGroupId=x&ApplyImmediately=true&ReplicaConfiguration.ConfigureShard.1.NodeGroupId=0001', 'query').find((x) => x.code === 'missing-parameter')!;
  assert.equal(shard.finding.message, 'Missing required parameter ReplicaConfiguration.ConfigureShard.1.NewReplicaCount.');
  // Clean: the item written right has none.
  assert.deepEqual(codes(rg('&NodeGroupConfiguration.NodeGroupConfiguration.1.ReplicaCount=1'), 'query').filter((c) => c === 'unknown-parameter'), []);
});

test('parameter-wrong-action names the action the parameter belongs to', () => {
  for (const name of ['AtRestEncryptionEnabled', 'NumNodeGroups']) {
    const f = findingsAt(body({ CacheClusterId: 'x', [name]: name === 'NumNodeGroups' ? '2' : 'true' }), 'query').find((x) => x.code === 'parameter-wrong-action')!;
    assert.equal(f.at, name);
    assert.match(f.finding.message, /CreateReplicationGroup/);
  }
  assert.ok(!codes(body({ CacheClusterId: 'x', TransitEncryptionEnabled: 'true', CacheSubnetGroupName: 's' }), 'query').includes('parameter-wrong-action'));
});

test('unknown-action and missing-action', () => {
  const f = findingsAt('Action=CreateCacheClusters&Version=2015-02-02&CacheClusterId=x', 'query').find((x) => x.code === 'unknown-action')!;
  assert.equal(f.at, 'CreateCacheClusters');
  assert.equal(f.finding.fixes![0].edits[0].newText, 'CreateCacheCluster');
  assert.deepEqual(codes('Version=2015-02-02&CacheClusterId=x', 'query'), ['missing-action']);
  // An empty or blank Action names no action: missing, said so (not "Unknown ElastiCache action ''"), on its value.
  for (const [value, head] of [['', 'Action is empty'], ['%20', 'Action is blank (only whitespace)']]) {
    const text = `Action=${value}&Version=2015-02-02&CacheClusterId=x`;
    const empty = findingsAt(text, 'query');
    assert.deepEqual(empty.map((x) => `${x.code}@${x.at}`), [`missing-action@${value}`], value);
    assert.equal(empty[0].finding.message, `${head}: give the action to perform, e.g. CreateCacheCluster.`);
    assert.equal(empty[0].finding.span.start, text.indexOf('=') + 1);
  }
  assert.deepEqual(codes('Action=DescribeCacheClusters&Version=2015-02-02&MaxRecords=20', 'query'), []);
  // AWS answers a request without an action MissingAction (Common Errors), not MissingParameter: the code the local
  // endpoint answers with, and the message says what to do.
  const none = analyze('Version=2015-02-02&CacheClusterId=x', 'query').findings;
  assert.deepEqual(none.map((x) => [x.code, x.awsError, x.message]), [['missing-action', 'MissingAction', 'The request has no Action: add the action to perform, e.g. Action=CreateCacheCluster.']]);
  assert.deepEqual(analyze('Action=&Version=2015-02-02', 'query').findings.map((x) => x.awsError), ['MissingAction']);
  // Object.prototype's members are not actions (the model's tables are plain objects).
  for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
    assert.deepEqual(codes(`Action=${name}&Version=2015-02-02&CacheClusterId=x`, 'query'), ['unknown-action'], name);
    const text = `Action=${name}&Version=2015-02-02`;
    assert.equal(hover(text, text.indexOf(name) + 1, 'query'), undefined, name);
  }
});

test("unknown-parameter: Object.prototype's member names are unknown in every form, at every depth", () => {
  const names = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];
  const query = body({ CacheClusterId: 'x' }) + names.map((n) => `&${n}=1`).join('') + '&Tags.Tag.1.Key=k&Tags.Tag.1.constructor=v';
  assert.deepEqual(findingsAt(query, 'query').filter((f) => f.code === 'unknown-parameter').map((f) => f.at), [...names, 'constructor']);
  const json = `{"CacheClusterId": "x", ${names.map((n) => `"${n}": 1`).join(', ')}, "Tags": [{"Key": "k", "constructor": "v"}]}`;
  assert.deepEqual(findingsAt(json, 'json').filter((f) => f.code === 'unknown-parameter').map((f) => f.at), [...names, 'constructor']);
  const yaml = `CacheClusterId: x\n${names.map((n) => `${n}: 1`).join('\n')}\nTags:\n  - Key: k\n    constructor: v\n`;
  assert.deepEqual(findingsAt(yaml, 'yaml').filter((f) => f.code === 'unknown-parameter').map((f) => f.at), [...names, 'constructor']);
  // A protocol-parameter hover only for the real ones.
  const text = body({ CacheClusterId: 'x' }) + '&constructor=1';
  assert.equal(hover(text, text.indexOf('constructor') + 1, 'query'), undefined);
});

test('missing-parameter for a required member', () => {
  assert.deepEqual(codes(body({ Engine: 'redis' }), 'query'), ['missing-parameter']);
  assert.deepEqual(codes('{"Engine": "redis"}', 'json'), ['missing-parameter']);
  assert.deepEqual(codes('Engine: redis\n', 'yaml'), ['missing-parameter']);
  assert.deepEqual(codes(body({ CacheClusterId: 'x' }), 'query'), []);
});

test('duplicate-parameter', () => {
  const f = findingsAt(body({ CacheClusterId: 'x' }) + '&CacheClusterId=y', 'query').filter((x) => x.code === 'duplicate-parameter');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  const j = findingsAt('{"CacheClusterId": "x", "CacheClusterId": "y"}', 'json').find((x) => x.code === 'duplicate-parameter')!;
  assert.equal(j.severity, 'warning', 'the AWS CLI silently keeps the last JSON key');
  assert.ok(!codes(body({ CacheClusterId: 'x' }), 'query').includes('duplicate-parameter'));
});

test('invalid-type per form, with the fixes the CLI would accept', () => {
  const q = findingsAt(body({ CacheClusterId: 'x', NumCacheNodes: 'one', AutoMinorVersionUpgrade: 'yes' }), 'query').filter((f) => f.code === 'invalid-type');
  assert.deepEqual(q.map((f) => f.at), ['one', 'yes']);
  const j = '{"CacheClusterId": "x", "NumCacheNodes": "1", "AutoMinorVersionUpgrade": "true", "Port": 6379.0, "SecurityGroupIds": "sg-01234567", "Engine": 5}';
  const jf = findingsAt(j, 'json').filter((f) => f.code === 'invalid-type');
  assert.deepEqual(jf.map((f) => f.at), ['"1"', '"true"', '6379.0', '"sg-01234567"', '5']);
  let fixed = j;
  for (let i = 0; i < 10; i++) {
    const f = analyze(fixed, 'json').findings.find((x) => x.code === 'invalid-type' && x.fixes);
    if (!f) break;
    fixed = applyEdits(fixed, f.fixes![0].edits);
  }
  assert.deepEqual(JSON.parse(fixed), { CacheClusterId: 'x', NumCacheNodes: 1, AutoMinorVersionUpgrade: true, Port: 6379, SecurityGroupIds: ['sg-01234567'], Engine: '5' });
  const y = findingsAt('CacheClusterId: x\nEngineVersion: 7.0\nAutoMinorVersionUpgrade: yes\n', 'yaml').filter((f) => f.code === 'invalid-type');
  assert.deepEqual(y.map((f) => f.at), ['7.0', 'yes']);
  const boolInt = findingsAt('{"CacheClusterId": "x", "Port": true}', 'json').find((f) => f.code === 'invalid-type')!;
  assert.equal(boolInt.severity, 'warning', 'botocore accepts a bool as an int; the API does not');
  assert.deepEqual(codes('{"CacheClusterId": "x", "NumCacheNodes": 1, "AutoMinorVersionUpgrade": true}', 'json'), []);
});

test('invalid-enum', () => {
  const f = findingsAt(body({ CacheClusterId: 'x', Engine: 'memcached', AZMode: 'Cross-AZ' }), 'query').find((x) => x.code === 'invalid-enum')!;
  assert.equal(f.at, 'Cross-AZ');
  assert.equal(f.finding.fixes![0].edits[0].newText, 'cross-az');
  assert.ok(!codes(body({ CacheClusterId: 'x', Engine: 'memcached', AZMode: 'cross-az', NumCacheNodes: 2 }), 'query').includes('invalid-enum'));
});

test('CacheClusterId: every broken rule is named in one message', () => {
  assert.equal(validateCacheClusterId('my-cluster'), undefined);
  assert.equal(validateCacheClusterId('1my_cluster--'), 'A cluster ID must begin with a letter, contain only ASCII letters, digits and hyphens, not contain two consecutive hyphens and not end with a hyphen.');
  assert.equal(validateCacheClusterId('cluster-'), 'A cluster ID must not end with a hyphen.');
  assert.match(validateCacheClusterId('a'.repeat(51))!, /at most 50 characters long \(it has 51\)/);
  assert.match(validateCacheClusterId('')!, /empty/);
});

test('list members: both .member.N and .LocationName.N; wrong item names, indexes, gaps', () => {
  const ok1 = body({ CacheClusterId: 'x' }) + '&SecurityGroupIds.member.1=sg-01234567&SecurityGroupIds.member.2=sg-89abcdef';
  const ok2 = body({ CacheClusterId: 'x' }) + '&SecurityGroupIds.SecurityGroupId.1=sg-01234567&SecurityGroupIds.SecurityGroupId.2=sg-89abcdef';
  for (const t of [ok1, ok2]) {
    const r = analyze(t, 'query');
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.requests[0].input.SecurityGroupIds, ['sg-01234567', 'sg-89abcdef']);
  }
  const wrongName = findingsAt(body({ CacheClusterId: 'x' }) + '&SecurityGroupIds.SecurityGroup.1=sg-01234567', 'query').find((f) => f.code === 'list-member-name')!;
  assert.equal(wrongName.at, 'SecurityGroup');
  assert.equal(wrongName.finding.fixes![0].edits[0].newText, 'SecurityGroupId');
  // A percent-encoded name has no exact span per segment: the fix rewrites the whole name, with the marker changed.
  const encoded = findingsAt(body({ CacheClusterId: 'x' }) + '&SecurityGroupIds.SecurityGroup%2E1=sg-01234567', 'query').find((f) => f.code === 'list-member-name')!;
  assert.deepEqual(encoded.finding.fixes![0].edits.map((e) => e.newText), ['SecurityGroupIds.SecurityGroupId.1']);
  const zero = findingsAt(body({ CacheClusterId: 'x' }) + '&SecurityGroupIds.member.0=sg-01234567', 'query').find((f) => f.code === 'list-index')!;
  assert.equal(zero.severity, 'error');
  const gap = findingsAt(body({ CacheClusterId: 'x' }) + '&SecurityGroupIds.member.1=sg-01234567&SecurityGroupIds.member.3=sg-89abcdef', 'query').find((f) => f.code === 'list-index')!;
  assert.equal(gap.at, 'SecurityGroupIds.member.3');
  const notFrom1 = findingsAt(body({ CacheClusterId: 'x' }) + '&SecurityGroupIds.member.2=sg-01234567', 'query').find((f) => f.code === 'list-index')!;
  assert.match(notFrom1.finding.message, /from 1/);
  const bare = findingsAt(body({ CacheClusterId: 'x' }) + '&SecurityGroupIds=sg-01234567', 'query').find((f) => f.code === 'invalid-type')!;
  assert.equal(bare.finding.fixes![0].edits[0].newText, 'SecurityGroupIds.SecurityGroupId.1');
});

// ---- Query layer rules
const clean = CLEAN_QUERY;
const replaceLine = (from: string, to: string) => {
  assert.ok(clean.includes(from), from);
  return clean.replace(from, to);
};
const queryCases: [string, string][] = [
  ['query-bad-percent-encoding', replaceLine('&CacheClusterId=my-cluster', '&CacheClusterId=my%2-cluster')],
  ['query-unencoded-character', replaceLine('&CacheClusterId=my-cluster', '&CacheClusterId=my cluster')],
  ['query-unencoded-character', replaceLine('&CacheClusterId=my-cluster', '&CacheClusterId=my#cluster')],
  ['query-trailing-whitespace', replaceLine('&NumCacheNodes=1', '&NumCacheNodes=1   ')],
  ['query-syntax', replaceLine('&NumCacheNodes=1', '?NumCacheNodes=1')],
  ['query-placeholder', replaceLine('&X-Amz-Signature=' + 'ab'.repeat(32), '&X-Amz-Signature=<signature>')],
  ['query-version', replaceLine('&Version=2015-02-02', '&Version=2014-09-30')],
  ['query-version', replaceLine('    &Version=2015-02-02\n', '')],
  ['query-host', replaceLine('https://elasticache.us-west-2.amazonaws.com/', 'https://ec2.us-west-2.amazonaws.com/')],
  ['query-scheme', replaceLine('https://', 'http://')],
  ['query-unknown-parameter', replaceLine('&X-Amz-Expires=300', '&X-Amz-Expires=300&X-Amz-Foo=1')],
  ['query-sigv4-incomplete', replaceLine('    &X-Amz-Algorithm=AWS4-HMAC-SHA256\n', '')],
  ['query-algorithm', replaceLine('&X-Amz-Algorithm=AWS4-HMAC-SHA256', '&X-Amz-Algorithm=HmacSHA256')],
  ['query-date-format', replaceLine('&X-Amz-Date=20150508T220302Z', '&X-Amz-Date=2015-05-08T22:03:02Z')],
  ['query-date-format', replaceLine('&X-Amz-Date=20150508T220302Z', '&X-Amz-Date=20151308T220302Z')],
  ['query-expires', replaceLine('&X-Amz-Expires=300', '&X-Amz-Expires=604801')],
  ['query-expires', replaceLine('&X-Amz-Expires=300', '&X-Amz-Expires=5m')],
  ['query-signed-headers', replaceLine('&X-Amz-SignedHeaders=host', '&X-Amz-SignedHeaders=Host')],
  ['query-signed-headers', replaceLine('&X-Amz-SignedHeaders=host', '&X-Amz-SignedHeaders=x-amz-date%3Bhost')],
  ['query-signature', replaceLine('&X-Amz-Signature=' + 'ab'.repeat(32), '&X-Amz-Signature=ABCDEF')],
  ['query-credential', replaceLine('%2Felasticache%2F', '%2Fec2%2F')],
  ['query-credential', replaceLine('AKIDEXAMPLE%2F20150508', 'AKIDEXAMPLE%2F20150509')],
  ['query-credential', replaceLine('&X-Amz-Credential=AKIDEXAMPLE%2F20150508%2Fus-west-2%2Felasticache%2Faws4_request', '&X-Amz-Credential=AKIDEXAMPLE')],
  ['query-region-mismatch', replaceLine('%2Fus-west-2%2F', '%2Fus-east-1%2F')],
  ['query-sigv2-param', replaceLine('&NumCacheNodes=1', '&NumCacheNodes=1\n    &SignatureVersion=4')],
  ['query-sigv2', 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x&SignatureVersion=4&SignatureMethod=HmacSHA256&AWSAccessKeyId=AKID&Signature=abc%3D&Timestamp=2015-05-08T22%3A03%3A02Z'],
  ['query-timestamp-format', 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x&SignatureVersion=2&SignatureMethod=HmacSHA256&AWSAccessKeyId=AKID&Signature=abc%3D&Timestamp=20150508T220302Z'],
];

for (const [code, text] of queryCases) {
  test(`query rule ${code}: hit and clean`, () => {
    const got = codes(text, 'query');
    assert.ok(got.includes(code), `${code} expected in ${got}`);
    assert.ok(!codes(clean, 'query').includes(code));
  });
}

test('a clean SigV2 request and a clean local-endpoint URL have no findings', () => {
  assert.deepEqual(codes('Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x&SignatureVersion=2&SignatureMethod=HmacSHA256&AWSAccessKeyId=AKID&Signature=abc%3D&Timestamp=2015-05-08T22%3A03%3A02Z', 'query'), []);
  assert.deepEqual(codes('http://127.0.0.1:4510/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x', 'query'), []);
});

test('signed-headers fix produces the canonical list; version fix inserts Version', () => {
  const t = replaceLine('&X-Amz-SignedHeaders=host', '&X-Amz-SignedHeaders=X-Amz-Date%3BHost');
  const f = analyze(t, 'query').findings.find((x) => x.code === 'query-signed-headers')!;
  assert.deepEqual(codes(applyEdits(t, f.fixes![0].edits), 'query'), []);
  const nv = body({ CacheClusterId: 'x' }).replace('&Version=2015-02-02', '');
  const v = analyze(nv, 'query').findings.find((x) => x.code === 'query-version')!;
  assert.deepEqual(codes(applyEdits(nv, v.fixes![0].edits), 'query'), []);
});

test("unencoded '+' (read as a space) and '=' in values are warnings with encoding fixes ('+' in free text: a note)", () => {
  const t = body({ CacheClusterId: 'x' }) + '&Tags.Tag.1.Key=k&Tags.Tag.1.Value=a+b=';
  const f = findingsAt(t, 'query').filter((x) => x.code === 'query-unencoded-character');
  // A tag value is free text, where '+' is how the AWS CLI writes a space: information, not a warning.
  assert.deepEqual(f.map((x) => `${x.severity}@${x.at}`), ['information@+', 'warning@=']);
  const named = findingsAt(body({ CacheClusterId: 'x' }) + '&CacheSubnetGroupName=a+b', 'query').filter((x) => x.code === 'query-unencoded-character');
  assert.deepEqual(named.map((x) => `${x.severity}@${x.at}`), ['warning@+']);
  assert.deepEqual(f[0].finding.fixes!.map((x) => x.edits[0].newText), ['%2B', '%20']);
  assert.deepEqual(analyze(t, 'query').requests[0].input.Tags, [{ Key: 'k', Value: 'a b=' }]);
  assert.deepEqual(codes(body({ CacheClusterId: 'x' }) + '&Tags.Tag.1.Key=k&Tags.Tag.1.Value=a%2Bb%3D', 'query'), []);
});

test('X-Amz-Date must name a real date and time', () => {
  const at = (d: string) => codes(CLEAN_QUERY.replace('X-Amz-Date=20150508T220302Z', `X-Amz-Date=${d}`).replace('%2F20150508%2F', `%2F${d.slice(0, 8)}%2F`), 'query');
  assert.deepEqual(at('20240229T000000Z'), []);
  for (const bad of ['20230229T000000Z', '20150431T000000Z', '20150508T240000Z', '20150508T226000Z', '20150008T000000Z']) assert.ok(at(bad).includes('query-date-format'), bad);
});

test('messages state the problem first: empty values say the member is empty', () => {
  const message = (input: Record<string, unknown>, code: string) => {
    const issue = checkCreateCacheCluster(input, {}).find((i) => i.code === code);
    return issue ? issueMessage(issue) : '';
  };
  assert.match(message({ ...base, EngineVersion: '' }, 'engine-version'), /^EngineVersion is empty: give a Redis OSS version \(e\.g\. 7\.1\)/);
  assert.match(message({ ...base, CacheNodeType: '' }, 'invalid-node-type'), /^CacheNodeType is empty/);
  assert.match(message({ ...mc, PreferredAvailabilityZones: [''] }, 'invalid-availability-zone'), /^PreferredAvailabilityZones \(item 1\) is empty/);
  assert.match(message({ ...base, PreferredAvailabilityZone: '' }, 'invalid-availability-zone'), /^PreferredAvailabilityZone is empty/);
  assert.match(message({ ...base, SecurityGroupIds: [''] }, 'security-group-id'), /^SecurityGroupIds \(item 1\) is empty/);
  // Non-empty wrong values still quote the value.
  assert.match(message({ ...base, EngineVersion: 'latest' }, 'engine-version'), /^'latest' is not an engine version/);
  const json = analyze('{ "CacheClusterId": "x", "Engine": "redis", "EngineVersion": "", "CacheNodeType": "" }', 'json').findings.map((f) => f.message);
  assert.ok(json.some((m) => m.startsWith('EngineVersion is empty')) && json.some((m) => m.startsWith('CacheNodeType is empty')), json.join('\n'));
});

test('Timestamp: only "remove it" in a Signature Version 4 request; its format is still checked in a Signature Version 2 one', () => {
  const sigv4 = CLEAN_QUERY + '&Timestamp=20150508T220302Z';
  const found = codes(sigv4, 'query');
  assert.ok(found.includes('query-sigv2-param'), found.join(','));
  assert.ok(!found.includes('query-timestamp-format'), found.join(','));
  const sigv2 = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x&SignatureVersion=2&SignatureMethod=HmacSHA256&AWSAccessKeyId=AKID&Signature=abc%3D&Timestamp=20150508T220302Z';
  assert.ok(codes(sigv2, 'query').includes('query-timestamp-format'));
});

test('X-Amz-Expires and placeholders: problem first, the same words for secret and non-secret parameters', () => {
  const expires = analyze(CLEAN_QUERY.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=0'), 'query').findings.find((f) => f.code === 'query-expires');
  assert.equal(expires?.message, 'X-Amz-Expires must be a number of seconds from 1 to 604800 (7 days): how long the signed URL stays valid.');
  const placeholders = analyze(CLEAN_QUERY.replace(/X-Amz-Signature=\w+/, 'X-Amz-Signature=<signature>').replace(/X-Amz-Date=\w+/, 'X-Amz-Date=<date>'), 'query')
    .findings.filter((f) => f.code === 'query-placeholder')
    .map((f) => f.message);
  assert.deepEqual(placeholders.sort(), [
    "X-Amz-Date is a placeholder, not a value: replace it before sending the request (as written, its '<', '>' or braces are not even valid in a URL).",
    "X-Amz-Signature is a placeholder, not a value: replace it before sending the request (as written, its '<', '>' or braces are not even valid in a URL).",
  ]);
});

test('previous-generation-node-type: the suggested type is a current-generation one of the same group (CacheNode page) and size, usable with the engine version', () => {
  const message = (input: Record<string, unknown>) => checkCreateCacheCluster(input).find((i) => i.code === 'previous-generation-node-type')?.message;
  assert.equal(message({ ...base, CacheNodeType: 'cache.r3.8xlarge' }), 'cache.r3.8xlarge is a previous-generation node type: AWS no longer supports creating new clusters with it. Choose a current-generation type (e.g. cache.r7g.8xlarge).');
  assert.match(message({ ...base, CacheNodeType: 'cache.m2.4xlarge' })!, /\(e\.g\. cache\.r7g\.4xlarge\)\.$/, 'memory optimized, previous generation');
  assert.match(message({ ...base, CacheNodeType: 'cache.m3.2xlarge' })!, /\(e\.g\. cache\.m7g\.2xlarge\)\.$/, 'general purpose');
  // T4g needs Memcached 1.5.16: for 1.4.34 the general-purpose medium type is T3.
  assert.match(message({ ...mc, EngineVersion: '1.4.34', CacheNodeType: 'cache.m3.medium' })!, /\(e\.g\. cache\.t3\.medium\)\.$/);
  assert.match(message({ ...base, CacheNodeType: 'cache.m3.medium' })!, /\(e\.g\. cache\.t4g\.medium\)\.$/);
  // No current-generation compute-optimized family is listed on the CacheNode page: no example rather than a wrong one.
  assert.match(message({ ...base, CacheNodeType: 'cache.c1.xlarge' })!, /Choose a current-generation type\.$/);
  // Clean: a current-generation type.
  assert.equal(message({ ...base, CacheNodeType: 'cache.r7g.8xlarge' }), undefined);
});

test('query-version fix: a request written one parameter per line gets its own &Version line, indented as its lines; a one-line request gets it inline (review)', () => {
  const fixed = (text: string) => {
    const finding = analyze(text, 'query').findings.find((f) => f.code === 'query-version')!;
    assert.equal(finding.fixes![0].title, 'Add Version=2015-02-02');
    const out = applyEdits(text, finding.fixes![0].edits);
    assert.ok(!codes(out, 'query').includes('query-version'), out);
    return out;
  };
  const lines = (...l: string[]) => l.join('\n');
  // `?Action=` on the URL line, the rest on continuation lines.
  assert.equal(
    fixed(lines('https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster', '    &CacheClusterId=a', '    &Engine=redis')),
    lines('https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster', '    &Version=2015-02-02', '    &CacheClusterId=a', '    &Engine=redis'),
  );
  // `?Action=` on a line of its own, tab-indented, CRLF line breaks.
  assert.equal(
    fixed('https://elasticache.us-east-1.amazonaws.com/\r\n\t?Action=CreateCacheCluster\r\n\t&CacheClusterId=a\r\n'),
    'https://elasticache.us-east-1.amazonaws.com/\r\n\t?Action=CreateCacheCluster\r\n\t&Version=2015-02-02\r\n\t&CacheClusterId=a\r\n',
  );
  // Action last, on its own line.
  assert.equal(fixed(lines('https://elasticache.us-east-1.amazonaws.com/', '  ?Action=DescribeCacheClusters')), lines('https://elasticache.us-east-1.amazonaws.com/', '  ?Action=DescribeCacheClusters', '  &Version=2015-02-02'));
  // Clean cases: one line stays one line; parameters after Action on its line keep it inline.
  assert.equal(fixed('https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&CacheClusterId=a'), 'https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a');
  assert.equal(fixed('Action=CreateCacheCluster&CacheClusterId=a'), 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a');
  assert.equal(fixed(lines('https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&Engine=redis', '    &CacheClusterId=a')), lines('https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&Engine=redis', '    &CacheClusterId=a'));
});

test('one finding per mistake: PreferredAvailabilityZones on Valkey/Redis OSS is an engine-parameter error, with no az-count or az-conflict beside it (review)', () => {
  const zones = 'PreferredAvailabilityZones.PreferredAvailabilityZone.1=us-east-1a&PreferredAvailabilityZones.PreferredAvailabilityZone.2=us-east-1b';
  const request = (engine: string, extra = '') => `https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=${engine}&${zones}${extra}`;
  for (const engine of ['valkey', 'redis']) {
    assert.deepEqual(codes(request(engine), 'query'), ['engine-parameter'], engine);
    assert.deepEqual(codes(request(engine, '&PreferredAvailabilityZone=us-east-1a'), 'query'), ['engine-parameter'], engine);
  }
  // Memcached takes the member: its count against NumCacheNodes, and the conflict, are still checked.
  assert.deepEqual(codes(request('memcached'), 'query'), ['az-count']);
  assert.deepEqual(codes(request('memcached', '&NumCacheNodes=2&PreferredAvailabilityZone=us-east-1a'), 'query'), ['az-conflict']);
  assert.deepEqual(codes(request('memcached', '&NumCacheNodes=2'), 'query'), []);
});
