// yaml-syntax on control characters the AWS CLI's YAML reader refuses: one finding per line, however many there are on
// it, with one fix removing them all (documentParsers.ts reportNonPrintable).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, findingsAt } from './helpers';

const base = (line: string) => ['CacheClusterId: x', 'Engine: redis', line, 'CacheNodeType: cache.t3.micro', 'NumCacheNodes: 1', ''].join('\n');

test('several control characters on one line are one finding, on the first to the last, whose fix removes them all', () => {
  const text = base('# pasted \u001b[31mred\u001b[0m colours');
  const found = findingsAt(text, 'yaml');
  assert.deepEqual(found.map((f) => [f.code, f.severity, f.at]), [['yaml-syntax', 'error', '\u001b[31mred\u001b']]);
  assert.equal(found[0].finding.message, `Invalid YAML for the AWS CLI: 2 invisible control characters on this line (U+001B), which the AWS CLI's YAML reader refuses anywhere in the file ("special characters are not allowed"). Remove them.`);
  assert.equal(found[0].finding.fixes?.length, 1);
  assert.equal(found[0].finding.fixes![0].title, 'Remove the 2 control characters');
  const fixed = applyEdits(text, found[0].finding.fixes![0].edits);
  assert.equal(fixed, base('# pasted [31mred[0m colours'));
  assert.deepEqual(findingsAt(fixed, 'yaml'), []);
});

test('a line of form feeds and vertical tabs, and characters inside a quoted value: one finding each line, naming each kind once', () => {
  const text = base('\f\f\v') + 'Tags:\n  - Key: "a\u0001b\u0002"\n';
  const found = findingsAt(text, 'yaml').filter((f) => f.code === 'yaml-syntax');
  assert.deepEqual(found.map((f) => f.at), ['\f\f\v', '\u0001b\u0002']);
  assert.match(found[0].finding.message, /^Invalid YAML for the AWS CLI: 3 invisible control characters on this line \(form feed U\+000C, vertical tab U\+000B\)/);
  assert.match(found[1].finding.message, /\(U\+0001, U\+0002\)/);
  let fixed = text;
  for (const f of [...found].reverse()) fixed = applyEdits(fixed, f.finding.fixes![0].edits);
  assert.deepEqual(findingsAt(fixed, 'yaml').filter((f) => f.code === 'yaml-syntax'), []);
});

test('clean: one character on each of two lines is two findings, each as before; a file without any has none', () => {
  const text = base('\f') + '# a\u007f\n';
  const found = findingsAt(text, 'yaml');
  assert.deepEqual(found.map((f) => f.at), ['\f', '\u007f']);
  assert.equal(found[0].finding.fixes![0].title, 'Remove the form feed');
  assert.match(found[1].finding.message, /^Invalid YAML for the AWS CLI: an invisible control character \(U\+007F\).*Remove it\.$/);
  assert.deepEqual(findingsAt(base('# plain'), 'yaml'), []);
});
