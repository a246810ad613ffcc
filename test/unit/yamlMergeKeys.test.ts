// YAML merge keys (`<<: *base`), as the AWS CLI v2's YAML loader (ruamel's safe loader) reads them before it checks
// the input: checked with Debian's aws 2.9.19, `aws elasticache create-cache-cluster --cli-input-yaml file://x.yaml
// --debug` sends the merged members (`<<: {CacheClusterId: b}` gives CacheClusterId=b; a member written beside the
// `<<` wins; in `<<: [*a, *b]` the first mapping wins), and `<<: 5` fails with "Invalid YAML received".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';

const base = 'CacheClusterId: a\nEngine: redis\nCacheNodeType: cache.t3.micro\n';

test('a merge key brings in its mapping\'s members; it is no parameter named <<', () => {
  const a = analyze('<<: {CacheClusterId: merged-id, NumCacheNodes: 1}\nEngine: redis\nCacheNodeType: cache.t3.micro\n', 'yaml');
  assert.deepEqual(a.findings, []);
  assert.deepEqual(a.requests[0].input, { CacheClusterId: 'merged-id', NumCacheNodes: 1, Engine: 'redis', CacheNodeType: 'cache.t3.micro' });
});

test('members written beside the merge key win; in a list of mappings the first wins; aliases are followed', () => {
  const a = analyze('CacheClusterId: a\n<<: [{CacheClusterId: b, Engine: redis, Port: 1}, {Engine: valkey, NumCacheNodes: 2}]\nCacheNodeType: cache.t3.micro\n', 'yaml');
  assert.deepEqual(a.requests[0].input, { CacheClusterId: 'a', Engine: 'redis', Port: 1, NumCacheNodes: 2, CacheNodeType: 'cache.t3.micro' });
  const tags = analyze(`${base}Tags:\n  - &tag {Key: k, Value: v}\n  - <<: *tag\n    Key: k2\n`, 'yaml');
  assert.deepEqual(tags.findings, []);
  assert.deepEqual(tags.requests[0].input.Tags, [{ Key: 'k', Value: 'v' }, { Value: 'v', Key: 'k2' }]);
});

test('a merged member keeps its position: a mistake in it is reported where it is written', () => {
  const text = `${base}Tags:\n  - &tag {Key: k, Valu: v}\n  - <<: *tag\n    Key: k2\n`;
  const unknown = analyze(text, 'yaml').findings.filter((f) => f.code === 'unknown-parameter');
  assert.equal(unknown.length, 2);
  for (const f of unknown) assert.equal(text.slice(f.span.start, f.span.end), 'Valu');
});

test('a merge key whose value is no mapping is the error the AWS CLI fails with; a quoted "<<" is an ordinary key', () => {
  const scalar = analyze('CacheClusterId: a\n<<: 5\n', 'yaml').findings;
  assert.deepEqual(scalar.map((f) => [f.code, f.severity]), [['yaml-syntax', 'error']]);
  assert.match(scalar[0].message, /^Invalid YAML: a merge key \(<<\) takes a mapping, or a list of mappings/);
  const quoted = analyze(`${base}"<<": {Port: 1}\n`, 'yaml').findings;
  assert.deepEqual(quoted.map((f) => f.code), ['unknown-parameter']);
});

test('merges of merges are worked out once per anchor, not once per use', { timeout: 20_000 }, () => {
  // Each level merges the one before twice: read once per use, 40 levels would take 2^40 steps.
  const levels = Array.from({ length: 40 }, (_, i) => (i === 0 ? '  - &l0 {Key: k, Valu: v}' : `  - &l${i} {<<: [*l${i - 1}, *l${i - 1}]}`));
  const findings = analyze(`${base}Tags:\n${levels.join('\n')}\n`, 'yaml').findings.filter((f) => f.code === 'unknown-parameter');
  assert.equal(findings.length, 40);
});

// ruamel.yaml 0.17.21 (the newest the AWS CLI v2 allows), YAML(typ='safe', pure=True) as aws-cli's cliinput.py loads:
// `CacheClusterId: a\n<<: {Engine: redis}\nCacheClusterId: b\n` gives {Engine: redis, CacheClusterId: b} (a mapping
// whose merge brings members in is not checked for duplicates); without the `<<`, or with `<<: []` or `<<: {}`, it is
// DuplicateKeyError; `<<: {Engine: redis}\n<<: {Port: 1}` is DuplicateKeyError (found duplicate key "<<").
test('a repeated key in a mapping with a merge key: no error, the later value wins (as the CLI\'s loader reads it)', () => {
  for (const text of [`CacheClusterId: x\n<<: {NumCacheNodes: 1}\n${base}`, `<<: {NumCacheNodes: 1}\n${base}CacheClusterId: b\n`]) {
    const a = analyze(text, 'yaml');
    assert.deepEqual(a.findings, [], text);
    assert.equal(a.requests[0].input.CacheClusterId, text.endsWith('b\n') ? 'b' : 'a', text);
  }
});

test('a repeated key is still an error without a merge key, with a merge of nothing, or in a nested mapping', () => {
  const dup = (text: string) => analyze(text, 'yaml').findings.filter((f) => /duplicate key/.test(f.message)).map((f) => text.slice(f.span.start, f.span.end));
  assert.deepEqual(dup(`CacheClusterId: x\n${base}NumCacheNodes: 1\n`), ['CacheClusterId']);
  assert.deepEqual(dup(`CacheClusterId: x\n<<: []\n${base}NumCacheNodes: 1\n`), ['CacheClusterId']);
  assert.deepEqual(dup(`CacheClusterId: x\n<<: {}\n${base}NumCacheNodes: 1\n`), ['CacheClusterId']);
  assert.deepEqual(dup(`<<: {NumCacheNodes: 1}\n${base}Tags:\n  - Key: a\n    Key: b\n`), ['Key']);
  // A quoted "<<" is an ordinary key, no merge.
  assert.deepEqual(dup(`CacheClusterId: x\n"<<": {NumCacheNodes: 1}\n${base}`), ['CacheClusterId']);
});

test('a second merge key is a duplicate key when the first brought members in', () => {
  const text = `<<: {NumCacheNodes: 1}\n<<: {Port: 1}\n${base}`;
  const f = analyze(text, 'yaml').findings.filter((f) => /duplicate key/.test(f.message));
  assert.deepEqual(f.map((f) => [f.code, f.severity, text.slice(f.span.start, f.span.end)]), [['yaml-syntax', 'error', '<<']]);
  assert.deepEqual(analyze(`<<: []\n<<: {NumCacheNodes: 1}\n${base}`, 'yaml').findings, []);
});

// Checked with Debian's aws 2.9.19 (ruamel.yaml 0.17.21, safe): `<<: *b` then `Engine: redis` and `Engine:` fails with
// "Invalid type for parameter Engine, value: None" (the later null is kept); `<<: 5` with a repeated key fails with the
// merge's one error ("expected a mapping or list of mappings for merging"), raised before the loader looks for
// duplicates; `<<: *nope` or `<<: [*b, *nope]` with a repeated key with "found undefined alias 'nope'" (ComposerError,
// before anything is constructed).
test('a repeated key after a merge: the last one is read, a null or empty one too', () => {
  for (const [last, value, message] of [['Engine:', undefined, /^Engine has no value/], ['Engine: ""', '', /^Engine is empty/]] as const) {
    const text = `<<: {NumCacheNodes: 1}\n${base}${last}\n`;
    const a = analyze(text, 'yaml');
    assert.equal(a.requests[0].input.Engine, value, text);
    assert.deepEqual(a.findings.map((f) => f.span.start >= text.lastIndexOf('Engine')), [true], JSON.stringify(a.findings));
    assert.match(a.findings[0].message, message);
  }
  // Clean: a later value wins over an earlier null.
  const clean = analyze(`<<: {NumCacheNodes: 1}\nEngine:\n${base}`, 'yaml');
  assert.deepEqual(clean.findings, []);
  assert.equal(clean.requests[0].input.Engine, 'redis');
});

test('a merge key that cannot merge is the one error: no duplicate-key error beside it', () => {
  for (const merge of ['<<: 5', '<<: *nope', '<<: [{Port: 1}, 5]', '<<: [*nope]']) {
    const text = `${merge}\n${base}CacheClusterId: b\n`;
    const f = analyze(text, 'yaml').findings.filter((f) => f.code === 'yaml-syntax');
    assert.equal(f.length, 1, `${text}: ${JSON.stringify(f)}`);
    assert.ok(!/duplicate key/.test(f[0].message), f[0].message);
  }
});

test('a merge key that cannot merge: no required member is reported missing (what it would bring in is unknown)', () => {
  for (const merge of ['<<: 5', '<<: *nope']) {
    const text = `${merge}\nEngine: redis\n`;
    assert.deepEqual(analyze(text, 'yaml').findings.map((f) => f.code), ['yaml-syntax'], text);
  }
  // Clean: without a merge key, the missing member is reported.
  assert.deepEqual(analyze('Engine: redis\n', 'yaml').findings.map((f) => f.code), ['missing-parameter']);
});

test('after a merge that fails, or a second merge key after one that merged, the loader stops: one error', () => {
  const failed = analyze('<<: 5\n<<: 6\nCacheClusterId: x\n', 'yaml').findings;
  assert.equal(failed.length, 1, JSON.stringify(failed));
  const twice = analyze('<<: {Port: 1}\n<<: 5\nCacheClusterId: x\n', 'yaml').findings;
  assert.deepEqual(twice.map((f) => f.code), ['yaml-syntax']);
  assert.match(twice[0].message, /duplicate key <</);
});
