// visibleMessage: what every display of a finding (editor diagnostics, lint, Local's XML errors) shows of its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';
import { visibleMessage } from '../../server/src/service/text';

test('control characters, noncharacters and lone surrogates a message quotes are shown as escapes', () => {
  assert.equal(visibleMessage("'cache.t3\u0001.micro' is not"), "'cache.t3\\u0001.micro' is not");
  assert.equal(visibleMessage("'us\rwest-2a'\t\n"), "'us\\rwest-2a'\\t\\n");
  assert.equal(visibleMessage('a\u007fb\uffffc\ud800d'), 'a\\u007fb\\uffffc\\ud800d');
});

test('ordinary text, non-ASCII letters and surrogate pairs are kept as they are', () => {
  const message = "Unknown parameter Größe 😀 for CreateCacheCluster (did you mean 'CacheNodeType'?).";
  assert.equal(visibleMessage(message), message);
});

test("a YAML value's CR quoted by a finding is visible once displayed", () => {
  const { findings } = analyze('CacheClusterId: c1\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nPreferredAvailabilityZone: "us\\rwest-2a"\n', 'yaml');
  const zone = findings.find((f) => f.code === 'invalid-availability-zone');
  assert.ok(zone, JSON.stringify(findings));
  assert.match(zone.message, /\r/);
  assert.match(visibleMessage(zone.message), /^'us\\rwest-2a' is not/);
});
