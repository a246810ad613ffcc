// Messages say the problem, then what to do: too many tags (how many, remove some), a Query parameter given twice
// (both values, keep one), a YAML/JSON number for a string (quote it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, checkCreateCacheCluster } from '../../server/src/service/index';

const Q = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a';

test('tags: too many tags says how many there are and how many to remove', () => {
  const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}` }));
  const issue = checkCreateCacheCluster({ CacheClusterId: 'a', Tags: tags(53) }).find((i) => i.code === 'tags');
  assert.equal(issue?.message, 'Tags lists 53 tags, but a resource takes at most 50: remove 3.');
  assert.ok(!checkCreateCacheCluster({ CacheClusterId: 'a', Tags: tags(50) }).some((i) => i.code === 'tags'));
});

test('duplicate-parameter: different values are both named, with what to do; a secret is not echoed', () => {
  const [dup] = analyze(`${Q}&Engine=redis&Engine=valkey`, 'query').findings;
  assert.equal(dup.code, 'duplicate-parameter');
  assert.equal(dup.message, "Engine is given more than once with different values ('redis', then 'valkey'): keep one and remove the other.");
  assert.equal(analyze(`${Q}&Engine=redis&Engine=redis`, 'query').findings[0].message, 'Engine is given more than once, with the same value: remove this one.');
  const secret = analyze(`${Q}&Engine=redis&TransitEncryptionEnabled=true&CacheSubnetGroupName=s&AuthToken=Sup3rS3cretToken-one&AuthToken=Sup3rS3cretToken-two`, 'query').findings;
  const dupToken = secret.find((f) => f.code === 'duplicate-parameter')!;
  assert.equal(dupToken.message, 'AuthToken is given more than once with different values: keep one and remove the other.');
  for (const f of secret) assert.doesNotMatch(f.message, /Sup3r/);
  // Clean: each parameter once.
  assert.deepEqual(analyze(`${Q}&Engine=redis`, 'query').findings.map((f) => f.code), []);
});

test('invalid-type: a number where a string is expected says to quote it (YAML and JSON)', () => {
  for (const [text, kind, quoted] of [
    ['CacheClusterId: a\nEngine: redis\nEngineVersion: 7.0\n', 'yaml', '"7.0"'],
    ['CacheClusterId: a\nEngine: redis\nEngineVersion: 7.10\n', 'yaml', '"7.10"'],
    ['{"CacheClusterId": "a", "Engine": "redis", "EngineVersion": 7.0}', 'json', '"7.0"'],
  ] as const) {
    const [f] = analyze(text, kind).findings;
    assert.equal(f.code, 'invalid-type');
    assert.equal(f.message, `EngineVersion must be a string, not a floating-point number. The AWS CLI rejects it (parameter validation). Quote it: ${quoted}.`, kind);
  }
  // Clean: quoted.
  assert.deepEqual(analyze('CacheClusterId: a\nEngine: redis\nEngineVersion: "7.0"\n', 'yaml').findings.map((f) => f.code), []);
});
