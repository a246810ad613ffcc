// The focus (the range of the last edit): in a file with more findings than MAX_FINDINGS, the requests on the lines
// around the edit are checked in full and their findings listed, beyond the budget that the first requests spend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, FOCUS_LINES, MAX_FINDINGS, type Finding } from '../../server/src/service/index';

const seed = readFileSync(join(__dirname, '..', 'lsp', 'fixtures', 'seed.elasticache'), 'utf8');
const seedBody = seed.split('\n').filter((l) => !l.startsWith('#')).join('\n').trim();

/** `n` copies of the seed request (11 findings each), separated by `###` lines; the last one with `Engine=rediss`. */
function bigDocument(n: number): { text: string; starts: number[] } {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(seedBody.replace('CacheClusterId=my-cluster', `CacheClusterId=my-cluster-${i}`));
  parts[n - 1] = parts[n - 1].replace('Engine=redis', 'Engine=rediss');
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) {
    starts.push(at);
    at += p.length + '\n###\n'.length;
  }
  return { text: parts.join('\n###\n') + '\n', starts };
}

const { text: big, starts } = bigDocument(2000);
const lastStart = starts[starts.length - 1];
const typo = big.lastIndexOf('Engine=rediss') + 'Engine='.length;
/** The edit that made the typo: the second `s` typed. */
const edit = { start: typo + 5, end: typo + 6 };

/** The findings of request `i` of the big document, as `code@offset in the request`. */
function ofRequest(findings: Finding[], i: number): string[] {
  const end = i + 1 < starts.length ? starts[i + 1] : big.length;
  return findings.filter((f) => f.code !== 'too-many-findings' && f.span.start >= starts[i] && f.span.start < end).map((f) => `${f.code}@${f.span.start - starts[i]}`);
}
/** The findings of request `i` analysed on its own, in the same form. */
function alone(i: number): string[] {
  const end = i + 1 < starts.length ? starts[i + 1] : big.length;
  return analyze(big.slice(starts[i], end), 'query').findings.map((f) => `${f.code}@${f.span.start}`);
}

test('2,000 requests: the findings of the request just edited (the last) are listed with the focus, not without', () => {
  const without = analyze(big, 'query').findings;
  assert.deepEqual(ofRequest(without, 1999), [], 'without a focus the budget is spent long before the last request');
  assert.ok(!/around the last edit/.test(without.at(-1)!.message));

  const { findings } = analyze(big, 'query', { focus: [edit] });
  const mine = ofRequest(findings, 1999);
  assert.deepEqual(mine, alone(1999), 'all of its findings, as when the request is analysed alone');
  assert.ok(findings.some((f) => f.code === 'invalid-engine' && f.span.start === typo && f.span.end === typo + 'rediss'.length));
  // The document budget is unchanged: the first requests still fill it.
  assert.deepEqual(ofRequest(findings, 0), alone(0));
  // The lines named: from the first request touching the line FOCUS_LINES above the edit, to the end of the file.
  const note = findings.at(-1)!;
  assert.equal(note.code, 'too-many-findings');
  const named = /every finding on lines (\d+)–(\d+), around the last edit \(the requests there are checked in full\)/.exec(note.message);
  assert.ok(named, note.message);
  const editLine = big.slice(0, typo).split('\n').length;
  const requestLines = seedBody.split('\n').length + 1;
  assert.ok(+named[1] <= editLine - FOCUS_LINES && +named[1] > editLine - FOCUS_LINES - requestLines, note.message);
  assert.equal(+named[2], big.split('\n').length);
});

test(`the requests touching the ${FOCUS_LINES} lines above and below the edit are listed in full; those further away are not`, () => {
  const lineOf = (offset: number) => big.slice(0, offset).split('\n').length - 1;
  const middle = 1000;
  const at = big.indexOf('&Engine=', starts[middle]);
  const focusLine = lineOf(at);
  const { findings } = analyze(big, 'query', { focus: [{ start: at, end: at + 1 }] });
  let listed = 0;
  for (let i = middle - 12; i <= middle + 12; i++) {
    const firstLine = lineOf(starts[i]);
    const lastLine = firstLine + seedBody.split('\n').length - 1;
    const touches = lastLine >= focusLine - FOCUS_LINES && firstLine <= focusLine + FOCUS_LINES;
    assert.deepEqual(ofRequest(findings, i), touches ? alone(i) : [], `request ${i} (lines ${firstLine}–${lastLine}, edit on ${focusLine})`);
    if (touches) listed++;
  }
  assert.ok(listed >= 10 && listed <= 12, `${listed} requests listed around the edit`);
});

test('a focus as large as the file (a paste) counts by its last lines: the memory bound holds', () => {
  const { findings } = analyze(big, 'query', { focus: [{ start: 0, end: big.length }] });
  assert.deepEqual(ofRequest(findings, 1999), alone(1999), 'where the cursor is after the paste');
  assert.deepEqual(ofRequest(findings, 1000), []);
  const aroundTheEdit = Math.ceil((2 * FOCUS_LINES + 1) / seedBody.split('\n').length) + 1;
  assert.ok(findings.length <= 2 * MAX_FINDINGS + 1 + aroundTheEdit * 11, `${findings.length} findings`);
});

test('without too many findings a focus changes nothing (clean case)', () => {
  const { text, starts: twenty } = bigDocument(20);
  const at = text.indexOf('&Engine=', twenty[10]);
  assert.deepEqual(analyze(text, 'query', { focus: [{ start: at, end: at }] }), analyze(text, 'query'));
});

test('a CLI input file with more findings than the budget: the finding at the edit is listed with the focus', () => {
  const names = Array.from({ length: 3 * MAX_FINDINGS }, (_, i) => `Foo${i}`);
  const forms = [
    ['json', `{\n  "CacheClusterId": "a",\n${names.map((n) => `  "${n}": 1,\n`).join('')}  "Engine": "rediss"\n}\n`],
    ['yaml', `CacheClusterId: a\n${names.map((n) => `${n}: 1\n`).join('')}Engine: rediss\n`],
  ] as const;
  for (const [kind, text] of forms) {
    const at = text.lastIndexOf('rediss');
    const isTypo = (f: Finding) => f.code === 'invalid-engine' && f.span.start <= at && f.span.end >= at + 'rediss'.length;
    const without = analyze(text, kind).findings;
    assert.ok(!without.some(isTypo), `${kind}: past the budget without a focus`);
    const { findings } = analyze(text, kind, { focus: [{ start: at + 5, end: at + 6 }] });
    assert.ok(findings.some(isTypo), `${kind}: listed with the focus`);
    // One request, always checked in full: the note names only the lines.
    assert.match(findings.at(-1)!.message, /, around the last edit\. Fix these/, kind);
  }
});

test('a focus of several edits (a multi-cursor edit): the requests around each are listed in full, and the note names each window', () => {
  const middle = big.indexOf('&Engine=', starts[1000]);
  const { findings } = analyze(big, 'query', { focus: [{ start: middle, end: middle + 1 }, edit] });
  assert.deepEqual(ofRequest(findings, 1000), alone(1000), 'the request at the first edit');
  assert.deepEqual(ofRequest(findings, 1999), alone(1999), 'the request at the second edit');
  assert.deepEqual(ofRequest(findings, 1500), [], 'a request between the two windows');
  const named = /every finding on lines (\d+)–(\d+), (\d+)–(\d+), around the recent edits \(/.exec(findings.at(-1)!.message);
  assert.ok(named, findings.at(-1)!.message);
  const lineOf = (offset: number) => big.slice(0, offset).split('\n').length;
  assert.ok(+named[1] <= lineOf(middle) - FOCUS_LINES && +named[2] >= lineOf(middle) + FOCUS_LINES, findings.at(-1)!.message);
  assert.equal(+named[4], big.split('\n').length);
  // Two edits close together: one window, named once.
  const near = analyze(big, 'query', { focus: [{ start: middle, end: middle + 1 }, { start: middle + 200, end: middle + 201 }] });
  assert.match(near.findings.at(-1)!.message, /every finding on lines \d+–\d+, around the recent edits \(/);
});

test("with the editor's limit (maxFindings), the focus's findings are kept first, then the file's errors, and the note says so", () => {
  const limit = 1000;
  const { findings } = analyze(big, 'query', { focus: [edit], maxFindings: limit });
  assert.equal(findings.length, limit, 'the limit, the note included');
  // Every finding of the request just edited, the typo among them: VS Code would otherwise drop them past its 1000.
  assert.deepEqual(ofRequest(findings, 1999).sort(), alone(1999).sort());
  assert.ok(findings.some((f) => f.code === 'invalid-engine' && f.span.start === typo));
  const note = findings.at(-1)!;
  assert.equal(note.code, 'too-many-findings');
  assert.match(note.message, /^Too many findings \(\d+ not listed, requests after the 1000th error only partly checked\): the editor lists at most 1000 per file, so it shows every finding on lines \d+–\d+, around the last edit \(the requests there are checked in full\), then the first errors of the rest of the file, then its warnings, information and hints\. Fix these and the rest will appear\.$/);
  // Every finding of the requests on the lines named; the others are the first errors of the file: no warning fits.
  const firstLine = +/on lines (\d+)–/.exec(note.message)![1];
  const lineOf = (offset: number) => big.slice(0, offset).split('\n').length;
  const focusStart = starts.find((s) => lineOf(s) >= firstLine)!;
  const inFocus = starts.filter((s) => s >= focusStart).length;
  for (let i = starts.length - inFocus; i < starts.length; i++) assert.deepEqual(ofRequest(findings, i).sort(), alone(i).sort(), `request ${i}`);
  const rest = findings.slice(0, -1).filter((f) => f.span.start < focusStart);
  assert.equal(rest.length, limit - 1 - 11 * inFocus);
  assert.deepEqual(rest.filter((f) => f.severity !== 'error'), []);
  assert.deepEqual(ofRequest(findings, 0).sort(), alone(0).filter((f) => /^query-expires|^query-signed-headers|^unknown-parameter|^engine-version-support/.test(f)).sort());
  // The focus's first (VS Code underlines a file's first 500 markers only), each part in document order.
  const focusPart = findings.slice(0, 11 * inFocus);
  assert.ok(focusPart.every((f) => f.span.start >= focusStart), 'the focus first');
  for (const part of [focusPart.map((f) => f.span.start), rest.map((f) => f.span.start)]) assert.deepEqual(part, [...part].sort((a, b) => a - b), 'in document order');
  // Without a focus: the first errors.
  const unfocused = analyze(big, 'query', { maxFindings: limit }).findings;
  assert.equal(unfocused.length, limit);
  assert.deepEqual(unfocused.slice(0, -1).filter((f) => f.severity !== 'error'), []);
  assert.match(unfocused.at(-1)!.message, /the editor lists at most 1000 per file, so it shows the first errors, then warnings, information and hints\./);
});

test('a focus Create refused (elasticache/focus, no edit): the note names that request, not an edit', () => {
  const refused = { start: lastStart, end: lastStart };
  for (const facts of [{ maxFindings: 1000 }, {}]) {
    const note = analyze(big, 'query', { focus: [refused], focusReason: 'createRefused', ...facts }).findings.at(-1)!;
    assert.equal(note.code, 'too-many-findings');
    assert.match(note.message, /every finding on lines \d+–\d+, around the request Create refused \(the requests there are checked in full\)/);
    assert.ok(!/last edit/.test(note.message), note.message);
    // Clean: the same focus made by an edit is the last edit's.
    assert.match(analyze(big, 'query', { focus: [refused], focusReason: 'edits', ...facts }).findings.at(-1)!.message, /, around the last edit \(/);
  }
});

test("the focus's findings alone past the editor's limit: its errors first", () => {
  const { findings } = analyze(big, 'query', { focus: [edit], maxFindings: 4 });
  assert.deepEqual(findings.slice(0, -1).map((f) => f.severity), ['error', 'error', 'error']);
  const note = findings.at(-1)!;
  assert.match(note.message, /so it shows the first errors on lines \d+–\d+, around the last edit, then warnings, information and hints there\./);
  const firstLine = +/on lines (\d+)–/.exec(note.message)![1];
  assert.ok(findings.slice(0, -1).every((f) => big.slice(0, f.span.start).split('\n').length >= firstLine), 'errors of the requests around the edit');
});

test("below the editor's limit, maxFindings changes nothing (clean case)", () => {
  const { text, starts: twenty } = bigDocument(20);
  const at = text.indexOf('&Engine=', twenty[10]);
  const focused = analyze(text, 'query', { focus: [{ start: at, end: at }], maxFindings: 1000 });
  const plain = analyze(text, 'query');
  assert.deepEqual(focused.requests, plain.requests);
  // The same findings, the focus's first (VS Code underlines only a file's first 500 markers, in the order sent): the
  // requests on the lines around the edit, then the others, each part in document order.
  const byStart = (a: { span: { start: number } }, b: { span: { start: number } }) => a.span.start - b.span.start;
  assert.deepEqual([...focused.findings].sort(byStart), [...plain.findings].sort(byStart));
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const first = focused.findings[0]!.span.start;
  assert.ok(first > twenty[1] && Math.abs(lineOf(first) - lineOf(at)) <= 100 + 20, 'starts with the requests around the edit');
  // 20 × 11 findings, one over a limit of 219: one place goes to the note, which says what is shown.
  const over = analyze(text, 'query', { maxFindings: 219 }).findings;
  assert.equal(over.length, 219);
  assert.match(over.at(-1)!.message, /^Too many findings \(2 not listed\): the editor lists at most 219 per file, so it shows the first errors, then warnings, information and hints\./);
  assert.equal(over.filter((f) => f.severity === 'error').length, 20 * 4);
});

test('fullyListed: past the budget, the lines whose findings are all listed (the requests around the edit); absent when all are', () => {
  const focused = analyze(big, 'query', { focus: [edit], maxFindings: 1000 });
  assert.equal(focused.fullyListed?.length, 1);
  const [lines] = focused.fullyListed!;
  assert.ok(lines.start <= lastStart && lines.end >= big.trimEnd().length, JSON.stringify(lines));
  assert.ok(lines.start > starts[1980], 'not the requests far above');
  assert.deepEqual(analyze(big, 'query', { focus: [edit] }).fullyListed, [lines], 'the same with the budgets of elasticache lint');
  assert.deepEqual(analyze(big, 'query', { maxFindings: 1000 }).fullyListed, [], 'no focus: no request is known to be listed in full');
  // The focus's own findings past the limit: none is listed in full.
  assert.deepEqual(analyze(big, 'query', { focus: [edit], maxFindings: 4 }).fullyListed, []);
  assert.equal(analyze(bigDocument(20).text, 'query', { maxFindings: 1000 }).fullyListed, undefined);
});
