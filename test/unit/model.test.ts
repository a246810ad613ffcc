import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceModel } from '../../server/src/model/generated/serviceModel';

test('generated model has every CreateCacheCluster member with a type', () => {
  const msg = serviceModel.shapes.CreateCacheClusterMessage;
  assert.equal(msg.type, 'structure');
  assert.deepEqual(msg.required, ['CacheClusterId']);
  for (const [name, member] of Object.entries(msg.members!)) {
    assert.ok(serviceModel.shapes[member.shape], `${name} has shape ${member.shape}`);
    assert.ok(member.documentation, `${name} has documentation`);
  }
  assert.equal(serviceModel.shapes.SnapshotArnsList.member?.locationName, 'SnapshotArn');
});
