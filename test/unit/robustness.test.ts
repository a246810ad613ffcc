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

// One information note (the '+' read as a space) per request, then a request with an error.
const NOTE_REQUEST = 'Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=g&ReplicationGroupDescription=my+group';
const ERROR_REQUEST = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=rediss&NumCacheNodes=5';

test('an error after more than MAX_FINDINGS notes is still reported, with the cap notice', () => {
  const notes = (n: number) => Array.from({ length: n }, () => NOTE_REQUEST).join('\n') + '\n';
  const over = analyze(notes(MAX_FINDINGS + 5) + ERROR_REQUEST, 'query').findings;
  assert.ok(over.some((f) => f.code === 'invalid-engine' && f.severity === 'error'), 'the error is listed');
  assert.equal(over.filter((f) => f.severity === 'information' && f.code !== 'too-many-findings').length, MAX_FINDINGS);
  const notice = over.find((f) => f.code === 'too-many-findings');
  assert.ok(notice, 'the notes past the cap are announced');
  assert.match(notice.message, /\b5 not listed/);
  // Clean case: exactly MAX_FINDINGS notes drop nothing, so there is no notice.
  const at = analyze(notes(MAX_FINDINGS) + ERROR_REQUEST, 'query').findings;
  assert.ok(at.some((f) => f.code === 'invalid-engine'));
  assert.ok(!at.some((f) => f.code === 'too-many-findings'));
});

test('past MAX_FINDINGS errors the checks stop, and the notice says so; memory stays bounded', () => {
  const text = Array.from({ length: 3 * MAX_FINDINGS }, () => ERROR_REQUEST).join('\n');
  const { findings, requests } = analyze(text, 'query');
  assert.equal(requests.length, 3 * MAX_FINDINGS, 'every request is still parsed');
  assert.equal(findings.filter((f) => f.severity === 'error').length, MAX_FINDINGS);
  assert.ok(findings.length <= 4 * MAX_FINDINGS + 1);
  assert.match(findings.find((f) => f.code === 'too-many-findings')!.message, /only partly checked/);
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

test('nesting past the limit is refused inside the parsers, whatever the brackets, quotes or indentation', () => {
  // Each input once passed a character pre-scan that counted brackets and quotes differently from the
  // parser; the parser then recursed thousands of levels (a stack overflow, or, in yaml, a process abort
  // from V8 on the second call, or spans varying from call to call). Each runs twice for that reason.
  const deep = (kind: 'json' | 'yaml', text: string, at: number, message = /^Nesting deeper than 100 levels/) => {
    for (let run = 0; run < 2; run++) {
      const t0 = Date.now();
      const { findings } = analyze(text, kind);
      assert.ok(Date.now() - t0 < 2000, `${kind} ${JSON.stringify(text.slice(0, 20))}: ${Date.now() - t0} ms`);
      assert.deepEqual(findings.map((f) => [f.code, f.span.start]), [[`${kind}-syntax`, at]], `${kind} ${JSON.stringify(text.slice(0, 20))}: ${findings[0]?.message}`);
      assert.match(findings[0].message, message);
    }
  };
  // JSON: `[}` mixes the pre-scan balanced; the 101st open bracket is reported.
  deep('json', '[' + '[},'.repeat(5000), 1 + 3 * 99);
  deep('json', '[' + '[},'.repeat(100000), 1 + 3 * 99);
  deep('json', '{"a":'.repeat(5000) + '"', 500);
  deep('json', "'" + '{"a":'.repeat(5000), 1 + 500);
  deep('json', '['.repeat(101), 100);
  // YAML flow and block nesting; a stray quote that hid brackets from the pre-scan.
  deep('yaml', '{"a":'.repeat(5000) + '"', 500);
  deep('yaml', '['.repeat(100000), 100);
  deep('yaml', '- '.repeat(5000) + 'x\ny: 1\n', 200);
  deep('yaml', '? '.repeat(5000) + 'x\ny: 1\n', 200);
  const indented = Array.from({ length: 150 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n') + ' v\ntop: 1\n';
  deep('yaml', indented, indented.indexOf('k100:'));
  // An unclosed `{` followed by many lines (which yaml's recovery nests one level each): the brace is the cause.
  const unclosed = /^Invalid YAML: this \{ is not closed/;
  deep('yaml', '{"a":'.repeat(50) + '"' + '{"a":'.repeat(5000), 245, unclosed);
  const lines = Array.from({ length: 4000 }, (_, i) => `k${i}: v`);
  lines[2000] = '{' + lines[2000];
  deep('yaml', lines.join('\n'), lines.slice(0, 2000).join('\n').length + 1, unclosed);
});

test('nesting up to the limit is analysed as usual', () => {
  for (const [kind, text] of [
    ['json', '['.repeat(100) + ']'.repeat(100)],
    ['yaml', '['.repeat(100) + ']'.repeat(100)],
    ['yaml', '- '.repeat(100) + 'x\n'],
    ['yaml', 'k: {a: 1\nb: 2\n'], // an unclosed `{` with few lines after it: yaml's own errors
  ] as const) {
    const { findings } = analyze(text, kind);
    assert.ok(findings.length > 0 && !findings.some((f) => /Nesting deeper|nest deeper|internal/.test(f.message) || f.code === 'internal-error'), `${kind} ${JSON.stringify(text.slice(0, 20))}: ${findings.map((f) => f.message).join(' | ')}`);
  }
});

test('past the findings cap, the one-element-list fix is not put on another finding', () => {
  const members = Array.from({ length: 1001 }, (_, i) => `"Unknown${i}": 1`).join(', ');
  const text = `{"CacheClusterId": "a", ${members}, "SecurityGroupIds": "sg-1"}`;
  const { findings } = analyze(text, 'json');
  const misplaced = findings.filter((f) => f.fixes?.some((x) => x.title === 'Make it a one-element list') && f.code !== 'invalid-type');
  assert.deepEqual(misplaced.map((f) => `${f.code}: ${f.message}`), []);
  // Below the cap the fix is on the type error, as always.
  const small = analyze('{"CacheClusterId": "a", "Engine": "redis", "SecurityGroupIds": "sg-1"}', 'json').findings.find((f) => f.code === 'invalid-type');
  assert.equal(small?.fixes?.[0].title, 'Make it a one-element list');
});
