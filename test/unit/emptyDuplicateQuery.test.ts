// A repeated Query protocol parameter that is also empty (e.g. a trailing `&Action=`) is one finding that says both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, findingsAt } from './helpers';

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

/** The duplicate-parameter fixes: [title, preferred, text after it]. */
function duplicateFixes(text: string): [string, boolean, string][] {
  const dup = findingsAt(text, 'query').find((f) => f.code === 'duplicate-parameter');
  assert.ok(dup, text);
  return (dup.finding.fixes ?? []).map((fix) => [fix.title, fix.isPreferred === true, applyEdits(text, fix.edits)]);
}

const URL = 'https://elasticache.us-east-1.amazonaws.com/?';
const MEMBERS = 'CacheClusterId=a&CacheNodeType=cache.t4g.micro&NumCacheNodes=1';

test('an empty member before a repeat with a value: the fix removes the empty one (preferred), not the value', () => {
  const text = `${URL}Engine=&${head}&CacheNodeType=cache.t4g.micro&Engine=redis`;
  assert.deepEqual(duplicateFixes(text), [['Remove the earlier, empty Engine', true, `${URL}${head}&CacheNodeType=cache.t4g.micro&Engine=redis`]]);
  // The empty one last: it goes (preferred).
  assert.deepEqual(duplicateFixes(`${head}&Engine=redis&Engine=`), [['Remove this empty Engine', true, `${head}&Engine=redis`]]);
});

test('an empty Action before a repeat with a value: said, and the empty one is removed', () => {
  const text = `${URL}Action=&Version=2015-02-02&${MEMBERS}&Engine=redis&Action=CreateCacheCluster`;
  const dup = findingsAt(text, 'query').find((f) => f.code === 'duplicate-parameter')!;
  assert.equal(dup.finding.message, 'Action is given more than once, and the earlier one is empty: remove that one.');
  assert.deepEqual(duplicateFixes(text), [['Remove the earlier, empty Action', true, `${URL}Version=2015-02-02&${MEMBERS}&Engine=redis&Action=CreateCacheCluster`]]);
});

test('two different values: one fix per occurrence, none preferred; a secret is not quoted; the same value: remove the repeat', () => {
  assert.deepEqual(duplicateFixes(`${head}&Engine=redis&Engine=valkey`), [
    ["Remove this Engine ('valkey')", false, `${head}&Engine=redis`],
    ["Remove the earlier Engine ('redis')", false, `${head}&Engine=valkey`],
  ]);
  const titles = duplicateFixes(`${head}&Engine=redis&AuthToken=abcdefghijklmnop1234&AuthToken=qrstuvwxyzabcdefgh5678`).map(([title]) => title);
  assert.deepEqual(titles, ['Remove this AuthToken', 'Remove the earlier AuthToken']);
  assert.deepEqual(duplicateFixes(`${head}&Engine=redis&Engine=redis`), [['Remove this Engine', false, `${head}&Engine=redis`]]);
});
