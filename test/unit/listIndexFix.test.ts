// list-index: a list item with a missing or invalid number gets the fix "number it 1" when that is the only number it
// can mean, whether its name is written plain or percent-encoded (shapeCheck.ts firstItemFix).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, body, findingsAt } from './helpers';

const base = body({ CacheClusterId: 'my-cluster', Engine: 'redis', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1, CacheSubnetGroupName: 'my-subnets' });
const listIndex = (text: string) => findingsAt(text, 'query').filter((f) => f.code === 'list-index');
/** The text after the first list-index finding's fix, and the list-index findings left then. */
function fixed(text: string): { text: string; left: number } {
  const [finding] = listIndex(text);
  assert.ok(finding, 'a list-index finding');
  assert.equal(finding.finding.fixes?.length, 1, `a fix for ${text.slice(base.length)}`);
  const after = applyEdits(text, finding.finding.fixes![0].edits);
  return { text: after.slice(base.length), left: listIndex(after).length };
}

test('list-index fix: the plain and the percent-encoded forms get the same fix', () => {
  assert.deepEqual(fixed(`${base}&SecurityGroupIds.member=sg-0123abcd`), { text: '&SecurityGroupIds.member.1=sg-0123abcd', left: 0 });
  assert.deepEqual(fixed(`${base}&SecurityGroupIds%2Emember=sg-0123abcd`), { text: '&SecurityGroupIds.member.1=sg-0123abcd', left: 0 });
  assert.deepEqual(fixed(`${base}&SecurityGroupIds.member.0=sg-0123abcd`), { text: '&SecurityGroupIds.member.1=sg-0123abcd', left: 0 });
  assert.deepEqual(fixed(`${base}&SecurityGroupIds.member.%30=sg-0123abcd`), { text: '&SecurityGroupIds.member.1=sg-0123abcd', left: 0 });
  // `memberX` is a marker typo (list-member-name, renamed to member whole); the name it leaves then gets this fix.
  const typo = `${base}&SecurityGroupIds%2EmemberX=sg-0123abcd`;
  const [marker] = findingsAt(typo, 'query').filter((f) => f.code === 'list-member-name');
  assert.deepEqual(fixed(applyEdits(typo, marker.finding.fixes![0].edits)), { text: '&SecurityGroupIds.member.1=sg-0123abcd', left: 0 });
});

test('list-index fix: one structure item written with no or an invalid number, over all its parameters', () => {
  assert.deepEqual(fixed(`${base}&Tags.Tag.Key=team&Tags%2ETag%2EValue=cache`), { text: '&Tags.Tag.1.Key=team&Tags.Tag.1.Value=cache', left: 0 });
  assert.deepEqual(fixed(`${base}&Tags.Tag.x.Key=team&Tags.Tag.x.Value=cache`), { text: '&Tags.Tag.1.Key=team&Tags.Tag.1.Value=cache', left: 0 });
});

test('list-index fix: none when the number meant is not known', () => {
  const noFix = (tail: string) => listIndex(base + tail).map((f) => f.finding.fixes);
  // Other items beside it: item 0 may be meant as 2, or the numbering as starting at 0.
  assert.deepEqual(noFix('&SecurityGroupIds.member.0=sg-0123abcd&SecurityGroupIds.member.1=sg-4567abcd'), [undefined]);
  // Two unnumbered items (the second is also a duplicate-parameter); the same member twice is two tags.
  assert.deepEqual(noFix('&SecurityGroupIds.member=sg-0123abcd&SecurityGroupIds.member=sg-4567abcd'), [undefined]);
  assert.deepEqual(noFix('&Tags.Tag.Key=a&Tags.Tag.Key=b'), [undefined]);
  // A structure item needs a member after its number: which one is not known.
  assert.deepEqual(noFix('&Tags.Tag=a'), [undefined]);
});
