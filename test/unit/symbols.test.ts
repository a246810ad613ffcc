import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/service/index';
import { documentSymbols } from '../../server/src/service/symbols';
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
  assert.equal(text.slice(symbols[10].span.start, symbols[10].span.end), 'Action=DeleteCacheCluster&CacheClusterId=c10\n\nAction=DeleteCacheCluster&CacheClusterId=c11');
});
