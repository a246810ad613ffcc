// Differential test: the JSON tree builder of the language service (documentParsers.ts, jsonc-parser's recovery
// re-implemented over its scanner) must build the same tree as jsonc-parser's own `parseTree`, with the AWS CLI's
// options, and agree on whether the text has errors, on every JSON file in the repository and on deterministic
// mutations of each (truncations, deleted and duplicated characters, inserted commas, brackets and comments).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type Node as JsoncNode, type ParseError } from 'jsonc-parser';
import { parseJsonDocument } from '../../server/src/service/documentParsers';
import type { Finding, ValueNode } from '../../server/src/service/types';

const root = join(import.meta.dirname, '../..');

/** Every JSON file git tracks (samples, fixtures, configuration), so a new fixture joins the corpus by itself. */
function corpus(): { name: string; text: string }[] {
  const files = execFileSync('git', ['ls-files', '*.json', '**/*.json'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  return [...new Set(files)].sort().map((name) => ({ name, text: readFileSync(join(root, name), 'utf8') }));
}

/** `count` offsets spread evenly over [0, length], the same on every run. */
function offsets(length: number, count: number): number[] {
  const step = Math.max(1, Math.floor(length / count));
  const out: number[] = [];
  for (let at = 0; at <= length; at += step) out.push(at);
  return out;
}

const INSERTS = [',', '[', ']', '{', '}', ':', '"', '/* c */', '// c\n'];

/** The mutations of one text: truncations, deletions, duplications and insertions at evenly spread offsets. */
function mutations(text: string): string[] {
  // Larger files get fewer points per character so the whole corpus stays within a few seconds.
  const points = text.length > 20_000 ? 20 : 120;
  const out: string[] = [];
  for (const at of offsets(text.length, points)) {
    out.push(text.slice(0, at));
    if (at < text.length) {
      out.push(text.slice(0, at) + text.slice(at + 1));
      out.push(text.slice(0, at + 1) + text.slice(at));
    }
  }
  offsets(text.length, points / 3).forEach((at, k) => out.push(text.slice(0, at) + INSERTS[k % INSERTS.length] + text.slice(at)));
  return out;
}

/** A tree in one comparable shape: the builder's spans and jsonc-parser's offset/length mapped onto each other. */
type Plain =
  | { kind: 'object'; start: number; end: number; entries: { name: string; nameStart: number; nameEnd: number; value: Plain | 'missing' }[] }
  | { kind: 'list'; start: number; end: number; items: Plain[] }
  | { kind: 'scalar'; start: number; end: number; value: unknown };

function fromBuilder(node: ValueNode): Plain {
  if (node.kind === 'object') {
    return {
      kind: 'object',
      start: node.span.start,
      end: node.span.end,
      entries: node.entries.map((e) => ({
        name: e.name,
        nameStart: e.nameSpan.start,
        nameEnd: e.nameSpan.end,
        // A member without a value is kept as an empty-span null right after its name, so that the shape checks can
        // still say which member lacks a value; jsonc-parser's tree has a property without a value node.
        value: e.value.kind === 'scalar' && e.value.value === null && e.value.span.start === e.value.span.end ? 'missing' : fromBuilder(e.value),
      })),
    };
  }
  if (node.kind === 'list') return { kind: 'list', start: node.span.start, end: node.span.end, items: node.items.map(fromBuilder) };
  return { kind: 'scalar', start: node.span.start, end: node.span.end, value: node.value };
}

function fromJsonc(node: JsoncNode): Plain {
  const end = node.offset + node.length;
  if (node.type === 'object') {
    return {
      kind: 'object',
      start: node.offset,
      end,
      entries: (node.children ?? []).map((property) => {
        const [key, value] = property.children!;
        // The builder's name span is the key without its quotes (what hover and fixes point at).
        return { name: key.value, nameStart: key.offset + 1, nameEnd: key.offset + Math.max(1, key.length - 1), value: value ? fromJsonc(value) : 'missing' };
      }),
    };
  }
  if (node.type === 'array') return { kind: 'list', start: node.offset, end, items: (node.children ?? []).map(fromJsonc) };
  return { kind: 'scalar', start: node.offset, end, value: node.value };
}

/**
 * Texts where the builder reads a value jsonc-parser's recovery drops, on purpose: a 'single-quoted' string, an
 * unquoted name before a colon, an unquoted value (`"Engine": redis`) or a literal in the wrong case (`True`) is
 * reported once, with a fix, and read as the value it plainly is, where jsonc-parser reports the token and the
 * tokens after it and loses the member. Their trees differ by design; whether there are errors must still agree.
 */
const LOOSE = /double quotes|JSON's (true|false|null) is lowercase|a value must be a string in double quotes/;

function compare(text: string, label: string): 'same' | 'loose' {
  const findings: Finding[] = [];
  const built = parseJsonDocument(text, findings);
  const errors: ParseError[] = [];
  const reference = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  const syntax = findings.filter((f) => f.code === 'json-syntax');
  assert.equal(syntax.length > 0, errors.length > 0, `${label}: error presence differs\n${JSON.stringify(text)}\nbuilder: ${JSON.stringify(syntax.map((f) => f.message))}\njsonc: ${JSON.stringify(errors)}`);
  if (syntax.some((f) => LOOSE.test(f.message))) return 'loose';
  assert.deepEqual(built && fromBuilder(built), reference && fromJsonc(reference), `${label}: trees differ\n${JSON.stringify(text)}`);
  return 'same';
}

test('the JSON tree builder agrees with jsonc-parser parseTree on every JSON file in the repository and on mutations of each', () => {
  const files = corpus();
  assert.ok(files.some((f) => f.name.endsWith('.elasticache.json')) && files.length >= 5, `corpus: ${files.map((f) => f.name).join(', ')}`);
  let compared = 0;
  let loose = 0;
  for (const { name, text } of files) {
    compare(text, name);
    mutations(text).forEach((mutant, k) => {
      if (compare(mutant, `${name} mutation ${k}`) === 'loose') loose++;
      else compared++;
    });
  }
  // Almost all trees are compared in full (the loose-string exception must stay an exception).
  assert.ok(compared > 3000 && loose < compared / 10, `compared ${compared}, loose ${loose}`);
});

test('the builder differs from parseTree where it means to: nesting limit, and values read from loose strings', () => {
  // Past MAX_NESTING levels the builder stops (one finding, no tree): a CLI input never nests that deep, and
  // recursion depth must stay bounded. jsonc-parser builds the tree and reports nothing.
  const deep = '['.repeat(101) + ']'.repeat(101);
  const findings: Finding[] = [];
  assert.equal(parseJsonDocument(deep, findings), undefined);
  assert.match(findings[0].message, /Nesting deeper than 100 levels/);
  const errors: ParseError[] = [];
  assert.ok(parseTree(deep, errors) && errors.length === 0);
  assert.equal(compare('['.repeat(100) + ']'.repeat(100), '100 levels'), 'same');
  // A loose string: the builder keeps the member (read as meant); jsonc-parser's recovery loses it.
  const text = '{"CacheClusterId": "x", "Engine": redis}';
  const built = fromBuilder(parseJsonDocument(text, [])!);
  const reference = fromJsonc(parseTree(text, [])!);
  assert.deepEqual(built.kind === 'object' && built.entries[1].value, { kind: 'scalar', start: 34, end: 39, value: 'redis' });
  assert.deepEqual(reference.kind === 'object' && reference.entries[1].value, 'missing');
  assert.equal(compare(text, 'loose'), 'loose');
});

test('the differential comparison notices a difference (it cannot pass vacuously)', () => {
  // The same text with the builder's tree shifted by one: the comparison must fail.
  const text = '{"CacheClusterId": "x", "SecurityGroupIds": ["sg-1", 2, true, null, {"a": []}]}';
  const built = fromBuilder(parseJsonDocument(text, [])!);
  const reference = fromJsonc(parseTree(text)!);
  assert.deepEqual(built, reference);
  const shifted = fromBuilder(parseJsonDocument(' ' + text, [])!);
  assert.notDeepEqual(shifted, reference);
});
