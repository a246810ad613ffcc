// invalid-auth-token on the Modify actions follows their own references (printable ASCII, 16–128, not / " @ %), the
// create actions the AUTH guide's (special characters only ! & # $ ^ < > -). Modify actions are Query-only here: the
// JSON/YAML inputs are CreateCacheCluster's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCreateCacheCluster } from '../../server/src/service/index';
import { findingsAt } from './helpers';

const HOST = 'https://elasticache.us-east-1.amazonaws.com/';
const request = (action: string, id: string, token: string) =>
  `${HOST}?Action=${action}&Version=2015-02-02&${id}&AuthTokenUpdateStrategy=ROTATE&ApplyImmediately=true&AuthToken=${encodeURIComponent(token)}\n`;
const ACTIONS: [string, string][] = [['ModifyCacheCluster', 'CacheClusterId=my-cluster'], ['ModifyReplicationGroup', 'ReplicationGroupId=my-rg']];
const tokenFindings = (action: string, id: string, token: string) => findingsAt(request(action, id, token), 'query').filter((f) => f.code === 'invalid-auth-token').map((f) => f.finding);

for (const [action, id] of ACTIONS) {
  test(`invalid-auth-token on ${action}: / " @ % are errors naming the action, never the token`, () => {
    for (const token of ['Abcdefghijklmnop/1', 'Abcdefghijklmnop"1', 'Abcdefghijklmnop@1', 'Abcdefghijklmnop%1']) {
      const [finding, ...rest] = tokenFindings(action, id, token);
      assert.equal(rest.length, 0, token);
      assert.equal(finding.severity, 'error', token);
      assert.equal(finding.awsError, 'InvalidParameterValue');
      assert.equal(finding.message, `An AUTH token sent with ${action} cannot contain / " @ % (this one has 1 such character). Remove them.`);
      assert.ok(!finding.message.includes('Abcdefghijklmnop'));
    }
  });

  test(`invalid-auth-token on ${action}: a special character the create rules refuse is a warning (the two pages disagree)`, () => {
    const [finding] = tokenFindings(action, id, 'Abcdefghijklmnop*_1');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.awsError, undefined);
    assert.match(finding.message, new RegExp(`^This AUTH token has special characters outside ! & # \\$ \\^ < > - \\(2 such characters\\): the ${action} reference allows them, but the AUTH guide`));
  });

  test(`invalid-auth-token on ${action}: clean with the AUTH guide's characters; length and non-ASCII still errors`, () => {
    assert.deepEqual(tokenFindings(action, id, 'Abcdefghijklmnop!&#$^<>-1'), []);
    assert.deepEqual(tokenFindings(action, id, 'short').map((f) => f.severity), ['error']);
    assert.equal(tokenFindings(action, id, 'Abcdefghijklmnopé1')[0].message, 'An AUTH token may contain only printable ASCII characters (this one has 1 that is not).');
    assert.equal(tokenFindings(action, id, 'Abcdefghijklmnopéé1')[0].message, 'An AUTH token may contain only printable ASCII characters (this one has 2 that are not).');
  });
}

test('invalid-auth-token on the create actions keeps the AUTH guide rule: * is an error there', () => {
  const create = checkCreateCacheCluster({ CacheClusterId: 'x', Engine: 'redis', TransitEncryptionEnabled: true, CacheSubnetGroupName: 's', AuthToken: 'Abcdefghijklmnop*_1' });
  assert.deepEqual(create.filter((i) => i.code === 'invalid-auth-token').map((i) => i.severity), ['error']);
});
