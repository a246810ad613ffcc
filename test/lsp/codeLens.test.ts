// The "Create cluster" CodeLens comes from the language server (the real `node dist/server.js --stdio`): one lens
// per CreateCacheCluster request, with the client command and the arguments it accepts ({ uri, offset }).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver-protocol/node';
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
