// YAML completion on a blank line holding a form feed, tabs or spaces around the cursor: what is offered, and that
// applying it (as VS Code does) leaves a file that parses, with nothing the AWS CLI's YAML loader refuses (a form
// feed, a tab ending the line, a key or item at a column its siblings are not at). Checked against the AWS CLI v2
// (`aws elasticache create-cache-cluster --cli-input-yaml file://…`): such files fail with "Invalid YAML received".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, type CompletionCandidate } from '../../server/src/service/completion';
import { analyze } from '../../server/src/service/index';

/** Completes at the `|` in `marked`. */
function at(marked: string): { items: CompletionCandidate[]; text: string; offset: number } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { items: complete(text, offset, 'yaml'), text, offset };
}

/**
 * Applies a candidate as VS Code does: its additional edits, then the insertion, each further line of which gets the
 * spaces and tabs that start the line before the insertion; snippet placeholders filled with their default or `v`.
 */
function apply(text: string, c: CompletionCandidate): string {
  const lineStart = text.lastIndexOf('\n', c.replace.start - 1) + 1;
  const lead = /^[ \t]*/.exec(text.slice(lineStart, c.replace.start))![0];
  const insert = c.insertText.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, 'v').replace(/\n/g, `\n${lead}`);
  return [{ span: c.replace, newText: insert }, ...(c.additionalEdits ?? [])]
    .sort((a, b) => b.span.start - a.span.start)
    .reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

const syntax = (text: string) => analyze(text, 'yaml').findings.filter((f) => f.code === 'yaml-syntax').map((f) => f.message);

test('a form feed before the cursor: the insertion starts after it (VS Code filters by the text before the cursor in the range) and an additional edit removes it', () => {
  for (const blank of ['\f', '  \f', '\f ', '\v']) {
    const { items, text, offset } = at(`CacheClusterId: x\nEngine: redis\n${blank}|\nNumCacheNodes: 1\n`);
    const version = items.find((c) => c.label === 'EngineVersion');
    assert.ok(version, JSON.stringify(blank));
    assert.match(text.slice(version.replace.start, offset), /^[ \t]*$/, `${JSON.stringify(blank)}: only what VS Code skips before the cursor in the range`);
    const out = apply(text, version);
    assert.equal(out, 'CacheClusterId: x\nEngine: redis\nEngineVersion: v\nNumCacheNodes: 1\n', JSON.stringify(blank));
    assert.deepEqual(syntax(out), []);
  }
});

test('tabs or a form feed after the cursor on a blank line are replaced too (a tab or form feed ending the line is refused)', () => {
  for (const [before, after] of [['\t', '\t'], ['', '\t'], ['\f', '\f'], ['  ', '\t'], ['', '\f  ']]) {
    const { items, text } = at(`CacheClusterId: x\nEngine: redis\n${before}|${after}\nNumCacheNodes: 1\n`);
    const out = apply(text, items.find((c) => c.label === 'EngineVersion')!);
    assert.equal(out, 'CacheClusterId: x\nEngine: redis\nEngineVersion: v\nNumCacheNodes: 1\n', JSON.stringify([before, after]));
  }
  // Nothing after the cursor: the same insertion.
  const { items, text } = at('CacheClusterId: x\nEngine: redis\n|\nNumCacheNodes: 1\n');
  assert.equal(apply(text, items.find((c) => c.label === 'EngineVersion')!), 'CacheClusterId: x\nEngine: redis\nEngineVersion: v\nNumCacheNodes: 1\n');
});

test('a new list item on a line indented other than the items already there goes to their column', () => {
  for (const indent of [' ', '   ', ' \f']) {
    const { items, text } = at(`CacheClusterId: x\nTags:\n  - Key: a\n${indent}|\n`);
    assert.deepEqual(items.map((c) => c.label), ['- Tag'], JSON.stringify(indent));
    const out = apply(text, items[0]);
    assert.equal(out, 'CacheClusterId: x\nTags:\n  - Key: a\n  - Key: v\n    Value: v\n', JSON.stringify(indent));
    assert.deepEqual(syntax(out), []);
  }
  // Aligned already, or the list's first item: as typed.
  const aligned = at('CacheClusterId: x\nTags:\n  - Key: a\n  |\n');
  assert.equal(apply(aligned.text, aligned.items[0]), 'CacheClusterId: x\nTags:\n  - Key: a\n  - Key: v\n    Value: v\n');
  const first = at('CacheClusterId: x\nSecurityGroupIds:\n   |');
  assert.equal(apply(first.text, first.items[0]), 'CacheClusterId: x\nSecurityGroupIds:\n   - v');
});

test('a key on a line indented other than its sibling keys goes to their column', () => {
  const head = 'CacheClusterId: x\nLogDeliveryConfigurations:\n  - DestinationDetails:\n      CloudWatchLogsDetails:\n        LogGroup: x\n';
  const { items, text } = at(`${head}     |\n`);
  assert.deepEqual(items.map((c) => c.label), ['KinesisFirehoseDetails']);
  const out = apply(text, items[0]);
  assert.equal(out, `${head}      KinesisFirehoseDetails:\n        DeliveryStream: v\n`);
  assert.deepEqual(syntax(out), []);
  // At the siblings' column: unchanged.
  const aligned = at(`${head}      |\n`);
  assert.equal(apply(aligned.text, aligned.items[0]), out);
});

test('a value completed with blanks after the cursor (`Engine: |⇥`) replaces them: a tab or form feed after a value is refused by the AWS CLI; a comment after them is kept', () => {
  for (const after of ['\t', ' \t', '\f', '\t ', '\t\r']) {
    const { items, text } = at(`CacheClusterId: x\nEngine: |${after}\nNumCacheNodes: 1\n`);
    const redis = items.find((c) => c.label === 'redis');
    assert.ok(redis, JSON.stringify(after));
    const eol = after.endsWith('\r') ? '\r' : '';
    assert.equal(apply(text, redis), `CacheClusterId: x\nEngine: redis${eol}\nNumCacheNodes: 1\n`, JSON.stringify(after));
  }
  // Part of a value after the cursor, then a tab: the whole rest of the line goes.
  const { items, text } = at('CacheClusterId: x\nEngine: re|dis\t\nNumCacheNodes: 1\n');
  assert.equal(apply(text, items.find((c) => c.label === 'redis')!), 'CacheClusterId: x\nEngine: redis\nNumCacheNodes: 1\n');
  // Clean: nothing after the cursor, or a comment after spaces, is left as it was.
  const plain = at('CacheClusterId: x\nEngine: |\nNumCacheNodes: 1\n');
  assert.equal(apply(plain.text, plain.items.find((c) => c.label === 'redis')!), 'CacheClusterId: x\nEngine: redis\nNumCacheNodes: 1\n');
  const commented = at('CacheClusterId: x\nEngine: |  # cache engine\nNumCacheNodes: 1\n');
  assert.equal(apply(commented.text, commented.items.find((c) => c.label === 'redis')!), 'CacheClusterId: x\nEngine: redis  # cache engine\nNumCacheNodes: 1\n');
});
