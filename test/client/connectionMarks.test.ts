// A connection's mark in the create pickers ("(unreachable)", "(no credentials)", …) follows how it answers now, not
// its last listing until Refresh: a call on it that fails lists it afresh, one that goes through after a failed
// listing lists it again, and a credential check tells every Region of its profile. Against a real Local endpoint,
// stopped and started again on its port, and the real credential chain over shared files written by the test.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DeleteCacheClusterCommand } from '@aws-sdk/client-elasticache';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { type Connection, CredentialChecks, awsConnection, checkCredentials, createClient, localConnection } from '../../client/src/connections';
import { sendCreate } from '../../client/src/createFromRequest';
import { knownProblem } from '../../client/src/errors';
import { ExplorerModel } from '../../client/src/explorerModel';
import { RecordingLog, closedPort, until, withEmptyAwsFiles } from './helpers';

test('Local stopped, then started again: a failed delete marks it "(unreachable)" at once, a create that goes through clears the mark', { timeout: 60_000 }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elasticache-marks-'));
  const port = await closedPort();
  const start = () => startLocalEndpoint({ port, host: '127.0.0.1', dataDir });
  let endpoint: LocalEndpoint | undefined = await start();
  try {
    const connection = localConnection(endpoint.url);
    const client = await createClient(connection, new RecordingLog(), { maxAttempts: 1 });
    let changes = 0;
    const model = new ExplorerModel({ connections: async () => [connection], client: async () => client, onDidChange: () => changes++ });
    const mark = () => knownProblem(undefined, model.failureOf(connection.id))?.mark;
    const [root] = await model.roots();
    const input = { CacheClusterId: 'marks-1', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 };
    await model.callOn(connection, () => sendCreate(client, input, new AbortController().signal));
    await model.children(root);
    assert.equal(mark(), undefined, 'listed: not marked');

    // Stopped (elsewhere): the delete fails, and the mark says so without a Refresh.
    await endpoint.stop();
    endpoint = undefined;
    await assert.rejects(model.unlessGone(connection, 'marks-1', new DeleteCacheClusterCommand({ CacheClusterId: 'marks-1' })));
    assert.equal(await until('the mark', async () => mark()), 'unreachable');
    assert.equal((await model.children(root))[0]?.type, 'message', 'its row says so too');

    // Started again on its port: a create goes through, and the mark (and the row) follow.
    endpoint = await start();
    const before = changes;
    const created = await model.callOn(connection, () => sendCreate(client, { ...input, CacheClusterId: 'marks-2' }, new AbortController().signal));
    assert.equal(created.status, 'accepted');
    await model.track(connection, 'marks-2');
    assert.equal(mark(), undefined, 'not marked once a call went through');
    assert.ok(changes > before, 'the view was told');
    const ids = (await model.children(root)).map((i) => (i.type === 'cluster' ? i.cluster.CacheClusterId : i.type));
    assert.deepEqual(ids.sort(), ['marks-1', 'marks-2']);
    client.destroy();
  } finally {
    await endpoint?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a credential check tells every Region of its profile: "(no credentials)" there too, and gone there once they resolve', withEmptyAwsFiles(async (dir) => {
  const checks = new CredentialChecks();
  const at = (profile: string, region: string): Connection => awsConnection(profile, region);
  const mark = (c: Connection) => knownProblem(checks.get(c), undefined)?.mark;
  checks.set(at('default', 'us-east-1'), await checkCredentials(at('default', 'us-east-1'), 300));
  assert.equal(mark(at('default', 'us-east-1')), 'no credentials');
  assert.equal(mark(at('default', 'eu-west-1')), 'no credentials', 'the same profile in another Region');
  assert.equal(checks.get(at('other', 'eu-west-1')), undefined, 'another profile: not checked');
  assert.equal(checks.get(localConnection('http://127.0.0.1:1')), undefined, 'Local has no credentials to check');

  // Configured meanwhile (aws configure): the create's check in us-east-1 clears eu-west-1's mark too.
  fs.writeFileSync(path.join(dir, 'credentials'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
  checks.set(at('default', 'us-east-1'), await checkCredentials(at('default', 'us-east-1'), 2000));
  assert.equal(checks.get(at('default', 'eu-west-1')), null);
  assert.equal(mark(at('default', 'eu-west-1')), undefined);
  checks.clear();
  assert.equal(checks.get(at('default', 'us-east-1')), undefined);
}));
