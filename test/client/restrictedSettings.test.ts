// Restricted Mode's notice names the workspace's restricted settings it ignores. VS Code hides their workspace values
// from the configuration API while untrusted, so they are read from the settings file (client/src/restrictedSettings.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { settingsSetIn, trustGatedSettings } from '../../client/src/restrictedSettings';

const KEYS = ['elasticache.endpointUrl', 'elasticache.profile'];

test('a folder\'s settings.json that sets the profile and endpoint (flat or nested, with comments) names them', () => {
  const flat = '{\n  // the team\'s test account\n  "elasticache.profile": "dev",\n  "elasticache.endpointUrl": "http://127.0.0.1:1",\n}';
  assert.deepEqual(settingsSetIn(flat, KEYS), KEYS);
  assert.deepEqual(settingsSetIn('{ "elasticache": { "profile": "dev" } }', KEYS), ['elasticache.profile']);
  assert.deepEqual(settingsSetIn('{ "folders": [], "settings": { "elasticache.endpointUrl": "http://x" } }', KEYS, 'settings'), ['elasticache.endpointUrl']);
});

test('settings that set neither, other settings, or no JSON at all name nothing', () => {
  assert.deepEqual(settingsSetIn('{ "elasticache.regions": ["eu-west-1"], "editor.tabSize": 2 }', KEYS), []);
  assert.deepEqual(settingsSetIn('{ "elasticache.profile": "dev" }', KEYS, 'settings'), [], 'a workspace file\'s top level is not its settings');
  assert.deepEqual(settingsSetIn('', KEYS), []);
  assert.deepEqual(settingsSetIn('not json', KEYS), []);
});

test('of the manifest\'s restricted settings, those a workspace can set at all (not application-scoped: local.port, local.dataDir)', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.deepEqual(trustGatedSettings(manifest), ['elasticache.endpointUrl', 'elasticache.profile']);
  assert.deepEqual(trustGatedSettings(undefined), []);
});
