// Secrets are named exactly: their values are masked in the outline and redacted in logs; parameters whose names
// only contain "signature", "token" or "password" (SignatureVersion, SignatureMethod, AuthTokenUpdateStrategy) are shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitize } from '../../client/src/errors';
import { isSecretName, redactSecretParameters } from '../../server/src/model/secrets';
import { analyze } from '../../server/src/service/index';
import { documentSymbols } from '../../server/src/service/symbols';

const SECRETS = ['X-Amz-Signature', 'Signature', 'AuthToken', 'authtoken', 'Passwords', 'Passwords.member.1', 'AuthenticationMode.Passwords.member.1', 'AuthenticationMode.Passwords', 'X-Amz-Security-Token', 'SessionToken', 'aws_session_token', 'SecretAccessKey', 'secretAccessKey', 'aws_secret_access_key', 'secret-key'];
const NOT_SECRETS = ['SignatureVersion', 'SignatureMethod', 'AuthTokenUpdateStrategy', 'AuthTokenEnabled', 'NoPasswordRequired', 'X-Amz-SignedHeaders', 'KmsKeyId', 'TagKeys', 'CacheClusterId', 'AuthenticationMode.Type', 'Signature.Version'];

test('isSecretName: the secrets by name, whole names only', () => {
  for (const name of SECRETS) assert.ok(isSecretName(name), name);
  for (const name of NOT_SECRETS) assert.ok(!isSecretName(name), name);
});

test('outline: SignatureVersion and SignatureMethod are shown; Signature, X-Amz-Signature and AuthToken are masked', () => {
  const sigv2 = 'Action=DescribeCacheClusters&Version=2015-02-02&AWSAccessKeyId=AKIDEXAMPLE&SignatureVersion=2&SignatureMethod=HmacSHA256&Timestamp=2015-05-08T22:03:02Z&Signature=c2lnbmF0dXJlLXZhbHVl';
  const [request] = documentSymbols(analyze(sigv2, 'query'));
  const detail = (name: string) => request.children.find((c) => c.name === name)?.detail;
  assert.equal(detail('SignatureVersion'), '2');
  assert.equal(detail('SignatureMethod'), 'HmacSHA256');
  assert.equal(detail('Signature'), '••••••');
  assert.ok(!JSON.stringify(request).includes('c2lnbmF0dXJl'));
  const sigv4 = 'Action=ModifyReplicationGroup&Version=2015-02-02&ReplicationGroupId=rg&AuthToken=abcdefghijklmnop1234&AuthTokenUpdateStrategy=ROTATE&X-Amz-Security-Token=FwoGZXIvYXdzEXAMPLE&X-Amz-Signature=deadbeef';
  const [v4] = documentSymbols(analyze(sigv4, 'query'));
  const d4 = (name: string) => v4.children.find((c) => c.name === name)?.detail;
  assert.equal(d4('AuthTokenUpdateStrategy'), 'ROTATE');
  for (const name of ['AuthToken', 'X-Amz-Security-Token', 'X-Amz-Signature']) assert.equal(d4(name), '••••••', name);
});

test('log redaction: secret values replaced, SignatureVersion and SignatureMethod kept', () => {
  const url = 'https://elasticache.us-east-1.amazonaws.com/?Action=X&SignatureVersion=4&SignatureMethod=HmacSHA256&Signature=abc%2F&X-Amz-Signature=dead&X-Amz-Security-Token=tok&AuthToken=s3cr3t';
  assert.equal(redactSecretParameters(url), 'https://elasticache.us-east-1.amazonaws.com/?Action=X&SignatureVersion=4&SignatureMethod=HmacSHA256&Signature=***&X-Amz-Signature=***&X-Amz-Security-Token=***&AuthToken=***');
  assert.equal(sanitize('failed: secretAccessKey=abc aws_session_token=xyz key AKIAABCDEFGHIJKLMNOP\nsecond line'), 'failed: secretAccessKey=*** aws_session_token=*** key AKIA***');
});

test('a password inside a structure (CreateUser AuthenticationMode.Passwords) is masked in the outline, messages and logs', () => {
  const create = 'Action=CreateUser&Version=2015-02-02&UserId=u1&UserName=u1&Engine=redis&AccessString=on&AuthenticationMode.Type=password&AuthenticationMode.Passwords.member.1=SuperSecretPassw0rd1&AuthenticationMode.Passwords.member.1=OtherSecretPassw0rd2';
  const analysis = analyze(create, 'query');
  assert.ok(!JSON.stringify(documentSymbols(analysis)).includes('SuperSecret'), 'outline');
  assert.ok(!JSON.stringify(analysis.findings.map((f) => f.message)).includes('SecretPassw0rd'), 'messages');
  assert.ok(!redactSecretParameters(create).includes('SecretPassw0rd'), 'log redaction');
  assert.ok(redactSecretParameters(create).includes('AuthenticationMode.Type=password'));
});

test('log redaction: the whole of a secret\'s value in every form (list items, quote escapes, lines below the name, an unencoded & in a Query token); other text as it is', () => {
  const hits: [string, string][] = [
    // Every item of a list, JSON or YAML flow, on one line or several.
    ['"Passwords": ["S1cret", "S2cret"]', '"Passwords": [***]'],
    ['Passwords: [S1cret, S2cret]', 'Passwords: [***]'],
    ["{'Passwords': ['S1cret', 'S2cret'], 'Engine': 'redis'}", "{'Passwords': [***], 'Engine': 'redis'}"],
    ['{\n  "Passwords": [\n    "S1cret",\n    "S2cret"\n  ],\n  "Engine": "redis"\n}', '{\n  "Passwords": [***],\n  "Engine": "redis"\n}'],
    // YAML's '' inside single quotes is a quote of the value.
    ["AuthToken: 'ab''cdS3cret'", "AuthToken: '***'"],
    // A value on the lines below its name: a block scalar, a value moved down, a block list, also with CRLF.
    ['AuthToken: >\n  S3cretFolded', 'AuthToken: >\n  ***'],
    ['CacheClusterId: a\nAuthToken: |-\n  S3cret1\n\n  S3cret2\nEngine: redis\n', 'CacheClusterId: a\nAuthToken: |-\n  ***\nEngine: redis\n'],
    ['AuthToken:\n  S3cretBelow', 'AuthToken:\n  ***'],
    ['AuthToken:\r\n  S3cretBelow\r\nEngine: redis', 'AuthToken:\r\n  ***\r\nEngine: redis'],
    ['Passwords:\n  - S1cret\n  - S2cret\nEngine: redis', 'Passwords:\n  - ***\nEngine: redis'],
    ['Passwords:\n- S1cret\n- S2cret\nEngine: redis', 'Passwords:\n- ***\nEngine: redis'],
    ['Users:\n  - AuthToken: >\n      S3cret\n    Engine: redis', 'Users:\n  - AuthToken: >\n      ***\n    Engine: redis'],
    // An unencoded & in a Query token: the value goes on up to the next parameter a request is made of.
    ['AuthToken=abc&S3cretcd', 'AuthToken=***'],
    ['AuthToken=abc&S3c=ret&Engine=redis', 'AuthToken=***&Engine=redis'],
    ['AuthToken=abc&S3cret&Tags.Tag.1.Key=k&X-Amz-Date=20260101T000000Z', 'AuthToken=***&Tags.Tag.1.Key=k&X-Amz-Date=20260101T000000Z'],
    // Spaces inside a value on the name's line (a YAML plain scalar, a header's value), up to a comment or the line's end.
    ['AuthToken: my S3cret token # rotated\nEngine: redis', 'AuthToken: *** # rotated\nEngine: redis'],
    ['X-Amz-Security-Token: Fwo S3cret\r\nHost: x', 'X-Amz-Security-Token: ***\r\nHost: x'],
    ['{AuthToken: my S3cret, Engine: redis}', '{AuthToken: ***, Engine: redis}'],
    ['AuthToken: abc#S3cret', 'AuthToken: ***'],
    // A plain scalar continued on the lines below, indented more than its name.
    ['AuthToken: abc\n  S3cretMore\n  S3cretEnd\nEngine: redis', 'AuthToken: ***\nEngine: redis'],
    ['Users:\n  - AuthToken: abc\n      S3cret\n    Engine: redis', 'Users:\n  - AuthToken: ***\n    Engine: redis'],
    // A YAML quoted value continued on the lines below, up to its closing quote (the CLI's loader reads it whatever
    // the lines' indentation), escapes included.
    ['AuthToken: "abc\n  S3cret"\nEngine: redis', 'AuthToken: "***"\nEngine: redis'],
    ['AuthToken: "abc\n  S3\\"cret\n\n  S3cretEnd"\nEngine: redis', 'AuthToken: "***"\nEngine: redis'],
    ["AuthToken: 'ab''\n  S3cret'\nEngine: redis", "AuthToken: '***'\nEngine: redis"],
    ['Users:\n  - AuthToken: "abc\nS3cret"\n    Engine: redis', 'Users:\n  - AuthToken: "***"\n    Engine: redis'],
    // Unclosed: the value ends before a line indented no more than its name.
    ['AuthToken: "abc\n  S3cret\nEngine: redis', 'AuthToken: "***\nEngine: redis'],
    // A quoted value or a list moved below its name: only the value is masked, the JSON comma after it stays.
    ['{\n  "AuthToken":\n    "S3cret",\n  "Engine": "redis"\n}', '{\n  "AuthToken":\n    "***",\n  "Engine": "redis"\n}'],
    ['{"AuthToken":\n"S3cret", "Engine": "redis"}', '{"AuthToken":\n"***", "Engine": "redis"}'],
    ['{\n  "Passwords":\n    ["S1cret",\n     "S2cret"],\n  "Engine": "redis"\n}', '{\n  "Passwords":\n    [***],\n  "Engine": "redis"\n}'],
    // Text right after the closing quote is more of the value (no valid JSON, YAML or Query value ends there).
    ['AuthToken: "abc"S3cret # c\nEngine: redis', 'AuthToken: "***" # c\nEngine: redis'],
    ['AuthToken="abc"S3cret&Engine=redis', 'AuthToken="***"&Engine=redis'],
  ];
  for (const [text, redacted] of hits) assert.equal(redactSecretParameters(text), redacted, JSON.stringify(text));
  // Clean: other parameters, names without a value, values of other names, ordinary lines keep their text.
  for (const text of [
    'AuthTokenEnabled=true&CacheClusterId=a&Engine=redis',
    'AuthToken=***&CacheClusterId=a',
    'the AuthToken is invalid: give 16 to 128 printable characters',
    'AuthToken:\nEngine: redis',
    'Engine: redis\n  CacheClusterId: a',
    'SecurityGroupIds: [sg-1, sg-2]\nTags:\n  - Key: a\n    Value: b',
    'AuthTokenUpdateStrategy: >\n  ROTATE',
    // A value on its line ends there: a list item at the name's column is the next member's, not the value's.
    'Engine: redis\n- a',
    // A secret with no value, the next member's quoted name below it.
    '"AuthToken":\n"Engine": "redis"',
  ]) assert.equal(redactSecretParameters(text), text, JSON.stringify(text));
});

test('log redaction: a Query AuthToken wrapped onto the next line is masked with that line, as the language service reads it', () => {
  const create = 'https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=c1&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1&TransitEncryptionEnabled=true&CacheSubnetGroupName=sg';
  const hits: [string, string][] = [
    ['&AuthToken=abcdefgh\nijklmnopS3cret\n&Version=2015-02-02', '&AuthToken=***\n***\n&Version=2015-02-02'],
    ['&AuthToken=abcdefgh\r\n  ijklmnopS3cret  \r\n  &Version=2015-02-02', '&AuthToken=***\r\n  ***  \r\n  &Version=2015-02-02'],
    // Wrapped over several lines: each is a piece.
    ['&AuthToken=abcdefgh\n  ijklmnop\n  qrstS3cret\n  &Version=2015-02-02', '&AuthToken=***\n  ***\n  ***\n  &Version=2015-02-02'],
    // Trailing blanks after the token's line or a piece's; a piece of digits alone.
    ['&AuthToken=abcdefgh  \nijklS3cret \n12345678\n&Version=2015-02-02', '&AuthToken=***  \n*** \n***\n&Version=2015-02-02'],
  ];
  for (const [text, redacted] of hits) {
    assert.equal(redactSecretParameters(text), redacted, JSON.stringify(text));
    // The language service reads the line as the token's piece (query-secret-split), not a request of its own.
    const analysis = analyze(`${create}${text.replace(/^&AuthToken=abcdefgh/, '&AuthToken=abcdefghabcdefgh')}\n`, 'query');
    assert.equal(analysis.requests.length, 1, JSON.stringify(text));
    assert.ok(analysis.findings.some((f) => f.code === 'query-secret-split'), JSON.stringify(text));
  }
  // An `=` or an unencoded `&` in such a line is masked with it (on the safe side of what the language service may
  // read as the piece), up to a parameter a request is made of.
  assert.equal(redactSecretParameters('&AuthToken=abcdefgh\nijkl=S3cret'), '&AuthToken=***\n***');
  assert.equal(redactSecretParameters('&AuthToken=abcdefgh\nijkl&S3cret&Engine=redis'), '&AuthToken=***\n***&Engine=redis');
  // Clean: a line that is a parameter, a request, a comment or a header of its own; a line after a blank one; a value
  // that does not end its line; a line after an ordinary parameter.
  for (const text of [
    '&AuthToken=***\nEngine=redis',
    '&AuthToken=***\nAction=CreateCacheCluster&Version=2015-02-02',
    '&AuthToken=***\n&Version=2015-02-02',
    '&AuthToken=***\nhttps://elasticache.us-east-1.amazonaws.com/?Action=DescribeCacheClusters',
    '&AuthToken=***\n# a comment',
    '&AuthToken=***\nHost: elasticache.us-east-1.amazonaws.com',
    '&AuthToken=***\n-- next',
    '&AuthToken=***\n\nijklmnop',
    '&CacheClusterId=c1\nijklmnop',
  ]) assert.equal(redactSecretParameters(text), text, JSON.stringify(text));
  assert.equal(redactSecretParameters('&AuthToken=abcdefgh more\nijklmnop'), '&AuthToken=*** more\nijklmnop');
});
