// Completion and hover in a Query file read the request at the cursor without checking it (queryRequestOutlines), and
// completion works out only the members it reads of the input: in a request of many tags, a keystroke costs a parse of
// the request, not its checks. The answers stay those of the whole analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, queryRequestOutlines } from '../../server/src/service/index';
import { complete } from '../../server/src/service/completion';
import { hover } from '../../server/src/service/hover';

const HOST = 'https://elasticache.us-east-1.amazonaws.com/';
const tags = (n: number) => Array.from({ length: n }, (_, i) => `Tags.Tag.${i + 1}.Key=k${i + 1}&Tags.Tag.${i + 1}.Value=v`).join('&');

test('queryRequestOutlines: the same requests (span, action, host, parameters, entries, input) as analyze, for every sample and a few odd texts', () => {
  const texts = ['common-mistakes.elasticache', 'memcached.elasticache', 'redis.elasticache', 'seed-example.elasticache'].map((f) => readFileSync(`samples/${f}`, 'utf8'));
  texts.push('', 'Action=\n', 'Version=2015-02-02\n\n###\nAction=CreateCacheCluster&Action=DeleteCacheCluster&CacheClusterId=a\n', `${HOST}?Action=CreateReplicationGroup&${tags(3)}&Tags.Tag.1.Key=again\n`);
  for (const text of texts) {
    const outlines = queryRequestOutlines(text).map((r) => JSON.stringify(r));
    assert.deepEqual(outlines, analyze(text, 'query').requests.map((r) => JSON.stringify(r)), text.slice(0, 60));
  }
  assert.ok(queryRequestOutlines(texts[0]).length > 1);
  // A binary text has no requests, as in analyze.
  assert.deepEqual(queryRequestOutlines('Action=CreateCacheCluster\u0000'), []);
});

test('completion beside many tags: the members it reads (Engine, zones in node groups) still decide its answers', () => {
  const withTags = (params: string) => `https://elasticache.amazonaws.com/?Action=CreateReplicationGroup&${params}&${tags(2000)}\n`;
  const without = (params: string) => `https://elasticache.amazonaws.com/?Action=CreateReplicationGroup&${params}\n`;
  const labels = (text: string, after: string) => complete(text, text.indexOf(after) + after.length, 'query').map((c) => [c.label, c.detail]);
  // EngineVersion values follow Engine (valkey versions only).
  const version = 'Engine=valkey&EngineVersion=';
  assert.deepEqual(labels(withTags(version), version), labels(without(version), version));
  assert.ok(labels(withTags(version), version).every(([label]) => /^[78]\./.test(String(label))));
  // No Region in the host: the zones written in a node group give the Region of the zones offered.
  const zone = 'NodeGroupConfiguration.NodeGroupConfiguration.1.PrimaryAvailabilityZone=eu-west-1a&PreferredCacheClusterAZs.AvailabilityZone.1=';
  assert.deepEqual(labels(withTags(zone), zone), labels(without(zone), zone));
  assert.ok(labels(withTags(zone), zone).length > 0 && labels(withTags(zone), zone).every(([label]) => String(label).startsWith('eu-west-1')));
  // A value whose suggestion reads the other window: the same answer (spans moved by the tags before it).
  const head = `${HOST}?Action=CreateCacheCluster&SnapshotWindow=05:00-06:00&`;
  const short = `${head}PreferredMaintenanceWindow=`;
  const long = `${head}${tags(2000)}&PreferredMaintenanceWindow=`;
  const shift = long.length - short.length;
  const moved = complete(short, short.length, 'query').map((c) => ({ ...c, replace: { start: c.replace.start + shift, end: c.replace.end + shift } }));
  assert.deepEqual(complete(long, long.length, 'query'), moved);
  assert.match(String(moved[0]?.detail ?? ''), /outside the SnapshotWindow/);
});

test('completion (values, names) and hover in a request of 20,000 tags cost far less than analysing it (no checks, no tags input)', () => {
  const text = `${HOST}?Action=CreateCacheCluster&CacheClusterId=c&Engine=redis&CacheNodeType=&${tags(20000)}\n`;
  const time = (f: () => unknown) => {
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      f();
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  const whole = time(() => analyze(text, 'query'));
  const at = text.indexOf('CacheNodeType=') + 'CacheNodeType='.length;
  const completing = time(() => complete(text, at, 'query'));
  const hovering = time(() => hover(text, text.indexOf('Engine=') + 2, 'query'));
  // A name after the tags: the next tag's number comes from the tags written, read in one pass.
  const nameAt = text.length - 1;
  const naming = time(() => complete(`${text.slice(0, -1)}&\n`, nameAt + 1, 'query'));
  assert.ok(complete(`${text.slice(0, -1)}&\n`, nameAt + 1, 'query').some((c) => c.insertText.startsWith('Tags.Tag.20001.Key=')));
  // It reads every parameter name (the numbers written), so a bound of the analysis itself, which it used to exceed.
  assert.ok(naming < whole, `name completion ${naming.toFixed(0)} ms, analysis ${whole.toFixed(0)} ms`);
  assert.ok(complete(text, at, 'query').some((c) => c.label === 'cache.r7g.large'));
  assert.ok(completing * 3 < whole, `completion ${completing.toFixed(0)} ms, analysis ${whole.toFixed(0)} ms`);
  assert.ok(hovering * 3 < whole, `hover ${hovering.toFixed(0)} ms, analysis ${whole.toFixed(0)} ms`);
});
