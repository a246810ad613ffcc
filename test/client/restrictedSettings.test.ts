// Restricted Mode's notice names the workspace's restricted settings it ignores. VS Code hides their workspace values
// from the configuration API while untrusted, so they are read from the settings file (client/src/restrictedSettings.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { awsConnection, createClient } from '../../client/src/connections';
import { settingsSetIn, traceAllowed, traceOutputChannel, trustGatedSettings } from '../../client/src/restrictedSettings';

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
  assert.deepEqual(trustGatedSettings(manifest), ['elasticache.endpointUrl', 'elasticache.profile', 'elasticache.trace.server']);
  assert.deepEqual(trustGatedSettings(undefined), []);
});

/**
 * Where the extension's client sends a call for a connection in `region` (the host), or the SDK's refusal; nothing is
 * sent: the request is stopped once it is built and signed.
 */
async function hostFor(region: string): Promise<string> {
  const connection = { ...awsConnection('default', region), credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' } };
  const client = await createClient(connection, { info: () => undefined, error: () => undefined }, { maxAttempts: 1 });
  let host = '';
  client.middlewareStack.add(
    (() => async (args: { request: { hostname?: string } }) => {
      host = args.request.hostname ?? '';
      throw new Error('built, not sent');
    }) as never,
    { step: 'finalizeRequest', name: 'stopBeforeSending' },
  );
  try {
    const { DescribeCacheClustersCommand } = await import('@aws-sdk/client-elasticache');
    await client.send(new DescribeCacheClustersCommand({}));
  } catch (err) {
    if ((err as Error).message !== 'built, not sent') return `refused: ${(err as Error).message}`;
  } finally {
    client.destroy();
  }
  return host;
}

test('a workspace\'s elasticache.regions stays allowed untrusted (restrictedSettings.ts): no Region takes the requests off AWS', async () => {
  // The AWS partitions' domains (the SDK's partitions.json): aws, aws-cn, aws-eusc, and the isolated ones.
  const awsHost = /^elasticache\.[a-z0-9-]+\.(amazonaws\.com|amazonaws\.com\.cn|amazonaws\.eu|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$/;
  assert.equal(await hostFor('eu-west-1'), 'elasticache.eu-west-1.amazonaws.com');
  for (const region of ['attacker', 'localhost', 'cn-north-1', 'us-iso-east-1']) assert.match(await hostFor(region), awsHost, region);
  for (const region of ['evil.example.com', 'evil.example.com#', 'attacker.com/x?', '127.0.0.1', 'user@host', 'host:4510', 'eu-west-1.evil.example']) {
    assert.match(await hostFor(region), /^refused: Region not accepted/, region);
  }
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.ok(!trustGatedSettings(manifest).includes('elasticache.regions'));
});

test('elasticache.trace.server (read by vscode-languageclient from every settings level) is declared, restricted, and says verbose logs documents', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const setting = manifest.contributes.configuration.properties['elasticache.trace.server'];
  assert.deepEqual(setting.enum, ['off', 'messages', 'verbose']);
  assert.equal(setting.default, 'off');
  assert.equal(setting.scope, undefined, 'a trusted workspace may set it');
  assert.match(setting.markdownDescription, /verbose.*whole text of your request documents, AuthTokens/);
  assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('elasticache.trace.server'));
  // Restricted Mode's notice names it when the folder sets it, also written under it.
  assert.deepEqual(settingsSetIn('{ "elasticache.trace.server.verbosity": "verbose" }', ['elasticache.trace.server']), ['elasticache.trace.server']);
});

test('the language server trace is written only at the user\'s level while the workspace is untrusted', () => {
  // An untrusted folder sets verbose (or the object form's verbosity, which VS Code does not hide): nothing is written.
  assert.equal(traceAllowed('verbose', undefined, false), false);
  assert.equal(traceAllowed({ verbosity: 'verbose' }, 'off', false), false);
  assert.equal(traceAllowed('verbose', 'messages', false), false);
  // Clean cases: the user's own level, untrusted or not; a trusted workspace's level.
  assert.equal(traceAllowed('verbose', 'verbose', false), true);
  assert.equal(traceAllowed('off', undefined, false), true);
  assert.equal(traceAllowed('verbose', 'off', true), true);

  const written: string[] = [];
  const log = { name: 'ElastiCache', append: (t: string) => written.push(t), appendLine: (t: string) => written.push(`${t}\n`), replace: () => undefined, clear: () => undefined, show: () => undefined, hide: () => undefined, dispose: () => undefined };
  let allowed = false;
  const channel = traceOutputChannel(log, () => allowed);
  channel.appendLine("[Trace] Sending notification 'textDocument/didOpen'.");
  channel.append('Params: AuthToken=ZQXsecret');
  assert.deepEqual(written, []);
  allowed = true;
  channel.appendLine("[Trace] Sending notification 'textDocument/didChange'.");
  assert.deepEqual(written, ["[Trace] Sending notification 'textDocument/didChange'.\n"]);
});
