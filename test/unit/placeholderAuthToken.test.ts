// A documentation placeholder as the AuthToken (`${VAR}`, `{{token}}`, `<token>`): every form says it is a
// placeholder, once, never quoting it, instead of judging it as a token (characters, length, secret in source).
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
