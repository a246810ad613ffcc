// Outline symbol names are shortened as their details are: a 1 MB CacheClusterId (or parameter name, or host) gave
// a 1 MB symbol name, sent to the editor with every outline request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';
import { documentSymbols } from '../../server/src/service/symbols';

test('a huge id, parameter name or host is shortened in the outline', () => {
  const long = 'a'.repeat(1_000_000);
  const text = `https://${long}.example.com/?Action=CreateCacheCluster&CacheClusterId=${long}&${long}=1`;
  const [request] = documentSymbols(analyze(text, 'query'));
  assert.equal(request.name, `CreateCacheCluster ${'a'.repeat(79)}…`);
  assert.ok(request.detail!.length <= 80 && request.detail!.endsWith('…'), request.detail!.slice(0, 100));
  const names = request.children.map((c) => c.name);
  assert.ok(names.every((n) => n.length <= 80), names.map((n) => n.length).join());
  assert.ok(names.includes(`${'a'.repeat(79)}…`));
});

test('ordinary ids and names are shown whole', () => {
  const id = 'c'.repeat(40);
  const [request] = documentSymbols(analyze(`?Action=CreateCacheCluster&CacheClusterId=${id}&Engine=redis`, 'query'));
  assert.equal(request.name, `CreateCacheCluster ${id}`);
  assert.deepEqual(request.children.map((c) => c.name), ['Action', 'CacheClusterId', 'Engine']);
});

test('a huge JSON or YAML key is shortened in the outline, at the top and in a nested member; ordinary keys are whole', () => {
  const long = 'k'.repeat(100_000);
  const cases: [string, 'json' | 'yaml'][] = [
    [`{"CacheClusterId": "c1", "${long}": 1, "Tags": [{"Key": "a", "${long}": 2}], "Engine": "redis"}`, 'json'],
    [`CacheClusterId: c1\n${long}: 1\nTags:\n  - {Key: a, ${long}: 2}\nEngine: redis\n`, 'yaml'],
  ];
  for (const [text, kind] of cases) {
    const [request] = documentSymbols(analyze(text, kind));
    const names = request.children.map((c) => c.name);
    assert.deepEqual(names, ['CacheClusterId', `${'k'.repeat(79)}…`, 'Tags', 'Engine'], kind);
    const tag = request.children[2].children[0];
    assert.deepEqual(tag.children.map((c) => c.name), ['Key', `${'k'.repeat(79)}…`], kind);
  }
});
