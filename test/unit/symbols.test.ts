import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/service/index';
import { documentSymbols, MAX_OUTLINE_MEMBERS, type OutlineSymbol } from '../../server/src/service/symbols';
import { quickFixes } from '../../server/src/service/codeActions';

const seed = readFileSync(join(__dirname, '..', 'lsp', 'fixtures', 'seed.elasticache'), 'utf8');

test('outline: one symbol per request named by action and CacheClusterId, a child per parameter', () => {
  const text = `${seed}\n###\nhttps://elasticache.eu-west-1.amazonaws.com/?Action=DeleteCacheCluster&CacheClusterId=old-one\n\nAction=DescribeCacheClusters`;
  const symbols = documentSymbols(analyze(text, 'query'));
  assert.deepEqual(symbols.map((s) => s.name), ['CreateCacheCluster my-cluster', 'DeleteCacheCluster old-one', 'DescribeCacheClusters']);
  assert.equal(symbols[0].detail, 'elasticache.us-west-2.amazonaws.com');
  const engine = symbols[0].children.find((c) => c.name === 'Engine')!;
  assert.equal(engine.detail, 'redis');
  assert.equal(text.slice(engine.selectionSpan.start, engine.selectionSpan.end), 'Engine');
  for (const s of symbols) {
    assert.ok(s.span.start <= s.selectionSpan.start && s.selectionSpan.end <= s.span.end, 'selection inside the symbol');
    for (const c of s.children) assert.ok(s.span.start <= c.span.start && c.span.end <= s.span.end, `${c.name} inside ${s.name}`);
  }
});

test('outline: each request is named by the id its action acts on (ReplicationGroupId, SnapshotName, …), not its host', () => {
  const text = [
    'https://elasticache.us-east-1.amazonaws.com/?Action=CreateReplicationGroup&ReplicationGroupId=multi-two&ReplicationGroupDescription=d&CacheNodeType=cache.t3.micro&Engine=redis',
    'https://elasticache.us-east-1.amazonaws.com/?Action=CreateSnapshot&CacheClusterId=src&SnapshotName=nightly',
    'https://elasticache.us-east-1.amazonaws.com/?Action=DescribeSnapshots&SnapshotName=only-this',
    'https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheSubnetGroup&CacheSubnetGroupName=sub&CacheSubnetGroupDescription=d&SubnetIds.SubnetIdentifier.1=subnet-1',
    'https://elasticache.us-east-1.amazonaws.com/?Action=DescribeEvents&Duration=60',
    'https://elasticache.us-east-1.amazonaws.com/?Action=CreateReplicationGroup&ReplicationGroupDescription=no-id',
    'https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheClustr&CacheClusterId=misspelt-action',
  ].join('\n\n###\n');
  const symbols = documentSymbols(analyze(text, 'query'));
  assert.deepEqual(symbols.map((s) => s.name), [
    'CreateReplicationGroup multi-two',
    'CreateSnapshot nightly',
    'DescribeSnapshots only-this',
    'CreateCacheSubnetGroup sub',
    'DescribeEvents',
    'CreateReplicationGroup',
    'CreateCacheClustr misspelt-action',
  ]);
  // The host stays the detail beside the name.
  assert.ok(symbols.every((s) => s.detail === 'elasticache.us-east-1.amazonaws.com'));
});

test('outline of CLI input files, with nested members; secrets are masked', () => {
  const json = '{\n  "CacheClusterId": "c1",\n  "AuthToken": "0123456789abcdefXYZ",\n  "Tags": [{ "Key": "team", "Value": "x" }]\n}';
  const [request] = documentSymbols(analyze(json, 'json'));
  assert.equal(request.name, 'CreateCacheCluster c1');
  const token = request.children.find((c) => c.name === 'AuthToken')!;
  assert.ok(!JSON.stringify(request).includes('0123456789abcdefXYZ'));
  assert.equal(token.detail, '••••••');
  const tags = request.children.find((c) => c.name === 'Tags')!;
  assert.deepEqual(tags.children[0].children.map((c) => `${c.name}=${c.detail}`), ['Key=team', 'Value=x']);
  const [yamlRequest] = documentSymbols(analyze('CacheClusterId: y1\nEngine: redis\n', 'yaml'));
  assert.equal(yamlRequest.name, 'CreateCacheCluster y1');
  const query = documentSymbols(analyze('Action=CreateCacheCluster&CacheClusterId=q&AuthToken=abcdefghijklmnop1234&X-Amz-Signature=deadbeef', 'query'));
  assert.ok(!JSON.stringify(query).includes('abcdefghijklmnop1234') && !JSON.stringify(query).includes('deadbeef'));
});

test('outline: a key written without a value shows none; a written null shows null', () => {
  const detail = (text: string, kind: 'json' | 'yaml') => documentSymbols(analyze(text, kind))[0].children.find((c) => c.name === 'Engine')!.detail;
  assert.equal(detail('{"CacheClusterId": "x", "Engine": }', 'json'), '');
  assert.equal(detail('CacheClusterId: x\nEngine:\n', 'yaml'), '');
  assert.equal(detail('{"CacheClusterId": "x", "Engine": null}', 'json'), 'null');
  assert.equal(detail('CacheClusterId: x\nEngine: null\n', 'yaml'), 'null');
});

test('quick fixes: offered where the range touches a finding, preferred flag kept', () => {
  const analysis = analyze(seed, 'query');
  const at = seed.indexOf('CacheParameterGroup=');
  const fixes = quickFixes(analysis.findings, { start: at + 3, end: at + 3 });
  const rename = fixes.find((f) => f.edits.some((e) => e.newText === 'CacheParameterGroupName'));
  assert.ok(rename, JSON.stringify(fixes));
  assert.equal(rename.isPreferred, true);
  assert.equal(rename.finding.code, 'unknown-parameter');
  assert.deepEqual(quickFixes(analysis.findings, { start: 0, end: 0 }), []);
});

test('a huge outline is cut after the limit, with one symbol for the rest', () => {
  const text = Array.from({ length: 12 }, (_, i) => `Action=DeleteCacheCluster&CacheClusterId=c${i}`).join('\n\n');
  const symbols = documentSymbols(analyze(text, 'query'), 10);
  assert.equal(symbols.length, 11);
  assert.equal(symbols[9].name, 'DeleteCacheCluster c9');
  assert.equal(symbols[10].name, '… 2 more requests');
  // Where the rest starts, and nowhere else: no symbol is around the lines below (breadcrumbs, sticky scroll).
  const tenth = text.indexOf('Action=DeleteCacheCluster&CacheClusterId=c10');
  assert.deepEqual(symbols[10].span, { start: tenth, end: tenth });
  assert.deepEqual(symbols[10].selectionSpan, symbols[10].span);
  const inEleventh = text.indexOf('CacheClusterId=c11');
  assert.deepEqual(symbols.filter((s) => s.span.start <= inEleventh && inEleventh <= s.span.end), []);
});

/** A CLI input JSON with `n` tags: 3 outline symbols per tag (the item, its Key, its Value). */
const tagsJson = (n: number) => JSON.stringify({ CacheClusterId: 'a', Engine: 'redis', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1, Tags: Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) });
const countSymbols = (symbols: OutlineSymbol[]): number => symbols.reduce((n, s) => n + 1 + countSymbols(s.children), 0);

test('a list too long for the outline shows its first items, then one symbol for the rest; the outline stays bounded', () => {
  const text = tagsJson(60_000);
  const [request] = documentSymbols(analyze(text, 'json'));
  assert.ok(countSymbols([request]) <= MAX_OUTLINE_MEMBERS + 2, `${countSymbols([request])} symbols`);
  const tags = request.children.find((c) => c.name === 'Tags')!;
  const rest = tags.children.at(-1)!;
  const shown = tags.children.length - 1;
  assert.equal(rest.name, `… ${60_000 - shown} more items`);
  assert.equal(text.slice(rest.span.start, rest.span.end), text.slice(text.indexOf(`{"Key":"k${shown}"`), text.lastIndexOf(']')));
  assert.ok(tags.span.start <= rest.span.start && rest.span.end <= tags.span.end, 'the rest lies inside the list');
  assert.deepEqual(tags.children[shown - 1].children.map((c) => `${c.name}=${c.detail}`), [`Key=k${shown - 1}`, 'Value=v']);
  // Clean case: a list that fits is shown whole, without a rest symbol.
  const small = documentSymbols(analyze(tagsJson(10), 'json'))[0].children.find((c) => c.name === 'Tags')!;
  assert.deepEqual(small.children.map((c) => c.name), Array.from({ length: 10 }, (_, i) => `[${i + 1}]`));
  // A Query request with more parameters than the outline holds: the same.
  const query = `Action=CreateCacheCluster&CacheClusterId=q${'&Tags.Tag.1.Key=k'.repeat(0)}${Array.from({ length: 20 }, (_, i) => `&SecurityGroupIds.SecurityGroupId.${i + 1}=sg-${i}`).join('')}`;
  const [q] = documentSymbols(analyze(query, 'query'), 10, 5);
  assert.deepEqual(q.children.map((c) => c.name), ['Action', 'CacheClusterId', 'SecurityGroupIds.SecurityGroupId.1', 'SecurityGroupIds.SecurityGroupId.2', 'SecurityGroupIds.SecurityGroupId.3', '… 17 more parameters']);
});

test('outline work does not grow with the list past the bound: 10× the tags is not 10× (let alone 100×) the time', () => {
  const small = analyze(tagsJson(3_000), 'json');
  const large = analyze(tagsJson(30_000), 'json');
  // The fastest of five runs: the least disturbed by garbage collection and the other work on a shared machine.
  const time = (analysis: typeof small) => {
    let best = Infinity;
    for (let k = 0; k < 5; k++) {
      const t0 = process.cpuUsage();
      documentSymbols(analysis);
      const d = process.cpuUsage(t0);
      best = Math.min(best, (d.user + d.system) / 1000);
    }
    return best;
  };
  time(small);
  const ts = Math.max(time(small), 1);
  const tl = time(large);
  assert.ok(tl < ts * 5, `3,000 tags ${ts.toFixed(1)} ms, 30,000 tags ${tl.toFixed(1)} ms`);
  assert.equal(countSymbols(documentSymbols(large)), countSymbols(documentSymbols(small)), 'both outlines hold the same number of symbols');
  // Without the bound every member is listed (the bound is what keeps the outline small, not a lost list).
  assert.equal(countSymbols(documentSymbols(large, undefined, Infinity)), 1 + 5 + 3 * 30_000);
});
