// Settings the extension writes for the user (Select Regions, the profile picker) go where they take effect: over a
// workspace's own value in the workspace settings, else in the user settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settingWriteTarget } from '../../client/src/connections';

test('a workspace that sets the value gets the new value, so the choice is not hidden under it', () => {
  assert.equal(settingWriteTarget({ workspaceValue: ['eu-west-1'] }, true), 'workspace');
  assert.equal(settingWriteTarget({ workspaceValue: '' }, true), 'workspace');
});

test('otherwise the user settings; also when the workspace value does not apply (a restricted setting, untrusted)', () => {
  assert.equal(settingWriteTarget({}, true), 'user');
  assert.equal(settingWriteTarget(undefined, true), 'user');
  assert.equal(settingWriteTarget({ workspaceValue: 'dev' }, false), 'user');
});
