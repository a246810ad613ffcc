// CreateServerlessCache / ModifyServerlessCache: what their API references state beyond the model's shapes
// (rules.ts checkServerlessCache; API_CreateServerlessCache, API_ModifyServerlessCache, API_DataStorage, API_ECPUPerSecond).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, findingsAt } from './helpers';

const HOST = 'https://elasticache.us-east-1.amazonaws.com/';
const query = (action: string, ...params: string[]) => `${HOST}?${[`Action=${action}`, 'Version=2015-02-02', ...params].join('&')}\n`;
const create = (...params: string[]) => query('CreateServerlessCache', 'ServerlessCacheName=my-cache', ...params);
const modify = (...params: string[]) => query('ModifyServerlessCache', 'ServerlessCacheName=my-cache', ...params);
const found = (text: string) => findingsAt(text, 'query').map((f) => [f.code, f.severity, f.at]);

test('serverless: a clean CreateServerlessCache and ModifyServerlessCache have no findings', () => {
  assert.deepEqual(found(create('Engine=valkey', 'MajorEngineVersion=8', 'Description=' + 'd'.repeat(255), 'UserGroupId=my-users', 'CacheUsageLimits.DataStorage.Maximum=10', 'CacheUsageLimits.DataStorage.Minimum=10', 'CacheUsageLimits.DataStorage.Unit=GB', 'CacheUsageLimits.ECPUPerSecond.Minimum=1000', 'CacheUsageLimits.ECPUPerSecond.Maximum=5000', 'NetworkType=dual_stack')), []);
  assert.deepEqual(found(create('Engine=memcached', 'SnapshotRetentionLimit=3')), []);
  assert.deepEqual(found(modify('Engine=redis', 'RemoveUserGroup=true', 'CacheUsageLimits.DataStorage.Minimum=5', 'CacheUsageLimits.DataStorage.Unit=GB')), []);
});

test('serverless engine-parameter: UserGroupId and RemoveUserGroup are for Valkey and Redis OSS only', () => {
  const text = create('Engine=memcached', 'UserGroupId=my-users');
  const [finding] = findingsAt(text, 'query').filter((f) => f.code === 'engine-parameter');
  assert.equal(finding.at, 'UserGroupId');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.finding.message, 'UserGroupId is only available for Valkey or Redis OSS serverless caches, not Memcached: remove it, or choose valkey or redis.');
  assert.deepEqual(found(modify('Engine=memcached', 'RemoveUserGroup=true')), [['engine-parameter', 'error', 'RemoveUserGroup']]);
  // Without an Engine (a Modify that keeps its engine) nothing says which engine the cache runs.
  assert.deepEqual(found(modify('UserGroupId=my-users')), []);
});

test('serverless invalid-engine / engine-case: valkey, memcached or redis, lowercase', () => {
  assert.deepEqual(found(create('Engine=Valkey')), [['engine-case', 'warning', 'Valkey']]);
  const [typo] = findingsAt(create('Engine=valky'), 'query');
  assert.equal(typo.code, 'invalid-engine');
  assert.equal(typo.finding.message, "Engine must be one of memcached, redis, valkey, not 'valky'. Did you mean valkey?");
  assert.equal(applyEdits(create('Engine=valky'), typo.finding.fixes![0].edits), create('Engine=valkey'));
});

test('serverless member-length: Description over 255 characters (the references state the maximum; the model does not)', () => {
  assert.deepEqual(found(create('Engine=redis', 'Description=' + 'd'.repeat(256))).map(([code, severity]) => [code, severity]), [['member-length', 'error']]);
  assert.deepEqual(found(modify('Description=' + 'd'.repeat(300))).map(([code]) => code), ['member-length']);
});

test('serverless-usage-limits: a Minimum above its Maximum, for DataStorage and ECPUPerSecond', () => {
  const text = create('Engine=redis', 'CacheUsageLimits.DataStorage.Maximum=10', 'CacheUsageLimits.DataStorage.Minimum=20', 'CacheUsageLimits.DataStorage.Unit=GB');
  const [finding, ...rest] = findingsAt(text, 'query');
  assert.equal(rest.length, 0);
  assert.deepEqual([finding.code, finding.severity, finding.at], ['serverless-usage-limits', 'warning', '20']);
  assert.equal(finding.finding.message, 'CacheUsageLimits.DataStorage.Minimum (20) is above the Maximum beside it (10): a lower limit cannot exceed the upper limit. Lower the Minimum or raise the Maximum.');
  assert.deepEqual(found(modify('CacheUsageLimits.ECPUPerSecond.Minimum=2000', 'CacheUsageLimits.ECPUPerSecond.Maximum=1000')), [['serverless-usage-limits', 'warning', '2000']]);
});

test('serverless-cache-name-case: uppercase in ServerlessCacheName ("stored as a lowercase string"), with a lowercase fix', () => {
  const text = query('CreateServerlessCache', 'ServerlessCacheName=My-Cache', 'Engine=redis');
  const [finding] = findingsAt(text, 'query');
  assert.deepEqual([finding.code, finding.severity, finding.at], ['serverless-cache-name-case', 'hint', 'My-Cache']);
  assert.equal(applyEdits(text, finding.finding.fixes![0].edits), query('CreateServerlessCache', 'ServerlessCacheName=my-cache', 'Engine=redis'));
  // ModifyServerlessCache names an existing cache: not this hint.
  assert.deepEqual(found(query('ModifyServerlessCache', 'ServerlessCacheName=My-Cache')), []);
});
