// A binary file opened as a request: one finding that says so and what to do, and no analysis past it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/service/index';

// 3 KB of random bytes (the reviewer's bin.elasticache), read as the editor reads it: UTF-8 with replacements.
const randomBytes = readFileSync(join(__dirname, 'fixtures', 'random-bytes.bin'), 'utf8');

test('binary-content: a binary file gets that one finding, with a next step, in every form', () => {
  for (const kind of ['query', 'json', 'yaml'] as const) {
    const { findings, requests } = analyze(randomBytes, kind);
    assert.deepEqual(findings.map((f) => f.code), ['binary-content'], kind);
    assert.deepEqual(requests, [], `${kind}: not analysed further`);
    const f = findings[0];
    assert.equal(f.severity, 'error');
    assert.equal(randomBytes.slice(f.span.start, f.span.end), '\u0000', `${kind}: on the first NUL`);
    assert.match(f.message, /binary file.*Open the file you meant to edit/, kind);
    assert.match(f.message, kind === 'query' ? /\.elasticache file holds ElastiCache Query requests/ : new RegExp(`elasticache\\.${kind} file holds the AWS CLI input`), kind);
  }
  // A NUL inside an otherwise well-formed request: still a binary-content finding only.
  assert.deepEqual(analyze('{"CacheClusterId": "a\u0000b", "Engine": "redis"}', 'json').findings.map((f) => f.code), ['binary-content']);
  assert.deepEqual(analyze('CacheClusterId: a\u0000b\nEngine: nope\n', 'yaml').findings.map((f) => f.code), ['binary-content']);
});

test('binary-content clean case: text without NUL is analysed as usual', () => {
  const { findings, requests } = analyze('Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=nope', 'query');
  assert.ok(!findings.some((f) => f.code === 'binary-content'));
  assert.ok(findings.some((f) => f.code === 'invalid-engine'));
  assert.equal(requests.length, 1);
});
