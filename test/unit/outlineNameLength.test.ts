// Outline symbol names are shortened as their details are: a 1 MB CacheClusterId (or parameter name, or host) gave
// a 1 MB symbol name, sent to the editor with every outline request. And shown as findings are: control and format
// characters escaped (visibleMessage), so that U+202E does not show a name reversed.
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

test('control and format characters in outline names and details are shown as escapes, as in findings', () => {
  // U+202E reverses the text after it; U+0007 and U+200B are invisible.
  const text = '?Action=CreateCacheCluster&CacheClusterId=c\u202e1&Engine\u202eVersion=7.1&CacheNodeType=cache.t3%E2%80%AE.micro&Engine=re\u200bdis&Port=63%0779';
  const [request] = documentSymbols(analyze(text, 'query'));
  assert.equal(request.name, 'CreateCacheCluster c\\u202e1');
  const shown = request.children.map((c) => `${c.name}=${c.detail}`);
  assert.ok(shown.includes('Engine\\u202eVersion=7.1'), shown.join(' '));
  assert.ok(shown.includes('CacheNodeType=cache.t3\\u202e.micro'), shown.join(' '));
  assert.ok(shown.includes('Engine=re\\u200bdis'), shown.join(' '));
  assert.ok(shown.includes('Port=63\\u000779'), shown.join(' '));
  const yaml = documentSymbols(analyze('CacheClusterId: c1\n"Engine\\u202eVersion": "7\\u202e.1"\n', 'yaml'))[0].children;
  assert.deepEqual(yaml.map((c) => `${c.name}=${c.detail}`), ['CacheClusterId=c1', 'Engine\\u202eVersion=7\\u202e.1']);
  // Cut at the limit after escaping, never inside a surrogate pair.
  const emoji = documentSymbols(analyze(`?Action=CreateCacheCluster&CacheClusterId=${'a'.repeat(78)}😀b`, 'query'))[0].name;
  assert.equal(emoji, `CreateCacheCluster ${'a'.repeat(78)}…`);
  // Nor inside an escape: `\u202e` is shown whole or not at all.
  const escaped = documentSymbols(analyze(`?Action=CreateCacheCluster&CacheClusterId=${'a'.repeat(76)}\u202ebcdef`, 'query'))[0].name;
  assert.equal(escaped, `CreateCacheCluster ${'a'.repeat(76)}…`);
  // Clean: an emoji and its zero-width joiner sequence are shown as they are.
  const person = documentSymbols(analyze('?Action=CreateCacheCluster&CacheClusterId=c1&Tags.Tag.1.Value=👩‍💻', 'query'))[0];
  assert.ok(person.children.some((c) => c.detail === '👩‍💻'));
});
