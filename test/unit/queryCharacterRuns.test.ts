// Characters of a Query name or value that need encoding are reported one finding per run of alike characters, and
// at most MAX_CHARACTER_FINDINGS per value (then one finding for the rest): a value of 5 MB of '%' once gave a finding
// with fixes per character (hover and the outline, which parse the request again, took over 30 s and 2.5 GB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeComponent, MAX_CHARACTER_FINDINGS } from '../../server/src/service/queryParser';
import type { Finding } from '../../server/src/service/types';

function decode(raw: string, secret = false) {
  const findings: Finding[] = [];
  const { text, ok } = decodeComponent(raw, 100, findings, 'value', false, secret);
  return { text, ok, findings };
}

test('one lone % keeps its finding and fix as before', () => {
  const { findings } = decode('a%zz');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].message, "Broken percent-encoding in the value: '%' must be followed by two hexadecimal digits (write %25 for a literal '%').");
  assert.deepEqual(findings[0].span, { start: 101, end: 104 });
  assert.deepEqual(findings[0].fixes, [{ title: "Encode '%' as %25", edits: [{ span: { start: 101, end: 102 }, newText: '%25' }] }]);
});

test('a run of lone % is one finding whose fix encodes them all', () => {
  const n = 200_000;
  const { findings, text } = decode('%'.repeat(n));
  assert.equal(text, '%'.repeat(n));
  assert.equal(findings.length, 1);
  assert.equal(findings[0].fixes?.[0].edits.length, 1);
  assert.deepEqual(findings[0].fixes?.[0].edits[0], { span: { start: 100, end: 100 + n }, newText: '%25'.repeat(n) });
  // A valid escape after the run is not part of it.
  const mixed = decode('%%41');
  assert.equal(mixed.text, '%A');
  assert.deepEqual(mixed.findings.map((f) => f.fixes?.[0].edits[0]), [{ span: { start: 100, end: 101 }, newText: '%25' }]);
});

test('a run of non-ASCII characters is one finding; one character keeps its message', () => {
  const one = decode('caf\u00e9');
  assert.equal(one.findings.length, 1);
  assert.equal(one.findings[0].message, 'Non-ASCII character in the value: percent-encode it as UTF-8 (%C3%A9).');
  assert.deepEqual(one.findings[0].fixes?.[0].edits[0], { span: { start: 103, end: 104 }, newText: '%C3%A9' });
  const n = 100_000;
  const run = decode('\u00e9'.repeat(n) + '\u{1F600}');
  assert.equal(run.findings.length, 1);
  assert.deepEqual(run.findings[0].fixes?.[0].edits[0], { span: { start: 100, end: 100 + n + 2 }, newText: '%C3%A9'.repeat(n) + '%F0%9F%98%80' });
  // A secret's characters are never quoted, one or many.
  assert.ok(!/%C3/.test(JSON.stringify(decode('\u00e9\u00e9', true).findings.map((f) => [f.message, f.fixes?.[0].title]))));
});

test('runs of + and = are one finding each', () => {
  const { findings } = decode('a++b==c');
  assert.deepEqual(findings.map((f) => f.fixes?.[0].edits[0]), [
    { span: { start: 101, end: 103 }, newText: '%2B%2B' },
    { span: { start: 104, end: 106 }, newText: '%3D%3D' },
  ]);
});

test('findings per value are bounded, the rest summed up in one', () => {
  const n = 50_000;
  const { findings } = decode('\u00e9a'.repeat(n));
  assert.equal(findings.length, MAX_CHARACTER_FINDINGS + 1);
  const last = findings[findings.length - 1];
  assert.match(last.message, new RegExp(`^${n - MAX_CHARACTER_FINDINGS} more places in the value have characters that need percent-encoding`));
  assert.deepEqual(last.span, { start: 100 + 2 * MAX_CHARACTER_FINDINGS, end: 100 + 2 * n - 1 });
  // Clean case: a value with as many runs as the bound has no summary.
  assert.equal(decode('\u00e9a'.repeat(MAX_CHARACTER_FINDINGS)).findings.length, MAX_CHARACTER_FINDINGS);
});
