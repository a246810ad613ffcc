// A JSON/YAML key that is empty, missing (YAML `: value`) or only whitespace: the finding says so and where, and
// never reads "Unknown parameter  for CreateCacheCluster." with an empty name between two spaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt } from './helpers';

const TOP = /^A member name is missing at the top level of the CreateCacheCluster input: write one of CacheClusterId, /;

function unknown(text: string, kind: 'json' | 'yaml') {
  const got = findingsAt(text, kind).filter((f) => f.code === 'unknown-parameter');
  for (const f of got) assert.doesNotMatch(f.finding.message, /Unknown parameter (\s|null\b)/, `${kind} ${JSON.stringify(text)}: ${f.finding.message}`);
  return got;
}

test('an empty top-level key says the name is missing and where, in JSON and YAML', () => {
  const json = unknown('{"CacheClusterId": "x", "": 1}', 'json');
  assert.equal(json.length, 1);
  assert.equal(json[0].at, '""');
  assert.match(json[0].finding.message, TOP);
  // Broken JSON that leaves an empty key: the syntax error, and the same words for the key.
  const broken = unknown('{"CacheClusterId": "x", "": }', 'json');
  assert.match(broken[0].finding.message, TOP);
  const yaml = unknown('CacheClusterId: x\n"": 1\n', 'yaml');
  assert.match(yaml[0].finding.message, TOP);
});

test('YAML `: value` with no key: a missing name (not "null"), marked at the colon', () => {
  for (const text of ['CacheClusterId: x\n: 1\n', 'CacheClusterId: x\n:\n']) {
    const [f] = unknown(text, 'yaml');
    assert.equal(f.at, ':', JSON.stringify(text));
    assert.match(f.finding.message, TOP);
  }
  const [item] = unknown('CacheClusterId: x\nTags:\n  - : 1\n', 'yaml');
  assert.equal(item.at, ':');
  assert.equal(item.finding.message, 'A member name is missing after Tags (item 1): write one of Key, Value.');
  // `~` (or `NULL`) is a null key too: a missing name, saying why, marked on the key as written (not "Unknown parameter null").
  for (const key of ['~', 'NULL']) {
    const [f] = unknown(`CacheClusterId: x\n${key}: 1\n`, 'yaml');
    assert.equal(f.at, key);
    assert.match(f.finding.message, new RegExp(`^A member name is missing \\(YAML reads the key ${key} as null\\) at the top level of the CreateCacheCluster input: write one of CacheClusterId, `));
  }
  assert.equal(unknown('CacheClusterId: x\nTags:\n  - ~: 1\n', 'yaml')[0].finding.message, 'A member name is missing (YAML reads the key ~ as null) after Tags (item 1): write one of Key, Value.');
  // A written `null` key is a name the user wrote: reported as such.
  assert.equal(findingsAt('CacheClusterId: x\nnull: 1\n', 'yaml').find((f) => f.code === 'unknown-parameter')!.finding.message, 'Unknown parameter null for CreateCacheCluster.');
});

test('a key of only whitespace is a blank name, said with where it is', () => {
  const [top] = unknown('{"CacheClusterId": "x", " ": 1}', 'json');
  assert.equal(top.at, ' ');
  assert.match(top.finding.message, /^A member name is blank \(only whitespace\) at the top level of the CreateCacheCluster input: write one of /);
  const [tag] = unknown('{"CacheClusterId": "x", "Tags": [{"Key": "a", " ": 1}]}', 'json');
  assert.equal(tag.finding.message, 'A member name is blank (only whitespace) after Tags (item 1): write one of Key, Value.');
  const [yaml] = unknown('CacheClusterId: x\n" ": 1\n', 'yaml');
  assert.match(yaml.finding.message, /^A member name is blank \(only whitespace\) at the top level of the CreateCacheCluster input/);
});

test('clean: written names have no unknown-parameter finding', () => {
  assert.deepEqual(unknown('{"CacheClusterId": "x", "Tags": [{"Key": "a", "Value": "b"}]}', 'json'), []);
  assert.deepEqual(unknown('CacheClusterId: x\nTags:\n  - Key: a\n', 'yaml'), []);
});

test('Query `&=value` (no name at all): the same words, marked on `=value`, never zero-width', () => {
  const head = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x';
  for (const [tail, at] of [['&=1&Engine=redis', '=1'], ['&=', '=']]) {
    const got = findingsAt(head + tail, 'query').filter((f) => f.code === 'unknown-parameter');
    assert.equal(got.length, 1, tail);
    assert.equal(got[0].at, at, tail);
    assert.match(got[0].finding.message, TOP);
  }
});
