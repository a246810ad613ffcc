// Protocol test: in a file with more findings than are listed, the server reports the mistake just typed. It passes
// the range of the last incremental change to analyze() as the focus (server.ts, lastEdits).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, type Position } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

const seed = readFileSync(join(__dirname, 'fixtures', 'seed.elasticache'), 'utf8');
const seedBody = seed.split('\n').filter((l) => !l.startsWith('#')).join('\n').trim();

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

let client: LspClient;

before(async () => {
  client = new LspClient();
  await client.initialize();
});

after(async () => {
  assert.equal(await client.shutdown(), 0);
});

test('a big file: typing a mistake in its last request gets a diagnostic at the edit, beyond the findings budget', async () => {
  const uri = 'file:///work/requests/big.elasticache';
  // 2,000 copies of the seed request (11 findings each): the budget of 1,000 per severity is spent long before the end.
  const text = Array.from({ length: 2000 }, (_, i) => seedBody.replace('CacheClusterId=my-cluster', `CacheClusterId=my-cluster-${i}`)).join('\n###\n') + '\n';
  const lastRequestLine = positionAt(text, text.lastIndexOf('https://')).line;
  await client.open(uri, 'elasticache-query', text);
  const opened = await client.diagnostics(uri, (p) => p.version === 1, 20_000);
  assert.ok(opened.diagnostics.some((d) => d.code === 'too-many-findings'));
  assert.deepEqual(opened.diagnostics.filter((d) => d.range.start.line >= lastRequestLine && d.code !== 'too-many-findings'), [], 'on open (no edit yet) the last request is past the budget');

  // Type an `s` after the last `Engine=redis`: one incremental change, as an editor sends it.
  const at = positionAt(text, text.lastIndexOf('&Engine=redis') + '&Engine=redis'.length);
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: at, end: at }, text: 's' }],
  });
  const edited = await client.diagnostics(uri, (p) => p.version === 2, 20_000);
  const typo = edited.diagnostics.find((d) => d.code === 'invalid-engine');
  assert.ok(typo, 'the mistake just typed is reported');
  assert.deepEqual(typo.range, { start: { line: at.line, character: at.character - 'redis'.length }, end: { line: at.line, character: at.character + 1 } });
  // The rest of that request's findings are listed too (11, less the one the typo replaced, plus invalid-engine).
  const lastRequest = edited.diagnostics.filter((d) => d.range.start.line >= lastRequestLine && d.code !== 'too-many-findings');
  assert.equal(lastRequest.length, 11, JSON.stringify(lastRequest.map((d) => d.code)));
  const note = edited.diagnostics.find((d) => d.code === 'too-many-findings')!;
  assert.match(note.message, /every finding on lines \d+–\d+, around the last edit/);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
});
