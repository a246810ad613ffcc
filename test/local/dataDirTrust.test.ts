// The endpoint runs what its data directory holds, so it trusts no file there it did not write for this start: each
// node's redis.conf is written afresh from the recorded state (only the password carried over), a directory that
// other users could write to (or that another user owns) is refused, and a `.gitignore` keeps the directory (AUTH
// passwords, the TLS key) out of any repository it is kept in.
import { CreateCacheClusterCommand, CreateReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { createClient } from 'redis';
import { startLocalEndpoint, type LocalEndpoint } from '../../local/src/index';
import { killRecordedAndRemove, recordedPids, sdkClient, tempDataDir, waitAvailable } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A data directory removed (with any node it records) after the file's tests. */
function dataDirForTest(dir = tempDataDir()): string {
  cleanups.push(() => killRecordedAndRemove(dir));
  return dir;
}

async function started(dataDir: string): Promise<LocalEndpoint> {
  const endpoint = await startLocalEndpoint({ port: 0, dataDir });
  cleanups.push(() => endpoint.stop());
  return endpoint;
}

test('a node\'s redis.conf is written afresh at every start: lines added to it are not run; the AuthToken carries over, a replica keeps its primary', { timeout: 90_000 }, async () => {
  const dataDir = dataDirForTest();
  const token = 'kept-token-kept-token';
  let endpoint = await started(dataDir);
  let client = sdkClient(endpoint.url);
  await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'conf-auth', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true, CacheSubnetGroupName: 'default', AuthToken: token }));
  await client.send(new CreateReplicationGroupCommand({ ReplicationGroupId: 'conf-rg', ReplicationGroupDescription: 'rg', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheClusters: 2 }));
  for (const id of ['conf-auth', 'conf-rg-001', 'conf-rg-002']) await waitAvailable(client, id);
  client.destroy();
  await endpoint.stop();

  // What a repository could ship in a data directory: native code to load, a log file elsewhere.
  const pwnedLog = path.join(dataDir, 'pwned.log');
  const confOf = (id: string) => path.join(dataDir, 'clusters', id, '0001', 'redis.conf');
  for (const id of ['conf-auth', 'conf-rg-002']) appendFileSync(confOf(id), `logfile "${pwnedLog}"\nloadmodule /nonexistent/evil.so\n`);

  endpoint = await started(dataDir);
  client = sdkClient(endpoint.url);
  const [auth, , replica] = await Promise.all(['conf-auth', 'conf-rg-001', 'conf-rg-002'].map((id) => waitAvailable(client, id)));
  client.destroy();
  assert.equal(existsSync(pwnedLog), false, 'the added logfile line was obeyed');
  for (const id of ['conf-auth', 'conf-rg-002']) assert.doesNotMatch(readFileSync(confOf(id), 'utf8'), /loadmodule|pwned/, id);

  // The AuthToken is still the node's password.
  const socket = { host: '127.0.0.1', port: auth!.CacheNodes![0]!.Endpoint!.Port!, tls: true, rejectUnauthorized: false, reconnectStrategy: false } as const;
  const noToken = createClient({ socket });
  noToken.on('error', () => {});
  await assert.rejects(noToken.connect(), /NOAUTH/);
  noToken.destroy();
  const withToken = createClient({ socket, password: token });
  withToken.on('error', () => {});
  await withToken.connect();
  assert.equal(await withToken.ping(), 'PONG');
  await withToken.quit();
  // The replica still copies its primary.
  const replicaClient = createClient({ socket: { host: '127.0.0.1', port: replica!.CacheNodes![0]!.Endpoint!.Port!, reconnectStrategy: false } });
  replicaClient.on('error', () => {});
  await replicaClient.connect();
  assert.match(await replicaClient.info('replication'), /role:slave/);
  await replicaClient.quit();
});

/** Why the endpoint does not start on `dataDir` (an endpoint that starts is stopped at once). */
async function startError(dataDir: string): Promise<Error | undefined> {
  try {
    await (await startLocalEndpoint({ port: 0, dataDir })).stop();
    return undefined;
  } catch (err) {
    return err as Error;
  }
}

test('a data directory other users can write to, or another user owns, is refused before anything is read or written', async () => {
  const shared = dataDirForTest();
  chmodSync(shared, 0o777);
  assert.equal(
    (await startError(shared))?.message,
    `data directory ${shared} can be written by other users (mode 777), who could make the endpoint run their programs: remove their write access (chmod o-w ${shared}) or use another directory`,
  );
  assert.equal(existsSync(path.join(shared, 'endpoint.pid')), false);
  if (process.getuid?.() === 0) {
    const others = dataDirForTest();
    chownSync(others, 65534, 65534);
    assert.match((await startError(others))?.message ?? 'started', /^data directory .* belongs to another user \(uid 65534\), who could make the endpoint run their programs: use a directory of your own$/);
    // Group-writable, its group not the user's private group: the group's members could write to it.
    const otherGroup = dataDirForTest();
    chownSync(otherGroup, 0, 65534);
    chmodSync(otherGroup, 0o775);
    const groupName = readFileSync('/etc/group', 'utf8').match(/^([^:\n]+):[^:\n]*:65534:/m)?.[1];
    assert.equal(
      (await startError(otherGroup))?.message,
      `data directory ${otherGroup} can be written by the members of group ${groupName ? `${groupName} (gid 65534)` : '65534'}, not a group of yours alone (mode 775), who could make the endpoint run their programs: remove their write access (chmod g-w ${otherGroup}) or use another directory`,
    );
    chmodSync(otherGroup, 0o777);
    assert.match((await startError(otherGroup))?.message ?? 'started', /can be written by other users \(mode 777\), .*\(chmod go-w /);
  }
  // Clean cases: readable by others is fine (mode 755), and so is group write for the user's private group (mode 775,
  // what umask 002 gives with user private groups: Fedora, RHEL; here root's group root, gid 0).
  chmodSync(shared, 0o755);
  await (await started(shared)).stop();
  const ownGroup = dataDirForTest();
  chownSync(ownGroup, process.getuid!(), process.getgid!());
  chmodSync(ownGroup, 0o775);
  await (await started(ownGroup)).stop();
});

test('group write is trusted for a user private group only: a shared primary group (openSUSE users) is refused', async () => {
  const { isUserPrivateGroup } = await import('../../local/src/index');
  const groups = 'root:x:0:\nusers:x:100:\nalice:x:1000:\nbob:x:1001:bob\nshared:x:1002:carol,dave\n';
  const alice = { uid: 1000, username: 'alice' };
  // Clean: the group of alice's own name and number, no other member (Fedora, RHEL, Debian); bob listed in his own.
  assert.equal(isUserPrivateGroup(1000, alice, groups), true);
  assert.equal(isUserPrivateGroup(1001, { uid: 1001, username: 'bob' }, groups), true);
  // Hits: openSUSE's primary group users; a group numbered as the user but named otherwise, or with other members;
  // a group /etc/group does not have (LDAP); no user name.
  assert.equal(isUserPrivateGroup(100, alice, groups), false);
  assert.equal(isUserPrivateGroup(1002, { uid: 1002, username: 'carol' }, groups), false);
  assert.equal(isUserPrivateGroup(1002, { uid: 1002, username: 'shared' }, groups), false);
  assert.equal(isUserPrivateGroup(1000, alice, 'root:x:0:\n'), false);
  assert.equal(isUserPrivateGroup(1000, { uid: 1000, username: '' }, groups), false);
  // Shared without being listed: another user's primary group in /etc/passwd, or a second group of the same number.
  const passwd = 'root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n';
  assert.equal(isUserPrivateGroup(1000, alice, groups, passwd), true);
  assert.equal(isUserPrivateGroup(1000, alice, groups, `${passwd}eve:x:1005:1000::/home/eve:/bin/sh\n`), false);
  assert.equal(isUserPrivateGroup(1000, alice, `${groups}team:x:1000:eve\n`, passwd), false);

  // The endpoint started by a process whose primary group is a shared one (root, primary group users): refused.
  if (process.getuid?.() !== 0) return;
  const usersGid = Number(readFileSync('/etc/group', 'utf8').match(/^users:[^:\n]*:(\d+):/m)?.[1] ?? 100);
  const dir = dataDirForTest();
  chownSync(dir, 0, usersGid);
  chmodSync(dir, 0o775);
  const script = `import('${path.join(__dirname, '../../local/src/index.ts')}').then(async (m) => { const { startLocalEndpoint } = m.startLocalEndpoint ? m : m.default; try { await (await startLocalEndpoint({ port: 0, dataDir: process.argv[1] })).stop(); console.log('started'); } catch (e) { console.log(e.message); } });`;
  const run = () => execFileSync(process.execPath, ['--import', 'tsx', '-e', script, dir], { gid: usersGid, uid: 0, encoding: 'utf8', cwd: path.join(__dirname, '../..') }).trim();
  assert.match(run(), new RegExp(`can be written by the members of group users \\(gid ${usersGid}\\), not a group of yours alone \\(mode 775\\).*\\(chmod g-w `));
  // Clean: without group write, the same process starts it.
  chmodSync(dir, 0o755);
  assert.equal(run(), 'started');
});

test('the data directory inside a repository is never committed: the endpoint writes a .gitignore of * there', { timeout: 60_000 }, async () => {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'elasticache-local-repo-'));
  cleanups.push(() => killRecordedAndRemove(repo));
  execFileSync('git', ['init', '-q', repo]);
  const dataDir = path.join(repo, 'ec-data');
  mkdirSync(dataDir, { mode: 0o700 });
  const endpoint = await started(dataDir);
  const client = sdkClient(endpoint.url);
  // A node with a password (in its redis.conf) and the TLS key.
  await client.send(new CreateCacheClusterCommand({ CacheClusterId: 'in-repo', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true, CacheSubnetGroupName: 'default', AuthToken: 'repo-token-repo-token' }));
  await waitAvailable(client, 'in-repo');
  client.destroy();
  assert.ok(existsSync(path.join(dataDir, 'tls', 'key.pem')));
  assert.equal(execFileSync('git', ['-C', repo, 'status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' }), '');
  assert.ok(recordedPids(dataDir).length === 1);
  await endpoint.stop();
});
