// A credential source that hangs (a credential_process that sleeps: a real slow source, with the time limit made
// small through its parameter) fails after the limit with a message naming the profile and its source, and holds
// neither Local nor the other connections of the explorer, which show a loading row, then the failure.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CreateCacheClusterCommand, DescribeCacheClustersCommand, type ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { type Connection, awsConnection, checkCredentials, createClient } from '../../client/src/connections';
import { type ClusterItem, type ExplorerItem, ExplorerModel, type MessageItem, messageRow } from '../../client/src/explorerModel';
import { localClientForFile, until, withEmptyAwsFiles } from './helpers';

const fixture = localClientForFile();

/** Seconds the slow profile's credential_process sleeps: far longer than the limits the tests set. */
const SLEEP_S = 4;
/** The limits the explorer tests set: the credentials time limit, and the wait before a loading row. */
const LIMIT_MS = 2000;
const LOADING_ROW_AFTER_MS = 700;

/** Shared files with `slow` (a credential_process that sleeps) and `keys` (static keys, answering at once). */
function writeProfiles(dir: string): void {
  const sleeper = `"${process.execPath}" -e "setTimeout(() => {}, ${SLEEP_S * 1000})"`;
  fs.writeFileSync(path.join(dir, 'config'), `[profile slow]\nregion = us-east-1\ncredential_process = ${sleeper}\n`);
  fs.writeFileSync(path.join(dir, 'credentials'), '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
}

/** An AWS connection whose calls go to the Local endpoint (standing in for AWS). */
const onLocal = (profile: string): Connection => awsConnection(profile, 'us-east-1', fixture.local.endpoint.url);

function modelFor(connections: () => Connection[], changes: (ExplorerItem | undefined)[], credentialsTimeoutMs: number, loadingRowAfterMs?: number): { model: ExplorerModel; clients: Promise<ElastiCacheClient>[] } {
  const clients: Promise<ElastiCacheClient>[] = [];
  const model = new ExplorerModel({
    connections: async () => connections(),
    client: (c) => {
      const made = createClient(c, fixture.log, { credentialsTimeoutMs });
      clients.push(made);
      return made;
    },
    onDidChange: (item) => changes.push(item),
    loadingRowAfterMs,
  });
  return { model, clients };
}

test('credentials that take longer than the limit fail readably, naming the profile and its credential_process', withEmptyAwsFiles(async (dir) => {
  writeProfiles(dir);
  const started = Date.now();
  const failure = await checkCredentials(onLocal('slow'), 300);
  const took = Date.now() - started;
  assert.ok(took < SLEEP_S * 1000 - 500, `failed after the limit, not after the source: ${took} ms`);
  assert.equal(failure?.kind, 'credentialsTimeout');
  assert.equal(failure?.message, 'Timed out getting credentials for profile slow (credential_process), no answer in 300 ms: check that its command answers when run in a terminal, or choose another profile.');
  assert.equal(failure?.action, 'configure');
  assert.doesNotMatch(failure?.message ?? '', /setTimeout|node/, 'the command itself is not shown');
  assert.equal(await checkCredentials(onLocal('keys'), 300), undefined, 'a quick source is within the limit');
}));

test('a slow connection holds neither Local nor the others: a loading row at once, then its failure', withEmptyAwsFiles(async (dir) => {
  writeProfiles(dir);
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'slow-peer', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
  const changes: (ExplorerItem | undefined)[] = [];
  const { model, clients } = modelFor(() => [fixture.connection, onLocal('slow'), onLocal('keys')], changes, LIMIT_MS, LOADING_ROW_AFTER_MS);
  const [local, slow, keys] = await model.roots();

  const started = Date.now();
  const [localChildren, slowChildren, keysChildren] = await Promise.all([model.children(local), model.children(slow), model.children(keys)]);
  assert.ok(Date.now() - started < LIMIT_MS, `answered before the credentials limit: ${Date.now() - started} ms`);
  assert.ok(localChildren.some((c) => c.type === 'cluster' && c.cluster.CacheClusterId === 'slow-peer'), 'Local lists its clusters');
  assert.ok(keysChildren.some((c) => c.type === 'cluster'), 'a connection with quick credentials lists its clusters');
  const [loading] = slowChildren as MessageItem[];
  assert.equal(slowChildren.length, 1);
  assert.equal(loading!.loading, true, 'the slow connection shows a loading row');
  assert.equal(loading!.failure, undefined);

  // A create on Local meanwhile shows up in the tree (and is not held by the slow listing either).
  await fixture.client.send(new CreateCacheClusterCommand({ CacheClusterId: 'slow-new', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }));
  const tracked = await model.track(fixture.connection, 'slow-new');
  assert.equal(tracked?.id, 'local/slow-new');

  // Once the limit is reached the view is told, and the row says why.
  await until('the slow connection is reported changed', async () => changes.includes(slow) || undefined, 10_000, 50);
  const [row] = (await model.children(slow)) as MessageItem[];
  assert.equal(row!.failure?.kind, 'credentialsTimeout');
  assert.equal(messageRow(row!).label, 'AWS credentials timed out');
  assert.match(messageRow(row!).description ?? '', /^Profile slow \(credential_process\), no answer in 2 s: check that its command answers/);
  assert.equal(row!.action?.command, 'elasticache.configureProfile');
  const logged = fixture.log.lines.find((l) => l.startsWith('error DescribeCacheClusters slow us-east-1'));
  assert.match(logged ?? '', /^error DescribeCacheClusters slow us-east-1 \d+ms failed CredentialsTimeoutError /);
  assert.ok(Number(/ (\d+)ms /.exec(logged!)![1]) < SLEEP_S * 1000, `one attempt, failed at the limit: ${logged}`);
  for (const c of clients) (await c).destroy();
}));

test('another profile replaces the previous profile\'s rows at once with a loading row, never its clusters', withEmptyAwsFiles(async (dir) => {
  writeProfiles(dir);
  const changes: (ExplorerItem | undefined)[] = [];
  let profile = 'keys';
  const { model, clients } = modelFor(() => [fixture.connection, onLocal(profile)], changes, LIMIT_MS, LOADING_ROW_AFTER_MS);
  const [, before] = await model.roots();
  assert.ok((await model.children(before)).some((c): c is ClusterItem => c.type === 'cluster'), 'the first profile lists clusters');

  // Configure AWS Profile… → slow: the settings change refreshes the whole tree.
  profile = 'slow';
  model.refresh();
  changes.length = 0;
  const started = Date.now();
  const [, after] = await model.roots();
  assert.equal(after!.id, 'aws:slow:us-east-1');
  const children = (await model.children(after)) as MessageItem[];
  assert.ok(Date.now() - started < LIMIT_MS, 'at once, not after the credentials');
  assert.deepEqual(children.map((c) => [c.type, c.loading]), [['message', true]], 'a loading row, not the previous profile\'s clusters');
  await until('the slow listing ends', async () => changes.includes(after) || undefined, 10_000, 50);
  assert.ok(!changes.includes(before), 'the previous profile\'s connection is not reported once gone');
  for (const c of clients) (await c).destroy();
}));

test('a hung credential_process is started once for every check and client of its profile, and again only after it answered', withEmptyAwsFiles(async (dir) => {
  // The source records each start, then hangs while `hang` exists, then answers with static keys.
  const starts = path.join(dir, 'starts.log');
  const hang = path.join(dir, 'hang');
  const source = path.join(dir, 'source.js');
  fs.writeFileSync(
    source,
    `const fs = require('fs');
fs.appendFileSync(${JSON.stringify(starts)}, process.pid + '\\n');
setTimeout(() => process.exit(1), 20000).unref();
const poll = setInterval(() => {
  if (fs.existsSync(${JSON.stringify(hang)})) return;
  clearInterval(poll);
  process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }));
}, 20);
`,
  );
  fs.writeFileSync(path.join(dir, 'config'), `[profile hung]\nregion = us-east-1\ncredential_process = "${process.execPath}" "${source}"\n`);
  fs.writeFileSync(hang, '');
  const startCount = () => (fs.existsSync(starts) ? fs.readFileSync(starts, 'utf8').trim().split('\n').length : 0);
  const connection = onLocal('hung');
  try {
    // Three checks (picker, Refresh, a settings change) and a client's call, each timing out.
    for (let i = 0; i < 3; i++) assert.equal((await checkCredentials(connection, 300))?.kind, 'credentialsTimeout', `check ${i + 1}`);
    const client = await createClient(connection, fixture.log, { credentialsTimeoutMs: 300 });
    await assert.rejects(client.send(new DescribeCacheClustersCommand({})), { name: 'CredentialsTimeoutError' });
    // On a busy machine the process may log its start after the 300 ms checks gave up: wait for it, then count.
    await until('the source has started', async () => startCount() >= 1 || undefined, 10_000, 20);
    assert.equal(startCount(), 1, 'one process for all of them');

    // Once the source answers, that attempt's credentials serve the next check; a check after it starts anew.
    fs.rmSync(hang);
    await until('the hung attempt answers', async () => (await checkCredentials(connection, 300)) === undefined || undefined, 10_000, 50);
    const before = startCount();
    assert.equal(await checkCredentials(connection, 10_000), undefined);
    assert.equal(startCount(), before + 1, 'a settled attempt is not reused');
    assert.ok((await client.send(new DescribeCacheClustersCommand({}))).CacheClusters, 'the client gets credentials too');
    client.destroy();
  } finally {
    fs.rmSync(hang, { force: true });
  }
}));
