// Parameters without '=' (`&x&x&x…`) are parsed in linear time: each one's '=' was searched for up to the end of the
// document (fix all on 100 KB of them took 1.5 s, and four times the text sixteen times as long).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQueryDocument } from '../../server/src/service/queryParser';
import type { Finding } from '../../server/src/service/types';

const request = (n: number) => '?Action=CreateCacheCluster&Version=2015-02-02' + '&x'.repeat(n) + '&CacheClusterId=a';

function parseTime(text: string): number {
  const t0 = process.cpuUsage();
  parseQueryDocument(text, []);
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

test('parameters without = are parsed in linear time', () => {
  const n = 50_000;
  parseTime(request(n));
  const small = Math.max(parseTime(request(n)), 5);
  const large = parseTime(request(8 * n));
  // 8× the parameters: quadratic work would be 64× (the search for '=' is fast, so it shows only at this size);
  // allow generous noise on a shared machine.
  assert.ok(large < small * 20, `${n} parameters ${small.toFixed(1)} ms, ${8 * n} parameters ${large.toFixed(1)} ms`);
});

test('lines without & are parsed in linear time', () => {
  // A request of one parameter per line and nothing else: each line's search for the '&' ending its parameter went on
  // to the next '&' in the document, to its end when there is none (80,000 such lines took 1.2 s, 35× 10,000).
  const lines = (n: number) => 'Action=DescribeCacheClusters\n\n'.repeat(n);
  const n = 10_000;
  parseTime(lines(n));
  const small = Math.max(parseTime(lines(n)), 5);
  const large = parseTime(lines(8 * n));
  assert.ok(large < small * 20, `${n} lines ${small.toFixed(1)} ms, ${8 * n} lines ${large.toFixed(1)} ms`);
});

test("a parameter without = has no value, and the next parameter's = is not taken for its own", () => {
  const findings: Finding[] = [];
  const [req] = parseQueryDocument('?Action=CreateCacheCluster&x&CacheClusterId=a', findings);
  const x = req.params.find((p) => p.name === 'x');
  assert.equal(x?.value, '');
  assert.equal(req.params.find((p) => p.name === 'CacheClusterId')?.value, 'a');
});
