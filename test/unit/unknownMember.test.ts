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

test('unknown-parameter: a misspelt list or structure name in several Query parameters is one finding, no duplicate, and its fixes cover every parameter', () => {
  const notDuplicate = (text: string) => findingsAt(text, 'query').filter((f) => f.code === 'duplicate-parameter').map((f) => f.at);
  // Given beside the member it looks like: the fix removes every parameter written under the misspelt name.
  const tags = Q('Tag.Tag.1.Key=k', 'Tag.Tag.1.Value=v', 'Tags.Tag.1.Key=j');
  const tagFindings = findingsAt(tags, 'query').filter((f) => f.severity === 'error');
  assert.deepEqual(tagFindings.map((f) => `${f.code}@${f.at}`), ['unknown-parameter@Tag']);
  const remove = tagFindings[0].finding.fixes!;
  assert.deepEqual(remove.map((f) => [f.title, f.isPreferred]), [['Remove Tag (Tags is already given)', true]]);
  assert.equal(applyEdits(tags, remove[0].edits), Q('Tags.Tag.1.Key=j'));
  // Not given: the rename changes the name in each parameter (one fix), also across lines and with the plain name.
  const groups = Q('SecurityGroupId.member.1=sg-1', 'SecurityGroupId.member.2=sg-2');
  const rename = findingsAt(groups, 'query').filter((f) => f.code === 'unknown-parameter');
  assert.deepEqual(rename.map((f) => f.at), ['SecurityGroupId']);
  assert.deepEqual(rename[0].finding.fixes?.map((f) => f.title), ['Change to SecurityGroupIds']);
  const renamed = applyEdits(groups, rename[0].finding.fixes![0].edits);
  assert.equal(renamed, Q('SecurityGroupIds.member.1=sg-1', 'SecurityGroupIds.member.2=sg-2'));
  assert.deepEqual(notDuplicate(groups), []);
  assert.deepEqual(findingsAt(renamed, 'query').filter((f) => f.severity === 'error'), []);
  const lines = Q('Tag.Tag.1.Key=k', 'Tag.Tag.1.Value=v').replaceAll('&', '\n  &');
  const lineFix = findingsAt(lines, 'query').find((f) => f.code === 'unknown-parameter')!.finding.fixes![0];
  assert.equal(applyEdits(lines, lineFix.edits), Q('Tags.Tag.1.Key=k', 'Tags.Tag.1.Value=v').replaceAll('&', '\n  &'));
  // Nested: a tag's misspelt member written with sub-names.
  const nested = findingsAt(Q('Tags.Tag.1.Key=k', 'Tags.Tag.1.Valu.A=a', 'Tags.Tag.1.Valu.B=b', 'Tags.Tag.1.Value=v'), 'query').filter((f) => f.severity === 'error');
  assert.deepEqual(nested.map((f) => `${f.code}@${f.at}`), ['unknown-parameter@Valu']);
  assert.equal(applyEdits(Q('Tags.Tag.1.Key=k', 'Tags.Tag.1.Valu.A=a', 'Tags.Tag.1.Valu.B=b', 'Tags.Tag.1.Value=v'), nested[0].finding.fixes![0].edits), Q('Tags.Tag.1.Key=k', 'Tags.Tag.1.Value=v'));
  // A misspelt or missing Action: lists and tags written with several parameters are no duplicates.
  const rest = 'Version=2015-02-02&CacheClusterId=a&Tags.Tag.1.Key=project&Tags.Tag.1.Value=x&SecurityGroupIds.member.1=sg-1&SecurityGroupIds.member.2=sg-2';
  assert.deepEqual(notDuplicate(`Action=CreateCacheClustr&${rest}`), []);
  assert.deepEqual(notDuplicate(rest), []);
  // The hit cases stay: the same parameter twice, and a known member once plain and once with sub-names.
  assert.deepEqual(notDuplicate(`Action=CreateCacheClustr&${rest}&Tags.Tag.1.Key=again`), ['Tags.Tag.1.Key']);
  assert.deepEqual(notDuplicate(Q('CacheClusterId.x=2')), ['CacheClusterId.x']);
});
