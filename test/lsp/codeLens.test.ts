// The "Create cluster" CodeLens comes from the language server (the real `node dist/server.js --stdio`): one lens
// per create request (CreateCacheCluster, CreateReplicationGroup), with the client command and the arguments it accepts ({ uri, offset }).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CodeLensRequest, CodeLensResolveRequest, type CodeLens } from 'vscode-languageserver-protocol/node';
import { LspClient, root, serverPath, within } from './lspClient';

/** Newest modification time under `dir` (the server's sources), to rebuild a stale dist/server.js. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

let client: LspClient;

before(async () => {
  let built = 0;
  try {
    built = statSync(serverPath).mtimeMs;
  } catch {
    // not built yet
  }
  if (built < newest(join(root, 'server', 'src'))) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'ignore' });
  client = new LspClient();
  await client.initialize();
});

after(async () => {
  assert.equal(await client.shutdown(), 0);
});

const lenses = (uri: string) =>
  within(5000, 'codeLens', client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })).then((r) => r ?? []);

const query = `# two creates and a describe
https://elasticache.us-west-2.amazonaws.com/
    ?Action=CreateCacheCluster
    &Version=2015-02-02
    &CacheClusterId=lens-one
    &Engine=redis
    &CacheNodeType=cache.t3.micro
    &NumCacheNodes=1

###
https://elasticache.us-west-2.amazonaws.com/?Action=DescribeCacheClusters&Version=2015-02-02

###
https://elasticache.us-west-2.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=lens-two&Engine=memcached&CacheNodeType=cache.t3.micro&NumCacheNodes=2
`;

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

test('query file: one "Create cluster" lens per CreateCacheCluster request, above its URL line, with { uri, offset }', async () => {
  const uri = 'file:///work/requests/lens.elasticache';
  await client.open(uri, 'elasticache-query', query);
  const got: CodeLens[] = await lenses(uri);
  assert.equal(got.length, 2, JSON.stringify(got));
  const first = query.indexOf('CreateCacheCluster');
  const second = query.lastIndexOf('CreateCacheCluster');
  for (const [lens, offset] of [
    [got[0]!, first],
    [got[1]!, second],
  ] as const) {
    assert.equal(lens.command?.title, 'Create cluster');
    assert.equal(lens.command?.command, 'elasticache.createFromRequest');
    assert.deepEqual(lens.command?.arguments, [{ uri, offset }]);
    // The request's first line: for the first request the host line, not its `?Action=` continuation line.
    assert.equal(lens.range.start.line, lineOf(query, query.lastIndexOf('https://', offset)));
  }
  assert.equal(got[0]!.range.start.line, 1);
});

test('a CreateReplicationGroup request gets a "Create replication group" lens; other actions get none', async () => {
  const uri = 'file:///work/requests/lens-group.elasticache';
  const text = `https://elasticache.us-west-2.amazonaws.com/?Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=lens-group&ReplicationGroupDescription=orders&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheClusters=2

###
https://elasticache.us-west-2.amazonaws.com/?Action=DescribeReplicationGroups&Version=2015-02-02
`;
  await client.open(uri, 'elasticache-query', text);
  const got = await lenses(uri);
  assert.equal(got.length, 1, JSON.stringify(got));
  assert.equal(got[0]!.command?.title, 'Create replication group');
  assert.deepEqual(got[0]!.command?.arguments, [{ uri, offset: text.indexOf('CreateReplicationGroup') }]);
});

test('the seed example (with errors) gets a lens that says to fix them first; JSON and YAML request files get one lens', async () => {
  const seedUri = 'file:///work/requests/lens-seed.elasticache';
  await client.open(seedUri, 'elasticache-query', readFileSync(join(__dirname, 'fixtures', 'seed.elasticache'), 'utf8'));
  const [seedLens, ...more] = await lenses(seedUri);
  assert.equal(more.length, 0);
  assert.match(seedLens!.command?.title ?? '', /^Fix \d+ errors? before creating$/);
  assert.equal(seedLens!.command?.command, 'elasticache.createFromRequest');

  const jsonUri = 'file:///work/requests/lens.elasticache.json';
  await client.open(jsonUri, 'json', JSON.stringify({ CacheClusterId: 'lens-json', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }, null, 2));
  const json = await lenses(jsonUri);
  assert.equal(json.length, 1);
  assert.equal(json[0]!.command?.title, 'Create cluster');
  assert.deepEqual(json[0]!.command?.arguments, [{ uri: jsonUri, offset: 0 }]);

  const yamlUri = 'file:///work/requests/lens.elasticache.yaml';
  await client.open(yamlUri, 'yaml', 'CacheClusterId: lens-yaml\nEngine: memcached\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\n');
  assert.equal((await lenses(yamlUri)).length, 1);

  const other = 'file:///work/package.json';
  await client.open(other, 'json', '{}');
  assert.deepEqual(await lenses(other), [], 'documents the server does not serve have no lenses');
});

const skeleton = '{\n    "CacheClusterId": "my-cluster",\n    "Engine": "memcached",\n    "CacheNodeType": "cache.t4g.micro",\n    "NumCacheNodes": 1\n}\n';

test('the lens counts the errors the Problems panel lists: a lens request pushes that version\'s diagnostics first', async () => {
  // An empty request file, the lens asked at once (before the diagnostics debounce has run).
  const uri = 'file:///work/requests/lens-empty.elasticache.json';
  await client.open(uri, 'json', '');
  const [lens] = await lenses(uri);
  assert.equal(lens!.command?.title, 'Fix 1 error before creating');
  const pushed = client.published.filter((p) => p.uri === uri);
  assert.deepEqual(pushed.map((p) => [p.version, p.diagnostics.length]), [[1, 1]], 'the error the lens counts is already in the Problems panel');
  assert.equal(pushed[0]!.diagnostics[0]!.severity, 1);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(client.published.filter((p) => p.uri === uri).length, 1, 'the debounced push did not come again for the same version');
  assert.equal(client.lensRefreshes, 0, 'a client without refreshSupport is never asked to refresh');
});

test('after the skeleton is inserted, the diagnostics push asks the client to refresh the lens, which then agrees', async () => {
  const other = new LspClient();
  try {
    await other.initialize({ workspace: { codeLens: { refreshSupport: true } } });
    const uri = 'file:///work/requests/lens-skeleton.elasticache.json';
    const lensesOf = () => within(5000, 'codeLens', other.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })).then((r) => r ?? []);
    await other.open(uri, 'json', '');
    assert.equal((await lensesOf())[0]!.command?.title, 'Fix 1 error before creating');
    assert.equal(other.lensRefreshes, 0, 'the lens and the diagnostics already agree');

    // The skeleton goes in; the client does not ask for lenses again by itself (VS Code may keep the old one).
    await other.change(uri, 2, skeleton);
    const pushed = await other.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(pushed.diagnostics, [], 'no problems in the skeleton');
    const deadline = Date.now() + 5000;
    while (other.lensRefreshes === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(other.lensRefreshes, 1, 'the server asked the client to compute the lens again');
    const [lens] = await lensesOf();
    assert.equal(lens!.command?.title, 'Create cluster', 'the refreshed lens says what the Problems panel says');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(other.lensRefreshes, 1, 'one refresh: the lens now matches the pushed version');

    // A lens asked at once after an edit (before the debounce) is this version's: its push asks for no refresh.
    await other.change(uri, 3, skeleton.replace('my-cluster', 'my-cluster-2'));
    assert.equal((await lensesOf())[0]!.command?.title, 'Create cluster');
    await other.diagnostics(uri, (p) => p.version === 3);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(other.lensRefreshes, 1, 'no refresh for the version whose lens was just served');
  } finally {
    assert.equal(await other.shutdown(), 0);
  }
});

test('an unsaved (untitled) document named *.elasticache.json is checked and gets its lens; an untitled JSON without that name is not', async () => {
  // "Open as Request File" opens such a document: nothing written until the user saves it.
  const uri = 'untitled:/work/requests/web-copy.elasticache.json';
  const text = JSON.stringify({ CacheClusterId: 'web-copy', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNode: 1 }, null, 2);
  await client.open(uri, 'json', text);
  const { diagnostics } = await client.diagnostics(uri);
  assert.ok(diagnostics.some((d) => d.code === 'unknown-parameter' && /NumCacheNodes/.test(d.message)), JSON.stringify(diagnostics));
  const fixed = text.replace('NumCacheNode"', 'NumCacheNodes"');
  await client.change(uri, 2, fixed);
  assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 2)).diagnostics, []);
  const [lens, ...more] = await lenses(uri);
  assert.equal(more.length, 0);
  assert.equal(lens!.command?.title, 'Create cluster');
  assert.deepEqual(lens!.command?.arguments, [{ uri, offset: 0 }]);

  const plain = 'untitled:Untitled-1';
  await client.open(plain, 'json', text);
  assert.deepEqual(await lenses(plain), [], 'not a request file by its name');
});

test('a big file past the findings budget: a request\'s lens counts its own errors when resolved, not the listed ones', async () => {
  const uri = 'file:///work/requests/lens-big.elasticache';
  const seedBody = readFileSync(join(__dirname, 'fixtures', 'seed.elasticache'), 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('\n').trim();
  const valid = 'https://elasticache.us-west-2.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=lens-last&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1';
  // 2,000 copies of the seed (4 errors each), then a request without errors: the 1000 listed are the first requests'.
  const text = `${Array.from({ length: 2000 }, () => seedBody).join('\n###\n')}\n###\n${valid}\n`;
  await client.open(uri, 'elasticache-query', text);
  const got = await lenses(uri);
  assert.equal(got.length, 2001);
  const resolve = (lens: CodeLens) => within(5000, 'codeLens/resolve', client.connection.sendRequest(CodeLensResolveRequest.type, lens));
  // Request #1,999 has errors none of which is listed: its lens says so once resolved (it said "Create cluster").
  const past = got[1998]!;
  assert.equal(past.command, undefined, 'counted when resolved, for the lenses on screen');
  const resolved = await resolve(past);
  assert.equal(resolved.command?.title, 'Fix 4 errors before creating');
  const actions = [...text.matchAll(/CreateCacheCluster/g)].map((m) => m.index);
  assert.deepEqual(resolved.command?.arguments, [{ uri, offset: actions[1998] }]);
  assert.equal((await resolve(got[0]!)).command?.title, 'Fix 4 errors before creating');
  // Clean case: the last request has no error.
  const last = await resolve(got[2000]!);
  assert.equal(last.command?.title, 'Create cluster');
  assert.deepEqual(last.command?.arguments, [{ uri, offset: text.lastIndexOf('CreateCacheCluster') }]);
});

test('a JSON or YAML request file past the findings budget: its lens counts the file\'s errors when resolved, "at least" past the count', async () => {
  const resolve = (lens: CodeLens) => within(5000, 'codeLens/resolve', client.connection.sendRequest(CodeLensResolveRequest.type, lens));
  const request = (ids: string) => `{\n  "CacheClusterId": "lens-big",\n  "Engine": "redis",\n  "CacheNodeType": "cache.t3.micro",\n  "NumCacheNodes": 1,\n  "SecurityGroupIds": [${ids}]\n}\n`;
  // 1,500 errors (a number where a security group id belongs): the editor lists 999 and the note.
  const uri = 'file:///work/requests/lens-big.elasticache.json';
  await client.open(uri, 'json', request(Array.from({ length: 1500 }, (_, i) => `${i}`).join(', ')));
  const [big] = await lenses(uri);
  assert.equal(big!.command, undefined, 'counted when resolved');
  const resolved = await resolve(big!);
  assert.equal(resolved.command?.title, 'Fix at least 1000 errors before creating');
  assert.deepEqual(resolved.command?.arguments, [{ uri, offset: 0 }]);
  // YAML alike.
  const yamlUri = 'file:///work/requests/lens-big.elasticache.yaml';
  await client.open(yamlUri, 'yaml', `CacheClusterId: lens-big\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nSecurityGroupIds:\n${Array.from({ length: 1500 }, (_, i) => `  - ${i}\n`).join('')}`);
  assert.equal((await resolve((await lenses(yamlUri))[0]!)).command?.title, 'Fix at least 1000 errors before creating');
  // Clean cases: 1,500 warnings (security group ids that are not sg-…) and no error; a few errors, counted at once.
  const warnings = 'file:///work/requests/lens-warnings.elasticache.json';
  await client.open(warnings, 'json', request(Array.from({ length: 1500 }, (_, i) => `"g${i}"`).join(', ')));
  const [warned] = await lenses(warnings);
  assert.equal((warned!.command ?? (await resolve(warned!)).command)?.title, 'Create cluster');
  const few = 'file:///work/requests/lens-few.elasticache.json';
  await client.open(few, 'json', request('1, 2, 3'));
  assert.equal((await lenses(few))[0]!.command?.title, 'Fix 3 errors before creating');
});
