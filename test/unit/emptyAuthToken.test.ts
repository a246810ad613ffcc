// An empty AuthToken is not a secret in source: one finding says it is empty and what to do, in every form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, checkCreateReplicationGroup } from '../../server/src/service/index';
import { findingsAt } from './helpers';

const QUERY = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&TransitEncryptionEnabled=true&CacheSubnetGroupName=sg&AuthToken=';

test('invalid-auth-token: an empty AuthToken is one finding on the value, saying it is empty and what to do', () => {
  const cases: [string, 'query' | 'json' | 'yaml', string][] = [
    [QUERY, 'query', ''],
    [QUERY.replace('&TransitEncryptionEnabled=true', ''), 'query', ''],
    [QUERY.replace('AuthToken=', 'AuthToken=%20%20'), 'query', '%20%20'],
    ['{"CacheClusterId": "a", "Engine": "redis", "AuthToken": ""}', 'json', '""'],
    ['CacheClusterId: a\nEngine: redis\nAuthToken: ""\n', 'yaml', '""'],
  ];
  for (const [text, kind, at] of cases) {
    const found = findingsAt(text, kind);
    assert.deepEqual(found.map((f) => `${f.code}@${f.at}`), [`invalid-auth-token@${at}`], `${kind}: ${text}`);
    assert.match(found[0].finding.message, /^AuthToken is (empty|blank \(only whitespace\)): give a token of 16 to 128 characters .*or remove AuthToken/);
  }
  // A null YAML value is no secret either (the type finding says what is wrong).
  assert.ok(!analyze('CacheClusterId: a\nEngine: redis\nAuthToken:\n', 'yaml').findings.some((f) => f.code === 'auth-token-in-file'));
  // Replication groups: no user-group-auth-token warning on a blank token either.
  const rg = checkCreateReplicationGroup({ ReplicationGroupId: 'a', ReplicationGroupDescription: 'd', Engine: 'redis', EngineVersion: '7.1', UserGroupIds: ['g'], AuthToken: '' });
  assert.deepEqual(rg.map((i) => i.code), ['invalid-auth-token']);
  assert.match(rg[0].message, /without AUTH/);
});

test('a real AuthToken is still a secret in source, with its other findings', () => {
  const codes = analyze(QUERY + 'short', 'query').findings.map((f) => f.code);
  assert.deepEqual(codes.sort(), ['auth-token-in-file', 'invalid-auth-token']);
  assert.match(analyze(QUERY + 'short', 'query').findings.find((f) => f.code === 'invalid-auth-token')!.message, /16 to 128 characters long \(this one has 5\)/);
  const clean = analyze(QUERY + 'Correct-Horse-Battery-9', 'query').findings.map((f) => f.code);
  assert.deepEqual(clean, ['auth-token-in-file']);
});
