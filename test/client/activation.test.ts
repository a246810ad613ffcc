// Activation stays light: bundling client/src/extension.ts with esbuild's metafile, nothing that runs at load
// time (static imports and top-level requires) reaches the AWS SDK, the credential providers, the Local endpoint,
// the language service or the generated service model; those are reached through dynamic import() only, i.e. on
// first use. The manifest never activates on start-up, and declares exactly the commands the code registers.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';
import { COMMAND_IDS } from '../../client/src/commandIds';

const root = path.join(__dirname, '../..');

test('the AWS SDK, credential providers, the Local endpoint and the language service load lazily (dynamic import only)', async () => {
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
  // Of the generated files only the list of names (9 KB), which the redaction of notifications reads (secrets.ts).
  const offenders = [...eager].filter(
    (f) =>
      /@aws-sdk\/client-elasticache|@aws-sdk\/credential-provider|(^|\/)local\/src\/|(^|\/)server\/src\/service\/|(^|\/)server\/src\/model\/generated\//.test(f) &&
      f !== 'server/src/model/generated/names.ts',
  );
  assert.ok(eager.has('server/src/model/generated/names.ts'), 'the names are read at activation (else this exception can go)');
  assert.deepEqual(offenders, [], 'loaded at activation');
  // 151 with the names the redaction reads (queryNames.ts, generated/names.ts) and what shows notifications' invisible
  // characters as escapes (model/visibleText.ts).
  assert.ok(eager.size < 152, `${eager.size} modules at activation`);
  // The lazy modules are in the bundle, behind dynamic imports.
  assert.ok([...dynamicTargets].some((f) => f.includes('@aws-sdk/client-elasticache')), 'SDK reached by dynamic import');
  assert.ok([...dynamicTargets].some((f) => f.includes('local/src/index.ts')), 'Local endpoint reached by dynamic import');
  assert.ok(Object.keys(inputs).some((f) => f.includes('@aws-sdk/client-elasticache')), 'SDK bundled');
  const lazyService = Object.keys(inputs).filter((f) => f.includes('server/src/service/index.ts') || f.includes('server/src/model/generated/serviceModel.ts'));
  assert.equal(lazyService.length, 2, 'the language service and the model are bundled (for create from request and the wizard)');
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
  // *.elasticache.json/yaml files have VS Code's json/yaml language ids, which onLanguage cannot single out (it would
  // activate on every JSON file): workspaceContains covers them. .elasticache files have their own language.
  assert.deepEqual(
    events.filter((e) => e.startsWith('workspaceContains:')).sort(),
    ['workspaceContains:**/*.elasticache.json', 'workspaceContains:**/*.elasticache.yaml', 'workspaceContains:**/*.elasticache.yml'],
  );
  assert.deepEqual(
    events.filter((e) => !/^(onLanguage:elasticache-query|onView:elasticache\.clusters|onCommand:elasticache\.\w+|workspaceContains:.*)$/.test(e)),
    [],
    'no other activation events',
  );
  for (const c of manifest.contributes.commands) assert.ok(events.includes(`onCommand:${c.command}`), c.command);
  assert.deepEqual(manifest.contributes.views.elasticache?.map((v) => v.id), ['elasticache.clusters']);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(), [
    'elasticache.endpointUrl',
    'elasticache.local.dataDir',
    'elasticache.local.port',
    'elasticache.profile',
    'elasticache.trace.server',
  ]);
  // The Local endpoint's port and data directory can only be set per user, never by a workspace.
  const properties = (manifest.contributes as unknown as { configuration: { properties: Record<string, { scope?: string }> } }).configuration.properties;
  for (const key of ['elasticache.local.port', 'elasticache.local.dataDir']) {
    assert.ok(['application', 'machine'].includes(properties[key]?.scope ?? ''), `${key} is user-only`);
    // A running endpoint keeps its port and folder (extension.ts offers a restart when they change).
    assert.match((properties[key] as { markdownDescription?: string }).markdownDescription ?? '', /Applies when the Local endpoint next starts\./, key);
  }
  // The declared commands are exactly the registered ones (registerCommands registers COMMAND_IDS, one handler each).
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), [...COMMAND_IDS].sort());
});
