// JSON completion in a document nested deeper than analysis reads (MAX_NESTING): nothing is offered, and nothing
// throws (jsonc-parser's getLocation/parseTree recurse once per level: 10,000 levels overflowed the stack, and the
// language server answered null after logging "completion failed (RangeError)").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../server/src/service/completion';
import { analyze } from '../../server/src/service/index';
import { MAX_NESTING } from '../../server/src/service/documentParsers';

test('completion in a JSON document nested 10,000 levels deep offers nothing, without throwing', () => {
  for (const text of ['{"Tags": ' + '['.repeat(10_000), '{"CacheClusterId": "a", "X": ' + '{"a": '.repeat(10_000) + '1' + '}'.repeat(10_001)]) {
    const whole = analyze(text, 'json');
    for (const offset of [1, 5, text.length >> 1, text.length]) assert.deepEqual(complete(text, offset, 'json', whole), []);
  }
});

test('completion at the nesting limit still works; brackets in strings do not count', () => {
  const nested = '{"CacheClusterId": "a", "X": ' + '['.repeat(MAX_NESTING - 2) + ']'.repeat(MAX_NESTING - 2) + ', "Engine": }';
  assert.ok(complete(nested, nested.length - 2, 'json').some((c) => c.label === 'redis'));
  const quoted = '{"CacheClusterId": "' + '['.repeat(MAX_NESTING * 2) + '", "Engine": }';
  assert.ok(complete(quoted, quoted.length - 2, 'json').some((c) => c.label === 'redis'));
});
