// Rules added after a review of unseen request files (false negatives and noise found there): each with a hit
// and a clean case, through analyze() on the forms they apply to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';
import { applyEdits, codes, findingsAt } from './helpers';


test('YAML 1.1 boolean words for a boolean member: the CLI reads a string; the fix writes true/false', () => {
  const yaml = (v: string) => `CacheClusterId: c\nEngine: redis\nEngineVersion: "7.1"\nCacheSubnetGroupName: s\nTransitEncryptionEnabled: ${v}\n`;
  for (const [word, fix] of [['yes', 'true'], ['on', 'true'], ['No', 'false'], ['off', 'false']]) {
    const f = findingsAt(yaml(word), 'yaml');
    assert.deepEqual(f.map((x) => [x.code, x.at]), [['invalid-type', word]], word);
    assert.match(f[0].finding.message, /YAML 1\.2/);
    assert.deepEqual(codes(applyEdits(yaml(word), f[0].finding.fixes![0].edits), 'yaml'), [], word);
    assert.equal(f[0].finding.fixes![0].edits[0].newText, fix);
  }
  assert.deepEqual(codes(yaml('true'), 'yaml'), []);
  // A string member keeps the word as a string (YAML 1.2): no finding.
  assert.deepEqual(codes('CacheClusterId: c\nTags:\n  - Key: backup\n    Value: no\n', 'yaml'), []);
  // JSON has no such words: a string "yes" stays a plain type error.
  assert.equal(analyze('{"CacheClusterId": "c", "AutoMinorVersionUpgrade": "yes"}', 'json').findings[0].fixes, undefined);
});
