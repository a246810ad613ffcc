// The create actions' single-member value rules on the other actions that take the member with the same shape
// (ModifyCacheCluster, ModifyReplicationGroup, ModifyGlobalReplicationGroup, CreateServerlessCache, …): checkMemberValues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt } from './helpers';
import { checkMemberValues, patchVersionIssue } from '../../server/src/service/rules';
import { findVersion } from '../../server/src/model/facts';

const HOST = 'https://elasticache.us-east-1.amazonaws.com/';
const query = (action: string, ...params: string[]) => `${HOST}?${[`Action=${action}`, 'Version=2015-02-02', ...params].join('&')}\n`;
const found = (text: string) => findingsAt(text, 'query').map((f) => [f.code, f.severity, f.at]);
const cluster = (...params: string[]) => query('ModifyCacheCluster', 'CacheClusterId=my-cluster', ...params);
const group = (...params: string[]) => query('ModifyReplicationGroup', 'ReplicationGroupId=my-rg', ...params);

test('maintenance-window / snapshot-window: the window formats on ModifyCacheCluster and ModifyReplicationGroup', () => {
  assert.deepEqual(found(cluster('PreferredMaintenanceWindow=sunday-05:00')), [['maintenance-window', 'error', 'sunday-05:00']]);
  assert.deepEqual(found(group('SnapshotWindow=25:00-26:00')), [['snapshot-window', 'error', '25:00-26:00']]);
  assert.deepEqual(found(cluster('PreferredMaintenanceWindow=sun:23:00-mon:01:30', 'SnapshotWindow=05:00-09:00')), []);
  assert.deepEqual(found(group('PreferredMaintenanceWindow=sun:23:00-mon:01:30', 'SnapshotWindow=05:00-09:00')), []);
  // Both windows in one request: they must not overlap, as on the create actions.
  assert.deepEqual(found(group('PreferredMaintenanceWindow=sun:05:00-sun:07:00', 'SnapshotWindow=05:00-09:00')), [['window-overlap', 'warning', '05:00-09:00']]);
});

test('invalid-node-type / unknown-node-type: the node type to scale to, on any Modify action', () => {
  const bad = findingsAt(group('CacheNodeType=r7g.large'), 'query');
  assert.deepEqual(bad.map((f) => [f.code, f.severity, f.at]), [['invalid-node-type', 'error', 'r7g.large']]);
  assert.equal(bad[0].finding.fixes?.[0].edits[0].newText, 'cache.r7g.large');
  assert.deepEqual(found(cluster('CacheNodeType=cache.r7g.huge')), [['unknown-node-type', 'warning', 'cache.r7g.huge']]);
  assert.deepEqual(found(query('ModifyGlobalReplicationGroup', 'GlobalReplicationGroupId=ldgnf-my-global', 'ApplyImmediately=true', 'CacheNodeType=r7g.xlarge')).map((f) => f[0]), ['invalid-node-type']);
  assert.deepEqual(found(group('CacheNodeType=cache.r7g.large')), []);
  assert.deepEqual(found(query('ModifyGlobalReplicationGroup', 'GlobalReplicationGroupId=ldgnf-my-global', 'ApplyImmediately=true', 'CacheNodeType=cache.r6gd.xlarge')), []);
});

test('engine-version: without an Engine, a version of any engine is fine; a patch version and text that is no version are not', () => {
  const patch = findingsAt(group('EngineVersion=6.2.6'), 'query');
  assert.deepEqual(patch.map((f) => [f.code, f.severity, f.at]), [['engine-version', 'warning', '6.2.6']]);
  assert.match(patch[0].finding.message, /^6\.2\.6 is a patch version: ElastiCache offers Redis OSS 6\.2 as one version/);
  assert.equal(patch[0].finding.fixes?.[0].edits[0].newText, '6.2');
  assert.deepEqual(found(cluster('EngineVersion=latest')), [['engine-version', 'error', 'latest']]);
  assert.deepEqual(found(cluster('EngineVersion=9.9')), [['engine-version', 'warning', '9.9']]);
  for (const version of ['7.1', '6.x', '8.0', '1.6.22']) assert.deepEqual(found(group(`EngineVersion=${version}`)), [], version);
  // A version in Extended Support is offered, and charged for (modifyEndOfLife.test.ts).
  assert.deepEqual(found(group('EngineVersion=5.0.6')), [['engine-version-support', 'information', '5.0.6']]);
  assert.deepEqual(found(query('ModifyGlobalReplicationGroup', 'GlobalReplicationGroupId=ldgnf-my-global', 'ApplyImmediately=true', 'EngineVersion=7.2')), []);
});

test('invalid-auth-token: a rotated AuthToken of 16–128 allowed characters, never echoed; an empty one said first', () => {
  const short = findingsAt(group('AuthTokenUpdateStrategy=ROTATE', 'AuthToken=short', 'ApplyImmediately=true'), 'query');
  assert.deepEqual(short.map((f) => [f.code, f.at]), [['invalid-auth-token', 'short'], ['auth-token-in-file', 'short']]);
  assert.ok(short.every((f) => !f.finding.message.includes('short')));
  const empty = findingsAt(group('AuthTokenUpdateStrategy=ROTATE', 'AuthToken='), 'query');
  assert.deepEqual(empty.map((f) => f.code), ['invalid-auth-token']);
  assert.match(empty[0].finding.message, /^AuthToken is empty: give a token of 16 to 128 characters/);
  assert.deepEqual(found(group('AuthTokenUpdateStrategy=ROTATE', 'AuthToken=abc%2Fdefghijklmnopq')).map((f) => f[0]), ['invalid-auth-token', 'auth-token-in-file']);
  // A valid token: only the secret-in-file warning.
  assert.deepEqual(found(group('AuthTokenUpdateStrategy=ROTATE', 'AuthToken=Abcdefghijklmnop-123')).map((f) => f[0]), ['auth-token-in-file']);
});

test('num-cache-nodes: ModifyCacheCluster NumCacheNodes at least 1 (Memcached 1–40; Valkey/Redis OSS 1)', () => {
  const zero = findingsAt(cluster('NumCacheNodes=0'), 'query');
  assert.deepEqual(zero.map((f) => [f.code, f.severity, f.at]), [['num-cache-nodes', 'error', '0']]);
  assert.equal(zero[0].finding.fixes?.[0].edits[0].newText, '1');
  assert.deepEqual(found(cluster('NumCacheNodes=41')), [['num-cache-nodes', 'warning', '41']]);
  assert.deepEqual(found(cluster('NumCacheNodes=3', 'ApplyImmediately=true')), []);
});

test('snapshot-retention / sns-topic-arn / security-group-id on the other actions with those members', () => {
  assert.deepEqual(found(group('SnapshotRetentionLimit=36')), [['snapshot-retention', 'error', '36']]);
  assert.deepEqual(found(query('CreateServerlessCache', 'ServerlessCacheName=my-cache', 'Engine=valkey', 'SnapshotRetentionLimit=36')).map((f) => f[0]), ['snapshot-retention']);
  assert.deepEqual(found(cluster('NotificationTopicArn=my-topic')).map((f) => f[0]), ['sns-topic-arn']);
  // The topic in another Region than the endpoint's: a warning that names where the request goes.
  const elsewhere = findingsAt(cluster('NotificationTopicArn=arn%3Aaws%3Asns%3Aus-west-2%3A123456789012%3Amy-topic'), 'query');
  assert.deepEqual(elsewhere.map((f) => [f.code, f.severity]), [['sns-topic-arn', 'warning']]);
  assert.match(elsewhere[0].finding.message, /but this request goes to us-east-1/);
  assert.deepEqual(found(group('SecurityGroupIds.SecurityGroupId.1=sg-1')), [['security-group-id', 'warning', 'sg-1']]);
  assert.deepEqual(found(cluster('SnapshotRetentionLimit=35', 'NotificationTopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Amy-topic', 'SecurityGroupIds.SecurityGroupId.1=sg-0123456789abcdef0')), []);
});

test('tags on AddTagsToResource and the other actions that take a TagList: the create actions\' tag rules', () => {
  const arn = 'ResourceName=arn%3Aaws%3Aelasticache%3Aus-east-1%3A123456789012%3Acluster%3Amy-cluster';
  const reserved = findingsAt(query('AddTagsToResource', arn, 'Tags.Tag.1.Key=aws%3Ateam', 'Tags.Tag.1.Value=cache'), 'query');
  assert.deepEqual(reserved.map((f) => [f.code, f.severity, f.at]), [['tags', 'error', 'aws%3Ateam']]);
  assert.equal(reserved[0].finding.awsError, 'InvalidParameterValue');
  assert.match(reserved[0].finding.message, /^Tags\.Tag\.1\.Key starts with 'aws:', a prefix reserved for AWS use/);
  assert.deepEqual(found(query('AddTagsToResource', arn, 'Tags.Tag.1.Value=cache')).map((f) => f[0]), ['tags']);
  assert.deepEqual(found(query('AddTagsToResource', arn, `Tags.Tag.1.Key=${'k'.repeat(129)}`)).map((f) => f[0]), ['tags']);
  assert.deepEqual(found(query('CreateCacheSubnetGroup', 'CacheSubnetGroupName=g', 'CacheSubnetGroupDescription=d', 'SubnetIds.SubnetIdentifier.1=subnet-1', 'Tags.Tag.1.Key=')).map((f) => f[0]), ['tags']);
  assert.deepEqual(found(query('AddTagsToResource', arn, 'Tags.Tag.1.Key=team', 'Tags.Tag.1.Value=cache', `Tags.Tag.2.Key=${'k'.repeat(128)}`)), []);
});

test('the API reference examples of the Modify actions are clean; Describe filters and the create actions are left alone', () => {
  // botocore examples-1.json: ModifyCacheCluster and ModifyReplicationGroup.
  assert.deepEqual(found(query('ModifyCacheCluster', 'ApplyImmediately=true', 'CacheClusterId=redis-cluster', 'SnapshotRetentionLimit=14')), []);
  assert.deepEqual(found(query('ModifyReplicationGroup', 'ApplyImmediately=true', 'ReplicationGroupDescription=Modified%20replication%20group', 'ReplicationGroupId=my-redis-rg', 'SnapshotRetentionLimit=30', 'SnapshottingClusterId=my-redis-rg-001')), []);
  // A filter value that matches nothing is an empty answer, not an error.
  assert.deepEqual(found(query('DescribeCacheEngineVersions', 'EngineVersion=6.2.6')), []);
  assert.deepEqual(found(query('DescribeReservedCacheNodesOfferings', 'CacheNodeType=r7g.large')), []);
  // The create actions run their own rules (one finding, not two).
  assert.deepEqual(checkMemberValues('CreateCacheCluster', { PreferredMaintenanceWindow: 'sunday' }), []);
  assert.deepEqual(checkMemberValues('ModifyCacheCluster', { PreferredMaintenanceWindow: 'sunday' }).map((i) => i.code), ['maintenance-window']);
});

test('engine-version: a patch version gets the same message and fix on a create action as on a Modify action (one function)', () => {
  const expected = patchVersionIssue('6.2.6', findVersion('redis', '6.2')!).message;
  const create = findingsAt(query('CreateCacheCluster', 'CacheClusterId=a', 'Engine=redis', 'EngineVersion=6.2.6'), 'query').filter((f) => f.code === 'engine-version');
  const modify = findingsAt(group('EngineVersion=6.2.6'), 'query').filter((f) => f.code === 'engine-version');
  for (const found of [create, modify]) {
    assert.deepEqual(found.map((f) => [f.finding.message, f.finding.fixes?.[0].edits[0].newText]), [[expected, '6.2']]);
  }
  assert.equal(expected, '6.2.6 is a patch version: ElastiCache offers Redis OSS 6.2 as one version and applies its patches itself. Use 6.2.');
});

test('engine-version on a Modify that names its Engine (an upgrade to Valkey): the version is one of that engine, as on a create', () => {
  const valkey = findingsAt(group('Engine=valkey', 'EngineVersion=3.2.4'), 'query');
  assert.deepEqual(valkey.map((f) => [f.code, f.severity, f.at]), [['engine-version', 'error', '3.2.4']]);
  assert.match(valkey[0].finding.message, /^3\.2\.4 is a Redis OSS version, not a Valkey one \(Valkey versions: /);
  assert.deepEqual(found(group('Engine=valkey', 'EngineVersion=7.1')), [['engine-version', 'error', '7.1']]);
  assert.match(findingsAt(cluster('Engine=valkey', 'EngineVersion='), 'query')[0]?.finding.message ?? '', /^EngineVersion is empty: give a Valkey version \(e\.g\. [\d.]+\) or leave it out to keep the current one\.$/);
  // Clean: a version of the named engine; with Engine=redis, end of life in the upgrade wording.
  assert.deepEqual(found(group('Engine=valkey', 'EngineVersion=8.0')), []);
  assert.deepEqual(found(cluster('Engine=Redis', 'EngineVersion=7.1')), []);
  assert.match(findingsAt(cluster('Engine=redis', 'EngineVersion=3.2.4'), 'query')[0]?.finding.message ?? '', /clusters cannot upgrade to it/);
});
