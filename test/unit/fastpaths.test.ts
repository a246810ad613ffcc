// The performance shortcuts of the language service (did-you-mean index, known-name lookup, decoding fast
// paths, SignedHeaders canonical form) must give exactly what the straightforward computation gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, suggest } from '../../server/src/service/index';
import { isPlaceholder, parseQueryDocument } from '../../server/src/service/queryParser';
import { serviceModel } from '../../server/src/model/generated/serviceModel';
import { ENGINES, PARAMETER_GROUP_FAMILIES } from '../../server/src/model/facts';
import { CLEAN_QUERY, body, findingsAt } from './helpers';

/** The did-you-mean rule written plainly: full Levenshtein distance against every candidate. */
function referenceSuggest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length === 0 || name.length > 100) return undefined;
  const lower = name.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const distance = (a: string, b: string) => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  };
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    let score = Infinity;
    if (lower.length >= 4 && (cl.startsWith(lower) || lower.startsWith(cl)) && Math.abs(cl.length - lower.length) <= 8) score = Math.abs(cl.length - lower.length) / 2;
    const max = Math.max(1, Math.floor(Math.min(lower.length, cl.length) / 4));
    const d = distance(lower, cl);
    if (d <= max) score = Math.min(score, d);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

test('did you mean: the indexed, bounded search answers exactly as the plain full-distance search', () => {
  const lists: readonly string[][] = [
    Object.keys(serviceModel.operations),
    Object.keys(serviceModel.shapes[serviceModel.operations.CreateCacheCluster.input!].members!),
    Object.keys(serviceModel.shapes[serviceModel.operations.CreateReplicationGroup.input!].members!),
    [...ENGINES],
    [...PARAMETER_GROUP_FAMILIES],
  ];
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed >>> 16) % n; // the high bits: an LCG's low bits repeat with a short period
  };
  let checked = 0;
  for (const list of lists) {
    for (let k = 0; k < 400; k++) {
      let word = list[random(list.length)];
      for (let edits = random(5); edits > 0; edits--) {
        const at = random(word.length + 1);
        const ch = 'aeEnX.1-_é'[random(10)];
        const kind = random(4);
        word = kind === 0 ? word.slice(0, at) + word.slice(at + 1) : kind === 1 ? word.slice(0, at) + ch + word.slice(at) : kind === 2 ? word.slice(0, at) + ch + word.slice(at + 1) : word.slice(0, at);
      }
      if (random(3) === 0) word = word.toUpperCase();
      assert.equal(suggest(word, list), referenceSuggest(word, list), `suggest(${JSON.stringify(word)})`);
      checked++;
    }
  }
  assert.equal(checked, 2000);
  assert.equal(suggest('CacheParameterGroup', lists[1]), 'CacheParameterGroupName');
  assert.equal(suggest('redus', ENGINES), 'redis');
  assert.equal(suggest('CacheNodeTipe', lists[1]), 'CacheNodeType');
});

test('known names: a percent-encoded name is read as the same parameter as the plain one', () => {
  const plain = body({ CacheClusterId: 'my-cluster', Engine: 'redis', CacheNodeType: 'cache.t4g.micro' });
  const encoded = plain.replace('CacheNodeType=', 'Cache%4EodeType=');
  const [p, e] = [analyze(plain, 'query'), analyze(encoded, 'query')];
  assert.deepEqual(e.requests[0].input, p.requests[0].input);
  assert.deepEqual(e.findings.map((f) => f.code), p.findings.map((f) => f.code));
  const param = parseQueryDocument(encoded, [])[0].params.find((x) => x.name === 'CacheNodeType')!;
  assert.deepEqual([param.nameSpan.end - param.nameSpan.start, param.decoded], ['Cache%4EodeType'.length, true]);
  // Names that are not in the model, and near misses of model names, are kept as written.
  const odd = parseQueryDocument('Action=CreateCacheCluster&CacheNodeTypes=x&cachenodetype=y&X-Amz-Foo=1', [])[0].params.map((x) => x.name);
  assert.deepEqual(odd, ['Action', 'CacheNodeTypes', 'cachenodetype', 'X-Amz-Foo']);
});

test('decoding fast paths: placeholders, escapes and plus signs decode as before', () => {
  const params = parseQueryDocument('Action=CreateCacheCluster&A=<credential>&B=%3Cx%3E&C=a%2Fb&D=a+b&E=<a+b>&F=%E2%82%AC&G=%ZZ&H=%C3', [])[0].params;
  assert.deepEqual(
    params.map((p) => [p.name, p.value, p.decoded]),
    [
      ['Action', 'CreateCacheCluster', true],
      ['A', '<credential>', true],
      ['B', '<x>', true],
      ['C', 'a/b', true],
      ['D', 'a b', true],
      ['E', '<a b>', true],
      ['F', '€', true],
      ['G', '%ZZ', false],
      ['H', '%C3', false],
    ],
  );
});

test('X-Amz-SignedHeaders: canonical form and fix for single and several header names', () => {
  const cases: [string, string | undefined][] = [
    ['host', undefined],
    ['Host', 'host'],
    ['HOST%20', 'host'],
    ['x-amz-date', 'host;x-amz-date'],
    ['a', 'a;host'],
    ['X-Amz-Date%3BHost', 'host;x-amz-date'],
    ['host%3Bx-amz-date', undefined],
    ['x-amz-date%3Bhost', 'host;x-amz-date'],
    ['host%3Bhost', 'host'],
    ['%3B', 'host'],
  ];
  for (const [written, expected] of cases) {
    const text = CLEAN_QUERY.replace('&X-Amz-SignedHeaders=host', `&X-Amz-SignedHeaders=${written}`);
    const hits = findingsAt(text, 'query').filter((f) => f.code === 'query-signed-headers');
    if (expected === undefined) {
      assert.deepEqual(hits, [], written);
      continue;
    }
    assert.equal(hits.length, 1, written);
    assert.equal(hits[0].at, written);
    assert.ok(hits[0].finding.message.startsWith(`X-Amz-SignedHeaders must be ${expected}: `), `${written}: ${hits[0].finding.message}`);
    assert.equal(hits[0].finding.fixes![0].edits[0].newText, encodeURIComponent(expected), written);
  }
});

test('X-Amz-SignedHeaders: the problems named in the message', () => {
  const cases: [string, string][] = [
    ['Host', 'header names must be lowercase'],
    ['X-Amz-Date', "header names must be lowercase, it must include 'host'"],
    ['x-amz-date', "it must include 'host'"],
    ['x-amz-date%3Bhost', "names must be sorted and separated by ';'"],
  ];
  for (const [written, problems] of cases) {
    const text = CLEAN_QUERY.replace('&X-Amz-SignedHeaders=host', `&X-Amz-SignedHeaders=${written}`);
    const hits = findingsAt(text, 'query').filter((f) => f.code === 'query-signed-headers');
    assert.equal(hits.length, 1, written);
    assert.ok(hits[0].finding.message.endsWith(`: ${problems}.`), `${written}: ${hits[0].finding.message}`);
  }
});

test('isPlaceholder: what the placeholder regex matches, on every short text over the characters that matter', () => {
  const PLACEHOLDER = /^(<[^<>]*>|\{\{[^{}]*\}\}|\$\{[^{}]*\}|\{[A-Za-z_][\w-]*\})$/;
  const alphabet = ['<', '>', '{', '}', '$', 'a', 'Z', '_', '-', '0', ' ', '.', 'é'];
  let checked = 0;
  const visit = (text: string, depth: number) => {
    assert.equal(isPlaceholder(text), PLACEHOLDER.test(text), JSON.stringify(text));
    checked++;
    if (depth > 0) for (const c of alphabet) visit(text + c, depth - 1);
  };
  visit('', 4);
  for (const text of ['<credential>', '{{token}}', '${SIGNATURE}', '{Name-1}', '{1a}', '<a<b>', '{{a}b}}', '${a{b}', '<signature', '{a b}']) {
    assert.equal(isPlaceholder(text), PLACEHOLDER.test(text), text);
    checked++;
  }
  assert.ok(checked > 30000);
});

test('Query members: a long request (Maps) finds repeated and nested names as a short one (scans) does', () => {
  const extra = 'CacheClusterId=a&Engine=redis&NumCacheNodes=1&Engine=valkey&Engine.member.1=x&SecurityGroupIds.member.1=sg-1&SecurityGroupIds.member.1=sg-2&Port.x=1';
  const filler = Array.from({ length: 20 }, (_, i) => `Unknown${i}=v`).join('&');
  const findings = (text: string) =>
    analyze(text, 'query')
      .findings.filter((f) => !f.message.includes('Unknown'))
      .map((f) => `${f.code}: ${f.message} @${text.slice(f.span.start, f.span.end)}`);
  const short = findings(`Action=CreateCacheCluster&Version=2015-02-02&${extra}`);
  assert.deepEqual(short.slice(0, 4), [
    "duplicate-parameter: Engine is given more than once with different values ('redis', then 'valkey'): keep one and remove the other. @Engine",
    'duplicate-parameter: Engine is given more than once. @Engine.member.1',
    "duplicate-parameter: SecurityGroupIds.member.1 is given more than once with different values ('sg-1', then 'sg-2'): keep one and remove the other. @SecurityGroupIds.member.1",
    'unknown-parameter: Port is an integer: it has no member x. @Port.x',
  ]);
  assert.deepEqual(findings(`Action=CreateCacheCluster&Version=2015-02-02&${filler}&${extra}`), short);
});
