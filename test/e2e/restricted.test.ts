// End-to-end: Restricted Mode. A folder whose .vscode/settings.json names an AWS profile and an endpoint opens
// untrusted: the extension says it ignores both, the explorer uses the user's settings, and the folder's endpoint
// receives nothing (a folder must not redirect requests, signed with the user's credentials, to a host of its
// choosing). Trusting the folder (through the notification's button) makes them apply.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { packageExtension, runCommand, screenshot, startWorkbench, step, waitUntil, type Workbench } from './harness';

const SCENARIO_TIMEOUT = 120_000;
const WORKSPACE_PROFILE = 'e2e-workspace-profile';
// Fake keys in the profile's own credentials file: they tell which profile signed a request. Never real ones.
const USER_KEY_ID = 'AKIAE2EUSERDEFAULT00';
const WORKSPACE_KEY_ID = 'AKIAE2EWORKSPACE0000';

/** An ElastiCache Query API stand-in that records who called it (the access key id of the signature) and answers no clusters. */
interface Listener { url: string; requests: { action: string; keyId: string }[]; server: Server }

async function startListener(): Promise<Listener> {
  const requests: Listener['requests'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const action = new URLSearchParams(body).get('Action') ?? '';
      const keyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
      requests.push({ action, keyId });
      res.setHeader('Content-Type', 'text/xml');
      if (action === 'DescribeCacheClusters') {
        res.end('<DescribeCacheClustersResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/"><DescribeCacheClustersResult>'
          + '<CacheClusters/></DescribeCacheClustersResult><ResponseMetadata><RequestId>e2e</RequestId></ResponseMetadata></DescribeCacheClustersResponse>');
      } else {
        res.statusCode = 400;
        res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${action} is not served here</Message></Error></ErrorResponse>`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

let wb: Workbench;
let page: Page;
let tmp: string;
/** The endpoint the user's own settings name. */
let userEndpoint: Listener;
/** The endpoint the folder's .vscode/settings.json names. */
let workspaceEndpoint: Listener;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'elasticache-e2e-restricted-'));
  userEndpoint = await startListener();
  workspaceEndpoint = await startListener();
  const aws = join(tmp, 'aws');
  mkdirSync(aws);
  writeFileSync(join(aws, 'config'), `[default]\nregion = us-east-1\n\n[profile ${WORKSPACE_PROFILE}]\nregion = us-east-1\n`);
  writeFileSync(join(aws, 'credentials'), `[default]\naws_access_key_id = ${USER_KEY_ID}\naws_secret_access_key = e2e-user-secret\n\n`
    + `[${WORKSPACE_PROFILE}]\naws_access_key_id = ${WORKSPACE_KEY_ID}\naws_secret_access_key = e2e-workspace-secret\n`);
  const folder = join(tmp, 'untrusted-folder');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({
    'elasticache.profile': WORKSPACE_PROFILE,
    'elasticache.endpointUrl': workspaceEndpoint.url,
  }, null, 2));
  // A request file, so the extension activates when the folder opens (workspaceContains).
  writeFileSync(join(folder, 'cache.elasticache.json'), JSON.stringify({
    CacheClusterId: 'restricted-cache', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1,
  }, null, 2) + '\n');
  const vsix = packageExtension(join(tmp, 'vscode-elasticache.vsix'));
  wb = await startWorkbench({
    folder,
    vsix,
    workspaceTrust: true,
    settings: { 'elasticache.endpointUrl': userEndpoint.url, 'elasticache.regions': ['us-east-1'], 'elasticache.local.port': 0 },
    env: { AWS_CONFIG_FILE: join(aws, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials') },
  });
  page = wb.page;
}, { timeout: 600_000 });

after(async () => {
  if (page) await screenshot(page, 'restricted-final').catch(() => {});
  await wb?.stop();
  for (const l of [userEndpoint, workspaceEndpoint]) l?.server.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const norm = (s: string) => s.replace(/[\u00a0\s]+/g, ' ').trim();

const RESTRICTED_NOTICE = /^ElastiCache: Restricted Mode: /;

/** The extension's Restricted Mode notification: its toast, or (once the toast has gone) its row in the notification center. */
async function restrictedNotice(): Promise<string | undefined> {
  const messages = await page.locator('.notification-toast .notification-list-item-message, .notifications-center .notification-list-item-message').allInnerTexts();
  return messages.map(norm).find((m) => RESTRICTED_NOTICE.test(m));
}

const treeRows = () => page.locator('.part.sidebar .pane-body .monaco-list-row');

async function treeTexts(): Promise<string[]> {
  return (await treeRows().evaluateAll((rows) => rows.map((r) => `${r.getAttribute('aria-label') ?? ''} ${(r as unknown as { innerText: string }).innerText}`))).map(norm);
}

async function showExplorer(): Promise<void> {
  const title = page.locator('.part.sidebar .title-label', { hasText: /ElastiCache/i }).first();
  if (await title.isVisible().catch(() => false)) return;
  await runCommand(page, 'View: Show ElastiCache');
  await title.waitFor({ timeout: 10_000 });
}

/** The explorer's AWS connection row once its clusters have loaded ("No clusters" below it; its innerText runs the label into the description: "No clustersCreate Cache Cluster…"). */
async function loadedAwsConnection(): Promise<string | undefined> {
  const rows = await treeTexts();
  const i = rows.findIndex((r) => /\bAWS\b.*us-east-1/.test(r));
  return i >= 0 && rows.slice(i + 1).some((r) => /\bNo clusters/.test(r)) ? rows[i] : undefined;
}

test('Restricted Mode: the folder\'s profile and endpoint are ignored (and said so) until it is trusted; then they apply', { timeout: SCENARIO_TIMEOUT }, async () => {
  await step(page, 'the Restricted Mode notification names the ignored settings', async () => {
    await page.locator('.statusbar', { hasText: 'Restricted Mode' }).waitFor({ timeout: 20_000 });
    const text = await waitUntil('the ElastiCache Restricted Mode notification', restrictedNotice, 30_000);
    assert.match(text, /\belasticache\.profile\b/);
    assert.match(text, /\belasticache\.endpointUrl\b/);
    assert.match(text, /until you trust the folder/);
  });
  await screenshot(page, 'restricted-notification');

  await step(page, 'the explorer uses the user\'s settings; the folder\'s endpoint receives nothing', async () => {
    await showExplorer();
    const row = await waitUntil('the AWS connection with its (empty) cluster list', loadedAwsConnection, 30_000);
    assert.match(row, /AWS default · us-east-1/);
    assert.ok(row.includes(userEndpoint.url), `the connection row does not show the user's endpoint: ${row}`);
    assert.doesNotMatch(row, new RegExp(WORKSPACE_PROFILE));
    // The explorer did call ElastiCache, at the user's endpoint with the user's default profile, and never at the folder's.
    assert.ok(userEndpoint.requests.some((r) => r.action === 'DescribeCacheClusters' && r.keyId === USER_KEY_ID),
      `the user's endpoint got: ${JSON.stringify(userEndpoint.requests)}`);
    assert.deepEqual(workspaceEndpoint.requests, [], 'the folder\'s endpoint received requests in Restricted Mode');
  });
  await screenshot(page, 'restricted-explorer');

  await step(page, 'Manage Workspace Trust → Trust: the folder\'s profile and endpoint apply', async () => {
    // The notification's own button; from the notification center if its toast has hidden.
    const button = () => page.locator('.notification-toast, .notifications-center .notification-list-item')
      .filter({ hasText: 'ElastiCache: Restricted Mode: ' }).locator('.monaco-button', { hasText: /^Manage Workspace Trust$/ }).first();
    if (!(await button().isVisible().catch(() => false))) await runCommand(page, 'Notifications: Show Notifications');
    await button().click();
    const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
    await trust.waitFor({ timeout: 15_000 });
    await trust.click();
    await page.locator('.statusbar', { hasText: 'Restricted Mode' }).waitFor({ state: 'detached', timeout: 15_000 });
    await showExplorer();
    const row = await waitUntil(`the AWS connection of ${WORKSPACE_PROFILE} at the folder's endpoint`, async () => {
      const r = await loadedAwsConnection();
      return r?.includes(WORKSPACE_PROFILE) && r;
    }, 30_000);
    assert.ok(row.includes(workspaceEndpoint.url), `the connection row does not show the folder's endpoint: ${row}`);
    await waitUntil('a DescribeCacheClusters signed with the folder\'s profile at the folder\'s endpoint', async () =>
      workspaceEndpoint.requests.some((r) => r.action === 'DescribeCacheClusters' && r.keyId === WORKSPACE_KEY_ID), 10_000);
    assert.ok(workspaceEndpoint.requests.every((r) => r.keyId === WORKSPACE_KEY_ID),
      `the folder's endpoint got a request signed with another profile: ${JSON.stringify(workspaceEndpoint.requests)}`);
  });
  await screenshot(page, 'restricted-trusted');
});
