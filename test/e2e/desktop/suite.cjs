// Runs inside the desktop VS Code extension host (loaded by @vscode/test-electron): plain CommonJS, no tsx there.
// Smoke test: the extension activates on the seed file, the language server reports diagnostics on it,
// and the contributed commands are registered.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

async function waitFor(what, fn, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

exports.run = async function run() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  const uri = vscode.Uri.file(path.join(folder.uri.fsPath, 'seed-example.elasticache'));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'elasticache-query');

  const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'vscode-elasticache');
  assert.ok(ext, 'extension not found');
  await waitFor('the extension to activate', () => ext.isActive);

  const diagnostics = await waitFor('diagnostics on the seed example', () => {
    const d = vscode.languages.getDiagnostics(uri);
    return d.length > 0 && d;
  });
  assert.ok(diagnostics.some((d) => /CacheParameterGroup/.test(d.message)), 'no diagnostic about CacheParameterGroup');

  const contributed = (ext.packageJSON.contributes?.commands ?? []).map((c) => c.command);
  const registered = new Set(await vscode.commands.getCommands(true));
  const missing = contributed.filter((c) => !registered.has(c));
  assert.deepEqual(missing, [], `contributed commands not registered: ${missing.join(', ')}`);
  console.log(`desktop smoke test: activated, ${diagnostics.length} diagnostics on the seed, ${contributed.length} commands registered`);
};
