// A member given twice, once empty and once with a value, is one mistake: the duplicate finding says which one is
// empty and its fix removes it; the empty occurrence gets no invalid/empty-value finding of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, findingsAt } from './helpers';

const head = 'Action=CreateCacheCluster&Version=2015-02-02&CacheNodeType=cache.t4g.micro&Engine=redis&NumCacheNodes=1';

/** `code: message` of every finding. */
function said(text: string, kind: 'query' | 'json' | 'yaml'): string[] {
  return findingsAt(text, kind).map((f) => `${f.code}: ${f.finding.message}`);
}

/** The text after the duplicate finding's only (preferred) fix. */
function fixed(text: string, kind: 'query' | 'json' | 'yaml'): string {
  const dup = findingsAt(text, kind).find((f) => f.code === 'duplicate-parameter');
  assert.ok(dup, text);
  assert.equal(dup.finding.fixes?.length, 1, text);
  assert.equal(dup.finding.fixes![0].isPreferred, true);
  return applyEdits(text, dup.finding.fixes![0].edits);
}

test('Query: an empty member, then one with a value: only the duplicate finding, and its fix leaves a clean request', () => {
  for (const empty of ['CacheClusterId=', 'CacheClusterId', 'CacheClusterId=%20']) {
    const text = `${head}&${empty}&CacheClusterId=my-id`;
    assert.deepEqual(said(text, 'query'), ['duplicate-parameter: CacheClusterId is given more than once, and the earlier one is empty: remove that one.'], empty);
    assert.equal(fixed(text, 'query'), `${head}&CacheClusterId=my-id`);
    assert.deepEqual(said(fixed(text, 'query'), 'query'), []);
  }
  // The other order: the empty one last.
  const last = `${head}&CacheClusterId=my-id&CacheClusterId=`;
  assert.deepEqual(said(last, 'query'), ['duplicate-parameter: CacheClusterId is given more than once, and this one is empty: remove it.']);
  assert.deepEqual(said(fixed(last, 'query'), 'query'), []);
  // Other shapes of member: an integer, an enum, a list item, a tag's key.
  for (const [empty, value] of [['Port=', 'Port=6379'], ['SnapshotRetentionLimit=', 'SnapshotRetentionLimit=1'], ['SecurityGroupIds.member.1=', 'SecurityGroupIds.member.1=sg-0123456789abcdef0'], ['Tags.Tag.1.Key=', 'Tags.Tag.1.Key=k']]) {
    const text = `${head}&CacheClusterId=my-id&${empty}&${value}`;
    assert.deepEqual(findingsAt(text, 'query').map((f) => f.code), ['duplicate-parameter'], text);
    assert.deepEqual(said(fixed(text, 'query'), 'query'), [], text);
  }
});

test('Query: the value that stays is checked (and located) in place of the empty one; two different values keep both named', () => {
  const text = `${head}&CacheClusterId=&CacheClusterId=BAD_ID`;
  const got = findingsAt(text, 'query');
  assert.deepEqual(got.map((f) => `${f.code}@${f.at}`), ['duplicate-parameter@CacheClusterId', 'invalid-cache-cluster-id@BAD_ID']);
  assert.equal(got[1].finding.span.start, text.indexOf('BAD_ID'));
  // Both empty: two mistakes (the repeat, and the empty value that stays).
  assert.deepEqual(findingsAt(`${head}&CacheClusterId=&CacheClusterId=`, 'query').map((f) => f.code), ['duplicate-parameter', 'invalid-cache-cluster-id']);
  assert.deepEqual(said(`${head}&CacheClusterId=a&CacheClusterId=b`, 'query'), [
    "duplicate-parameter: CacheClusterId is given more than once with different values ('a', then 'b'): keep one and remove the other.",
  ]);
  assert.deepEqual(said(`${head}&CacheClusterId=my-id`, 'query'), []);
});

const rest = '"Engine": "redis", "CacheNodeType": "cache.t4g.micro", "NumCacheNodes": 1';

test('JSON: an empty (or null) key, then one with a value: the duplicate finding removes the empty one; no empty-value/type finding', () => {
  for (const [empty, title] of [['""', 'Remove the earlier empty CacheClusterId'], ['null', 'Remove the earlier CacheClusterId (null)']]) {
    const text = `{"CacheClusterId": ${empty}, "CacheClusterId": "my-id", ${rest}}`;
    const got = findingsAt(text, 'json');
    assert.deepEqual(got.map((f) => f.code), ['duplicate-parameter'], empty);
    assert.equal(got[0].severity, 'warning', 'the AWS CLI sends the last one, which has a value');
    assert.equal(got[0].finding.fixes![0].title, title);
    assert.equal(fixed(text, 'json'), `{"CacheClusterId": "my-id", ${rest}}`);
    assert.deepEqual(said(fixed(text, 'json'), 'json'), []);
  }
  // In a structure inside a list too.
  const tag = `{"CacheClusterId": "x", ${rest}, "Tags": [{"Key": "", "Key": "k", "Value": "v"}]}`;
  assert.deepEqual(findingsAt(tag, 'json').map((f) => f.code), ['duplicate-parameter']);
  assert.deepEqual(said(fixed(tag, 'json'), 'json'), []);
});

test('JSON: the empty one last is what the AWS CLI sends: an error that says so, and the fix removes it', () => {
  const text = `{"CacheClusterId": "my-id", "CacheClusterId": "", ${rest}}`;
  const got = findingsAt(text, 'json');
  assert.deepEqual(got.map((f) => `${f.code}@${f.at}`), ['duplicate-parameter@CacheClusterId']);
  assert.equal(got[0].severity, 'error');
  assert.equal(got[0].finding.message, 'CacheClusterId is given more than once, and this one is empty: remove it (the AWS CLI uses the last one, so it would send it).');
  assert.equal(fixed(text, 'json'), `{"CacheClusterId": "my-id", ${rest}}`);
});

test('JSON: a value finding about a repeated key is on the last one (the one the AWS CLI sends); clean when the last is valid', () => {
  const text = `{"CacheClusterId": "my-id", "CacheClusterId": "BAD_ID", ${rest}}`;
  assert.deepEqual(findingsAt(text, 'json').map((f) => `${f.code}@${f.at}`), ['duplicate-parameter@CacheClusterId', 'invalid-cache-cluster-id@"BAD_ID"']);
  assert.equal(findingsAt(text, 'json')[1].finding.span.start, text.indexOf('"BAD_ID"'));
  assert.deepEqual(findingsAt(`{"CacheClusterId": "BAD_ID", "CacheClusterId": "my-id", ${rest}}`, 'json').map((f) => f.code), ['duplicate-parameter']);
  // Both empty: the repeat, and the empty value that stays (once).
  assert.deepEqual(findingsAt(`{"CacheClusterId": "", "CacheClusterId": "", ${rest}}`, 'json').map((f) => f.code), ['duplicate-parameter', 'invalid-cache-cluster-id']);
  assert.deepEqual(said(`{"CacheClusterId": "my-id", ${rest}}`, 'json'), []);
});

test('YAML: a duplicate key is the syntax error only, whichever occurrence is empty (or null)', () => {
  const tail = 'Engine: redis\nCacheNodeType: cache.t4g.micro\nNumCacheNodes: 1\n';
  for (const keys of ['CacheClusterId: ""\nCacheClusterId: my-id\n', 'CacheClusterId:\nCacheClusterId: my-id\n', 'CacheClusterId: my-id\nCacheClusterId:\n', "CacheClusterId: my-id\nCacheClusterId: ''\n"]) {
    assert.deepEqual(findingsAt(keys + tail, 'yaml').map((f) => f.code), ['yaml-syntax'], keys);
  }
  assert.deepEqual(findingsAt('CacheClusterId: my-id\n' + tail, 'yaml'), []);
});
