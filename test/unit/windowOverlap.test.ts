// window-overlap stays a warning: no ElastiCache page says the two windows must not overlap; the message says why
// overlapping is unwise. Every form, and the Modify actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { body, findingsAt } from './helpers';

const base = { CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 };
const overlap = (text: string, kind: 'query' | 'json' | 'yaml') => findingsAt(text, kind).filter((f) => f.code === 'window-overlap');

test('window-overlap: a warning on SnapshotWindow that says what may happen and what to do, in every form', () => {
  const windows = { PreferredMaintenanceWindow: 'sun:04:00-sun:06:00', SnapshotWindow: '05:00-07:00' };
  const forms = [
    [body({ ...base, ...windows }), 'query'],
    [JSON.stringify({ ...base, ...windows }), 'json'],
    ['CacheClusterId: my-cluster\nEngine: redis\nPreferredMaintenanceWindow: sun:04:00-sun:06:00\nSnapshotWindow: 05:00-07:00\n', 'yaml'],
  ] as const;
  for (const [text, kind] of forms) {
    const [finding, ...rest] = overlap(text, kind);
    assert.equal(rest.length, 0, kind);
    assert.equal(finding.severity, 'warning', kind);
    assert.equal(finding.finding.awsError, undefined, 'not documented as refused');
    assert.match(decodeURIComponent(finding.at), /05:00-07:00/);
    assert.equal(finding.finding.message, 'The snapshot window overlaps the maintenance window: on that day the backup may start while ElastiCache applies maintenance (updates, node replacements) to the same nodes. Choose a SnapshotWindow outside the maintenance window.');
  }
});

test('window-overlap: clean when the snapshot window starts as the maintenance window ends', () => {
  assert.deepEqual(overlap(body({ ...base, PreferredMaintenanceWindow: 'sun:04:00-sun:05:00', SnapshotWindow: '05:00-07:00' }), 'query'), []);
  assert.deepEqual(overlap(JSON.stringify({ ...base, PreferredMaintenanceWindow: 'sun:04:00-sun:05:00', SnapshotWindow: '05:00-07:00' }), 'json'), []);
});
