// Document outline: one symbol per request (action + the id it acts on), one child per parameter as written.
// Pure: plain structures that the language server converts to LSP DocumentSymbols.
import { serviceModel } from '../model/generated/serviceModel';
import { operationModel } from '../model/operations';
import { displayableName, maskAccessKeyIds } from '../model/secrets';
import { UNKNOWN_NAME } from './knownNames';
import { continuedSecret, mayHoldSecret } from './secretParams';
import { visibleMessage } from './text';
import type { Analysis, Entry, ParsedRequest, QueryParam, Span, ValueNode } from './types';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'request' | 'parameter' | 'member';
  span: Span;
  selectionSpan: Span;
  children: OutlineSymbol[];
}

const MAX_DETAIL = 80;

const MASK = '••••••';

function maskedDetail(name: string, value: string): string {
  if (mayHoldSecret(name)) return value ? MASK : '';
  // Masked before it is cut, so that a cut never leaves part of a key ID unmasked.
  return visibleCut(maskAccessKeyIds(value), MAX_DETAIL);
}

/**
 * Document text as the outline shows it, at most `max` characters (then cut with `…`): control and format characters
 * escaped as in findings (visibleMessage: `Engine\u202eVersion`, where U+202E would show the rest reversed), and
 * never cut inside a surrogate pair. Only the first `max` characters are escaped: a 1 MB name is not.
 */
function visibleCut(text: string, max: number): string {
  const shown = visibleMessage(text.length > max ? text.slice(0, max + 1) : text);
  if (shown.length <= max) return shown;
  let cut = /[\uD800-\uDBFF]/.test(shown[max - 2]!) ? max - 2 : max - 1;
  // Not inside an escape visibleMessage wrote (`\u202e`, `\r`): before it.
  const escape = shown.lastIndexOf('\\', cut - 1);
  if (escape >= 0 && escape + (shown[escape + 1] === 'u' ? 6 : 2) > cut) cut = escape;
  return shown.slice(0, cut) + '…';
}

function union(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function valueText(value: ValueNode): string {
  // A JSON key written without a value (json-syntax reports it) or YAML's `Engine:` shows no value, not a null.
  if (value.kind === 'scalar') return value.value === null ? (value.missing || value.empty ? '' : 'null') : String(value.value);
  if (value.kind === 'list') return `[${value.items.length}]`;
  return `{${value.entries.length}}`;
}

/**
 * How many more symbols the outline may hold. The outline of a 2 MB file with 60,000 tags had 180,000 symbols: 41 MB
 * of JSON that took the server two seconds to send (serialising and collecting garbage), for a list nobody scrolls.
 */
interface SymbolBudget {
  left: number;
}

/**
 * Symbols for `items` while the budget lasts, then one symbol standing for the rest (`… 12 more items`), so the
 * outline stays bounded whatever the document holds.
 */
function boundedChildren<T>(items: readonly T[], budget: SymbolBudget, symbolOf: (item: T, i: number) => OutlineSymbol, spanOf: (item: T) => Span, what: string): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  let i = 0;
  for (; i < items.length && budget.left > 0; i++) {
    budget.left--;
    out.push(symbolOf(items[i], i));
  }
  if (i < items.length) {
    const start = spanOf(items[i]).start;
    out.push({ name: `… ${items.length - i} more ${what}`, kind: 'member', span: { start, end: spanOf(items[items.length - 1]).end }, selectionSpan: { start, end: start }, children: [] });
  }
  return out;
}

function entrySpan(entry: Entry): Span {
  return union(entry.nameSpan, entry.value.span);
}

/** `secret`: the entry is inside a secret's value, so its name is text of the secret (`AuthToken: abc def: x`). */
function entrySymbol(entry: Entry, secret: boolean, budget: SymbolBudget): OutlineSymbol {
  const isSecret = secret || mayHoldSecret(entry.name);
  let children: OutlineSymbol[] = [];
  const value = entry.value;
  if (value.kind === 'object') {
    children = boundedChildren(value.entries, budget, (e) => entrySymbol(e, isSecret, budget), entrySpan, 'members');
  } else if (value.kind === 'list') {
    children = boundedChildren(
      value.items,
      budget,
      (item, i) => ({
        name: `[${i + 1}]`,
        detail: item.kind === 'scalar' ? maskedDetail(isSecret ? 'AuthToken' : '', valueText(item)) : undefined,
        kind: 'member',
        span: item.span,
        selectionSpan: item.span,
        children: item.kind === 'object' ? boundedChildren(item.entries, budget, (e) => entrySymbol(e, isSecret, budget), entrySpan, 'members') : [],
      }),
      (item) => item.span,
      'items',
    );
  }
  return {
    name: secret ? MASK : shortened(displayableName(entry.name)),
    detail: maskedDetail(isSecret ? 'AuthToken' : entry.name, valueText(entry.value)),
    kind: 'parameter',
    span: entrySpan(entry),
    selectionSpan: entry.nameSpan,
    children,
  };
}

function scalarInput(request: ParsedRequest, member: string): string | undefined {
  const v = request.input[member];
  return typeof v === 'string' ? v : undefined;
}

const idMembersByAction = new Map<string, readonly string[]>();

/**
 * The members that name what an action acts on, from the service model: its input's string members named `…Id` or
 * `…Name`, the required ones first (CreateReplicationGroup: ReplicationGroupId; CreateSnapshot: SnapshotName;
 * DescribeCacheClusters: CacheClusterId, when given). An action the model does not know falls back to CacheClusterId.
 */
function idMembers(action: string): readonly string[] {
  let members = idMembersByAction.get(action);
  if (!members) {
    const operation = operationModel(action);
    // No such action (misspelt, or missing): CacheClusterId, which most requests of this extension's files name.
    if (!operation) return ['CacheClusterId'];
    const input = serviceModel.shapes[operation.input ?? ''];
    const required = new Set(input?.required ?? []);
    const ids = Object.entries(input?.members ?? {})
      .filter(([name, m]) => /(Id|Name)$/.test(name) && serviceModel.shapes[m.shape]?.type === 'string')
      .map(([name]) => name);
    members = [...ids.filter((m) => required.has(m)), ...ids.filter((m) => !required.has(m))];
    idMembersByAction.set(action, members);
  }
  return members;
}

/** The id the request acts on, as written: the first of its action's id members it gives a value. */
function requestId(request: ParsedRequest, action: string): string | undefined {
  for (const member of idMembers(action)) {
    // A Query request: its parameters (a parse of its lines) rather than its input (all its checks, worked out again).
    const id = request.kind === 'query' ? request.params?.find((p) => p.name === member)?.value : scalarInput(request, member);
    if (id) return id;
  }
  return undefined;
}

/** Longest request or parameter name shown in the outline (a 1 MB CacheClusterId made a 1 MB symbol name). */
const MAX_NAME = 80;

function shortened(text: string): string {
  return visibleCut(text, MAX_NAME);
}

/** A Query parameter's symbol; a piece of a secret cut at an unencoded '&' is named after the secret, its value masked. */
function paramSymbol(p: QueryParam, params: readonly QueryParam[], k: number): OutlineSymbol {
  const secret = p.nameId === UNKNOWN_NAME ? continuedSecret(params, k) : undefined;
  const name = secret ? `${shortened(displayableName(secret.name))} (continued)` : shortened(displayableName(p.name));
  const detail = secret ? (p.value || p.name ? MASK : '') : maskedDetail(p.name, p.value);
  return { name, detail, kind: 'parameter', span: p.span, selectionSpan: p.nameSpan, children: [] };
}

function requestSymbol(request: ParsedRequest, budget: SymbolBudget): OutlineSymbol {
  const action = request.action?.name ?? (request.kind === 'query' ? '(no Action)' : 'CreateCacheCluster');
  const id = requestId(request, action);
  const children: OutlineSymbol[] = request.params
    ? boundedChildren(
        request.params,
        budget,
        (p, k) => paramSymbol(p, request.params!, k),
        (p) => p.span,
        'parameters',
      )
    : boundedChildren(request.entries, budget, (e) => entrySymbol(e, false, budget), entrySpan, 'members');
  return {
    name: id ? `${shortened(action)} ${shortened(id)}` : shortened(action),
    detail: request.host?.value === undefined ? undefined : shortened(request.host.value),
    kind: 'request',
    span: request.span,
    selectionSpan: request.action?.span ?? request.span,
    children,
  };
}

/**
 * An outline longer than this many requests is cut, with one last symbol standing for the rest: an editor cannot
 * show 75,000 requests usefully, and serialising them would hold the server up for seconds.
 */
export const MAX_OUTLINE_REQUESTS = 2000;

/**
 * At most this many parameters and members in the outline (besides the requests, and one `… N more` symbol per list
 * cut short): 5,000 symbols reach the editor in a few tens of milliseconds.
 */
export const MAX_OUTLINE_MEMBERS = 5000;

/**
 * The outline of a document: one symbol per request (at most `limit`, then one symbol for the rest), with at most
 * `memberLimit` parameters and members in all, in document order.
 */
export function documentSymbols(analysis: Analysis, limit = MAX_OUTLINE_REQUESTS, memberLimit = MAX_OUTLINE_MEMBERS): OutlineSymbol[] {
  const { requests } = analysis;
  const budget: SymbolBudget = { left: memberLimit };
  const symbolOf = (request: ParsedRequest) => requestSymbol(request, budget);
  if (requests.length <= limit) return requests.map(symbolOf);
  const shown = requests.slice(0, limit).map(symbolOf);
  // Only at the start of the first request left out: spanning the rest, it was the symbol around every line below, so
  // VS Code's breadcrumbs and sticky scroll showed "… N more requests" (and that request's first line) anywhere there.
  const restStart = { start: requests[limit].span.start, end: requests[limit].span.start };
  shown.push({ name: `… ${requests.length - limit} more requests`, kind: 'request', span: restStart, selectionSpan: restStart, children: [] });
  return shown;
}
