// A repeated Query protocol parameter that is also empty (e.g. a trailing `&Action=`) is one finding that says both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt } from './helpers';

const head = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x';

test('a second, empty Action says it is given twice and that this one is empty, in one finding', () => {
  for (const tail of ['&Action=', '&Action']) {
    const text = head + tail;
    const got = findingsAt(text, 'query');
    assert.equal(got.length, 1, `${tail}: ${got.map((f) => `${f.code}: ${f.finding.message}`)}`);
    assert.equal(got[0].code, 'duplicate-parameter');
    assert.equal(got[0].finding.message, 'Action is given more than once, and this one is empty: remove it.');
    assert.equal(got[0].finding.span.start, text.lastIndexOf('Action'), 'on the second Action');
  }
  assert.equal(findingsAt(head + '&Version=', 'query')[0].finding.message, 'Version is given more than once, and this one is empty: remove it.');
  assert.equal(findingsAt(head + '&Action=%20', 'query')[0].finding.message, 'Action is given more than once, and this one is blank (only whitespace): remove it.');
});

test('a repeated Action with a value keeps the plain message; a single Action has no finding', () => {
  const dup = findingsAt(head + '&Action=CreateCacheCluster', 'query');
  assert.deepEqual(dup.map((f) => f.finding.message), ['Action is given more than once.']);
  assert.deepEqual(findingsAt(head, 'query'), []);
});
