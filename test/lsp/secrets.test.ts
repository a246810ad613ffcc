// Protocol test: documents whose secrets (marked ZQX) take the shapes a secret leaked through (an AuthToken cut by an
// unencoded '&', a pasted header, a name that goes on with its value, a near miss, YAML errors and aliases on a secret's
// line, an access key ID): nothing the server sends (diagnostics, outline, hovers, code actions, logs) shows them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionRequest, DocumentSymbolRequest, HoverRequest, type Position } from 'vscode-languageserver-protocol/node';
import { LspClient, within } from './lspClient';

const CREATE = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=c1&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1';
const DOCUMENTS: [name: string, languageId: string, text: string][] = [
  ['split.elasticache', 'elasticache-query', `${CREATE}&AuthToken=ZQXpart1abcdefgh&ZQXpart2=ZQXpart3xyz\n${CREATE}\n  &AuthToken=ZQXmlA1234567890&ZQXmlB<>!\n`],
  ['header.elasticache', 'elasticache-query', 'Action=DescribeCacheClusters&Version=2015-02-02\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIAZQX0123456789/20260101/us-east-1/elasticache/aws4_request, Signature=ZQXsig00ff\nX-Amz-Security-Token: ZQXL38headerSess\n'],
  ['names.elasticache', 'elasticache-query', `${CREATE}&AuthToken:ZQXcolon0123456789&AuthToken%3DZQXP42=x&AuthTokn=ZQXnear0123456789&X-Amz-Credential=AKIAZQXABCDEFGHIJK%2F20260101%2Fus-east-1%2Felasticache%2Faws4_request\n`],
  ['token.elasticache.yaml', 'yaml', 'CacheClusterId: c1\nAuthToken: !ZQXbang0123456789\n'],
  ['alias.elasticache.yaml', 'yaml', 'CacheClusterId: c1\nAuthToken: &tok ZQXalias0123456789\nCacheNodeType: *tok\nPasswrds:\n  - ZQXnear0123456789\n'],
  // A secret's value anchored under another member: shown nowhere, neither where it is written nor at the alias.
  ['anchored.elasticache.yaml', 'yaml', 'CacheClusterId: &tok ZQXanchored0123456789\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nAuthToken: *tok\nReplicationGroupId: *tok\n'],
  ['near.elasticache.json', 'json', '{"CacheClusterId": "c1", "Auth Token": "ZQXnear0123456789", "AuthTokn": "ZQXnear0123456789"}'],
];

let client: LspClient;

before(async () => {
  client = new LspClient();
  await client.initialize({ textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } });
});

after(async () => {
  assert.equal(await client.shutdown(), 0);
});

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

test('no secret reaches the editor: diagnostics, outline, hover, code actions and logs', async () => {
  for (const [name, languageId, text] of DOCUMENTS) {
    const uri = `file:///work/requests/${name}`;
    await client.open(uri, languageId, text);
    const { diagnostics } = await client.diagnostics(uri);
    assert.ok(diagnostics.length > 0, name);
    const symbols = await within(2000, 'documentSymbol', client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }));
    const end = positionAt(text, text.length);
    const actions = await within(2000, 'codeAction', client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics } }));
    const hovers = [];
    for (let offset = 0; offset < text.length; offset += 3) hovers.push(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionAt(text, offset) }));
    const shown = JSON.stringify({ diagnostics: diagnostics.map((d) => ({ message: d.message, code: d.code, codeDescription: d.codeDescription })), symbols, actions: actions?.map((a) => a.title), hovers });
    assert.doesNotMatch(shown, /zqx/i, name);
    // A value under a tag the AWS CLI cannot construct is no value (yaml-syntax says so): nothing to mask there.
    if (name !== 'token.elasticache.yaml') assert.ok(JSON.stringify(symbols).includes('••••••'), `${name}: the outline masks the secret`);
  }
  assert.doesNotMatch(client.logs.join('\n') + client.stderr.join(''), /zqx/i);
});

test("a secret's special characters are named nowhere: not in the findings on them, nor in their fixes' titles", async () => {
  // Pieces of an AuthToken cut at an unencoded '&' (read as parameters of their own, then known as the token's), and
  // a secret's own value: '<', '>', '+', '=' in them, which the findings on an ordinary value name with their escapes.
  const text = `${CREATE}&AuthToken=ZQXpart1abcdefgh&ZQXp<a>rt2=ZQX<b>c+d=e\n${CREATE}&AuthToken=ZQXabcdefghijklmnop+x=y<z\n`;
  const uri = 'file:///work/requests/characters.elasticache';
  await client.open(uri, 'elasticache-query', text);
  const { diagnostics } = await client.diagnostics(uri);
  const onSecrets = diagnostics.filter((d) => d.code === 'query-unencoded-character');
  assert.equal(onSecrets.length, 9, JSON.stringify(diagnostics));
  const end = positionAt(text, text.length);
  const actions = await within(2000, 'codeAction', client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: onSecrets } }));
  const shown = JSON.stringify({ messages: onSecrets.map((d) => d.message), actions: actions?.map((a) => a.title) });
  assert.doesNotMatch(shown, /[<>+=]|%3C|%3E|%2B|%3D/i, shown);
  // Clean: the same characters in an ordinary value are named, with their escapes.
  const plain = `${CREATE}&PreferredAvailabilityZone=a<b+c=d\n`;
  const plainUri = 'file:///work/requests/characters-plain.elasticache';
  await client.open(plainUri, 'elasticache-query', plain);
  const named = (await client.diagnostics(plainUri)).diagnostics.filter((d) => d.code === 'query-unencoded-character').map((d) => d.message).join('\n');
  assert.match(named, /'<'.*%3C/);
  assert.match(named, /'\+'/);
  assert.match(named, /'='/);
});
