// JSON/YAML entry removal fixes (empty-value, "already given" unknown-parameter): the same edits as the line-scanning
// version they replaced, worked out when read, and in time linear in the number of entries even on one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type DocumentKind, type Entry, type Fix } from '../../server/src/service/index';

/**
 * The removal as it was worked out eagerly before (scanning each entry's whole line): the reference the lazily
 * worked-out edits must equal. Undefined where it declined. (Not for a YAML block list or mapping followed by another
 * entry, which it declined wrongly: see the last test.)
 */
function eagerRemovalEdits(kind: 'json' | 'yaml', text: string, entries: readonly Entry[], i: number): Fix['edits'] | undefined {
  const entry = entries[i];
  const start = entry.nameSpan.start;
  const end = entry.value.span.end;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const aloneBefore = /^[ \t]*$/.test(text.slice(lineStart, start));
  if (kind === 'yaml') {
    const lineEnd = text.indexOf('\n', end);
    const rest = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
    if (!aloneBefore || !/^[ \t]*(#.*)?\r?$/.test(rest)) return undefined;
    return [{ span: { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1 }, newText: '' }];
  }
  const next = entries[i + 1];
  if (next) {
    const nextLineStart = text.lastIndexOf('\n', next.nameSpan.start - 1) + 1;
    const nextAlone = /^[ \t]*$/.test(text.slice(nextLineStart, next.nameSpan.start));
    return [{ span: aloneBefore && nextAlone && nextLineStart > end ? { start: lineStart, end: nextLineStart } : { start, end: next.nameSpan.start }, newText: '' }];
  }
  const previous = entries[i - 1];
  return [{ span: { start: previous ? previous.value.span.end : start, end }, newText: '' }];
}

test('entry removal fixes: the edits read from each fix equal the eagerly worked-out ones, and a fix is offered where they were', () => {
  const docs: [DocumentKind & ('json' | 'yaml'), string][] = [
    ['json', '{\n  "CacheClusterId": "a",\n  "CacheSubnetGroupName": "",\n  "NumCacheNode": 1,\n  "NumCacheNodes": 2\n}\n'],
    ['json', '{"CacheSubnetGroupName": "", "CacheClusterId": "a", "NumCacheNodes": 1, "NumCacheNode": 2, "SnapshotName": " "}'],
    ['json', '{\r\n\t"NumCacheNodes": 1,\r\n\t"NumCacheNode": 2\r\n}'],
    ['json', '{ "NumCacheNode": 1\n  , "NumCacheNodes": 2\n  , "SnapshotName": "" }'],
    ['yaml', 'CacheClusterId: a\nCacheSubnetGroupName: ""\nNumCacheNodes: 1\nNumCacheNode: 2  # old\n'],
    ['yaml', 'NumCacheNode: 2\r\nNumCacheNodes: 1\r\nSnapshotName: " "'],
    ['yaml', 'NumCacheNode: 2 # a comment\u2028more\nNumCacheNodes: 1\n'],
    // Declined: flow mappings, and an entry sharing its line.
    ['yaml', '{NumCacheNode: 2, NumCacheNodes: 1, SnapshotName: ""}\n'],
    ['yaml', 'NumCacheNodes: 1\nNumCacheNode: 2\rSnapshotName: ""\n'],
  ];
  let fixes = 0;
  let declined = 0;
  for (const [kind, text] of docs) {
    const { findings, requests } = analyze(text, kind);
    const entries = requests[0].entries!;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      const finding = findings.find((f) => (f.code === 'empty-value' && f.span.start === entry.value.span.start) || (f.code === 'unknown-parameter' && f.span.start === entry.nameSpan.start));
      if (!finding) continue;
      const expected = eagerRemovalEdits(kind, text, entries, i);
      const fix = finding.fixes?.find((f) => f.title.startsWith('Remove'));
      assert.deepEqual(fix?.edits, expected, `${kind} ${JSON.stringify(text)} ${entry.name}`);
      if (fix) {
        assert.equal(fix.isPreferred, true);
        assert.deepEqual(JSON.parse(JSON.stringify(fix)), { title: fix.title, edits: expected, isPreferred: true }, 'serialised with its edits');
        fixes++;
      } else declined++;
    }
  }
  assert.ok(fixes >= 10 && declined >= 3, `${fixes} fixes, ${declined} declined`);
});

test('many misspelt or empty entries are checked in time linear in their number, on one line or one per line', () => {
  const cpuMs = (text: string, kind: DocumentKind) => {
    const t0 = process.cpuUsage();
    analyze(text, kind);
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / 1000;
  };
  const docs: [string, DocumentKind, (n: number) => string][] = [
    // Did-you-mean NumCacheNodes, not given: each unknown name looked up among its siblings.
    ['pretty JSON, NumCacheNodes not given', 'json', (n) => '{\n  "CacheClusterId": "a",\n' + Array.from({ length: n }, () => '  "NumCacheNode": 1').join(',\n') + '\n}'],
    // Given: each gets a removal fix; on one line, a scan back to the line's start per entry was quadratic.
    ['one-line JSON, NumCacheNodes given', 'json', (n) => '{"CacheClusterId": "a", "NumCacheNodes": 1, ' + Array.from({ length: n }, () => '"NumCacheNode": 1').join(', ') + '}'],
    ['one-line JSON, empty values', 'json', (n) => '{"CacheClusterId": "a", ' + Array.from({ length: n }, () => '"CacheSubnetGroupName": ""').join(', ') + '}'],
  ];
  for (const [label, kind, doc] of docs) {
    const small = doc(4000);
    const large = doc(32000);
    cpuMs(small, kind); // warm-up
    // The fastest of a few runs (the machine is shared); 8× the entries: linear is ~8×, quadratic ~64×.
    let ts = Infinity;
    for (let run = 0; run < 3; run++) ts = Math.min(ts, cpuMs(small, kind));
    ts = Math.max(ts, 5);
    let tl = Infinity;
    for (let run = 0; run < 3 && tl >= ts * 24; run++) tl = Math.min(tl, cpuMs(large, kind));
    assert.ok(tl < ts * 24, `${label}: 4,000 entries ${ts.toFixed(0)} ms, 32,000 entries ${tl.toFixed(0)} ms`);
  }
});

test('YAML: an entry whose value is a block list or mapping is removed with its lines, whichever entry follows it', () => {
  const docs: [string, string][] = [
    ['SecurityGroupId:\n  - sg-1\nSecurityGroupIds:\n  - sg-2\n', 'SecurityGroupIds:\n  - sg-2\n'],
    ['SecurityGroupIds:\n  - sg-2\nSecurityGroupId:\n  - sg-1\n', 'SecurityGroupIds:\n  - sg-2\n'],
    ['SecurityGroupId:\r\n- sg-1  # old\r\nSecurityGroupIds:\r\n- sg-2', 'SecurityGroupIds:\r\n- sg-2'],
    // A comment line after the list belongs to what follows it: it stays.
    ['Tag:\n  Key: a\n# the team tag\nTags:\n  - Key: b\n', '# the team tag\nTags:\n  - Key: b\n'],
  ];
  for (const [text, fixed] of docs) {
    const found = analyze(text, 'yaml').findings.filter((f) => f.code === 'unknown-parameter');
    assert.equal(found.length, 1, text);
    assert.deepEqual(found[0].fixes?.map((f) => f.title), [`Remove ${text.startsWith('Tag') ? 'Tag (Tags' : 'SecurityGroupId (SecurityGroupIds'} is already given)`], text);
    const edits = found[0].fixes![0].edits;
    let after = text;
    for (const e of [...edits].reverse()) after = after.slice(0, e.span.start) + e.newText + after.slice(e.span.end);
    assert.equal(after, fixed);
  }
  // Clean case: an entry sharing its line with another (a flow mapping) still gets no fix.
  const flow = analyze('{SecurityGroupId: [sg-1], SecurityGroupIds: [sg-2]}\n', 'yaml').findings.find((f) => f.code === 'unknown-parameter');
  assert.ok(flow && !flow.fixes);
});
