// `npm start` (scripts/start.mjs): builds, packages, installs, starts the Local endpoint and code-server, prints the
// URL; the URL serves VS Code, the endpoint answers the AWS CLI, and Ctrl-C (SIGINT) stops everything. Without a
// password it only listens on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, waitUntil } from './harness';

test('npm start serves VS Code with the extension and the Local endpoint, and Ctrl-C stops both', { timeout: 300_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'elasticache-start-'));
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--port', '0', '--local-port', '0',
    '--state', join(tmp, 'state'), '--data', join(tmp, 'data')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    const url = await Promise.race([
      waitUntil('npm start to print the URL to open', async () => /Open:\s+(http:\/\/\S+)/.exec(out)?.[1], 240_000, 200),
      exited.then((code) => { throw new Error(`npm start exited (${code}) before printing the URL`); }),
    ]).catch((e) => { throw new Error(`${(e as Error).message}\noutput:\n${out}`); });
    const localUrl = /Local ElastiCache endpoint: (http:\/\/\S+)/.exec(out)?.[1];
    assert.ok(localUrl, `no Local endpoint URL printed:\n${out}`);

    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /code-server|vscode/i);

    const aws = spawnSync('/usr/bin/aws', ['--endpoint-url', localUrl, '--region', 'us-east-1', '--output', 'json', 'elasticache', 'describe-cache-clusters'], {
      encoding: 'utf8', timeout: 60_000,
      env: { PATH: process.env.PATH, HOME: tmp, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    assert.equal(aws.status, 0, aws.stderr);
    assert.deepEqual(JSON.parse(aws.stdout).CacheClusters, []);

    // The extension was installed into the profile, and pointed at this endpoint.
    const settings = JSON.parse(readFileSync(join(tmp, 'state', 'user-data', 'User', 'settings.json'), 'utf8'));
    assert.equal(`http://127.0.0.1:${settings['elasticache.local.port']}`, localUrl);
    assert.equal(settings['elasticache.local.dataDir'], join(tmp, 'data'), 'the same data folder, else the extension would start a second endpoint');

    process.kill(-child.pid!, 'SIGINT'); // what Ctrl-C in a terminal does: the whole process group
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))]);
    assert.equal(code, 0, `npm start did not exit cleanly on SIGINT (${code}):\n${out.slice(-2000)}`);
    await assert.rejects(fetch(url), 'code-server still answers after Ctrl-C');
    await assert.rejects(fetch(localUrl), 'the Local endpoint still answers after Ctrl-C');
  } finally {
    // code-server and the endpoint run in process groups of their own, which npm start stops on SIGINT.
    if (child.exitCode === null) {
      try { process.kill(-child.pid!, 'SIGINT'); } catch { /* gone */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
    if (child.exitCode === null) try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('npm start refuses a non-loopback --host without --auth password, before building or starting anything', { timeout: 30_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'elasticache-start-refused-'));
  try {
    for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
      const state = join(tmp, 'state');
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--host', host, '--port', '0', '--local-port', '0',
        '--state', state, '--data', join(tmp, 'data')], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 1, `--host ${host}: exit ${r.status ?? r.signal}\n${r.stdout}${r.stderr}`);
      assert.match(r.stderr, new RegExp(`refusing --host ${host.replace(/\./g, '\\.')} without a password: .*terminal.*--auth password`));
      assert.equal(r.stdout, '', 'nothing built, packaged or started');
      assert.ok(!existsSync(state) && !existsSync(join(tmp, 'data')), 'no profile or endpoint data created');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
