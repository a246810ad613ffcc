// One mistake, one finding: JSON trailing commas and other single mistakes in CLI input files, and
// Query values percent-encoded twice. Each hit's preferred fix must leave a file without that finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Finding } from '../../server/src/service/index';
import { applyEdits } from './helpers';

function syntax(text: string): Finding[] {
  return analyze(text, 'json').findings.filter((f) => f.code === 'json-syntax');
}

function applyPreferred(text: string, f: Finding): string {
  const fix = f.fixes?.find((x) => x.isPreferred) ?? f.fixes?.[0];
  assert.ok(fix, `a fix for: ${f.message}`);
  return applyEdits(text, fix.edits);
}

/** Exactly one json-syntax finding, covering `at`, whose preferred fix gives a file without json-syntax findings. */
function oneJsonFinding(text: string, at: string, message: RegExp): string {
  const found = syntax(text);
  assert.equal(found.length, 1, `${text}: ${JSON.stringify(found.map((f) => f.message))}`);
  assert.equal(text.slice(found[0].span.start, found[0].span.end), at);
  assert.match(found[0].message, message);
  assert.equal(found[0].severity, 'error');
  const fixed = applyPreferred(text, found[0]);
  assert.deepEqual(syntax(fixed), [], fixed);
  JSON.parse(fixed); // what the AWS CLI (Python's json) does with it, near enough
  return fixed;
}

test('a trailing comma is one finding on the comma, removed by the preferred fix', () => {
  assert.equal(oneJsonFinding('{"CacheClusterId": "x",}', ',', /^Invalid JSON: trailing comma before '\}'\. The AWS CLI cannot read this file\.$/), '{"CacheClusterId": "x"}');
  assert.equal(oneJsonFinding('["sg-1",]', ',', /trailing comma before '\]'/), '["sg-1"]');
  oneJsonFinding('{"SecurityGroupIds": ["sg-1", "sg-2",]}', ',', /trailing comma before '\]'/);
  oneJsonFinding('{\n  "CacheClusterId": "x",\n  "Tags": [{"Key": "a", "Value": "b"}],\n}\n', ',', /before '\}'/);
  oneJsonFinding('{"Tags": [{"Key": "a",}]}', ',', /before '\}'/);
  oneJsonFinding('{"A": 1 ,\n\n  }', ',', /before '\}'/);
});

test('a trailing comma keeps the member before it in the tree (the rest of the file is still checked)', () => {
  const r = analyze('{"CacheClusterId": "x", "Engine": "redis",}', 'json');
  const input = r.requests[0]?.input as Record<string, unknown> | undefined;
  assert.equal(input?.Engine, 'redis');
});

test('several trailing commas: one finding each', () => {
  const text = '{"A": {"B": [1, 2,],},}';
  const found = syntax(text);
  assert.deepEqual(found.map((f) => f.span.start), [17, 19, 21]);
  assert.ok(found.every((f) => /trailing comma/.test(f.message)));
});

test('commas that are not trailing commas keep their findings', () => {
  for (const text of ['{,}', '[,]', '{"A": 1,,}', '[1,,]', '{"A",}', '{"A": 1,', '[1,']) {
    assert.ok(syntax(text).length > 0, text);
    assert.ok(syntax(text).every((f) => !/trailing comma/.test(f.message)), text);
  }
});

test('a missing comma is one finding with an insert-comma fix', () => {
  assert.equal(oneJsonFinding('{"CacheClusterId": "x"\n "Engine": "redis"}', '"Engine"', /comma expected/), '{"CacheClusterId": "x",\n "Engine": "redis"}');
  assert.equal(oneJsonFinding('{"SecurityGroupIds": ["sg-1" "sg-2"]}', '"sg-2"', /comma expected/), '{"SecurityGroupIds": ["sg-1", "sg-2"]}');
  // Where a comma would not help (a colon inside a list), no fix is offered.
  const colon = syntax('{"A": ["B": 1]}');
  assert.ok(colon.length > 0 && colon.every((f) => !f.fixes));
});

test('a comment is one finding, removed by the fix', () => {
  assert.equal(oneJsonFinding('{"CacheClusterId": "x"} // note', '// note', /comments are not allowed/), '{"CacheClusterId": "x"}');
  assert.equal(oneJsonFinding('{\n  // the cluster\n  "CacheClusterId": "x"\n}', '// the cluster', /comments/), '{\n  "CacheClusterId": "x"\n}');
  oneJsonFinding('{/* c */"CacheClusterId": "x"}', '/* c */', /comments/);
  // An unclosed block comment runs to the end of the file: no fix that would delete the rest.
  const unclosed = syntax('{"CacheClusterId": "x" /* note');
  assert.ok(unclosed.every((f) => !f.fixes));
});

test('a single-quoted string or name is one finding, fixed with double quotes', () => {
  assert.equal(oneJsonFinding("{'CacheClusterId': \"x\"}", "'CacheClusterId'", /double quotes, not single quotes/), '{"CacheClusterId": "x"}');
  assert.equal(oneJsonFinding('{"CacheClusterId": \'my-cluster\'}', "'my-cluster'", /single quotes/), '{"CacheClusterId": "my-cluster"}');
  assert.equal(oneJsonFinding('{"SecurityGroupIds": [\'sg 1\']}', "'sg 1'", /single quotes/), '{"SecurityGroupIds": ["sg 1"]}');
  assert.equal(oneJsonFinding('{"A": \'say "hi"\'}', '\'say "hi"\'', /single quotes/), '{"A": "say \\"hi\\""}');
  // The value is read as meant: later checks see it.
  const r = analyze("{'CacheClusterId': 'x', 'Engine': 'redis'}", 'json');
  assert.equal((r.requests[0]?.input as Record<string, unknown>).Engine, 'redis');
});

test('an unquoted name is one finding, fixed with double quotes', () => {
  assert.equal(oneJsonFinding('{CacheClusterId: "x"}', 'CacheClusterId', /property names must be in double quotes/), '{"CacheClusterId": "x"}');
  oneJsonFinding('{"CacheClusterId": "x", Engine : "redis"}', 'Engine', /double quotes/);
  const r = analyze('{CacheClusterId: "x"}', 'json');
  const f = r.findings.find((x) => x.code === 'json-syntax')!;
  assert.deepEqual(f.span, { start: 1, end: 15 });
});

test('unquoted words outside a name position are not taken as names', () => {
  // A YAML file opened as JSON, and bare values: still reported as invalid symbols, and no scalar root.
  for (const text of ['a: 1', '{"A": b: 1}', '{"Engine": redis}', "'x'"]) {
    const found = syntax(text);
    assert.ok(found.length > 0, text);
    assert.ok(found.every((f) => !/double quotes/.test(f.message)), text);
  }
});
