// "Start Local Endpoint" adopts an endpoint already listening on elasticache.local.port only when it is the real
// endpoint of the configured data directory; any other process on that port (which would receive AuthTokens) is
// passed over for a free port, even one that answers exactly like ElastiCache.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createClient, localConnection } from '../../client/src/connections';
import { createCacheCluster, waitUntilAvailable } from '../../client/src/createFromRequest';
import { LocalEndpointManager, restartWithNewSettings, answersDescribeCacheClusters, isOwnLocalEndpoint, listensOn, runningCacheNodes, startLocalFor, commandLineOf, dataDirInUseMessage, listeningPorts, resolveLocalDataDir, settingsChangedNotice, startedElsewhereNotice, startedNotice } from '../../client/src/localEndpoint';
import { RecordingLog, closedPort, startLocal } from './helpers';
import { startCli, stopCli, tempDataDir } from '../local/helpers';

const onLinux = fs.existsSync('/proc/net/tcp');

test('the endpoint of the configured data directory, already running on the port, is adopted and left running', { skip: !onLinux && 'needs /proc' }, async () => {
  const running = await startLocal();
  const manager = new LocalEndpointManager();
  try {
    assert.equal(listensOn(process.pid, running.endpoint.port), true);
    assert.equal(await answersDescribeCacheClusters(running.endpoint.url), true);
    assert.equal(await isOwnLocalEndpoint(running.endpoint.port, running.dataDir), true);
    const lines: string[] = [];
    const adopted = await manager.start({ port: running.endpoint.port, dataDir: running.dataDir, log: (l) => lines.push(l) });
    assert.equal(adopted.url, `http://127.0.0.1:${running.endpoint.port}`);
    assert.match(lines.join('\n'), /Using the Local endpoint already listening/);
    // Stop says who runs it instead of pretending to stop it.
    assert.equal(adopted.startedBy?.pid, process.pid);
    assert.equal(adopted.startedBy?.command, commandLineOf(process.pid));
    const unusedDataDir = path.join(os.tmpdir(), `elasticache-unused-${randomUUID()}`);
    assert.deepEqual(settingsChangedNotice(adopted, ['elasticache.local.dataDir'], { port: running.endpoint.port, dataDir: unusedDataDir }), {
      message: `elasticache.local.dataDir changed, but this window still uses the Local endpoint at ${adopted.url} (data in ${running.dataDir}), which another process runs. Start one with the new settings to use them.`,
      button: 'Use the New Settings',
    });
    // Only the port changed: that endpoint keeps the data folder, so none can start with the new settings. Said up
    // front, with no button whose start would fail.
    const otherPort = await closedPort();
    assert.deepEqual(settingsChangedNotice(adopted, ['elasticache.local.port'], { port: otherPort, dataDir: running.dataDir }), {
      message:
        `elasticache.local.port changed, but no Local endpoint can start with the new settings: another Local endpoint, at ${adopted.url}, uses the data folder ${running.dataDir}. ` +
        `To use port ${otherPort}, set elasticache.local.dataDir to another folder too, or stop that endpoint where it was started.`,
    });
    assert.match(settingsChangedNotice(adopted, ['elasticache.local.port', 'elasticache.local.dataDir'], { port: otherPort, dataDir: running.dataDir }).message, /\. Set elasticache\.local\.dataDir to a folder no endpoint uses, or stop that endpoint/);
    // Back to the port that endpoint listens on: a start uses it, so the button stays.
    assert.equal(settingsChangedNotice(adopted, ['elasticache.local.port'], { port: running.endpoint.port, dataDir: running.dataDir }).button, 'Use the New Settings');
    assert.match(startedElsewhereNotice(adopted) ?? '', new RegExp(`^The Local endpoint at ${adopted.url} keeps running: another process started it \\(pid ${process.pid}: .*node`));
    await manager.stop();
    assert.equal(await answersDescribeCacheClusters(running.endpoint.url), true, 'an adopted endpoint is not stopped');
  } finally {
    await manager.stop();
    await running.close();
  }
});

test('an impostor on the port that answers exactly like ElastiCache is not adopted: the endpoint starts on a free port', async () => {
  // Answers every request with a well-formed DescribeCacheClustersResponse, as a hostile process on the port could.
  const impostor = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(
        `<DescribeCacheClustersResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/"><DescribeCacheClustersResult><CacheClusters/></DescribeCacheClustersResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></DescribeCacheClustersResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
  const port = (impostor.address() as AddressInfo).port;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elasticache-client-adopt-'));
  const manager = new LocalEndpointManager();
  try {
    assert.equal(await answersDescribeCacheClusters(`http://127.0.0.1:${port}`), true, 'it does answer like ElastiCache');
    assert.equal(await isOwnLocalEndpoint(port, dataDir), false, 'but it is not the endpoint of the data directory');
    const lines: string[] = [];
    const started = await manager.start({ port, dataDir, log: (l) => lines.push(l) });
    assert.notEqual(started.port, port);
    assert.equal(started.dataDir, path.resolve(dataDir));
    assert.match(lines.join('\n'), /in use by another process; starting the Local endpoint on a free port/);
    assert.equal(await answersDescribeCacheClusters(started.url), true);
    // The Start command's notice says so (was only "listening on …", the reason in the log).
    assert.equal(started.portTaken, port);
    const notice = startedNotice(started);
    assert.equal(notice.warning, true);
    assert.match(notice.message, new RegExp(`^Port ${port} \\(elasticache\\.local\\.port\\) is in use by another program, not by the Local endpoint of .*: the Local endpoint started on ${started.url} instead`));
    assert.match(notice.message, /If that program is a Local endpoint of another data folder \(e\.g\. npm start -- --data DIR\), set elasticache\.local\.dataDir to that folder; otherwise stop that program or choose another elasticache\.local\.port\.$/);
  } finally {
    await manager.stop();
    await new Promise<void>((resolve) => impostor.close(() => resolve()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a process that is not ElastiCache at all is not adopted either', async () => {
  const other = http.createServer((req, res) => res.end('<html>hello</html>'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    const port = (other.address() as AddressInfo).port;
    assert.equal(await answersDescribeCacheClusters(`http://127.0.0.1:${port}`), false);
    if (onLinux) assert.equal(listensOn(process.pid, port), true, 'the socket check alone would not tell');
  } finally {
    await new Promise<void>((resolve) => other.close(() => resolve()));
  }
});

test('Stop asks about the cache nodes it stops: none on a fresh endpoint, then every node of every cluster', { timeout: 60_000 }, async () => {
  const local = await startLocal();
  const client = await createClient(localConnection(local.endpoint.url), new RecordingLog());
  try {
    assert.deepEqual(await runningCacheNodes(client), { clusters: 0, nodes: 0 }, 'nothing to ask about');
    await createCacheCluster(client, { CacheClusterId: 'stop-mc', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 2 });
    await createCacheCluster(client, { CacheClusterId: 'stop-valkey', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 });
    await waitUntilAvailable(client, 'stop-mc', { timeoutMs: 30_000, intervalMs: 100 });
    await waitUntilAvailable(client, 'stop-valkey', { timeoutMs: 30_000, intervalMs: 100 });
    assert.deepEqual(await runningCacheNodes(client), { clusters: 2, nodes: 3 });
  } finally {
    client.destroy();
    await local.close();
  }
});

test('Local started as a step of another action (a create) is a line of its progress, with no notice of its own; the Start command gets one', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elasticache-client-step-'));
  const manager = new LocalEndpointManager();
  try {
    const reported: string[] = [];
    const asStep = await startLocalFor(manager, { port: 0, dataDir }, { kind: 'step', report: (m) => reported.push(m) });
    assert.deepEqual(reported, ['starting the Local endpoint…']);
    assert.equal(asStep.notice, undefined, 'no "listening" toast on top of the action\'s progress');
    assert.equal(await answersDescribeCacheClusters(asStep.endpoint.url), true);
    // Already running: a step has nothing to report, and the command says where it listens.
    const again = await startLocalFor(manager, { port: 0, dataDir }, { kind: 'step', report: (m) => reported.push(m) });
    assert.equal(reported.length, 1);
    assert.equal(again.endpoint.url, asStep.endpoint.url);
    const command = await startLocalFor(manager, { port: 0, dataDir }, { kind: 'command' });
    assert.deepEqual(command.notice, { message: `Local endpoint listening on ${asStep.endpoint.url}.`, warning: false });
  } finally {
    await manager.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('"Use the New Settings" drops the endpoint another process runs and says so before starting one: a failed start leaves no stale endpoint shown', { skip: !onLinux && 'needs /proc' }, async () => {
  const running = await startLocal();
  const manager = new LocalEndpointManager();
  try {
    await manager.start({ port: running.endpoint.port, dataDir: running.dataDir });
    const steps: string[] = [];
    const failedStart = restartWithNewSettings(manager, {
      stopOwn: async () => (steps.push('stopOwn'), true),
      dropped: () => void steps.push(`dropped (running: ${manager.running ? 'yes' : 'no'})`),
      start: async () => {
        steps.push('start');
        throw new Error('data folder in use');
      },
    });
    await assert.rejects(failedStart, /data folder in use/);
    assert.deepEqual(steps, ['dropped (running: no)', 'start']);
    assert.equal(await answersDescribeCacheClusters(running.endpoint.url), true, 'the other process\'s endpoint is left running');

    // This window's own endpoint: stopped through stopOwn (which may ask); not stopped, not started.
    const ownDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elasticache-client-own-'));
    try {
      await manager.start({ port: 0, dataDir: ownDir });
      steps.length = 0;
      await restartWithNewSettings(manager, { stopOwn: async () => (steps.push('stopOwn'), false), dropped: () => void steps.push('dropped'), start: async () => steps.push('start') });
      assert.deepEqual(steps, ['stopOwn']);
    } finally {
      await manager.stop();
      fs.rmSync(ownDir, { recursive: true, force: true });
    }
  } finally {
    await manager.stop();
    await running.close();
  }
});

test('an endpoint this window started is stopped by Stop (no "started elsewhere" notice)', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elasticache-client-own-'));
  const manager = new LocalEndpointManager();
  try {
    const started = await manager.start({ port: 0, dataDir });
    assert.equal(started.startedBy, undefined);
    // Changing the port or data folder while it runs changes nothing until it restarts: said, with Restart offered.
    // Its own data folder is freed by the restart's stop: no obstacle.
    assert.deepEqual(settingsChangedNotice(started, ['elasticache.local.port', 'elasticache.local.dataDir'], { port: await closedPort(), dataDir }), {
      message: `elasticache.local.port and elasticache.local.dataDir changed, but the Local endpoint keeps running at ${started.url} (data in ${dataDir}): the new settings apply when it next starts.`,
      button: 'Restart Local Endpoint',
    });
    assert.equal(startedElsewhereNotice(started), undefined);
    await manager.stop();
    assert.equal(await answersDescribeCacheClusters(started.url), false);
  } finally {
    await manager.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the command line named for another process leaves out --access-key/--secret-key values', { skip: !onLinux && 'needs /proc' }, async () => {
  const child = spawn('/bin/sh', ['-c', 'sleep 30; :', 'sh', 'local', '--secret-key', 'hunter2-secret', '--access-key=AKIASECRET', '--port', '4510'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => child.once('spawn', resolve));
    const shown = commandLineOf(child.pid!) ?? '';
    assert.equal(shown, '/bin/sh -c sleep 30; : sh local --secret-key … --access-key=… --port 4510');
    assert.doesNotMatch(shown, /hunter2|AKIASECRET/);
  } finally {
    child.kill('SIGKILL');
  }
});

test('elasticache.local.dataDir: ~ is the home folder, a relative path is in the workspace folder (never the process cwd)', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'elasticache-client-home-'));
  const savedHome = process.env.HOME;
  process.env.HOME = home;
  const manager = new LocalEndpointManager();
  try {
    const ws = { path: '/ws', trusted: true };
    assert.equal(resolveLocalDataDir(undefined, ws), undefined);
    assert.equal(resolveLocalDataDir('  ', ws), undefined);
    assert.equal(resolveLocalDataDir('~', ws), home);
    assert.equal(resolveLocalDataDir('~/ec-data/', ws), path.join(home, 'ec-data'));
    assert.equal(resolveLocalDataDir('/srv/ec/../data', ws), '/srv/data');
    assert.equal(resolveLocalDataDir('ec-data', { path: '/ws/project', trusted: true }), '/ws/project/ec-data');
    assert.throws(() => resolveLocalDataDir('ec-data', undefined), {
      message: 'elasticache.local.dataDir (ec-data) is a relative path, and no folder is open to take it in: set it to an absolute path, or one starting with ~/.',
    });
    // An untrusted folder's data would be run (its cluster state, its nodes' files): a relative path is not taken in it;
    // absolute and ~/ paths are the user's own choice, trusted or not.
    const untrusted = { path: '/ws/cloned-repo', trusted: false };
    assert.throws(() => resolveLocalDataDir('ec-data', untrusted), /^Error: elasticache\.local\.dataDir \(ec-data\) is a relative path, which is taken in the workspace folder only once you trust it .*: trust the folder, or set/);
    assert.equal(resolveLocalDataDir('~/ec-data', untrusted), path.join(home, 'ec-data'));
    assert.equal(resolveLocalDataDir('/srv/data', untrusted), '/srv/data');
    // A real start with ~/ec-data: the data is in the home folder, and no folder named "~" appears in the cwd.
    const started = await manager.start({ port: 0, dataDir: '~/ec-data', workspaceFolder: { path: '/nonexistent-ws', trusted: true } });
    assert.equal(started.dataDir, path.join(home, 'ec-data'));
    assert.ok(fs.existsSync(path.join(home, 'ec-data', 'endpoint.pid')));
    assert.equal(fs.existsSync(path.join(process.cwd(), '~')), false);
  } finally {
    await manager.stop();
    process.env.HOME = savedHome;
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('a data folder held by an endpoint on another port: the message names that endpoint and the settings, not --data and a pid', { skip: !onLinux && 'needs /proc', timeout: 60_000 }, async () => {
  const dataDir = tempDataDir();
  const cli = await startCli(dataDir, ['--quiet']);
  const manager = new LocalEndpointManager();
  try {
    assert.deepEqual(listeningPorts(cli.child.pid!), [cli.port]);
    const port = await closedPort();
    await assert.rejects(manager.start({ port, dataDir }), {
      message: `The Local endpoint's data folder ${dataDir} is in use by another Local endpoint, at ${cli.url}: set elasticache.local.port to ${cli.port} to use that endpoint, or elasticache.local.dataDir to another folder, or stop it where it was started.`,
    });
    // The command line keeps its wording.
    await assert.rejects(startCli(dataDir, ['--quiet']), new RegExp(`data directory ${dataDir} is used by another local endpoint \\(pid ${cli.child.pid}\\); stop it or use --data`));
    // A holder with no listening port is named by its pid.
    const noPorts = spawn('/bin/sh', ['-c', 'sleep 30; :'], { stdio: 'ignore' });
    await new Promise((resolve) => noPorts.once('spawn', resolve));
    assert.equal(
      dataDirInUseMessage(dataDir, noPorts.pid!),
      `The Local endpoint's data folder ${dataDir} is in use by another Local endpoint (process ${noPorts.pid}): set elasticache.local.dataDir to another folder, or stop that endpoint where it was started.`,
    );
    noPorts.kill('SIGKILL');
    assert.equal(manager.running, undefined);
  } finally {
    await manager.stop();
    await stopCli(cli);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an endpoint already running for the configured port and data folder is found without starting one, and forgotten once gone', { skip: !onLinux && 'needs /proc' }, async () => {
  const running = await startLocal();
  const manager = new LocalEndpointManager();
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'elasticache-client-detect-'));
  try {
    // Nothing there: nothing found, nothing started (no lock file written).
    assert.equal(await manager.detect({ port: running.endpoint.port, dataDir: empty }), undefined);
    assert.deepEqual(fs.readdirSync(empty), []);
    assert.equal(await manager.detect({ port: await closedPort(), dataDir: running.dataDir }), undefined, 'another port');
    const found = await manager.detect({ port: running.endpoint.port, dataDir: running.dataDir });
    assert.equal(found?.url, running.endpoint.url);
    assert.equal(found?.startedBy?.pid, process.pid);
    assert.equal(manager.running, found, 'shown as running');
    assert.equal(await manager.detect({ port: running.endpoint.port, dataDir: running.dataDir }), found, 'the same one on Refresh');
    await running.endpoint.stop();
    assert.equal(await manager.detect({ port: running.endpoint.port, dataDir: running.dataDir }), undefined);
    assert.equal(manager.running, undefined, 'gone: shown as not running');
  } finally {
    await manager.stop();
    await running.close();
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('an endpoint this window started is kept by detect, whatever the settings say now', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elasticache-client-detect-own-'));
  const manager = new LocalEndpointManager();
  try {
    const started = await manager.start({ port: 0, dataDir });
    assert.equal(await manager.detect({ port: 4510, dataDir: '/nonexistent' }), started);
  } finally {
    await manager.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
