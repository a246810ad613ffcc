// "Fix all": every finding's preferred fix applied at once (source.fixAll.elasticache, `elasticache lint --fix`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, FIX_ALL_CHARACTER_BUDGET, FIX_ALL_LINES_IN_PLACE, fixableCount, fixAll, fixAllEdits, replacementEdit } from '../../server/src/service/codeActions';
import type { TextEdit } from '../../server/src/service/types';
import { analyze, documentKindForPath, type DocumentKind } from '../../server/src/service/index';

const root = join(__dirname, '../..');
const seed = readFileSync(join(__dirname, 'fixtures/seed.elasticache'), 'utf8');

test('the seed: the unambiguous fixes are applied, the choices and the rest are left', () => {
  const { text, applied } = fixAll(seed, 'query');
  assert.equal(applied, 3);
  assert.match(text, /\n {4}&CacheParameterGroupName=default\.redis3\.2\n/);
  assert.match(text, /&SignatureVersion=4\n/); // trailing whitespace removed
  assert.match(text, /&X-Amz-SignedHeaders=host\n/);
  const left = analyze(text, 'query').findings.map((f) => f.code);
  // No preferred fix for these: a date is no number of seconds, the placeholders need the user's values, and
  // which signature parameters to drop is a choice (one fix each, or all three).
  assert.ok(left.includes('query-expires') && left.includes('query-placeholder') && left.includes('query-sigv2-param'), left.join());
  assert.equal(fixableCount(analyze(text, 'query').findings), 0);
});

test('fixes that touch wait for the next round, on the changed text', () => {
  // A lone '%' then an '=': each finding's fix encodes its own, and the two edits touch. (Two '%' in a row are one
  // finding, with one edit.)
  const { text, applied } = fixAll('?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro&Foo=%=x', 'query');
  assert.match(text, /&Foo=%25%3Dx$/);
  assert.equal(applied, 2);
});

test('a fix that reveals another is followed (case of the action, then the missing Version)', () => {
  const { text } = fixAll('?Action=createcachecluster&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro', 'query');
  assert.equal(text, '?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro');
  assert.equal(analyze(text, 'query').findings.length, 0);
});

test('a fix that picks a value for the user (a default port, another parameter group) is offered, never applied by fix all', () => {
  const text = '{"CacheClusterId": "my-cluster", "Engine": "redis", "EngineVersion": "7.1", "CacheNodeType": "cache.t3.micro", "CacheParameterGroupName": "default.redis6.x", "Port": 70000, "NumCacheNodes": 3}';
  const findings = analyze(text, 'json').findings;
  for (const code of ['port-range', 'parameter-group-family', 'num-cache-nodes']) {
    const f = findings.find((x) => x.code === code);
    assert.ok(f?.fixes?.[0]?.isPreferred && f.fixes[0].choice, `${code}: ${JSON.stringify(f)}`);
  }
  assert.equal(fixableCount(findings), 0);
  assert.deepEqual(fixAll(text, 'json'), { text, applied: 0 });
});

test('fix all keeps what the user may mean: a misspelt twin with another value, a # note, an end-of-life version', () => {
  // The misspelt member's value differs from the one given: which to keep is the user's choice.
  const json = '{"CacheClusterId": "a", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "CacheParameterGroup": "default.redis6.x", "CacheParameterGroupName": "default.redis7"}';
  assert.equal(fixAll(json, 'json').text, json);
  // The same value twice: removing the misspelt one loses nothing.
  const same = '{"CacheClusterId": "a", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "CacheParameterGroup": "default.redis7", "CacheParameterGroupName": "default.redis7"}';
  assert.equal(JSON.parse(fixAll(same, 'json').text).CacheParameterGroup, undefined);
  const yaml = 'CacheClusterId: a\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nnumCacheNodes: 2\n';
  assert.match(fixAll(yaml, 'yaml').text, /numCacheNodes: 2/);
  const query = '?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro&engine=valkey';
  assert.match(fixAll(query, 'query').text, /&engine=valkey/);
  // A '#' after a value may start a note: encoding it is not decided for the user.
  const note = '?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1 # why';
  assert.equal(fixAll(note, 'query').text, note);
  const finding = analyze(note, 'query').findings.find((f) => f.code === 'query-unencoded-character' && /'#'/.test(f.message));
  assert.ok(finding?.fixes?.[0]?.isPreferred && finding.fixes[0].choice, JSON.stringify(finding));
  // An end-of-life version: a fix to the latest version is offered, as a choice.
  const eol = analyze('{"CacheClusterId": "a", "Engine": "redis", "EngineVersion": "3.2.4", "CacheNodeType": "cache.t3.micro"}', 'json').findings.find((f) => f.code === 'engine-version-support');
  assert.deepEqual([eol?.severity, eol?.fixes?.[0]?.edits[0].newText, eol?.fixes?.[0]?.choice], ['error', '"7.1"', true]);
});

test('nothing to fix: the same text, nothing applied', () => {
  const clean = '{"CacheClusterId": "my-cluster", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}';
  assert.deepEqual(fixAll(clean, 'json'), { text: clean, applied: 0 });
});

test('every sample and fixture: fix all ends (a second run finds nothing to fix) and removes only fixable findings', () => {
  const files = [
    ...readdirSync(join(root, 'samples')).map((f) => join(root, 'samples', f)),
    join(__dirname, 'fixtures/seed.elasticache'),
  ].filter((f) => documentKindForPath(f));
  assert.ok(files.length >= 7, files.join());
  for (const file of files) {
    const kind = documentKindForPath(file)!;
    const before = readFileSync(file, 'utf8');
    const once = fixAll(before, kind);
    assert.equal(fixAll(once.text, kind).applied, 0, file);
    const unfixable = (t: string) => analyze(t, kind).findings.filter((f) => !f.fixes?.length).map((f) => f.code).sort();
    // A fix may resolve more than its own finding, never add one without a fix.
    for (const code of unfixable(once.text)) assert.ok(unfixable(before).includes(code), `${file}: ${code} appeared`);
  }
});

test('the edit of fix all: one replacement of the changed middle', () => {
  for (const [a, b] of [['abcdef', 'abXYef'], ['abc', 'abc'], ['', 'x'], ['aaa', 'aa'], ['a\r\nb', 'a\r\nc\r\nb']]) {
    const e = replacementEdit(a, b);
    assert.equal(applyEdits(a, [e]), b, `${a} → ${b}`);
  }
  assert.deepEqual(replacementEdit('abcdef', 'abXYef'), { span: { start: 2, end: 4 }, newText: 'XY' });
  // Never inside a surrogate pair: 😀😃 → 😃 replaces whole characters (the two share their high surrogate).
  const emoji = replacementEdit('a😀😃b', 'a😃b');
  assert.equal(applyEdits('a😀😃b', [emoji]), 'a😃b');
  for (const at of [emoji.span.start, emoji.span.end]) assert.ok(!/[\udc00-\udfff]/.test('a😀😃b'[at] ?? ''), `edit boundary ${at} splits a pair`);
  for (const t of [emoji.newText]) assert.ok(!/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(t), JSON.stringify(t));
});

/** Lines an edit replaces by as many lines (VS Code updates every CodeLens for each of them). */
const linesInPlace = (text: string, e: TextEdit) =>
  Math.min(text.slice(e.span.start, e.span.end).split('\n').length, e.newText.split('\n').length) - 1;

test('the edits of fix all: the changed middle within a few lines, else new lines inserted and old ones deleted', () => {
  // A few lines: the one replacement of the changed middle (VS Code narrows it down to the fixes).
  assert.deepEqual(fixAllEdits('abcdef', 'abXYef'), [{ span: { start: 2, end: 4 }, newText: 'XY' }]);
  assert.deepEqual(fixAllEdits('abc', 'abc'), []);
  assert.deepEqual(fixAllEdits(seed, fixAll(seed, 'query').text), [replacementEdit(seed, fixAll(seed, 'query').text)]);
  // 300 requests (the first and the last fixed, 6,000 lines apart), with LF or CRLF line breaks; and the same
  // after a first line that is fixed too (then the line break after the changed lines is the one kept).
  const many = Array.from({ length: 300 }, () => seed).join('###\n');
  const cases = [many, many.replace(/\n/g, '\r\n'), `?Action=createcachecluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro\n###\n${many}`];
  for (const before of cases) {
    const after = fixAll(before, 'query').text;
    const edits = fixAllEdits(before, after);
    const what = `${before.slice(0, 30)}…: ${JSON.stringify(edits.map((e) => [e.span, e.newText.length]))}`;
    assert.equal(applyEdits(before, edits), after, what);
    assert.equal(edits.length, 2, what);
    assert.ok(Math.max(...edits.map((e) => linesInPlace(before, e))) <= 1, what);
    // Apart (VS Code merges edits that touch), with whole line breaks between them and around them.
    const [first, second] = [...edits].sort((a, b) => a.span.start - b.span.start);
    assert.ok(first!.span.end < second!.span.start, what);
    for (const at of edits.flatMap((e) => [e.span.start, e.span.end])) assert.ok(!(before[at - 1] === '\r' && before[at] === '\n'), `${what}: ${at} splits a CRLF`);
  }
  // FIX_ALL_LINES_IN_PLACE lines replaced by as many: in place. One more: inserted and deleted, unless no line break
  // is left unchanged (every line changed): then the one replacement too.
  const lines = (n: number) => Array.from({ length: n }, () => 'b').join('\n');
  const edits = (before: string) => fixAllEdits(before, before.replace(/b/g, 'c'));
  assert.deepEqual(edits(`a\n${lines(FIX_ALL_LINES_IN_PLACE + 1)}`), [{ span: { start: 2, end: 2 + 2 * FIX_ALL_LINES_IN_PLACE + 1 }, newText: lines(FIX_ALL_LINES_IN_PLACE + 1).replace(/b/g, 'c') }]);
  assert.equal(edits(`a\n${lines(FIX_ALL_LINES_IN_PLACE + 2)}`).length, 2);
  assert.equal(edits(lines(FIX_ALL_LINES_IN_PLACE + 2)).length, 1);
  // A document that starts with a blank line, its first change at offset 0: the first line is the empty one there.
  const numbered = Array.from({ length: 300 }, (_, i) => `line${i}=a`);
  const blankFirst = '\n' + numbered.join('\n') + '\n';
  const changed = 'X' + numbered.map((l) => l.replace('a', 'b')).join('\n') + '\n';
  assert.equal(applyEdits(blankFirst, fixAllEdits(blankFirst, changed)), changed);
});

const AWS = '/usr/bin/aws';

/** Whether Debian's AWS CLI accepts `file` as create-cache-cluster input (a closed port: only validation runs). */
function awsAccepts(file: string, kind: 'json' | 'yaml', home: string): boolean {
  const r = spawnSync(AWS, ['elasticache', 'create-cache-cluster', `--cli-input-${kind}`, `file://${file}`, '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_MAX_ATTEMPTS: '1', AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') },
  });
  if (/Could not connect to the endpoint URL/.test(r.stderr)) return true;
  assert.match(r.stderr, /Parameter validation failed|Invalid (JSON|YAML) received|Error parsing parameter/);
  return false;
}

test('CLI input files the AWS CLI rejects are accepted by it after fix all', { skip: !existsSync(AWS) && 'Debian awscli not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'elasticache-fixall-'));
  try {
    const cases: [string, DocumentKind & ('json' | 'yaml')][] = [
      ['{"CacheClusterID": "my-cluster", "engine": "redis", "NumCacheNodes": "1", "CacheNodeType": "cache.t3.micro", "Tags": {"Key": "team", "Value": "a"}}', 'json'],
      ['CacheClusterId: my-cluster\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nSecurityGroupIds: sg-0123456789abcdef0\nCacheParameterGroup: default.redis7\n', 'yaml'],
    ];
    for (const [text, kind] of cases) {
      const file = join(dir, `x.elasticache.${kind}`);
      writeFileSync(file, text);
      assert.equal(awsAccepts(file, kind, dir), false, text);
      const fixed = fixAll(text, kind);
      writeFileSync(file, fixed.text);
      assert.equal(awsAccepts(file, kind, dir), true, fixed.text);
      assert.equal(analyze(fixed.text, kind).findings.filter((f) => f.severity === 'error').length, 0, fixed.text);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fix all on a huge document runs one round, a small one as many as its fixes need', () => {
  const request = (n: number) => '?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=c&Engine=redis&CacheNodeType=cache.t3.micro' + '&a=1'.repeat(n);
  const rounds = (text: string) => {
    let asked = 0;
    const { applied } = fixAll(text, 'query', () => (asked++, false));
    return { asked, applied };
  };
  // Each round fixes at most MAX_FINDINGS duplicates: 3,000 of them need several rounds, which a small text gets.
  const small = rounds(request(3000));
  assert.ok(small.asked > 1 && small.applied >= 2000, JSON.stringify(small));
  // Over half the budget: a second round would analyse more than it; the first still fixes what it can.
  const huge = request(FIX_ALL_CHARACTER_BUDGET / 4 / 2 + 1000);
  assert.ok(huge.length * 2 > FIX_ALL_CHARACTER_BUDGET);
  const one = rounds(huge);
  assert.equal(one.asked, 1);
  assert.ok(one.applied > 0);
});
