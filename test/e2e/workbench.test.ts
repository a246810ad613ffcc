// End-to-end: the packaged extension inside a real VS Code (code-server 4.100.3 in Debian's Chromium).
// Each scenario asserts on what a user sees; screenshots go to test-results/ on success and failure.
// One code-server for the whole file; scenarios run in order and build on each other (3 → 4 → 5, 7 → 8).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createClient } from 'redis';
import {
  RESULTS, ROOT, activeEditor, applyQuickFix, askUntilShown, closeQuickInput, gotoLine, key, listFiles, openFile, packageExtension,
  quickInput, runCommand, screenshot, startWorkbench, step, waitUntil, type Workbench,
} from './harness';

const SCENARIO_TIMEOUT = 120_000;
/** A token the wizard enters; it must never appear in the Output channel or the logs. */
const AUTH_TOKEN = 'E2e-Secret-AuthToken-0123456789abcdef';
const WIZARD_CLUSTER = 'e2e-wizard-redis';
const CODELENS_CLUSTER = 'sample-redis'; // the CacheClusterId in samples/redis.elasticache

let wb: Workbench;
let page: Page;
let workspace: string;
let tmp: string;

before(async () => {
  // Screenshots of an earlier run would mislead: start from an empty test-results/.
  if (existsSync(RESULTS)) for (const f of readdirSync(RESULTS)) if (f.endsWith('.png')) rmSync(join(RESULTS, f));
  tmp = mkdtempSync(join(tmpdir(), 'elasticache-e2e-ws-'));
  workspace = join(tmp, 'samples');
  // A copy of samples/, so quick fixes and saves never touch the repository.
  cpSync(join(ROOT, 'samples'), workspace, { recursive: true });
  writeFileSync(join(workspace, 'misspelt.elasticache.json'), JSON.stringify({
    CacheClusterId: 'json-cache', Engine: 'redis', CacheNodeTyp: 'cache.t3.micro', NumCacheNodes: 1,
  }, null, 2) + '\n');
  const vsix = packageExtension(join(tmp, 'vscode-elasticache.vsix'));
  wb = await startWorkbench({
    folder: workspace,
    vsix,
    // The AWS connection has a region but (by the harness's empty profile) no credentials: scenario 6.
    // The Local endpoint on an OS-chosen port, so the suite never collides with an `npm start` on 4510.
    settings: { 'elasticache.regions': ['us-east-1'], 'elasticache.local.port': 0 },
  });
  page = wb.page;
}, { timeout: 600_000 });

let stopQuestion = '';
after(async () => {
  if (page) {
    await screenshot(page, 'e2e-final').catch(() => {});
    // Stop the Local endpoint the way a user does, so it stops its cache nodes (the harness kills leftovers too).
    await runCommand(page, 'ElastiCache: Stop Local Endpoint').catch(() => {});
    // Clusters are still running: Stop asks first ("Stop the Local endpoint and its N cache nodes?").
    const confirm = page.locator('.monaco-dialog-box');
    if (await confirm.waitFor({ timeout: 10_000 }).then(() => true, () => false)) {
      stopQuestion = norm(await confirm.innerText().catch(() => ''));
      await confirm.locator('.monaco-button', { hasText: /^Stop$/ }).click().catch(() => {});
    }
    await waitUntil('the Local endpoint to stop', async () => !(await treeTexts()).some((t) => /available/.test(t)), 15_000).catch(() => {});
  }
  await wb?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (page) assert.match(stopQuestion, /Stop the Local endpoint and its \d+ cache nodes?\?/, 'Stop asks first while clusters run');
});

// ------------------------------------------------------------------------------------------- helpers

const norm = (s: string) => s.replace(/[\u00a0\s]+/g, ' ').trim();

/** 1-based line number of the first line of a workspace file that contains `needle`. */
function lineOf(file: string, needle: string): { line: number; column: number } {
  const lines = readFileSync(join(workspace, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${file} has no line containing ${needle}`);
  return { line: i + 1, column: lines[i]!.indexOf(needle) + 1 };
}

/** The rows of the Problems panel (file rows and marker rows), as text; scrolls the (virtual) list to see all. */
async function problemRows(): Promise<string[]> {
  const rows = page.locator('.markers-panel .monaco-list-row');
  const seen = new Set((await rows.allInnerTexts()).map(norm));
  const list = page.locator('.markers-panel .monaco-list').first();
  const box = await list.boundingBox();
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 20; i++) {
      const before = seen.size;
      await page.mouse.wheel(0, box.height * 0.8);
      await page.waitForTimeout(50);
      for (const t of await rows.allInnerTexts()) seen.add(norm(t));
      if (seen.size === before) break;
    }
    await page.mouse.wheel(0, -100_000);
  }
  return [...seen];
}

async function showProblems(): Promise<void> {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  }
  await page.locator('.markers-panel').waitFor({ timeout: 10_000 });
}

/** The text of the open hover widget. */
async function hoverText(): Promise<string> {
  return norm((await page.locator('.monaco-hover:visible').allInnerTexts()).join(' '));
}

/** Saves the active editor once an edit has made it dirty (an applied quick fix is asynchronous). */
async function save(): Promise<void> {
  const dirty = page.locator('.tabs-container .tab.active.dirty');
  await dirty.waitFor({ timeout: 10_000 });
  // Ctrl+S again while the tab stays dirty (a lost key press); saving twice saves the same text.
  await askUntilShown('the active editor to be saved', {
    ask: async () => page.keyboard.press(key('Mod+S')),
    isOpen: async () => !(await dirty.count()),
    wanted: async () => !(await dirty.count()),
    timeout: 15_000,
  });
}

// The ElastiCache explorer (activity bar container "ElastiCache", view "Clusters").
const treeRows = () => page.locator('.part.sidebar .pane-body .monaco-list-row');

const explorerTitle = () => page.locator('.part.sidebar .title-label', { hasText: /ElastiCache/i }).first();

async function showExplorer(): Promise<void> {
  if (await explorerTitle().isVisible().catch(() => false)) return;
  await runCommand(page, 'View: Show ElastiCache');
  await explorerTitle().waitFor({ timeout: 10_000 });
}

async function treeTexts(): Promise<string[]> {
  return (await treeRows().evaluateAll((rows) => rows.map((r) => `${r.getAttribute('aria-label') ?? ''} ${(r as unknown as { innerText: string }).innerText}`))).map(norm);
}

const treeRow = (text: string | RegExp) => treeRows().filter({ hasText: text }).first();

/** The titles of a tree row's inline actions (rendered in the row; shown on hover or selection). */
async function inlineActions(row: Locator): Promise<string[]> {
  return (await row.locator('.actions .action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.getAttribute('title') ?? ''))).map(norm);
}

/** Expands a collapsed tree row (connection or cluster). */
async function expand(text: string | RegExp): Promise<void> {
  const row = treeRow(text);
  await row.waitFor({ timeout: 20_000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
}

/** Waits until the cluster's row shows the `available` status icon. */
async function waitAvailable(clusterId: string, timeout = 60_000): Promise<void> {
  await waitUntil(`cluster ${clusterId} to show as available in the explorer`, async () => {
    const row = treeRow(clusterId);
    if (!(await row.count())) return false;
    const icon = await row.locator('.codicon').evaluateAll((els) => els.map((e) => e.className).join(' '));
    return /codicon-pass-filled/.test(icon) || /\bavailable\b/i.test((await row.getAttribute('aria-label')) ?? '');
  }, timeout, 500);
}

/** The quick-pick row whose label (without icons and description) matches. */
function rowLabelled(widget: Locator, label: RegExp): Locator {
  return widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first();
}

interface WizardAnswers {
  clusterId: string;
  authToken?: string;
  /** The connection row to choose (default: Local). */
  connection?: RegExp;
  /** The subnet group row to choose (default: `default`, which the Local endpoint has). */
  subnetGroup?: RegExp;
  /** Called with the engine-version step's title and placeholder once its items have loaded. */
  onVersions?: (title: string, placeholder: string) => Promise<void>;
}

/**
 * Drives the create wizard, answering each step by its title, up to its review's "Create cluster"; returns the step
 * titles it saw once the wizard has closed and the create has shown itself (see createStarted).
 */
async function driveWizard(answers: WizardAnswers): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 15; i++) {
    const widget = quickInput(page);
    // Between two steps the wizard replaces one quick input with the next; only the review's Create ends it.
    const gone = await widget.waitFor({ timeout: 15_000 }).then(() => false, () => true);
    if (gone) throw new Error(`the wizard closed before its review, after: ${seen.join(' → ') || '(no step)'}`);
    const title = norm(await widget.locator('.quick-input-title').innerText().catch(() => ''));
    const placeholder = (await widget.locator('input').getAttribute('placeholder').catch(() => '')) ?? '';
    const what = `${title} ${placeholder}`;
    seen.push(title || placeholder);
    const rows = widget.locator('.monaco-list-row');
    await page.waitForTimeout(150); // let a step's items render before reading them
    const pickRow = async (label: RegExp) => {
      const row = rowLabelled(widget, label);
      await waitUntil(`an item labelled ${label} in wizard step "${what}"`, async () => (await row.count()) > 0, 20_000);
      if (/engine/i.test(title) && !/version/i.test(title)) await screenshot(page, 'wizard');
      // A hover tooltip left by an earlier step's row can cover this one: move the pointer away and let it close,
      // then choose by keyboard (filter to the row, Enter), which no overlay can intercept.
      await page.mouse.move(0, 0);
      const text = norm(await row.first().locator('.label-name').innerText().catch(() => ''));
      if (text) {
        await widget.locator('input').fill(text);
        await waitUntil(`"${text}" to be the active row in wizard step "${what}"`, async () => {
          const active = widget.locator('.monaco-list-row.focused .label-name');
          return (await active.count()) > 0 && norm(await active.first().innerText().catch(() => '')) === text;
        }, 10_000);
        await page.keyboard.press('Enter');
      } else {
        await row.click();
      }
    };
    const typeAndEnter = async (text: string) => {
      await widget.locator('input').fill(text);
      await page.waitForTimeout(200); // validation as you type
      const msg = norm(await widget.locator('.quick-input-message').innerText().catch(() => ''));
      if (/invalid|must|error/i.test(msg)) throw new Error(`wizard step "${what}" rejected "${text}": ${msg}`);
      await page.keyboard.press('Enter');
    };
    const before = title + placeholder;
    if (/review/i.test(what)) {
      await screenshot(page, 'wizard-review');
      await pickRow(/Create cluster/);
      await createStarted(answers.clusterId);
      return seen;
    } else if (/connection/i.test(what)) await pickRow(answers.connection ?? /^Local$/);
    else if (/engine version/i.test(what)) {
      await rows.first().waitFor({ timeout: 20_000 });
      // The placeholder may change with the items (a note when they are not the account's own).
      await answers.onVersions?.(title, (await widget.locator('input').getAttribute('placeholder').catch(() => '')) ?? '');
      await page.keyboard.press('Enter');
    }
    else if (/engine/i.test(what)) await pickRow(/^redis$/);
    else if (/node type/i.test(what)) {
      await widget.locator('input').fill('cache.t3.micro');
      await pickRow(/^cache\.t3\.micro$/);
    } else if (/number of nodes/i.test(what)) await typeAndEnter('1');
    else if (/cluster id/i.test(what)) await typeAndEnter(answers.clusterId);
    // The Local endpoint has a `default` group, as an account with a default VPC does (encryption needs one).
    else if (/subnet/i.test(what)) {
      await pickRow(answers.subnetGroup ?? /^default$/);
    }
    else if (/encryption/i.test(what)) await pickRow(answers.authToken ? /^Enabled$/ : /^Disabled$/);
    else if (/auth token|password/i.test(what)) await typeAndEnter(answers.authToken ?? '');
    else throw new Error(`unexpected wizard step "${what}"`);
    // Wait for the step to change (or the wizard to close) before answering the next.
    await waitUntil(`the wizard to leave step "${what}"`, async () => {
      if (!(await quickInput(page).count())) return true;
      // Short reads: a widget that is closing would otherwise hold each read for Playwright's default 30 s.
      const t = norm(await quickInput(page).locator('.quick-input-title').innerText({ timeout: 2_000 }).catch(() => ''));
      const p = (await quickInput(page).locator('input').getAttribute('placeholder', { timeout: 2_000 }).catch(() => '')) ?? '';
      // Each step has its own title; the placeholder alone may change within a step (a note about its items).
      if (title && t ? t !== title : t + p !== before) return true;
      // Still on the step: one that refused the answer after Enter (e.g. a cluster id that already exists) says so,
      // and the timeout below then reports it as what it last saw.
      const refusal = norm(await quickInput(page).locator('.quick-input-message').innerText({ timeout: 2_000 }).catch(() => ''));
      if (/already exists|invalid|must/i.test(refusal)) throw new Error(`wizard step "${what}" refused the answer: ${refusal}`);
      return false;
    }, 20_000);
  }
  throw new Error(`the wizard did not finish after 15 steps: ${seen.join(' → ')}`);
}

/**
 * What the wizard does when its review's "Create cluster" is chosen: its quick input closes and the create shows
 * itself, as a notification naming the cluster (on Local: "ElastiCache: creating <id>", then "… is available") or a
 * modal question (on AWS: the billing confirmation, or what to do without credentials).
 */
async function createStarted(clusterId: string): Promise<void> {
  await waitUntil(`the wizard to close and the create of ${clusterId} to show a notification or a question`, async () => {
    if (await quickInput(page).count()) return false;
    if (await page.locator('.monaco-dialog-box').count()) return true;
    const notifications = await page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
    return notifications.some((t) => t.includes(clusterId));
  }, 20_000, 100);
}

/** Answers a connection quick pick (CodeLens, create from request) with Local when one is shown. */
async function pickLocalIfAsked(): Promise<void> {
  const shown = await quickInput(page).waitFor({ timeout: 5_000 }).then(() => true, () => false);
  if (!shown) return;
  const row = rowLabelled(quickInput(page), /^Local$/);
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}

// --------------------------------------------------------------------------------------- scenarios

test('1. seed example: Problems lists its mistakes, hover shows docs, Engine completion, CacheParameterGroup quick fix', { timeout: SCENARIO_TIMEOUT }, async () => {
  const file = 'seed-example.elasticache';
  await step(page, 'open the seed example', () => openFile(page, file));

  // What the language service itself reports for the file: the Problems panel must show these messages.
  const { analyze } = await import('../../server/src/service/index');
  const findings = analyze(readFileSync(join(workspace, file), 'utf8'), 'query').findings;
  assert.ok(findings.length >= 3, `the language service found only ${findings.length} mistakes in the seed`);

  await step(page, 'Problems panel lists the seed\'s mistakes', async () => {
    await showProblems();
    await waitUntil('every finding of the language service in the Problems panel', async () => {
      const rows = (await problemRows()).join('\n');
      return findings.every((f) => rows.includes(norm(f.message).slice(0, 60)));
    }, 30_000, 500);
    const rows = (await problemRows()).join('\n');
    assert.match(rows, /CacheParameterGroup/, 'no problem mentions CacheParameterGroup');
    assert.match(rows, /X-Amz-Expires/, 'no problem mentions X-Amz-Expires');
  });
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
  await screenshot(page, 'diagnostics');

  await step(page, 'hover over NumCacheNodes shows its documentation', async () => {
    const at = lineOf(file, 'NumCacheNodes');
    await activeEditor(page).click();
    // The pointer away from the text: a hover of its own there would count as the one asked for.
    await page.mouse.move(0, 0);
    await gotoLine(page, at.line, at.column + 3);
    await askUntilShown('the hover to show NumCacheNodes documentation', {
      ask: async (attempt) => {
        if (attempt > 0) {
          await page.keyboard.press('Escape'); // ends a chord whose second key was lost
          await gotoLine(page, at.line, at.column + 3);
        }
        await page.keyboard.press(key('Mod+K'));
        await page.keyboard.press(key('Mod+I'));
      },
      isOpen: async () => (await page.locator('.monaco-hover:visible').count()) > 0,
      wanted: async () => /initial number of cache nodes/i.test(await hoverText()),
      timeout: 20_000,
    });
    await screenshot(page, 'hover');
    await page.keyboard.press('Escape');
  });

  await step(page, 'completion after &Engine= offers memcached, redis, valkey', async () => {
    const at = lineOf(file, '&Engine=');
    await gotoLine(page, at.line, at.column + '&Engine='.length);
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    // Ctrl+Space was once lost on a loaded CI machine (no widget at all for 15 s): asked again, from the same position,
    // while no widget is open. A widget that opens with the wrong labels still fails the step.
    const widget = page.locator('.suggest-widget:visible');
    const labels = await askUntilShown('the suggest widget to list the engines', {
      ask: async (attempt) => {
        if (attempt > 0) await gotoLine(page, at.line, at.column + '&Engine='.length);
        await page.keyboard.press('Control+Space');
      },
      isOpen: async () => (await widget.count()) > 0,
      wanted: async () => {
        const l = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map(norm);
        return ['memcached', 'redis', 'valkey'].every((e) => l.includes(e)) && l;
      },
      timeout: 20_000,
    });
    assert.deepEqual(['memcached', 'redis', 'valkey'].filter((e) => labels.includes(e)), ['memcached', 'redis', 'valkey']);
    await screenshot(page, 'completion');
    await page.keyboard.press('Escape');
    await page.keyboard.press(key('Mod+Z'));
  });

  await step(page, 'Create from Request refuses the seed; its "Show First Error" shows that error in place (the problem peek)', async () => {
    const at = lineOf(file, '&Engine=');
    await gotoLine(page, at.line, at.column + 3);
    await runCommand(page, 'ElastiCache: Create Cluster from Request…');
    const toast = page.locator('.notification-toast', { hasText: 'errors in this request' });
    await toast.getByRole('button', { name: 'Show First Error' }).click({ timeout: 20_000 });
    const peek = page.locator('.marker-widget');
    await waitUntil('the problem peek to show the first error', async () => /Unknown parameter CacheParameterGroup/.test(norm(await peek.innerText().catch(() => ''))), 20_000);
    await screenshot(page, 'refusal-show-first-error');
    await page.keyboard.press('Escape');
  });

  await step(page, 'quick fix renames CacheParameterGroup to CacheParameterGroupName', async () => {
    const at = lineOf(file, '&CacheParameterGroup=');
    await gotoLine(page, at.line, at.column + 3);
    await applyQuickFix(page, 'CacheParameterGroupName');
    await save();
    const text = readFileSync(join(workspace, file), 'utf8');
    assert.match(text, /&CacheParameterGroupName=default\.redis3\.2/);
    assert.doesNotMatch(text, /&CacheParameterGroup=/);
    assert.match(text, /&Engine=redis/, 'the completion step should have been undone');
  });

  await step(page, '"Fix all auto-fixable problems in this file" applies the rest of the unambiguous fixes', async () => {
    const at = lineOf(file, '&X-Amz-SignedHeaders=Host');
    await gotoLine(page, at.line, at.column + 3);
    // The edit is resolved by the server only when chosen (codeAction/resolve through vscode-languageclient).
    await applyQuickFix(page, 'Fix all auto-fixable problems in this file');
    await save();
    const text = readFileSync(join(workspace, file), 'utf8');
    assert.match(text, /&X-Amz-SignedHeaders=host\n/);
    assert.match(text, /&SignatureVersion=4\n/, 'trailing whitespace removed');
    assert.match(text, /&X-Amz-Expires=20150508T220302Z/, 'no fix for a date where seconds belong');
  });
});

test('2. *.elasticache.json with a misspelt key: diagnostic and did-you-mean fix', { timeout: SCENARIO_TIMEOUT }, async () => {
  const file = 'misspelt.elasticache.json';
  await step(page, 'open the JSON request', () => openFile(page, file));
  await step(page, 'Problems panel shows the misspelt key', async () => {
    await showProblems();
    await waitUntil('a problem naming CacheNodeTyp and suggesting CacheNodeType', async () =>
      (await problemRows()).some((r) => r.includes('CacheNodeTyp') && r.includes('CacheNodeType')), 30_000, 500);
  });
  await screenshot(page, 'json-diagnostic');
  await step(page, 'did-you-mean quick fix renames the key', async () => {
    const at = lineOf(file, '"CacheNodeTyp"');
    await activeEditor(page).click();
    await gotoLine(page, at.line, at.column + 3);
    await applyQuickFix(page, 'CacheNodeType');
    await save();
    const json = JSON.parse(readFileSync(join(workspace, file), 'utf8'));
    assert.equal(json.CacheNodeType, 'cache.t3.micro');
    assert.equal('CacheNodeTyp' in json, false);
  });
});

let wizardEndpoint: { host: string; port: number } | undefined;

test('3. Start Local Endpoint, Create Cache Cluster… wizard, cluster goes available, its node answers PING', { timeout: SCENARIO_TIMEOUT }, async () => {
  await step(page, 'run "ElastiCache: Start Local Endpoint"', async () => {
    await runCommand(page, 'ElastiCache: Start Local Endpoint');
    await showExplorer();
    await waitUntil('the Local connection in the explorer', async () => (await treeTexts()).some((t) => /^Local\b/.test(t)), 20_000);
  });
  const steps = await step(page, 'walk through "ElastiCache: Create Cache Cluster…"', async () => {
    await runCommand(page, 'ElastiCache: Create Cache Cluster…');
    return driveWizard({ clusterId: WIZARD_CLUSTER, authToken: AUTH_TOKEN });
  });
  assert.ok(steps.length >= 8, `the wizard had only ${steps.length} steps: ${steps.join(' → ')}`);
  await step(page, `explorer shows ${WIZARD_CLUSTER} becoming available`, async () => {
    await showExplorer();
    await expand('Local');
    await treeRow(WIZARD_CLUSTER).waitFor({ timeout: 30_000 });
    await waitAvailable(WIZARD_CLUSTER);
  });
  await step(page, `${WIZARD_CLUSTER}'s row has inline Copy Endpoint and Delete`, async () => {
    const row = treeRow(WIZARD_CLUSTER);
    await row.hover();
    const actions = await waitUntil('inline actions on the cluster row', async () => {
      const a = await inlineActions(row);
      return a.includes('Copy Endpoint') && a.includes('Delete…') ? a : undefined;
    }, 10_000, 250);
    assert.deepEqual(actions, ['Copy Endpoint', 'Delete…']);
  });
  wizardEndpoint = await step(page, 'the cluster\'s node shows its endpoint', async () => {
    await expand(WIZARD_CLUSTER);
    const text = await waitUntil('a node row with host:port', async () => {
      // A node row: host:port, not the Local connection's http:// URL nor the cluster row itself.
      const t = (await treeTexts()).find((r) => /(127\.0\.0\.1|localhost):\d+/.test(r) && !/^Local\b/.test(r) && !r.includes(WIZARD_CLUSTER));
      return t;
    }, 20_000);
    const m = /(127\.0\.0\.1|localhost):(\d+)/.exec(text)!;
    return { host: m[1]!, port: Number(m[2]) };
  });
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {}); // a clean picture for the README
  await screenshot(page, 'explorer');
  await step(page, `PING ${wizardEndpoint.host}:${wizardEndpoint.port}`, async () => {
    // Transit encryption was chosen: the node serves TLS (self-signed) and requires the AUTH token.
    const client = createClient({
      socket: { host: wizardEndpoint!.host, port: wizardEndpoint!.port, tls: true, rejectUnauthorized: false, connectTimeout: 5_000, reconnectStrategy: false },
      password: AUTH_TOKEN,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      assert.equal(await client.ping(), 'PONG');
    } finally {
      await client.close().catch(() => client.destroy());
    }
  });
});

test('4. "Create cluster" CodeLens above a valid request creates a second cluster', { timeout: SCENARIO_TIMEOUT }, async () => {
  await step(page, 'open samples/redis.elasticache', () => openFile(page, 'redis.elasticache'));
  await step(page, 'click the "Create cluster" CodeLens', async () => {
    const lens = page.locator('.editor-group-container.active .contentWidgets .codelens-decoration a', { hasText: 'Create cluster' }).first();
    await lens.waitFor({ timeout: 20_000 });
    await screenshot(page, 'codelens');
    await lens.click();
    await pickLocalIfAsked();
  });
  await step(page, 'explorer lists both clusters', async () => {
    await showExplorer();
    await expand('Local');
    await waitAvailable(CODELENS_CLUSTER);
    const rows = await treeTexts();
    assert.ok(rows.some((r) => r.includes(WIZARD_CLUSTER)), `${WIZARD_CLUSTER} is gone: ${rows.join(' | ')}`);
  });
  await screenshot(page, 'explorer-two-clusters');
});

test('5. Delete from the tree\'s context menu: modal names the cluster, then it disappears', { timeout: SCENARIO_TIMEOUT }, async () => {
  await step(page, `open the context menu of ${CODELENS_CLUSTER}`, async () => {
    await showExplorer();
    const row = treeRow(CODELENS_CLUSTER);
    await row.waitFor({ timeout: 10_000 });
    await row.click({ button: 'right' });
    const item = page.locator('.context-view .action-item', { hasText: /^\s*Delete/ }).first();
    await item.waitFor({ timeout: 10_000 });
    // Menus open with an animation; hover the item and accept it with the keyboard.
    await item.hover();
    await page.keyboard.press('Enter');
  });
  await step(page, 'the modal names the cluster; confirm', async () => {
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    const text = norm(await dialog.innerText());
    assert.ok(text.includes(CODELENS_CLUSTER), `the modal does not name ${CODELENS_CLUSTER}: ${text}`);
    assert.match(text, /permanent/i, 'the modal does not say the deletion is permanent');
    await screenshot(page, 'delete-modal');
    const buttons = (await dialog.locator('.monaco-button').allInnerTexts()).map(norm);
    const index = buttons.indexOf('Delete');
    assert.ok(index >= 0, `no plain "Delete" button in the modal: ${buttons.join(' | ')}`);
    await dialog.locator('.monaco-button').nth(index).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  });
  await step(page, `${CODELENS_CLUSTER} disappears from the explorer`, async () => {
    await waitUntil(`${CODELENS_CLUSTER} to be gone`, async () => !(await treeTexts()).some((t) => t.includes(CODELENS_CLUSTER)), 60_000, 500);
    assert.ok((await treeTexts()).some((t) => t.includes(WIZARD_CLUSTER)), `${WIZARD_CLUSTER} went too`);
  });
});

test('6. without AWS credentials the AWS connection shows a readable error; the ElastiCache log holds no AuthToken', { timeout: SCENARIO_TIMEOUT }, async () => {
  await step(page, 'the AWS connection shows an error item', async () => {
    await showExplorer();
    await waitUntil('an AWS connection for us-east-1 in the explorer', async () => (await treeTexts()).some((t) => /\bAWS\b.*us-east-1/.test(t)), 20_000);
    await expand(/AWS.*us-east-1/);
    const error = await waitUntil('an error item under the AWS connection', async () =>
      (await treeTexts()).find((t) => /credential/i.test(t)), 30_000, 500);
    assert.doesNotMatch(error, /\bat \S+ \(|node_modules|Error: /, `the error item looks like a stack trace: ${error}`);
    // A short label the tree does not cut off, and the fix next to it.
    const row = treeRow(/No AWS credentials/);
    assert.match(norm(await row.locator('.label-name').innerText()), /^No AWS credentials$/);
    await row.hover();
    const actions = await waitUntil('inline actions on the error row', async () => {
      const a = await inlineActions(row);
      return a.includes('Configure AWS Profile…') ? a : undefined;
    }, 10_000, 250);
    assert.deepEqual(actions, ['Configure AWS Profile…', 'Refresh']);
  });
  await screenshot(page, 'aws-no-credentials');
  await step(page, 'Output channel "ElastiCache" without the AuthToken', async () => {
    await runCommand(page, 'Output: Show Output Channels...');
    const row = quickInput(page).locator('.monaco-list-row', { hasText: /^\s*ElastiCache/ }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    // The channel's editor fills in after the switch: wait until it shows the API calls the scenarios made.
    const shown = await waitUntil('the ElastiCache output channel to show the API calls', async () => {
      const text = norm((await page.locator('.part.panel .monaco-editor .view-lines').allInnerTexts()).join(' '));
      return /CreateCacheCluster|DescribeCacheClusters/.test(text) && text;
    }, 15_000);
    assert.ok(!shown.includes(AUTH_TOKEN), 'the Output channel shows the AuthToken');
    await screenshot(page, 'output-channel');
    // The whole log, not just the visible lines, and every other log file code-server wrote for this profile.
    const logs = listFiles(join(wb.userDataDir, 'logs'));
    assert.ok(logs.some((f) => /ElastiCache\.log$/.test(f)), 'no ElastiCache log file under the profile');
    for (const f of logs) assert.ok(!readFileSync(f, 'utf8').includes(AUTH_TOKEN), `${f} contains the AuthToken`);
    assert.ok(!wb.log().includes(AUTH_TOKEN), 'code-server\'s output contains the AuthToken');
  });
  await closeQuickInput(page);
});

const NO_CREDENTIALS_CLUSTER = 'e2e-no-credentials';

test('7. no AWS credentials: Create on the AWS connection, "Use Local" in the question, the cluster is created on Local', { timeout: SCENARIO_TIMEOUT }, async () => {
  // The harness's profile: HOME in a temp dir, AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE pointing at files that
  // do not exist, no AWS_* keys, instance metadata disabled. So the credential chain finds nothing.
  assert.ok(!existsSync(wb.env.AWS_SHARED_CREDENTIALS_FILE!) && !existsSync(wb.env.AWS_CONFIG_FILE!), 'the workbench has no AWS config or credentials files');
  assert.ok(!wb.env.AWS_ACCESS_KEY_ID && !wb.env.AWS_PROFILE && wb.env.AWS_EC2_METADATA_DISABLED === 'true', 'nor AWS keys in its environment');
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
  const placeholders: string[] = [];
  await step(page, 'walk through "ElastiCache: Create Cache Cluster…" on the AWS connection', async () => {
    await runCommand(page, 'ElastiCache: Create Cache Cluster…');
    await driveWizard({
      clusterId: NO_CREDENTIALS_CLUSTER,
      connection: /^AWS .*us-east-1/,
      // Without credentials the account's subnet groups cannot be listed: only "No subnet group" is offered.
      subnetGroup: /^No subnet group$/,
      onVersions: async (title, placeholder) => {
        placeholders.push(`${title}: ${placeholder}`);
        await screenshot(page, 'wizard-model-versions');
      },
    });
  });
  assert.ok(
    placeholders.some((p) => /Engine version\b.*: No AWS credentials: versions known to the extension, not read from your account$/.test(p)),
    `the engine-version step says where its versions come from: ${placeholders.join(' | ')}`,
  );
  await step(page, 'the question names the missing credentials; choose "Use Local"', async () => {
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    const text = norm(await dialog.innerText());
    assert.match(text, /No AWS credentials found for profile \S+: cache cluster "e2e-no-credentials" cannot be created in us-east-1/);
    await screenshot(page, 'create-no-credentials');
    const buttons = (await dialog.locator('.monaco-button').allInnerTexts()).map(norm);
    assert.ok(buttons.includes('Configure AWS Profile') && buttons.includes('Use Local'), `the question offers: ${buttons.join(' | ')}`);
    await dialog.locator('.monaco-button', { hasText: /^Use Local$/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  });
  await step(page, `explorer shows ${NO_CREDENTIALS_CLUSTER} available under Local`, async () => {
    await showExplorer();
    await expand('Local');
    await treeRow(NO_CREDENTIALS_CLUSTER).waitFor({ timeout: 30_000 });
    await waitAvailable(NO_CREDENTIALS_CLUSTER);
    // Created on Local (no bill was asked for): the AWS connection still has only its error row.
    assert.ok(!(await page.locator('.monaco-dialog-box').count()), 'no billing confirmation for a Local create');
    const rows = await treeTexts();
    const localIndex = rows.findIndex((r) => /^Local\b/.test(r));
    const awsIndex = rows.findIndex((r) => /\bAWS\b.*us-east-1/.test(r));
    const clusterIndex = rows.findIndex((r) => r.includes(NO_CREDENTIALS_CLUSTER));
    assert.ok(localIndex >= 0 && clusterIndex > localIndex && (awsIndex < 0 || awsIndex < localIndex || clusterIndex < awsIndex), `the cluster is under Local: ${rows.join(' | ')}`);
  });
  await screenshot(page, 'explorer-no-credentials-local');
});

const COPY_CLUSTER = `${NO_CREDENTIALS_CLUSTER}-copy`;

test('8. "Open as Request File" on a cluster: an unsaved <id>-copy request the language server checks; its "Create cluster" creates the copy', { timeout: SCENARIO_TIMEOUT }, async () => {
  const copyFile = `${COPY_CLUSTER}.elasticache.json`;
  await step(page, `context menu of ${NO_CREDENTIALS_CLUSTER} → Open as Request File`, async () => {
    await showExplorer();
    const row = treeRow(NO_CREDENTIALS_CLUSTER);
    await row.waitFor({ timeout: 10_000 });
    await row.click({ button: 'right' });
    const item = page.locator('.context-view .action-item', { hasText: 'Open as Request File' }).first();
    await item.waitFor({ timeout: 10_000 });
    await item.hover();
    await page.keyboard.press('Enter');
  });
  await step(page, `an unsaved ${copyFile} opens with the new id selected, and nothing is written to the workspace`, async () => {
    // Unsaved: the tab is dirty and the workspace has no such file.
    await page.locator(`.tabs-container .tab.active.dirty[aria-label*="${copyFile}"]`).waitFor({ timeout: 15_000 });
    await waitUntil(`the id ${COPY_CLUSTER} selected`, async () =>
      new RegExp(`\\(${COPY_CLUSTER.length} selected\\)`).test(await page.locator('#status\\.editor\\.selection').innerText({ timeout: 1_000 }).catch(() => '')), 10_000);
    assert.ok(!readdirSync(workspace).some((f) => f.startsWith(COPY_CLUSTER)), `a copy was written to the workspace: ${readdirSync(workspace).join(' ')}`);
  });
  const lens = () => page.locator('.editor-group-container.active .contentWidgets .codelens-decoration a').first();
  await step(page, 'the language server checks the unsaved request: an invalid id is a problem and the lens asks to fix it', async () => {
    await lens().filter({ hasText: /^Create cluster$/ }).waitFor({ timeout: 20_000 });
    await page.keyboard.type('9bad--id'); // over the selected id
    // The lens first, while the editor has the focus: VS Code recomputes the lenses of a focused editor only.
    await lens().filter({ hasText: /^Fix \d+ errors? before creating$/ }).waitFor({ timeout: 20_000 });
    await showProblems();
    await waitUntil(`the Problems panel to list invalid-cache-cluster-id for ${copyFile}`, async () => {
      const rows = await problemRows();
      return rows.some((r) => r.includes(copyFile)) && rows.some((r) => r.includes('invalid-cache-cluster-id'));
    }, 30_000, 500);
    await screenshot(page, 'open-as-request-problems');
    // Undo back to the copy's own id (each Ctrl+Z checked, so the inserted request itself is never undone).
    await activeEditor(page).click();
    await waitUntil(`the id ${COPY_CLUSTER} back in the editor`, async () => {
      if ((await activeEditor(page).locator('.view-lines').innerText()).includes(`"${COPY_CLUSTER}"`)) return true;
      await page.keyboard.press(key('Mod+Z'));
      return false;
    }, 15_000, 400);
  });
  await step(page, `its "Create cluster" CodeLens creates ${COPY_CLUSTER} on Local`, async () => {
    await lens().filter({ hasText: /^Create cluster$/ }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'open-as-request');
    await lens().click();
    await pickLocalIfAsked();
    await showExplorer();
    await expand('Local');
    await waitAvailable(COPY_CLUSTER);
    assert.ok((await treeTexts()).some((t) => t.includes(NO_CREDENTIALS_CLUSTER) && !t.includes(COPY_CLUSTER)), 'the original cluster is still listed');
  });
  await runCommand(page, 'View: Revert and Close Editor').catch(() => {});
});
