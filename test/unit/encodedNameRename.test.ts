// "Change to …" renames of one segment of a Query parameter name written percent-encoded (`Tag.Tag.1.Valu%65`):
// where the segment is in the text is not known, so the fix rewrites the whole name, decoded, with that segment
// changed; it must never replace the whole name with the segment alone (`Tags=x`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, findingsAt } from './helpers';

const head = 'Action=CreateCacheCluster&Version=2015-02-02&CacheNodeType=cache.t4g.micro&Engine=redis&NumCacheNodes=1&CacheClusterId=my-id';

/** The text after the preferred fix of the finding `code`, and the codes found in it. */
function afterFix(tail: string, code: string): [string, string[]] {
  const text = head + tail;
  const finding = findingsAt(text, 'query').find((f) => f.code === code);
  assert.ok(finding, `${tail}: no ${code}`);
  const fix = finding.finding.fixes?.find((f) => f.isPreferred);
  assert.ok(fix, `${tail}: no preferred fix`);
  const out = applyEdits(text, fix.edits);
  return [out.slice(head.length), findingsAt(out, 'query').map((f) => f.code)];
}

test('a misspelt list name in an encoded name: the whole name is rewritten with the list renamed', () => {
  assert.deepEqual(afterFix('&Tag.Tag.1.Key=k&Tag.Tag.1.Valu%65=x', 'unknown-parameter'), ['&Tags.Tag.1.Key=k&Tags.Tag.1.Value=x', []]);
  assert.deepEqual(afterFix('&Tag.T%61g.1.Key=k&Tag.Tag.1.Value=v', 'unknown-parameter'), ['&Tags.Tag.1.Key=k&Tags.Tag.1.Value=v', []]);
  assert.deepEqual(afterFix('&Tag%2ETag.1.Key=k', 'unknown-parameter'), ['&Tags.Tag.1.Key=k', []]);
  assert.deepEqual(afterFix('&SecurityGroupI%64.member.1=sg-0123456789abcdef0', 'unknown-parameter'), ['&SecurityGroupIds.member.1=sg-0123456789abcdef0', []]);
  // Alone, the encoded Value is renamed to Tags.Tag.1.Value (the tag then lacks its Key: a finding of its own).
  assert.deepEqual(afterFix('&Tag.Tag.1.Valu%65=x', 'unknown-parameter'), ['&Tags.Tag.1.Value=x', ['tags']]);
});

test('a misspelt member or list marker in an encoded name: only that segment changes; other segments stay encoded where they must', () => {
  assert.deepEqual(afterFix('&Tags.Tag.1.K%65e=k', 'unknown-parameter'), ['&Tags.Tag.1.Key=k', []]);
  assert.deepEqual(afterFix('&Tags.Ta%67.1.Kee=k&Tags.Tag.1.Value=v', 'unknown-parameter'), ['&Tags.Tag.1.Key=k&Tags.Tag.1.Value=v', []]);
  assert.deepEqual(afterFix('&SecurityGroupIds.membr.%31=sg-0123456789abcdef0', 'list-member-name'), ['&SecurityGroupIds.member.1=sg-0123456789abcdef0', []]);
  // `&` in another segment must stay encoded, or the fix would split the parameter in two.
  assert.equal(afterFix('&Tag.Tag.1.K%26y=k', 'unknown-parameter')[0], '&Tags.Tag.1.K%26y=k');
});

test('names written without encoding: the segment alone is replaced (as before); a correct encoded name has no finding', () => {
  assert.deepEqual(afterFix('&Tags.Tag.1.Kee=k&Tags.Tag.1.Value=v', 'unknown-parameter'), ['&Tags.Tag.1.Key=k&Tags.Tag.1.Value=v', []]);
  assert.deepEqual(afterFix('&SecurityGroupIds.membr.1=sg-0123456789abcdef0', 'list-member-name'), ['&SecurityGroupIds.member.1=sg-0123456789abcdef0', []]);
  assert.deepEqual(findingsAt(head + '&Tags.Tag.1.K%65y=k&Tags.Tag.1.Valu%65=v', 'query'), []);
});
