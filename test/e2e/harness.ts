// Drives the extension inside a real VS Code: code-server 4.100.3 (VS Code 1.100.3) in Debian's Chromium,
// through playwright-core. One code-server per suite run; every wait is bounded and a failure names the step
// and what the page showed. Screenshots land in test-results/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page, type Locator } from 'playwright-core';

/** The project root: the nearest folder above this file holding the extension's package.json. */
export const ROOT = findRoot(dirname(__filename));
function findRoot(dir: string): string {
  for (let d = dir; d !== dirname(d); d = dirname(d)) if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'esbuild.mjs'))) return d;
  return process.cwd();
}
export const RESULTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isMac = false;

/** Runs the idempotent installer; returns code-server's entry script. */
export function ensureCodeServer(): string {
  // Its progress goes to our stderr (the first install takes a minute; CI logs should say why).
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'install-code-server.sh')], { encoding: 'utf8', timeout: 600_000, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`installing code-server failed (exit ${r.status ?? r.signal}); its messages are above`);
  return r.stdout.trim().split('\n').pop()!;
}

/**
 * Packages dist/ (built beforehand by `npm run build`) as a .vsix with vsce. The project has no public repository
 * URL, so vsce is told not to rewrite the README's relative links (the screenshots) instead of being given a fake one.
 */
export function packageExtension(outFile: string): string {
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', outFile], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000, input: '',
  });
  if (r.status !== 0 || !existsSync(outFile)) throw new Error(`vsce package failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return outFile;
}

/** Settings that keep popups, walkthroughs, telemetry and trust prompts away from the test profile. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.minimap.enabled': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.hover.delay': 300,
  'files.autoSave': 'off',
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

export interface Workbench {
  page: Page;
  browser: Browser;
  url: string;
  folder: string;
  userDataDir: string;
  /** Environment code-server (and so the extension host) runs with. */
  env: NodeJS.ProcessEnv;
  log(): string;
  /** The extension's "ElastiCache" log channel, as written under the profile's logs folder. */
  extensionLog(): string;
  stop(): Promise<void>;
}

export interface WorkbenchOptions {
  folder: string;
  vsix: string;
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and its extension host. */
  env?: NodeJS.ProcessEnv;
  /**
   * Keep workspace trust on: the folder opens untrusted (Restricted Mode), without the startup prompt, until the test
   * trusts it. By default trust is off and every folder is trusted.
   */
  workspaceTrust?: boolean;
}

/** With workspaceTrust: trust on, but no modal at startup (the test trusts the folder itself) and the banner shown. */
const restrictedModeSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.banner': 'always',
};

/** Installs the .vsix into a fresh profile, starts code-server on an OS-chosen port and opens the folder in Chromium. */
export async function startWorkbench(opts: WorkbenchOptions): Promise<Workbench> {
  const entry = ensureCodeServer();
  const base = mkdtempSync(join(tmpdir(), 'elasticache-e2e-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  const home = join(base, 'home');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...(opts.workspaceTrust ? restrictedModeSettings : {}), ...opts.settings }, null, 2));

  // A profile of its own: no AWS credentials or config from the machine, no instance metadata lookups,
  // and the local endpoint's state under the temp dir.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws', 'credentials'),
    AWS_CONFIG_FILE: join(home, 'no-aws', 'config'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...opts.env,
  };

  const install = spawnSync(process.execPath, [entry, '--install-extension', opts.vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
    encoding: 'utf8', timeout: 120_000, env,
  });
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    throw new Error(`code-server --install-extension failed (exit ${install.status}):\n${install.stdout}\n${install.stderr}`);
  }

  let output = '';
  const child: ChildProcess = spawn(process.execPath, [entry,
    '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--disable-telemetry', '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', join(base, 'config.yaml'), opts.folder,
  ], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));

  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s. Output:\n${output}`)), 60_000);
    const check = () => {
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) { clearTimeout(timer); resolvePort(Number(m[1])); }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`code-server exited (${code}) before listening. Output:\n${output}`)); });
  });

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${port}` });
  const page = await context.newPage();
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(opts.folder)}`;
  await page.goto(url, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The explorer shows the folder once the workbench has restored its views.
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
  await widenSideBar(page, 200);

  current = {
    page, browser, url, folder: opts.folder, userDataDir, env,
    log: () => output,
    extensionLog: () => listFiles(join(userDataDir, 'logs')).filter((f) => /ElastiCache\.log$/i.test(f))
      .map((f) => readFileSync(f, 'utf8')).join('\n'),
    async stop() {
      await browser.close().catch(() => {});
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
        const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
        await exited;
        clearTimeout(timer);
      }
      // Cache nodes (redis-server, memcached) that the extension's in-process Local endpoint started live in
      // their own process groups and outlive a killed extension host: stop those running in this profile.
      await killProcessesUnder(base);
      rmSync(base, { recursive: true, force: true });
      current = undefined;
    },
  };
  return current;
}

let current: Workbench | undefined;

/** Stops processes whose working directory is inside `dir` (only ever processes this suite started there). */
async function killProcessesUnder(dir: string): Promise<void> {
  if (!existsSync('/proc')) return;
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/cwd`).startsWith(dir + '/')) pids.push(Number(name));
    } catch { /* gone, or not ours to read */ }
  }
  for (const pid of pids) try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
  const end = Date.now() + 5_000;
  while (pids.some(alive) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(alive)) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

/** Drags the side bar's edge so tree descriptions are not cut off in the screenshots. */
async function widenSideBar(page: Page, by: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox().catch(() => null);
  if (!box) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + by, y, { steps: 5 });
  await page.mouse.up();
}

/** Saves a screenshot under test-results/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file }).catch(() => {});
  return file;
}

/**
 * Runs one named step with a time bound. On failure, takes a screenshot and rethrows with the step's name,
 * what it waited for, and the visible notifications and text of the workbench so the log says what it saw.
 */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const shot = await screenshot(page, `FAILED-${slug(name)}`);
    const seen = await describeScreen(page);
    const message = err instanceof Error ? err.message.split('\n').slice(0, 6).join('\n') : String(err);
    throw new Error(`Step "${name}" failed: ${message}\nThe workbench showed:\n${seen}\nScreenshot: ${shot}`);
  }
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/** A short account of what is on screen: notifications, open quick input, active editor tab, problems count. */
export async function describeScreen(page: Page): Promise<string> {
  const parts: string[] = [];
  const take = async (label: string, selector: string) => {
    const texts = await page.locator(selector).allInnerTexts().catch(() => [] as string[]);
    const clean = texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (clean.length) parts.push(`  ${label}: ${clean.join(' | ').slice(0, 600)}`);
  };
  await take('notifications', '.notification-toast .notification-list-item-message');
  await take('quick input', '.quick-input-widget:visible .quick-input-title, .quick-input-widget:visible .quick-input-message, .quick-input-widget:visible .monaco-list-row');
  await take('editor tabs', '.tabs-container .tab .label-name');
  await take('dialog', '.monaco-dialog-box');
  await take('status bar', '.statusbar-item[id*="problems"], #status\\.problems');
  const log = current?.extensionLog().trim().split('\n').slice(-12).join('\n    ');
  if (log) parts.push(`  ElastiCache log (last lines):\n    ${log}`);
  return parts.join('\n') || '  (nothing recognisable)';
}

// ---------------------------------------------------------------- workbench helpers

export const key = (k: string) => k.replace('Mod', isMac ? 'Meta' : 'Control');

/** The open quick input (command palette, quick pick, input box). */
export const quickInput = (page: Page): Locator => page.locator('.quick-input-widget').filter({ visible: true });

/**
 * Asks for a widget with a keyboard shortcut until it has what is wanted: `ask` presses the keys, and presses them
 * again while nothing has opened (`isOpen` false) for `reaskAfter` ms, because a key press can be lost on a loaded
 * machine (a single Control+Space once opened nothing for 15 s in CI). Something that opened is never asked again:
 * if it has the wrong content, the wait times out and fails. Returns what `wanted` returned.
 */
export async function askUntilShown<T>(what: string, o: {
  /** Presses the keys; `attempt` counts from 0 (from 1: nothing opened after the previous ask). */
  ask: (attempt: number) => Promise<void>;
  isOpen: () => Promise<boolean>;
  wanted: () => Promise<T | undefined | false | null>;
  timeout: number;
  reaskAfter?: number;
}): Promise<T> {
  const reaskAfter = o.reaskAfter ?? 4_000;
  let asks = 0;
  let askedAt = 0;
  const ask = async (): Promise<void> => {
    askedAt = Date.now();
    await o.ask(asks++);
    askedAt = Date.now();
  };
  try {
    await ask();
    return await waitUntil(what, async () => {
      if (Date.now() - askedAt > reaskAfter && !(await o.isOpen())) await ask();
      return o.wanted();
    }, o.timeout);
  } catch (err) {
    const opened = await o.isOpen().catch(() => false);
    throw new Error(`${err instanceof Error ? err.message : String(err)} (asked ${asks} time${asks === 1 ? '' : 's'}; ${opened ? 'it opened without it' : 'nothing opened'})`);
  }
}

/** Opens the command palette and runs a command by its title (as the user would type it). */
export async function runCommand(page: Page, title: string, timeout = 15_000): Promise<void> {
  await closeQuickInput(page);
  await dismissPopups(page);
  const box = quickInput(page).locator('input');
  // Ctrl+Shift+P, then F1 in turn if a widget swallowed the key press.
  await askUntilShown('the command palette', {
    ask: async (attempt) => {
      if (attempt > 0) await dismissPopups(page);
      await page.keyboard.press(attempt % 2 ? 'F1' : key('Mod+Shift+P'));
    },
    isOpen: async () => (await quickInput(page).count()) > 0,
    wanted: async () => (await box.count()) > 0,
    timeout,
  });
  await box.fill(`>${title}`);
  const row = quickInput(page).locator('.monaco-list-row', { hasText: title }).first();
  try {
    await row.waitFor({ timeout });
  } catch {
    const rows = await quickInput(page).locator('.monaco-list-row').allInnerTexts().catch(() => []);
    throw new Error(`command "${title}" not in the command palette; it offered: ${rows.join(' | ') || '(nothing)'}`);
  }
  // Pick the row whose label is exactly the title when there are several matches.
  const rows = quickInput(page).locator('.monaco-list-row');
  const n = await rows.count();
  for (let i = 0; i < n; i++) {
    const label = (await rows.nth(i).locator('.label-name').innerText().catch(() => '')).trim();
    if (label === title || label.replace(/\s+/g, ' ') === title) {
      await rows.nth(i).click();
      return paletteLeft(page, title);
    }
  }
  await row.click();
  await paletteLeft(page, title);
}

/** Waits until the palette has run the chosen command: it closed, or the command opened a quick input of its own. */
async function paletteLeft(page: Page, title: string): Promise<void> {
  await waitUntil(`the command palette to run "${title}"`, async () => {
    if (!(await quickInput(page).count())) return true;
    return (await quickInput(page).locator('input').inputValue({ timeout: 1_000 }).catch(() => '')) !== `>${title}`;
  }, 10_000);
}

/** Closes menus, hovers, suggest widgets and dialogs (a failed step may leave one open) that hold the focus. */
export async function dismissPopups(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const open = await page.locator('.action-widget:visible, .context-view .monaco-menu:visible, .suggest-widget:visible, .monaco-hover:visible, .monaco-editor-overlaymessage:visible, .monaco-dialog-box:visible').count();
    if (!open) return;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
}

export async function closeQuickInput(page: Page): Promise<void> {
  if (await quickInput(page).count()) {
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  }
}

/** Opens a workspace file by name through Quick Open and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await closeQuickInput(page);
  const box = quickInput(page).locator('input');
  await askUntilShown('Quick Open', {
    ask: async () => page.keyboard.press(key('Mod+P')),
    isOpen: async () => (await quickInput(page).count()) > 0,
    wanted: async () => (await box.count()) > 0,
    timeout: 15_000,
  });
  await box.fill(name);
  const row = quickInput(page).locator('.monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${name}"], .tabs-container .tab.active:has-text("${name}")`).first().waitFor({ timeout: 15_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
}

/** The active editor's Monaco instance. */
export const activeEditor = (page: Page): Locator => page.locator('.editor-group-container.active .monaco-editor').first();

/** The status bar's cursor position ("Ln 3, Col 7"), or undefined when it shows none. */
async function cursorPosition(page: Page): Promise<string | undefined> {
  const item = page.locator('#status\\.editor\\.selection');
  if (!(await item.count())) return undefined;
  return (await item.first().innerText({ timeout: 1_000 }).catch(() => '')).replace(/\s+/g, ' ').trim();
}

/**
 * Moves the cursor to line/column (1-based) with Go to Line; waits until the status bar shows it there (so the
 * column must exist on the line, and the text before it there have no tabs: the status bar counts a tab as several).
 */
export async function gotoLine(page: Page, line: number, column = 1): Promise<void> {
  await closeQuickInput(page);
  const box = quickInput(page).locator('input');
  await askUntilShown('Go to Line', {
    ask: async () => page.keyboard.press(key('Mod+G')),
    isOpen: async () => (await quickInput(page).count()) > 0,
    wanted: async () => (await box.count()) > 0,
    timeout: 15_000,
  });
  const target = `:${line}:${column}`;
  await box.fill(target);
  const at = new RegExp(`^Ln ${line}, Col ${column}\\b`);
  let enteredAt = 0;
  await waitUntil(`the cursor at line ${line}, column ${column}`, async () => {
    const open = (await quickInput(page).count()) > 0;
    // Enter again only while Go to Line still shows this very target (going there twice is going there once).
    if (open && Date.now() - enteredAt > 3_000 && (await box.inputValue({ timeout: 1_000 }).catch(() => '')) === target) {
      await page.keyboard.press('Enter');
      enteredAt = Date.now();
    }
    if (open) return false;
    const position = await cursorPosition(page);
    // Without the status bar item (none in some layouts), the closed Go to Line is all there is to see.
    return position === undefined || at.test(position);
  }, 15_000);
}

/** Opens the quick-fix menu at the cursor (asking again while no menu opened) and applies the action whose title contains `title`. */
export async function applyQuickFix(page: Page, title: string): Promise<void> {
  const menu = page.locator('.action-widget:visible');
  const item = menu.locator('.monaco-list-row', { hasText: title }).first();
  try {
    await askUntilShown(`the quick-fix menu to offer "${title}"`, {
      ask: async (attempt) => {
        if (attempt > 0) await dismissPopups(page); // e.g. "No code actions available" while the server was busy
        await page.keyboard.press(key('Mod+.'));
      },
      isOpen: async () => (await menu.count()) > 0,
      wanted: async () => (await item.count()) > 0,
      timeout: 20_000,
    });
  } catch (err) {
    const offered = (await menu.locator('.monaco-list-row').allInnerTexts().catch(() => [] as string[])).map((t) => t.replace(/\s+/g, ' ').trim());
    throw new Error(`no quick fix containing "${title}"; the menu offered: ${offered.join(' | ') || '(no menu)'}. ${err instanceof Error ? err.message : String(err)}`);
  }
  // The menu animates in; a normal click waits for it to be "stable" and can time out.
  await item.click({ force: true });
  await menu.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
}

/** Polls fn until it returns a truthy value, up to timeout; throws with what it last saw. */
export async function waitUntil<T>(what: string, fn: () => Promise<T | undefined | false | null>, timeout: number, interval = 250): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last saw: ${JSON.stringify(last)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
