// Children of `npm start` (scripts/start.mjs), each in a process group of its own, stopped group and all: code-server's
// extension host and whatever it started go with code-server, instead of living on with parent pid 1.
import { spawn } from 'node:child_process';

/** Spawns `cmd` as the leader of a new process group (Ctrl-C in the terminal reaches start.mjs, which stops the groups). */
export function spawnInGroup(cmd, argv, options = {}) {
  return spawn(cmd, argv, { ...options, detached: true });
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone
  }
}

/**
 * SIGTERM to every process of each child's group, SIGKILL to whatever is left after `graceMs`; resolves once the
 * groups are empty (or 2 s after the SIGKILL).
 */
export async function stopGroups(children, graceMs = 10_000) {
  const groups = children.map((c) => c.pid).filter((pid) => pid && groupAlive(pid));
  for (const pgid of groups) signalGroup(pgid, 'SIGTERM');
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const deadline = Date.now() + graceMs;
  while (groups.some(groupAlive) && Date.now() < deadline) await sleep(50);
  for (const pgid of groups.filter(groupAlive)) signalGroup(pgid, 'SIGKILL');
  const last = Date.now() + 2000;
  while (groups.some(groupAlive) && Date.now() < last) await sleep(20);
}
