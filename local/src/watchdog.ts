// Nodes that die with the process that runs the endpoint. Nodes are detached on purpose (a restarted `elasticache
// local` adopts them again); an endpoint inside another program (the VS Code extension host) asks for this watchdog
// instead, since that program may be killed without stopping its endpoint (code-server on Ctrl-C of `npm start`)
// and its nodes, holding AuthTokens, would keep running with no owner.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { childEnvironment } from './nodes';

/**
 * The watchdog, run as `node -e` (no file to ship): argv owner pid, data directory, JSON list of the node executables'
 * real paths. Every second: while the owner lives, nothing; once it is gone, if its lock file still names it (it did
 * not stop cleanly), SIGTERM each node pid its state file records that runs one of those executables, SIGKILL after
 * 5 s, and exit. A clean stop removes the lock file (the watchdog then exits) and kills the watchdog anyway.
 */
const WATCHDOG_SOURCE = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const [owner, dataDir, exesJson] = process.argv.slice(-3);
const exes = new Set(JSON.parse(exesJson));
const alive = (pid) => {
  try { process.kill(pid, 0); } catch (e) { return e.code === 'EPERM'; }
  try { const s = fs.readFileSync('/proc/' + pid + '/stat', 'utf8'); return s.slice(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3) !== 'Z'; } catch { return true; }
};
const read = (f) => { try { return fs.readFileSync(path.join(dataDir, f), 'utf8'); } catch { return undefined; } };
const ours = (pid) => { try { return exes.has(fs.realpathSync('/proc/' + pid + '/exe')); } catch { return false; } };
const timer = setInterval(() => {
  if (read('endpoint.pid')?.trim() !== owner) process.exit(0);
  if (alive(Number(owner))) return;
  clearInterval(timer);
  let pids = [];
  try { pids = JSON.parse(read('state.json') ?? '{}').clusters.flatMap((c) => c.nodes.map((n) => n.pid)).filter((p) => typeof p === 'number' && alive(p) && ours(p)); } catch {}
  for (const p of pids) { try { process.kill(p, 'SIGTERM'); } catch {} }
  const deadline = Date.now() + 5000;
  const wait = setInterval(() => {
    const left = pids.filter(alive);
    if (left.length && Date.now() < deadline) return;
    for (const p of left) { try { process.kill(p, 'SIGKILL'); } catch {} }
    clearInterval(wait);
    process.exit(0);
  }, 100);
}, 1000);
`;

/**
 * Starts the watchdog for the endpoint this process runs on `dataDir` (its lock file names this process), watching
 * for node processes that run one of `executables`. Returns a function that ends it (on a clean stop).
 */
export function watchNodesOfThisProcess(dataDir: string, executables: string[]): () => void {
  const exes = executables.map((e) => {
    try {
      return realpathSync(e);
    } catch {
      return e;
    }
  });
  // In VS Code desktop, the extension host's execPath is Electron, which runs scripts as Node with this variable.
  const child = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, String(process.pid), dataDir, JSON.stringify(exes)], {
    detached: true,
    stdio: 'ignore',
    env: { ...childEnvironment(), ELECTRON_RUN_AS_NODE: '1' },
  });
  child.on('error', () => undefined);
  child.unref();
  return () => {
    try {
      child.kill('SIGTERM');
    } catch {
      // already gone
    }
  };
}
