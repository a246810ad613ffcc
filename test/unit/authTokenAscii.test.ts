// invalid-auth-token on a token with characters that are not printable ASCII ("Must be only printable ASCII
// characters", CreateCacheCluster and the Modify references): that one finding, not a length as well (one finding
// per mistake; JavaScript's length counts UTF-16 code units, so 10 emoji would "have 20").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateAuthToken } from '../../server/src/service/index';
import { body, findingsAt } from './helpers';

const create = (token: string) => body({ CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1, CacheSubnetGroupName: 'my-subnets', TransitEncryptionEnabled: true, AuthToken: token });
const modify = (token: string) => `https://elasticache.us-east-1.amazonaws.com/?Action=ModifyReplicationGroup&Version=2015-02-02&ReplicationGroupId=my-rg&AuthTokenUpdateStrategy=ROTATE&AuthToken=${encodeURIComponent(token)}\n`;
const tokenMessages = (text: string) => findingsAt(text, 'query').filter((f) => f.code === 'invalid-auth-token').map((f) => f.finding.message);

test('invalid-auth-token: a short token with non-ASCII letters is one finding about the characters, no length', () => {
  assert.deepEqual(tokenMessages(create('pässwörd')), ['An AUTH token may contain only printable ASCII characters: letters, digits and the special characters ! & # $ ^ < > - (this one has 2 characters that are not printable ASCII).']);
  assert.deepEqual(tokenMessages(modify('pässwörd')), ['An AUTH token may contain only printable ASCII characters (this one has 2 that are not).']);
});

test('invalid-auth-token: characters are counted as characters, not UTF-16 code units (10 emoji are 10)', () => {
  assert.match(validateAuthToken('🔑'.repeat(10))!, /this one has 10 characters that are not printable ASCII/);
  assert.match(validateAuthToken('🔑'.repeat(70))!, /^An AUTH token may contain only printable ASCII/, '140 code units: not a length finding');
  assert.deepEqual(tokenMessages(modify('🔑'.repeat(70))), ['An AUTH token may contain only printable ASCII characters (this one has 70 that are not).']);
});

test('invalid-auth-token: clean on a valid ASCII token; an ASCII token of the wrong length still gets the length', () => {
  assert.deepEqual(tokenMessages(create('Abcdefghijklmnop1')), []);
  assert.deepEqual(tokenMessages(modify('Abcdefghijklmnop1')), []);
  assert.deepEqual(tokenMessages(create('short')), ['An AUTH token must be 16 to 128 characters long (this one has 5).']);
  assert.deepEqual(tokenMessages(modify('short')), ['An AUTH token must be 16 to 128 characters long (this one has 5).']);
});
