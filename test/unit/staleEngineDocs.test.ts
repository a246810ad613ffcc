// The service model's documentation predates Valkey: sentences that allow only `redis` where the rules accept
// Valkey too are dropped or corrected by server/scripts/generate-model.mjs (STALE_MEMBER_DOCS). (review: misled)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceModel } from '../../server/src/model/generated/serviceModel';
import { hover } from '../../server/src/service/hover';

/** A sentence that names `redis` as the only engine (the Engine is `redis`; valid values memcached | redis; Redis OSS only). */
function redisOnlySentences(markdown: string): string[] {
  return markdown
    .split(/(?<=\.)\s+|\n+/)
    .filter((s) => /`Engine` parameter is `redis`|`memcached` \| `redis`(?! \| `valkey`)|Only available [^.]*using Redis OSS|available only for Redis OSS/.test(s) && !/valkey/i.test(s));
}

test('no documentation in the generated model allows only redis where Valkey is taken too', () => {
  // The check finds the service model's own wording (as botocore ships it) ...
  assert.equal(redisOnlySentences('Example: `05:00-09:00`\n\n> This parameter is only valid if the `Engine` parameter is `redis`.').length, 1);
  assert.equal(redisOnlySentences('The cache engine to return. Valid values: `memcached` | `redis`').length, 1);
  assert.equal(redisOnlySentences('**M6g node types** (available only for Redis OSS engine version 5.0.6 onward and for Memcached engine version 1.5.16 onward)').length, 1);
  // ... and none is left in the generated model.
  const found: string[] = [];
  for (const [shapeName, shape] of Object.entries(serviceModel.shapes)) {
    for (const [memberName, member] of Object.entries(shape.members ?? {})) {
      for (const s of redisOnlySentences(member.documentation ?? '')) found.push(`${shapeName}.${memberName}: ${s}`);
    }
  }
  assert.deepEqual(found, []);
});

test('hovers on the snapshot members and on TransitEncryptionEnabled keep the documentation, without the redis-only sentence', () => {
  const query = 'Action=CreateCacheCluster&Engine=valkey&SnapshotWindow=05:00-09:00&SnapshotRetentionLimit=5&SnapshotName=s&ReplicationGroupId=rg';
  for (const member of ['SnapshotWindow', 'SnapshotRetentionLimit', 'SnapshotName', 'ReplicationGroupId']) {
    const markdown = hover(query, query.indexOf(member) + 2, 'query')!.markdown;
    assert.doesNotMatch(markdown, /parameter is `redis`/, member);
    assert.match(markdown, new RegExp(`\\*\\*${member}\\*\\*[^\\n]*\\n\\n\\w`), `${member} keeps its documentation`);
  }
  const rg = 'Action=CreateReplicationGroup&Engine=valkey&TransitEncryptionEnabled=true';
  const transit = hover(rg, rg.indexOf('TransitEncryptionEnabled') + 2, 'query')!.markdown;
  assert.match(transit, /valid only if the cluster is being created in an Amazon VPC, with an engine version that supports \[in-transit encryption\]/);
  assert.doesNotMatch(transit, /Redis OSS version|parameter is `redis`/);
  assert.match(transit, /If you enable in-transit encryption, you must also specify a value for `CacheSubnetGroup`/);
});
