// tags / tag-characters: the tagging page's restrictions (lengths in Unicode characters, unique keys, the characters
// other services take) on the create actions in every form, and on any other action with a TagList (AddTagsToResource).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { body, findingsAt } from './helpers';

const base = { CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 };
const json = (tags: unknown) => JSON.stringify({ ...base, Tags: tags });
const yaml = (tags: { Key: string; Value?: string }[]) =>
  `CacheClusterId: my-cluster\nEngine: redis\nEngineVersion: '7.1'\nCacheNodeType: cache.t4g.micro\nNumCacheNodes: 1\nTags:\n${tags.map((t) => `  - Key: ${JSON.stringify(t.Key)}\n${t.Value !== undefined ? `    Value: ${JSON.stringify(t.Value)}\n` : ''}`).join('')}`;
const query = (tags: { Key: string; Value?: string }[]) => {
  const members: Record<string, string | number> = { ...base };
  tags.forEach((t, i) => {
    members[`Tags.Tag.${i + 1}.Key`] = t.Key;
    if (t.Value !== undefined) members[`Tags.Tag.${i + 1}.Value`] = t.Value;
  });
  return body(members);
};
const tagFindings = (text: string, kind: 'query' | 'json' | 'yaml') => findingsAt(text, kind).filter((f) => f.code.startsWith('tag')).map((f) => [f.code, f.severity]);
const FORMS = [['query', query], ['json', json], ['yaml', yaml]] as const;

test('tags: key and value lengths count Unicode characters (an astral letter is one), in every form', () => {
  const astral = '\u{1D49C}'; // MATHEMATICAL SCRIPT CAPITAL A: a letter, two UTF-16 units
  for (const [kind, make] of FORMS) {
    assert.deepEqual(tagFindings(make([{ Key: astral.repeat(128), Value: astral.repeat(256) }]), kind), [], kind);
    assert.deepEqual(tagFindings(make([{ Key: astral.repeat(129), Value: 'v' }]), kind), [['tags', 'error']], kind);
    assert.deepEqual(tagFindings(make([{ Key: 'k', Value: astral.repeat(257) }]), kind), [['tags', 'error']], kind);
  }
  const long = findingsAt(json([{ Key: astral.repeat(129) }]), 'json').find((f) => f.code === 'tags')!;
  assert.equal(long.finding.message, 'Tags (item 1).Key is 129 characters long: a tag key has at most 128. Shorten it.');
});

test('tags: a repeated key is a warning on the later tag; distinct keys (case-sensitive) are clean', () => {
  for (const [kind, make] of FORMS) {
    assert.deepEqual(tagFindings(make([{ Key: 'team', Value: 'a' }, { Key: 'team', Value: 'b' }]), kind), [['tags', 'warning']], kind);
    assert.deepEqual(tagFindings(make([{ Key: 'team', Value: 'a' }, { Key: 'Team', Value: 'b' }]), kind), [], kind);
  }
  const repeated = findingsAt(query([{ Key: 'team', Value: 'a' }, { Key: 'team', Value: 'b' }]), 'query').find((f) => f.code === 'tags')!;
  assert.equal(repeated.at, 'team');
  assert.match(repeated.finding.message, /^Tags\.Tag\.2\.Key repeats the key of tag 1: a resource keeps one value per key/);
});

test('tag-characters: a hint on characters other AWS services refuse; letters of any script, digits, spaces and + - = . _ : / @ are clean', () => {
  for (const [kind, make] of FORMS) {
    assert.deepEqual(tagFindings(make([{ Key: 'cost#center', Value: 'a' }]), kind), [['tag-characters', 'hint']], kind);
    assert.deepEqual(tagFindings(make([{ Key: 'k', Value: 'a*b' }]), kind), [['tag-characters', 'hint']], kind);
    assert.deepEqual(tagFindings(make([{ Key: 'Équipe données', Value: 'prod-1 + team_a=x.y:z/w@q' }]), kind), [], kind);
  }
});

test('tags on AddTagsToResource: the same checks as on the create actions (Query)', () => {
  const add = (...params: string[]) =>
    `https://elasticache.us-east-1.amazonaws.com/?Action=AddTagsToResource&Version=2015-02-02&ResourceName=arn%3Aaws%3Aelasticache%3Aus-east-1%3A123456789012%3Acluster%3Amy-cluster&${params.join('&')}\n`;
  assert.deepEqual(tagFindings(add('Tags.Tag.1.Key=aws%3Aowner', 'Tags.Tag.1.Value=me'), 'query'), [['tags', 'error']]);
  assert.deepEqual(tagFindings(add('Tags.Tag.1.Key=owner', 'Tags.Tag.2.Key=owner'), 'query'), [['tags', 'warning']]);
  assert.deepEqual(tagFindings(add('Tags.Tag.1.Key=owner', 'Tags.Tag.1.Value=me'), 'query'), []);
});

test('tags: a misspelt Key is one finding (unknown-parameter, with the rename), not also "has no Key"; a tag with no Key at all still is', () => {
  const misspelt = {
    query: body({ ...base, 'Tags.Tag.1.Kee': 'k', 'Tags.Tag.1.Value': 'v' }),
    json: JSON.stringify({ ...base, Tags: [{ Kee: 'k', Value: 'v' }] }),
    yaml: `CacheClusterId: my-cluster\nEngine: redis\nEngineVersion: '7.1'\nCacheNodeType: cache.t4g.micro\nNumCacheNodes: 1\nTags:\n  - Kee: k\n    Value: v\n`,
  } as const;
  for (const kind of ['query', 'json', 'yaml'] as const) {
    const found = findingsAt(misspelt[kind], kind);
    assert.deepEqual(found.map((f) => [f.code, f.at]), [['unknown-parameter', 'Kee']], kind);
    assert.match(found[0].finding.message, /Did you mean Key\?$/, kind);
    assert.equal(found[0].finding.fixes?.[0].title, 'Change to Key', kind);
  }
  // Only the tag with the typo is spared: the next one, with no Key and no misspelling of it, is still reported.
  const twoTags = JSON.stringify({ ...base, Tags: [{ Kee: 'k', Value: 'v' }, { Value: 'w' }] });
  const found = findingsAt(twoTags, 'json');
  assert.deepEqual(found.map((f) => f.code), ['unknown-parameter', 'tags']);
  assert.match(found[1].finding.message, /^Tags \(item 2\) has no Key/);
  // An unknown member that is no misspelling of Key leaves the missing Key reported.
  assert.deepEqual(findingsAt(body({ ...base, 'Tags.Tag.1.Colour': 'red', 'Tags.Tag.1.Value': 'v' }), 'query').map((f) => f.code), ['unknown-parameter', 'tags']);
});
