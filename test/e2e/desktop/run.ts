// `npm run test:desktop`: an extension-host smoke test in desktop VS Code via @vscode/test-electron.
// It downloads VS Code from Microsoft's update servers, so it runs only on machines that can reach them
// (not in CI here; the code-server suite in test/e2e/workbench.test.ts is what CI runs).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..', '..');
  const workspace = mkdtempSync(join(tmpdir(), 'elasticache-desktop-'));
  cpSync(join(root, 'samples'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'test', 'e2e', 'desktop', 'suite.cjs'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`desktop smoke test failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
