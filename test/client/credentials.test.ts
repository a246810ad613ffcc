// Credentials resolved before a create on AWS, and afresh after Refresh: with no credentials the check reports
// noCredentials (so the billing confirmation is never shown for a create that cannot work); credentials written to
// the shared files afterwards (what `aws configure` does) are found by the next check and by a rebuilt client,
// which then lists clusters (against the real Local endpoint, standing in for AWS). A profile that does not exist
// and an SSO login to renew each say so, naming the profile.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import { type Connection, awsConnection, checkCredentials, createClient } from '../../client/src/connections';
import { describeFailure } from '../../client/src/errors';
import { ExplorerModel, type MessageItem, messageRow } from '../../client/src/explorerModel';
import { localClientForFile, withEmptyAwsFiles } from './helpers';

const fixture = localClientForFile();

const awsLike = (): Connection => ({
  id: 'aws:default:us-east-1',
  kind: 'aws',
  label: 'AWS default · us-east-1',
  region: 'us-east-1',
  profile: 'default',
  endpoint: fixture.local.endpoint.url,
});

test('no credentials: the check says so readably; credentials configured afterwards are found without restarting', withEmptyAwsFiles(async (dir) => {
  const connection = awsLike();
  const before = await checkCredentials(connection);
  assert.equal(before?.kind, 'noCredentials');
  assert.match(before?.message ?? '', /^No AWS credentials found/);
  assert.doesNotMatch(before?.message ?? '', /\n|    at /, 'no stack trace');

  // The explorer lists the connection and remembers why it failed (the picker marks it "(no credentials)").
  const clients: Promise<import('@aws-sdk/client-elasticache').ElastiCacheClient>[] = [];
  const model = new ExplorerModel({
    connections: async () => [connection],
    client: (c) => {
      const made = createClient(c, fixture.log);
      clients.push(made);
      return made;
    },
    onDidChange: () => undefined,
  });
  const [root] = await model.roots();
  await model.children(root);
  assert.equal(model.failureOf(connection.id)?.kind, 'noCredentials');

  // `aws configure` writes the shared credentials file.
  fs.writeFileSync(path.join(dir, 'credentials'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
  assert.equal(await checkCredentials(connection), undefined, 'the check reads the files afresh');

  // Refresh: a rebuilt client (the extension drops its clients) lists the clusters.
  model.refresh();
  const [again] = await model.roots();
  const children = await model.children(again);
  assert.equal(model.failureOf(connection.id), undefined);
  assert.ok(children.every((c) => c.type !== 'message' || !c.failure), 'no error item after refresh');
  for (const c of clients) (await c).destroy();
}));

test('fixed (Local) credentials need no check', async () => {
  assert.equal(await checkCredentials(fixture.connection), undefined);
});

/** Runs `fn` with a home directory of its own (the shared files at their default place, ~/.aws), as `aws configure` leaves them. */
function withHome(fn: (home: string) => Promise<void>): () => Promise<void> {
  return withEmptyAwsFiles(async (dir) => {
    delete process.env.AWS_CONFIG_FILE;
    delete process.env.AWS_SHARED_CREDENTIALS_FILE;
    process.env.HOME = dir;
    process.env.USERPROFILE = dir;
    fs.mkdirSync(path.join(dir, '.aws', 'sso', 'cache'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, '.aws', 'config'),
      '[profile ssoish]\nregion = eu-west-3\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n',
    );
    fs.writeFileSync(path.join(dir, '.aws', 'credentials'), '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    await fn(dir);
  });
}

const inRegion = (profile: string): Connection => awsConnection(profile, 'us-east-1', fixture.local.endpoint.url);

test('a profile in neither shared file is named, with where it was looked for and what to do', withHome(async () => {
  const failure = await checkCredentials(inRegion('nosuchprofile'));
  assert.equal(failure?.message, `Profile nosuchprofile is not in ${path.join('~', '.aws', 'config')} or ${path.join('~', '.aws', 'credentials')}: choose one (Configure AWS Profile…).`);
  assert.equal(failure?.action, 'configure');
  // The explorer's row for it: the problem in a few words, the fix beside it.
  const model = new ExplorerModel({ connections: async () => [inRegion('nosuchprofile')], client: (c) => createClient(c, fixture.log), onDidChange: () => undefined });
  const [root] = await model.roots();
  const [item] = (await model.children(root)) as MessageItem[];
  assert.equal(messageRow(item!).label, 'AWS profile not found');
  assert.match(messageRow(item!).description ?? '', /^Profile nosuchprofile is not in /);
  assert.equal(item!.action?.command, 'elasticache.configureProfile');
  // A profile that is there is found (the check is not a blanket "not found").
  assert.equal(await checkCredentials(inRegion('keys')), undefined);
}));

test('an SSO profile never logged in, or whose login expired, is told to run aws sso login for that profile', withHome(async (home) => {
  const expected = 'The SSO session of profile ssoish has expired or is not logged in: run aws sso login --profile ssoish';
  const never = await checkCredentials(inRegion('ssoish'));
  assert.equal(never?.message, expected);
  assert.equal(never?.kind, 'expiredToken');
  assert.equal(never?.action, 'configure');

  // `aws sso login` caches the token under ~/.aws/sso/cache/<sha1 of the start URL>.json; this one has expired.
  const token = 'fake-sso-access-token-0123456789';
  const name = createHash('sha1').update('https://example.awsapps.com/start').digest('hex');
  fs.writeFileSync(path.join(home, '.aws', 'sso', 'cache', `${name}.json`), JSON.stringify({ accessToken: token, expiresAt: new Date(Date.now() - 3_600_000).toISOString() }));
  const expired = await checkCredentials(inRegion('ssoish'));
  assert.equal(expired?.message, expected);
  assert.ok(!JSON.stringify(expired).includes(token), 'never the token');
  assert.equal(describeFailure(new Error('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.')).title, 'AWS SSO login needed');
}));
