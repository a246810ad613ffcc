// YAML completion on a line with a long run of blanks (spaces, tabs) reads the line in linear time: the regexes it
// used backtracked quadratically there (a 40 KB line of spaces took seconds, 256 KB of tabs over two minutes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../server/src/service/completion';
import { analyze } from '../../server/src/service/index';

/**
 * CPU milliseconds of one completion at `offset` (the analysis is done before, as the server caches it): the least of
 * three, so that a garbage collection or another test's work on a shared machine does not count.
 */
function completionTime(text: string, offset: number): number {
  const whole = analyze(text, 'yaml');
  complete(text, offset, 'yaml', whole);
  let least = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.cpuUsage();
    complete(text, offset, 'yaml', whole);
    const d = process.cpuUsage(t0);
    least = Math.min(least, (d.user + d.system) / 1000);
  }
  return least;
}

const cases: [name: string, text: (n: number) => string, offset: (n: number) => number][] = [
  ['a value then blanks, at the value', (n) => 'Engine: r' + ' '.repeat(n) + '\nCacheClusterId: x\n', () => 9],
  ['a value then blanks, at the line start', (n) => 'Engine: r' + ' '.repeat(n) + '\nCacheClusterId: x\n', () => 0],
  ['tabs then a key, at the line start', (n) => '\t'.repeat(n) + 'Engine: redis', () => 0],
  ['a word, blanks and no colon', (n) => 'Eng' + ' '.repeat(n) + 'x', () => 2],
  ['blanks and tabs before a word and #', (n) => 'Engine: r' + ' \t'.repeat(n / 2) + 'x#', () => 9],
  ['spaces then a lone CR', (n) => ' '.repeat(n) + '\rx', (n) => n + 2],
];

for (const [name, text, offset] of cases) {
  test(`YAML completion is linear in the line's length: ${name}`, () => {
    const n = 8000;
    const small = Math.max(completionTime(text(n), offset(n)), 5);
    const large = completionTime(text(4 * n), offset(4 * n));
    // 4× the line: quadratic work would be 16×; allow generous noise on a shared machine.
    assert.ok(large < small * 10, `${n} blanks ${small.toFixed(1)} ms, ${4 * n} blanks ${large.toFixed(1)} ms`);
  });
}

test('a value followed by many blanks still completes, replacing the blanks', () => {
  const text = 'Engine: r' + ' '.repeat(40000) + '\nCacheClusterId: x\n';
  const items = complete(text, 9, 'yaml');
  const redis = items.find((c) => c.label === 'redis');
  assert.ok(redis, items.map((c) => c.label).join());
  assert.deepEqual(redis.replace, { start: 8, end: 9 + 40000 });
  // Clean case: a short line gives the same candidates.
  assert.deepEqual(complete('Engine: r\nCacheClusterId: x\n', 9, 'yaml').map((c) => c.label), items.map((c) => c.label));
});

test('a trailing comment after a value is kept out of the replaced text, however many blanks come before it', () => {
  const text = 'Engine: r' + ' '.repeat(30000) + '# note\nCacheClusterId: x\n';
  const redis = complete(text, 9, 'yaml').find((c) => c.label === 'redis');
  assert.deepEqual(redis?.replace, { start: 8, end: 9 });
});
