// An empty tag Key: one finding, on the value, saying the Key is empty (Query, JSON, YAML), naming the tag as the
// document does (Query: the parameter name as written; JSON/YAML: `Tags (item 1)`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt } from './helpers';

const Q = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis';

test('tags: an empty Key is one finding on the value that says the Key is empty', () => {
  const cases: [string, 'query' | 'json' | 'yaml', string][] = [
    [`${Q}&Tags.Tag.1.Key=&Tags.Tag.1.Value=v`, 'query', ''],
    ['{"CacheClusterId": "a", "Engine": "redis", "Tags": [{"Key": "", "Value": "v"}]}', 'json', '""'],
    ['CacheClusterId: a\nEngine: redis\nTags:\n  - Key: ""\n    Value: v\n', 'yaml', '""'],
  ];
  for (const [text, kind, at] of cases) {
    const found = findingsAt(text, kind);
    assert.deepEqual(found.map((f) => `${f.code}@${f.at}`), [`tags@${at}`], `${kind}: ${text}`);
    const name = kind === 'query' ? 'Tags\\.Tag\\.1\\.Key' : 'Tags \\(item 1\\)\\.Key';
    assert.match(found[0].finding.message, new RegExp(`^${name} is empty: give the tag a key .*, or remove the tag\\.$`), kind);
    // On the value: for Query, the (empty) range right after `Key=`.
    if (kind === 'query') assert.equal(found[0].finding.span.start, text.indexOf('Key=') + 'Key='.length);
  }
});

test('tags: a YAML Key with nothing after it is the type finding only (not "needs a Key" as well)', () => {
  const text = 'CacheClusterId: a\nEngine: redis\nTags:\n  - Key: \n    Value: v\n';
  assert.deepEqual(findingsAt(text, 'yaml').map((f) => f.code), ['invalid-type']);
  // The same for a JSON Key of the wrong type.
  assert.deepEqual(findingsAt('{"CacheClusterId": "a", "Engine": "redis", "Tags": [{"Key": 5}]}', 'json').map((f) => f.code), ['invalid-type']);
});

test('tags: a tag without a Key is reported on the tag; a tag with a Key is clean', () => {
  const missing = findingsAt(`${Q}&Tags.Tag.1.Value=v`, 'query');
  assert.deepEqual(missing.map((f) => `${f.code}@${f.at}`), ['tags@Tags.Tag.1.Value=v']);
  assert.match(missing[0].finding.message, /^Tags\.Tag\.1 has no Key: .*Add a Key, or remove the tag\.$/);
  // With the list marker as written (`member`), and in JSON.
  assert.match(findingsAt(`${Q}&Tags.member.1.Key=k&Tags.member.2.Value=v`, 'query').find((f) => f.code === 'tags')!.finding.message, /^Tags\.member\.2 has no Key: /);
  assert.match(findingsAt('{"CacheClusterId": "a", "Engine": "redis", "Tags": [{"Value": "v"}]}', 'json')[0].finding.message, /^Tags \(item 1\) has no Key: /);
  assert.deepEqual(findingsAt(`${Q}&Tags.Tag.1.Key=team&Tags.Tag.1.Value=`, 'query').map((f) => f.code), []);
});

test('tags: the members a tag needs come from the fact REQUIRED_UNLISTED_MEMBERS (one place), not from the rule', async () => {
  const { REQUIRED_UNLISTED_MEMBERS } = await import('../../server/src/model/facts');
  const text = `${Q}&Tags.Tag.1.Key=k`;
  // Clean case: a tag with its Key needs nothing more.
  assert.deepEqual(findingsAt(text, 'query').map((f) => f.code), []);
  // With the fact saying a tag also needs its Value, the rule reports the tag without one (and says nothing is optional).
  const needs = REQUIRED_UNLISTED_MEMBERS.Tag as string[];
  needs.push('Value');
  try {
    const found = findingsAt(text, 'query');
    assert.deepEqual(found.map((f) => `${f.code}@${f.at}`), ['tags@Tags.Tag.1.Key=k']);
    assert.equal(found[0].finding.message, 'Tags.Tag.1 has no Value: every tag needs one. Add a Value, or remove the tag.');
  } finally {
    needs.pop();
  }
  assert.equal(findingsAt(`${Q}&Tags.Tag.1.Value=v`, 'query')[0].finding.message, 'Tags.Tag.1 has no Key: every tag needs one (the Value is optional). Add a Key, or remove the tag.');
});
