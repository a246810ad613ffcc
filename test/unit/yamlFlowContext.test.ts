// YAML completion reads only the lines that decide whether the cursor's line is inside a flow collection (`{…}`,
// `[…]`): its document, from the last top-level key, or from the last item of a block list under a bare key. What
// it offers must not change with what comes before (the figures: node --import tsx test/bench/yamlCompletionSize.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../server/src/service/completion';

function labels(marked: string): string[] {
  const offset = marked.indexOf('|');
  return complete(marked.slice(0, offset) + marked.slice(offset + 1), offset, 'yaml').map((c) => c.label);
}

const head = 'CacheClusterId: x\nSecurityGroupIds: [sg-0123456789abcdef0]\n';
const flowTags = (n: number) => 'Tags:\n' + Array.from({ length: n }, (_, i) => `  - {Key: k${i}, Value: v${i}}\n`).join('');

test('a line inside a flow collection opened on an earlier line of a list item: nothing offered, however long the list', () => {
  for (const n of [1, 3000]) {
    assert.deepEqual(labels(`${head}${flowTags(n)}  - {Key: last,\n|\n`), [], `${n} tags`);
    assert.deepEqual(labels(`${head}${flowTags(n)}  - Key: last\n    Value: [a,\n|\n`), [], `${n} tags, a list value`);
  }
  // Opened by the list's key itself, with items below: still inside.
  assert.deepEqual(labels('CacheClusterId: x\nSecurityGroupIds: [\n  sg-1,\n|\n'), []);
});

test('after the flow collections are closed: the keys of the mapping, the same for a short and a long list', () => {
  const short = labels(`${head}${flowTags(1)}|`);
  assert.ok(short.includes('Engine'));
  assert.deepEqual(labels(`${head}${flowTags(3000)}|`), short);
  assert.deepEqual(labels(`${head}${flowTags(3000)}  - {Key: a,\n     Value: b}\n|`), short.filter((l) => l !== 'Tags' && l !== 'SecurityGroupIds'));
});

test('documents: a document whose root is a flow collection gets nothing, the block document after it its keys', () => {
  const flowDoc = '{"CacheClusterId": "a",\n "Engine": "redis"}\n';
  assert.deepEqual(labels(`---\n${flowDoc}|`), []);
  assert.ok(labels(`${flowDoc}---\nCacheClusterId: x\n|`).includes('Engine'));
  assert.ok(labels(`${head}${flowTags(2)}---\nCacheClusterId: x\n|`).includes('Tags'), 'an earlier document does not count');
});

test('a flow collection left open (a syntax error) ends at the next top-level key, as the YAML lexer reads it: its keys are offered below', () => {
  assert.deepEqual(labels('CacheClusterId: x\nSecurityGroupIds: [sg-1\n|'), []);
  assert.ok(labels('CacheClusterId: x\nSecurityGroupIds: [sg-1\nEngine: redis\n|').includes('NumCacheNodes'));
});
