// JSON and YAML CLI input files → position-carrying value trees. The parsing itself is jsonc-parser's and
// yaml's (both keep offsets); this only converts their trees and reports their syntax errors as findings.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { parseDocument, isMap, isSeq, isScalar, isAlias, type Node as YamlNode } from 'yaml';
import type { Entry, Finding, ValueNode } from './types';


/** Deeper than any CLI input file needs; parsers recurse, so a pathological file is refused up front. */
export const MAX_NESTING = 100;

/** Maximum bracket nesting outside strings (and, for YAML, block nesting by indentation and `- ` markers). */
function nestingDepth(text: string, yaml: boolean): { depth: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let quote = '';
  let lineStart = true;
  let blockDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      else if (c === '\n' && yaml && quote === "'") lineStart = true;
      continue;
    }
    if (yaml && lineStart) {
      // Indentation plus leading `- `/`? ` markers approximate the block nesting of this line.
      let j = i;
      while (j < text.length && (text[j] === ' ' || ((text[j] === '-' || text[j] === '?') && text[j + 1] === ' '))) j++;
      blockDepth = j - i;
      lineStart = false;
      if (blockDepth / 2 > MAX_NESTING && blockDepth / 2 > max) return { depth: blockDepth / 2, at: i };
    }
    if (c === '\n') lineStart = true;
    else if (c === '"' || (yaml && c === "'")) quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        at = i;
        if (max > MAX_NESTING) return { depth: max, at };
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (yaml && c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
    }
  }
  return { depth: max, at };
}

function tooDeep(text: string, yaml: boolean, findings: Finding[]): boolean {
  const { depth, at } = nestingDepth(text, yaml);
  if (depth <= MAX_NESTING) return false;
  findings.push({
    code: yaml ? 'yaml-syntax' : 'json-syntax',
    severity: 'error',
    message: `Nesting deeper than ${MAX_NESTING} levels: this is not a CLI input file, so it was not analysed further.`,
    span: { start: at, end: at + 1 },
  });
  return true;
}

export function parseJsonDocument(text: string, findings: Finding[]): ValueNode | undefined {
  if (tooDeep(text, false, findings)) return undefined;
  const errors: ParseError[] = [];
  // The AWS CLI reads its input with Python's json module: no comments, no trailing commas.
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  for (const e of errors.slice(0, 20)) {
    findings.push({
      code: 'json-syntax',
      severity: 'error',
      message: `Invalid JSON: ${describeJsonError(printParseErrorCode(e.error))}. The AWS CLI cannot read this file.`,
      span: { start: e.offset, end: e.offset + Math.max(e.length, 1) > text.length ? Math.max(e.offset, text.length) : e.offset + Math.max(e.length, 1) },
    });
  }
  return root ? convertJson(root, text) : undefined;
}

function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function convertJson(node: JsonNode, text: string): ValueNode {
  const span = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'object': {
      const entries: Entry[] = [];
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key) continue;
        const nameSpan = { start: key.offset + 1, end: key.offset + Math.max(1, key.length - 1) };
        entries.push({
          name: String(key.value),
          nameSpan,
          value: value ? convertJson(value, text) : { kind: 'scalar', value: null, span: { start: nameSpan.end + 1, end: nameSpan.end + 1 } },
        });
      }
      return { kind: 'object', entries, span };
    }
    case 'array':
      return { kind: 'list', items: (node.children ?? []).map((c) => convertJson(c, text)), span };
    default: {
      const v = node.value as string | number | boolean | null | undefined;
      // Numbers keep their source text: botocore rejects `1.0` for an integer.
      return node.type === 'number' ? { kind: 'scalar', value: v as number, span, raw: text.slice(span.start, span.end) } : { kind: 'scalar', value: v === undefined ? null : v, span };
    }
  }
}

export function parseYamlDocument(text: string, findings: Finding[]): ValueNode | undefined {
  // YAML 1.2 core schema, as the AWS CLI's ruamel.yaml reads it; duplicate keys are errors there too.
  if (tooDeep(text, true, findings)) return undefined;
  // ruamel.yaml (the AWS CLI's loader) also resolves plain timestamps (2024-01-01) and `1_000` integers;
  // botocore then rejects a timestamp where a string is expected. Mirror both. Duplicate keys are errors
  // there too; they are detected below in one pass (the yaml library's own check is quadratic in map size).
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: true, version: '1.2', customTags: ['timestamp'] });
  for (const e of [...doc.errors, ...doc.warnings].slice(0, 20)) {
    const [start, end] = e.pos;
    const isError = doc.errors.includes(e as never);
    findings.push({
      code: 'yaml-syntax',
      severity: isError ? 'error' : 'warning',
      message: `${isError ? 'Invalid YAML' : 'YAML'}: ${firstLine(e.message)}${isError ? '. The AWS CLI cannot read this file.' : ''}`,
      span: { start: Math.min(start, text.length), end: Math.min(Math.max(end, start + 1), text.length) },
    });
  }
  if (doc.errors.length > 0 && !doc.contents) return undefined;
  return doc.contents ? convertYaml(doc.contents as YamlNode, text, 0, findings) : undefined;
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).replace(/[.:]\s*$/, '');
}

function yamlSpan(node: YamlNode | null | undefined): { start: number; end: number } {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

function convertYaml(node: YamlNode, text: string, depth: number, findings: Finding[]): ValueNode {
  const span = yamlSpan(node);
  if (depth > 64) return { kind: 'scalar', value: null, span };
  if (isMap(node)) {
    const entries: Entry[] = [];
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      const keySpan = yamlSpan(key);
      const name = isScalar(key) ? String(key.value) : key ? text.slice(keySpan.start, keySpan.end) : '';
      if (seen.has(name)) {
        findings.push({
          code: 'yaml-syntax',
          severity: 'error',
          message: `Invalid YAML: duplicate key ${name.slice(0, 60)} (map keys must be unique). The AWS CLI cannot read this file.`,
          span: keySpan,
        });
      }
      seen.add(name);
      const nameSpan = isScalar(key) && (key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE') ? { start: keySpan.start + 1, end: keySpan.end - 1 } : keySpan;
      const value = pair.value as YamlNode | null;
      entries.push({
        name,
        nameSpan,
        value: value ? convertYaml(value, text, depth + 1, findings) : { kind: 'scalar', value: null, span: { start: keySpan.end, end: keySpan.end } },
      });
    }
    return { kind: 'object', entries, span };
  }
  if (isSeq(node)) return { kind: 'list', items: node.items.map((n) => convertYaml(n as YamlNode, text, depth + 1, findings)), span };
  if (isScalar(node)) {
    let v = node.value;
    if (v instanceof Date) return { kind: 'scalar', value: text.slice(span.start, span.end), span, tag: 'timestamp' };
    if (typeof v === 'string' && node.type === 'PLAIN' && /^[-+]?\d[\d_]*$/.test(v) && v.includes('_')) v = Number(v.replace(/_/g, ''));
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null ? null : String(v);
    return typeof v === 'number' ? { kind: 'scalar', value, span, raw: text.slice(span.start, span.end) } : { kind: 'scalar', value, span };
  }
  if (isAlias(node)) return { kind: 'scalar', value: null, span };
  return { kind: 'scalar', value: null, span };
}
