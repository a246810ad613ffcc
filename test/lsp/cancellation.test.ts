// Cancellation over the real protocol: a request cancelled before the server gets to it is answered with
// RequestCancelled (-32800) instead of a result. Raw framing here so that the request and its $/cancelRequest
// reach the server in the same write, which makes the test deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource, CodeActionResolveRequest, LSPErrorCodes, StreamMessageReader, type Message, type ResponseMessage } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, LspClient, serverPath, within } from './lspClient';

const frame = (message: object) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
};

test('a cancelled completion is answered with RequestCancelled; the next request still gets its result', async () => {
  ensureBuilt();
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const responses = new Map<number, (r: ResponseMessage) => void>();
    const response = (id: number) => within(5000, `response ${id}`, new Promise<ResponseMessage>((resolve) => responses.set(id, resolve)));
    const reader = new StreamMessageReader(child.stdout);
    reader.listen((m: Message) => {
      const r = m as ResponseMessage;
      if (typeof r.id === 'number' && ('result' in r || 'error' in r)) responses.get(r.id)?.(r);
    });
    const uri = 'file:///work/requests/seed.elasticache';
    const text = readFileSync(join(__dirname, 'fixtures', 'seed.elasticache'), 'utf8');
    const initialized = response(1);
    child.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } }));
    await initialized;
    child.stdin.write(Buffer.concat([
      frame({ method: 'initialized', params: {} }),
      frame({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'elasticache-query', version: 1, text } } }),
    ]));
    const position = { line: 8, character: 12 }; // after `&Engine=`
    const cancelled = response(2);
    const answered = response(3);
    child.stdin.write(Buffer.concat([
      frame({ id: 2, method: 'textDocument/completion', params: { textDocument: { uri }, position } }),
      frame({ method: '$/cancelRequest', params: { id: 2 } }),
      frame({ id: 3, method: 'textDocument/hover', params: { textDocument: { uri }, position } }),
    ]));
    const r2 = await cancelled;
    assert.equal(r2.error?.code, -32800, JSON.stringify(r2));
    const r3 = await answered;
    assert.equal(r3.error, undefined);
    assert.match(JSON.stringify(r3.result), /Engine/);
    const shutdown = response(4);
    child.stdin.write(frame({ id: 4, method: 'shutdown' }));
    await shutdown;
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.write(frame({ method: 'exit' }));
    assert.equal(await within(5000, 'exit', exited), 0);
    reader.dispose();
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

test('a fix all cancelled while it runs is answered with RequestCancelled well before it would finish', async () => {
  const client = new LspClient();
  try {
    await client.initialize({ textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } }, workspace: { workspaceEdit: { documentChanges: true } } });
    // 25,000 duplicate parameters (100 KB): each round of fix all fixes at most MAX_FINDINGS of them, so it runs
    // all its rounds, each analysing the whole text.
    const uri = 'file:///work/requests/many-duplicates.elasticache';
    await client.open(uri, 'elasticache-query', '?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro' + '&a=1'.repeat(25_000));
    await client.diagnostics(uri, () => true, 30_000);
    const action = { title: 'Fix all', kind: 'source.fixAll.elasticache', data: { fixAll: uri } };
    // Clean case: not cancelled, it answers with the edit.
    let t0 = performance.now();
    const whole = await within(60_000, 'fix all', client.connection.sendRequest(CodeActionResolveRequest.type, action));
    const full = performance.now() - t0;
    assert.ok(whole.edit?.documentChanges?.length, JSON.stringify(whole).slice(0, 300));
    const source = new CancellationTokenSource();
    t0 = performance.now();
    const answer = client.connection.sendRequest(CodeActionResolveRequest.type, action, source.token).then(
      () => 'result',
      (e: { code?: number }) => e.code,
    );
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, full / 5)));
    source.cancel();
    assert.equal(await within(60_000, 'cancelled fix all', answer), LSPErrorCodes.RequestCancelled);
    const cancelledAfter = performance.now() - t0;
    assert.ok(cancelledAfter < full / 2, `cancelled after ${cancelledAfter.toFixed(0)} ms; a whole fix all takes ${full.toFixed(0)} ms`);
  } finally {
    await client.shutdown();
  }
});
