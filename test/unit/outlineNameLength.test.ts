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
