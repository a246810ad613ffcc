// Availability Zone names come from the one table of zones AWS documents per Region (AVAILABILITY_ZONE_COUNTS):
// completion offers only those, and the linter warns (never errs) on a letter past them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, type CompletionCandidate } from '../../server/src/service/completion';
import { analyze, checkCreateCacheCluster } from '../../server/src/service/index';
import { availabilityZones, REGIONS } from '../../server/src/model/facts';

function zoneLabels(marked: string): string[] {
  const offset = marked.indexOf('|');
  const items: CompletionCandidate[] = complete(marked.slice(0, offset) + marked.slice(offset + 1), offset, 'query');
  return items.map((i) => i.label);
}
const query = (region: string) => `https://elasticache.${region}.amazonaws.com/?Action=CreateCacheCluster&PreferredAvailabilityZone=|`;

test('completion offers the zones AWS lists for the Region, not a–f everywhere (review: misled)', () => {
  assert.deepEqual(zoneLabels(query('us-east-2')), ['us-east-2a', 'us-east-2b', 'us-east-2c']);
  assert.deepEqual(zoneLabels(query('eu-west-1')), ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  assert.deepEqual(zoneLabels(query('us-west-2')), ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']);
  assert.deepEqual(zoneLabels(query('us-east-1')), ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
  // Regions whose zone letters are not documented: none rather than a guess.
  assert.deepEqual(zoneLabels(query('ca-central-1')), []);
  assert.deepEqual(zoneLabels(query('us-gov-west-1')), []);
  // Every Region of the table is a known Region, with at least the three zones the page promises.
  for (const r of REGIONS) assert.ok(availabilityZones(r).length === 0 || availabilityZones(r).length >= 3, r);
});

test('the linter warns of a zone letter AWS does not list for the Region, and accepts the listed ones (rule invalid-availability-zone)', () => {
  const redis = { CacheClusterId: 'az-check', Engine: 'redis', CacheNodeType: 'cache.r6g.large', NumCacheNodes: 1 };
  const issues = (az: string, region?: string) => checkCreateCacheCluster({ ...redis, PreferredAvailabilityZone: az }, { region }).map((i) => `${i.code} ${i.severity}: ${i.message}`);
  const [hit] = issues('us-east-2f', 'us-east-2');
  assert.match(hit, /^invalid-availability-zone warning: us-east-2f is not one of the Availability Zones AWS lists for us-east-2 \(us-east-2a to us-east-2c\)/);
  assert.equal(issues('eu-west-1d').length, 1, 'without a host Region too');
  // Clean: a listed zone, a Local Zone, and a Region whose letters are not documented.
  assert.deepEqual(issues('us-east-2c', 'us-east-2'), []);
  assert.deepEqual(issues('us-west-2-lax-1a', 'us-west-2'), []);
  assert.deepEqual(issues('ca-central-1d', 'ca-central-1'), []);
  // In a list, on the item.
  const list = checkCreateCacheCluster({ ...redis, Engine: 'memcached', NumCacheNodes: 2, PreferredAvailabilityZones: ['us-east-2a', 'us-east-2e'] }, {});
  assert.deepEqual(list.map((i) => [i.code, i.severity, i.path]), [['invalid-availability-zone', 'warning', ['PreferredAvailabilityZones', 1]]]);
});

test('the local endpoint places nodes in the same table\'s zones; a Region without documented zones puts every node in one', async () => {
  const { nodeAvailabilityZones } = await import('../../local/src/engineFacts');
  const spread = nodeAvailabilityZones('us-east-2', { AZMode: 'cross-az' });
  assert.deepEqual([0, 1, 2, 3].map(spread.zoneOf), ['us-east-2a', 'us-east-2b', 'us-east-2c', 'us-east-2a']);
  const undocumented = nodeAvailabilityZones('ca-central-1', { AZMode: 'cross-az' });
  assert.deepEqual([0, 1, 2].map(undocumented.zoneOf), ['ca-central-1a', 'ca-central-1a', 'ca-central-1a']);
  assert.deepEqual([0, 1].map(nodeAvailabilityZones('ca-central-1', { PreferredAvailabilityZones: ['ca-central-1b', 'ca-central-1d'] }).zoneOf), ['ca-central-1b', 'ca-central-1d']);
});

test('PreferredAvailabilityZones on Valkey/Redis OSS is one engine-parameter finding: its zones are not also checked (invalid-availability-zone, availability-zone-region); on Memcached they are', () => {
  const zones = ['us-east-1a', 'bogus', 'eu-west-1a'];
  const codes = (engine: string, extra: Record<string, unknown> = {}, region?: string) =>
    checkCreateCacheCluster({ CacheClusterId: 'az-check', Engine: engine, CacheNodeType: 'cache.r6g.large', NumCacheNodes: engine === 'memcached' ? 3 : 1, PreferredAvailabilityZones: zones, ...extra }, { region }).map((i) => i.code);
  for (const engine of ['redis', 'valkey']) {
    assert.deepEqual(codes(engine), ['engine-parameter'], engine);
    assert.deepEqual(codes(engine, {}, 'us-west-2'), ['engine-parameter'], engine);
    // PreferredAvailabilityZone is for every engine: its zone is still checked beside the reported list.
    assert.deepEqual(codes(engine, { PreferredAvailabilityZone: 'nowhere' }), ['engine-parameter', 'invalid-availability-zone'], engine);
  }
  assert.deepEqual(codes('memcached'), ['invalid-availability-zone', 'availability-zone-region']);
  // Every path (Query, JSON, YAML) runs the same rule: one finding in a YAML file too.
  const yaml = `CacheClusterId: az-check\nEngine: valkey\nCacheNodeType: cache.r6g.large\nNumCacheNodes: 1\nPreferredAvailabilityZones:\n  - us-east-1a\n  - bogus\n  - eu-west-1a\n`;
  assert.deepEqual(analyze(yaml, 'yaml').findings.map((f) => f.code), ['engine-parameter']);
});
