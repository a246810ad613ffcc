// The cluster statuses the explorer and the create act on are facts of the model (server/src/model/clusterStatus.ts,
// with their documentation): the client reads them from there and keeps no list of its own.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  DOCUMENTED_STATUSES,
  ENDPOINT_NOT_SERVING_STATUSES,
  FAILED_STATUSES,
  LOCAL_FAILED_STATUS,
  NEVER_AVAILABLE_STATUSES,
  REBOOTING_STATUSES,
  TRANSITIONAL_STATUSES,
} from '../../server/src/model/clusterStatus';
import { canBecomeAvailable, clusterContextValue, isAvailable, isDeletion, isFailed, isTransitional, statusIcon } from '../../client/src/clusterView';

test('every documented CacheClusterStatus is available, followed (transitional) or final (never available)', () => {
  const unhandled = DOCUMENTED_STATUSES.filter((s) => !isAvailable(s) && !isTransitional(s) && canBecomeAvailable(s));
  assert.deepEqual(unhandled, []);
  // And the lists name documented statuses only, besides the Local endpoint's own and the reboot as AWS answers it.
  const known = new Set([...DOCUMENTED_STATUSES, LOCAL_FAILED_STATUS, ...REBOOTING_STATUSES]);
  const named = [...TRANSITIONAL_STATUSES, ...FAILED_STATUSES, ...NEVER_AVAILABLE_STATUSES, ...ENDPOINT_NOT_SERVING_STATUSES];
  assert.deepEqual(named.filter((s) => !known.has(s)), []);
});

test('a failed cluster (incompatible-network, restore-failed, as the Local endpoint uses too) is final: an error icon, no polling, no wait, no endpoint', () => {
  const endpoint = { Address: 'x.cache.amazonaws.com', Port: 6379 };
  for (const status of ['incompatible-network', 'restore-failed']) {
    assert.ok(isFailed(status), status);
    assert.equal(isTransitional(status), false, status);
    assert.equal(canBecomeAvailable(status), false, status);
    assert.equal(statusIcon(status).id, 'error', status);
    assert.doesNotMatch(clusterContextValue({ Engine: 'redis', CacheClusterStatus: status, CacheNodes: [{ Endpoint: endpoint }] }, 'local'), /\.endpoint/, status);
  }
  // Clean: a cluster on its way is followed and waited for, and is not failed.
  for (const status of ['creating', 'modifying', 'snapshotting', 'rebooting cluster nodes', 'rebooting cache cluster nodes']) {
    assert.ok(isTransitional(status), status);
    assert.ok(canBecomeAvailable(status), status);
    assert.equal(isFailed(status), false, status);
  }
  assert.ok(canBecomeAvailable(undefined), 'not listed yet: still waited for');
  assert.ok(isAvailable('available'));
  assert.ok(isDeletion('deleting') && isDeletion('deleted') && !isDeletion('available'));
  assert.equal(canBecomeAvailable('deleting'), false);
});

test('no client file keeps its own list of cluster statuses: status names appear only as the icons\' cases', () => {
  const src = path.join(__dirname, '../../client/src');
  const statuses = [...new Set([...DOCUMENTED_STATUSES, ...REBOOTING_STATUSES, LOCAL_FAILED_STATUS])];
  const literal = new RegExp(`(['"\`])(${statuses.map((s) => s.replace(/[-]/g, '\\-')).join('|')})\\1`, 'g');
  const found: string[] = [];
  for (const file of fs.readdirSync(src).filter((f) => f.endsWith('.ts'))) {
    const lines = fs.readFileSync(path.join(src, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      // Comments name statuses (`available`) to explain; statusIcon picks an icon per status (presentation).
      if (/^\s*(\/\/|\*|\/\*)/.test(line) || (file === 'clusterView.ts' && /^\s*case '[^']+':$/.test(line))) return;
      for (const m of line.matchAll(literal)) found.push(`${file}:${i + 1} ${m[0]}`);
    });
  }
  assert.deepEqual(found, []);
});
