// Malformed messages from a client: a request without `textDocument` is answered InvalidParams (it was an internal
// error, -32603, thrown before the handler's guard), and a didOpen whose text is not a string is ignored with one
// clear log line (it logged a TypeError), the server going on serving other documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCodes, HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspClient, within } from './lspClient';

test('requests without textDocument are answered InvalidParams; a didOpen with a text that is not a string is ignored', async () => {
  const client = new LspClient();
  try {
    await client.initialize();
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/codeAction', 'textDocument/codeLens']) {
      const code = await within(5000, method, client.connection.sendRequest(method, { position: { line: 0, character: 0 } }).then(() => 'result', (e: { code?: number }) => e.code));
      assert.equal(code, ErrorCodes.InvalidParams, method);
    }
    const bad = 'file:///work/requests/bad.elasticache';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'elasticache-query', version: 1, text: 42 } });
    // Clean case: a well-formed document opened after it is checked and served.
    const good = 'file:///work/requests/good.elasticache';
    await client.open(good, 'elasticache-query', '?Action=CreateCacheCluster&Engine=redis');
    await client.diagnostics(good);
    const hover = await within(5000, 'hover', client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: good }, position: { line: 0, character: 30 } }));
    assert.match(JSON.stringify(hover), /Engine/);
    assert.equal(await within(5000, 'hover', client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: bad }, position: { line: 0, character: 0 } })), null);
    assert.ok(!client.published.some((p) => p.uri === bad), 'no diagnostics for the ignored document');
    const logs = [...client.logs, ...client.stderr].join('\n');
    assert.match(logs, /ignored the opening of file:\/\/\/work\/requests\/bad\.elasticache: its text is number, not a string/);
    assert.doesNotMatch(logs, /TypeError/);
  } finally {
    await client.shutdown();
  }
});
