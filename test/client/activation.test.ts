// Activation stays light: bundling client/src/extension.ts with esbuild's metafile, nothing that runs at load
// time (static imports and top-level requires) reaches the AWS SDK, the credential providers or the Local
// endpoint; those are reached through dynamic import() only, i.e. on first use. And the manifest never
// activates on start-up.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const root = path.join(__dirname, '../..');

test('the AWS SDK, credential providers and the Local endpoint load lazily (dynamic import only)', async () => {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'client/src/extension.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    outdir: path.join(root, 'dist-activation-test'),
    external: ['vscode', 'aws-crt', '@aws-sdk/signature-v4-crt'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const inputs = result.metafile.inputs;
  const eager = new Set<string>();
  const dynamicTargets = new Set<string>();
  const queue = ['client/src/extension.ts'];
  while (queue.length) {
    const file = queue.pop()!;
    if (eager.has(file)) continue;
    eager.add(file);
    for (const imp of inputs[file]?.imports ?? []) {
      if (imp.external) continue;
      if (imp.kind === 'dynamic-import') dynamicTargets.add(imp.path);
      else queue.push(imp.path);
    }
  }
  const offenders = [...eager].filter((f) => /@aws-sdk\/client-elasticache|@aws-sdk\/credential-provider|local\/src\//.test(f));
  assert.deepEqual(offenders, [], 'loaded at activation');
  // The lazy modules are in the bundle, behind dynamic imports.
  assert.ok([...dynamicTargets].some((f) => f.includes('@aws-sdk/client-elasticache')), 'SDK reached by dynamic import');
  assert.ok([...dynamicTargets].some((f) => f.includes('local/src/index.ts')), 'Local endpoint reached by dynamic import');
  assert.ok(Object.keys(inputs).some((f) => f.includes('@aws-sdk/client-elasticache')), 'SDK bundled');
});

test('the manifest activates on ElastiCache documents, the view or a command, never on start-up', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    activationEvents: string[];
    contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]>; languages: { id: string; extensions: string[] }[] };
    capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  };
  const events = manifest.activationEvents;
  assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
  assert.ok(events.includes('onLanguage:elasticache-query'));
  assert.ok(events.includes('onView:elasticache.clusters'));
  assert.ok(events.includes('workspaceContains:**/*.elasticache.json'));
  for (const c of manifest.contributes.commands) assert.ok(events.includes(`onCommand:${c.command}`), c.command);
  assert.deepEqual(manifest.contributes.views.elasticache?.map((v) => v.id), ['elasticache.clusters']);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(), ['elasticache.endpointUrl', 'elasticache.profile']);
  // Every declared command is registered by the code.
  const source = fs.readdirSync(path.join(root, 'client/src')).map((f) => fs.readFileSync(path.join(root, 'client/src', f), 'utf8')).join('\n');
  for (const c of manifest.contributes.commands) assert.ok(source.includes(`'${c.command}'`), `${c.command} is registered`);
});
