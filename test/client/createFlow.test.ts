// The create flow on AWS without credentials, with its dialogs answered by the test: after "Configure AWS Profile"
// the same create carries on (credentials checked again, then the billing confirmation, which says it costs money)
// and the cluster is created, against the real Local endpoint standing in for AWS; "Use Local" creates on Local
// without a bill to confirm. The credential checks are the real ones, over empty shared config files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { type Connection, awsConnection, awsConnections, checkCredentials, createClient } from '../../client/src/connections';
import { CONFIGURE_PROFILE, CONTINUE_CREATE, CREATE_BILLED, type CreatePrompts, type ProfileChoice, type Question, USE_LOCAL, billingQuestion, chooseCreateTarget, createProgressText } from '../../client/src/createFlow';
import { createCacheCluster, sendCreate, waitUntilAvailable, waitUntilGroupAvailable } from '../../client/src/createFromRequest';
import { createSummary } from '../../client/src/replicationGroups';
import { ExplorerModel } from '../../client/src/explorerModel';
import { localClientForFile, withEmptyAwsFiles } from './helpers';

const fixture = localClientForFile();

const INPUT = { CacheClusterId: 'resumed-create', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 };
/** What `aws configure` writes: a default profile with a key (the Local endpoint accepts any signature). */
const CREDENTIALS = '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

interface Script {
  /** Answers to the modal questions, in order. */
  answers: (string | undefined)[];
  /** What the Configure AWS Profile picker does (e.g. writes the credentials file) and ends with. */
  configure?: () => ProfileChoice | undefined;
  /** Whether the user clicks "Continue Create" (after reading the docs). */
  continues?: boolean;
}

/** Dialogs answered from a script, recording what the user was asked; settings as the explorer reads them. */
function scriptedPrompts(script: Script, settings: { profile?: string; regions: string[] }) {
  const asked: Question[] = [];
  const offers: string[] = [];
  /** Whether each opening of the profile picker offered Use Local. */
  const pickerOfferedLocal: boolean[] = [];
  const prompts: CreatePrompts = {
    checkCredentials,
    ask: async (q) => {
      asked.push(q);
      assert.ok(script.answers.length > 0, `an unexpected question: ${q.message}`);
      const answer = script.answers.shift();
      if (answer !== undefined) assert.ok(q.buttons.includes(answer), `"${answer}" is not a button of: ${q.message}`);
      return answer;
    },
    configureProfile: async (offerLocal) => {
      pickerOfferedLocal.push(offerLocal);
      const choice = script.configure?.();
      if (choice?.kind === 'profile') settings.profile = choice.profile;
      return choice;
    },
    offerToContinue: async (message, button) => {
      offers.push(`${message} [${button}]`);
      return script.continues === true;
    },
    connections: async () => connectionsFor(settings),
    listRegions: async (regions) => {
      listedRegions.push(regions);
      settings.regions = regions;
    },
    localConnection: async () => fixture.connection,
  };
  const listedRegions: string[][] = [];
  return { prompts, asked, offers, listedRegions, pickerOfferedLocal };
}

/** The explorer's roots for these settings (as extension.ts builds them), with the Local endpoint standing in for AWS. */
async function connectionsFor(settings: { profile?: string; regions: string[] }): Promise<Connection[]> {
  return [fixture.connection, ...(await awsConnections({ ...settings, endpointUrl: fixture.connection.endpoint }))];
}

async function awsWithoutCredentials(settings: { profile?: string; regions: string[] }): Promise<Connection> {
  const [aws] = await awsConnections({ ...settings, endpointUrl: fixture.connection.endpoint });
  return aws!;
}

test('Configure AWS Profile: the create continues with the same request, confirms the bill, and the cluster is created', { timeout: 60_000 }, withEmptyAwsFiles(async (dir) => {
  const settings = { regions: ['us-east-1'] };
  const chosen = await awsWithoutCredentials(settings);
  const { prompts, asked, listedRegions } = scriptedPrompts(
    {
      answers: [CONFIGURE_PROFILE, CREATE_BILLED],
      configure: () => {
        fs.writeFileSync(path.join(dir, 'credentials'), CREDENTIALS);
        return { kind: 'profile', profile: 'default' };
      },
    },
    settings,
  );
  const target = await chooseCreateTarget(chosen, INPUT, prompts);

  assert.deepEqual(asked.map((q) => q.buttons), [[CONFIGURE_PROFILE, USE_LOCAL], [CREATE_BILLED]], 'the credentials question, then (not starting again) the bill');
  assert.match(asked[0]!.message, /^No AWS credentials found for profile default: cache cluster "resumed-create" cannot be created in us-east-1\.$/);
  assert.match(asked[1]!.message, /resumed-create.*us-east-1 \(profile default\)/);
  assert.match(asked[1]!.detail, /billed for each hour or partial hour of its 1 cache\.t3\.micro node, even if/, 'the confirmation says it costs money');
  assert.equal(target?.id, 'aws:default:us-east-1', 'the connection the create was for');
  assert.doesNotMatch(asked[1]!.detail, /explorer/, 'the explorer lists the Region already: nothing to say about it');
  assert.deepEqual(listedRegions, [], 'nor a setting to change');

  // The create goes through with the credentials now configured.
  const client = await createClient(target!, fixture.log);
  try {
    await createCacheCluster(client, INPUT);
    assert.equal((await waitUntilAvailable(client, INPUT.CacheClusterId, { timeoutMs: 30_000, intervalMs: 100 })).CacheClusterStatus, 'available');
  } finally {
    client.destroy();
  }
}));

test('a profile of another Region: the create stays in its Region, the confirmation says the explorer adds it, and the explorer shows the cluster', { timeout: 60_000 }, withEmptyAwsFiles(async (dir) => {
  // No Regions configured: the explorer lists the profile's Region (none for the default profile: us-east-1).
  const settings: { profile?: string; regions: string[] } = { regions: [] };
  const chosen = await awsWithoutCredentials(settings);
  assert.equal(chosen.region, 'us-east-1');
  const work = () => {
    fs.writeFileSync(path.join(dir, 'config'), '[profile work]\nregion = eu-west-1\n');
    fs.writeFileSync(path.join(dir, 'credentials'), CREDENTIALS.replace('[default]', '[work]'));
    return { kind: 'profile' as const, profile: 'work' };
  };

  // Not confirming the bill: nothing created, and the settings stay as they were.
  const declined = scriptedPrompts({ answers: [CONFIGURE_PROFILE, undefined], configure: work }, settings);
  assert.equal(await chooseCreateTarget(chosen, INPUT, declined.prompts), undefined, 'the bill was not confirmed: nothing to create');
  assert.match(declined.asked[1]!.message, /in us-east-1 \(profile work\)\?$/, 'the Region the create was for, the profile that pays');
  assert.deepEqual(declined.listedRegions, []);
  assert.deepEqual(settings.regions, []);
  assert.deepEqual((await connectionsFor(settings)).map((c) => c.id), ['local', 'aws:work:eu-west-1'], 'with that profile the explorer lists eu-west-1 only');

  // Confirmed: the billing question said the Region is added, and it is, next to the profile's own.
  settings.profile = undefined;
  const { prompts, asked, listedRegions } = scriptedPrompts({ answers: [CONFIGURE_PROFILE, CREATE_BILLED], configure: work }, settings);
  const target = await chooseCreateTarget(chosen, INPUT, prompts);
  assert.equal(target?.id, 'aws:work:us-east-1', 'created where the user chose, with the chosen profile\'s credentials');
  assert.match(asked[1]!.detail, /billed for each hour/);
  assert.match(asked[1]!.detail, /The explorer lists eu-west-1 for profile work: us-east-1 is added to its Regions \(setting elasticache\.regions\) so that it shows the cluster\.$/);
  assert.deepEqual(listedRegions, [['eu-west-1', 'us-east-1']]);

  // The explorer, built from the settings as they are now, lists the Region and shows the created cluster there.
  const connections = await connectionsFor(settings);
  assert.deepEqual(connections.map((c) => c.id), ['local', 'aws:work:eu-west-1', 'aws:work:us-east-1']);
  const client = await createClient(target!, fixture.log);
  try {
    await createCacheCluster(client, { ...INPUT, CacheClusterId: 'other-region-create' });
    const explorer = new ExplorerModel({ connections: async () => connections, client: async () => client, onDidChange: () => {} });
    const tracked = await explorer.track(target!, 'other-region-create');
    assert.equal(tracked?.id, 'aws:work:us-east-1/other-region-create', 'listed under the connection it was created on');
    const root = (await explorer.roots()).find((r) => r.id === target!.id)!;
    assert.ok((await explorer.children(root)).some((i) => i.type === 'cluster' && i.cluster.CacheClusterId === 'other-region-create'));
  } finally {
    client.destroy();
  }
}));

test('still no credentials after choosing a profile: asked again; the docs offer to continue in one click', withEmptyAwsFiles(async (dir) => {
  const settings = { regions: ['us-east-1'] };
  const chosen = await awsWithoutCredentials(settings);
  const picks: ProfileChoice[] = [{ kind: 'profile', profile: 'default' }, { kind: 'docs' }];
  const { prompts, asked, offers } = scriptedPrompts(
    {
      answers: [CONFIGURE_PROFILE, CONFIGURE_PROFILE, CREATE_BILLED],
      configure: () => {
        const pick = picks.shift();
        // Reading the docs, the user runs `aws configure` in a terminal.
        if (pick?.kind === 'docs') fs.writeFileSync(path.join(dir, 'credentials'), CREDENTIALS);
        return pick;
      },
      continues: true,
    },
    settings,
  );
  const target = await chooseCreateTarget(chosen, INPUT, prompts);
  assert.deepEqual(asked.map((q) => q.buttons[0]), [CONFIGURE_PROFILE, CONFIGURE_PROFILE, CREATE_BILLED]);
  assert.deepEqual(offers, [`Cache cluster "resumed-create" was not created yet: no AWS credentials. Configure them (aws configure, aws sso login), then continue the create. [${CONTINUE_CREATE}]`]);
  assert.equal(target?.id, 'aws:default:us-east-1');

  // Not clicking "Continue Create" ends the create without a bill.
  fs.writeFileSync(path.join(dir, 'credentials'), '');
  const declined = scriptedPrompts({ answers: [CONFIGURE_PROFILE], configure: () => ({ kind: 'docs' }), continues: false }, settings);
  assert.equal(await chooseCreateTarget(chosen, INPUT, declined.prompts), undefined);
  assert.equal(declined.asked.length, 1);
}));

test('Use Local (in the question or in the profile picker): created on Local, no bill to confirm', withEmptyAwsFiles(async () => {
  const settings = { regions: ['us-east-1'] };
  const chosen = await awsWithoutCredentials(settings);
  const direct = scriptedPrompts({ answers: [USE_LOCAL] }, settings);
  assert.equal((await chooseCreateTarget(chosen, INPUT, direct.prompts))?.id, 'local');
  assert.equal(direct.asked.length, 1);
  const picked = scriptedPrompts({ answers: [CONFIGURE_PROFILE], configure: () => ({ kind: 'local' }) }, settings);
  assert.equal((await chooseCreateTarget(chosen, INPUT, picked.prompts))?.id, 'local');
  // Local from the start: nothing asked.
  const local = scriptedPrompts({ answers: [] }, settings);
  assert.equal(await chooseCreateTarget(fixture.connection, INPUT, local.prompts), fixture.connection);
}));

test('a cluster-mode-enabled replication group without credentials: Use Local is offered neither in the question nor in the profile picker, and the question says why', withEmptyAwsFiles(async () => {
  const settings = { regions: ['us-east-1'] };
  const chosen = await awsWithoutCredentials(settings);
  const sharded = createSummary({ action: 'CreateReplicationGroup', input: { ReplicationGroupId: 'sharded', ReplicationGroupDescription: 'sharded', Engine: 'redis', CacheNodeType: 'cache.t3.micro', CacheParameterGroupName: 'default.redis7.cluster.on', NumNodeGroups: 2 } });
  const refused = scriptedPrompts({ answers: [CONFIGURE_PROFILE], configure: () => ({ kind: 'local' }) }, settings);
  assert.equal(await chooseCreateTarget(chosen, sharded, refused.prompts), undefined, 'Local is not taken, even if a picker offered it');
  assert.deepEqual(refused.asked.map((q) => q.buttons), [[CONFIGURE_PROFILE]]);
  assert.equal(
    refused.asked[0]!.detail,
    'Configure a profile (aws configure, aws sso login) and choose it: the create then continues. The free Local endpoint cannot create this replication group instead: it does not run cluster mode (the parameter group default.redis7.cluster.on enables it; NumNodeGroups is 2).',
  );
  assert.deepEqual(refused.pickerOfferedLocal, [false]);
  // Clean: a cluster-mode-disabled group is offered Local in both places, and goes there.
  const single = createSummary({ action: 'CreateReplicationGroup', input: { ReplicationGroupId: 'single', ReplicationGroupDescription: 'single', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheClusters: 2 } });
  const offered = scriptedPrompts({ answers: [CONFIGURE_PROFILE], configure: () => ({ kind: 'local' }) }, settings);
  assert.equal((await chooseCreateTarget(chosen, single, offered.prompts))?.id, 'local');
  assert.deepEqual(offered.asked.map((q) => q.buttons), [[CONFIGURE_PROFILE, USE_LOCAL]]);
  assert.match(offered.asked[0]!.detail, /Or create the replication group on the free Local endpoint on this machine instead\.$/);
  assert.deepEqual(offered.pickerOfferedLocal, [true]);
}));

test('the billing confirmation counts nodes in plain English: 1 node, 3 nodes', async () => {
  const aws = awsConnection('default', 'us-east-1');
  const one = billingQuestion(aws, { CacheClusterId: 'one', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }).detail;
  const three = billingQuestion(aws, { CacheClusterId: 'three', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 3 }).detail;
  assert.match(one, /of its 1 cache\.t3\.micro node, even if you do not use it/);
  assert.match(three, /of each of its 3 cache\.t3\.micro nodes, even if you do not use it/);
  assert.doesNotMatch(one + three, /\(s\)/);
});

test("the create's progress says each fact once: what is created, where when not where the request is written for, what Cancel does", () => {
  const onLocal = createProgressText('rev-memc3', 'us-east-1');
  assert.equal(onLocal.title, 'ElastiCache: creating rev-memc3 on the Local endpoint (written for us-east-1)');
  assert.equal(onLocal.following, 'Cancel stops following; the creation goes on.');
  const asWritten = createProgressText('rev-memc3');
  assert.equal(asWritten.title, 'ElastiCache: creating rev-memc3');
  // The notification shows `title: message`; "creating" once, and short enough to read at a glance.
  const shown = `${onLocal.title}: ${onLocal.following}`;
  assert.equal(shown.match(/creat/g)?.length, 2, shown);
  assert.ok(shown.length <= 130, `${shown.length} characters`);
});

test('a replication group without credentials: the questions name the group; after the profile, the bill counts its nodes; it is created', { timeout: 60_000 }, withEmptyAwsFiles(async (dir) => {
  const settings = { regions: ['us-east-1'] };
  const chosen = await awsWithoutCredentials(settings);
  const spec = { action: 'CreateReplicationGroup' as const, input: { ReplicationGroupId: 'resumed-group', ReplicationGroupDescription: 'd', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheClusters: 2 } };
  const { prompts, asked, offers } = scriptedPrompts(
    {
      answers: [CONFIGURE_PROFILE, CREATE_BILLED],
      configure: () => {
        fs.writeFileSync(path.join(dir, 'credentials'), CREDENTIALS);
        return { kind: 'docs' };
      },
      continues: true,
    },
    settings,
  );
  const target = await chooseCreateTarget(chosen, createSummary(spec), prompts);
  assert.equal(asked[0]!.message, 'No AWS credentials found for profile default: replication group "resumed-group" cannot be created in us-east-1.');
  assert.match(asked[0]!.detail, /create the replication group on the free Local endpoint/);
  assert.deepEqual(offers, ['Replication group "resumed-group" was not created yet: no AWS credentials. Configure them (aws configure, aws sso login), then continue the create. [Continue Create]']);
  assert.equal(asked[1]!.message, 'Create replication group "resumed-group" in us-east-1 (profile default)?');
  assert.match(asked[1]!.detail, /each of its 2 cache\.t3\.micro nodes \(a primary and 1 replica\)/);
  assert.equal(target?.kind, 'aws');
  // The Local endpoint stands in for AWS: the request goes through on the connection chosen.
  const client = await createClient(target!, { info: () => {}, error: () => {} });
  const sent = await sendCreate(client, spec, new AbortController().signal);
  assert.equal(sent.status, 'accepted');
  assert.equal((await waitUntilGroupAvailable(client, 'resumed-group', { timeoutMs: 30_000, intervalMs: 100 })).Status, 'available');
}));
