// Protocol test: in a file with more findings than are listed, the server reports the mistake just typed. It passes
// the places of the recent incremental changes to analyze() as the focus (server.ts focuses, recentEdits.ts).
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
  // VS Code keeps 1000 diagnostics per file, errors first: more, and it would drop the typo's request and the note.
  assert.ok(edited.diagnostics.length <= 1000, `${edited.diagnostics.length} diagnostics`);
  // And among the first 500 sent: VS Code underlines only those (its Problems view sorts them itself).
  assert.ok(edited.diagnostics.indexOf(typo) < 500, `the typo is diagnostic #${edited.diagnostics.indexOf(typo)}`);
  assert.ok(opened.diagnostics.length <= 1000, `${opened.diagnostics.length} diagnostics on open`);
  const note = edited.diagnostics.find((d) => d.code === 'too-many-findings')!;
  assert.match(note.message, /the editor lists at most 1000 per file, so it shows every finding on lines \d+–\d+, around the last edit/);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
});

test('a big file: a mistake typed far down is still listed after edits near the top (the recent edit places are kept)', async () => {
  const uri = 'file:///work/requests/big-two-places.elasticache';
  const text = Array.from({ length: 2000 }, (_, i) => seedBody.replace('CacheClusterId=my-cluster', `CacheClusterId=my-cluster-${i}`)).join('\n###\n') + '\n';
  await client.open(uri, 'elasticache-query', text);
  await client.diagnostics(uri, (p) => p.version === 1, 20_000);
  // A typo in request #1,600 (`Engine=rediss`)…
  const far = positionAt(text, text.indexOf('&Engine=redis', Math.floor(text.length * 0.8)) + '&Engine=redis'.length);
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: far, end: far }, text: 's' }],
  });
  const typed = await client.diagnostics(uri, (p) => p.version === 2, 20_000);
  assert.deepEqual(typed.diagnostics.filter((d) => d.code === 'invalid-engine').map((d) => d.range.start.line), [far.line]);
  // …then, in later didChanges, a word typed near the top character by character (one place), and a line inserted
  // above everything: the far typo's place moves down with its text and is still checked in full.
  const near = positionAt(text, text.indexOf('&Engine=redis', text.length / 100) + '&Engine=redis'.length);
  let version = 2;
  for (const ch of 'xyz') {
    const at = { line: near.line, character: near.character + ('xyz'.indexOf(ch)) };
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: at, end: at }, text: ch }],
    });
  }
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: ++version },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a comment\n' }],
  });
  const edited = await client.diagnostics(uri, (p) => p.version === version, 20_000);
  assert.ok(edited.diagnostics.length <= 1000, `${edited.diagnostics.length} diagnostics`);
  assert.deepEqual(edited.diagnostics.filter((d) => d.code === 'invalid-engine').map((d) => d.range.start.line).sort((a, b) => a - b), [near.line + 1, far.line + 1]);
  const note = edited.diagnostics.find((d) => d.code === 'too-many-findings')!;
  // Three places: the top line, the word typed (its three characters one place), the far typo.
  const named = /every finding on lines 1–\d+, \d+–\d+, (\d+)–(\d+), around the recent edits/.exec(note.message);
  assert.ok(named && Number(named[1]) <= far.line + 2 && Number(named[2]) >= far.line + 2, note.message);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
});

test('a big file: Select All + Paste of the same text with one line changed keeps the far typo listed (the edit is that line)', async () => {
  const uri = 'file:///work/requests/big-paste.elasticache';
  const text = Array.from({ length: 2000 }, (_, i) => seedBody.replace('CacheClusterId=my-cluster', `CacheClusterId=my-cluster-${i}`)).join('\n###\n') + '\n';
  await client.open(uri, 'elasticache-query', text);
  await client.diagnostics(uri, (p) => p.version === 1, 20_000);
  const farOffset = text.indexOf('&Engine=redis', Math.floor(text.length * 0.8)) + '&Engine=redis'.length;
  const far = positionAt(text, farOffset);
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: far, end: far }, text: 's' }] });
  await client.diagnostics(uri, (p) => p.version === 2, 20_000);
  const typed = text.slice(0, farOffset) + 's' + text.slice(farOffset);
  // The whole text replaced by itself with a typo near the top: one change over the whole document, as a paste sends it.
  const nearOffset = typed.indexOf('&Engine=redis', typed.length / 100) + '&Engine=redis'.length;
  const pasted = typed.slice(0, nearOffset) + 'x' + typed.slice(nearOffset);
  const end = positionAt(typed, typed.length);
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end }, text: pasted }] });
  const edited = await client.diagnostics(uri, (p) => p.version === 3, 20_000);
  const lines = edited.diagnostics.filter((d) => d.code === 'invalid-engine').map((d) => d.range.start.line).sort((a, b) => a - b);
  assert.deepEqual(lines, [positionAt(pasted, nearOffset).line, far.line]);
  // The same text pasted over itself changes nothing: both stay listed.
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: positionAt(pasted, pasted.length) }, text: pasted }] });
  const again = await client.diagnostics(uri, (p) => p.version === 4, 20_000);
  assert.deepEqual(again.diagnostics.filter((d) => d.code === 'invalid-engine').map((d) => d.range.start.line).sort((a, b) => a - b), lines);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
});

test('a multi-cursor edit (its changes bottom-first, as VS Code sends them): the mistake typed at each cursor is reported', async () => {
  const uri = 'file:///work/requests/multicursor.elasticache';
  const text = Array.from({ length: 2000 }, (_, i) => seedBody.replace('CacheClusterId=my-cluster', `CacheClusterId=my-cluster-${i}`)).join('\n###\n') + '\n';
  await client.open(uri, 'elasticache-query', text);
  await client.diagnostics(uri, (p) => p.version === 1, 20_000);
  const bottom = positionAt(text, text.lastIndexOf('&Engine=redis') + '&Engine=redis'.length);
  const middle = positionAt(text, text.indexOf('&Engine=redis', Math.floor(text.length / 2)) + '&Engine=redis'.length);
  // Each change applies to the text the previous one left: the bottom edit first, so the middle one's position holds.
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [
      { range: { start: bottom, end: bottom }, text: 's' },
      { range: { start: middle, end: middle }, text: 's' },
    ],
  });
  const edited = await client.diagnostics(uri, (p) => p.version === 2, 20_000);
  const typoLines = edited.diagnostics.filter((d) => d.code === 'invalid-engine').map((d) => d.range.start.line);
  assert.deepEqual(typoLines, [middle.line, bottom.line]);
  const note = edited.diagnostics.find((d) => d.code === 'too-many-findings')!;
  assert.match(note.message, /every finding on lines \d+–\d+, \d+–\d+, around the recent edits/);

  // Then 150 comment lines inserted at the top by the last change of the same didChange: the earlier changes' ranges
  // move down with the text (unmoved by its 30,000 characters, the bottom one's window would end above its request).
  const top = positionAt(text, text.indexOf('&Engine=redis', Math.floor(text.length / 4)) + '&Engine=redis'.length);
  const atBottomTypo = { line: bottom.line, character: bottom.character + 1 };
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 3 },
    contentChanges: [
      { range: { start: atBottomTypo, end: atBottomTypo }, text: 's' },
      { range: { start: top, end: top }, text: 's' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `# ${'x'.repeat(200)}\n`.repeat(150) },
    ],
  });
  const shifted = await client.diagnostics(uri, (p) => p.version === 3, 20_000);
  // The middle typo's place, from the previous didChange, is still one of the recent edits (moved down too).
  assert.deepEqual(shifted.diagnostics.filter((d) => d.code === 'invalid-engine').map((d) => d.range.start.line), [top.line + 150, middle.line + 150, bottom.line + 150]);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
});

test('elasticache/focus (Create refused a request): that request\'s errors are listed in a big file, as after an edit there', async () => {
  const uri = 'file:///work/requests/big-focus.elasticache';
  const text = Array.from({ length: 2000 }, (_, i) => seedBody.replace('CacheClusterId=my-cluster', `CacheClusterId=my-cluster-${i}`)).join('\n###\n') + '\n';
  const start = text.lastIndexOf('https://');
  const lastRequestLine = positionAt(text, start).line;
  const inLastRequest = (d: { range: { start: Position }; code?: unknown }) => d.range.start.line >= lastRequestLine && d.code !== 'too-many-findings';
  await client.open(uri, 'elasticache-query', text);
  const opened = await client.diagnostics(uri, (p) => p.version === 1, 20_000);
  assert.deepEqual(opened.diagnostics.filter(inLastRequest), [], 'on open the last request is past the budget');
  // Ignored: no such document, an offset outside the text.
  await client.connection.sendNotification('elasticache/focus', { uri: 'file:///nowhere.elasticache', offset: 0 });
  await client.connection.sendNotification('elasticache/focus', { uri, offset: text.length + 1 });
  await client.connection.sendNotification('elasticache/focus', { uri, offset: start });
  const focused = await client.diagnostics(uri, (p) => p.version === 1 && p.diagnostics.some(inLastRequest), 20_000);
  assert.equal(focused.diagnostics.filter(inLastRequest).length, 11);
  assert.ok(focused.diagnostics.length <= 1000);
  // No edit made this focus: the note names the request Create refused.
  const note = focused.diagnostics.find((d) => d.code === 'too-many-findings')!;
  assert.match(note.message, /shows every finding on lines \d+–\d+, around the request Create refused \(/);
  assert.ok(!/last edit/.test(note.message), note.message);
  // Then an edit near the top: the refused request stays in the focus, one of the recent places.
  const top = positionAt(text, text.indexOf('&Engine=redis') + '&Engine=redis'.length);
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: top, end: top }, text: 's' }],
  });
  const edited = await client.diagnostics(uri, (p) => p.version === 2, 20_000);
  assert.equal(edited.diagnostics.filter(inLastRequest).length, 11);
  assert.match(edited.diagnostics.find((d) => d.code === 'too-many-findings')!.message, /every finding on lines \d+–\d+, \d+–\d+, around the recent edits \(/);
  // Refused again: the newest place is that request, and the note names the edits too.
  await client.connection.sendNotification('elasticache/focus', { uri, offset: start + 1 });
  const again = await client.diagnostics(uri, (p) => p.version === 2 && /Create refused/.test(p.diagnostics.find((d) => d.code === 'too-many-findings')?.message ?? ''), 20_000);
  assert.match(again.diagnostics.find((d) => d.code === 'too-many-findings')!.message, /around the request Create refused and the recent edits \(/);
  await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
});
