// A connection known to fail is marked on its row where one is chosen (connection picker, wizard) with what is
// wrong: "(no credentials)", "(profile not found)", "(SSO login needed)", "(credentials timed out)", or, when its last
// listing failed, why ("(unreachable)"…); and the create's credential question says the failure's own words. The
// failures are the real ones, from the real credential chain over shared files written by the test.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { type Connection, awsConnection, checkCredentials, createClient } from '../../client/src/connections';
import { credentialQuestion } from '../../client/src/createFlow';
import { connectionChoices, workingFirst } from '../../client/src/createFromRequest';
import { type Failure, knownProblem } from '../../client/src/errors';
import { ExplorerModel } from '../../client/src/explorerModel';
import { CreateClusterWizard, sdkWizardServices } from '../../client/src/wizard';
import { wizardRules } from '../../client/src/wizardRules';
import { RecordingLog, closedPort, localClientForFile, withEmptyAwsFiles } from './helpers';

const fixture = localClientForFile();

const onLocal = (profile: string): Connection => awsConnection(profile, 'us-east-1', fixture.local.endpoint.url);

/** `ssoish` (SSO, never logged in), `slow` (a credential_process that sleeps), `keys` (static keys). */
function writeProfiles(dir: string): void {
  process.env.HOME = dir;
  process.env.USERPROFILE = dir;
  const sleeper = `"${process.execPath}" -e "setTimeout(() => {}, 4000)"`;
  fs.writeFileSync(
    path.join(dir, 'config'),
    '[profile ssoish]\nregion = eu-west-3\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n' +
      `[profile slow]\nregion = us-east-1\ncredential_process = ${sleeper}\n`,
  );
  fs.writeFileSync(path.join(dir, 'credentials'), '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
}

/**
 * The real failure of each profile's credentials (undefined: they resolve): `default` over the empty shared files
 * (no credentials anywhere), then the others over the files writeProfiles writes.
 */
async function failures(dir: string): Promise<Map<string, Failure | undefined>> {
  const out = new Map<string, Failure | undefined>([['default', await checkCredentials(onLocal('default'), 300)]]);
  writeProfiles(dir);
  for (const profile of ['nosuchprofile', 'ssoish', 'slow', 'keys']) out.set(profile, await checkCredentials(onLocal(profile), 300));
  return out;
}

test('each credential failure marks its connection with what is wrong; working credentials are not marked', withEmptyAwsFiles(async (dir) => {
  const found = await failures(dir);
  assert.deepEqual(
    [...found].map(([profile, f]) => `${profile}: ${f?.kind} ${f?.mark}`),
    [
      'default: noCredentials no credentials',
      'nosuchprofile: profileNotFound profile not found',
      'ssoish: expiredToken SSO login needed',
      'slow: credentialsTimeout credentials timed out',
      'keys: undefined undefined',
    ],
  );

  // The wizard's connection step: each row with its mark, Local and the working profile without one.
  const connections = [fixture.connection, ...[...found.keys()].map(onLocal)];
  const services = { ...sdkWizardServices(async () => connections, async () => fixture.client), connectionNote: (c: Connection) => found.get(c.profile ?? '')?.mark };
  const labels = (await new CreateClusterWizard(services, wizardRules).items()).map((i) => i.label);
  assert.deepEqual(labels, [
    'Local',
    'AWS default · us-east-1 (no credentials)',
    'AWS nosuchprofile · us-east-1 (profile not found)',
    'AWS ssoish · us-east-1 (SSO login needed)',
    'AWS slow · us-east-1 (credentials timed out)',
    'AWS keys · us-east-1',
  ]);
}));

test('the create\'s credential question says the failure\'s own words: no "No AWS credentials found" for a missing profile', withEmptyAwsFiles(async (dir) => {
  const found = await failures(dir);
  const question = (profile: string) => credentialQuestion(onLocal(profile), 'my-cluster', found.get(profile)!).message;
  // The dialog adds "ElastiCache: " (notify.ts), as to every message of the extension.
  assert.equal(question('nosuchprofile'), `Profile nosuchprofile is not in ${path.join(dir, 'config')} or ${path.join(dir, 'credentials')}: choose one (Configure AWS Profile…).`);
  assert.equal(question('ssoish'), 'The SSO session of profile ssoish has expired or is not logged in: run aws sso login --profile ssoish');
  assert.match(question('slow'), /^Timed out getting credentials for profile slow \(credential_process\)/);
  // No credentials at all: as before.
  assert.equal(question('default'), 'No AWS credentials found for profile default: cache cluster "my-cluster" cannot be created in us-east-1.');
}));

test('the create picker never preselects a connection that cannot work: the request\'s Region comes first only among those that can', withEmptyAwsFiles(async (dir) => {
  const found = await failures(dir);
  const cannotWork = (c: Connection) => c.kind === 'aws' && found.get(c.profile ?? '')?.mark !== undefined;
  const offered = (connections: Connection[], region: string | undefined) =>
    workingFirst(connectionChoices(connections, region), cannotWork).map((c) => `${c.connection.id}${c.inRequestRegion ? ' (request)' : ''}`);
  const inRegion = (profile: string, region: string): Connection => awsConnection(profile, region, fixture.local.endpoint.url);
  // A Query request for us-east-1, the AWS connection there without credentials: Local is the default.
  assert.deepEqual(offered([fixture.connection, inRegion('default', 'us-east-1')], 'us-east-1'), ['local', 'aws:default:us-east-1 (request)']);
  assert.deepEqual(offered([fixture.connection, inRegion('ssoish', 'us-east-1')], 'us-east-1'), ['local', 'aws:ssoish:us-east-1 (request)']);
  // Working credentials in the request's Region: that connection is the default, as before.
  assert.deepEqual(offered([fixture.connection, inRegion('keys', 'us-east-1')], 'us-east-1'), ['aws:keys:us-east-1 (request)', 'local']);
  // The request's Region cannot work, another Region can: those that can work as listed, then the one that cannot.
  assert.deepEqual(offered([fixture.connection, inRegion('keys', 'eu-west-1'), inRegion('default', 'us-east-1')], 'us-east-1'), [
    'local',
    'aws:keys:eu-west-1',
    'aws:default:us-east-1 (request)',
  ]);
  // No Region in the request: as listed, those that cannot work last.
  assert.deepEqual(offered([inRegion('nosuchprofile', 'us-east-1'), fixture.connection], undefined), ['local', 'aws:nosuchprofile:us-east-1']);
}));

test('a connection whose last listing failed (fake keys, nothing answering) is marked "(unreachable)" and not preselected, though its credentials resolve', withEmptyAwsFiles(async (dir) => {
  writeProfiles(dir);
  const unreachable = awsConnection('keys', 'us-east-1', `http://127.0.0.1:${await closedPort()}`);
  const credentialCheck = (await checkCredentials(unreachable, 2000)) ?? null;
  assert.equal(credentialCheck, null, 'the static keys resolve');
  const log = new RecordingLog();
  const model = new ExplorerModel({
    connections: async () => [fixture.connection, unreachable],
    client: (c) => createClient(c, log, { maxAttempts: 1 }),
    onDidChange: () => undefined,
  });
  await model.children((await model.roots())[1]);
  const problem = knownProblem(credentialCheck, model.failureOf(unreachable.id));
  assert.equal(problem?.kind, 'network');
  assert.equal(problem?.mark, 'unreachable');
  const cannotWork = (c: Connection) => knownProblem(undefined, model.failureOf(c.id)) !== undefined;
  assert.deepEqual(
    workingFirst(connectionChoices([fixture.connection, unreachable], 'us-east-1'), cannotWork).map((c) => c.connection.id),
    ['local', 'aws:keys:us-east-1'],
  );
  // Nothing known against a connection: nothing marked.
  assert.equal(knownProblem(null, undefined), undefined);
  // A credential check's failure says more than the listing's.
  const noCredentials = (await checkCredentials(onLocal('nosuchprofile'), 300))!;
  assert.equal(knownProblem(noCredentials, problem)?.mark, 'profile not found');
}));
