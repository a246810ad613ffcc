// analyze() never throws and stays fast on hostile input; work grows linearly with the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, MAX_FINDINGS, MAX_YAML_CHARS, type DocumentKind } from '../../server/src/service/index';
import { CLEAN_QUERY } from './helpers';

const kinds: DocumentKind[] = ['query', 'json', 'yaml'];

test('hostile inputs give findings, never exceptions', () => {
  const inputs = [
    '', '\u0000\u0001\u0002', '\ud800', '\udfff\ud800', '{', '[', ': : :', '- a\n- b', '?', '&', '=', '%', '%zz=%e9', 'Action',
    '{"a":'.repeat(5000), '['.repeat(20000), '- '.repeat(5000) + 'x', '  '.repeat(3000) + 'a: b', 'a: &x [*x]\n', '"\\',
    'Action=CreateCacheCluster&Tags.Tag.1.Key.x=1&Tags.Tag.x=2&Tags=&Tags.member.0.Key=1&SecurityGroupIds.SecurityGroupId=1',
    'Action=CreateCacheCluster&' + 'A.'.repeat(5000) + '=1', `CacheClusterId: "${'\u0000'.repeat(10)}"`,
  ];
  for (const text of inputs) {
    for (const kind of kinds) {
      const t0 = Date.now();
      const result = analyze(text, kind);
      assert.ok(Array.isArray(result.findings) && Array.isArray(result.requests));
      assert.ok(!result.findings.some((f) => f.code === 'internal-error'), `${kind} ${JSON.stringify(text.slice(0, 20))}: ${result.findings.find((f) => f.code === 'internal-error')?.message}`);
      for (const f of result.findings) assert.ok(f.span.start >= 0 && f.span.end >= f.span.start && f.span.end <= text.length + 1, `${f.code} span in range`);
      assert.ok(Date.now() - t0 < 2000, `${kind} ${JSON.stringify(text.slice(0, 20))} took ${Date.now() - t0} ms`);
    }
  }
});

test('findings are capped on garbage, so memory stays bounded', () => {
  const garbage = 'x y z\n'.repeat(20000);
  const { findings } = analyze(garbage, 'query');
  assert.equal(findings.length, MAX_FINDINGS + 1);
  assert.equal(findings.at(-1)!.code, 'too-many-findings');
});

test('10 MB of random bytes in each form finishes within seconds', () => {
  let seed = 1;
  const bytes = Buffer.alloc(10 * 1024 * 1024);
  for (let i = 0; i < bytes.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  const text = bytes.toString('utf8');
  for (const kind of kinds) {
    const t0 = Date.now();
    analyze(text, kind);
    assert.ok(Date.now() - t0 < 20_000, `${kind}: ${Date.now() - t0} ms`);
  }
});

test('work is linear in the number of requests', () => {
  const doc = (n: number) => Array.from({ length: n }, () => CLEAN_QUERY).join('\n');
  const small = doc(500);
  const large = doc(5000);
  const time = (text: string) => {
    analyze(text, 'query');
    const t0 = process.cpuUsage();
    analyze(text, 'query');
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / 1000;
  };
  time(small);
  const ts = Math.max(time(small), 1);
  const tl = time(large);
  assert.equal(analyze(large, 'query').requests.length, 5000);
  // 10× the requests: allow generous noise on a shared 2-core machine, but not quadratic growth (100×).
  assert.ok(tl < ts * 30, `500 requests ${ts.toFixed(1)} ms, 5000 requests ${tl.toFixed(1)} ms`);
});

test('large YAML and JSON maps are checked in linear time (duplicate keys included)', () => {
  const time = (text: string, kind: DocumentKind) => {
    const t0 = process.cpuUsage();
    analyze(text, kind);
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / 1000;
  };
  const yaml = (n: number) => Array.from({ length: n }, (_, i) => `k${i % (n - 1)}: v`).join('\n');
  const json = (n: number) => '{' + Array.from({ length: n }, (_, i) => `"k${i}": "v"`).join(',') + '}';
  time(yaml(1000), 'yaml');
  // 20,000 keys stay under MAX_YAML_CHARS, so the time measured is the analysis, not the size cap.
  assert.ok(yaml(20000).length < MAX_YAML_CHARS);
  const ys = Math.max(time(yaml(2000), 'yaml'), 5);
  const yl = time(yaml(20000), 'yaml');
  assert.ok(yl < ys * 40, `YAML 2000 keys ${ys.toFixed(0)} ms, 20000 keys ${yl.toFixed(0)} ms`);
  const js = Math.max(time(json(4000), 'json'), 5);
  const jl = time(json(40000), 'json');
  assert.ok(jl < js * 40, `JSON 4000 keys ${js.toFixed(0)} ms, 40000 keys ${jl.toFixed(0)} ms`);
  const dup = analyze('CacheClusterId: x\nCacheClusterId: y\n', 'yaml').findings;
  assert.deepEqual(dup.map((f) => f.code), ['yaml-syntax']);
});
