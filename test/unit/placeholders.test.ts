// A documentation placeholder as a value (`${VAR}`, `{{token}}`, `<token>`): every form says it is a placeholder, once,
// never quoting it, instead of judging it as a value (an AuthToken's characters, a cluster id's format, a node type).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt } from './helpers';

const PLACEHOLDERS = ['${REDIS_AUTH_TOKEN}', '{{token}}', '<your-auth-token>', '<token>'];

function documents(token: string): [string, 'query' | 'json' | 'yaml', string][] {
  return [
    [`Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&TransitEncryptionEnabled=true&CacheSubnetGroupName=sg&AuthToken=${token}`, 'query', token],
    [`{"CacheClusterId": "a", "Engine": "redis", "TransitEncryptionEnabled": true, "CacheSubnetGroupName": "sg", "AuthToken": "${token}"}`, 'json', `"${token}"`],
    [`CacheClusterId: a\nEngine: redis\nTransitEncryptionEnabled: true\nCacheSubnetGroupName: sg\nAuthToken: "${token}"\n`, 'yaml', `"${token}"`],
    [`CacheClusterId: a\nEngine: redis\nTransitEncryptionEnabled: true\nCacheSubnetGroupName: sg\nAuthToken: ${token.startsWith('{') ? `'${token}'` : token}\n`, 'yaml', token.startsWith('{') ? `'${token}'` : token],
  ];
}

test('query-placeholder: a placeholder AuthToken is one finding in every form, the same words, never the value', () => {
  for (const token of PLACEHOLDERS) {
    for (const [text, kind, at] of documents(token)) {
      const found = findingsAt(text, kind);
      assert.deepEqual(found.map((f) => `${f.code}@${f.at}`), [`query-placeholder@${at}`], `${kind}: ${text}`);
      assert.equal(found[0].severity, 'warning');
      assert.match(found[0].finding.message, /^AuthToken is a placeholder, not a value: replace it before sending the request/);
      assert.ok(!found[0].finding.message.includes(token), found[0].finding.message);
      // Only the Query form adds why its characters break a URL.
      assert.equal(found[0].finding.message.includes('not even valid in a URL'), kind === 'query');
    }
  }
});

test("a percent-encoded placeholder is one, but its message does not say its '<' or braces break the URL", () => {
  const head = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&TransitEncryptionEnabled=true&CacheSubnetGroupName=sg&AuthToken=';
  for (const encoded of ['%3Cnew-token%3E', '%7B%7Btoken%7D%7D', '%24%7BTOKEN%7D']) {
    const found = findingsAt(head + encoded, 'query');
    assert.deepEqual(found.map((f) => `${f.code}@${f.at}`), [`query-placeholder@${encoded}`]);
    assert.equal(found[0].finding.message, 'AuthToken is a placeholder, not a value: replace it before sending the request.');
  }
  // Written with its brackets as they are (an escape inside does not change that): the URL note stays.
  for (const written of ['<new-token>', '<new%2Dtoken>', '{{token}}']) {
    assert.match(findingsAt(head + written, 'query')[0].finding.message, /\(as written, its '<', '>' or braces are not even valid in a URL\)\.$/, written);
  }
});

test('clean: a real AuthToken is still judged as a token (secret in source; bad characters)', () => {
  for (const [text, kind] of documents('Correct-Horse-Battery-9')) {
    assert.deepEqual(findingsAt(text, kind).map((f) => f.code), ['auth-token-in-file'], `${kind}: ${text}`);
  }
  // A token with a character AUTH tokens may not hold: still the characters finding.
  for (const [text, kind] of documents('abc.defghijklmnopq')) {
    const found = findingsAt(text, kind).map((f) => f.code).sort();
    assert.deepEqual(found, ['auth-token-in-file', 'invalid-auth-token'], `${kind}: ${text}`);
  }
});

// The same request with placeholders in three members, in each form: [text, kind, span text of each placeholder].
const TEMPLATE: [string, 'query' | 'json' | 'yaml', string[]][] = [
  [
    'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=<cluster-id>&Engine=redis&CacheNodeType=${NODE_TYPE}&NumCacheNodes=1&Tags.Tag.1.Key=team&Tags.Tag.1.Value={{team}}',
    'query',
    ['<cluster-id>', '${NODE_TYPE}', '{{team}}'],
  ],
  [
    '{"CacheClusterId": "<cluster-id>", "Engine": "redis", "CacheNodeType": "${NODE_TYPE}", "NumCacheNodes": 1, "Tags": [{"Key": "team", "Value": "{{team}}"}]}',
    'json',
    ['"<cluster-id>"', '"${NODE_TYPE}"', '"{{team}}"'],
  ],
  [
    'CacheClusterId: <cluster-id>\nEngine: redis\nCacheNodeType: ${NODE_TYPE}\nNumCacheNodes: 1\nTags:\n  - Key: team\n    Value: "{{team}}"\n',
    'yaml',
    ['<cluster-id>', '${NODE_TYPE}', '"{{team}}"'],
  ],
];

test('query-placeholder: a placeholder in any member is one finding; an error where AWS rejects it as written', () => {
  for (const [text, kind, spans] of TEMPLATE) {
    const found = findingsAt(text, kind);
    // No invalid-cache-cluster-id, invalid-node-type or other finding restating the placeholder's value.
    assert.deepEqual(found.map((f) => `${f.code}@${f.at}`), spans.map((at) => `query-placeholder@${at}`), `${kind}: ${text}`);
    // An id or node type in that shape is rejected by AWS (the lint fails); a tag value is free text AWS takes.
    assert.deepEqual(found.map((f) => f.severity), ['error', 'error', 'warning'], kind);
    assert.deepEqual(
      found.map((f) => f.finding.message.replace(/ \(as written.*\)/, '')),
      ['CacheClusterId', 'CacheNodeType', kind === 'query' ? 'Tags.Tag.1.Value' : 'Tags (item 1).Value'].map((name) => `${name} is a placeholder, not a value: replace it before sending the request.`),
      kind,
    );
    assert.equal(found[0].finding.awsError, 'InvalidParameterValue');
  }
});

test('clean: placeholder-like values that are not placeholders are judged as values', () => {
  // `<` alone, braces inside a longer value: not a documentation placeholder, so the cluster id rule speaks.
  const found = findingsAt('{"CacheClusterId": "my-{cluster}", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}', 'json');
  assert.deepEqual(found.map((f) => f.code), ['invalid-cache-cluster-id']);
});
