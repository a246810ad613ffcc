// Size limits: a file far larger than any request is reported once, clearly, without being parsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, MAX_YAML_CHARS } from '../../server/src/service/index';

test('a YAML input over the size limit gets one clear warning and no analysis; just under it is analysed', () => {
  const tag = '  - Key: k\n    Value: v\n';
  const head = 'CacheClusterId: 1bad\nTags:\n';
  const over = head + tag.repeat(Math.ceil(MAX_YAML_CHARS / tag.length) + 1);
  const big = analyze(over, 'yaml');
  assert.deepEqual(big.findings.map((f) => f.code), ['file-too-large']);
  assert.match(big.findings[0].message, /not analysed above 256 KB/);
  assert.deepEqual(big.findings[0].span, { start: 0, end: head.indexOf('\n') });
  const under = head + tag.repeat(Math.floor((MAX_YAML_CHARS - head.length) / tag.length));
  assert.ok(under.length <= MAX_YAML_CHARS);
  assert.ok(analyze(under, 'yaml').findings.some((f) => f.code === 'invalid-cache-cluster-id'));
  // JSON has no such limit: its parser is fast enough for any size (the 10 MB robustness test covers it).
  assert.ok(!analyze(`{"CacheClusterId": "x", "Tags": [${'{"Key": "k", "Value": "v"},'.repeat(20000)}{"Key": "k"}]}`, 'json').findings.some((f) => f.code === 'file-too-large'));
});
