// The generic, model-driven checker: walks the members written in a request against the operation's input
// shape from the service model (unknown/misplaced/duplicated/missing members, types per document form, enums,
// list member naming) and builds the SDK-shaped input. Nothing here is specific to one operation.
import { serviceModel } from '../model/generated/serviceModel';
import { operationModel } from '../model/operations';
import type { MemberModel, ShapeModel } from '../model/serviceModelTypes';
import type { DocumentKind, Entry, Finding, Fix, ListNode, MemberPath, ObjectNode, QueryParam, ScalarNode, Span, TextEdit, ValueNode } from './types';
import { suggest } from './text';
import { secretBeforeValue, VALUE_IN_NAME } from '../model/secrets';
import { continuedSecret, continuedSecretFinding, indexOfParam } from './secretParams';
import { displayableName, duplicateParamFixes, emptyDuplicateMessage, hidesValue, isSecretName, removeParamFix, removeParamsFix } from './queryParser';
import { knownNameIdAt, knownNames, UNKNOWN_NAME } from './knownNames';
import { removalFix } from './emptyValues';

export interface SpanPair {
  name?: Span;
  value: Span;
}

export interface CheckContext {
  form: DocumentKind;
  findings: Finding[];
  /** The top-level entries of the request, for mapping semantic issues (member paths) back to the text. */
  entries?: Entry[];
  /** The operation whose input is checked (set by the top-level checkStructure), for constraintCheckedByRule. */
  operation?: string;
  /** JSON/YAML: the document text, for fixes that remove an entry. */
  text?: string;
  /** Query form: all the request's parameters as written (protocol ones too), for fixes that remove one. */
  params?: readonly QueryParam[];
  /**
   * Paths (pathKey) of members an unknown name was reported as a misspelling of (`Tags.Tag.1.Kee`: Tags/0/Key):
   * a rule saying that member is missing would report the same typo again. Set on the first such name.
   */
  misspelt?: Set<string>;
  /** The last member of each path in `misspelt`: most issues name none of them, and are ruled out without a pathKey. */
  misspeltMembers?: Set<string | number>;
}

/** A member path as one string, for ctx.misspelt. */
export function pathKey(path: MemberPath): string {
  return path.join('/');
}

/**
 * Spans of the member at `path` (e.g. ['SnapshotArns', 0]) as written: its name (the key, or for a Query list
 * item its own parameter name) and its value. The last occurrence wins for duplicated names, as in the AWS CLI.
 */
export function locate(entries: Entry[], path: MemberPath, length = path.length): SpanPair | undefined {
  // `length`: locate the prefix path[0, length) without slicing the path.
  let pair: SpanPair | undefined;
  let node: ValueNode | undefined;
  let list: Entry[] | undefined = entries;
  for (let k = 0; k < length; k++) {
    const step = path[k];
    if (typeof step === 'number') {
      if (!node || node.kind !== 'list' || step >= node.items.length) return undefined;
      node = node.items[step];
      pair = { name: node.nameSpan ?? node.span, value: node.span };
    } else {
      list = node ? (node.kind === 'object' ? node.entries : undefined) : list;
      const entry = list ? findEntry(list, step) : undefined;
      if (!entry) return undefined;
      node = entry.value;
      pair = { name: entry.nameSpan, value: entry.value.span };
    }
  }
  return pair;
}

/** The last entry named `name`: the one the AWS CLI's JSON loader keeps (Query names are unique, YAML's must be). */
function findEntry(list: Entry[], name: string): Entry | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i].name === name && !list[i].superseded) return list[i];
  return undefined;
}

/** Blank for a duplicate: an empty or whitespace string, or null (YAML `Key:` with nothing after the colon). */
function isBlankNode(node: ValueNode): boolean {
  if (node.kind !== 'scalar' || node.missing) return false;
  const v = node.value;
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * JSON/YAML: marks each empty occurrence of a key that is also given with a value (`"Id": "", "Id": "my-id"`, in
 * either order), or again, as superseded. A pair scan: a structure has few keys, and most have no repeat.
 */
function markBlankDuplicates(entries: Entry[]): void {
  const n = entries.length;
  if (n > 64) {
    const byName = new Map<string, Entry>();
    for (const entry of entries) {
      const previous = byName.get(entry.name);
      if (previous) markBlankOfPair(previous, entry);
      else byName.set(entry.name, entry);
    }
    return;
  }
  for (let i = 1; i < n; i++) {
    const name = entries[i].name;
    for (let j = 0; j < i; j++) {
      if (entries[j].name === name) {
        markBlankOfPair(entries[j], entries[i]);
        break;
      }
    }
  }
}

/**
 * Both blank: the earlier goes (the AWS CLI keeps the last one, whose empty value is then reported). One superseded
 * already (YAML: an earlier repeat in a mapping with a merge key, which the loader does not read): that one goes.
 */
function markBlankOfPair(first: Entry, second: Entry): void {
  if (first.superseded || second.superseded) return;
  if (isBlankNode(first.value)) first.superseded = true;
  else if (isBlankNode(second.value)) second.superseded = true;
}

/** Renders an SDK value as it is written in the given document form (for quick-fix edits). */
export function renderValue(value: string | number | boolean, form: DocumentKind): string {
  if (form === 'query') return encodeURIComponent(String(value));
  if (form === 'json') return JSON.stringify(value);
  if (typeof value !== 'string') return String(value);
  // Plain YAML scalars that would read back as the same string; otherwise a double-quoted (JSON) string.
  return /^[A-Za-z][\w.:/@-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value) ? value : JSON.stringify(value);
}

export function describeType(shape: ShapeModel): string {
  switch (shape.type) {
    case 'integer':
    case 'long':
      return 'an integer';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'list':
      return 'a list';
    case 'structure':
      return 'a structure';
    case 'timestamp':
      return 'a timestamp (ISO 8601)';
    default:
      return 'a string';
  }
}

const memberNameLists = new Map<string, readonly string[]>();
/** Member names of a structure shape (one array per shape, so suggestions can be cached per list). */
export function memberNames(shapeName: string): readonly string[] {
  let names = memberNameLists.get(shapeName);
  if (!names) memberNameLists.set(shapeName, (names = Object.keys(serviceModel.shapes[shapeName]?.members ?? {})));
  return names;
}

let memberIndex: Map<string, readonly string[]> | undefined;
/** Top-level input member name → operations that take it (for "belongs to another action"). */
export function operationsWithMember(member: string): readonly string[] {
  if (!memberIndex) memberIndex = buildMemberIndex();
  return memberIndex.get(member) ?? NO_OPERATIONS;
}

const NO_OPERATIONS: readonly string[] = [];

function buildMemberIndex(): Map<string, readonly string[]> {
  const index = new Map<string, string[]>();
  for (const [op, model] of Object.entries(serviceModel.operations)) {
    const shape = model.input ? serviceModel.shapes[model.input] : undefined;
    for (const m of Object.keys(shape?.members ?? {})) {
      const list = index.get(m) ?? [];
      list.push(op);
      index.set(m, list);
    }
  }
  // Most relevant first: the create-family actions users confuse with CreateCacheCluster.
  const rank = (op: string) => (op === 'CreateReplicationGroup' ? 0 : op.startsWith('Create') ? 1 : op.startsWith('Modify') ? 2 : 3);
  for (const ops of index.values()) ops.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return index;
}

/** A structure member with its shape resolved. */
interface ResolvedMember {
  /** The member's name: the model's own string (JSON/YAML keys are fresh strings; this one is hashed once). */
  name: string;
  member: MemberModel;
  shapeName: string;
  shape: ShapeModel | undefined;
}

// Per structure shape, its members with their shapes resolved once. The model's objects are large and read with
// ever-changing keys, so each read is a slow generic lookup; a per-shape Map gives one lookup per member written
// (this runs for every parameter of every request). A miss still falls back to the model object itself.
const resolvedMemberMaps = new Map<string, Map<string, ResolvedMember>>();
function resolvedMembers(shapeName: string): Map<string, ResolvedMember> {
  let resolved = resolvedMemberMaps.get(shapeName);
  if (!resolved) {
    resolved = new Map();
    for (const [name, member] of Object.entries(serviceModel.shapes[shapeName]?.members ?? {})) {
      resolved.set(name, { name, member, shapeName: member.shape, shape: serviceModel.shapes[member.shape] });
    }
    resolvedMemberMaps.set(shapeName, resolved);
  }
  return resolved;
}

// The same, as an array by known-name number (for query-form entries, which carry their name's number).
const resolvedMemberArrays = new Map<string, (ResolvedMember | undefined)[]>();
function resolvedMembersById(shapeName: string): (ResolvedMember | undefined)[] {
  let byId = resolvedMemberArrays.get(shapeName);
  if (!byId) {
    const resolved = resolvedMembers(shapeName);
    resolvedMemberArrays.set(shapeName, (byId = knownNames().map((n) => resolved.get(n))));
  }
  return byId;
}

/** Checks the members of a structure (top level: the operation input) and returns the SDK-shaped value. */
export function checkStructure(
  shapeName: string,
  entries: Entry[],
  path: MemberPath,
  ctx: CheckContext,
  opts: { operation?: string; anchor: Span; duplicatesAreErrors: boolean; mergeFailed?: boolean },
): Record<string, unknown> {
  const shape = serviceModel.shapes[shapeName];
  const members = shape?.members ?? {};
  const out: Record<string, unknown> = {};
  if (path.length === 0 && opts.operation) ctx.operation = opts.operation;
  // Query-form entries are built from maps keyed by member name, so their names are already unique: no
  // per-member duplicate bookkeeping for them (it runs for every parameter of every request).
  const seen = ctx.form === 'query' ? undefined : new Map<string, Entry>();
  if (seen && entries.length > 1) markBlankDuplicates(entries);
  const resolved = resolvedMembers(shapeName);
  let siblings: Siblings | undefined;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const resolvedMember = resolved.get(entry.name);
    // The resolved map holds every member the model has: a miss is unknown (also `constructor`, `__proto__`).
    const member = resolvedMember?.member;
    if (!member) {
      reportUnknownMember((siblings ??= new Siblings(entries)), i, memberNames(shapeName), path, ctx, opts.operation);
      continue;
    }
    // The model's string for a known member: the lookups, the output key and the path below then reuse its hash.
    const name = resolvedMember ? resolvedMember.name : entry.name;
    const memberPath = path.length === 0 ? [name] : [...path, name];
    const previous = seen?.get(name);
    // YAML duplicate keys are already a syntax error (as in the AWS CLI's loader).
    if (previous && ctx.form !== 'yaml') {
      const finding: Finding = {
        code: 'duplicate-parameter',
        severity: opts.duplicatesAreErrors ? 'error' : 'warning',
        message: opts.duplicatesAreErrors
          ? `${name} is given more than once.`
          : `${name} is given more than once; the AWS CLI silently uses the last one.`,
        span: entry.nameSpan,
        awsError: 'InvalidParameterCombination',
      };
      if (entry.superseded || previous.superseded) {
        // One of them empty: that one goes (its value is not checked, see markBlankDuplicates).
        const blank = entry.superseded ? entry : previous;
        const empty = blank.value.kind === 'scalar' && blank.value.value === null ? 'null' : 'empty';
        if (blank === entry && !opts.duplicatesAreErrors) {
          // The AWS CLI keeps the last one: it would send the empty value instead of the one written before it.
          finding.severity = 'error';
          finding.message = `${name} is given more than once, and this one is ${empty}: remove it (the AWS CLI uses the last one, so it would send it).`;
        } else {
          finding.message = blank === entry ? `${name} is given more than once, and this one is ${empty}: remove it.` : `${name} is given more than once, and the earlier one is ${empty}: remove that one.`;
        }
        const what = empty === 'null' ? `${name} (null)` : `empty ${name}`;
        const fix = removeEntryFix(entries, blank === entry ? i : entries.indexOf(previous), blank === entry ? `Remove this ${what}` : `Remove the earlier ${what}`, ctx);
        if (fix) finding.fixes = [fix];
      }
      ctx.findings.push(finding);
    }
    seen?.set(name, entry);
    if (entry.superseded) continue;
    const value = resolvedMember
      ? checkValueOfShape(resolvedMember.shapeName, resolvedMember.shape, entry.value, memberPath, ctx)
      : checkValue(member.shape, entry.value, memberPath, ctx);
    if (value !== undefined) out[name] = value;
    if (member.deprecated) {
      ctx.findings.push({ code: 'deprecated-parameter', severity: 'hint', message: `${name} is deprecated.`, span: entry.nameSpan });
    }
  }
  for (const required of opts.mergeFailed ? [] : (shape?.required ?? [])) {
    if (seen ? seen.has(required) : findEntry(entries, required)) continue;
    ctx.findings.push({
      code: 'missing-parameter',
      severity: 'error',
      message: `Missing required parameter ${path.length === 0 ? required : `${formatPath(path, writtenNameIn(entries))}.${required}`}${opts.operation ? ` for ${opts.operation}` : ''}.`,
      span: opts.anchor,
      awsError: 'MissingParameter',
    });
  }
  return out;
}

/**
 * What the unknown-parameter finding says about an unknown member name: the other actions it belongs to (top
 * level only) and the one did-you-mean member, if any. Hover uses the same answer for the value of such a member.
 */
export function unknownMemberSuggestion(name: string, candidates: readonly string[], topLevel: boolean, operation: string | undefined, nameId = UNKNOWN_NAME): { others: readonly string[]; best: string | undefined } {
  const others = topLevel && operation ? operationsWithMember(name).filter((o) => o !== operation) : NO_OPERATIONS;
  // A member of another action is what the user meant to write; only suggest a rename for a case slip there.
  const best = others.length > 0 ? candidates.find((c) => c.toLowerCase() === name.toLowerCase()) : nameId !== UNKNOWN_NAME ? suggestForKnownName(nameId, candidates) : suggest(name, candidates);
  return { others, best };
}

/** Per list of candidates: for each known name (by number), the index of suggest()'s answer, -1 for none, NOT_ASKED. */
const knownNameSuggestions = new Map<readonly string[], Int16Array>();
const NOT_ASKED = -2;

/**
 * suggest(knownNames()[nameId], candidates): a known name and a candidate list are both the model's, so the answer is
 * a fact of the model, worked out once per pair (a Query request writes known names of other shapes, such as
 * `CacheParameterGroup` for CreateCacheCluster's CacheParameterGroupName, and the edit distances ran on every analysis).
 */
function suggestForKnownName(nameId: number, candidates: readonly string[]): string | undefined {
  let table = knownNameSuggestions.get(candidates);
  if (!table) knownNameSuggestions.set(candidates, (table = new Int16Array(knownNames().length).fill(NOT_ASKED)));
  let k = table[nameId];
  if (k === NOT_ASKED) {
    const best = suggest(knownNames()[nameId], candidates);
    table[nameId] = k = best === undefined ? -1 : candidates.indexOf(best);
  }
  return k < 0 ? undefined : candidates[k];
}

/** The entries of one structure, with their names as a Set built on first use (one lookup per unknown name, not a scan). */
class Siblings {
  private names?: Set<string>;
  constructor(readonly entries: readonly Entry[]) {}
  has(name: string): boolean {
    // A request's few members: a scan costs less than building the Set (4 % of analysing the documentation's example).
    if (this.entries.length <= 32 && !this.names) {
      for (let k = 0; k < this.entries.length; k++) if (this.entries[k].name === name) return true;
      return false;
    }
    if (!this.names) {
      this.names = new Set();
      for (const entry of this.entries) this.names.add(entry.name);
    }
    return this.names.has(name);
  }
}

/**
 * Reports a member name the shape does not have (entry `i` of `siblings`), with the did-you-mean. When
 * the member it looks like is already given beside it (`&NumCacheNode=1&NumCacheNodes=2`), renaming would only repeat
 * that member (a duplicate parameter, a YAML duplicate key, a JSON key that silently overrides): the message says so
 * and the fix removes this one instead.
 */
function reportUnknownMember(siblings: Siblings, i: number, candidates: readonly string[], path: MemberPath, ctx: CheckContext, operation: string | undefined): void {
  const entry = siblings.entries[i];
  const written = writtenNameOf(entry.value);
  // A piece of a secret cut at an unencoded '&' (`AuthToken=abc&def=ghi`): one finding on the secret, none quoting it.
  // Only a parameter of a name ElastiCache does not know can be such a piece (continuedSecret): a known name
  // (`CacheParameterGroup` on CreateCacheCluster) skips the search for it and the request's secret table.
  if (ctx.params && entry.value instanceof QueryScalarNode && entry.value.queryParam.nameId === UNKNOWN_NAME) {
    const k = indexOfParam(ctx.params, entry.value.queryParam);
    const secret = k > 0 ? continuedSecret(ctx.params, k) : undefined;
    if (secret) {
      if (ctx.params[k - 1] === secret) ctx.findings.push(continuedSecretFinding(secret, ctx.params[k]));
      return;
    }
  }
  const where = path.length === 0 ? (operation ?? 'this action') : formatPath(path, written?.name);
  if (entry.name.trim() === '') {
    // `List.Item.1.` (nothing after the dot), a JSON `""` key, a YAML `: value` with no key, or a key of only
    // whitespace: no name to correct (and none to quote between two spaces), so say where and what can go there.
    // Never zero-width: the Query name as written, or a JSON/YAML key's quotes (its span excludes them).
    // A Query `&=value` has no name at all: its `=value` is marked.
    const span =
      entry.nameSpan.end > entry.nameSpan.start ? entry.nameSpan
      : written && written.span.end > written.span.start ? written.span
      : written ? { start: written.span.start, end: Math.max(written.span.start + 1, entry.value.span.end) }
      : { start: entry.nameSpan.start - 1, end: entry.nameSpan.end + 1 };
    const choices = candidates.length > 12 ? `${candidates.slice(0, 12).join(', ')}, … (completion lists them all)` : candidates.join(', ');
    const state = entry.nullKey !== undefined ? `missing (YAML reads the key ${entry.nullKey.slice(0, 20)} as null)` : entry.name === '' ? 'missing' : 'blank (only whitespace)';
    ctx.findings.push({
      code: 'unknown-parameter',
      severity: 'error',
      message: `A member name is ${state} ${path.length === 0 ? `at the top level of the ${operation ?? 'request'} input` : `after ${where}`}: write one of ${choices}.`,
      span,
      awsError: 'InvalidParameterValue',
    });
    return;
  }
  // A Query parameter's known name (a member of some other shape): its suggestion is the model's (suggestForKnownName).
  const nameId = entry.value instanceof QueryScalarNode && entry.value.queryParam.name === entry.name ? entry.value.queryParam.nameId : UNKNOWN_NAME;
  const { others, best } = unknownMemberSuggestion(entry.name, candidates, path.length === 0, operation, nameId);
  const given = best !== undefined && siblings.has(best);
  // The name as written, cut as values are: a pasted blob as a name must not become a message of the same size.
  const cut = truncate(displayableName(entry.name), NAME_SHOWN);
  // Quoted when it starts or ends with a blank (`"AuthToken "`): unquoted, the blank is invisible in the message.
  const shown = cut.trim() === cut ? cut : `'${cut}'`;
  // No fix at all: `fixes` left out, not an empty list.
  let fixes: Fix[] | undefined;
  if (given) {
    const removal = removeEntryFix(siblings.entries, i, `Remove ${shown} (${best} is already given)`, ctx);
    // With another value than the member given, which of the two to keep is the user's choice (not for "fix all").
    const twin = siblings.entries.find((e) => e.name === best);
    // Marked on the fix itself: a removal fix works out its edits lazily, and a copy ({ ...removal }) would have none.
    if (removal && !(twin && sameScalar(twin.value, entry.value))) removal.choice = true;
    if (removal) fixes = [removal];
  } else if (best) {
    // Query: every parameter written under the name (`SecurityGroupId.member.1`, `.2`, …) is renamed.
    const others = entry.value instanceof QueryNamesakesNode ? entry.value.others : NO_NAMESAKES;
    const edits = [renameSegmentEdit(entry.nameSpan, best)];
    for (const other of others) edits.push(renameSegmentEdit(other.nameSpan, best));
    fixes = [{ title: `Change to ${best}`, edits, isPreferred: true }];
    (ctx.misspelt ??= new Set()).add(path.length === 0 ? best : pathKey([...path, best]));
    (ctx.misspeltMembers ??= new Set()).add(best);
  }
  const didYouMean = best ? ` Did you mean ${best}?${given ? ` It is already given: remove this ${shown}.` : ''}` : '';
  if (others.length > 0) {
    const list = others.length > 3 ? `${others.slice(0, 3).join(', ')} and ${others.length - 3} more` : others.join(', ');
    ctx.findings.push({
      code: 'parameter-wrong-action',
      severity: 'error',
      message: `${shown} is not a parameter of ${where}: it belongs to ${list}.${didYouMean}`,
      span: entry.nameSpan,
      ...(fixes ? { fixes } : {}),
      awsError: 'InvalidParameterValue',
    });
    return;
  }
  // A YAML key kept only to hold an anchor (`common: &common {…}`, then `<<: *common`): the CLI sends it all the same.
  const anchorHolder = path.length === 0 && entry.value.aliasedAnchor !== undefined
    ? ` The AWS CLI rejects every top-level key that is not a parameter, even one that only holds an anchor (&${truncate(displayableName(entry.value.aliasedAnchor), NAME_SHOWN)}, which an alias uses): put the anchor on a parameter's value instead.`
    : '';
  const message = `Unknown parameter ${shown} for ${where}${secretBeforeValue(entry.name) === undefined ? '' : `: ${VALUE_IN_NAME}`}.${didYouMean}${anchorHolder}`;
  // Two literals rather than a spread of `{ fixes }` (slower to build), each with its members in the same order.
  ctx.findings.push(
    fixes
      ? { code: 'unknown-parameter', severity: 'error', message, span: entry.nameSpan, fixes, awsError: 'InvalidParameterValue' }
      : { code: 'unknown-parameter', severity: 'error', message, span: entry.nameSpan, awsError: 'InvalidParameterValue' },
  );
}

/** A preferred fix removing entry `i` of `entries` from the document: its Query parameter, or its JSON/YAML entry. */
/** Whether two values are the same scalar (a list or structure never counts as the same: comparing them is the user's). */
function sameScalar(a: ValueNode, b: ValueNode): boolean {
  return a.kind === 'scalar' && b.kind === 'scalar' && a.value === b.value;
}

function removeEntryFix(entries: readonly Entry[], i: number, title: string, ctx: CheckContext): Fix | undefined {
  const entry = entries[i];
  if (ctx.form === 'query') {
    if (!(entry.value instanceof QueryScalarNode) || !ctx.params) return undefined;
    if (!(entry.value instanceof QueryNamesakesNode)) return removeParamFix(ctx.params, entry.value.queryParam, title, true);
    // An unknown name written in several parameters: all of them go.
    return removeParamsFix(ctx.params, [entry.value.queryParam, ...entry.value.others.map((o) => o.param)], title, true);
  }
  return removalFix(entries, i, { form: ctx.form, findings: ctx.findings, from: 0, text: ctx.text }, title);
}

const INT = /^[+-]?\d+$/;
/** The YAML 1.1 boolean words other than true/false (y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF). */
const YAML11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const INT32_MAX = 2 ** 31 - 1;

function typeError(node: ValueNode, shape: ShapeModel, path: MemberPath, ctx: CheckContext, got: string, fixValue?: string | number | boolean): void {
  const fixes: Fix[] | undefined =
    fixValue === undefined ? undefined : [{ title: path.some((p) => typeof p === 'string' && isSecretName(p)) ? `Change to ${describeType(shape).replace(/^an? /, 'a ')}` : `Change to ${renderValue(fixValue, ctx.form)}`, edits: [{ span: node.span, newText: renderValue(fixValue, ctx.form) }], isPreferred: true }];
  const cli = ctx.form === 'query' ? '' : ' The AWS CLI rejects it (parameter validation).';
  // YAML `Engine:` with nothing after it is null, which the AWS CLI rejects as it does a written null (checked with
  // aws-cli 2.9: "Invalid type for parameter Engine, value: None"); said so, as the user wrote no null.
  // On the key, as the value has no text to underline.
  const empty = node.kind === 'scalar' && node.empty;
  const mark = typeof path[path.length - 1] === 'number' ? 'dash' : 'colon';
  const todo = shape.type === 'list' ? 'Write its items below it, each after `- `.' : shape.type === 'structure' ? 'Write its members below it, indented.' : `Write the value after the ${mark}.`;
  const written = formatPath(path, writtenNameOf(node)?.name);
  const message = empty
    ? `${written} has no value: YAML reads nothing after the ${mark} as null, and it must be ${describeType(shape)}.${cli} ${todo}`
    : `${written} must be ${describeType(shape)}, not ${got}.${cli}`;
  const span = (empty && ctx.entries && locate(ctx.entries, path)?.name) || node.span;
  ctx.findings.push({
    code: 'invalid-type',
    severity: 'error',
    message,
    span,
    fixes,
    awsError: 'InvalidParameterValue',
  });
}

/**
 * A member path as the user of each form reads it. Query, given the parameter name as written: that name up to the
 * path's end (`NodeGroupConfiguration.NodeGroupConfiguration.1`, items numbered as written, with the marker used).
 * Otherwise (JSON/YAML) the keys, with each list item counted from 1 in words, `Tags (item 2).Key`: neither form
 * shows indexes, and `Tags[1]` reads as the first item to some users and the second to others.
 */
export function formatPath(path: MemberPath, writtenQueryName?: string): string {
  if (writtenQueryName !== undefined) {
    // A list item takes two segments of a Query name (marker and number), a member one.
    let segments = 0;
    for (const p of path) segments += typeof p === 'number' ? 2 : 1;
    const written = writtenQueryName.split('.');
    if (written.length >= segments) return written.slice(0, segments).join('.');
  }
  let out = '';
  for (const p of path) out += typeof p === 'number' ? ` (item ${p + 1})` : out === '' ? p : `.${p}`;
  return out;
}

/**
 * `formatPath` for a path into a document's entries: in Query, the name as written, taken from a parameter at or
 * under the deepest node of the path the document writes; members past that node (a tag's missing Key) are appended.
 */
export function formatPathIn(entries: Entry[], path: MemberPath): string {
  let node: ValueNode | undefined;
  let found = 0;
  for (; found < path.length; found++) {
    const step = path[found];
    let next: ValueNode | undefined;
    if (typeof step === 'number') next = node?.kind === 'list' ? node.items[step] : undefined;
    else next = (node === undefined ? entries : node.kind === 'object' ? node.entries : undefined)?.find((e) => e.name === step)?.value;
    if (!next) break;
    node = next;
  }
  const written = node && writtenNameUnder(node);
  const rest = path.slice(found);
  // An absent list item has no written number to take: the form-agnostic name then.
  if (written === undefined || rest.some((p) => typeof p === 'number')) return formatPath(path);
  return [formatPath(path.slice(0, found), written), ...rest].join('.');
}

/** A Query-form parameter name written at or under `node` (any: all share the node's prefix); undefined in JSON/YAML. */
function writtenNameUnder(node: ValueNode): string | undefined {
  if (node instanceof QueryScalarNode) return node.writtenName.name;
  if (node.kind === 'object') {
    for (const entry of node.entries) {
      const name = writtenNameUnder(entry.value);
      if (name !== undefined) return name;
    }
  } else if (node.kind === 'list') {
    for (const item of node.items) {
      const name = writtenNameUnder(item);
      if (name !== undefined) return name;
    }
  }
  return undefined;
}

/** A Query-form parameter name written inside a structure item (all share the item's prefix); undefined in JSON/YAML. */
function writtenNameIn(entries: Entry[]): string | undefined {
  for (const entry of entries) if (entry.value instanceof QueryScalarNode) return entry.value.writtenName.name;
  return undefined;
}

/** The parameter name (decoded) and its span that a Query-form value was written with; undefined in JSON/YAML. */
export function writtenNameOf(node: ValueNode): { name: string; span: Span } | undefined {
  return node instanceof QueryScalarNode ? node.writtenName : undefined;
}

function describeScalar(node: ValueNode): string {
  if (node.kind === 'list') return 'a list';
  if (node.kind === 'object') return 'an object';
  const v = node.value;
  if (v === null) return 'null';
  if (typeof v === 'string') return node.kind === 'scalar' && node.tag ? (node.tag === 'timestamp' ? 'a timestamp' : 'binary data') : 'a string';
  if (typeof v === 'number') return Number.isInteger(v) && !writtenAsFloat(node.raw) ? 'an integer' : 'a floating-point number';
  return 'a boolean';
}

/**
 * Whether a number was written as a float (`7.0`, `1e3`, `.inf`), which the AWS CLI's loaders read as a float even
 * when its value is whole. A YAML hexadecimal integer (`0x18EB`) is an integer although it holds an `E`.
 */
function writtenAsFloat(raw: string | undefined): boolean {
  if (!raw) return false;
  return raw.includes('.') || (!/^[-+]?0x/i.test(raw) && /[eE]/.test(raw));
}

/**
 * The fix that makes one written structure a one-item list: `[`…`]` around a JSON object or YAML flow mapping; for a
 * YAML block mapping, `- ` before its first key and its other lines indented two more, so they stay under that key.
 * None for a block mapping that shares its first line with other text (its indentation is not its own).
 */
function oneItemListFix(span: Span, ctx: CheckContext): Fix | undefined {
  const text = ctx.text;
  if (text === undefined) return undefined;
  const title = 'Make it a one-item list';
  if (ctx.form === 'json' || text[span.start] === '{') {
    return { title, edits: [{ span: { start: span.start, end: span.start }, newText: '[' }, { span: { start: span.end, end: span.end }, newText: ']' }], isPreferred: true };
  }
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  if (!/^ *$/.test(text.slice(lineStart, span.start))) return undefined;
  const edits = [{ span: { start: span.start, end: span.start }, newText: '- ' }];
  for (let i = text.indexOf('\n', span.start); i >= 0 && i + 1 < span.end; i = text.indexOf('\n', i + 1)) {
    const line = i + 1;
    if (!/^[ \t]*\r?$/.test(text.slice(line, text.indexOf('\n', line) < 0 ? text.length : text.indexOf('\n', line)))) edits.push({ span: { start: line, end: line }, newText: '  ' });
  }
  return { title, edits, isPreferred: true };
}

/** Checks one value against its shape; returns the SDK value, or undefined when it does not convert cleanly. */
export function checkValue(shapeName: string, node: ValueNode, path: MemberPath, ctx: CheckContext): unknown {
  return checkValueOfShape(shapeName, serviceModel.shapes[shapeName], node, path, ctx);
}

function checkValueOfShape(shapeName: string, shape: ShapeModel | undefined, node: ValueNode, path: MemberPath, ctx: CheckContext): unknown {
  if (!shape) return undefined;
  // A JSON key without a value: json-syntax reports it ("value expected"); one finding per mistake.
  if (node.kind === 'scalar' && node.missing) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (node.kind !== 'object') return typeError(node, shape, path, ctx, describeScalar(node));
      return checkStructure(shapeName, node.entries, path, ctx, { anchor: node.span, duplicatesAreErrors: ctx.form !== 'json', mergeFailed: node.mergeFailed });
    }
    case 'list': {
      if (node.kind !== 'list') {
        // A single string where a list of strings is expected, or one structure where a list of structures is (a
        // YAML list written without its `- `): the fix wraps it (JSON/YAML). Not a string where the items are
        // structures (Tags: "team"): wrapped, it would be the next type error.
        const itemType = serviceModel.shapes[shape.member!.shape]?.type;
        const fix =
          ctx.form === 'query' ? undefined
          : node.kind === 'scalar' && typeof node.value === 'string' && itemType === 'string' ? { title: 'Make it a one-element list', edits: [{ span: node.span, newText: `[${JSON.stringify(node.value)}]` }], isPreferred: true }
          : node.kind === 'object' && itemType === 'structure' ? oneItemListFix(node.span, ctx)
          : undefined;
        const before = ctx.findings.length;
        typeError(node, shape, path, ctx, describeScalar(node));
        // Only on the finding just made: past the findings cap it is not kept, and the last one is another's.
        if (fix && ctx.findings.length > before) ctx.findings[ctx.findings.length - 1].fixes = [fix];
        return undefined;
      }
      const indices = node.indices;
      if (indices && indices.length > 0) reportIndexGaps(indices, node, path, ctx);
      const out: unknown[] = [];
      const itemShapeName = shape.member!.shape;
      const itemShape = serviceModel.shapes[itemShapeName];
      for (let i = 0; i < node.items.length; i++) {
        const v = checkValueOfShape(itemShapeName, itemShape, node.items[i], path.length === 1 ? [path[0], i] : [...path, i], ctx);
        if (v !== undefined) out.push(v);
      }
      if (shape.min !== undefined || shape.max !== undefined) checkListLength(shape, node, path, ctx);
      return out;
    }
    case 'integer':
    case 'long': {
      if (node.kind !== 'scalar') return typeError(node, shape, path, ctx, describeScalar(node));
      const v = node.value;
      if (ctx.form === 'query') {
        const s = String(v);
        if (!INT.test(s)) return s === '' ? emptyQueryValue(node, shape, path, ctx) : typeError(node, shape, path, ctx, `'${truncate(s)}'`);
        const n = Number(s);
        if (shape.type === 'integer' && Math.abs(n) > INT32_MAX) {
          ctx.findings.push({ code: 'invalid-type', severity: 'error', message: `${formatPath(path, writtenNameOf(node)?.name)} is out of the 32-bit integer range.`, span: node.span, awsError: 'InvalidParameterValue' });
          return undefined;
        }
        return n;
      }
      if (typeof v === 'number') {
        if (!Number.isInteger(v) || writtenAsFloat(node.raw)) {
          return typeError(node, shape, path, ctx, 'a floating-point number', Number.isInteger(v) ? v : undefined);
        }
        return v;
      }
      if (typeof v === 'boolean') {
        // Python's bool is an int, so botocore's validation lets it through, but the API receives "True".
        ctx.findings.push({
          code: 'invalid-type',
          severity: 'warning',
          message: `${formatPath(path)} must be an integer, not a boolean. The AWS CLI passes it on, but ElastiCache rejects it.`,
          span: node.span,
          awsError: 'InvalidParameterValue',
        });
        return undefined;
      }
      return typeError(node, shape, path, ctx, describeScalar(node), typeof v === 'string' && INT.test(v.trim()) ? Number(v.trim()) : undefined);
    }
    case 'boolean': {
      if (node.kind !== 'scalar') return typeError(node, shape, path, ctx, describeScalar(node));
      const v = node.value;
      if (ctx.form === 'query') {
        const s = String(v);
        if (/^true$/i.test(s)) return true;
        if (/^false$/i.test(s)) return false;
        return s === '' ? emptyQueryValue(node, shape, path, ctx) : typeError(node, shape, path, ctx, `'${truncate(s)}'`);
      }
      if (typeof v === 'boolean') return v;
      const fix = typeof v === 'string' && /^(true|false)$/i.test(v.trim()) ? v.trim().toLowerCase() === 'true' : undefined;
      if (fix === undefined && ctx.form === 'yaml' && typeof v === 'string' && YAML11_BOOLEAN.test(v)) {
        // YAML 1.1 read yes/no/on/off as booleans; the AWS CLI's YAML loader (ruamel.yaml, YAML 1.2) reads a string.
        const meant = /^(y|yes|on)$/i.test(v);
        typeError(node, shape, path, ctx, `the string '${v}' (the AWS CLI reads YAML 1.2, where only true and false are booleans)`, meant);
        return undefined;
      }
      return typeError(node, shape, path, ctx, describeScalar(node), fix);
    }
    case 'string': {
      if (node.kind === 'scalar' && node.tag === 'timestamp') {
        return typeError(node, shape, path, ctx, 'a timestamp (YAML reads an unquoted date as one)', node.value as string);
      }
      if (node.kind === 'scalar' && node.tag === 'binary') return typeError(node, shape, path, ctx, "binary data (YAML's !!binary tag makes bytes)");
      if (node.kind !== 'scalar' || typeof node.value !== 'string') {
        const fix = node.kind === 'scalar' && (typeof node.value === 'number' || typeof node.value === 'boolean') ? String(node.value) : undefined;
        // YAML: `EngineVersion: 7.1` is the number 7.1 — quoting keeps the text exactly as written.
        const fixText = node.kind === 'scalar' && typeof node.value === 'number' ? node.raw ?? fix : fix;
        typeError(node, shape, path, ctx, describeScalar(node), fixText);
        // What to do: quote it (a secret's value is not shown).
        const last = ctx.findings[ctx.findings.length - 1];
        if (fixText !== undefined && last?.span.start === node.span.start && !path.some((p) => typeof p === 'string' && isSecretName(p))) last.message += ` Quote it: ${renderValue(fixText, ctx.form)}.`;
        return undefined;
      }
      const v = node.value;
      if (shape.enum && !shape.enum.includes(v)) {
        const best = shape.enum.find((e) => e.toLowerCase() === v.toLowerCase()) ?? suggest(v, shape.enum);
        ctx.findings.push({
          code: 'invalid-enum',
          severity: 'error',
          message: v.trim() === '' ? `${formatPath(path, writtenNameOf(node)?.name)} is ${v === '' ? 'empty' : 'blank (only whitespace)'}: give one of ${shape.enum.join(', ')}.` : `${formatPath(path, writtenNameOf(node)?.name)} must be one of ${shape.enum.join(', ')}, not '${truncate(v)}'.${best ? ` Did you mean ${best}?` : ''}`,
          span: node.span,
          fixes: best ? [{ title: `Change to ${best}`, edits: [{ span: node.span, newText: renderValue(best, ctx.form) }], isPreferred: true }] : undefined,
          awsError: 'InvalidParameterValue',
        });
        return undefined;
      }
      if (shape.min !== undefined || shape.max !== undefined || shape.pattern) checkStringConstraints(shapeName, shape, v, node, path, ctx);
      return v;
    }
    case 'timestamp': {
      if (node.kind !== 'scalar') return typeError(node, shape, path, ctx, describeScalar(node));
      const v = node.value;
      // A YAML date (tag timestamp) or a number (seconds since the epoch): what botocore's timestamp check takes.
      if (typeof v === 'number' || (typeof v === 'string' && (node.tag === 'timestamp' || isTimestampText(v)))) return v;
      if (typeof v !== 'string') return typeError(node, shape, path, ctx, describeScalar(node));
      const name = formatPath(path, writtenNameOf(node)?.name);
      const blank = v === '' ? 'empty' : v.trim() === '' ? 'blank (only whitespace)' : undefined;
      ctx.findings.push({
        code: 'invalid-type',
        severity: 'error',
        message: `${name} is ${blank ?? `'${truncate(v)}', not a timestamp`}: give an ISO 8601 date and time in UTC, e.g. ${TIMESTAMP_EXAMPLE}${ctx.form === 'query' ? '' : ' (or seconds since 1970-01-01)'}.${ctx.form === 'query' ? '' : ' The AWS CLI rejects it (parameter validation).'}`,
        span: node.span,
        awsError: 'InvalidParameterValue',
      });
      return undefined;
    }
    default:
      return node.kind === 'scalar' ? node.value : undefined;
  }
}

/** The model's own example of a timestamp value (DescribeEvents StartTime, "specified in ISO 8601 format"). */
const TIMESTAMP_EXAMPLE = '2017-03-30T07:03:49.555Z';
/** ISO 8601 extended (`2017-03-30T07:03:49.555Z`, `2017-03-30`, `…T07:03+02:00`); a space for the T as RFC 3339 allows. */
const ISO_8601_EXTENDED = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
/** ISO 8601 basic (`20170330T070349Z`). */
const ISO_8601_BASIC = /^(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,]\d+)?)?(?:[Zz]|[+-]\d{2}(?:\d{2})?)?)?$/;
/** Seconds since the epoch, which botocore's timestamp check also takes (a CLI input may write it as a string). */
const EPOCH_SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * Whether a string is a timestamp as botocore's validation and the Query API read one: ISO 8601 (the model documents
 * StartTime/EndTime "in ISO 8601 format") or epoch seconds; a date that does not exist (`2024-02-30`) is not one.
 * Lenient on the forms ISO 8601 allows, so no value AWS takes is reported.
 */
function isTimestampText(v: string): boolean {
  if (EPOCH_SECONDS.test(v)) return true;
  const m = ISO_8601_EXTENDED.exec(v) ?? ISO_8601_BASIC.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (m[4] === undefined) return true;
  return Number(m[4]) <= 23 && Number(m[5]) <= 59 && (m[6] === undefined || Number(m[6]) <= 60);
}

/**
 * Members whose model constraint a hand-written rule in rules.ts checks with its own code and message (one finding
 * per mistake): NodeGroupConfiguration's NodeGroupId (`node-group-id`) and UserGroupIds items (`user-group-id`) of
 * CreateReplicationGroup. '#' stands for any list index.
 */
const CHECKED_BY_RULE: Readonly<Record<string, readonly (readonly (string | '#')[])[]>> = {
  CreateReplicationGroup: [
    ['NodeGroupConfiguration', '#', 'NodeGroupId'],
    ['UserGroupIds', '#'],
  ],
};

function constraintCheckedByRule(operation: string | undefined, path: MemberPath): boolean {
  const covered = operation ? CHECKED_BY_RULE[operation] : undefined;
  return covered?.some((p) => p.length === path.length && p.every((step, k) => (step === '#' ? typeof path[k] === 'number' : step === path[k]))) ?? false;
}

/** Words for the patterns the model uses, for messages (an unknown pattern is shown as is). */
const PATTERN_WORDS: Readonly<Record<string, string>> = {
  '\\d+': 'digits only',
  '[a-zA-Z][a-zA-Z0-9\\-]*': 'a letter, then letters, digits or hyphens',
  '[a-zA-Z]*': 'letters only',
  '.*\\S.*': 'not only whitespace',
};

const wholePatterns = new Map<string, RegExp | null>();
/** A model pattern as the service applies it: to the whole value (`s`: a line break is no reason to reject). */
function wholePattern(shapeName: string, pattern: string): RegExp | undefined {
  let re = wholePatterns.get(shapeName);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 's');
    } catch {
      re = null; // a pattern JavaScript cannot read proves nothing
    }
    wholePatterns.set(shapeName, re);
  }
  return re ?? undefined;
}

/**
 * A string's length and pattern against its shape's `min`, `max` and `pattern` in the service model, for any action
 * and form. Below `min` the AWS CLI itself rejects the request (botocore's parameter validation checks min); above
 * `max` or off the pattern, ElastiCache does. Blank values are left to empty-value; a secret's value is never shown.
 */
function checkStringConstraints(shapeName: string, shape: ShapeModel, v: string, node: ValueNode, path: MemberPath, ctx: CheckContext): void {
  if (v.length === 0 || (v.charCodeAt(0) <= 0x20 && v.trim() === '')) return;
  // In characters (code points), as botocore counts a string's length.
  const length = /[\ud800-\udbff]/.test(v) ? [...v].length : v.length;
  const short = shape.min !== undefined && length < shape.min;
  const long = shape.max !== undefined && length > shape.max;
  const re = shape.pattern ? wholePattern(shapeName, shape.pattern) : undefined;
  const off = re !== undefined && !re.test(v);
  if (!short && !long && !off) return;
  if (constraintCheckedByRule(ctx.operation, path)) return;
  const secret = shape.sensitive === true || path.some((p) => typeof p === 'string' && isSecretName(p));
  const name = formatPath(path, writtenNameOf(node)?.name);
  const words = shape.pattern ? PATTERN_WORDS[shape.pattern] : undefined;
  const problems: string[] = [];
  if (short || long) problems.push(`has ${length} character${length === 1 ? '' : 's'} (${short ? `at least ${shape.min}` : `at most ${shape.max}`})`);
  if (off) problems.push(`does not match the pattern ${shape.pattern}${words ? ` (${words})` : ''}`);
  const size = shape.min !== undefined && shape.max !== undefined ? `${shape.min} to ${shape.max} characters` : shape.max !== undefined ? `at most ${shape.max} characters` : shape.min !== undefined && shape.min > 1 ? `at least ${shape.min} characters` : 'a value';
  const give = shape.pattern ? `${size} matching ${shape.pattern}${words ? ` (${words})` : ''}` : size;
  const rejecter = short && ctx.form !== 'query' ? 'The AWS CLI rejects it (parameter validation)' : 'ElastiCache rejects it (InvalidParameterValue)';
  ctx.findings.push({
    code: off ? 'member-pattern' : 'member-length',
    severity: 'error',
    message: `${name}${secret ? '' : ` '${truncate(v)}'`} ${problems.join(' and ')}: ${rejecter}. Give ${give}.`,
    span: node.span,
    awsError: 'InvalidParameterValue',
  });
}

/** A list's number of items against its shape's `min`/`max` in the service model (e.g. at most 20 ReplicationGroupIds). */
function checkListLength(shape: ShapeModel, node: ListNode, path: MemberPath, ctx: CheckContext): void {
  const count = node.items.length;
  const short = shape.min !== undefined && count < shape.min;
  const long = shape.max !== undefined && count > shape.max;
  if (!short && !long) return;
  const name = formatPath(path, writtenNameUnder(node));
  const operation = path.length === 1 && ctx.operation ? ` for ${ctx.operation}` : '';
  const message = long
    ? `${name} lists ${count} items, but takes at most ${shape.max}${operation}: ElastiCache rejects it (InvalidParameterValue). Remove ${count - shape.max!}, or split the request.`
    : count === 0
      ? `${name} is an empty list, but takes at least ${shape.min} item${shape.min === 1 ? '' : 's'}${operation}: ${ctx.form === 'query' ? 'ElastiCache rejects it (InvalidParameterValue)' : 'the AWS CLI rejects it (parameter validation)'}. Give ${shape.min === 1 ? 'an item' : `${shape.min} items`}, or leave ${name} out.`
      : `${name} lists ${count} item${count === 1 ? '' : 's'}, but takes at least ${shape.min}${operation}: ${ctx.form === 'query' ? 'ElastiCache rejects it (InvalidParameterValue)' : 'the AWS CLI rejects it (parameter validation)'}. Give ${shape.min! - count} more.`;
  const span = (ctx.entries && locate(ctx.entries, path)?.name) || node.span;
  ctx.findings.push({ code: 'member-length', severity: 'error', message, span, awsError: 'InvalidParameterValue' });
}

function reportIndexGaps(indices: number[], node: ListNode, path: MemberPath, ctx: CheckContext): void {
  let name: string | undefined;
  for (let k = 0; k < indices.length; k++) {
    const expected = k === 0 ? 1 : indices[k - 1] + 1;
    if (indices[k] === expected) continue;
    const item = node.items[k];
    ctx.findings.push({
      code: 'list-index',
      severity: 'warning',
      message:
        k === 0
          ? `${(name ??= formatPath(path, writtenNameUnder(node)))} items must be numbered from 1, but the first is ${indices[k]}: items before a missing number may be ignored.`
          : `${(name ??= formatPath(path, writtenNameUnder(node)))} skips item ${expected} (jumps from ${indices[k - 1]} to ${indices[k]}): items after a gap may be ignored.`,
      span: item.nameSpan ?? item.span,
      awsError: 'InvalidParameterValue',
    });
    return;
  }
}

/** An empty Query value of an integer or boolean member: said first, then what to give. */
function emptyQueryValue(node: ValueNode, shape: ShapeModel, path: MemberPath, ctx: CheckContext): undefined {
  ctx.findings.push({ code: 'invalid-type', severity: 'error', message: `${formatPath(path, writtenNameOf(node)?.name)} is empty: give ${describeType(shape)}.`, span: node.span, awsError: 'InvalidParameterValue' });
  return undefined;
}

/** How much of a written name a message shows (then `…`), as for values. */
const NAME_SHOWN = 60;

export function truncate(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

// ---------------------------------------------------------------------------------------------------------
// Query form: flat `Name.member.N.Sub=value` parameters → the same Entry tree the JSON/YAML forms produce.

/** Another parameter written under an unknown name, with the span of that name in it. */
interface Namesake {
  param: QueryParam;
  nameSpan: Span;
}
const NO_NAMESAKES: readonly Namesake[] = [];

type QNode =
  /** `others`: an unknown name's further parameters (`Tag.Tag.1.Value` after `Tag.Tag.1.Key`), in order. */
  | { kind: 'scalar'; param: QueryParam; nameSpan: Span; others?: Namesake[] }
  | { kind: 'list'; items: Map<number, { node: QNode; nameSpan: Span }>; emptyParam?: QueryParam; span: Span }
  | { kind: 'struct'; members: Map<string, { name: string; node: QNode; nameSpan: Span }>; span: Span };

/** Whether the parameter's name is written without percent-encoding (so its segments' spans are exact). */
function nameWrittenAsIs(param: QueryParam): boolean {
  const nameSpan = param.nameSpan;
  return nameSpan.end - nameSpan.start === param.name.length;
}

/**
 * The spans segmentSpan gives as a whole percent-encoded name, with the segment each stands for: renaming that
 * segment then rewrites the whole name (renameSegmentEdit), never replaces it with the segment alone.
 */
const encodedSegments = new WeakMap<Span, { segments: readonly string[]; index: number }>();

/** The edit that renames the member whose name is at `span` (a segment's own span, or a whole encoded name). */
function renameSegmentEdit(span: Span, newName: string): TextEdit {
  const encoded = encodedSegments.get(span);
  if (!encoded) return { span, newText: newName };
  // The name decoded, with the segment replaced; each segment encoded again where it needs it (what the user
  // wrote encoded without need, such as `%65` for `e`, comes back plain).
  const segments = encoded.segments.map((segment, k) => (k === encoded.index ? newName : encodeURIComponent(segment)));
  return { span, newText: segments.join('.') };
}

/** Span of segment `index` of a parameter name (exact when the name needed no decoding). */
function segmentSpan(param: QueryParam, segments: string[], index: number): Span {
  const nameSpan = param.nameSpan;
  // The whole name (no dots) is the name span itself.
  if (segments.length === 1) return nameSpan;
  if (nameSpan.end - nameSpan.start !== param.name.length) {
    // Percent-encoded: where the segment is in the text is not known, so the whole name stands for it.
    const whole = { start: nameSpan.start, end: nameSpan.end };
    encodedSegments.set(whole, { segments, index });
    return whole;
  }
  let start = nameSpan.start;
  for (let i = 0; i < index; i++) start += segments[i].length + 1;
  return { start, end: start + segments[index].length };
}

function unionSpan(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}


/**
 * The top-level members of a query request as they are built: a known member written as one plain `Name=value`
 * (the usual case) is kept as its finished entry; everything else (lists, structures, unknown names) as a slot
 * of the general tree. Insertion order, the order of the entries, is kept across both.
 */
class RootMembers {
  // Maps only when needed (three Maps per request were a tenth of its garbage): the slot Map with the first slot,
  // the one of flat scalars when there are more members than a scan of `order` should cover.
  private map: Map<string, { name: string; node: QNode; nameSpan: Span }> | undefined;
  private flatByName: Map<string, QueryEntry> | undefined;
  /** Entries (flat scalars) and Map slots, in insertion order. */
  readonly order: (Entry | { name: string; node: QNode; nameSpan: Span })[] = [];
  get size(): number {
    return this.order.length;
  }
  addFlat(entry: QueryEntry): void {
    this.flatByName?.set(entry.name, entry);
    this.order.push(entry);
  }
  has(name: string): boolean {
    return this.map !== undefined && this.map.has(name);
  }
  /** The member named `name`, as a slot (a flat scalar is presented as the scalar node it stands for). */
  get(name: string): { name: string; node: QNode; nameSpan: Span } | undefined {
    const slot = this.map?.get(name);
    if (slot) return slot;
    const entry = this.flatEntry(name);
    if (!entry) return undefined;
    return { name, node: { kind: 'scalar', param: entry.param, nameSpan: entry.nameSpan }, nameSpan: entry.nameSpan };
  }
  set(name: string, slot: { name: string; node: QNode; nameSpan: Span }): void {
    (this.map ??= new Map()).set(name, slot);
    this.order.push(slot);
  }
  /** The flat scalar named `name` (names are unique: a repeated parameter never gets here). */
  private flatEntry(name: string): QueryEntry | undefined {
    const order = this.order;
    if (order.length > SHORT_LIST) {
      if (!this.flatByName) {
        this.flatByName = new Map();
        for (const item of order) if (item instanceof QueryEntry) this.flatByName.set(item.name, item);
      }
      return this.flatByName.get(name);
    }
    for (let i = 0; i < order.length; i++) {
      const item = order[i];
      if (item instanceof QueryEntry && item.name === name) return item;
    }
    return undefined;
  }
}

/** Up to this many names, a scan finds a name faster than a Map would (and allocates nothing). */
const SHORT_LIST = 16;

/** The first of `params[0, end)` named `name`. */
function firstNamed(params: readonly QueryParam[], end: number, name: string): QueryParam | undefined {
  for (let j = 0; j < end; j++) if (params[j].name === name) return params[j];
  return undefined;
}

/** A top-level query-form member written as one `Name=value` parameter; spans come from the parameter on access. */
class QueryEntry implements Entry {
  value: ValueNode;
  constructor(
    readonly name: string,
    public param: QueryParam,
  ) {
    this.value = new QueryScalarNode(param);
  }
  get nameSpan(): Span {
    return this.param.nameSpan;
  }
  toJSON(): Entry {
    return { name: this.name, nameSpan: this.nameSpan, value: this.value };
  }
}


/** Builds the Entry tree of the API members of a query request (protocol parameters excluded). */
export function queryParamsToEntries(operation: string | undefined, params: QueryParam[], ctx: CheckContext, inputShape = operationModel(operation)?.input): Entry[] {
  const members = new RootMembers();
  const root = { kind: 'struct', members, span: { start: 0, end: 0 } } as unknown as Extract<QNode, { kind: 'struct' }>;
  // The first parameter of each name: a scan of the few before it in a usual request, a Map in a long one.
  const seen = params.length > SHORT_LIST ? new Map<string, QueryParam>() : undefined;
  const inputMembers = inputShape ? resolvedMembersById(inputShape) : undefined;
  for (let k = 0; k < params.length; k++) {
    const param = params[k];
    const name = param.name;
    const id = param.nameId;
    const prior = seen ? seen.get(name) : firstNamed(params, k, name);
    if (prior) {
      // A piece of a secret cut at an unencoded '&' (`AuthToken=a&=b&=c`): query-secret-split covers it, quoting nothing.
      // ctx.params: all the request's parameters, so a protocol secret (X-Amz-Signature) before the pieces counts too.
      if (id === UNKNOWN_NAME && ctx.params && continuedSecret(ctx.params, indexOfParam(ctx.params, param))) continue;
      ctx.findings.push({
        code: 'duplicate-parameter',
        severity: 'error',
        // Both values named (never a secret's), so the user sees which one to keep.
        message:
          prior.value === param.value
            ? `${displayableName(param.name)} is given more than once, with the same value: remove this one.`
            : (emptyDuplicateMessage(prior, param) ??
              `${displayableName(param.name)} is given more than once with different values${hidesValue(param.name) ? '' : ` ('${truncate(prior.value)}', then '${truncate(param.value)}')`}: keep one and remove the other.`),
        span: param.nameSpan,
        fixes: duplicateParamFixes(ctx.params ?? params, prior, param),
        awsError: 'InvalidParameterCombination',
      });
      // An empty one, then one with a value: the fix removes the empty one, so the value is what gets checked (the
      // empty one would otherwise get an invalid/empty finding too: two findings for one mistake).
      if (prior.value.trim() === '' && param.value.trim() !== '') takeOver(members.order, prior, param);
      continue;
    }
    seen?.set(name, param);
    const dotted = id === UNKNOWN_NAME && name.indexOf('.') >= 0;
    if (dotted && inputMembers && addListItem(name, param, inputMembers, members, ctx)) continue;
    if (!dotted && !members.has(name)) {
      // A new top-level member written without dots whose shape is a scalar (or unknown): what place() would
      // build, without its segment bookkeeping.
      // A name the input shape lacks (even one such as `constructor`) has no shape.
      const shape = id === UNKNOWN_NAME ? undefined : inputMembers?.[id]?.shape;
      if (!shape || (shape.type !== 'list' && shape.type !== 'structure')) {
        if (id !== UNKNOWN_NAME) {
          members.addFlat(new QueryEntry(name, param));
        } else {
          const nameSpan = param.nameSpan;
          members.set(name, { name, node: { kind: 'scalar', param, nameSpan }, nameSpan });
        }
        continue;
      }
    }
    place(inputShape, dotted ? name.split('.') : [name], 0, root, param, ctx);
  }
  const order = members.order;
  const entries: Entry[] = new Array<Entry>(order.length);
  for (let k = 0; k < order.length; k++) {
    const item = order[k];
    entries[k] = item instanceof QueryEntry ? item : { name: item.name, nameSpan: (item as { nameSpan: Span }).nameSpan, value: toValueNode((item as { node: QNode }).node) };
  }
  return entries;
}

/**
 * Puts `param` where `prior` (the same name, given earlier) was placed in the member tree. Rare (a repeated name
 * whose first value is empty), so a walk of the tree.
 */
function takeOver(nodes: Iterable<Entry | { node: QNode; nameSpan: Span }>, prior: QueryParam, param: QueryParam): boolean {
  for (const item of nodes) {
    if (item instanceof QueryEntry) {
      if (item.param !== prior) continue;
      item.param = param;
      item.value = new QueryScalarNode(param);
      return true;
    }
    const node = (item as { node: QNode }).node;
    if (node.kind === 'scalar') {
      if (node.param !== prior) continue;
      node.param = param;
      // The same name: the same segment, moved; a name written differently (percent-encoded): the whole name.
      const moved = param.nameSpan.end - param.nameSpan.start === prior.nameSpan.end - prior.nameSpan.start;
      const shift = param.nameSpan.start - prior.nameSpan.start;
      node.nameSpan = moved ? { start: node.nameSpan.start + shift, end: node.nameSpan.end + shift } : param.nameSpan;
      return true;
    }
    if (takeOver(node.kind === 'list' ? node.items.values() : node.members.values(), prior, param)) return true;
  }
  return false;
}

/**
 * `List.member.N=value` / `List.LocationName.N=value` for a top-level list of scalars (the usual list form):
 * what place() builds for it, without splitting the name into segments. False (nothing done) for any other
 * shape of name, which then takes the general path.
 */
function addListItem(name: string, param: QueryParam, inputMembers: (ResolvedMember | undefined)[], members: RootMembers, ctx: CheckContext): boolean {
  const d1 = name.indexOf('.');
  const d2 = name.indexOf('.', d1 + 1);
  if (d2 < 0 || name.indexOf('.', d2 + 1) >= 0 || d2 + 1 === name.length) return false;
  const listId = knownNameIdAt(name, 0, d1);
  const list = listId === UNKNOWN_NAME ? undefined : inputMembers[listId];
  const itemShape = list?.shape?.type === 'list' ? list.shape.member : undefined;
  const itemType = itemShape ? serviceModel.shapes[itemShape.shape]?.type : undefined;
  if (!itemType || itemType === 'list' || itemType === 'structure') return false;
  const markerId = knownNameIdAt(name, d1 + 1, d2);
  if (markerId === UNKNOWN_NAME || (knownNames()[markerId] !== 'member' && knownNames()[markerId] !== itemShape!.locationName)) return false;
  let index = 0;
  for (let k = d2 + 1; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
    index = index * 10 + (c - 0x30);
  }
  if (index < 1 || name.length - d2 - 1 > 15) return false; // leave 0 and huge numbers to the general path
  if (!nameWrittenAsIs(param)) return false; // decoded name: segment spans are inexact
  const nameSpan = param.nameSpan;
  const listName = knownNames()[listId];
  let slot = members.get(listName);
  if (slot && slot.node.kind !== 'list') return false;
  if (!slot) {
    slot = { name: listName, node: { kind: 'list', items: new Map(), span: param.span }, nameSpan: { start: nameSpan.start, end: nameSpan.start + d1 } };
    members.set(listName, slot);
  }
  const node = slot.node as Extract<QNode, { kind: 'list' }>;
  node.span = unionSpan(node.span, param.span);
  if (node.items.has(index)) {
    ctx.findings.push({ code: 'duplicate-parameter', severity: 'error', message: `Item ${index} of ${listName} is given more than once.`, span: nameSpan, awsError: 'InvalidParameterCombination' });
    return true;
  }
  node.items.set(index, { node: { kind: 'scalar', param, nameSpan }, nameSpan });
  return true;
}

function place(shapeName: string | undefined, segs: string[], i: number, parent: Extract<QNode, { kind: 'struct' }>, param: QueryParam, ctx: CheckContext): void {
  // parent is a structure; segs[i] names one of its members.
  const name = segs[i];
  const nameSpan = segmentSpan(param, segs, i);
  const shape = shapeName ? serviceModel.shapes[shapeName] : undefined;
  const member = shape?.members && Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
  let slot = parent.members.get(name);
  if (!slot) {
    // Unknown members are still recorded (as strings) so the generic checker reports them once, with spans.
    const node = makeNode(member?.shape, segs, i + 1, param, nameSpan, ctx);
    if (!node) return;
    parent.members.set(name, { name, node, nameSpan });
    return;
  }
  extend(member?.shape, slot.node, segs, i + 1, param, nameSpan, ctx);
}

function makeNode(shapeName: string | undefined, segs: string[], i: number, param: QueryParam, nameSpan: Span, ctx: CheckContext): QNode | undefined {
  const shape = shapeName ? serviceModel.shapes[shapeName] : undefined;
  if (!shape || (shape.type !== 'list' && shape.type !== 'structure')) {
    if (i < segs.length && shape) {
      ctx.findings.push({
        code: 'unknown-parameter',
        severity: 'error',
        message: `${segs.slice(0, i).join('.')} is ${describeType(shape)}: it has no member ${truncate(displayableName(segs.slice(i).join('.')), NAME_SHOWN)}.`,
        span: param.nameSpan,
        awsError: 'InvalidParameterValue',
      });
      return undefined;
    }
    return { kind: 'scalar', param, nameSpan: i < segs.length ? param.nameSpan : nameSpan };
  }
  const node: QNode =
    shape.type === 'list'
      ? { kind: 'list', items: new Map(), span: param.span }
      : { kind: 'struct', members: new Map(), span: param.span };
  extend(shapeName, node, segs, i, param, nameSpan, ctx);
  if (node.kind === 'list' && node.items.size === 0 && !node.emptyParam) return undefined;
  if (node.kind === 'struct' && node.members.size === 0) return undefined;
  return node;
}

function extend(shapeName: string | undefined, node: QNode, segs: string[], i: number, param: QueryParam, nameSpan: Span, ctx: CheckContext): void {
  const shape = shapeName ? serviceModel.shapes[shapeName] : undefined;
  if (node.kind === 'scalar') {
    if (shapeName === undefined) {
      // A name the shape does not have (or any name, for an unknown action), written again with sub-names: its
      // parameters may well differ (`Tag.Tag.1.Key`, `Tag.Tag.1.Value`), so no duplicate. The name is reported once,
      // unknown, with fixes covering each parameter.
      (node.others ??= []).push({ param, nameSpan: segmentSpan(param, segs, i - 1) });
      return;
    }
    // The same member once as a scalar and once with sub-names (e.g. `Tags=` and `Tags.Tag.1.Key=`).
    ctx.findings.push({ code: 'duplicate-parameter', severity: 'error', message: `${segs.slice(0, i).join('.')} is given more than once.`, span: param.nameSpan, awsError: 'InvalidParameterCombination' });
    return;
  }
  node.span = unionSpan(node.span, param.span);
  if (node.kind === 'struct') {
    if (i >= segs.length) {
      ctx.findings.push({
        code: 'invalid-type',
        severity: 'error',
        message: `${segs.join('.')} is a structure: give its members as ${segs.join('.')}.MemberName=value.`,
        span: param.nameSpan,
        awsError: 'InvalidParameterValue',
      });
      return;
    }
    place(shapeName, segs, i, node, param, ctx);
    return;
  }
  // A list: `Name.member.N…` or `Name.LocationName.N…` (both are accepted by the Query API).
  const itemName = shape?.member?.locationName ?? 'member';
  if (i >= segs.length) {
    if (param.value === '') {
      node.emptyParam = param; // `Name=` is how the Query protocol sends an empty list
      return;
    }
    const prefix = listName(segs, i);
    const fixName = `${prefix}.${itemName}.1`;
    ctx.findings.push({
      code: 'invalid-type',
      severity: 'error',
      message: `${prefix} is a list: write its items as ${prefix}.${itemName}.1, ${prefix}.${itemName}.2, … (or ${prefix}.member.N).`,
      span: param.nameSpan,
      fixes: nameWrittenAsIs(param) ? [{ title: `Rename to ${fixName}`, edits: [{ span: param.nameSpan, newText: fixName }], isPreferred: true }] : undefined,
      awsError: 'InvalidParameterValue',
    });
    return;
  }
  const marker = segs[i];
  const markerSpan = segmentSpan(param, segs, i);
  const markers = listItemMarkers(shapeName, shape);
  if (!markers.includes(marker)) {
    const prefix = listName(segs, i);
    const best = suggest(marker, markers) ?? itemName;
    ctx.findings.push({
      code: 'list-member-name',
      severity: 'error',
      message: `List items of ${prefix} are named ${prefix}.${markers.map((m) => `${m}.N`).join(` or ${prefix}.`)}, not ${prefix}.${marker}.`,
      span: markerSpan,
      // A percent-encoded name is rewritten whole, with the marker changed (renameSegmentEdit).
      fixes: [{ title: `Change to ${best}`, edits: [renameSegmentEdit(markerSpan, best)], isPreferred: true }],
      awsError: 'InvalidParameterValue',
    });
    return;
  }
  const indexText = segs[i + 1];
  const indexSpan = i + 1 < segs.length ? segmentSpan(param, segs, i + 1) : param.nameSpan;
  if (indexText === undefined || !isDigits(indexText) || Number(indexText) < 1) {
    const prefix = listName(segs, i);
    const fix = firstItemFix(param, segs, i, shape, ctx);
    ctx.findings.push({
      code: 'list-index',
      severity: 'error',
      message: `${prefix}.${marker} must be followed by an item number starting at 1 (${prefix}.${marker}.1).`,
      span: indexSpan,
      fixes: fix ? [fix] : undefined,
      awsError: 'InvalidParameterValue',
    });
    return;
  }
  const index = Number(indexText);
  const itemNameSpan = { start: param.nameSpan.start, end: indexSpan.end };
  const existing = node.items.get(index);
  const memberShape = shape?.member?.shape;
  if (existing) {
    if (existing.node.kind === 'scalar' || i + 2 >= segs.length) {
      ctx.findings.push({ code: 'duplicate-parameter', severity: 'error', message: `Item ${index} of ${listName(segs, i)} is given more than once.`, span: param.nameSpan, awsError: 'InvalidParameterCombination' });
      return;
    }
    extend(memberShape, existing.node, segs, i + 2, param, itemNameSpan, ctx);
    return;
  }
  const child = makeNode(memberShape, segs, i + 2, param, itemNameSpan, ctx);
  if (child) node.items.set(index, { node: child, nameSpan: itemNameSpan });
}


const MEMBER_ONLY: readonly string[] = ['member'];
const markerLists = new Map<string, readonly string[]>();
/** The item markers a list shape accepts (`member`, and its locationName): one array per shape. */
function listItemMarkers(shapeName: string | undefined, shape: ShapeModel | undefined): readonly string[] {
  const locationName = shape?.member?.locationName;
  if (!shapeName || !locationName) return MEMBER_ONLY;
  let markers = markerLists.get(shapeName);
  if (!markers) markerLists.set(shapeName, (markers = ['member', locationName]));
  return markers;
}

function structEntries(node: Extract<QNode, { kind: 'struct' }>): Entry[] {
  const entries: Entry[] = [];
  for (const slot of node.members.values()) entries.push({ name: slot.name, nameSpan: slot.nameSpan, value: toValueNode(slot.node) });
  return entries;
}

/**
 * A query-form scalar: its spans come from the parameter's offsets on access, so a document of thousands of
 * requests does not keep two span objects per parameter alive (they are read only for findings and the editor).
 */
class QueryScalarNode implements ScalarNode {
  declare readonly kind: 'scalar';
  declare value: string;
  private declare readonly param: QueryParam;
  private declare ownNameSpan: Span | undefined;
  constructor(param: QueryParam) {
    this.kind = 'scalar';
    this.value = param.value;
    this.param = param;
    this.ownNameSpan = undefined;
  }
  get span(): Span {
    return this.param.valueSpan;
  }
  /** The parameter this value was written with (to remove it). */
  get queryParam(): QueryParam {
    return this.param;
  }
  /** The whole parameter name as written (decoded) and its span, for messages. */
  get writtenName(): { name: string; span: Span } {
    return { name: this.param.name, span: this.param.nameSpan };
  }
  /** A list item's nameSpan is set to the item's own name (`Name.member.N`). */
  get nameSpan(): Span | undefined {
    return this.ownNameSpan ?? this.param.nameSpan;
  }
  set nameSpan(span: Span | undefined) {
    this.ownNameSpan = span;
  }
  toJSON(): ScalarNode {
    return { kind: this.kind, value: this.value, span: this.span, nameSpan: this.nameSpan };
  }
}

/** An unknown name written in several parameters: the first as a scalar (as for one), and the others, for the fixes. */
class QueryNamesakesNode extends QueryScalarNode {
  declare readonly others: readonly Namesake[];
  constructor(param: QueryParam, others: readonly Namesake[]) {
    super(param);
    this.others = others;
  }
}

const byNumber = (a: number, b: number) => a - b;

/** The name of the list at segment `i` (for messages: built only when one is reported). */
/**
 * The fix giving a list item with a missing or invalid number (`SecurityGroupIds.member`, `…member.0`, `Tags.Tag.x.Key`,
 * `Tags.Tag.Key`) the number 1, when that is the only number it can mean: no other parameter is written under the
 * list, or every other one is the same item (the same invalid number, or none, with other members: `Tags.Tag.Key` and
 * `Tags.Tag.Value`), whose names the fix renumbers too. With other items the number meant is not known: no fix.
 * A percent-encoded name is rewritten whole, decoded (as renameSegmentEdit does for list-member-name).
 */
function firstItemFix(param: QueryParam, segs: string[], i: number, shape: ShapeModel | undefined, ctx: CheckContext): Fix | undefined {
  const params = ctx.params;
  if (!params) return undefined;
  const itemShape = shape?.member ? serviceModel.shapes[shape.member.shape] : undefined;
  const itemMembers = itemShape?.type === 'structure' ? itemShape.members : undefined;
  // The written number: undefined when the name skips it (ends at the marker, or goes on with a member name).
  const numberOf = (names: string[]) => (i + 1 >= names.length || (itemMembers && Object.hasOwn(itemMembers, names[i + 1])) ? undefined : names[i + 1]);
  const own = numberOf(segs);
  // An item of structures needs a member after its number (`Tags.Tag=a`: which member is not known).
  const memberAfter = (names: string[]) => !itemMembers || names.length > (own === undefined ? i + 1 : i + 2);
  if (!memberAfter(segs)) return undefined;
  const prefix = `${listName(segs, i)}.`;
  const item: { param: QueryParam; segs: string[] }[] = [{ param, segs }];
  const seen = new Set([segs.slice(i + 1).join('.')]);
  for (const other of params) {
    if (other === param || !other.name.startsWith(prefix)) continue;
    const otherSegs = other.name.split('.');
    const rest = otherSegs.slice(i + 1).join('.');
    // Another number, another marker, or the same member twice: not one item.
    if (otherSegs[i] !== segs[i] || numberOf(otherSegs) !== own || seen.has(rest) || !memberAfter(otherSegs)) return undefined;
    seen.add(rest);
    item.push({ param: other, segs: otherSegs });
  }
  const edits = item.map(({ param: p, segs: names }) => {
    const renamed = own === undefined ? [...names.slice(0, i + 1), '1', ...names.slice(i + 1)] : [...names.slice(0, i + 1), '1', ...names.slice(i + 2)];
    if (!nameWrittenAsIs(p)) return { span: p.nameSpan, newText: renamed.map((segment) => encodeURIComponent(segment)).join('.') };
    // Written as is: only the number changes (inserted after the marker, or replacing the invalid one).
    let at = p.nameSpan.start;
    for (let k = 0; k <= i; k++) at += names[k].length + 1;
    if (own !== undefined) return { span: { start: at, end: at + own.length }, newText: '1' };
    return i + 1 < names.length ? { span: { start: at, end: at }, newText: '1.' } : { span: { start: p.nameSpan.end, end: p.nameSpan.end }, newText: '.1' };
  });
  return { title: `Number the item 1 (${prefix}${segs[i]}.1)`, edits, isPreferred: true };
}

function listName(segs: string[], i: number): string {
  return segs.slice(0, i).join('.');
}

/** `/^\d+$/` without a regex run per list item. */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function toValueNode(node: QNode): ValueNode {
  if (node.kind === 'scalar') {
    return node.others ? new QueryNamesakesNode(node.param, node.others) : new QueryScalarNode(node.param);
  }
  if (node.kind === 'struct') {
    const o: ObjectNode = { kind: 'object', entries: structEntries(node), span: node.span };
    return o;
  }
  const indices: number[] = [];
  for (const k of node.items.keys()) indices.push(k);
  if (indices.length > 1) indices.sort(byNumber);
  const items: ValueNode[] = [];
  for (const k of indices) {
    const item = node.items.get(k)!;
    const v = toValueNode(item.node);
    v.nameSpan = item.nameSpan;
    items.push(v);
  }
  const list: ListNode = { kind: 'list', items, span: node.span, indices };
  return list;
}
