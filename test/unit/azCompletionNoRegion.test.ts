// Availability Zone completion with no Region known: a note first (inserting nothing), then every Region's zones
// grouped by Region with the Region named; with a Region known, only its zones and no note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, type CompletionCandidate } from '../../server/src/service/completion';
import { REGIONS, availabilityZones, regionOfAvailabilityZone } from '../../server/src/model/facts';
import type { DocumentKind } from '../../server/src/service/types';

function at(marked: string, kind: DocumentKind): CompletionCandidate[] {
  const offset = marked.indexOf('|');
  return complete(marked.slice(0, offset) + marked.slice(offset + 1), offset, kind);
}
const bySort = (items: CompletionCandidate[]) => [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));

const noRegion: [string, DocumentKind][] = [
  ['Action=CreateCacheCluster&PreferredAvailabilityZone=|', 'query'],
  ['Action=CreateCacheCluster&PreferredAvailabilityZones.PreferredAvailabilityZone.1=|', 'query'],
  ['{"PreferredAvailabilityZone": |}', 'json'],
  ['PreferredAvailabilityZone: |', 'yaml'],
  ['PreferredAvailabilityZones:\n  - |', 'yaml'],
];

for (const [marked, kind] of noRegion) {
  test(`${kind} ${JSON.stringify(marked)}: no Region known: a note first, then zones grouped by Region`, () => {
    const items = bySort(at(marked, kind));
    const [note, ...zones] = items;
    assert.equal(note.kind, 'note');
    assert.match(note.label, /Region unknown/);
    assert.match(note.detail ?? '', /add the endpoint host or another zone/);
    // It inserts nothing, at the cursor, and a typed value (no spaces) never matches its filter text.
    assert.equal(note.insertText, '');
    assert.equal(note.replace.start, note.replace.end);
    assert.equal(note.replace.start, marked.indexOf('|'));
    assert.equal(note.filterText, ' ');
    const all = REGIONS.flatMap((r) => availabilityZones(r));
    assert.deepEqual(zones.map((z) => z.label), all, 'every zone, in Region order');
    for (const z of zones) assert.equal(z.detail, `Availability Zone in ${regionOfAvailabilityZone(z.label)}`);
    // Grouped: each Region's zones are contiguous in sort order.
    const order = zones.map((z) => regionOfAvailabilityZone(z.label));
    assert.deepEqual([...new Set(order)], REGIONS.filter((r) => availabilityZones(r).length > 0));
    assert.ok(zones.every((z) => z.insertText !== ''), 'zones insert their name');
  });
}

test('the YAML list item form keeps the note without a `- `; typed text or a known Region: no note', () => {
  const list = at('PreferredAvailabilityZones:\n  |', 'yaml');
  assert.equal(list.find((i) => i.kind === 'note')?.insertText, '');
  assert.ok(!at('Action=CreateCacheCluster&PreferredAvailabilityZone=us|', 'query').some((i) => i.kind === 'note'), 'once typed, the note would replace the text: not offered');
  const host = at('https://elasticache.eu-west-1.amazonaws.com/?Action=CreateCacheCluster&PreferredAvailabilityZone=|', 'query');
  assert.ok(!host.some((i) => i.kind === 'note'));
  assert.ok(host.length > 0 && host.every((i) => i.label.startsWith('eu-west-1')));
  const zone = at('PreferredAvailabilityZone: us-west-2a\nPreferredAvailabilityZones:\n  - |', 'yaml');
  assert.ok(!zone.some((i) => i.kind === 'note'));
  assert.ok(zone.every((i) => i.label.startsWith('us-west-2')));
});
