// YAML aliases (`*name`) as the AWS CLI v2's YAML loader reads them: checked with Debian's aws 2.9.19, whose
// `--cli-input-yaml` loads with ruamel.yaml 0.17.21 `YAML(typ='safe', pure=True)`: `e: &e redis` then `Engine: *e`
// gives Engine=redis; with a reused anchor name an alias means the last anchor before it; an alias before its anchor
// (or to none) fails with "found undefined alias" ("Invalid YAML received"); `&x [*x]` loads as a list holding itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';
import { documentSymbols } from '../../server/src/service/symbols';

const base = 'CacheClusterId: c1\nCacheNodeType: cache.t3.micro\n';
const at = (text: string, f: { span: { start: number; end: number } }) => text.slice(f.span.start, f.span.end);

test('an alias is read as its anchored value and checked there: a finding on the alias, none for a good value', () => {
  const text = `${base}Tags:\n  - {Key: &e Redis, Value: v}\nEngine: *e\n`;
  const a = analyze(text, 'yaml');
  assert.deepEqual(a.findings.map((f) => [f.code, at(text, f)]), [['engine-case', '*e']]);
  assert.equal(a.requests[0].input.Engine, 'Redis');
  // Clean: an alias to a good value has no finding at all (no yaml-alias warning).
  const clean = analyze(`${base}Engine: redis\nTags:\n  - {Key: &k env, Value: *k}\n`, 'yaml');
  assert.deepEqual(clean.findings, []);
  assert.deepEqual(clean.requests[0].input.Tags, [{ Key: 'env', Value: 'env' }]);
});

test('an alias means the last anchor of its name before it; a mistake in a mapping or list is placed on the alias, with no fix there', () => {
  const text = `${base}Engine: &v redis\nPreferredAvailabilityZone: &v us-east-1a\nCacheSubnetGroupName: *v\n`;
  assert.equal(analyze(text, 'yaml').requests[0].input.CacheSubnetGroupName, 'us-east-1a');
  const tags = `${base}Engine: redis\nx: &t [{Key: k, Valu: v}]\nTags: *t\n`;
  const unknown = analyze(tags, 'yaml').findings.filter((f) => f.code === 'unknown-parameter' && /Valu\b/.test(f.message));
  assert.deepEqual(unknown.map((f) => at(tags, f)), ['*t']);
  // A rename fix there would replace `*t` with "Value".
  assert.equal(unknown[0].fixes, undefined);
  // Clean: the same mistake written in place keeps its fix.
  const written = analyze(`${base}Engine: redis\nTags: [{Key: k, Valu: v}]\n`, 'yaml').findings.find((f) => f.code === 'unknown-parameter');
  assert.ok(written?.fixes && written.fixes.length > 0);
});

test('an alias before its anchor, or to none, is the error the AWS CLI fails with', () => {
  for (const text of [`${base}Engine: *e\nTags: [{Key: &e redis}]\n`, `${base}Engine: *nowhere\n`, `${base}<<: *nowhere\n`]) {
    const f = analyze(text, 'yaml').findings.filter((f) => f.code === 'yaml-syntax');
    assert.deepEqual(f.map((x) => [x.severity, at(text, x)]), [['error', text.slice(text.indexOf('*')).split('\n')[0]]], text);
    assert.match(f[0].message, /^Invalid YAML for the AWS CLI: this alias names no anchor before it .*found undefined alias/);
  }
  // Clean: the anchor first.
  assert.deepEqual(analyze(`${base}Tags: [{Key: &e redis}]\nEngine: *e\n`, 'yaml').findings.filter((f) => f.code.startsWith('yaml')), []);
});

test('an alias to a secret\'s value is neither shown nor checked; a secret given by alias is checked without being shown', () => {
  const marker = 'ZQXalias0123456789';
  const text = `${base}Engine: redis\nAuthToken: &t ${marker}\nCacheSubnetGroupName: *t\n`;
  const found = analyze(text, 'yaml').findings;
  const alias = found.filter((f) => f.code === 'yaml-alias');
  assert.deepEqual(alias.map((f) => at(text, f)), ['*t']);
  assert.ok(!found.some((f) => f.message.includes(marker)));
  // AuthToken: *tok reads the anchored value: its checks run and never quote it.
  const given = `${base}Engine: redis\nTags: [{Key: k, Value: &tok short!}]\nAuthToken: *tok\n`;
  const a = analyze(given, 'yaml');
  assert.equal(a.requests[0].input.AuthToken, 'short!');
  const onAlias = a.findings.filter((f) => at(given, f) === '*tok');
  assert.ok(onAlias.some((f) => f.code === 'invalid-auth-token'), onAlias.map((f) => f.code).join());
  for (const f of onAlias) assert.ok(!f.message.includes('short!'), f.message);
  assert.ok(!documentSymbols(a).some((s) => s.name === 'AuthToken' && s.detail?.includes('short!')));
});

test('a value anchored under another member and taken by a secret\'s alias is a secret where it is written: not shown nor checked there; the secret-in-source warning marks it', () => {
  const marker = 'ZQXanchored0123456789';
  const text = `CacheClusterId: &tok ${marker}\nCacheNodeType: cache.t3.micro\nEngine: redis\nTransitEncryptionEnabled: true\nAuthToken: *tok\nReplicationGroupId: *tok\n`;
  const a = analyze(text, 'yaml');
  assert.deepEqual(a.findings.filter((f) => f.code === 'yaml-alias' || f.code === 'auth-token-in-file').map((f) => [f.code, at(text, f)]), [
    ['yaml-alias', marker],
    ['yaml-alias', '*tok'],
    // Where the token is written (the text to take out of the file), not at the alias, which holds none of it.
    ['auth-token-in-file', marker],
  ]);
  assert.match(a.findings[0].message, /^This value is also AuthToken's \(its alias \*tok names this anchor\)/);
  assert.equal(a.requests[0].input.AuthToken, marker);
  assert.equal(a.requests[0].input.CacheClusterId, undefined);
  const shown = JSON.stringify({ messages: a.findings.map((f) => f.message), symbols: documentSymbols(a) });
  assert.ok(!shown.includes(marker), shown);
  // Clean: an anchor that only other members' aliases name is shown and checked where it is written and at the alias.
  const clean = `CacheClusterId: &id c1\nCacheNodeType: cache.t3.micro\nEngine: redis\nReplicationGroupId: *id\n`;
  const b = analyze(clean, 'yaml');
  assert.ok(!b.findings.some((f) => f.code === 'yaml-alias'), JSON.stringify(b.findings));
  assert.equal(b.requests[0].input.CacheClusterId, 'c1');
  assert.ok(JSON.stringify(documentSymbols(b)).includes('"detail":"c1"'));
});

test('aliases of aliases (billion laughs) stop being expanded past 10,000 values, quickly; a value holding itself is not checked', { timeout: 20_000 }, () => {
  const levels = Array.from({ length: 40 }, (_, i) => (i === 0 ? '  - &l0 [sg-1, sg-2]' : `  - &l${i} [*l${i - 1}, *l${i - 1}]`));
  const text = `${base}Engine: redis\nx:\n${levels.join('\n')}\nSecurityGroupIds: *l39\n`;
  const started = performance.now();
  const found = analyze(text, 'yaml').findings;
  assert.ok(performance.now() - started < 5_000);
  const large = found.filter((f) => f.code === 'yaml-alias' && /too large to check/.test(f.message));
  assert.ok(large.length > 0);
  assert.ok(found.every((f) => f.code !== 'yaml-alias' || /too large to check/.test(f.message)));
  const self = `${base}Engine: redis\nSecurityGroupIds: &x [*x]\n`;
  assert.deepEqual(analyze(self, 'yaml').findings.map((f) => [f.code, at(self, f)]), [['yaml-alias', '*x']]);
  // Clean: a few levels expand and are checked as lists of lists.
  const small = analyze(`${base}Engine: redis\nx: &a [sg-1]\nSecurityGroupIds: *a\n`, 'yaml');
  assert.deepEqual(small.requests[0].input.SecurityGroupIds, ['sg-1']);
});

test('a top-level key that only holds an anchor an alias uses: its unknown-parameter error says the AWS CLI rejects it, and where the anchor goes', () => {
  // aws 2.9.19 --cli-input-yaml: `Unknown parameter in input: "common"` and `"base"`, although they only hold anchors.
  const text = `common: &common\n  Engine: redis\nbase: &b cache.t3.micro\n<<: *common\nCacheClusterId: c1\nCacheNodeType: *b\nNumCacheNodes: 1\n`;
  const unknown = analyze(text, 'yaml').findings.filter((f) => f.code === 'unknown-parameter');
  assert.deepEqual(unknown.map((f) => [at(text, f), f.message]), [
    ['common', "Unknown parameter common for CreateCacheCluster. The AWS CLI rejects every top-level key that is not a parameter, even one that only holds an anchor (&common, which an alias uses): put the anchor on a parameter's value instead."],
    ['base', "Unknown parameter base for CreateCacheCluster. The AWS CLI rejects every top-level key that is not a parameter, even one that only holds an anchor (&b, which an alias uses): put the anchor on a parameter's value instead."],
  ]);
  // Clean: an unknown key with no anchor, or one no alias names, gets the plain message.
  for (const other of [`${base}Engine: redis\ncommon: x\n`, `${base}Engine: redis\ncommon: &unused x\n`]) {
    const f = analyze(other, 'yaml').findings.filter((x) => x.code === 'unknown-parameter');
    assert.deepEqual(f.map((x) => x.message), ['Unknown parameter common for CreateCacheCluster.'], other);
  }
});

test('a fix whose edit cuts into an alias is dropped, wherever the alias is among those it spans; one that takes aliases whole stays', async () => {
  const { dropFixesInAliases } = await import('../../server/src/service/index');
  const aliases = [{ start: 10, end: 15 }, { start: 20, end: 25 }, { start: 30, end: 35 }];
  const finding = (start: number, end: number) => ({ code: 'x', severity: 'error' as const, message: 'm', span: { start, end }, fixes: [{ title: 't', edits: [{ span: { start, end }, newText: '' }] }] });
  // From inside the first alias over the two after it (whole): it cuts the first.
  const cutting = [finding(12, 40)];
  dropFixesInAliases(cutting, aliases);
  assert.equal(cutting[0].fixes, undefined);
  // Over all three whole, and one between aliases: kept.
  const whole = [finding(5, 40), finding(16, 19)];
  dropFixesInAliases(whole, aliases);
  assert.ok(whole.every((f) => f.fixes?.length === 1));
});
