// auth-token-requires-transit-encryption: the problem first, then the fix, in words that fit every form (no
// `TransitEncryptionEnabled=true`, which is Query wording) and that ask for the subnet group only when it is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';
import { wizardRules } from '../../client/src/wizardRules';
import { body } from './helpers';

const token = 'Correct-Horse-Battery-9';
const base = { CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 };

function message(members: Record<string, string | number | boolean>, kind: 'query' | 'json' | 'yaml'): string | undefined {
  const text =
    kind === 'query' ? body(members)
    : kind === 'json' ? JSON.stringify(members)
    : Object.entries(members).map(([k, v]) => `${k}: ${typeof v === 'string' ? `'${v}'` : v}`).join('\n') + '\n';
  return analyze(text, kind).findings.find((f) => f.code === 'auth-token-requires-transit-encryption')?.message;
}

for (const kind of ['query', 'json', 'yaml'] as const) {
  test(`${kind}: AuthToken without in-transit encryption says what is wrong, then what to do`, () => {
    assert.equal(
      message({ ...base, AuthToken: token }, kind),
      'AuthToken needs in-transit encryption, but TransitEncryptionEnabled is not set: set TransitEncryptionEnabled to true and add CacheSubnetGroupName (in-transit encryption needs a VPC), or remove AuthToken.',
    );
    // A subnet group already given is not asked for again.
    assert.equal(
      message({ ...base, CacheSubnetGroupName: 'my-subnets', AuthToken: token }, kind),
      'AuthToken needs in-transit encryption, but TransitEncryptionEnabled is not set: set TransitEncryptionEnabled to true, or remove AuthToken.',
    );
    assert.equal(
      message({ ...base, CacheSubnetGroupName: 'my-subnets', TransitEncryptionEnabled: false, AuthToken: token }, kind),
      'AuthToken needs in-transit encryption, but TransitEncryptionEnabled is not true: set TransitEncryptionEnabled to true, or remove AuthToken.',
    );
    // Clean: encryption on, in a VPC.
    assert.equal(message({ ...base, CacheSubnetGroupName: 'my-subnets', TransitEncryptionEnabled: true, AuthToken: token }, kind), undefined);
  });
}

test('wizard: the AUTH token step (reached only with encryption on) has no transit-encryption error; the rule still words it for any input', () => {
  assert.equal(wizardRules.checkMember({ ...base, CacheSubnetGroupName: 'my-subnets', TransitEncryptionEnabled: true, AuthToken: token }, 'AuthToken'), undefined);
  const issue = wizardRules.checkMember({ ...base, CacheSubnetGroupName: 'my-subnets', AuthToken: token }, 'AuthToken');
  assert.equal(issue?.code, 'auth-token-requires-transit-encryption');
  assert.doesNotMatch(issue!.message, /=|\(and a /);
});
