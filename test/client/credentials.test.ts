// Credentials resolved before a create on AWS, and afresh after Refresh: with no credentials the check reports
// noCredentials (so the billing confirmation is never shown for a create that cannot work); credentials written to
// the shared files afterwards (what `aws configure` does) are found by the next check and by a rebuilt client,
// which then lists clusters (against the real Local endpoint, standing in for AWS).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { type Connection, checkCredentials, createClient } from '../../client/src/connections';
import { ExplorerModel } from '../../client/src/explorerModel';
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
