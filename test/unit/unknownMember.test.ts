// unknown-parameter / parameter-wrong-action: the did-you-mean and its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';
import { applyEdits, findingsAt } from './helpers';

const Q = (...params: string[]) => ['Action=CreateCacheCluster', 'Version=2015-02-02', 'CacheClusterId=orders', 'Engine=memcached', 'CacheNodeType=cache.t3.micro', ...params].join('&');

test('unknown-parameter: no rename to a member the request already has; the fix removes the misspelt one (every form)', () => {
  const docs: [string, 'query' | 'json' | 'yaml', string][] = [
    // samples/common-mistakes.elasticache
    [Q('NumCacheNode=1', 'NumCacheNodes=2'), 'query', Q('NumCacheNodes=2')],
    ['https://elasticache.us-east-1.amazonaws.com/\n    ?Action=CreateCacheCluster\n    &Version=2015-02-02\n    &CacheClusterId=orders\n    &NumCacheNode=1\n    &NumCacheNodes=2\n', 'query', 'https://elasticache.us-east-1.amazonaws.com/\n    ?Action=CreateCacheCluster\n    &Version=2015-02-02\n    &CacheClusterId=orders\n    &NumCacheNodes=2\n'],
    ['{\n  "CacheClusterId": "orders",\n  "NumCacheNode": 1,\n  "NumCacheNodes": 2\n}\n', 'json', '{\n  "CacheClusterId": "orders",\n  "NumCacheNodes": 2\n}\n'],
    ['CacheClusterId: orders\nNumCacheNodes: 2\nNumCacheNode: 1\n', 'yaml', 'CacheClusterId: orders\nNumCacheNodes: 2\n'],
  ];
  for (const [text, kind, fixed] of docs) {
    const found = findingsAt(text, kind).filter((f) => f.code === 'unknown-parameter');
    assert.deepEqual(found.map((f) => f.at), ['NumCacheNode'], kind);
    const { message, fixes } = found[0].finding;
    assert.equal(message, 'Unknown parameter NumCacheNode for CreateCacheCluster. Did you mean NumCacheNodes? It is already given: remove this NumCacheNode.');
    assert.deepEqual(fixes?.map((f) => [f.title, f.isPreferred]), [['Remove NumCacheNode (NumCacheNodes is already given)', true]], kind);
    const after = applyEdits(text, fixes![0].edits);
    assert.equal(after, fixed, kind);
    assert.deepEqual(analyze(after, kind).findings.filter((f) => f.code === 'unknown-parameter' || f.code === 'duplicate-parameter' || f.code === 'yaml-syntax'), [], kind);
  }
  // Nested: a tag's Valu beside its Value.
  const tag = findingsAt(Q('Tags.Tag.1.Key=team', 'Tags.Tag.1.Valu=a', 'Tags.Tag.1.Value=b'), 'query').filter((f) => f.code === 'unknown-parameter');
  assert.deepEqual(tag.map((f) => f.finding.fixes?.map((x) => x.title)), [['Remove Valu (Value is already given)']]);
  // Not given: the rename, as before.
  const alone = findingsAt(Q('NumCacheNode=1'), 'query').filter((f) => f.code === 'unknown-parameter');
  assert.equal(alone[0].finding.message, 'Unknown parameter NumCacheNode for CreateCacheCluster. Did you mean NumCacheNodes?');
  assert.deepEqual(alone[0].finding.fixes?.map((f) => f.title), ['Change to NumCacheNodes']);
});

test('unknown-parameter shows at most 60 characters of a name (then …); without a fix, `fixes` is left out', () => {
  const long = 'X'.repeat(100_000);
  const found = findingsAt(Q(`${long}=1`), 'query').filter((f) => f.code === 'unknown-parameter');
  assert.equal(found.length, 1);
  assert.equal(found[0].finding.message, `Unknown parameter ${'X'.repeat(60)}… for CreateCacheCluster.`);
  assert.equal('fixes' in found[0].finding, false);
  // A nested name past a scalar member, cut the same way.
  const nested = findingsAt(Q(`Port.${long}=1`), 'query').filter((f) => f.code === 'unknown-parameter');
  assert.equal(nested[0].finding.message, `Port is an integer: it has no member ${'X'.repeat(60)}….`);
  // A member of another action (no case slip): no fix either.
  const wrong = findingsAt(Q('NumNodeGroups=2'), 'query').filter((f) => f.code === 'parameter-wrong-action');
  assert.equal('fixes' in wrong[0].finding, false);
  // A short name is shown whole, and a close match keeps its fix.
  const short = findingsAt(Q('Engin=redis'), 'query').filter((f) => f.code === 'unknown-parameter');
  assert.match(short[0].finding.message, /^Unknown parameter Engin for CreateCacheCluster\./);
  assert.equal(short[0].finding.fixes?.length, 1);
});
