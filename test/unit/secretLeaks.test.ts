// A secret's value is never displayed, whatever shape the document gives it: each secret below holds the marker ZQX,
// which must appear in no finding message, fix title, outline name or detail, hover, lint record or Local endpoint
// error. Each case has a clean twin (the same mistake on a name that holds no secret) that still quotes what it should.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitize } from '../../client/src/errors';
import { validateRequest } from '../../local/src/validation';
import { lintText } from '../../server/src/lint';
import { fixAll, quickFixes } from '../../server/src/service/codeActions';
import { hover } from '../../server/src/service/hover';
import { analyze, type DocumentKind } from '../../server/src/service/index';
import { documentSymbols, type OutlineSymbol } from '../../server/src/service/symbols';

const MARKER = 'zqx';

/** Every place the marker shows up in what the language service, the linter and Local display for `text`. */
function leaks(text: string, kind: DocumentKind): string[] {
  const out: string[] = [];
  const shows = (s: string | undefined) => s !== undefined && s.toLowerCase().includes(MARKER);
  const analysis = analyze(text, kind);
  for (const f of analysis.findings) {
    if (shows(f.message)) out.push(`${f.code}: ${f.message}`);
    for (const fix of f.fixes ?? []) if (shows(fix.title)) out.push(`fix title: ${fix.title}`);
  }
  const walk = (s: OutlineSymbol) => {
    if (shows(s.name) || shows(s.detail)) out.push(`outline: ${s.name} | ${s.detail}`);
    s.children.forEach(walk);
  };
  documentSymbols(analysis).forEach(walk);
  for (let offset = 0; offset <= text.length; offset++) {
    const h = hover(text, offset, kind, analysis);
    if (h && shows(h.markdown)) {
      out.push(`hover at ${offset}: ${h.markdown}`);
      break;
    }
  }
  for (const r of lintText('f', text, kind)) if (shows(r.message)) out.push(`lint: ${r.message}`);
  if (kind === 'query' && shows(validateRequest(text)?.message)) out.push(`local: ${validateRequest(text)?.message}`);
  return out;
}

function codes(text: string): string[] {
  return analyze(text, 'query').findings.map((f) => f.code);
}

function outline(text: string, kind: DocumentKind): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  const walk = (s: OutlineSymbol) => {
    out.push([s.name, s.detail]);
    s.children.forEach(walk);
  };
  documentSymbols(analyze(text, kind)).forEach(walk);
  return out;
}

const CREATE = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=c1&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1';

test('a name that goes on with a secret value (pasted header, ":", " ", encoded "=") is cut after the secret name', () => {
  const cases = [
    `${CREATE}&AuthToken:ZQXcolon0123456789`,
    `${CREATE}&AuthToken ZQXspace0123456789`,
    `${CREATE}&X-Amz-Signature%3DZQXsig0123456789`,
    `${CREATE}&AuthToken%3DZQXP42=x`,
    `${CREATE}&AuthToken=abcdefghijklmnop1234&AuthToken%3DZQXP42=x`,
    `${CREATE}&authtoken:ZQXlower0123456789&authtoken:ZQXlower0123456789`,
    'Action=DescribeCacheClusters&Version=2015-02-02\nX-Amz-Security-Token: ZQXL38headerSess\n',
    'Action=DescribeCacheClusters&Version=2015-02-02\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/elasticache/aws4_request, Signature=ZQXsigInHeader00ff\n',
  ];
  for (const text of cases) assert.deepEqual(leaks(text, 'query'), [], text);
  const names = outline(cases[0], 'query').map(([name]) => name);
  assert.ok(names.includes('AuthToken…'), names.join());
  const header = outline(cases[7], 'query').find(([name]) => name.startsWith('Authorization'));
  assert.deepEqual(header, ['Authorization…', '••••••']);
  const [unknown] = analyze(cases[0], 'query').findings.filter((f) => f.code === 'unknown-parameter');
  assert.match(unknown.message, /^Unknown parameter AuthToken… for CreateCacheCluster: its name goes on with a value/);
  assert.match(validateRequest(cases[0])?.message ?? '', /^Unknown parameter AuthToken… /);
});

test('clean: a name that holds no secret is quoted in full, and names that only start like a secret are not cut', () => {
  const engine = analyze(`${CREATE}&EngineX:redis7`, 'query').findings.find((f) => f.code === 'unknown-parameter');
  assert.match(engine?.message ?? '', /Unknown parameter EngineX:redis7 /);
  const names = outline(`${CREATE}&AuthTokenUpdateStrategy=ROTATE&X-Amz-Date:20260101`, 'query').map(([name]) => name);
  assert.ok(names.includes('AuthTokenUpdateStrategy') && names.includes('X-Amz-Date:20260101'), names.join());
  const amz = analyze(`${CREATE}&X-Amz-Foo=1`, 'query').findings.find((f) => f.code === 'query-unknown-parameter');
  assert.match(amz?.message ?? '', /^X-Amz-Foo is not a Signature Version 4 query parameter \(X-Amz-Algorithm/);
});

test('an AuthToken with an unencoded "&": one finding on the AuthToken, and the pieces after it are not named', () => {
  const cases = [`${CREATE}&AuthToken=ZQXpart1abcdefgh&ZQXpart2=ZQXpart3xyz`, `${CREATE}\n  &AuthToken=ZQXmlA1234567890&ZQXmlB<>!\n`, `${CREATE}&AuthToken=ZQXa1234567890123&ZQXb&ZQXc=d`];
  for (const text of cases) {
    assert.deepEqual(leaks(text, 'query'), [], text);
    const split = analyze(text, 'query').findings.filter((f) => f.code === 'query-secret-split');
    assert.equal(split.length, 1, text);
    assert.equal(split[0].message, "The AuthToken seems to continue past an unencoded '&' (the parameter after it has no name ElastiCache knows): percent-encode '&' as %26 in the token.");
    assert.ok(text.slice(split[0].span.start, split[0].span.end).startsWith('AuthToken='));
    assert.ok(!analyze(text, 'query').findings.some((f) => f.code === 'unknown-parameter'), text);
    assert.ok(outline(text, 'query').some(([name, detail]) => name === 'AuthToken (continued)' && detail === '••••••'));
  }
  assert.match(validateRequest(cases[0])?.message ?? '', /^The AuthToken seems to continue/);
});

test('an AuthToken wrapped onto the next line: one finding on the AuthToken, the piece is not named and the request goes on', () => {
  const multiLine = `https://elasticache.us-west-2.amazonaws.com/\n  ?Action=CreateCacheCluster\n  &CacheClusterId=c1\n  &Engine=redis\n  &CacheNodeType=cache.t3.micro\n  &TransitEncryptionEnabled=true\n  &CacheSubnetGroupName=sg\n  &AuthToken=ZQXabcdefghijklmnop\n  ZQXqrstuvwxyz0123\n  &Version=2015-02-02\n`;
  const cases = [multiLine, multiLine.replace('ZQXqrstuvwxyz0123', 'ZQXqrst&ZQXuvw=ZQXxyz'), multiLine.replace('ZQXqrstuvwxyz0123', 'ZQXqrst%21ZQX<>#$^-!'), multiLine.replace('ZQXqrstuvwxyz0123', 'ZQXqrstuvwxyz0123\n  ZQXthirdline456\n  ZQXfourth789'), `${CREATE}&AuthToken=ZQXabcdefghijklmnop\nZQXqrstuvwxyz0123\n`];
  for (const text of cases) {
    assert.deepEqual(leaks(text, 'query'), [], text);
    const analysis = analyze(text, 'query');
    assert.equal(analysis.requests.length, 1, text);
    const split = analysis.findings.filter((f) => f.code === 'query-secret-split');
    assert.equal(split.length, 1, text);
    assert.match(split[0].message, /^The AuthToken seems to continue on the next line \(a line break ends a value\): join the lines of the token into one/);
    assert.ok(!analysis.findings.some((f) => f.code === 'missing-action' || f.code === 'unknown-parameter' || f.code === 'query-version'), text);
    assert.ok(outline(text, 'query').some(([name, detail]) => name === 'AuthToken (continued)' && detail === '••••••'));
  }
});

test('clean: a line after an AuthToken that is a request of its own, or names a known parameter, is not the token', () => {
  const token = `${CREATE}&AuthToken=abcdefghijklmnop1234\n`;
  assert.equal(analyze(`${token}https://elasticache.us-east-1.amazonaws.com/?Action=DescribeCacheClusters&Version=2015-02-02`, 'query').requests.length, 2);
  assert.equal(analyze(`${token}Action=DescribeCacheClusters&Version=2015-02-02`, 'query').requests.length, 2);
  assert.equal(analyze(`${token}CacheClusterId=x&Engine=redis`, 'query').requests.length, 2);
  assert.equal(analyze(`${token}CacheClusterI=x`, 'query').requests.length, 2);
  // Not after a secret: a wrapped value of any other parameter is a request of its own, as before.
  assert.equal(analyze(`${CREATE}&CacheSubnetGroupName=abc\ndefghij\n`, 'query').requests.length, 2);
  // A line that cannot be the token's next characters (a blank in it, or a character no AuthToken holds before any
  // '='): a header, an HTTP request line, a separator are read as after any other parameter, the token untouched.
  for (const next of ['Host: elasticache.us-east-1.amazonaws.com', 'POST / HTTP/1.1', '-- next', 'Host:elasticache']) {
    const analysis = analyze(`${token}${next}\n`, 'query');
    assert.equal(analysis.requests.length, 2, next);
    assert.ok(!analysis.findings.some((f) => f.code === 'query-secret-split'), next);
  }
});

test('a session token wrapped onto the next line with its base64 "+" and "/" unencoded: a piece of the token, never a request named by it', () => {
  const text = `https://elasticache.us-west-2.amazonaws.com/?Action=DescribeCacheClusters&Version=2015-02-02&X-Amz-Security-Token=ZQXIQoJb3JpZ2luX2VjEA\nZQXpiece+/abc/def==\n&MaxRecords=20\n`;
  assert.deepEqual(leaks(text, 'query'), [], text);
  const analysis = analyze(text, 'query');
  assert.equal(analysis.requests.length, 1);
  assert.ok(analysis.findings.some((f) => f.code === 'query-secret-split'));
});

test("a password wrapped onto the next line with characters no AuthToken holds (* : ; , ( ?): a piece of the password, never a request named by it", () => {
  const create = 'https://elasticache.us-east-1.amazonaws.com/?Action=CreateUser&Version=2015-02-02&UserId=u1&UserName=u1&Engine=redis&AccessString=on&Passwords.member.1=ZQXabcdefghij\n';
  for (const next of ['ZQXklmn*pqrst', 'ZQXkl:mn;op,q(r?s']) {
    const text = `${create}${next}\n`;
    assert.deepEqual(leaks(text, 'query'), [], text);
    const analysis = analyze(text, 'query');
    assert.equal(analysis.requests.length, 1, text);
    assert.ok(analysis.findings.some((f) => f.code === 'query-secret-split'), text);
  }
});

test('a token piece that ends in a known parameter ends the token: the next line is not taken as more of it', () => {
  const text = `${CREATE}&AuthToken=ZQXabcdefghijklmnop\nZQXijkl&Engine=redis\nZQXmnopSECRETxyz\n`;
  const analysis = analyze(text, 'query');
  assert.equal(analysis.requests.length, 2);
  assert.ok(!analysis.findings.some((f) => f.message.includes('mnopSECRET')), JSON.stringify(analysis.findings.map((f) => f.message)));
});

test('clean: a known or misspelt parameter after an AuthToken is its own parameter', () => {
  const known = `${CREATE}&AuthToken=abcdefghijklmnop1234&TransitEncryptionEnabled=true&CacheSubnetGroupName=sg`;
  assert.ok(!codes(known).includes('query-secret-split'));
  const typo = analyze(`${CREATE}&AuthToken=abcdefghijklmnop1234&PreferredAvailabilityZon=us-east-1a`, 'query').findings;
  assert.ok(!typo.some((f) => f.code === 'query-secret-split'));
  assert.match(typo.find((f) => f.code === 'unknown-parameter')?.message ?? '', /^Unknown parameter PreferredAvailabilityZon .*Did you mean PreferredAvailabilityZone\?/);
  const notSecret = analyze(`${CREATE}&CacheParameterGroupName=a&b=c`, 'query').findings;
  assert.match(notSecret.find((f) => f.code === 'unknown-parameter')?.message ?? '', /^Unknown parameter b /);
});

test('a YAML error on a secret line does not quote the line: it says to quote the value', () => {
  const cases = ['CacheClusterId: c1\nAuthToken: !ZQXbang0123456789\n', 'CacheClusterId: c1\nAuthToken: >ZQXgt0123456789\n', 'CacheClusterId: c1\n"AuthToken": >ZQXgt0123456789\n'];
  for (const text of cases) {
    assert.deepEqual(leaks(text, 'yaml'), [], text);
    const [yaml] = analyze(text, 'yaml').findings.filter((f) => f.code === 'yaml-syntax');
    assert.equal(yaml.severity, 'error');
    assert.match(yaml.message, /^Invalid YAML on the AuthToken line \(its text is not shown\): .*[.:] .*quot(e|ing) the AuthToken value in single quotes/i);
  }
  // Clean: on another member's line the yaml library's words, quoted text included, are kept.
  assert.match(analyze('CacheClusterId: c1\nEngine: >redis\n', 'yaml').findings[0].message, /extra characters: >redis/);
  assert.match(analyze('CacheClusterId: c1\nEngine: !Ref redis\n', 'yaml').findings[0].message, /knows no tag !Ref/);
});

test('a near miss of a secret name (the finding suggests the secret) has its value masked in the outline', () => {
  const cases: [string, DocumentKind, string][] = [
    [`${CREATE}&AuthTokn=ZQXnear0123456789`, 'query', 'AuthTokn'],
    ['{"CacheClusterId": "c1", "AuthTokn": "ZQXnear0123456789"}', 'json', 'AuthTokn'],
    ['{"CacheClusterId": "c1", "AuthToken ": "ZQXnear0123456789"}', 'json', 'AuthToken '],
    ['{"CacheClusterId": "c1", "Auth Token": "ZQXnear0123456789"}', 'json', 'Auth Token'],
    ['CacheClusterId: c1\nPasswrds:\n  - ZQXnear0123456789\n', 'yaml', 'Passwrds'],
  ];
  for (const [text, kind, name] of cases) {
    assert.deepEqual(leaks(text, kind), [], text);
    assert.ok(outline(text, kind).some(([n, detail]) => n === name && /^(••••••|\[1\])$/.test(detail ?? '')), `${text}: ${JSON.stringify(outline(text, kind))}`);
  }
  // Clean: a near miss of a name that holds no secret shows its value.
  assert.ok(outline(`${CREATE}&CacheNodeTyp=cache.t3.micro`, 'query').some(([n, d]) => n === 'CacheNodeTyp' && d === 'cache.t3.micro'));
  assert.ok(outline('{"CacheClusterId": "c1", "AuthTokenUpdateStrategie": "ROTATE"}', 'json').some(([n, d]) => n === 'AuthTokenUpdateStrategie' && d === 'ROTATE'));
});

test('text on a secret line read as a nested mapping does not name outline entries', () => {
  const text = 'CacheClusterId: c1\nAuthToken: ZQXl12 tok: en\n';
  assert.deepEqual(leaks(text, 'yaml'), []);
  assert.deepEqual(outline(text, 'yaml').slice(-2), [['CacheClusterId', 'c1'], ['AuthToken', '••••••']]);
  // A key the yaml library recovers from the secret's line is no member: no unknown-parameter quoting it.
  const dash = 'CacheClusterId: c1\nAuthToken: - ZQXdashspace1234567\nNumCacheNodes: 1\n';
  assert.deepEqual(leaks(dash, 'yaml'), []);
  assert.ok(!analyze(dash, 'yaml').findings.some((f) => f.code === 'unknown-parameter'));
  assert.deepEqual(outline(dash, 'yaml').slice(1).map(([n]) => n), ['CacheClusterId', 'AuthToken', 'NumCacheNodes']);
  // Clean: a nested mapping under a member that holds no secret keeps its names.
  assert.ok(outline('CacheClusterId: c1\nEngine: redis tok: en\n', 'yaml').some(([n]) => n === 'redis tok'));
});

test('an access key ID is masked in the outline as in the extension log (AKIA***, ASIA***)', () => {
  const credential = `${CREATE}&X-Amz-Credential=AKIAZQXABCDEFGHIJK%2F20260101%2Fus-east-1%2Felasticache%2Faws4_request`;
  assert.deepEqual(leaks(credential, 'query'), []);
  assert.ok(outline(credential, 'query').some(([n, d]) => n === 'X-Amz-Credential' && d === 'AKIA***/20260101/us-east-1/elasticache/aws4_request'));
  const temporary = '{"CacheClusterId": "c1", "Tags": [{"Key": "k", "Value": "ASIAZQX0123456789A"}]}';
  assert.deepEqual(leaks(temporary, 'json'), []);
  assert.equal(sanitize('failed for ASIAZQX0123456789A'), 'failed for ASIA***');
  // Clean: text that only starts like a key ID stays readable.
  assert.ok(outline(`${CREATE}&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Fus-east-1%2Felasticache%2Faws4_request`, 'query').some(([, d]) => d?.startsWith('AKIDEXAMPLE/')));
});

test('fix all (lint --fix) never changes what a secret sends: its %25 fixes are offered, not applied', () => {
  const broken = `${CREATE}&AuthToken=ZQXabc%zzdefghijklmnop`;
  assert.equal(fixAll(broken, 'query').text, broken);
  const twice = `${CREATE}&AuthToken=ZQXabc%253Cdefghijklmnop`;
  assert.equal(fixAll(twice, 'query').text, twice);
  for (const text of [broken, twice]) {
    const finding = analyze(text, 'query').findings.find((f) => f.code === 'query-bad-percent-encoding' || f.code === 'query-double-encoded');
    assert.ok(finding, text);
    assert.equal(quickFixes([finding], finding.span).length, 1, 'still offered as a quick fix');
    assert.deepEqual(leaks(text, 'query'), []);
  }
  // Clean: the same fixes on a value that holds no secret are applied.
  assert.ok(fixAll(`${CREATE}&Tags.Tag.1.Key=k&Tags.Tag.1.Value=abc%zz`, 'query').text.endsWith('Value=abc%25zz'));
  assert.ok(fixAll(`${CREATE}&Tags.Tag.1.Key=k&Tags.Tag.1.Value=abc%253C`, 'query').text.endsWith('Value=abc%3C'));
});

test('a YAML alias to a secret\'s anchor is said to be an alias, not read as null, and the value is not shown', () => {
  const text = 'CacheClusterId: c1\nEngine: redis\nAuthToken: &tok ZQXalias0123456789\nCacheNodeType: *tok\nSecurityGroupIds:\n  - *tok\n';
  assert.deepEqual(leaks(text, 'yaml'), []);
  const found = analyze(text, 'yaml').findings;
  const aliases = found.filter((f) => f.code === 'yaml-alias');
  assert.deepEqual(aliases.map((f) => text.slice(f.span.start, f.span.end)), ['*tok', '*tok']);
  assert.match(aliases[0].message, /^This value is a YAML alias to a secret's value: the AWS CLI reads that value here, but it is neither shown nor checked/);
  assert.ok(!found.some((f) => /null/.test(f.message)), found.map((f) => f.message).join('\n'));
  assert.ok(outline(text, 'yaml').some(([n, d]) => n === 'CacheNodeType' && d === ''));
  // Clean: the anchored member itself, and a file without aliases, have no such finding.
  assert.ok(!analyze('CacheClusterId: &id c1\nEngine: redis\n', 'yaml').findings.some((f) => f.code === 'yaml-alias'));
});

test('the pieces of a secret cut by "&" are not quoted after a near miss (AuthTokn), a protocol secret, or as empty names', () => {
  const cases = [
    `${CREATE}&AuthTokn=ZQXa1b2c3d4e5&ZQXf6g7h8`,
    `${CREATE}&AuthToken=ZQXa1b2c3d4e5&=ZQXf6g7h8&=ZQXi9j0k1`,
    `${CREATE}&X-Amz-Signature=ZQXa1b2c3d4e5&=ZQXf6g7h8&=ZQXi9j0k1`,
  ];
  for (const text of cases) {
    assert.deepEqual(leaks(text, 'query'), [], text);
    assert.equal(analyze(text, 'query').findings.filter((f) => f.code === 'query-secret-split').length, 1, text);
  }
  // Clean: empty names repeated after a member that holds no secret are duplicates, values quoted.
  const plain = analyze(`${CREATE}&CacheParameterGroupName=a&=b&=c`, 'query').findings.find((f) => f.code === 'duplicate-parameter');
  assert.match(plain?.message ?? '', /\('b', then 'c'\)/);
});

test('keys the JSON and YAML parsers recover from a secret\'s broken value are not members', () => {
  const cases: [string, DocumentKind][] = [
    ['{"CacheClusterId": "c1", "AuthToken": ""ZQXa1b2c3d4e5"ZQXf6g7h8", "NumCacheNodes": 1}', 'json'],
    ['CacheClusterId: c1\nEngine: redis\nAuthToken: "ZQXa1b2c3d4e5\nZQXf6g7h8 ZQXi9j0k1"\nNumCacheNodes: 1\n', 'yaml'],
  ];
  for (const [text, kind] of cases) {
    assert.deepEqual(leaks(text, kind), [], text);
    assert.ok(!analyze(text, kind).findings.some((f) => f.code === 'unknown-parameter'), text);
  }
  // JSON goes on after the broken value (YAML reads the next line into the recovered key).
  assert.ok(outline(cases[0][0], 'json').some(([n]) => n === 'NumCacheNodes'));
  // Clean: the same mistakes after a member that holds no secret still name the key.
  assert.ok(analyze('{"CacheClusterId": "c1", "Engine": ""redis"Foo", "NumCacheNodes": 1}', 'json').findings.some((f) => f.code === 'unknown-parameter' && f.message.includes('Foo')));
  assert.ok(analyze('CacheClusterId: c1\nEngine: "redis\nFoo bar"\nNumCacheNodes: 1\n', 'yaml').findings.some((f) => f.code === 'unknown-parameter' && f.message.includes('Foo bar')));
});

test('keys after a YAML secret are dropped as its text only after its quote left open, and never a near miss of a known name', () => {
  const base = 'CacheClusterId: c1\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nTransitEncryptionEnabled: true\nCacheSubnetGroupName: sg\n';
  const unknown = (text: string) => analyze(text, 'yaml').findings.filter((f) => f.code === 'unknown-parameter').map((f) => f.message);
  // A trailing tab (or a control character) after the token: the value ends on its line, the next key is a member.
  for (const secretLine of ['AuthToken: ZQXabcdefghijklmnop\t\n', "AuthToken: 'ZQXabcdefghijklmnop'\t\n", 'AuthToken: "ZQXabc\\\\" # note\u0001\n', "AuthToken: 'ZQXab''cd'\t\n"]) {
    const typo = unknown(`${base}${secretLine}PreferredMaintenanceWindw: sun:05:00-sun:06:00\n`);
    assert.equal(typo.length, 1, secretLine);
    assert.match(typo[0], /PreferredMaintenanceWindw .*Did you mean PreferredMaintenanceWindow/, secretLine);
    assert.deepEqual(unknown(`${base}${secretLine}Foo: 1\n`).map((m) => m.split(' for ')[0]), ['Unknown parameter Foo'], secretLine);
    assert.deepEqual(leaks(`${base}${secretLine}Foo: 1\n`, 'yaml'), [], secretLine);
  }
  // A quote left open: the key recovered after it is the token's text, no member (its near misses aside).
  for (const open of ['AuthToken: "ZQXa1b2c3d4e5\nZQXf6g7h8 ZQXi9j0k1"\nNumCacheNodes: 1\n', "AuthToken: 'ZQXa1b2c3d4e5''\nZQXf6g7h8 ZQXi9j0k1'\nNumCacheNodes: 1\n", 'AuthToken: "ZQXa1b2c3d4e5\\"\nZQXf6g7h8 ZQXi9j0k1"\nNumCacheNodes: 1\n']) {
    assert.deepEqual(unknown(`${base}${open}`), [], open);
    assert.deepEqual(leaks(`${base}${open}`, 'yaml'), [], open);
  }
  // A recovered key that is a near miss of a known name is a typo to correct all the same.
  const nearMiss = `${base}AuthToken: "ZQXab\n"PreferredMaintenanceWindw: x\n`;
  assert.match(unknown(nearMiss).join('\n'), /Did you mean PreferredMaintenanceWindow/);
  assert.deepEqual(leaks(nearMiss, 'yaml'), []);
});

test('a secret key with only a trailing blank ("AuthToken ") is a near miss to correct, not a name that goes on with a value; its value stays hidden', () => {
  const text = '{"CacheClusterId": "c1", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "AuthToken ": "ZQXabcdefghijklmnop"}';
  assert.deepEqual(leaks(text, 'json'), []);
  const found = analyze(text, 'json').findings.find((f) => f.code === 'unknown-parameter');
  assert.equal(found?.message, "Unknown parameter 'AuthToken ' for CreateCacheCluster. Did you mean AuthToken?");
  assert.equal(found?.fixes?.[0].title, 'Change to AuthToken');
  // Clean twin: with text after the blank, the name goes on with a value, which is cut off.
  const pasted = analyze('{"CacheClusterId": "c1", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "AuthToken ZQXabcdefgh": "x"}', 'json').findings.find((f) => f.code === 'unknown-parameter');
  assert.match(pasted?.message ?? '', /^Unknown parameter AuthToken… for CreateCacheCluster: its name goes on with a value/);
});
