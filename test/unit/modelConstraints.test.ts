// The service model's constraints on values, enforced for every action (rules member-length, member-pattern, and
// invalid-type for timestamps): string min/max length and pattern (a whole-value match), list min/max items.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt } from './helpers';

const query = (...params: string[]) => [`Action=${params[0]}`, 'Version=2015-02-02', ...params.slice(1)].join('&') + '\n';
const found = (text: string) => findingsAt(text, 'query').map((f) => [f.code, f.severity, f.at]);

test('member-pattern / member-length: a NodeGroupId off AllowedNodeGroupId (1–4 characters, \\d+) in any action', () => {
  // TestFailover's NodeGroupId and IncreaseReplicaCount's ConfigureShard NodeGroupId are AllowedNodeGroupId.
  const hit = findingsAt(query('TestFailover', 'ReplicationGroupId=my-rg', 'NodeGroupId=shard-1'), 'query');
  assert.deepEqual(hit.map((f) => [f.code, f.severity, f.at]), [['member-pattern', 'error', 'shard-1']]);
  assert.match(hit[0].finding.message, /^NodeGroupId 'shard-1' has 7 characters \(at most 4\) and does not match the pattern \\d\+ \(digits only\): ElastiCache rejects it/);
  assert.match(hit[0].finding.message, /Give 1 to 4 characters matching \\d\+/);
  assert.deepEqual(found(query('TestFailover', 'ReplicationGroupId=my-rg', 'NodeGroupId=0001')), []);
  // Digits, but too many: a length finding.
  assert.deepEqual(found(query('TestFailover', 'ReplicationGroupId=my-rg', 'NodeGroupId=00001')), [['member-length', 'error', '00001']]);

  const shard = (id: string) => query('IncreaseReplicaCount', 'ReplicationGroupId=my-rg', 'ApplyImmediately=true', `ReplicaConfiguration.ConfigureShard.1.NodeGroupId=${id}`, 'ReplicaConfiguration.ConfigureShard.1.NewReplicaCount=2');
  const nested = findingsAt(shard('shard-00001'), 'query');
  assert.deepEqual(nested.map((f) => [f.code, f.at]), [['member-pattern', 'shard-00001']]);
  assert.match(nested[0].finding.message, /^ReplicaConfiguration\.ConfigureShard\.1\.NodeGroupId 'shard-00001'/);
  assert.deepEqual(found(shard('0001')), []);
});

test('member-pattern: UserId and a user Engine (EngineType [a-zA-Z]*) that do not match as a whole', () => {
  const user = (id: string, engine: string) => query('CreateUser', `UserId=${id}`, 'UserName=app', `Engine=${engine}`, 'AccessString=on%20~*%20%2B%40all', 'NoPasswordRequired=true');
  const badId = findingsAt(user('1bad_user', 'redis'), 'query');
  assert.deepEqual(badId.map((f) => [f.code, f.severity, f.at]), [['member-pattern', 'error', '1bad_user']]);
  assert.match(badId[0].finding.message, /a letter, then letters, digits or hyphens/);
  // A match inside the value is not enough: the whole value must match (`bad_user` holds `bad`).
  assert.deepEqual(found(user('bad_user', 'redis')).map((f) => f[0]), ['member-pattern']);
  assert.deepEqual(found(user('redis-7', 'redis-7')), [['member-pattern', 'error', 'redis-7']]);
  assert.deepEqual(found(user('app-user-1', 'redis')), []);
  assert.deepEqual(found(user('app-user-1', 'valkey')), []);
});

test('member-length: a list over its max (ReplicationGroupIds 20, ServiceUpdateStatus 3) or under its min (an empty UserIds)', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `ReplicationGroupIds.member.${i + 1}=rg-${i + 1}`);
  const over = findingsAt(query('BatchApplyUpdateAction', 'ServiceUpdateName=elasticache-20190611-001', ...ids(22)), 'query');
  assert.deepEqual(over.map((f) => [f.code, f.severity, f.at]), [['member-length', 'error', 'ReplicationGroupIds']]);
  assert.match(over[0].finding.message, /^ReplicationGroupIds lists 22 items, but takes at most 20 for BatchApplyUpdateAction: .* Remove 2/);
  assert.deepEqual(found(query('BatchApplyUpdateAction', 'ServiceUpdateName=elasticache-20190611-001', ...ids(20))), []);

  const statuses = (list: string[]) => query('DescribeUpdateActions', ...list.map((s, i) => `ServiceUpdateStatus.member.${i + 1}=${s}`));
  assert.deepEqual(found(statuses(['available', 'cancelled', 'expired', 'available'])), [['member-length', 'error', 'ServiceUpdateStatus']]);
  assert.deepEqual(found(statuses(['available', 'cancelled', 'expired'])), []);

  // `UserIds=` is how the Query protocol sends an empty list; UserIdListInput has min 1.
  const empty = findingsAt(query('CreateUserGroup', 'UserGroupId=app-users', 'Engine=redis', 'UserIds='), 'query');
  assert.deepEqual(empty.map((f) => [f.code, f.at]), [['member-length', 'UserIds']]);
  assert.match(empty[0].finding.message, /^UserIds is an empty list, but takes at least 1 item/);
  assert.deepEqual(found(query('CreateUserGroup', 'UserGroupId=app-users', 'Engine=redis', 'UserIds.member.1=default')), []);
});

test('one finding per mistake: node-group-id and user-group-id keep CreateReplicationGroup\'s members, empty-value its blank values', () => {
  const rg = query('CreateReplicationGroup', 'ReplicationGroupId=my-rg', 'ReplicationGroupDescription=d', 'NodeGroupConfiguration.NodeGroupConfiguration.1.NodeGroupId=abc', 'UserGroupIds.member.1=app_users');
  assert.deepEqual(found(rg).map((f) => f[0]), ['node-group-id', 'user-group-id']);
  // A blank UserId is empty-value's (min 1), not a pattern finding as well.
  const blank = found(query('DeleteUser', 'UserId='));
  assert.deepEqual(blank.map((f) => f[0]), ['empty-value']);
});

test('timestamps: ISO 8601 or epoch seconds (DescribeEvents StartTime=yesterday is an error); the API reference examples are clean', () => {
  const hit = findingsAt(query('DescribeEvents', 'StartTime=yesterday'), 'query');
  assert.deepEqual(hit.map((f) => [f.code, f.severity, f.at]), [['invalid-type', 'error', 'yesterday']]);
  assert.match(hit[0].finding.message, /^StartTime is 'yesterday', not a timestamp: give an ISO 8601 date and time in UTC, e\.g\. 2017-03-30T07:03:49\.555Z/);
  // A date that does not exist; an empty value (said first).
  assert.deepEqual(found(query('DescribeEvents', 'EndTime=2024-02-30')), [['invalid-type', 'error', '2024-02-30']]);
  assert.match(findingsAt(query('DescribeEvents', 'StartTime='), 'query')[0].finding.message, /^StartTime is empty: give an ISO 8601/);
  // Nested (DescribeUpdateActions ServiceUpdateTimeRange is a TimeRangeFilter of TStamps).
  assert.deepEqual(found(query('DescribeUpdateActions', 'ServiceUpdateTimeRange.StartTime=last%20week')).map((f) => f[0]), ['invalid-type']);
  // The API reference examples (botocore examples-1.json, DescribeEvents; the model's StartTime documentation).
  for (const t of ['2016-12-22T15:00:00.000Z', '2017-03-30T07:03:49.555Z', '2017-03-30T07:03:49Z', '2017-03-30', '2017-03-30T07:03%2B02:00', '20170330T070349Z', '1490857429']) {
    assert.deepEqual(found(query('DescribeEvents', `StartTime=${t}`)), [], t);
  }
  assert.deepEqual(found(query('DescribeUpdateActions', 'ServiceUpdateTimeRange.StartTime=2019-06-11T00:00:00Z', 'ServiceUpdateTimeRange.EndTime=2019-07-11T00:00:00Z')), []);
});
