// `empty-value`: a string member written with an empty (or blank) value where ElastiCache needs a real one, e.g.
// `&CacheParameterGroupName=` or `"CacheParameterGroupName": ""`. The AWS CLI and the SDKs send an empty string as
// is (the Query protocol as `Name=`): it does not mean "unset", so the default the member documents does not apply.
// One model-driven rule for every action and form; it runs after the other rules and stays silent on a value
// another rule already reports (e.g. invalid-cache-cluster-id, invalid-engine, invalid-enum), so each mistake
// gets one finding.
import { serviceModel } from '../model/generated/serviceModel';
import { displayableName } from '../model/secrets';
import type { ShapeModel } from '../model/serviceModelTypes';
import type { DocumentKind, Entry, Finding, Fix, MemberPath, QueryParam, Span, TextEdit, ValueNode } from './types';
import { formatPath, writtenNameOf } from './shapeCheck';
import { removeParamFix } from './queryParser';

/** Why an empty value is wrong for a member, strongest first; undefined: an empty value may be meant (text, markers). */
type EmptyRule =
  /** The shape has a minimum length (botocore's parameter validation and the service enforce it). */
  | { kind: 'min'; min: number }
  /** The shape has a pattern that no blank string matches (e.g. `.*\S.*`). */
  | { kind: 'pattern'; pattern: string }
  /**
   * A required member. ElastiCache answers a blank one with InvalidParameterValue "The parameter … must be provided
   * and must not be blank" (seen for CacheParameterGroupName and CacheSubnetGroupName on their create actions, e.g.
   * https://github.com/cloudposse/terraform-aws-elasticache-redis/issues/89).
   */
  | { kind: 'required' }
  /**
   * An optional member that names or identifies something (an ID, a name, an ARN, a window, a zone, a node type, a
   * version, …), by its model name. No AWS page states what the service does with an empty one, hence a warning.
   */
  | { kind: 'identifier' };

/** Member names (or list item names) that name or identify something, as the model spells them. */
const IDENTIFIER_NAME = /(Id|Ids|Name|Names|Arn|Arns|Identifier|Window|Zone|Zones|AZs|Type|Version|Family|Region)$/;

const rules = new Map<string, EmptyRule | null>();

/** The rule for an empty value of member `name` of `owner` (structure) with shape `shape` (or of its list items); memoised. */
function emptyRule(owner: string, name: string, shape: ShapeModel, itemOf?: string): EmptyRule | undefined {
  const key = `${owner}\u0000${name}\u0000${itemOf ?? ''}`;
  let rule = rules.get(key);
  if (rule === undefined) {
    rule = classify(owner, name, shape, itemOf) ?? null;
    rules.set(key, rule);
  }
  return rule ?? undefined;
}

function classify(owner: string, name: string, shape: ShapeModel, itemName?: string): EmptyRule | undefined {
  if (shape.type !== 'string' || shape.enum || shape.sensitive) return undefined; // enums: invalid-enum; secrets: their own rules
  if (shape.min !== undefined && shape.min >= 1) return { kind: 'min', min: shape.min };
  if (shape.pattern && !matchesBlank(shape.pattern)) return { kind: 'pattern', pattern: shape.pattern };
  if (itemName === undefined && serviceModel.shapes[owner]?.required?.includes(name)) return { kind: 'required' };
  return IDENTIFIER_NAME.test(itemName ?? name) ? { kind: 'identifier' } : undefined;
}

/** Whether a blank value (empty, or a space) matches a model pattern (a whole-value match, as the service applies it). */
function matchesBlank(pattern: string): boolean {
  try {
    const whole = new RegExp(`^(?:${pattern})$`);
    return whole.test('') || whole.test(' ');
  } catch {
    return true; // a pattern JavaScript cannot read proves nothing
  }
}

/** Blank: empty or only whitespace (without a trim per value: most values start with a letter). */
function isBlank(v: string): boolean {
  return v.length === 0 || (v.charCodeAt(0) <= 0x20 && v.trim() === '');
}

export interface EmptyValueContext {
  form: DocumentKind;
  findings: Finding[];
  /** Index of the first finding of this request: earlier ones belong to other requests. */
  from: number;
  /** Query form: the request's parameters (to remove one). */
  params?: readonly QueryParam[];
  /** JSON/YAML: the document text (to remove an entry). */
  text?: string;
  /** Set here for a Describe action's input: its members are filters (describeInputs). */
  filters?: boolean;
}

/** Reports blank string values of the members written in `entries` (the input shape `shapeName`), at any depth. */
export function reportEmptyValues(shapeName: string, entries: readonly Entry[], ctx: EmptyValueContext): void {
  // Nothing written, nothing to report (a request of only protocol parameters, `Action=DescribeCacheClusters&…`).
  if (entries.length === 0) return;
  // Fields listed rather than spread: an object spread cost more than the walk of a short request.
  walkStructure(shapeName, entries, [], describeInputs().has(shapeName) ? { form: ctx.form, findings: ctx.findings, from: ctx.from, params: ctx.params, text: ctx.text, filters: true } : ctx);
}

let describeInputShapes: Set<string> | undefined;
/**
 * The input shapes of the Describe actions, whose members are filters. AWS's own DescribeReservedCacheNodesOfferings
 * examples send empty CacheNodeType, OfferingType and ReservedCacheNodesOfferingId filters and get an answer, not
 * InvalidParameterValue (botocore examples-1.json, describereseredcachenodeofferings-1481742869998): there an empty
 * identifier is not said to be rejected.
 */
function describeInputs(): Set<string> {
  if (!describeInputShapes) {
    describeInputShapes = new Set();
    for (const [name, op] of Object.entries(serviceModel.operations)) if (name.startsWith('Describe') && op.input) describeInputShapes.add(op.input);
  }
  return describeInputShapes;
}

function walkStructure(owner: string, entries: readonly Entry[], path: MemberPath, ctx: EmptyValueContext): void {
  const members = serviceModel.shapes[owner]?.members;
  if (!members) return;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const value = entry.value;
    // Only a blank string or a container can hold something to report: skip the model lookup for the rest. A
    // superseded one is reported by its duplicate finding.
    if (value.kind === 'scalar' && (!(typeof value.value === 'string' && isBlank(value.value)) || entry.superseded)) continue;
    const member = Object.hasOwn(members, entry.name) ? members[entry.name] : undefined;
    const shape = member ? serviceModel.shapes[member.shape] : undefined;
    if (!member || !shape) continue;
    const memberPath = [...path, entry.name];
    if (value.kind === 'scalar') {
      const rule = emptyRule(owner, entry.name, shape);
      // Removing a required member only trades this finding for missing-parameter: no fix then.
      const optional = !serviceModel.shapes[owner]?.required?.includes(entry.name);
      if (rule) report(rule, memberPath, value, ctx, path.length === 0 && optional ? removalFix(entries, i, ctx) : undefined);
    } else walkValue(member.shape, shape, value, memberPath, ctx, owner, entry.name);
  }
}

function walkValue(shapeName: string, shape: ShapeModel, value: ValueNode, path: MemberPath, ctx: EmptyValueContext, owner: string, name: string): void {
  if (value.kind === 'object' && shape.type === 'structure') return walkStructure(shapeName, value.entries, path, ctx);
  if (value.kind !== 'list' || shape.type !== 'list' || !shape.member) return;
  const itemShape = serviceModel.shapes[shape.member.shape];
  if (!itemShape) return;
  // An item is named by the list's locationName (`SecurityGroupId`), else by the list's name without its plural `s`.
  const itemName = shape.member.locationName ?? name.replace(/s$/, '');
  value.items.forEach((item, i) => {
    if (item.kind === 'scalar') {
      if (typeof item.value !== 'string' || !isBlank(item.value)) return;
      const rule = emptyRule(owner, name, itemShape, itemName);
      if (rule) report(rule, [...path, i], item, ctx, undefined);
    } else walkValue(shape.member!.shape, itemShape, item, [...path, i], ctx, owner, name);
  });
}

function covers(f: Finding, v: Span): boolean {
  return f.span.start <= v.start && v.end <= f.span.end;
}

function report(rule: EmptyRule, path: MemberPath, node: ValueNode, ctx: EmptyValueContext, fix: Fix | undefined): void {
  const span = node.span;
  // One finding per mistake: another rule (format, enum, type, a semantic rule) already says what is wrong here.
  for (let k = ctx.from; k < ctx.findings.length; k++) if (covers(ctx.findings[k], span)) return;
  const value = (node as { value: string }).value;
  const what = `${formatPath(path, writtenNameOf(node)?.name)} is ${value === '' ? 'empty' : 'blank (only whitespace)'}`;
  const remove = fix ? ' Remove it to leave it unset, or give a value.' : ' Give a value.';
  let message: string;
  switch (rule.kind) {
    case 'min':
      message = `${what}: it must be at least ${rule.min} character${rule.min === 1 ? '' : 's'} long.${remove}`;
      break;
    case 'pattern':
      message = `${what}: the API requires a value matching the pattern ${rule.pattern}, which a blank value does not.${remove}`;
      break;
    case 'required':
      message = `${what}: ElastiCache rejects a blank value for a required parameter (InvalidParameterValue).${remove}`;
      break;
    case 'identifier':
      message = ctx.filters
        ? `${what}: an empty value is sent as is, not as "unset", so this filter is not left out (what ElastiCache matches with an empty filter is not documented).${remove.replace('leave it unset', 'leave the filter out')}`
        : `${what}: an empty value is sent as is, not as "unset" (so no default applies), and ElastiCache is likely to reject it (InvalidParameterValue).${remove}`;
      break;
  }
  const finding: Finding = { code: 'empty-value', severity: rule.kind === 'identifier' ? 'warning' : 'error', message, span };
  if (rule.kind !== 'identifier') finding.awsError = 'InvalidParameterValue';
  if (fix) finding.fixes = [fix];
  ctx.findings.push(finding);
}

/**
 * Removes the top-level entry `i` with what separates it from its neighbours; undefined where that is unclear.
 * `title`: what the fix says (by default, that it removes an empty value).
 */
export function removalFix(entries: readonly Entry[], i: number, ctx: EmptyValueContext, title = `Remove the empty ${displayableName(entries[i].name)}`): Fix | undefined {
  const entry = entries[i];
  if (ctx.form === 'query') {
    const valueSpan = entry.value.span;
    const param = ctx.params?.find((p) => p.valueSpan.start === valueSpan.start && p.valueSpan.end === valueSpan.end);
    return param ? removeParamFix(ctx.params!, param, title) : undefined;
  }
  const text = ctx.text;
  if (text === undefined) return undefined;
  // YAML: a block mapping entry alone on its line(s) is removed with its lines; anything else (flow mappings): no fix.
  if (ctx.form === 'yaml' && (indentedLineStart(text, entry.nameSpan.start) < 0 || yamlEntryEnd(text, entry.value.span.end) < 0)) return undefined;
  return new EntryRemovalFix(title, ctx.form, text, entries, i);
}

/**
 * A Fix removing a JSON/YAML entry whose edits are worked out on first read, like the Query form's RemovalFix (a
 * class, not an object literal with a getter, which is slower to create). Never spread one: `{ ...fix }` copies no
 * `edits`.
 */
class EntryRemovalFix implements Fix {
  private computed?: TextEdit[];
  readonly isPreferred = true;
  constructor(
    readonly title: string,
    private readonly form: 'json' | 'yaml',
    private readonly text: string,
    private readonly entries: readonly Entry[],
    private readonly i: number,
  ) {}
  get edits(): TextEdit[] {
    return (this.computed ??= [{ span: entryRemovalSpan(this.form, this.text, this.entries, this.i), newText: '' }]);
  }
  toJSON(): Fix {
    return { title: this.title, edits: this.edits, isPreferred: this.isPreferred };
  }
}

/** The text removing entry `i` takes (see removalFix, which has checked that a YAML entry can be removed). */
function entryRemovalSpan(form: 'json' | 'yaml', text: string, entries: readonly Entry[], i: number): Span {
  const entry = entries[i];
  const start = entry.nameSpan.start;
  const end = entry.value.span.end;
  const lineStart = indentedLineStart(text, start);
  if (form === 'yaml') return { start: lineStart, end: yamlEntryEnd(text, end) };
  // JSON: with the comma that follows it, or (the last entry) the comma that precedes it.
  const next = entries[i + 1];
  if (next) {
    const nextLineStart = indentedLineStart(text, next.nameSpan.start);
    return lineStart >= 0 && nextLineStart > end ? { start: lineStart, end: nextLineStart } : { start, end: next.nameSpan.start };
  }
  const previous = entries[i - 1];
  return { start: previous ? previous.value.span.end : start, end };
}

/**
 * The start of the line holding `at` when only spaces and tabs precede `at` on it, else -1. It scans back over
 * those only (never to the line's start): on a document written on one line, each entry would scan all before it.
 */
function indentedLineStart(text: string, at: number): number {
  for (let k = at - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === 0x0a) return k + 1;
    if (c !== 0x20 && c !== 0x09) return -1;
  }
  return 0;
}

/**
 * Where the lines of a YAML block entry whose value ends at `end` end (see restOfLineEnd), else -1. A block list or
 * mapping value already ends past its last line break (the yaml parser's range): the text after it is the next line.
 */
function yamlEntryEnd(text: string, end: number): number {
  return end > 0 && text.charCodeAt(end - 1) === 0x0a ? end : restOfLineEnd(text, end);
}

/**
 * Where the line holding `at` ends (past its `\n`, or the text's end) when only spaces, tabs and a `#` comment follow
 * `at` on it (a `\r` may end it), else -1. It stops at the first other character, rather than reading the whole line.
 */
function restOfLineEnd(text: string, at: number): number {
  const n = text.length;
  let k = at;
  while (k < n && (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x09)) k++;
  if (k < n && text.charCodeAt(k) === 0x23) {
    // A comment runs to a line terminator (\n, \r, U+2028, U+2029; only \n and \r\n end a line here).
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) break;
      k++;
    }
  }
  if (k < n && text.charCodeAt(k) === 0x0d) k++;
  if (k === n) return n;
  return text.charCodeAt(k) === 0x0a ? k + 1 : -1;
}
