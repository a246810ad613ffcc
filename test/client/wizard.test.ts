// The create wizard's step logic against the real Local endpoint: steps per engine, the step counter, back,
// validation as you type with the language service's rules, live versions and subnet groups, and the final
// request, which creates a cluster that becomes available.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClient, localConnection } from '../../client/src/connections';
import { createCacheCluster, waitUntilAvailable } from '../../client/src/createFromRequest';
import { type Connection, createClient as createAwsLikeClient } from '../../client/src/connections';
import { CreateClusterWizard, RETRY_VALUE, createFailure, reopenAfterFailure, sdkWizardServices, type WizardState } from '../../client/src/wizard';
import { wizardRules } from '../../client/src/wizardRules';
import { findVersion } from '../../server/src/model/facts';
import { complete } from '../../server/src/service/completion';
import { analyze } from '../../server/src/service/index';
import { cannedErrorResponseServer, localClientForFile, withEmptyAwsFiles } from './helpers';

const fixture = localClientForFile();
const { log } = fixture;

function newWizard(): CreateClusterWizard {
  return new CreateClusterWizard(
    sdkWizardServices(async () => [fixture.connection], async () => fixture.client),
    wizardRules,
  );
}

async function pickFirst(w: CreateClusterWizard): Promise<string> {
  const items = await w.items();
  assert.ok(items.length > 0, `items for ${w.current()?.id}`);
  return items[0]!.value;
}

test('a Memcached cluster: every step, the counter, live versions, validation, and the created cluster', { timeout: 60_000 }, async () => {
  const w = newWizard();
  assert.deepEqual(w.position(), { step: 1 }, 'a step number, no total (the engines ask different numbers of steps)');
  assert.equal(w.current()?.id, 'connection');
  assert.equal(await w.accept('local'), undefined);

  assert.equal(w.current()?.id, 'engine');
  assert.deepEqual(w.position(), { step: 2 });
  const engines = await w.items();
  assert.deepEqual(engines.map((i) => i.value), ['valkey', 'redis', 'memcached'], 'Valkey first, Memcached last');
  assert.ok(engines.every((i) => i.description && !i.description.includes('\n')), 'one line about each engine');
  assert.equal(w.currentValue(), undefined, 'no engine pre-selected (the first row is active)');
  assert.equal(await w.accept('memcached'), undefined);
  assert.deepEqual(w.position(), { step: 3 }, 'still no total once the engine is known');

  assert.equal(w.current()?.id, 'engineVersion');
  const versions = (await w.items()).map((i) => i.value);
  assert.ok(versions.length >= 1, 'versions from DescribeCacheEngineVersions');
  assert.ok(log.lines.some((l) => l.startsWith('info DescribeCacheEngineVersions Local')), 'asked the endpoint');
  assert.equal(await w.accept(versions[0]!), undefined);

  assert.equal(w.current()?.id, 'cacheNodeType');
  const typeItems = await w.items();
  const types = typeItems.map((i) => i.value);
  assert.ok(types.every((t) => t.startsWith('cache.')));
  assert.equal(w.currentValue(), 'cache.t4g.micro', 'a small current-generation type is pre-selected');
  assert.match(typeItems.find((i) => i.value === 'cache.t4g.micro')?.description ?? '', /burstable.*current generation/);
  assert.match(typeItems.find((i) => i.value === 'cache.r7g.large')?.description ?? '', /memory optimized/);
  assert.match(typeItems.find((i) => i.value === 'cache.m7g.large')?.description ?? '', /general purpose/);
  assert.equal(await w.accept(types.includes('cache.t3.micro') ? 'cache.t3.micro' : types[0]!), undefined);

  assert.equal(w.current()?.id, 'numCacheNodes');
  assert.match(w.validate('zero') ?? '', /whole number/);
  // The problem first, in the engine's own name.
  assert.equal(w.validate('0'), '0 nodes is fewer than a Memcached cluster needs (1–40).');
  assert.equal(w.validate('41'), '41 nodes is more than a Memcached cluster can have (1–40).');
  assert.equal(w.validate('40'), undefined);
  assert.equal(w.validate('3'), undefined);
  assert.equal(await w.accept('3'), undefined);

  assert.equal(w.current()?.id, 'cacheClusterId');
  assert.match(w.validate('1abc') ?? '', /begin with a letter/);
  assert.match(w.validate('a--b') ?? '', /hyphens/);
  assert.equal(w.validate('wiz-mc'), undefined);
  assert.match((await w.accept('-bad')) ?? '', /letter/, 'accept refuses invalid input');
  assert.equal(w.current()?.id, 'cacheClusterId', 'and stays on the step');
  assert.equal(await w.accept('wiz-mc'), undefined);

  assert.equal(w.current()?.id, 'cacheSubnetGroupName');
  const groups = await w.items();
  assert.equal(groups[0]!.value, 'default', 'the subnet groups from DescribeCacheSubnetGroups come first');
  assert.equal(groups.at(-1)!.label, 'No subnet group');
  assert.equal(await w.accept('default'), undefined);

  assert.equal(w.current()?.id, 'review', 'no encryption steps for Memcached');
  assert.deepEqual(w.position(), { step: 8 }, 'Memcached asks for the number of nodes instead of encryption');
  const review = await w.items();
  assert.deepEqual(review.map((i) => i.value).slice(0, 2), ['create', 'save']);
  const rows = Object.fromEntries(review.slice(2).map((i) => [i.label, i.description]));
  assert.deepEqual(Object.keys(rows), ['Connection', 'Engine', 'EngineVersion', 'CacheNodeType', 'NumCacheNodes', 'CacheClusterId', 'CacheSubnetGroupName'], 'one row per setting');
  assert.equal(rows.CacheClusterId, 'wiz-mc');
  assert.equal(rows.NumCacheNodes, '3');
  assert.equal(rows.Engine, 'memcached');
  assert.equal(await w.accept('create'), undefined);
  assert.equal(w.done, true);

  const input = w.input();
  assert.deepEqual(
    { ...input, EngineVersion: undefined },
    { CacheClusterId: 'wiz-mc', Engine: 'memcached', EngineVersion: undefined, CacheNodeType: input.CacheNodeType, NumCacheNodes: 3, CacheSubnetGroupName: 'default' },
  );
  // The language service accepts the request the wizard built.
  const errors = analyze(JSON.stringify(w.requestWithoutSecrets()), 'json').findings.filter((f) => f.severity === 'error');
  assert.deepEqual(errors, []);
  await createCacheCluster(fixture.client, input);
  const cluster = await waitUntilAvailable(fixture.client, 'wiz-mc', { timeoutMs: 30_000, intervalMs: 100 });
  assert.equal(cluster.NumCacheNodes, 3);
  assert.equal(cluster.CacheNodes?.length, 3);
});

test('Redis with transit encryption: AUTH token step, password validation, back, and no token in the request shown or saved', async () => {
  const w = newWizard();
  await w.accept('local');
  await w.accept('redis');
  assert.deepEqual(w.position(), { step: 3 });
  await w.accept(await pickFirst(w));
  await w.accept('cache.t3.micro');
  assert.equal(w.current()?.id, 'cacheClusterId', 'no node count for Redis');
  await w.accept('wiz-redis');
  await w.accept('');
  assert.equal(w.current()?.id, 'transitEncryption');
  const enabled = (await w.items()).find((i) => i.value === 'enabled');
  assert.equal(enabled?.detail, 'In-transit encryption needs a cluster in a VPC: go back and choose a subnet group.', "the wizard's wording, not the request file's");
  assert.equal(await w.accept('enabled'), enabled?.detail, 'encryption in transit needs a subnet group (the rule)');
  assert.equal(w.current()?.id, 'transitEncryption');
  w.back();
  assert.equal(w.current()?.id, 'cacheSubnetGroupName');
  await w.accept('default');
  await w.accept('enabled');
  assert.equal(w.current()?.id, 'authToken');
  assert.equal(w.current()?.password, true);
  assert.deepEqual(w.position(), { step: 8 });
  assert.ok(w.validate('short'), 'a too-short token is refused');
  assert.doesNotMatch(w.validate('short') ?? '', /short/, 'the message never echoes the token');
  const token = 'Wizard-Token-0123456789abcdef';
  assert.equal(w.validate(token), undefined);
  assert.equal(await w.accept(token), undefined);
  assert.equal(w.current()?.id, 'review');

  const review = await w.items();
  const shown = review.map((i) => `${i.label} ${i.description} ${i.detail}`).join('\n');
  assert.ok(!shown.includes(token), 'the review never shows the token');
  assert.equal(review.find((i) => i.label === 'AuthToken')?.description, '••••••••');
  assert.equal(review.find((i) => i.value === 'save')?.description, 'as a *.elasticache.json file, without the AUTH token', 'a token given: saving says it is left out');
  assert.equal(review.find((i) => i.label === 'TransitEncryptionEnabled')?.description, 'true');
  assert.ok(!JSON.stringify(w.requestWithoutSecrets()).includes(token), 'a saved request never holds it');
  assert.equal(w.input().AuthToken, token, 'only the create call gets it');

  // Back twice: to the token, then to encryption; turning encryption off drops the token step and the token.
  w.back();
  assert.equal(w.current()?.id, 'authToken');
  w.back();
  assert.equal(w.current()?.id, 'transitEncryption');
  await w.accept('disabled');
  assert.equal(w.current()?.id, 'review');
  assert.equal(w.input().AuthToken, undefined);
  assert.equal(w.input().TransitEncryptionEnabled, undefined);
  assert.equal((await w.items()).find((i) => i.value === 'save')?.description, 'as a *.elasticache.json file', 'no token: nothing to say is left out');
  assert.deepEqual(w.position(), { step: 8 }, 'the review follows encryption: no gap for the skipped AUTH token step');

  // Back to the engine and switch to Memcached: the version is asked again (it belongs to the engine).
  while (w.current()?.id !== 'engine') w.back();
  await w.accept('memcached');
  assert.equal(w.current()?.id, 'engineVersion');
  assert.equal(w.state.engineVersion, undefined);
  assert.equal(w.state.transitEncryption, undefined);
});

/** A wizard walked to its AUTH token step with `engine` and encryption in transit enabled. */
async function atAuthTokenStep(engine: string): Promise<CreateClusterWizard> {
  const w = newWizard();
  const answers: Record<string, string> = { connection: 'local', engine, cacheNodeType: 'cache.t3.micro', cacheClusterId: `auth-${engine}`, cacheSubnetGroupName: 'default', transitEncryption: 'enabled' };
  while (w.current() && w.current()!.id !== 'authToken') {
    const id = w.current()!.id;
    assert.equal(await w.accept(answers[id] ?? (await pickFirst(w))), undefined, `step ${id}`);
  }
  return w;
}

test('the AUTH token step names the chosen engine: Valkey AUTH for Valkey, Redis OSS AUTH for Redis OSS', async () => {
  const valkey = (await atAuthTokenStep('valkey')).current();
  assert.equal(valkey?.id, 'authToken');
  assert.match(valkey!.placeholder, /^Password for Valkey AUTH /);
  assert.doesNotMatch(valkey!.placeholder, /Redis/);
  const redis = (await atAuthTokenStep('redis')).current();
  assert.match(redis!.placeholder, /^Password for Redis OSS AUTH /);
});

/** Walks the wizard forward with `answers` (by step; the first item where not given) up to the review step; the positions shown. */
async function positionsWalking(answers: Partial<Record<string, string>>): Promise<{ id: string; step: number; total?: number }[]> {
  const w = newWizard();
  const seen: { id: string; step: number; total?: number }[] = [];
  while (w.current() && w.current()!.id !== 'review') {
    const id = w.current()!.id;
    seen.push({ id, ...w.position() });
    assert.equal(await w.accept(answers[id] ?? (await pickFirst(w))), undefined, `step ${id}`);
  }
  seen.push({ id: 'review', ...w.position() });
  return seen;
}

test('the step counter is the same at every step: a number that grows by one, never a total', async () => {
  const common = { connection: 'local', cacheNodeType: 'cache.t3.micro', numCacheNodes: '2', cacheSubnetGroupName: 'default' };
  for (const [engine, encryption, steps] of [['memcached', undefined, 8], ['redis', 'disabled', 8], ['valkey', 'disabled', 8], ['redis', 'enabled', 9]] as const) {
    const seen = await positionsWalking({ ...common, engine, cacheClusterId: `count-${engine}`, transitEncryption: encryption, authToken: 'Count-Token-0123456789' });
    const what = `${engine} ${encryption ?? ''}: ${seen.map((p) => `${p.id} ${p.step}/${p.total}`).join(', ')}`;
    assert.ok(seen.every((p) => p.total === undefined), `no total at any step: ${what}`);
    assert.deepEqual(seen.map((p) => p.step), Array.from({ length: steps }, (_, i) => i + 1), `1, 2, 3, … to the review: ${what}`);
    assert.equal(seen.some((p) => p.id === 'authToken'), encryption === 'enabled', what);
  }
});

/** The EngineVersion values completion offers for an engine, in the order it sorts them. */
function completionVersions(engine: string): string[] {
  const text = `https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&Engine=${engine}&EngineVersion=`;
  return complete(text, text.length, 'query')
    .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0))
    .map((c) => c.label);
}

test('the live versions come in the order completion offers them (supported newest first, then extended support)', async () => {
  const w = newWizard();
  await w.accept('local');
  await w.accept('redis');
  const items = await w.items();
  const live = items.map((i) => i.value);
  assert.deepEqual(live, completionVersions('redis').filter((v) => live.includes(v)), 'the same order as completion');
  assert.equal(live[0], '7.1');
  assert.equal(items[0]!.description, 'latest');
  assert.match(items.find((i) => i.value === '4.0.10')?.description ?? '', /extended support/);
  assert.equal(w.note(), undefined, 'the account\'s own list: no note');
});

test('an AWS connection without credentials: the model\'s versions with a note saying so, and no subnet group to list', { timeout: 30_000 }, withEmptyAwsFiles(async () => {
  // The Local endpoint stands in for AWS; the credential chain finds nothing, so no call reaches it.
  const aws: Connection = { id: 'aws:default:us-east-1', kind: 'aws', label: 'AWS default · us-east-1', region: 'us-east-1', profile: 'default', endpoint: fixture.connection.endpoint };
  const awsClient = await createAwsLikeClient(aws, log, { maxAttempts: 1 });
  try {
    const w = new CreateClusterWizard(sdkWizardServices(async () => [fixture.connection, aws], async () => awsClient), wizardRules);
    await w.accept(aws.id);
    await w.accept('valkey');
    assert.equal(w.current()?.id, 'engineVersion');
    const versions = (await w.items()).map((i) => i.value);
    assert.deepEqual(versions, completionVersions('valkey'), 'the list completion uses, in its order');
    assert.match(w.note() ?? '', /^No AWS credentials: versions known to the extension, not read from your account$/);
    await w.accept(versions[0]!);
    await w.accept('cache.t4g.micro');
    await w.accept('aws-nocreds');
    assert.equal(w.current()?.id, 'cacheSubnetGroupName');
    const groups = await w.items();
    assert.deepEqual(groups.map((g) => g.label), ['No subnet group'], 'only the choice that needs no account');
    assert.match(w.note() ?? '', /^No AWS credentials: your account's subnet groups cannot be listed$/);
    await w.accept(groups[0]!.value);
    await w.accept('disabled');
    assert.equal(w.current()?.id, 'review', 'the wizard gets to the review, where Create checks the credentials again');
    assert.ok((await w.items()).some((i) => i.value === 'create'));
    assert.equal(w.note(), undefined, 'the note belongs to the step that had it');
  } finally {
    awsClient.destroy();
  }
}));

test('without credentials, Redis OSS: the model\'s versions a new cluster can use, never end-of-life ones', { timeout: 30_000 }, withEmptyAwsFiles(async () => {
  const aws: Connection = { id: 'aws:default:us-east-1', kind: 'aws', label: 'AWS default · us-east-1', region: 'us-east-1', profile: 'default', endpoint: fixture.connection.endpoint };
  const awsClient = await createAwsLikeClient(aws, log, { maxAttempts: 1 });
  try {
    const w = new CreateClusterWizard(sdkWizardServices(async () => [aws], async () => awsClient), wizardRules);
    await w.accept(aws.id);
    await w.accept('redis');
    const items = await w.items();
    assert.match(w.note() ?? '', /^No AWS credentials: versions known to the extension/, 'the model\'s list');
    const versions = items.map((i) => i.value);
    // Completion lists the end-of-life versions too (tagged, for requests that already use them); the wizard must not.
    const endOfLife = completionVersions('redis').filter((v) => findVersion('redis', v)?.status === 'deprecated');
    assert.ok(endOfLife.includes('3.2.10') && endOfLife.includes('5.0.5'), 'the model knows end-of-life Redis OSS versions');
    assert.deepEqual(versions, completionVersions('redis').filter((v) => !endOfLife.includes(v)), 'the rest, in completion\'s order');
    assert.deepEqual(versions.slice(-2), ['5.0.6', '4.0.10'], 'extended support last');
    assert.ok(items.every((i) => !/deprecated|end of life/i.test(i.description ?? '')), 'no row says it cannot be used');
  } finally {
    awsClient.destroy();
  }
}));

test('an account that lists end-of-life versions: the wizard leaves them out, keeps a version newer than the model', async () => {
  const local = sdkWizardServices(async () => [fixture.connection], async () => fixture.client);
  const listed: string[] = [];
  const services = {
    ...local,
    // The Local endpoint's list (what DescribeCacheEngineVersions returned) plus what an older account may still list.
    engineVersions: async (c: Connection, engine: string) => {
      listed.push(...(await local.engineVersions(c, engine)), '5.0.5', '2.8.24', '9.9');
      return listed;
    },
  };
  const w = new CreateClusterWizard(services, wizardRules);
  await w.accept('local');
  await w.accept('redis');
  const versions = (await w.items()).map((i) => i.value);
  assert.equal(w.note(), undefined, 'the account\'s own list');
  assert.ok(listed.includes('7.1') && listed.includes('5.0.5'), `the account listed: ${listed.join(', ')}`);
  assert.ok(!versions.includes('5.0.5') && !versions.includes('2.8.24'), `end-of-life versions offered: ${versions.join(', ')}`);
  assert.deepEqual(versions.slice(0, 2), ['9.9', '7.1'], 'a version the model does not know is the account\'s to offer (newest first)');
  assert.ok(versions.includes('4.0.10'), 'extended support is still offered');
  await w.accept(versions[1]!);
  assert.equal(w.input().EngineVersion, '7.1');
});

test('offline (the endpoint cannot be reached): the model\'s versions with a note saying so and a Retry row, no dead end', async () => {
  const dead = localConnection('http://127.0.0.1:9');
  const deadClient = await createClient(dead, log, { maxAttempts: 1 });
  try {
    const w = new CreateClusterWizard(sdkWizardServices(async () => [dead], async () => deadClient), wizardRules);
    await w.accept('local');
    await w.accept('valkey');
    const items = await w.items();
    assert.equal(w.note(), 'Cannot reach ElastiCache: versions known to the extension, not read from your account');
    assert.deepEqual(items.slice(0, -1).map((i) => i.value), completionVersions('valkey'), 'the versions completion knows, in its order');
    assert.deepEqual(items.at(-1), { label: '$(refresh) Retry', value: RETRY_VALUE, description: 'read the versions from your account again' }, 'Retry last');
    assert.equal(items[0]!.description, 'latest', 'the first row is still the suggestion');
    assert.match((await w.accept(RETRY_VALUE)) ?? '', /^Choose one of the items/, 'Retry is not a version');
    assert.equal(w.current()?.id, 'engineVersion');
    await w.accept(items[0]!.value);
    await w.accept('cache.t4g.micro');
    await w.accept('offline-cache');
    assert.equal(w.current()?.id, 'cacheSubnetGroupName', 'the id check could not ask the endpoint and did not block');
    const groups = await w.items();
    assert.deepEqual(groups.map((g) => g.value), ['', RETRY_VALUE], 'no subnet group, or try again');
    assert.equal(w.note(), "Cannot reach ElastiCache: your account's subnet groups cannot be listed");
  } finally {
    deadClient.destroy();
  }
});

test('a failure that is neither credentials nor the network still reaches the UI (its Retry), not the model\'s list', async () => {
  const server = await cannedErrorResponseServer(500, 'InternalFailure', 'The request processing has failed because of an unknown error.');
  const c = localConnection(server.url);
  const failing = await createClient(c, log, { maxAttempts: 1 });
  try {
    const w = new CreateClusterWizard(sdkWizardServices(async () => [c], async () => failing), wizardRules);
    await w.accept('local');
    await w.accept('valkey');
    await assert.rejects(w.items(), /unknown error/);
  } finally {
    failing.destroy();
    await server.close();
  }
});

test('review rows go back to their step and return to the review; Back keeps what was typed', async () => {
  const w = newWizard();
  await w.accept('local');
  await w.accept('valkey');
  await w.accept(await pickFirst(w));
  assert.equal(w.current()?.id, 'cacheNodeType');
  await w.accept('cache.t4g.micro');
  assert.equal(w.current()?.id, 'cacheClusterId');

  // Typed, then Back, then forward again: the typed id is still there.
  w.back('typed-id');
  assert.equal(w.current()?.id, 'cacheNodeType');
  assert.equal(w.currentValue(), 'cache.t4g.micro', 'the accepted node type is pre-selected');
  await w.accept('cache.t4g.micro');
  assert.equal(w.currentValue(), 'typed-id');
  await w.accept('typed-id');
  await w.accept('');
  await w.accept('disabled');
  assert.equal(w.current()?.id, 'review');

  // Change the id from its review row: straight back to the review afterwards.
  await w.accept('edit:cacheClusterId');
  assert.equal(w.current()?.id, 'cacheClusterId');
  assert.equal(w.currentValue(), 'typed-id');
  await w.accept('renamed-id');
  assert.equal(w.current()?.id, 'review');
  assert.equal((await w.items()).find((i) => i.label === 'CacheClusterId')?.description, 'renamed-id');

  // Change the engine from the review: its version and node type are asked again, then the review.
  await w.accept('edit:engine');
  await w.accept('redis');
  assert.equal(w.current()?.id, 'engineVersion');
  await w.accept(await pickFirst(w));
  assert.equal(w.current()?.id, 'cacheNodeType');
  await w.accept('cache.t3.micro');
  assert.equal(w.current()?.id, 'review');
  assert.equal(w.input().CacheClusterId, 'renamed-id', 'the other answers are kept');

  // Back from a step reached from the review returns to the review.
  await w.accept('edit:cacheNodeType');
  w.back();
  assert.equal(w.current()?.id, 'review');
});

test('a connection known to have no credentials is marked on its row', async () => {
  const aws = { ...fixture.connection, id: 'aws:default:us-east-1', kind: 'aws' as const, label: 'AWS default · us-east-1' };
  const services = { ...sdkWizardServices(async () => [fixture.connection, aws], async () => fixture.client), connectionNote: (c: { kind: string }) => (c.kind === 'aws' ? 'no credentials' : undefined) };
  const w = new CreateClusterWizard(services, wizardRules);
  assert.deepEqual((await w.items()).map((i) => i.label), ['Local', 'AWS default · us-east-1 (no credentials)']);
});

/** Walks a new wizard on Local with Valkey up to the cluster id step. */
async function toClusterIdStep(w: CreateClusterWizard): Promise<void> {
  await w.accept('local');
  await w.accept('valkey');
  await w.accept(await pickFirst(w));
  await w.accept('cache.t4g.micro');
  assert.equal(w.current()?.id, 'cacheClusterId');
}

test('a cluster id that already exists on the connection is refused at its step, not after the review', async () => {
  await createCacheCluster(fixture.client, { CacheClusterId: 'taken-id', Engine: 'valkey', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 });
  const w = newWizard();
  await toClusterIdStep(w);
  const asked = log.lines.length;
  assert.equal(await w.check('taken-id'), 'Cache cluster "taken-id" already exists on Local: choose another id.');
  assert.ok(log.lines.slice(asked).some((l) => l.startsWith('info DescribeCacheClusters Local')), 'asked the endpoint');
  assert.equal(await w.accept('taken-id'), 'Cache cluster "taken-id" already exists on Local: choose another id.');
  assert.equal(w.current()?.id, 'cacheClusterId', 'and stays on the step');
  assert.equal(await w.check('free-id'), undefined, 'CacheClusterNotFound: the id is free');
  assert.equal(await w.accept('free-id'), undefined);
  assert.equal(w.current()?.id, 'cacheSubnetGroupName');
});

test('checking that a cluster id is free logs the expected "no such cluster" as info, without advice; an unexpected one stays an error', async () => {
  const w = newWizard();
  await toClusterIdStep(w);
  const asked = log.lines.length;
  assert.equal(await w.check('free-log-id'), undefined);
  const lines = log.lines.slice(asked);
  assert.ok(lines.some((l) => /^info DescribeCacheClusters Local \S+ \d+ms no such cluster \(CacheClusterNotFoundFault\) requestId=/.test(l)), lines.join('\n'));
  assert.ok(!lines.some((l) => l.startsWith('error') || /refresh the explorer/.test(l)), lines.join('\n'));
  // The same answer to a call that did not expect it is still an error in the log.
  const { DescribeCacheClustersCommand } = await import('@aws-sdk/client-elasticache');
  const before = log.lines.length;
  await assert.rejects(fixture.client.send(new DescribeCacheClustersCommand({ CacheClusterId: 'free-log-id' })));
  assert.ok(log.lines.slice(before).some((l) => l.startsWith('error DescribeCacheClusters Local') && /CacheClusterNotFound/.test(l)), log.lines.slice(before).join('\n'));
});

test('a connection changed from the review asks for the cluster id again: it was checked against the other connection', async () => {
  const other = { ...fixture.connection, id: 'local-2', label: 'Local (second)' };
  await createCacheCluster(fixture.client, { CacheClusterId: 'taken-on-both', Engine: 'valkey', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 });
  const w = new CreateClusterWizard(sdkWizardServices(async () => [other, fixture.connection], async () => fixture.client), wizardRules);
  await w.accept('local-2');
  await w.accept('valkey');
  await w.accept(await pickFirst(w));
  await w.accept('cache.t4g.micro');
  await w.accept('moved-id');
  await w.accept('');
  await w.accept('disabled');
  assert.equal(w.current()?.id, 'review');

  await w.accept('edit:connection');
  await w.accept('local');
  assert.equal(w.current()?.id, 'engineVersion', 'versions belong to the connection');
  await w.accept(await pickFirst(w));
  assert.equal(w.current()?.id, 'cacheClusterId', 'the id is asked again');
  assert.equal(w.currentValue(), 'moved-id', 'pre-filled with the id chosen before');
  assert.match((await w.accept('taken-on-both')) ?? '', /^Cache cluster "taken-on-both" already exists on Local: choose another id\.$/);
  assert.equal(await w.accept('moved-id'), undefined);
  assert.equal(w.current()?.id, 'cacheSubnetGroupName', 'then the subnet group (it belongs to the connection too)');
  await w.accept('');
  assert.equal(w.current()?.id, 'review');
});

test('a create that failed on another connection than the wizard\'s reopens at the connection step', async () => {
  const other = { ...fixture.connection, id: 'local-2', label: 'Local (second)' };
  const state = { connection: other, engine: 'valkey', cacheClusterId: 'x' } as WizardState;
  assert.deepEqual(reopenAfterFailure(state, other, 'review'), { initial: state, resumeAt: 'review' }, 'same connection: at the failure\'s step');
  const plan = reopenAfterFailure(state, fixture.connection, 'cacheClusterId');
  assert.equal(plan.resumeAt, 'connection');
  const again = new CreateClusterWizard(sdkWizardServices(async () => [other, fixture.connection], async () => fixture.client), wizardRules, plan.initial, plan.resumeAt);
  assert.equal(again.current()?.id, 'connection');
  await again.accept('local');
  assert.equal(again.current()?.id, 'engineVersion', 'what belongs to the connection is asked again');
});

test('a cluster id check the service refuses (AccessDenied) does not block the step', async () => {
  const server = await cannedErrorResponseServer(403, 'AccessDenied', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: elasticache:DescribeCacheClusters');
  const denied = { ...localConnection(server.url), id: 'aws:dev:us-east-1', kind: 'aws' as const, label: 'AWS dev · us-east-1' };
  const deniedClient = await createAwsLikeClient(denied, log, { maxAttempts: 1 });
  try {
    const services = sdkWizardServices(async () => [denied], async () => deniedClient);
    assert.equal(await services.clusterExists!(denied, 'any-id'), undefined, 'the service could not say');
    const w = new CreateClusterWizard(services, wizardRules);
    await w.accept(denied.id);
    await w.accept('valkey');
    await w.accept('8.0');
    await w.accept('cache.t4g.micro');
    assert.equal(w.current()?.id, 'cacheClusterId');
    assert.equal(await w.accept('any-id'), undefined);
    assert.equal(w.current()?.id, 'cacheSubnetGroupName');
  } finally {
    deniedClient.destroy();
    await server.close();
  }
});

test('a failed create says what happened without the error code, and reopens the wizard with the answers kept', async () => {
  const w = newWizard();
  await toClusterIdStep(w);
  await w.accept('reopen-id');
  await w.accept('');
  await w.accept('disabled');
  await w.accept('create');
  assert.ok(w.done);
  const input = w.input();
  await createCacheCluster(fixture.client, input);

  // The same request again: the id is taken by now (someone else, another window).
  const err = await createCacheCluster(fixture.client, input).then(() => assert.fail('created twice'), (e: unknown) => e);
  const failed = createFailure('reopen-id', fixture.connection, err);
  assert.equal(failed.message, 'Cache cluster "reopen-id" already exists on Local, so it was not created. Reopen the wizard to choose another id: your other answers are kept.');
  assert.equal(failed.resumeAt, 'cacheClusterId');

  const again = new CreateClusterWizard(sdkWizardServices(async () => [fixture.connection], async () => fixture.client), wizardRules, w.state, failed.resumeAt);
  assert.equal(again.current()?.id, 'cacheClusterId');
  assert.equal(again.currentValue(), 'reopen-id');
  assert.ok(again.canGoBack, 'Back goes to the review');
  assert.match((await again.accept('reopen-id')) ?? '', /already exists on Local: choose another id/);
  assert.equal(await again.accept('reopen-id-2'), undefined);
  assert.equal(again.current()?.id, 'review', 'straight to the review: every other answer is kept');
  assert.deepEqual(again.input(), { ...input, CacheClusterId: 'reopen-id-2' });
  await again.accept('create');
  assert.equal(again.state.outcome, 'create');

  // Any other failure: its message without the code, and the wizard reopens at the review.
  const other = await createCacheCluster(fixture.client, { ...input, CacheClusterId: 'reopen-id-3', CacheSubnetGroupName: 'no-such-group' }).then(
    () => assert.fail('created with a missing subnet group'),
    (e: unknown) => e,
  );
  const otherFailed = createFailure('reopen-id-3', fixture.connection, other);
  assert.equal(otherFailed.resumeAt, 'review');
  assert.match(otherFailed.message, /^Cache cluster "reopen-id-3" was not created on Local: Cache subnet group no-such-group not found: choose an existing CacheSubnetGroupName\. Reopen the wizard to change the settings: your answers are kept\.$/);
  assert.doesNotMatch(otherFailed.message, /Fault|NotFound:/, 'no raw error code');
  const atReview = new CreateClusterWizard(sdkWizardServices(async () => [fixture.connection], async () => fixture.client), wizardRules, w.state, otherFailed.resumeAt);
  assert.equal(atReview.current()?.id, 'review');
  atReview.back();
  assert.equal(atReview.current()?.id, 'transitEncryption', 'Back from the review: the last step before it');
  await atReview.accept('disabled');
  assert.equal(atReview.current()?.id, 'review');
  await atReview.accept('edit:cacheNodeType');
  await atReview.accept('cache.t3.micro');
  assert.equal(atReview.current()?.id, 'review', 'a changed setting returns to the review');
});
