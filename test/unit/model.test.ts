import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceModel } from '../../server/src/model/generated/serviceModel';
import { MODEL_NAMES } from '../../server/src/model/generated/names';

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

test('the generated model holds the clean Engine documentation (the stale memcached | redis list is dropped by the generator)', () => {
  const doc = serviceModel.shapes.CreateCacheClusterMessage.members!.Engine.documentation!;
  assert.equal(doc, 'The name of the cache engine to be used for this cluster.');
  // No member of any input keeps a list of engines that leaves out Valkey.
  for (const [shape, model] of Object.entries(serviceModel.shapes)) {
    for (const [name, member] of Object.entries(model.members ?? {})) {
      assert.doesNotMatch(member.documentation ?? '', /Valid values for this parameter are: `memcached` \| `redis`/, `${shape}.${name}`);
    }
  }
});

test("the generated list of names is the model's: every action, member and list item name, in the model's order", () => {
  const names = new Set(Object.keys(serviceModel.operations));
  for (const shape of Object.values(serviceModel.shapes)) {
    for (const m of Object.keys(shape.members ?? {})) names.add(m);
    if (shape.member?.locationName) names.add(shape.member.locationName);
  }
  assert.deepEqual(MODEL_NAMES, [...names]);
});
