#!/usr/bin/env node
// `npm start`: build, package the extension, install code-server if needed (offline, cached in .cache/), start the
// local ElastiCache endpoint and code-server with the extension installed, open samples/, print the URL to open.
// Ctrl-C stops everything. Options: --port N (code-server, default 8080; 0 = any free port), --local-port N
// (endpoint, default 4510; 0 = any), --host H (code-server's bind address, default 127.0.0.1), --no-local (do not start
// the endpoint), --data DIR (the endpoint's data; default its per-user state dir), --state DIR (code-server profile,
// default .cache/start), --auth password (code-server asks for a password: $PASSWORD, or the one it generates in
// <state>/code-server.yaml; required for a --host other than loopback).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isIPv4 } from 'node:net';
import { applyEdits, modify, parse } from 'jsonc-parser';
import { spawnInGroup, stopGroups } from './processGroups.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => console.log(`[start] ${line}`);
function fail(line) {
  console.error(`[start] ${line}`);
  process.exit(1);
}
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      state: { type: 'string', default: join(ROOT, '.cache', 'start') },
      data: { type: 'string' },
      port: { type: 'string', default: '8080' },
      'local-port': { type: 'string', default: '4510' },
      host: { type: 'string', default: '127.0.0.1' },
      auth: { type: 'string', default: 'none' },
      'no-local': { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  fail(err.message);
}

const STATE = resolve(args.state);
const codeServerConfig = join(STATE, 'code-server.yaml');
if (args.auth !== 'none' && args.auth !== 'password') fail(`--auth ${args.auth}: use --auth password, or leave it out for none`);
// Without a password and with workspace trust off, whoever reaches code-server has a terminal on this machine: only
// this machine may, unless a password is asked for.
const loopback = args.host === 'localhost' || args.host === '::1' || args.host === '[::1]' || (isIPv4(args.host) && args.host.startsWith('127.'));
if (!loopback && args.auth !== 'password') {
  fail(`refusing --host ${args.host} without a password: code-server would give anyone who reaches that address a terminal ` +
    'on this machine (no login, workspace trust off). Use a loopback address (the default 127.0.0.1), or add ' +
    `--auth password (the password is then $PASSWORD, or the one code-server generates in ${codeServerConfig}).`);
}
function run(what, cmd, argv, options = {}) {
  say(what);
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (r.status !== 0) fail(`${what} failed (exit ${r.status ?? r.signal})`);
  return r;
}

run('building (esbuild)', process.execPath, ['esbuild.mjs']);
mkdirSync(STATE, { recursive: true });
const vsix = join(STATE, 'vscode-elasticache.vsix');
run('packaging the extension (vsce)', join(ROOT, 'node_modules', '.bin', 'vsce'),
  ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });

say('installing code-server if needed (cached in .cache/)');
const install = spawnSync('bash', [join(ROOT, 'scripts', 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (install.status !== 0) fail('installing code-server failed; see the messages above');
const codeServer = install.stdout.trim().split('\n').pop();

// A profile of its own under .cache/start, kept between runs (your settings survive), with popups turned off.
const userDataDir = join(STATE, 'user-data');
const extensionsDir = join(STATE, 'extensions');
const settingsFile = join(userDataDir, 'User', 'settings.json');
mkdirSync(dirname(settingsFile), { recursive: true });
const defaults = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  // Cache nodes listen on local ports: code-server would offer to forward each one in a notification, crowding out
  // the extension's own (VS Code shows three at a time).
  'remote.autoForwardPorts': false,
};
{
  // Your own settings win; ours fill the gaps.
  let text = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : '{}';
  const present = parse(text) ?? {};
  const set = (key, value) => {
    text = applyEdits(text, modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  };
  for (const [k, v] of Object.entries(defaults)) if (!(k in present)) set(k, v);
  writeFileSync(settingsFile, text);
}
function setSetting(key, value) {
  const text = readFileSync(settingsFile, 'utf8');
  writeFileSync(settingsFile, applyEdits(text, modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
}
run('installing the extension into code-server', process.execPath,
  [codeServer, '--install-extension', vsix, '--force', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir],
  { stdio: ['ignore', 'ignore', 'inherit'] });

const children = [];
let stopping = false;
function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  // Each child's whole group: the endpoint stops its nodes on SIGTERM, code-server takes its extension host along.
  stopGroups(children).then(() => process.exit(code));
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

/** Starts a child, prefixes its output, resolves with the first line that matches `ready`. */
function startChild(name, cmd, argv, ready, env = process.env) {
  const child = spawnInGroup(cmd, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${seen}`)), 60_000);
    const onData = (d) => {
      const text = d.toString();
      for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
      seen += text;
      const m = ready.exec(seen);
      if (m) { clearTimeout(timer); resolve(m); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!stopping) {
        reject(new Error(`${name} exited (${code ?? signal})`));
        say(`${name} exited (${code ?? signal}); stopping the rest`);
        if (name === 'local') say('is the port taken? try `npm start -- --local-port 4511`, or `--no-local`');
        if (name === 'code-server') say('is the port taken? try `npm start -- --port 8081`');
        stopAll(1);
      }
    });
  });
}

try {
  let localUrl;
  if (!args['no-local']) {
    const m = await startChild('local', process.execPath,
      [join(ROOT, 'dist', 'cli.js'), 'local', '--port', args['local-port'], '--host', '127.0.0.1', ...(args.data ? ['--data', args.data] : [])],
      /listening on (http:\/\/[^\s:]+:(\d+)) \(data in (.+?)(?:; WARNING: .*)?\)\r?\n/);
    localUrl = m[1];
    // The extension's "Start Local Endpoint" reuses the endpoint serving elasticache.local.port for
    // elasticache.local.dataDir: this one (with another data folder it would start a second endpoint).
    setSetting('elasticache.local.port', Number(m[2]));
    setSetting('elasticache.local.dataDir', m[3]);
  }
  const folder = join(ROOT, 'samples');
  const listening = await startChild('code-server', process.execPath, [codeServer,
    '--auth', args.auth, '--bind-addr', `${args.host}:${args.port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--config', codeServerConfig, folder,
  ], /HTTP server listening on http:\/\/\S+?:(\d+)\//);
  const port = listening[1];
  const host = args.host === '0.0.0.0' || args.host === '::' ? '127.0.0.1' : args.host;
  const url = `http://${host}:${port}/?folder=${encodeURIComponent(folder)}`;
  console.log('');
  console.log('  VS Code (code-server) with the ElastiCache extension is running.');
  console.log(`  Open:  ${url}`);
  if (args.auth === 'password') {
    // code-server's order: $HASHED_PASSWORD, then $PASSWORD, then its config file (written with a random one if missing).
    const where = process.env.HASHED_PASSWORD ? 'the one hashed in the HASHED_PASSWORD environment variable'
      : process.env.PASSWORD ? 'the PASSWORD environment variable'
        : `the password in ${codeServerConfig}`;
    console.log(`  Password: ${where} (sent over plain HTTP: use it only on a network you trust)`);
  }
  if (localUrl) {
    console.log(`  Local ElastiCache endpoint: ${localUrl}`);
    // Any key signs for the endpoint: dummy ones, so that nobody types real AWS keys for it (`aws configure`).
    console.log(`    e.g. AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test /usr/bin/aws --endpoint-url ${localUrl} --region us-east-1 elasticache describe-cache-clusters`);
  }
  console.log('  In VS Code: open samples/*.elasticache, the ElastiCache view in the activity bar, or');
  console.log('  "ElastiCache: Create Cache Cluster…" from the command palette. Ctrl-C here stops everything.');
  console.log('');
} catch (err) {
  console.error(`[start] ${err instanceof Error ? err.message : err}`);
  stopAll(1);
}
