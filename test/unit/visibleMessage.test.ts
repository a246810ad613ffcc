// visibleMessage: what every display of a finding (editor diagnostics, lint, Local's XML errors) shows of its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';
import { visibleMessage } from '../../server/src/model/visibleText';
import { lintText } from '../../server/src/lint';

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

test('format characters a message quotes (bidi controls, zero-width ones) are shown as escapes', () => {
  assert.equal(visibleMessage("'cache.t3\u202e.micro' is not"), "'cache.t3\\u202e.micro' is not");
  assert.equal(visibleMessage('a\u200bb\u00adc\ufeffd\u2066e\u200ff\u200cg'), 'a\\u200bb\\u00adc\\ufeffd\\u2066e\\u200ff\\u200cg');
  // Beyond U+FFFF: one escape of the code point, not half a surrogate pair.
  assert.equal(visibleMessage('x\u{E0001}y'), 'x\\u{e0001}y');
  // A zero-width joiner outside an emoji sequence is escaped.
  assert.equal(visibleMessage('Eng\u200dine'), 'Eng\\u200dine');
});

test('ordinary text is kept: right-to-left letters, emoji sequences joined by a zero-width joiner, variation selectors', () => {
  const message = "Unknown parameter שם for CreateCacheCluster ('👩‍💻', '👨🏽‍🚀', '❤️‍🔥', '✔️', 'ü').";
  assert.equal(visibleMessage(message), message);
});

test('a Query value with a percent-encoded U+202E: the finding quoting it is displayed in order, in the editor and in lint', () => {
  const text = 'https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&CacheClusterId=c1&Engine=redis&CacheNodeType=cache.t3%E2%80%AE.micro&NumCacheNodes=1\n';
  const nodeType = analyze(text, 'query').findings.find((f) => f.message.includes('\u202e'));
  assert.ok(nodeType, 'a finding quotes the value');
  assert.match(visibleMessage(nodeType.message), /cache\.t3\\u202e\.micro/);
  assert.ok(!visibleMessage(nodeType.message).includes('\u202e'));
  const lint = lintText('requests.elasticache', text, 'query');
  assert.ok(lint.some((r) => r.message.includes('cache.t3\\u202e.micro')), JSON.stringify(lint));
  assert.ok(!lint.some((r) => r.message.includes('\u202e')));
});

test('invalid-engine quotes the value, so a control character in it shows as an escape (not "must be one of …, redis" for what looks like redis)', () => {
  const json = analyze('{"CacheClusterId": "c1", "Engine": "redis\\r", "CacheNodeType": "cache.t3.micro"}', 'json').findings.find((f) => f.code === 'invalid-engine');
  assert.equal(visibleMessage(json?.message ?? ''), "Engine must be one of memcached, redis, valkey, not 'redis\\r'. Did you mean redis?");
  const query = analyze('Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=c1&CacheNodeType=cache.t3.micro&Engine=redis%0D', 'query').findings.find((f) => f.code === 'invalid-engine');
  assert.equal(visibleMessage(query?.message ?? ''), "Engine must be one of memcached, redis, valkey, not 'redis\\r'. Did you mean redis?");
});
