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
  for (const text of ['{,}', '[,]', '{"A": 1,,}', '[1,,]', '{"A",}', '{,', '[1,,']) {
    assert.ok(syntax(text).length > 0, text);
    assert.ok(syntax(text).every((f) => !/trailing comma/.test(f.message)), text);
  }
});

test('a file that ends after a comma, its braces left open: one finding on the comma, one missing-bracket finding at the end, each fixed (review: bad.elasticache.json)', () => {
  const bad = '{\n  "CacheClusterId": "x",\n  "Engine": "redis",\n  "NumCacheNodes": 1,\n';
  const found = syntax(bad);
  assert.deepEqual(found.map((f) => [bad.slice(f.span.start, f.span.end), f.message]), [
    [',', 'Invalid JSON: trailing comma at the end of the file. The AWS CLI cannot read this file.'],
    ['', "Invalid JSON: missing closing brace '}' at the end of the file. The AWS CLI cannot read this file."],
  ]);
  assert.equal(found[1].span.start, bad.length);
  const fixed = applyPreferred(applyPreferred(bad, found[1]), found[0]);
  assert.equal(fixed, '{\n  "CacheClusterId": "x",\n  "Engine": "redis",\n  "NumCacheNodes": 1\n}');
  assert.deepEqual(syntax(fixed), []);
  // Each fix alone leaves only the other finding.
  assert.deepEqual(syntax(applyPreferred(bad, found[0])).map((f) => f.message), [found[1].message]);
  // Several containers open: one finding that closes them all, innermost first.
  const nested = '{"CacheClusterId": "x", "Tags": [{"Key": "a", "Value": "b"';
  assert.equal(oneJsonFinding(nested, '', /missing closing brackets '\}\]\}' at the end of the file/), nested + '}]}');
  oneJsonFinding('["sg-1"', '', /missing closing bracket '\]'/);
  // Ending inside a string or a comment: no bracket appended there.
  for (const open of ['{"CacheClusterId": "x', '{"CacheClusterId": "x" /* note']) assert.ok(syntax(open).every((f) => !f.fixes?.some((x) => x.edits.some((e) => /[}\]]/.test(e.newText)))), open);
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

test('an unquoted value is one finding: a bare word is quoted by the fix, a literal in the wrong case lowercased', () => {
  assert.equal(oneJsonFinding('{"Engine": redis}', 'redis', /string values must be in double quotes/), '{"Engine": "redis"}');
  assert.equal(oneJsonFinding('{"CacheClusterId": "x", "Engine": redis, "NumCacheNodes": 1}', 'redis', /double quotes/), '{"CacheClusterId": "x", "Engine": "redis", "NumCacheNodes": 1}');
  assert.equal(oneJsonFinding('{"CacheNodeType": cache.t4g.micro\n}', 'cache.t4g.micro', /double quotes/), '{"CacheNodeType": "cache.t4g.micro"\n}');
  assert.equal(oneJsonFinding('{"SecurityGroupIds": [sg-0123abcd, "sg-0123abce"]}', 'sg-0123abcd', /double quotes/), '{"SecurityGroupIds": ["sg-0123abcd", "sg-0123abce"]}');
  assert.equal(oneJsonFinding('{"TransitEncryptionEnabled": True}', 'True', /JSON's true is lowercase/), '{"TransitEncryptionEnabled": true}');
  // The value is read as meant: no "not null" cascade, and later checks see it.
  const r = analyze('{"CacheClusterId": "x", "Engine": redis, "AutoMinorVersionUpgrade": TRUE}', 'json');
  assert.deepEqual(r.findings.map((f) => f.code), ['json-syntax', 'json-syntax']);
  assert.deepEqual(r.requests[0]?.input, { CacheClusterId: 'x', Engine: 'redis', AutoMinorVersionUpgrade: true });
  // Not a bare word (a character no name has): still one finding, but no guess at a fix.
  const odd = syntax('{"Engine": re@dis}');
  assert.equal(odd.length, 1);
  assert.equal(odd[0].fixes, undefined);
});

test('unquoted words outside a name or value position are not taken as names or strings', () => {
  // A YAML file opened as JSON, a word before a colon in a value's place, a scalar root: still reported as invalid symbols.
  for (const text of ['a: 1', '{"A": b: 1}', 'redis', "'x'"]) {
    const found = syntax(text);
    assert.ok(found.length > 0, text);
    assert.ok(found.every((f) => !/double quotes/.test(f.message)), text);
  }
});

const URL_START = 'https://elasticache.us-west-2.amazonaws.com/?Action=CreateCacheCluster&CacheClusterId=my-cluster&';

function doubleEncoded(text: string): Finding[] {
  return analyze(text, 'query').findings.filter((f) => f.code === 'query-double-encoded');
}

test('a value percent-encoded twice is one warning on the value; the fix encodes it once', () => {
  const value = 'arn%253Aaws%253As3%253A%253A%253Amy-bucket%252Fdump.rdb';
  const text = URL_START + 'SnapshotArns.member.1=' + value + '&Version=2015-02-02';
  const found = doubleEncoded(text);
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(text.slice(found[0].span.start, found[0].span.end), value);
  assert.match(found[0].message, /percent-encoded twice: %253A decodes to the text %3A, which AWS receives as is instead of ':'/);
  const fixed = applyPreferred(text, found[0]);
  assert.ok(fixed.includes('SnapshotArns.member.1=arn%3Aaws%3As3%3A%3A%3Amy-bucket%2Fdump.rdb&'), fixed);
  assert.deepEqual(doubleEncoded(fixed), []);
  const param = analyze(fixed, 'query').requests[0]?.params?.find((p) => p.name === 'SnapshotArns.member.1');
  assert.equal(param?.value, 'arn:aws:s3:::my-bucket/dump.rdb');
});

test('double encoding: multi-line requests, non-ASCII, and other findings of the value stay separate', () => {
  const text = ['https://elasticache.us-west-2.amazonaws.com/', '    ?Action=CreateCacheCluster', '    &CacheClusterId=my-cluster', '    &Tag.Value=caf%25C3%25A9', ''].join('\n');
  const found = doubleEncoded(text);
  assert.equal(found.length, 1);
  assert.equal(text.slice(found[0].span.start, found[0].span.end), 'caf%25C3%25A9');
  assert.match(found[0].message, /%25C3 decodes to the text %C3, which AWS receives as is\. /);
  assert.ok(applyPreferred(text, found[0]).includes('&Tag.Value=caf%C3%A9\n'));
});

test('a secret value percent-encoded twice is reported without quoting any of it', () => {
  const secret = 'Abcdefgh%2523ijklmnop1234';
  const text = URL_START + 'AuthToken=' + secret;
  const found = doubleEncoded(text);
  assert.equal(found.length, 1);
  assert.ok(!found[0].message.includes('%2523') && !found[0].message.includes('%23') && !found[0].message.includes('Abcd'), found[0].message);
  const fix = found[0].fixes![0];
  assert.ok(fix.edits.every((e) => e.newText === ''), 'edits carry no text of the secret');
  assert.ok(!fix.title.includes('Abcd'));
  assert.ok(applyPreferred(text, found[0]).endsWith('AuthToken=Abcdefgh%23ijklmnop1234'));
});

test('values without double encoding: no finding', () => {
  for (const v of [
    'arn%3Aaws%3As3%3A%3A%3Amy-bucket%2Fdump.rdb', // encoded once
    '100%25', // a literal '%' at the end
    '%25%2F', // a literal '%' then an escape
    '50%2541', // '%41' ('A') is no encoder's output: a literal percent sign before '41'
    '%25zz',
    'plain-value',
  ]) {
    assert.deepEqual(doubleEncoded(URL_START + 'Tag.Value=' + v), [], v);
  }
  // Names are not values; broken encoding elsewhere in the value is reported as such, once.
  assert.deepEqual(doubleEncoded(URL_START + 'Tag%253A=x'), []);
  assert.deepEqual(doubleEncoded(URL_START + 'Tag.Value=a%253A%zz'), []);
});

test('a percent-encoded secret name is still a secret: nothing of its value is quoted', () => {
  const token = 'Sup3rS3cret%2540Token-1234567';
  for (const name of ['AuthToken', 'Auth%54oken', 'auth%74oken']) {
    const text = `https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x&${name}=${token}%20x`;
    for (const f of analyze(text, 'query').findings) {
      assert.doesNotMatch(f.message, /Sup3r|S3cret|%40|@/, `${name}: ${f.code}: ${f.message}`);
      for (const fix of f.fixes ?? []) assert.doesNotMatch(fix.title, /Sup3r|%40|@/, `${name}: ${fix.title}`);
    }
  }
});

test('an AuthToken in any action is a secret in the file (ModifyReplicationGroup rotates it)', () => {
  const text = 'https://elasticache.us-east-1.amazonaws.com/?Action=ModifyReplicationGroup&Version=2015-02-02&ReplicationGroupId=rg&AuthToken=Sup3rS3cretToken12345&AuthTokenUpdateStrategy=ROTATE&ApplyImmediately=true';
  const found = analyze(text, 'query').findings.filter((f) => f.code === 'auth-token-in-file');
  assert.equal(found.length, 1);
  assert.doesNotMatch(found[0].message, /Sup3r/);
  assert.deepEqual(analyze(text.replace(/&AuthToken=[^&]*/, ''), 'query').findings.filter((f) => f.code === 'auth-token-in-file'), []);
});

test('a JSON key without a value is one finding (value expected), not also a null of the wrong type; a written null still is', () => {
  const all = (text: string) => analyze(text, 'json').findings.map((f) => `${f.code}: ${f.message}`);
  for (const text of ['{"CacheClusterId": "x", "Engine": }', '{"CacheClusterId": "x", "Engine": , "NumCacheNodes": 1}', '{"CacheClusterId": "x", "NumCacheNodes": }', '{"CacheClusterId": "x", "Engine" }']) {
    const found = analyze(text, 'json').findings;
    assert.deepEqual(found.map((f) => f.code), ['json-syntax'], `${text}: ${JSON.stringify(all(text))}`);
    assert.match(found[0].message, /value expected|colon expected/);
  }
  // Required and without a value: the syntax finding only (no missing-parameter: the key is written).
  assert.deepEqual(analyze('{"CacheClusterId": }', 'json').findings.map((f) => f.code), ['json-syntax']);
  // The user's own null: the AWS CLI rejects it ("Invalid type for parameter Engine, value: None").
  const written = analyze('{"CacheClusterId": "x", "Engine": null}', 'json').findings;
  assert.deepEqual(written.map((f) => [f.code, f.message]), [['invalid-type', 'Engine must be a string, not null. The AWS CLI rejects it (parameter validation).']]);
  assert.deepEqual(analyze('{"CacheClusterId": "x", "NumCacheNodes": null}', 'json').findings.map((f) => f.code), ['invalid-type']);
});

test('a YAML key with nothing after the colon is one finding on the key: null, which the AWS CLI rejects as a written null', () => {
  // aws-cli 2.9 with --cli-input-yaml: "Invalid type for parameter Engine, value: None, type: <class 'NoneType'>".
  const text = 'CacheClusterId: x\nEngine:\nNumCacheNodes: 1\n';
  const found = analyze(text, 'yaml').findings;
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0].code, 'invalid-type');
  assert.equal(found[0].severity, 'error');
  assert.equal(text.slice(found[0].span.start, found[0].span.end), 'Engine');
  assert.equal(found[0].message, 'Engine has no value: YAML reads nothing after the colon as null, and it must be a string. The AWS CLI rejects it (parameter validation). Write the value after the colon.');
  assert.deepEqual(analyze('CacheClusterId: x\nEngine:   # later\n', 'yaml').findings.map((f) => f.code), ['invalid-type']);
  const list = analyze('CacheClusterId: x\nSecurityGroupIds:\n  -\n', 'yaml').findings;
  assert.deepEqual(list.map((f) => f.message), ['SecurityGroupIds (item 1) has no value: YAML reads nothing after the dash as null, and it must be a string. The AWS CLI rejects it (parameter validation). Write the value after the dash.']);
  assert.match(analyze('CacheClusterId: x\nTags:\n', 'yaml').findings[0].message, /^Tags has no value: .* must be a list\. .* Write its items below it/);
  // A null the user wrote keeps the usual message, on the value.
  for (const literal of ['null', '~']) {
    const t = `CacheClusterId: x\nEngine: ${literal}\n`;
    const f = analyze(t, 'yaml').findings;
    assert.deepEqual(f.map((x) => x.message), ['Engine must be a string, not null. The AWS CLI rejects it (parameter validation).']);
    assert.equal(t.slice(f[0].span.start, f[0].span.end), literal);
  }
  assert.deepEqual(analyze('CacheClusterId: x\nEngine: redis\n', 'yaml').findings, []);
});
