// Past a severity's budget (MAX_FINDINGS), the checks' findings are counted, not built: 60,000 repeated tag keys made
// 60,000 messages (each naming its tag) only to drop 59,000 of them. The output stays what it was: the same findings
// and the same count in the too-many-findings note, with or without a focus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, CappedFindings, MAX_FINDINGS } from '../../server/src/service/index';
import type { Finding } from '../../server/src/service/types';

const warning = (at: number): Finding => ({ code: 'tags', severity: 'warning', message: 'm', span: { start: at, end: at + 1 } });

test('a finding past its severity\'s budget is counted without being built; one with room, or on the focus lines, is admitted', () => {
  const findings = new CappedFindings();
  for (let i = 0; i < MAX_FINDINGS; i++) {
    assert.equal(findings.admits('warning', { start: i, end: i + 1 }), true);
    findings.push(warning(i));
  }
  assert.equal(findings.admits('warning', { start: 5000, end: 5001 }), false);
  assert.equal(findings.dropped, 1);
  // Clean: another severity has its own budget, and nothing was counted for it.
  assert.equal(findings.admits('error', { start: 5000, end: 5001 }), true);
  assert.equal(findings.dropped, 1);
  // With a focus, a finding on its lines has the focus budget.
  const focused = new CappedFindings([{ start: 10_000, end: 10_100 }]);
  for (let i = 0; i < MAX_FINDINGS; i++) focused.push(warning(i));
  assert.equal(focused.admits('warning', { start: 10_050, end: 10_051 }), true);
  assert.equal(focused.admits('warning', { start: 5000, end: 5001 }), false);
  assert.equal(focused.focusDropped, 0);
});

test('60,000 repeated tag keys: the first 1000 warnings and the count of the rest, as when every one was built', () => {
  const n = 60_000;
  const text = `{"CacheClusterId": "c1", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "Tags": [\n${Array.from({ length: n }, () => '{"Key": "k", "Value": "v"}').join(',\n')}]}`;
  const findings = analyze(text, 'json').findings;
  const repeats = findings.filter((f) => f.code === 'tags' && f.severity === 'warning');
  assert.equal(repeats.length, MAX_FINDINGS);
  assert.equal(repeats[0].message, 'Tags (item 2).Key repeats the key of tag 1: a resource keeps one value per key, so one of the two is lost. Remove one tag, or give it another key.');
  assert.match(repeats.at(-1)!.message, /^Tags \(item 1001\)\.Key repeats/);
  assert.equal(findings.at(-1)!.message, `Too many findings (${n - 1 - MAX_FINDINGS} not listed): only the first ${MAX_FINDINGS} of each severity are shown. Fix these and the rest will appear.`);
  // With a focus on the last lines, their repeats are listed too (the focus budget), and counted alike.
  const focused = analyze(text, 'json', { focus: [{ start: text.length, end: text.length }] }).findings;
  const last = focused.filter((f) => f.code === 'tags' && f.severity === 'warning' && f.span.start > text.length - 5000);
  assert.ok(last.length > 0 && /item 60000\)/.test(last.at(-1)!.message), last.at(-1)?.message);
});
