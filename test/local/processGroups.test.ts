// `npm start` stops each child with its whole process group (scripts/processGroups.mjs): what a child started
// (code-server's extension host and its processes) stops with it, even what ignores SIGTERM.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs script without type declarations
import { spawnInGroup, stopGroups } from '../../scripts/processGroups.mjs';
import { alive, eventually } from './helpers';

/** A shell that starts two background sleeps, prints their pids and waits; `ignoreTerm` makes all three ignore SIGTERM. */
async function childTree(ignoreTerm: boolean): Promise<{ child: ChildProcess; pids: number[] }> {
  const script = `${ignoreTerm ? "trap '' TERM; " : ''}sleep 120 & echo $!; sleep 120 & echo $!; wait`;
  const child: ChildProcess = spawnInGroup('/bin/sh', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const pids = await eventually('the grandchildren', async () => {
    const found = out.split('\n').filter(Boolean).map(Number);
    return found.length === 2 ? found : undefined;
  });
  return { child, pids };
}

test('stopping a child stops what it started (the whole group), not just the child', { timeout: 20_000 }, async () => {
  const { child, pids } = await childTree(false);
  try {
    await stopGroups([child], 5000);
    for (const pid of [child.pid!, ...pids]) assert.equal(alive(pid), false, `${pid} still running`);
  } finally {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
});

test('a group that ignores SIGTERM is killed after the grace period', { timeout: 20_000 }, async () => {
  const { child, pids } = await childTree(true);
  try {
    const started = Date.now();
    await stopGroups([child], 500);
    assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
    for (const pid of [child.pid!, ...pids]) assert.equal(alive(pid), false, `${pid} still running`);
  } finally {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
});
