// A JSON request file saved with a UTF-8 byte order mark: editors take the mark out of the text, the AWS CLI
// rejects the file ("Invalid JSON received"). The server reads the file's first bytes on open and on save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, CodeLensRequest, DidSaveTextDocumentNotification, type CodeAction } from 'vscode-languageserver-protocol/node';
import { fileStartsWithByteOrderMark } from '../../server/src/byteOrderMark';
import { analyze } from '../../server/src/service/index';
import { LspClient, within } from './lspClient';

const json = '{"CacheClusterId": "bom-json", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}';

test('the service: a JSON file saved with a byte order mark gets the AWS CLI error at the start, once; other forms do not', () => {
  const bomFinding = (text: string, kind: 'json' | 'yaml', saved: boolean) => analyze(text, kind, { savedWithByteOrderMark: saved }).findings.filter((f) => /byte order mark/.test(f.message));
  assert.equal(bomFinding(json, 'json', false).length, 0);
  const [f] = bomFinding(json, 'json', true);
  assert.deepEqual([f.code, f.severity, f.span], ['json-syntax', 'error', { start: 0, end: 0 }]);
  assert.equal(f.fixes, undefined, 'no text edit can remove what is not in the text');
  assert.equal(bomFinding(`\uFEFF${json}`, 'json', true).length, 1, 'the mark in the text too (as lint reads it): one finding');
  assert.equal(bomFinding('CacheClusterId: a\n', 'yaml', true).length, 0, 'YAML and Query files may have one');
});

test('over LSP: the finding follows the file on disk (open, then save without the mark); VS Code gets a "Save with Encoding" action', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'elasticache-bom-'));
  const file = join(dir, 'bom.elasticache.json');
  const uri = pathToFileURL(file).href;
  writeFileSync(file, `\uFEFF${json}`);
  const client = new LspClient();
  try {
    await client.initialize({}, { name: 'Visual Studio Code', version: '1.100.0' });
    // The editor's text has no mark, as VS Code gives it.
    await client.open(uri, 'json', json);
    const withMark = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => /byte order mark/.test(d.message)));
    const [d] = withMark.diagnostics;
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const actions = (await within(2000, 'codeAction', client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }))) as CodeAction[];
    const save = actions.find((a) => /Save with Encoding/.test(a.title));
    assert.equal(save?.command?.command, 'workbench.action.editor.changeEncoding', JSON.stringify(actions));

    writeFileSync(file, json);
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0 && client.published.filter((q) => q.uri === uri).length > 1);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('over LSP: a client that is not VS Code gets the finding without a VS Code command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'elasticache-bom-'));
  const file = join(dir, 'bom.elasticache.json');
  const uri = pathToFileURL(file).href;
  writeFileSync(file, `\uFEFF${json}`);
  const client = new LspClient();
  try {
    await client.initialize({}, { name: 'Neovim' });
    await client.open(uri, 'json', json);
    const { diagnostics } = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const actions = (await within(2000, 'codeAction', client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } }))) as CodeAction[];
    assert.ok(!actions.some((a) => a.command), JSON.stringify(actions));
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('over LSP: a save that adds the mark asks the client for the CodeLens again, which then counts the error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'elasticache-bom-'));
  const file = join(dir, 'lens.elasticache.json');
  const uri = pathToFileURL(file).href;
  writeFileSync(file, json);
  const client = new LspClient();
  try {
    await client.initialize({ workspace: { codeLens: { refreshSupport: true } } });
    await client.open(uri, 'json', json);
    const lenses = () => within(5000, 'codeLens', client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })).then((r) => (r ?? []).map((l) => l.command?.title));
    assert.deepEqual(await lenses(), ['Create cluster']);
    await client.diagnostics(uri);
    const before = client.lensRefreshes;
    writeFileSync(file, `\uFEFF${json}`); // Save with Encoding: UTF-8 with BOM (the text is the same)
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const deadline = Date.now() + 5000;
    while (client.lensRefreshes === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(client.lensRefreshes > before, 'the server asked for the lenses again');
    assert.deepEqual(await lenses(), ['Fix 1 error before creating']);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fileStartsWithByteOrderMark: only EF BB BF at the very start; a missing file is false', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'elasticache-bom-'));
  try {
    const cases: [string, Buffer | string, boolean][] = [
      ['bom.json', `\uFEFF${json}`, true],
      ['plain.json', json, false],
      ['short.json', Buffer.from([0xef, 0xbb]), false],
      ['utf16.json', Buffer.from([0xff, 0xfe, 0x7b, 0x00]), false],
      ['empty.json', '', false],
    ];
    for (const [name, content, expected] of cases) {
      writeFileSync(join(dir, name), content);
      assert.equal(await fileStartsWithByteOrderMark(join(dir, name)), expected, name);
    }
    assert.equal(await fileStartsWithByteOrderMark(join(dir, 'missing.json')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
