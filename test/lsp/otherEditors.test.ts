// The server from another editor's side (Neovim, Helix): no VS Code command in a CodeLens it cannot run, plain text
// where the client takes only that, the `elasticache` filetype the README gives them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionRequest, HoverRequest, type CompletionItem, type CompletionList, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { markdownToPlainText } from '../../server/src/service/text';
import { LspClient, within } from './lspClient';

const text = 'https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro';

test('a client without the extension\'s initialization options gets no CodeLens (its command is the VS Code extension\'s); the extension\'s does', async () => {
  for (const [options, lens] of [[null, false], [{ createFromRequestLens: true }, true]] as const) {
    const client = new LspClient();
    try {
      await client.initialize({}, { name: 'Neovim' }, options);
      assert.equal(client.capabilities!.codeLensProvider !== undefined, lens, JSON.stringify(options));
    } finally {
      await client.shutdown();
    }
  }
});

test('plain-text clients get hover and completion documentation without Markdown; the `elasticache` language id is served', async () => {
  const client = new LspClient();
  try {
    await client.initialize({ textDocument: { hover: { contentFormat: ['plaintext'] }, completion: { completionItem: { documentationFormat: ['plaintext'] } } } }, { name: 'Neovim' }, null);
    const uri = 'file:///tmp/scratch.req'; // no .elasticache name: the filetype decides
    await client.open(uri, 'elasticache', `${text}&Foo=1&`);
    const { diagnostics } = await client.diagnostics(uri);
    assert.ok(diagnostics.length > 0, 'served by language id');
    const hover = await within(2000, 'hover', client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: text.indexOf('CacheNodeType') + 2 } }));
    const contents = hover!.contents as MarkupContent;
    assert.equal(contents.kind, 'plaintext');
    assert.doesNotMatch(contents.value, /\*\*|`|\]\(/);
    assert.match(contents.value, /CacheNodeType/);
    const result = await within(2000, 'completion', client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: text.length + '&Foo=1&'.length } }));
    const items = (Array.isArray(result) ? result : (result as CompletionList).items) as CompletionItem[];
    const documented = items.filter((i) => i.documentation);
    assert.ok(documented.length > 0);
    for (const i of documented) assert.equal((i.documentation as MarkupContent).kind, 'plaintext');
  } finally {
    await client.shutdown();
  }
});

test('markdownToPlainText: links keep their address, marks and escapes go', () => {
  assert.equal(markdownToPlainText('**Engine** `string` · ~~redis3.2~~ ([API reference](https://docs.aws.amazon.com/x))\n> a note \\- escaped'), 'Engine string · redis3.2 (API reference (https://docs.aws.amazon.com/x))\na note - escaped');
});
