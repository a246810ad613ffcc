// Completion for `.elasticache` Query URLs and CLI input JSON/YAML files: actions, parameter names (only missing ones,
// required ones first and marked, with documentation) and values (enums, booleans, engines, versions for the chosen
// engine, node types, AZs of the host's region, parameter groups of the engine family, window snippets), and new
// list items in CLI input files (under a YAML list key without `- ` yet, in a JSON `[ ]`).
// Pure: returns plain candidates that the language server converts to LSP CompletionItems.
import { createScanner, findNodeAtLocation, getLocation, parseTree, type JSONPath, type SyntaxKind } from 'jsonc-parser';
import { Lexer } from 'yaml';
import { MAX_NESTING } from './documentParsers';
import {
  availabilityZones,
  CLUSTER_MODE_GROUP_SUFFIX,
  compareVersions,
  defaultParameterGroups,
  ENGINE_DISPLAY,
  ENGINE_VERSIONS,
  engineOfFamily,
  engineOnlyNote,
  ENGINES,
  familyEndOfLife,
  familySupport,
  findVersion,
  latestVersion,
  LIMITS,
  LOG_DESTINATIONS,
  newClustersCanUse,
  MEMCACHED_ONLY_MEMBERS,
  NODE_TYPE_FAMILIES,
  PARAMETER_GROUP_FAMILIES,
  PRESIGN_MAX_DAYS,
  REDIS_ONLY_MEMBERS,
  regionOfAvailabilityZone,
  REQUIRED_UNLISTED_MEMBERS,
  regionOfEndpointHost,
  REGIONS,
  versionsInOfferOrder,
  VERSION_STATUS_RANK,
  type EngineName,
  type VersionStatus,
} from '../model/facts';
import { serviceModel } from '../model/generated/serviceModel';
import { operationModel } from '../model/operations';
import type { MemberModel, ShapeModel } from '../model/serviceModelTypes';
import { isSecretName } from '../model/secrets';
import { memberMarkdown } from './hover';
import { queryLeaves, type QueryLeaf } from './queryNames';
import { memberNames, unknownMemberSuggestion } from './shapeCheck';
import { analyze, inputOfMembers, queryRequestOutlines } from './index';
import { endOfLifeNote, engineVersionUse, enginesOfAction, type EngineVersionUse } from './rules';
import { windowsOverlap } from './validators';
import type { Analysis, DocumentKind, ParsedRequest, QueryParam, Span, ValueNode } from './types';

export interface CompletionCandidate {
  label: string;
  kind: 'action' | 'parameter' | 'value' | 'enum' | 'keyword' | 'snippet';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces `replace`; a snippet (`$1`, `${1|a,b|}`) when isSnippet. */
  insertText: string;
  isSnippet?: boolean;
  replace: Span;
  sortText: string;
  filterText?: string;
  preselect?: boolean;
  /** Deprecated, end-of-life or no longer available for new resources: shown struck through (CompletionItemTag.Deprecated). */
  deprecated?: boolean;
  /** Edits elsewhere, made with the insertion (LSP additionalTextEdits): the comma a JSON value written before lacks. */
  additionalEdits?: { span: Span; newText: string }[];
}

// ---------------------------------------------------------------------------------------------------------
// The request around the cursor. For Query documents only the request block around the offset is analysed
// (requests end at a blank or `###` line, as in the parser), so completion and hover cost the same in a file of
// one request as in one of 5,000.

function isSeparatorLine(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  return i === end || text.startsWith('###', i);
}

/** [start, end) of the request block (lines between separators) that contains `offset`. */
export function requestBlockAround(text: string, offset: number): Span {
  // lastIndexOf reads a negative position as 0, where a first empty line has its '\n': guarded, as that would give
  // a start past the offset, and a previous line that never moves (an endless loop).
  let start = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (isSeparatorLine(text, start, end)) return { start, end };
  while (start > 0) {
    const prevStart = start > 1 ? text.lastIndexOf('\n', start - 2) + 1 : 0;
    if (isSeparatorLine(text, prevStart, start - 1)) break;
    start = prevStart;
  }
  while (end < text.length) {
    let nextEnd = text.indexOf('\n', end + 1);
    if (nextEnd < 0) nextEnd = text.length;
    if (isSeparatorLine(text, end + 1, nextEnd)) break;
    end = nextEnd;
  }
  return { start, end };
}

/**
 * The analysis of the part of the document around `offset`; its spans are relative to `base`. A CLI input file is
 * one request: `whole`, the caller's analysis of the same text, is used when given. For a Query file, only the
 * requests of the cursor's block, unchecked (no findings).
 */
export function analysisAround(text: string, offset: number, kind: DocumentKind, whole?: Analysis): { analysis: Analysis; base: number } {
  if (kind !== 'query') return { analysis: whole ?? analyze(text, kind), base: 0 };
  const block = requestBlockAround(text, offset);
  // The request's outline, not its findings: completion and hover read none of them.
  return { analysis: { requests: queryRequestOutlines(text.slice(block.start, block.end)), findings: [] }, base: block.start };
}

// ---------------------------------------------------------------------------------------------------------
// Model helpers.

const shapes = serviceModel.shapes;
const operations = serviceModel.operations;

function inputShapeOf(action: string | undefined): string | undefined {
  return operationModel(action)?.input;
}

function memberOf(shapeName: string | undefined, name: string): MemberModel | undefined {
  const members = shapeName ? shapes[shapeName]?.members : undefined;
  return members && Object.hasOwn(members, name) ? members[name] : undefined;
}

/** Actions most people write first, then the rest alphabetically. */
const FIRST_ACTIONS = ['CreateCacheCluster', 'CreateReplicationGroup', 'DescribeCacheClusters', 'DeleteCacheCluster', 'ModifyCacheCluster'];

/** Query-API parameters every request carries (not in the service model); docs in hover.ts. */
const PROTOCOL_NAMES = ['Action', 'Version', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token'];

const sortKey = (group: number, i: number) => `${group}${String(i).padStart(4, '0')}`;

function regionOf(request: ParsedRequest | undefined): string | undefined {
  const fromHost = request?.host ? regionOfEndpointHost(request.host.value) : undefined;
  if (fromHost) return fromHost;
  const credential = request?.params?.find((p) => p.name === 'X-Amz-Credential')?.value;
  return credential?.split('/')[2] || undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Values a member can take: enums and booleans from the service model; engines, versions, node types, AZs,
// parameter groups and windows from the facts module.

interface ValueSuggestion {
  value: string;
  detail?: string;
  documentation?: string;
  kind?: CompletionCandidate['kind'];
  /** Lower groups sort first. */
  group?: number;
  preselect?: boolean;
  /** A snippet to insert instead of the rendered value (quoted in JSON). */
  snippet?: string;
  deprecated?: boolean;
}

interface ValueContext {
  action?: string;
  input: Record<string, unknown>;
  region?: string;
  /** The DestinationType of the log delivery item being written, when it has one. */
  destinationType?: string;
}

/** A member (at any depth) by name and shape: the innermost member a value belongs to, or whose items it is. */
interface MemberRef {
  name: string;
  shapeName: string;
}

/**
 * Whether a member's value, or each item of it, is an Availability Zone, as the service model names them: a string
 * member named `…AvailabilityZone` (PreferredAvailabilityZone, PrimaryAvailabilityZone) or a list whose items are
 * `…AvailabilityZone` (AvailabilityZonesList, PreferredAvailabilityZoneList: PreferredCacheClusterAZs,
 * ReplicaAvailabilityZones, NewAvailabilityZones, PreferredAvailabilityZones).
 */
function holdsAvailabilityZones(member: MemberRef): boolean {
  const shape = shapes[member.shapeName];
  if (shape?.type === 'list') return shape.member?.locationName?.endsWith('AvailabilityZone') ?? false;
  return shape?.type === 'string' && member.name.endsWith('AvailabilityZone');
}

/** `member`: the top-level member; `leaf`: the innermost one, when the value is nested (or a list item). */
function valueSuggestions(member: string, shape: ShapeModel | undefined, context: ValueContext, leaf?: MemberRef): ValueSuggestion[] {
  if (shape?.enum) return shape.enum.map((value) => ({ value, kind: 'enum' as const }));
  if (shape?.type === 'boolean') return [{ value: 'true', kind: 'keyword' }, { value: 'false', kind: 'keyword' }];
  const shapeName = memberOf(inputShapeOf(context.action ?? 'CreateCacheCluster'), member)?.shape;
  if (holdsAvailabilityZones(leaf ?? { name: member, shapeName: shapeName ?? '' })) return availabilityZoneSuggestions(context);
  return memberValueSuggestions(member, context);
}

/** The innermost member along a path of member names and list indexes (undefined for an empty path). */
function leafOf(root: string, path: readonly (string | number)[]): MemberRef | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] !== 'string') continue;
    const { shapeName } = shapeAtPath(root, path.slice(0, i + 1));
    return shapeName ? { name: String(path[i]), shapeName } : undefined;
  }
  return undefined;
}

/** The request's engine, when one the action accepts (CreateReplicationGroup: not Memcached, invalid-engine). */
function engineOf(context: ValueContext): EngineName | undefined {
  const engine = typeof context.input.Engine === 'string' ? context.input.Engine.toLowerCase() : undefined;
  return enginesOfAction(context.action).find((e) => e === engine);
}

const STATUS_TEXT: Record<VersionStatus, string> = {
  supported: 'supported',
  'extended-support': 'extended support (standard support ended): charged for Extended Support',
  deprecated: 'deprecated patch version: use the family\'s supported one',
};

function engineVersionSuggestions(engine: EngineName | undefined, engines: readonly EngineName[], use: EngineVersionUse): ValueSuggestion[] {
  const latest = engine ? latestVersion(engine).version : undefined;
  return versionsInOfferOrder(engine).filter((v) => engines.includes(v.engine)).map((v) => ({
    value: v.version,
    detail: `${ENGINE_DISPLAY[v.engine]} · ${newClustersCanUse(v) ? STATUS_TEXT[v.status] : endOfLifeNote(v.endOfLife!, use)} · parameter group family ${v.family}`,
    group: VERSION_STATUS_RANK[v.status],
    preselect: v.version === latest,
    deprecated: v.status === 'deprecated',
  }));
}

function nodeTypeSuggestions(engine: EngineName | undefined, engines: readonly EngineName[], action: string | undefined): ValueSuggestion[] {
  const out: ValueSuggestion[] = [];
  for (const f of NODE_TYPE_FAMILIES) {
    if (f.engines && !f.engines.some((e) => (engine ? e === engine : engines.includes(e)))) continue;
    if (f.replicationGroupOnly && action === 'CreateCacheCluster') continue;
    const previous = f.generation === 'previous';
    const minimum = engine && f.minVersion?.[engine] ? ` · needs ${ENGINE_DISPLAY[engine]} ${f.minVersion[engine]}+` : '';
    for (const size of f.sizes) {
      out.push({
        value: `cache.${f.family}.${size}`,
        detail: previous ? 'previous generation: not available for new clusters' : `current generation${minimum}`,
        group: previous ? 2 : 0,
        deprecated: previous,
      });
    }
  }
  return out;
}

/** Newest first within an engine ('6.x' counts as 6.0), engines as in the version table (Valkey, Redis OSS, Memcached). */
const FAMILIES_NEWEST_FIRST: readonly string[] = (() => {
  const engineRank = (f: string) => ENGINE_VERSIONS.findIndex((v) => v.engine === engineOfFamily(f));
  const familyVersion = (f: string) => f.slice(engineOfFamily(f)?.length ?? 0);
  return [...PARAMETER_GROUP_FAMILIES].sort((a, b) => engineRank(a) - engineRank(b) || compareVersions(familyVersion(b), familyVersion(a)));
})();

/**
 * Default parameter groups: of the EngineVersion's family when known, else of the Engine's families, else of all;
 * families in the order of their versions' support (supported, extended support, end of life), newest first.
 * A family whose versions are all end of life is tagged deprecated, as its versions are.
 */
function parameterGroupSuggestions(context: ValueContext): ValueSuggestion[] {
  const engine = engineOf(context);
  const version = typeof context.input.EngineVersion === 'string' ? context.input.EngineVersion : undefined;
  const exact = engine && version ? findVersion(engine, version)?.family : undefined;
  // Without an engine, the families of the engines the action accepts (CreateReplicationGroup: no Memcached).
  const engines = enginesOfAction(context.action);
  const ofEngines = (f: string) => {
    const familyEngine = engineOfFamily(f);
    return familyEngine !== undefined && (engine ? familyEngine === engine : engines.includes(familyEngine));
  };
  const families = exact ? [exact] : FAMILIES_NEWEST_FIRST.filter(ofEngines);
  // CreateCacheCluster cannot create a cluster-mode (sharded) cluster, and the linter rejects `.cluster.on` groups
  // there (cluster-mode-parameter-group): they are left out. Without a known action they go last, flagged.
  const clusterModeAllowed = context.action !== undefined && context.action !== 'CreateCacheCluster';
  const out: ValueSuggestion[] = [];
  for (const family of families) {
    const support = familySupport(family);
    const status = support?.status ?? 'supported';
    const endOfLife = familyEndOfLife(family);
    const statusText = status === 'supported' ? '' : ` · ${endOfLife ? endOfLifeNote(endOfLife) : STATUS_TEXT[status]}`;
    for (const group of defaultParameterGroups(family)) {
      const clusterMode = group.endsWith(CLUSTER_MODE_GROUP_SUFFIX);
      if (clusterMode && context.action === 'CreateCacheCluster') continue;
      out.push({
        value: group,
        detail: `default parameter group · family ${family}${statusText}${clusterMode ? (clusterModeAllowed ? ' · cluster mode' : ' · cluster mode: CreateReplicationGroup only') : ''}`,
        group: clusterMode && !clusterModeAllowed ? 3 : VERSION_STATUS_RANK[status],
        deprecated: status === 'deprecated' || undefined,
      });
    }
  }
  // Stable: within a status group, the family order above.
  return out.sort((a, b) => (a.group ?? 0) - (b.group ?? 0));
}

/** The Region of the first Availability Zone written in a value of shape `shapeName` (members as holdsAvailabilityZones decides). */
function regionOfWrittenZones(shapeName: string | undefined, value: unknown, depth = 0): string | undefined {
  const shape = shapeName ? shapes[shapeName] : undefined;
  if (shape?.type !== 'structure' || typeof value !== 'object' || value === null || depth > 4) return undefined;
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    const written = (value as Record<string, unknown>)[name];
    if (written === undefined) continue;
    const items = Array.isArray(written) ? written : [written];
    if (holdsAvailabilityZones({ name, shapeName: member.shape })) {
      const region = items.map((az) => (typeof az === 'string' ? regionOfAvailabilityZone(az) : undefined)).find((r) => r);
      if (region) return region;
      continue;
    }
    const itemShape = shapes[member.shape]?.type === 'list' ? shapes[member.shape].member?.shape : member.shape;
    for (const item of items) {
      const region = regionOfWrittenZones(itemShape, item, depth + 1);
      if (region) return region;
    }
  }
  return undefined;
}

function availabilityZoneSuggestions(context: ValueContext): ValueSuggestion[] {
  // The host's Region, else that of a zone the request already names.
  const region = context.region ?? regionOfWrittenZones(inputShapeOf(context.action ?? 'CreateCacheCluster'), context.input);
  const regions = region ? [region] : REGIONS;
  return regions.flatMap((r) => availabilityZones(r).map((value) => ({ value, detail: `Availability Zone in ${r}`, group: region ? 0 : 1 })));
}

const DAYS = 'sun,mon,tue,wed,thu,fri,sat';

/** Start hours (UTC) tried for a suggested window, early morning first; none runs past midnight. */
const WINDOW_START_HOURS = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 0, 1, 2, 3, 4];
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const windowAt = (hour: number, minutes: number) => ({ start: clock(hour * 60), end: clock(hour * 60 + minutes) });

/**
 * The suggested Sunday maintenance window (shortest allowed): the first that does not overlap the request's
 * SnapshotWindow (window-overlap warns on that), the earliest when none is written.
 */
function suggestedMaintenanceWindow(input: Record<string, unknown>): { start: string; end: string } {
  const snapshot = typeof input.SnapshotWindow === 'string' ? input.SnapshotWindow : undefined;
  const at = (h: number) => windowAt(h, LIMITS.maintenanceWindowMinMinutes);
  const hour = WINDOW_START_HOURS.find((h) => !snapshot || windowsOverlap(`sun:${at(h).start}-sun:${at(h).end}`, snapshot) !== true);
  return at(hour ?? WINDOW_START_HOURS[0]);
}

/**
 * The suggested daily snapshot window (shortest allowed): the first that does not overlap the request's
 * PreferredMaintenanceWindow, else the maintenance window suggested above, so the two suggestions never overlap.
 */
function suggestedSnapshotWindow(input: Record<string, unknown>): { start: string; end: string } {
  const suggested = windowAt(WINDOW_START_HOURS[0], LIMITS.maintenanceWindowMinMinutes);
  const maintenance = typeof input.PreferredMaintenanceWindow === 'string' ? input.PreferredMaintenanceWindow : `sun:${suggested.start}-sun:${suggested.end}`;
  const at = (h: number) => windowAt(h, LIMITS.snapshotWindowMinMinutes);
  const hour = WINDOW_START_HOURS.find((h) => windowsOverlap(maintenance, `${at(h).start}-${at(h).end}`) !== true);
  return at(hour ?? WINDOW_START_HOURS[0]);
}

function memberValueSuggestions(member: string, context: ValueContext): ValueSuggestion[] {
  const engine = engineOf(context);
  const engines = enginesOfAction(context.action);
  switch (member) {
    case 'Engine':
      return engines.map((e) => ({ value: e, detail: `${ENGINE_DISPLAY[e]} · latest ${latestVersion(e).version}`, kind: 'enum' as const }));
    case 'EngineVersion':
      return engineVersionSuggestions(engine, engines, engineVersionUse(context.action));
    case 'CacheNodeType':
      return nodeTypeSuggestions(engine, engines, context.action);
    case 'CacheParameterGroupName':
      return parameterGroupSuggestions(context);
    case 'PreferredMaintenanceWindow': {
      const w = suggestedMaintenanceWindow(context.input);
      const avoids = typeof context.input.SnapshotWindow === 'string' ? ' · outside the SnapshotWindow' : '';
      return [
        { value: `sun:${w.start}-sun:${w.end}`, detail: `ddd:hh24:mi-ddd:hh24:mi (UTC), at least ${LIMITS.maintenanceWindowMinMinutes} minutes${avoids}` },
        { value: 'ddd:hh24:mi-ddd:hh24:mi', kind: 'snippet', detail: 'weekly maintenance window (UTC)', snippet: `\${1|${DAYS}|}:\${2:${w.start.slice(0, 2)}}${w.start.slice(2)}-\${3|${DAYS}|}:\${4:${w.end.slice(0, 2)}}${w.end.slice(2)}`, group: 1 },
      ];
    }
    case 'SnapshotWindow': {
      const w = suggestedSnapshotWindow(context.input);
      const avoids = typeof context.input.PreferredMaintenanceWindow === 'string' ? ' · outside the PreferredMaintenanceWindow' : '';
      return [
        { value: `${w.start}-${w.end}`, detail: `hh24:mi-hh24:mi (UTC), at least ${LIMITS.snapshotWindowMinMinutes} minutes${avoids}` },
        { value: 'hh24:mi-hh24:mi', kind: 'snippet', detail: 'daily snapshot window (UTC)', snippet: `\${1:${w.start.slice(0, 2)}}${w.start.slice(2)}-\${2:${w.end.slice(0, 2)}}${w.end.slice(2)}`, group: 1 },
      ];
    }
    case 'Port': {
      const portEngines = engine ? [engine] : engines;
      const ports = [...new Set(portEngines.map((e) => LIMITS.defaultPort[e]))];
      return ports.map((p) => ({ value: String(p), detail: `default port of ${portEngines.filter((e) => LIMITS.defaultPort[e] === p).map((e) => ENGINE_DISPLAY[e]).join(', ')}` }));
    }
    case 'NumCacheNodes':
      return engine && engine !== 'memcached'
        ? [{ value: '1', detail: `${ENGINE_DISPLAY[engine]}: always 1 node (use CreateReplicationGroup for replicas)` }]
        : [{ value: '1' }, { value: '2' }, { value: '3', detail: `Memcached: 1 to ${LIMITS.maxMemcachedNodes} nodes` }];
    case 'SnapshotRetentionLimit':
      return [
        { value: '0', detail: 'automatic backups off' },
        { value: '1', detail: 'keep one day' },
        { value: '7', detail: 'keep a week' },
        { value: String(LIMITS.snapshotRetentionMax), detail: 'maximum' },
      ];
    case 'Version':
      return [{ value: serviceModel.metadata.apiVersion, detail: 'ElastiCache API version', preselect: true }];
    case 'X-Amz-Algorithm':
      return [{ value: 'AWS4-HMAC-SHA256', detail: 'Signature Version 4' }];
    case 'X-Amz-SignedHeaders':
      return [{ value: 'host', detail: 'presigned URL: only the Host header is signed' }];
    case 'X-Amz-Expires':
      return [
        { value: '300', detail: 'five minutes' },
        { value: '3600', detail: 'one hour' },
        { value: String(LIMITS.presignMaxSeconds), detail: `maximum: ${PRESIGN_MAX_DAYS} days` },
      ];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Candidates.

type Form = DocumentKind;

/** How a value is written in each form: Query values percent-encoded, JSON values as JSON, YAML plain or quoted. */
function renderValue(value: string, type: ShapeModel['type'], form: Form): string {
  if (form === 'query') return encodeURIComponent(value).replace(/%3A/g, ':');
  const typed = type === 'integer' || type === 'long' || type === 'boolean' || type === 'double' || type === 'float';
  if (form === 'json') return typed ? value : JSON.stringify(value);
  if (typed) return value;
  // YAML: a plain scalar unless it would read as something other than this string.
  return /^[A-Za-z][\w./-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value) ? value : JSON.stringify(value);
}

function valueCandidates(
  topMember: string,
  shape: ShapeModel | undefined,
  request: ParsedRequest | undefined,
  form: Form,
  replace: Span,
  quoted: boolean,
  leaf?: MemberRef,
): CompletionCandidate[] {
  const suggestions = valueSuggestions(
    topMember,
    shape,
    {
      action: request?.action?.name,
      input: request?.input ?? {},
      region: regionOf(request),
    },
    leaf,
  );
  return suggestions.map((s, i) => {
    let insertText: string;
    if (s.snippet) insertText = form === 'json' ? `"${s.snippet}"` : s.snippet;
    else insertText = renderValue(s.value, shape?.type ?? 'string', form);
    return {
      label: s.value,
      kind: s.kind ?? 'value',
      detail: s.detail,
      documentation: s.documentation,
      insertText,
      isSnippet: s.snippet !== undefined,
      replace,
      sortText: sortKey(s.group ?? 0, i),
      filterText: quoted ? JSON.stringify(s.value) : s.value,
      preselect: s.preselect,
      deprecated: s.deprecated || undefined,
    };
  });
}

interface NameOption {
  /** Name as inserted (query: `SecurityGroupIds.SecurityGroupId.1`). */
  name: string;
  member: string;
  owner: string;
  model: MemberModel;
  required: boolean;
  /** The object (or Query request) being completed already has it. */
  present: boolean;
}

function memberOptions(owner: string, present: ReadonlySet<string>): NameOption[] {
  const shape = shapes[owner];
  // With the members the service needs that the model does not list (Tag.Key), as hover shows them.
  const required = new Set([...(shape?.required ?? []), ...(REQUIRED_UNLISTED_MEMBERS[owner] ?? [])]);
  return Object.entries(shape?.members ?? {}).map(([member, model]) => ({
    name: member,
    member,
    owner,
    model,
    required: required.has(member),
    present: present.has(member),
  }));
}

interface NameLabel {
  label: string;
  /** Written before the usual detail (the full Query name when the label abbreviates it). */
  detailPrefix?: string;
  /** Sorts by this instead of the label. */
  sortName?: string;
  /** The shape whose type the detail shows, when not the member's (a structure member inside a list item). */
  typeShape?: string;
  /** The nested member the name ends in (`Key` of `Tags.Tag.N.Key`): the detail and documentation are its own. */
  leaf?: NameOption;
}

const leafOptions = new WeakMap<QueryLeaf, NameOption>();

/** A nested member as a name option, required as memberOptions reads it (REQUIRED_UNLISTED_MEMBERS too: Tag.Key). */
function leafOption(leaf: QueryLeaf): NameOption {
  let option = leafOptions.get(leaf);
  if (!option) {
    option = memberOptions(leaf.owner, new Set()).find((m) => m.member === leaf.member)!;
    leafOptions.set(leaf, option);
  }
  return option;
}

/**
 * A leaf's full name below `head`, each item number `N` in it the first one no written name uses yet
 * (`ReplicaAvailabilityZones.AvailabilityZone.2` after `….AvailabilityZone.1`).
 */
function numberedName(head: string, leafName: string, written: ReadonlySet<string>): string {
  let name = head;
  for (const [i, seg] of leafName.split('.').entries()) {
    if (seg !== 'N') {
      name += i === 0 ? seg : `.${seg}`;
      continue;
    }
    // The numbers written right after `name.`, in one pass over the names (a scan per number tried was quadratic).
    const taken = new Set<number>();
    for (const w of written) {
      if (!w.startsWith(`${name}.`)) continue;
      const end = w.indexOf('.', name.length + 1);
      const k = w.slice(name.length + 1, end < 0 ? undefined : end);
      if (/^[1-9]\d*$/.test(k)) taken.add(Number(k));
    }
    let n = 1;
    while (taken.has(n)) n++;
    name += `.${n}`;
  }
  return name;
}

/**
 * Why the request's engine does not take a CreateCacheCluster member, when it does not: the engine-parameter rule's
 * facts (REDIS_ONLY_MEMBERS, MEMCACHED_ONLY_MEMBERS), the engine as that rule reads it.
 */
function otherEngineOnly(action: string | undefined, o: NameOption, input: Record<string, unknown> | undefined): string | undefined {
  if (action !== 'CreateCacheCluster' || o.owner !== inputShapeOf(action) || !input) return undefined;
  const engine = engineOf({ action, input });
  if (!engine) return undefined;
  const foreign: readonly string[] = engine === 'memcached' ? REDIS_ONLY_MEMBERS : MEMCACHED_ONLY_MEMBERS;
  return foreign.includes(o.member) ? engineOnlyNote(o.member) : undefined;
}

function nameCandidate(
  action: string | undefined,
  o: NameOption,
  label: string | NameLabel,
  insertText: string,
  replace: Span,
  isSnippet: boolean,
  filterText?: string,
  input?: Record<string, unknown>,
): CompletionCandidate {
  const l: NameLabel = typeof label === 'string' ? { label } : label;
  const shown = l.leaf ?? o;
  // Required first, then optional, then secrets (AuthToken: better kept out of files); deprecated last, and after
  // them members the request's engine does not take (an engine-parameter error if written). Names already written
  // are not offered at all (a second one is an error or a duplicate-parameter warning).
  const otherEngine = otherEngineOnly(action, o, input);
  const group = otherEngine ? 5 : o.model.deprecated && !o.required ? 4 : o.required ? 0 : isSecretName(o.member) ? 2 : 1;
  return {
    label: l.label,
    kind: 'parameter',
    detail: `${l.detailPrefix ? `${l.detailPrefix} · ` : ''}${shown.required ? 'required' : 'optional'} · ${typeName(l.typeShape ?? o.model.shape)}${o.model.deprecated ? ' · deprecated' : ''}${otherEngine ? ` · ${otherEngine}` : ''}`,
    documentation: memberMarkdown(action, shown.owner, shown.member, shown.model, shown.required),
    insertText,
    isSnippet,
    replace,
    sortText: `${group}${l.sortName ?? l.label}`,
    filterText,
    deprecated: o.model.deprecated || undefined,
  };
}

function typeName(shapeName: string): string {
  const shape = shapes[shapeName];
  if (!shape) return shapeName;
  if (shape.type === 'list') return `list of ${shape.member ? typeName(shape.member.shape) : '?'}`;
  return shape.type === 'structure' ? shapeName : shape.type;
}

// ---------------------------------------------------------------------------------------------------------
// Query form.

const NAME_CHAR = /[^?&=\s#]/;

function queryCompletions(text: string, offset: number): CompletionCandidate[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  // A blank line ends a request, but the cursor on one right below a request is where its next `&` goes.
  const onBlankLine = lineStart > 0 && /^[ \t]*$/.test(text.slice(lineStart, offset));
  // On a blank line, the end of the line above (before its CRLF's `\r`: the request's span ends there).
  const anchor = onBlankLine ? lineStart - (text[lineStart - 2] === '\r' ? 2 : 1) : offset;
  const { analysis, base } = analysisAround(text, anchor, 'query');
  const local = anchor - base;
  const around = analysis.requests.find((r) => r.span.start <= local && local <= r.span.end);
  const request = around && withInputCompletionReads(around);
  // Start of the `name=value` segment the cursor is in.
  let segStart = offset;
  while (segStart > lineStart && NAME_CHAR.test(text[segStart - 1])) segStart--;
  const sep = text[segStart - 1];
  const atLineStart = /^\s*$/.test(text.slice(lineStart, segStart));
  if (segStart > lineStart && sep === '=') {
    // In a value: find the name before `=`.
    let nameStart = segStart - 1;
    while (nameStart > lineStart && NAME_CHAR.test(text[nameStart - 1])) nameStart--;
    const before = text[nameStart - 1];
    if (nameStart > lineStart && before !== '?' && before !== '&') return [];
    let valueEnd = offset;
    while (valueEnd < text.length && NAME_CHAR.test(text[valueEnd]) && text[valueEnd] !== '=') valueEnd++;
    return queryValueCompletions(text.slice(nameStart, segStart - 1), request, { start: segStart, end: valueEnd });
  }
  if (sep !== '?' && sep !== '&' && !atLineStart) return [];
  if (/^https?:/i.test(text.slice(segStart, segStart + 6))) return [];
  let nameEnd = offset;
  while (nameEnd < text.length && NAME_CHAR.test(text[nameEnd])) nameEnd++;
  const hasEquals = text[nameEnd] === '=';
  // On an empty continuation line, the `&` comes with the name.
  const prefix = atLineStart && sep !== '?' && sep !== '&' && request?.params?.length ? '&' : '';
  const names = queryNameCompletions(request, { start: segStart, end: nameEnd }, base, hasEquals, prefix, text.slice(segStart, offset));
  // Outside any request (e.g. an empty file), a whole request can be started.
  if (!request && atLineStart && sep !== '?' && sep !== '&') names.unshift(requestSnippet({ start: segStart, end: nameEnd }));
  return names;
}

/**
 * The top-level members of the input that completion reads (ValueContext.input, nameCandidate): Engine (engineOf),
 * EngineVersion, the two windows, and any member holding Availability Zones at any depth (regionOfWrittenZones).
 */
const INPUT_READS = ['Engine', 'EngineVersion', 'SnapshotWindow', 'PreferredMaintenanceWindow'];
const inputReadsOfShape = new Map<string, ReadonlySet<string>>();
function inputReads(inputShape: string): ReadonlySet<string> {
  let reads = inputReadsOfShape.get(inputShape);
  if (reads) return reads;
  const holdsZones = (ref: MemberRef, depth: number): boolean => {
    if (holdsAvailabilityZones(ref)) return true;
    const shape = shapes[ref.shapeName];
    const inner = shape?.type === 'list' ? shape.member?.shape : ref.shapeName;
    const members = inner ? shapes[inner]?.members : undefined;
    return depth < 4 && members !== undefined && Object.entries(members).some(([name, m]) => holdsZones({ name, shapeName: m.shape }, depth + 1));
  };
  const members = shapes[inputShape]?.members ?? {};
  reads = new Set(Object.entries(members).filter(([name, m]) => INPUT_READS.includes(name) || holdsZones({ name, shapeName: m.shape }, 0)).map(([name]) => name));
  inputReadsOfShape.set(inputShape, reads);
  return reads;
}

/**
 * The Query request with an input of only what completion reads of it (INPUT_READS), worked out when first read:
 * completing in a request of 60,000 tags need not check the tags. Names the input shape lacks are kept (protocol
 * parameters; whatever the checks make of them).
 */
function withInputCompletionReads(request: ParsedRequest): ParsedRequest {
  const inputShape = inputShapeOf(request.action?.name);
  if (!inputShape) return request;
  const reads = inputReads(inputShape);
  let input: Record<string, unknown> | undefined;
  return {
    kind: request.kind,
    span: request.span,
    action: request.action,
    host: request.host,
    get params() {
      return request.params;
    },
    get entries() {
      return request.entries;
    },
    get input() {
      return (input ??= inputOfMembers(request, (name) => reads.has(name) || memberOf(inputShape, name) === undefined));
    },
  };
}

/** A CreateCacheCluster request in the documentation's multi-line form, with the required and usual members. */
function requestSnippet(replace: Span): CompletionCandidate {
  const engines = ENGINES.join(',');
  return {
    label: 'CreateCacheCluster request',
    kind: 'snippet',
    detail: 'new Query API request (multi-line URL)',
    documentation: 'A CreateCacheCluster request URL with the required parameter and the usual ones; continuation lines start with `&`.',
    insertText: [
      'https://elasticache.${1:us-east-1}.amazonaws.com/',
      '    ?Action=CreateCacheCluster',
      `    &Version=${serviceModel.metadata.apiVersion}`,
      '    &CacheClusterId=${2:my-cluster}',
      `    &Engine=\${3|${engines}|}`,
      '    &CacheNodeType=${4:cache.t4g.micro}',
      '    &NumCacheNodes=${5:1}',
    ].join('\n'),
    isSnippet: true,
    replace,
    sortText: '0',
    filterText: 'https CreateCacheCluster',
  };
}

/**
 * The items written of a list member in a Query request, under either item marker the API takes (`member` or the
 * list's locationName): the highest index per structure member ('' for a list of scalars), and the marker last used.
 */
function writtenListItems(params: readonly QueryParam[], listMember: string, markers: readonly string[]): { highest: Map<string, number>; marker?: string } {
  const highest = new Map<string, number>();
  let marker: string | undefined;
  for (const p of params) {
    if (!p.name.startsWith(listMember + '.')) continue;
    const segs = p.name.split('.');
    if (segs.length < 3 || !markers.includes(segs[1]) || !/^\d+$/.test(segs[2])) continue;
    const sub = segs[3] ?? '';
    highest.set(sub, Math.max(highest.get(sub) ?? 0, Number(segs[2])));
    marker = segs[1];
  }
  return { highest, marker };
}

/**
 * The item marker and number typed so far for a list member (`Tags.Tag.2.` or `Tags.Tag.2`), if any: the editor
 * filters candidates by what was typed, so a candidate must keep that number.
 */
function typedListItem(typed: string, listMember: string, markers: readonly string[]): { marker: string; index: number } | undefined {
  const m = /^([^.]+)\.([^.]+)\.(\d+)(\.|$)/.exec(typed);
  if (!m || m[1] !== listMember || !markers.includes(m[2])) return undefined;
  return { marker: m[2], index: Number(m[3]) };
}

/**
 * Parameter names after `?`/`&`. A name the request already has is not offered (the same parameter twice is an
 * error, duplicate-parameter), except the one being edited; a list offers its next free item number, per member
 * of a structure item (`Tags.Tag.1.Value` after `Tags.Tag.1.Key`), written with the item marker already in use;
 * once an item number is typed (`Tags.Tag.2.`), that item's members, with that number and marker.
 */
function queryNameCompletions(request: ParsedRequest | undefined, replace: Span, base: number, hasEquals: boolean, prefix: string, typed: string): CompletionCandidate[] {
  const params = (request?.params ?? []).filter((p) => p.nameSpan.start + base !== replace.start);
  const action = request?.action?.name;
  const written = new Set(params.map((p) => p.name));
  // The parameters of each top-level member, in one pass: each list member's items are read from its own (a scan of
  // all parameters per list member cost a long request as many passes as its action has lists).
  const paramsOf = new Map<string, QueryParam[]>();
  for (const p of params) {
    const dot = p.name.indexOf('.');
    const top = dot < 0 ? p.name : p.name.slice(0, dot);
    const own = paramsOf.get(top);
    if (own) own.push(p);
    else paramsOf.set(top, [p]);
  }
  const presentMembers = new Set(paramsOf.keys());
  const out: CompletionCandidate[] = [];
  const inputShape = inputShapeOf(action);
  const assign = hasEquals ? '' : '=';
  if (inputShape) {
    for (const o of memberOptions(inputShape, presentMembers)) {
      const shape = shapes[o.model.shape];
      if (shape?.type === 'list' && shape.member) {
        const locationName = shape.member.locationName ?? 'member';
        const items = writtenListItems(paramsOf.get(o.member) ?? [], o.member, ['member', locationName]);
        const typedItem = typedListItem(typed, o.member, ['member', locationName]);
        const stem = `${o.member}.${typedItem?.marker ?? items.marker ?? locationName}.`;
        const itemShape = shapes[shape.member.shape];
        const item = { ...o, present: false };
        if (itemShape?.type === 'structure') {
          // Each leaf of the item, at any depth (`…N.DestinationDetails.CloudWatchLogsDetails.LogGroup`): a
          // structure's name alone is no Query parameter (invalid-type). Item numbers count per member of the item.
          for (const leaf of queryLeaves(shape.member.shape)) {
            const sub = leaf.name.split('.')[0];
            const name = numberedName(`${stem}${typedItem?.index ?? (items.highest.get(sub) ?? 0) + 1}.`, leaf.name, written);
            // A member the typed item already has is not offered again (duplicate-parameter).
            if (written.has(name)) continue;
            // The full names are long and share their start (the list shows `LogDeliveryConfigurations.LogDeli…`
            // five times): the label leads with the structure member, the detail gives the whole name.
            const label = { label: `${leaf.name} · ${o.member}.N`, detailPrefix: `${stem}N.${leaf.name}`, sortName: `${stem}N.${leaf.name}`, typeShape: leaf.model.shape, leaf: leafOption(leaf) };
            out.push(nameCandidate(action, item, label, prefix + name + assign, replace, false, name, request?.input));
          }
        } else {
          const name = `${stem}${typedItem?.index ?? (items.highest.get('') ?? 0) + 1}`;
          out.push(nameCandidate(action, item, `${stem}N`, prefix + name + assign, replace, false, name, request?.input));
        }
      } else if (shape?.type === 'structure') {
        // A structure member (CacheUsageLimits): its leaves, as in list items.
        for (const leaf of queryLeaves(o.model.shape)) {
          const name = numberedName(`${o.member}.`, leaf.name, written);
          if (written.has(name)) continue;
          out.push(nameCandidate(action, { ...o, present: false }, { label: name, typeShape: leaf.model.shape, leaf: leafOption(leaf) }, prefix + name + assign, replace, false, undefined, request?.input));
        }
      } else if (!o.present) {
        out.push(nameCandidate(action, o, o.name, prefix + o.name + assign, replace, false, undefined, request?.input));
      }
    }
  }
  PROTOCOL_NAMES.forEach((name, i) => {
    if (written.has(name)) return;
    const required = name === 'Action' || name === 'Version';
    out.push({
      label: name,
      kind: 'keyword',
      detail: `Query API common parameter${required ? ' · required' : ''}`,
      insertText: prefix + name + assign,
      replace,
      sortText: sortKey(required ? 0 : 2, i),
    });
  });
  return out;
}

function queryValueCompletions(rawName: string, request: ParsedRequest | undefined, replace: Span): CompletionCandidate[] {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    // keep as written
  }
  if (name === 'Action') return actionCandidates(replace);
  const inputShape = inputShapeOf(request?.action?.name);
  // The value of a misspelt name completes as the member the unknown-parameter finding suggests.
  const top = inputShape ? String(likelyPath(inputShape, [name.split('.')[0]], request?.action?.name)[0]) : name.split('.')[0];
  const member = memberOf(inputShape, top);
  if (!member) return valueCandidates(top, undefined, request, 'query', replace, false);
  // Down the name: `List.Item.N` → the item's shape, `Structure.Sub` (and `List.Item.N.Sub`) → the member's.
  const segments = name.split('.');
  let leaf: MemberRef = { name: top, shapeName: member.shape };
  let shapeName = member.shape;
  for (let i = 1; ; ) {
    const shape: ShapeModel | undefined = shapes[shapeName];
    if (shape?.type === 'list' && shape.member) {
      shapeName = shape.member.shape;
      i += 2;
    } else if (shape?.type === 'structure' && i < segments.length && memberOf(shapeName, segments[i])) {
      leaf = { name: segments[i], shapeName: memberOf(shapeName, segments[i])!.shape };
      shapeName = leaf.shapeName;
      i++;
    } else break;
  }
  return valueCandidates(top, shapes[shapeName], request, 'query', replace, false, leaf);
}

function actionCandidates(replace: Span, quoted = false): CompletionCandidate[] {
  return Object.keys(operations).map((action, i) => {
    const first = FIRST_ACTIONS.indexOf(action);
    const op = operations[action];
    return {
      label: action,
      kind: 'action' as const,
      detail: op.deprecated ? 'ElastiCache action · deprecated' : 'ElastiCache action',
      documentation: op.documentation,
      insertText: action,
      replace,
      sortText: first >= 0 ? sortKey(0, first) : sortKey(op.deprecated ? 2 : 1, i),
      filterText: quoted ? JSON.stringify(action) : undefined,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// CLI input files (JSON and YAML). Paths are resolved against CreateCacheCluster's input shape.

/**
 * `path` with a misspelt last member replaced by the member the unknown-parameter finding suggests for it (the same
 * function, so the same answer), else `path` itself.
 */
function likelyPath(root: string, path: readonly (string | number)[], action: string | undefined): (string | number)[] {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return [...path];
  const parent = shapeAtPath(root, path.slice(0, -1));
  if (!parent.shapeName || parent.shape?.type !== 'structure' || memberOf(parent.shapeName, last)) return [...path];
  const { best } = unknownMemberSuggestion(last, memberNames(parent.shapeName), path.length === 1, action);
  return best ? [...path.slice(0, -1), best] : [...path];
}

/** The shape at a path of member names and list indexes (indexes may be any number). */
function shapeAtPath(root: string, path: readonly (string | number)[]): { shapeName?: string; shape?: ShapeModel } {
  let shapeName: string | undefined = root;
  for (const segment of path) {
    const shape: ShapeModel | undefined = shapeName ? shapes[shapeName] : undefined;
    if (!shape) return {};
    if (shape.type === 'list' && typeof segment === 'number') shapeName = shape.member?.shape;
    else if (shape.type === 'structure' && typeof segment === 'string') shapeName = memberOf(shapeName, segment)?.shape;
    else return {};
  }
  return { shapeName, shape: shapeName ? shapes[shapeName] : undefined };
}

/**
 * The number a new key's value template starts with: the first value completion offers for the member (the
 * engine's default port, one node, ...), else the shape's minimum from the service model, else 1 (not 0, which
 * NumCacheNodes and most counts reject).
 */
function numberTemplateDefault(member: string, shape: ShapeModel, context: ValueContext): string {
  const suggested = memberValueSuggestions(member, context).find((s) => /^\d+$/.test(s.value) && !s.snippet);
  if (suggested) return suggested.value;
  return String(shape.min ?? 1);
}

/** A template for a member's value: the value snippet inserted after a new key. */
function jsonValueTemplate(member: string, shapeName: string, context: ValueContext): string {
  const shape = shapes[shapeName];
  switch (shape?.type) {
    case 'integer':
    case 'long':
      return `\${1:${numberTemplateDefault(member, shape, context)}}`;
    case 'boolean':
      return '${1|true,false|}';
    case 'list': {
      const item = shape.member ? shapes[shape.member.shape] : undefined;
      if (item?.type === 'structure') return `[${jsonItemTemplate(shape.member!.shape, context)}]`;
      return '["$1"]';
    }
    case 'structure': {
      const inner = structureTemplateMember(shapeName, context);
      return inner ? `{ "${inner.member}": ${jsonValueTemplate(inner.member, inner.shapeName, context)} }` : '{$1}';
    }
    default:
      return shape?.enum ? `"\${1|${shape.enum.join(',')}|}"` : '"$1"';
  }
}

function yamlValueTemplate(member: string, shapeName: string, context: ValueContext): string {
  const shape = shapes[shapeName];
  switch (shape?.type) {
    case 'integer':
    case 'long':
      return ` \${1:${numberTemplateDefault(member, shape, context)}}`;
    case 'boolean':
      return ' ${1|true,false|}';
    case 'list': {
      const item = shape.member ? shapes[shape.member.shape] : undefined;
      if (item?.type === 'structure') return '\n  ' + yamlItemTemplate(shape.member!.shape, context).replace(/\n/g, '\n  ');
      return '\n  - $1';
    }
    case 'structure': {
      const inner = structureTemplateMember(shapeName, context);
      return inner ? `\n  ${inner.member}:${yamlValueTemplate(inner.member, inner.shapeName, context).replace(/\n/g, '\n  ')}` : '\n  $1';
    }
    default:
      return shape?.enum ? ` \${1|${shape.enum.join(',')}|}` : ' $1';
  }
}

/**
 * The one member a new structure value is written with, so that it is complete but for a value to fill: log
 * DestinationDetails take the details of the item's DestinationType (else the first of the enum, the default of the
 * item snippet's choice), and a structure of a single member (CloudWatchLogsDetails: LogGroup) takes that member.
 */
function structureTemplateMember(shapeName: string, context: ValueContext): { member: string; shapeName: string } | undefined {
  const members = shapes[shapeName]?.members ?? {};
  const names = Object.keys(members);
  const details = logDestinationDetails(shapeName, context.destinationType ?? shapes.DestinationType?.enum?.[0]);
  const member = details ?? (names.length === 1 ? names[0] : undefined);
  return member && Object.hasOwn(members, member) ? { member, shapeName: members[member].shape } : undefined;
}

/** The member of a DestinationDetails-like structure that holds the details of log DestinationType `type`. */
function logDestinationDetails(shapeName: string, type: string | undefined): string | undefined {
  const members = shapes[shapeName]?.members ?? {};
  if (!Object.values(LOG_DESTINATIONS).some((d) => Object.hasOwn(members, d.details))) return undefined;
  return type && Object.hasOwn(LOG_DESTINATIONS, type) ? LOG_DESTINATIONS[type as keyof typeof LOG_DESTINATIONS].details : undefined;
}

/** The DestinationType written in the list item that holds `offset` (the last item of the enclosing list starting before it). */
function destinationTypeAround(request: ParsedRequest | undefined, offset: number): string | undefined {
  let list: ValueNode | undefined;
  for (const entry of request?.entries ?? []) if (entry.nameSpan.start <= offset) list = entry.value;
  if (list?.kind !== 'list') return undefined;
  let item: ValueNode | undefined;
  for (const i of list.items) if (i.span.start <= offset) item = i;
  const type = item?.kind === 'object' ? item.entries.find((e) => e.name === 'DestinationType')?.value : undefined;
  return type?.kind === 'scalar' && typeof type.value === 'string' ? type.value : undefined;
}

/** Renumbers a snippet's tab stops (`$1`, `${1:x}`, `${1|a,b|}`) to start after `after`; returns the highest. */
function shiftTabStops(snippet: string, after: number): { text: string; last: number } {
  let last = after;
  const text = snippet.replace(/\$(\{?)(\d+)/g, (_, brace: string, n: string) => {
    const stop = Number(n) + after;
    last = Math.max(last, stop);
    return `$${brace}${stop}`;
  });
  return { text, last };
}

/** A list item of a structure shape: every member with its value template, tab stops in member order. */
function itemMembers(itemShapeName: string, template: (member: string, shapeName: string) => string): { member: string; value: string }[] {
  let last = 0;
  return Object.entries(shapes[itemShapeName]?.members ?? {}).map(([member, model]) => {
    const shifted = shiftTabStops(template(member, model.shape), last);
    last = shifted.last;
    return { member, value: shifted.text };
  });
}

function jsonItemTemplate(itemShapeName: string, context: ValueContext): string {
  return `{ ${itemMembers(itemShapeName, (m, shape) => jsonValueTemplate(m, shape, context)).map((m) => `"${m.member}": ${m.value}`).join(', ')} }`;
}

/**
 * `- Member: value` lines of a new item, indented relative to the dash: the editor adds the line's own indentation
 * to the lines after the first when it inserts a snippet (LSP InsertTextMode.adjustIndentation, VS Code's default).
 */
function yamlItemTemplate(itemShapeName: string, context: ValueContext): string {
  return itemMembers(itemShapeName, (m, shape) => yamlValueTemplate(m, shape, context))
    .map((m, i) => `${i === 0 ? '- ' : '  '}${m.member}:${m.value.replace(/\n/g, '\n  ')}`)
    .join('\n');
}

/**
 * A new item where a list's items go but none is started: under `Key:` in YAML (no `- ` yet), in `[` … `]` in
 * JSON. A list of structures gets one item with all the structure's members; a list of strings gets an empty item
 * and the values completion knows for it (Availability Zones), each as a whole item.
 */
function listItemCandidates(listMember: string, listShapeName: string, request: ParsedRequest | undefined, form: 'json' | 'yaml', replace: Span, leaf?: MemberRef): CompletionCandidate[] {
  const list = shapes[listShapeName];
  const itemShapeName = list?.member?.shape;
  if (list?.type !== 'list' || !itemShapeName) return [];
  const itemShape = shapes[itemShapeName];
  const itemName = list.member?.locationName ?? 'item';
  const context: ValueContext = { action: request?.action?.name, input: request?.input ?? {}, region: regionOf(request) };
  if (itemShape?.type === 'structure') {
    const members = Object.keys(itemShape.members ?? {});
    return [
      {
        label: form === 'yaml' ? `- ${itemName}` : `${itemName} item`,
        kind: 'snippet',
        detail: `new ${listMember} item: ${members.join(', ')}`,
        insertText: form === 'yaml' ? yamlItemTemplate(itemShapeName, context) : jsonItemTemplate(itemShapeName, context),
        isSnippet: true,
        replace,
        sortText: '0',
        filterText: members.join(' '),
        preselect: true,
      },
    ];
  }
  const empty: CompletionCandidate = {
    label: form === 'yaml' ? `- ${itemName}` : `${itemName} item`,
    kind: 'snippet',
    detail: `new ${listMember} item · ${typeName(itemShapeName)}`,
    insertText: form === 'yaml' ? '- $1' : '"$1"',
    isSnippet: true,
    replace,
    sortText: '0',
    filterText: itemName,
  };
  const values = valueCandidates(listMember, itemShape, request, form, replace, false, leaf).map((c) => ({
    ...c,
    insertText: form === 'yaml' ? `- ${c.insertText}` : c.insertText,
  }));
  return [empty, ...values];
}

function keyCandidates(
  action: string,
  owner: string,
  present: ReadonlySet<string>,
  replace: Span,
  form: 'json' | 'yaml',
  keyOnly: boolean,
  request?: ParsedRequest,
): CompletionCandidate[] {
  const context: ValueContext = { action, input: request?.input ?? {}, destinationType: destinationTypeAround(request, replace.start) };
  // Keys the object already has are left out: the AWS CLI's JSON loader keeps only the last of two (JSON:
  // duplicate-parameter), and YAML refuses a duplicate key (yaml-syntax). In log DestinationDetails with a
  // DestinationType set, only the details that type takes.
  const details = logDestinationDetails(owner, context.destinationType);
  return memberOptions(owner, present).filter((o) => !o.present && (!details || o.name === details)).map((o) => {
    const insertText =
      form === 'json'
        ? keyOnly
          ? `"${o.name}"`
          : `"${o.name}": ${jsonValueTemplate(o.name, o.model.shape, context)}`
        : keyOnly
          ? o.name
          : `${o.name}:${yamlValueTemplate(o.name, o.model.shape, context)}`;
    return nameCandidate(action, o, o.name, insertText, replace, !keyOnly, form === 'json' ? `"${o.name}"` : undefined, request?.input);
  });
}

/** Keys of the JSON object at `objectPath`, except the one `offset` is in (the key being written; not one it is right before). */
function jsonKeysOfObject(text: string, objectPath: JSONPath, offset: number): Set<string> {
  const keys = new Set<string>();
  const root = parseTree(text);
  const object = root && findNodeAtLocation(root, objectPath);
  if (object?.type !== 'object') return keys;
  for (const property of object.children ?? []) {
    const key = property.children?.[0];
    if (key?.type !== 'string' || (key.offset < offset && offset <= key.offset + key.length)) continue;
    keys.add(String(key.value));
  }
  return keys;
}

/** SyntaxKind CloseBraceToken, CloseBracketToken, CommaToken, EOF (a const enum: its values, as isolatedModules needs). */
const NO_SEPARATOR_BEFORE: readonly SyntaxKind[] = [2, 4, 5, 17];

/**
 * The `,` a new JSON member or value needs after it: none when a `,`, `}`, `]` or the end follows, else one (another
 * member or item follows, which would otherwise be json-syntax "comma expected"). As vscode-json-languageservice's
 * completion decides it (evaluateSeparatorAfter).
 */
function jsonSeparatorAfter(text: string, end: number): string {
  const scanner = createScanner(text, true);
  scanner.setPosition(end);
  return NO_SEPARATOR_BEFORE.includes(scanner.scan()) ? '' : ',';
}


/**
 * On a new line after a member's complete value with no `,` (`"CacheClusterId": "a"` then Enter), with nothing or
 * a word (quoted or not) typed: the object's path, where its comma goes, and the typed word's span.
 */
function afterValueWithoutComma(text: string, offset: number): { objectPath: JSONPath; commaAt: number; replace: Span } | undefined {
  const typed = /"?[\w-]*$/.exec(text.slice(Math.max(0, offset - 200), offset))![0];
  const start = offset - typed.length;
  const gap = /\n\s*$/.exec(text.slice(Math.max(0, start - 200), start));
  if (!gap) return undefined;
  const commaAt = start - gap[0].length - (/[ \t\r]*$/.exec(text.slice(Math.max(0, start - gap[0].length - 200), start - gap[0].length))![0].length);
  if (!/["\w}\]]/.test(text[commaAt - 1] ?? '')) return undefined;
  const path = getLocation(text, commaAt).path;
  if (typeof path[path.length - 1] !== 'string') return undefined;
  const root = parseTree(text);
  const value = root && findNodeAtLocation(root, path);
  if (!value || value.offset + value.length !== commaAt) return undefined;
  let end = offset;
  while (end < text.length && /[\w-]/.test(text[end])) end++;
  if (typed.startsWith('"') && text[end] === '"') end++;
  return { objectPath: path.slice(0, -1), commaAt, replace: { start, end } };
}

function jsonCompletions(text: string, offset: number, whole?: Analysis): CompletionCandidate[] {
  const { items, separate } = jsonCandidates(text, offset, whole);
  if (!separate || items.length === 0) return items;
  const separator = jsonSeparatorAfter(text, items[0].replace.end);
  return separator ? items.map((c) => ({ ...c, insertText: c.insertText + separator })) : items;
}

/** Whether JSON text opens more than `limit` objects or arrays inside one another (read by tokens: brackets in strings do not count). */
function nestsDeeperThan(text: string, limit: number): boolean {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== 17; token = scanner.scan()) {
    // SyntaxKind OpenBraceToken 1, CloseBraceToken 2, OpenBracketToken 3, CloseBracketToken 4, EOF 17.
    if (token === 1 || token === 3) {
      if (++depth > limit) return true;
    } else if ((token === 2 || token === 4) && depth > 0) depth--;
  }
  return false;
}

/** JSON candidates, and whether they may need a `,` after them (not a key renamed in place). */
function jsonCandidates(text: string, offset: number, whole?: Analysis): { items: CompletionCandidate[]; separate: boolean } {
  const analysis = whole ?? analyze(text, 'json');
  const request = analysis.requests[0];
  const action = request?.action?.name ?? 'CreateCacheCluster';
  const root = inputShapeOf(action);
  if (!root) return { items: [], separate: false };
  // jsonc-parser's getLocation and parseTree recurse once per level: a document nested deeper than analysis reads
  // (10,000 `[`) overflowed the stack. Analysis reads no further either, so nothing is offered.
  if (nestsDeeperThan(text, MAX_NESTING)) return { items: [], separate: false };
  const location = getLocation(text, offset);
  const node = location.previousNode;
  // A cursor right before a key's opening quote (`{|"CacheClusterId": …}`, also `"Engine": |"CacheClusterId": …`,
  // where the parser takes that key for Engine's value) inserts before it: never in it, which would replace the key.
  const beforeKey = node?.offset === offset && (node.type === 'property' || (node.type === 'string' && isFollowedByColon(text, offset + node.length)));
  const inNode = !!node && !beforeKey && node.offset <= offset && offset <= node.offset + node.length && node.type !== 'object' && node.type !== 'array';
  let replace: Span = inNode ? { start: node.offset, end: node.offset + node.length } : wordAround(text, offset);
  const path: JSONPath = location.path;
  if (location.isAtPropertyKey) {
    const { shapeName, shape } = shapeAtPath(root, path.slice(0, -1));
    if (!shapeName || shape?.type !== 'structure') return { items: [], separate: false };
    // A key already followed by `:` is renamed; otherwise a whole `"Key": value` is inserted.
    const keyOnly = /^\s*:/.test(text.slice(replace.end, replace.end + 200));
    return { items: keyCandidates(action, shapeName, jsonKeysOfObject(text, path.slice(0, -1), offset), replace, 'json', keyOnly, request), separate: !keyOnly };
  }
  if (path.length === 0) return { items: text.trim() === '' ? [jsonInputSnippet({ start: 0, end: text.length })] : [], separate: false };
  {
    // On a new line after a member's value that lacks its `,`: the object's keys, with that comma added.
    const after = afterValueWithoutComma(text, offset);
    if (after) {
      const { shapeName, shape } = shapeAtPath(root, after.objectPath);
      if (!shapeName || shape?.type !== 'structure') return { items: [], separate: false };
      const keyOnly = /^\s*:/.test(text.slice(after.replace.end, after.replace.end + 200));
      const comma = [{ span: { start: after.commaAt, end: after.commaAt }, newText: ',' }];
      const keys = keyCandidates(action, shapeName, jsonKeysOfObject(text, after.objectPath, offset), after.replace, 'json', keyOnly, request);
      return { items: keys.map((c) => ({ ...c, additionalEdits: comma })), separate: !keyOnly };
    }
  }
  if (!inNode) {
    // After `:` (or `[`/`,` in a list) a value goes here; after a complete value on its line, nothing does.
    if (!/[:[,]\s*$/.test(text.slice(Math.max(0, offset - 200), offset))) return { items: [], separate: false };
    replace = wordAround(text, offset);
    if (/:\s*$/.test(text.slice(Math.max(0, replace.start - 200), replace.start))) {
      // The member's value already written after the cursor (`"Engine":| "redis"`) is replaced, not followed by a
      // second one; an object or list there is left alone.
      const written = valueWrittenAfter(text, replace.end);
      if (written === 'structured') return { items: [], separate: false };
      if (written) replace = { start: replace.start, end: written.end };
    }
  }
  // Right after `:` (a trigger character) the value brings its space: `"Engine": "redis"`.
  const lead = text[replace.start - 1] === ':' ? ' ' : '';
  const { items, separate } = jsonValueCandidates(text, offset, root, action, request, path, inNode, replace);
  return { items: lead ? items.map((c) => ({ ...c, insertText: lead + c.insertText })) : items, separate };
}

/**
 * A value written after `at` on its line (spaces between): a scalar's span, 'structured' for a `{` or `[`; undefined
 * when none is (the line ends, or a `,`, `}` or the next member's key follows).
 */
function valueWrittenAfter(text: string, at: number): Span | 'structured' | undefined {
  const start = at + /^[ \t]*/.exec(text.slice(at, at + 200))![0].length;
  const scanner = createScanner(text, false);
  scanner.setPosition(start);
  const kind = scanner.scan();
  // SyntaxKind OpenBraceToken, OpenBracketToken (a const enum: its values, as isolatedModules needs).
  if (kind === 1 || kind === 3) return 'structured';
  // NullKeyword, TrueKeyword, FalseKeyword, StringLiteral, NumericLiteral.
  if (kind < 7 || kind > 11) return undefined;
  const end = scanner.getTokenOffset() + scanner.getTokenLength();
  return isFollowedByColon(text, end) ? undefined : { start, end };
}

/** Whether the next token after `at` is a `:`: the string before it is a member's key. */
function isFollowedByColon(text: string, at: number): boolean {
  const scanner = createScanner(text, true);
  scanner.setPosition(at);
  return scanner.scan() === 6; // SyntaxKind.ColonToken
}

/** The value candidates of jsonCandidates, once the span they replace is known. */
function jsonValueCandidates(
  text: string,
  offset: number,
  root: string,
  action: string,
  request: ParsedRequest | undefined,
  path: JSONPath,
  inNode: boolean,
  replace: Span,
): { items: CompletionCandidate[]; separate: boolean } {
  // The value of a misspelt key completes as the member the unknown-parameter finding suggests.
  const valuePath = likelyPath(root, path, action);
  const top = String(valuePath[0]);
  const { shape } = shapeAtPath(root, valuePath);
  // A new item in `[` … `]` (the path ends with its index): a structure item with its members, or a string.
  if (!inNode && typeof path[path.length - 1] === 'number') {
    const list = shapeAtPath(root, path.slice(0, -1));
    if (list.shapeName && list.shape?.type === 'list') return { items: listItemCandidates(top, list.shapeName, request, 'json', replace, leafOf(root, path)), separate: true };
  }
  if (!shape) return { items: [], separate: false };
  if (shape.type === 'structure' || shape.type === 'list') {
    // After `"Tags":`, the list or object itself (a list of structures with one item of all their members).
    if (inNode || !/:\s*$/.test(text.slice(Math.max(0, offset - 200), offset))) return { items: [], separate: false };
    const { shapeName } = shapeAtPath(root, valuePath);
    const context: ValueContext = { action, input: request?.input ?? {}, region: regionOf(request) };
    const bracketsItem: CompletionCandidate = {
      label: shape.type === 'list' ? '[ ]' : '{ }',
      kind: 'snippet',
      detail: `${String(valuePath[valuePath.length - 1])}: ${typeName(shapeName!)}`,
      insertText: jsonValueTemplate(String(valuePath[valuePath.length - 1]), shapeName!, context),
      isSnippet: true,
      replace,
      sortText: '0',
    };
    return { items: [bracketsItem], separate: true };
  }
  // Filtered as quoted when the edit replaces a quoted string, not when it only starts at a `"` it keeps.
  const quoted = replace.end > replace.start && text[replace.start] === '"';
  return { items: valueCandidates(top, shape, request, 'json', replace, quoted, leafOf(root, valuePath)), separate: true };
}

/** The skeleton of a CLI input JSON file for CreateCacheCluster, for an empty document. */
function jsonInputSnippet(replace: Span): CompletionCandidate {
  return {
    label: 'CreateCacheCluster input',
    kind: 'snippet',
    detail: 'aws elasticache create-cache-cluster --cli-input-json',
    insertText: `{\n\t"CacheClusterId": "\${1:my-cluster}",\n\t"Engine": "\${2|${ENGINES.join(',')}|}",\n\t"CacheNodeType": "\${3:cache.t4g.micro}",\n\t"NumCacheNodes": \${4:1}\n}`,
    isSnippet: true,
    replace,
    sortText: '0',
  };
}

/**
 * Letters/digits/`-._:` around the cursor (what a typed, not yet quoted word spans: `sun:05`, an ARN). Never a `:`
 * that begins or ends it: that is the member's `:` (`"Engine":|`, `Eng|: "redis"`), which the edit must keep.
 */
function wordAround(text: string, offset: number): Span {
  let start = offset;
  let end = offset;
  while (start > 0 && /[\w.\-:]/.test(text[start - 1])) start--;
  while (end < text.length && /[\w.\-:]/.test(text[end])) end++;
  while (start < offset && text[start] === ':') start++;
  while (end > offset && text[end - 1] === ':') end--;
  return { start, end };
}

interface YamlLine {
  indent: number;
  /** Column of the key (after `- `), or of the item value for a scalar list item. */
  keyCol: number;
  dash: boolean;
  key?: string;
}

function yamlLine(line: string): YamlLine | undefined {
  // `.` does not match a CR: a CRLF line's `\r` is dropped first, or no line of a CRLF file would parse.
  const m = yamlLineParts(line.endsWith('\r') ? line.slice(0, -1) : line);
  if (!m) return undefined;
  const { rest } = m;
  if (!m.dash && (rest.trim() === '' || rest.trimStart().startsWith('#'))) return undefined;
  const key = yamlKeyOf(rest)?.key;
  return { indent: m.indent, keyCol: m.col, dash: m.dash, key };
}

/**
 * A line's indentation (spaces), its `- ` with the spaces after it, and the rest; undefined when the text holds a
 * line break (a lone CR or U+2028, which YAML reads as one). What `/^( *)(- +)?(.*)$/` matches, in one pass: that
 * regex backtracks quadratically on a long run of spaces before such a break.
 */
function yamlLineParts(line: string): { indent: number; dash: boolean; col: number; rest: string } | undefined {
  if (/[\n\r\u2028\u2029]/.test(line)) return undefined;
  let indent = 0;
  while (line[indent] === ' ') indent++;
  let col = indent;
  if (line[col] === '-' && line[col + 1] === ' ') {
    col++;
    while (line[col] === ' ') col++;
  }
  return { indent, dash: col > indent, col, rest: line.slice(col) };
}

const isBlank = (c: string) => c.trim() === '';

/**
 * The block key that starts `rest` (a line's text from its key column, without line breaks) and where its value
 * starts (past the `:` and the blanks after it): a key starts with neither a blank, `:` nor `#`, ends at the first
 * `:` (blanks before it are not part of it) and has no `#` before it; the `:` is followed by a blank or ends the
 * line. What `/^([^\s:#][^:#]*?)\s*:(\s+|$)/` matches, read in one pass: that regex backtracks quadratically on a
 * long run of blanks with no `:` after it (a completion on such a line took seconds).
 */
function yamlKeyOf(rest: string): { key: string; valueStart: number } | undefined {
  if (rest === '' || isBlank(rest[0]) || rest[0] === ':' || rest[0] === '#') return undefined;
  let colon = 1;
  while (colon < rest.length && rest[colon] !== ':' && rest[colon] !== '#') colon++;
  if (rest[colon] !== ':' || (colon + 1 < rest.length && !isBlank(rest[colon + 1]))) return undefined;
  let valueStart = colon + 1;
  while (valueStart < rest.length && isBlank(rest[valueStart])) valueStart++;
  return { key: rest.slice(0, colon).trimEnd(), valueStart };
}

/**
 * `line` without its trailing comment: from the first `#` that follows a blank (and has no line break after it),
 * with the blanks before it. What `line.replace(/\s+#.*$/, '')` does, in one pass (that regex backtracks
 * quadratically on a long run of blanks).
 */
function withoutYamlComment(line: string): string {
  let from = 0;
  for (let k = line.length - 1; k >= 0; k--) {
    if (/[\n\r\u2028\u2029]/.test(line[k])) {
      from = k + 1;
      break;
    }
  }
  for (let k = Math.max(from, 1); k < line.length; k++) {
    if (line[k] !== '#' || !isBlank(line[k - 1])) continue;
    let start = k - 1;
    while (start > 0 && isBlank(line[start - 1])) start--;
    return line.slice(0, start);
  }
  return line;
}

/** The member path of the mapping that holds a key at `col` (and opened by a dash when `inItem`), scanning upward. */
function yamlParentPath(lines: string[], lineIndex: number, col: number, inItem: boolean): (string | number)[] {
  const path: (string | number)[] = [];
  for (let i = lineIndex - 1; i >= 0 && (col > 0 || inItem); i--) {
    const l = yamlLine(lines[i]);
    if (!l) continue;
    if (inItem) {
      if (l.dash && l.indent === col) continue; // a sibling item of the same list
      if (l.key && l.keyCol <= col && !(l.dash && l.indent >= col)) {
        path.unshift(l.key);
        inItem = l.dash;
        col = l.dash ? l.indent : l.keyCol;
      }
      continue;
    }
    if (l.dash && l.keyCol === col) {
      // An earlier key of the same list item.
      path.unshift(0);
      inItem = true;
      col = l.indent;
      continue;
    }
    if (l.key && l.keyCol < col) {
      path.unshift(l.key);
      if (l.dash) {
        path.unshift(0);
        inItem = true;
        col = l.indent;
      } else col = l.keyCol;
    }
  }
  return path;
}

/** The nearest line above (the last of `lines`) with a key left of `col`: the key a line indented to `col` falls under. */
function nearestKeyAbove(lines: string[], col: number): YamlLine | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = yamlLine(lines[i]);
    if (l?.key && l.keyCol < col) return l;
    if (l && l.indent < col && !l.key) return undefined;
  }
  return undefined;
}

function yamlCompletions(text: string, offset: number, whole?: Analysis): CompletionCandidate[] {
  return withoutInvisibleBeforeCursor(text, offset, yamlCandidates(text, offset, whole));
}

/**
 * A form feed (or another blank character that is neither a space nor a tab) in the replaced text before the cursor
 * (a blank line holding `\f`): VS Code filters the candidates by that text, skipping only spaces and tabs, so no
 * candidate would be shown. The insertion starts after it, and an additional edit removes it (the AWS CLI's YAML
 * loader refuses a form feed).
 */
function withoutInvisibleBeforeCursor(text: string, offset: number, candidates: CompletionCandidate[]): CompletionCandidate[] {
  if (candidates.length === 0) return candidates;
  const start = candidates[0].replace.start;
  let last = -1;
  for (let k = offset - 1; k >= start && last < 0; k--) if (INVISIBLE_BLANK.test(text[k])) last = k;
  if (last < 0) return candidates;
  return candidates.map((c) => {
    if (c.replace.start > last) return c;
    const removal = { span: { start: c.replace.start, end: last + 1 }, newText: '' };
    return { ...c, replace: { start: last + 1, end: c.replace.end }, additionalEdits: [...(c.additionalEdits ?? []), removal] };
  });
}

/** A blank character other than a space or a tab (form feed, vertical tab, no-break space, …). */
const INVISIBLE_BLANK = /[^\S \t]/;

/**
 * The column of what is already written under the key a line indented to `col` falls under (`Tags:` then
 * `  - Key: a`: 2; `DestinationDetails:` then `  CloudWatchLogsDetails:`: 2), or undefined when nothing is: a new
 * item or key goes there, whatever the cursor's indentation (at another column it would not parse).
 */
function childColumn(lines: string[], col: number, list: boolean): number | undefined {
  let childCol: number | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = yamlLine(lines[i]);
    if (!l) continue;
    if (!list && l.dash && l.keyCol === col) return undefined; // a key of the same list item: aligned already
    if (l.key && l.keyCol < col) {
      // A list's items may start at its key's column; a mapping's keys are indented under it.
      return childCol !== undefined && (list ? childCol >= l.keyCol : childCol > l.keyCol) ? childCol : undefined;
    }
    const c = l.dash ? l.indent : l.keyCol;
    if (childCol === undefined || c < childCol) childCol = c;
  }
  return undefined;
}

/** Candidates whose insertion goes to column `to` of a line indented to `from` (spaces only before the cursor). */
function atColumn(candidates: CompletionCandidate[], lineStart: number, from: number, to: number): CompletionCandidate[] {
  if (from === to) return candidates;
  const pad = ' '.repeat(Math.max(0, to - from));
  return candidates.map((c) => ({
    ...c,
    replace: { start: lineStart + Math.min(from, to), end: c.replace.end },
    // VS Code indents each further line of an insertion as its first line's start: the added spaces go there too.
    insertText: pad + (pad ? c.insertText.replace(/\n/g, `\n${pad}`) : c.insertText),
  }));
}

function yamlCandidates(text: string, offset: number, whole?: Analysis): CompletionCandidate[] {
  const analysis = whole ?? analyze(text, 'yaml');
  const request = analysis.requests[0];
  const action = request?.action?.name ?? 'CreateCacheCluster';
  const root = inputShapeOf(action);
  if (!root) return [];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  // The line's text ends before a CRLF's `\r` (regexes below end at `$`, which `.` cannot reach past a CR).
  const contentEnd = lineEnd > offset && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  // Inside a flow collection opened on an earlier line (`{` with its members on the lines below: JSON written as
  // YAML), the line-based reading below would take its entries for block keys and drop their `,`: nothing offered.
  // So is a line after a document whose root is a flow collection (`{…}` then a block key would not parse).
  if (inFlowContext(text, lineStart)) return [];
  const before = text.slice(lineStart, offset);
  const m = yamlLineParts(before);
  if (!m) return [];
  const { indent, dash, col, rest } = m;
  if (rest.includes('#')) return [];
  // In the indentation or `- ` before a line's content (`|  - Key: a`, `  |- Key: a`): a key or item inserted there
  // would sit in front of that content on the same line (`  - Key: \n    Value:  Key: a`), which no longer parses.
  const linePrefix = /^ *(- +)?/.exec(text.slice(lineStart, contentEnd))![0];
  if (offset < lineStart + linePrefix.length && text.slice(lineStart + linePrefix.length, contentEnd).trim() !== '') return [];
  // Right before a `#`: text inserted there would make it part of a value (`true# note`), no longer a comment.
  if (text[offset] === '#') return [];
  // Only the lines above matter for the parent path; avoid splitting the whole document.
  const above = text.slice(Math.max(0, text.lastIndexOf('\n', Math.max(0, lineStart - 20000))), lineStart).split(/\r?\n/);
  above.pop();
  const flow = yamlFlowAround(rest);
  if (flow !== undefined) {
    if (flow === 'closed') return [];
    // The node the first `{`/`[` of the line opens, as for a block value (`Tags: [`, `- {`, a line that starts with it).
    const base = flow.blockKey !== undefined
      ? [...(dash ? [...yamlParentPath(above, above.length, indent, true), 0] : yamlParentPath(above, above.length, col, false)), flow.blockKey]
      : dash ? yamlParentPath(above, above.length, indent, true) : yamlParentPath(above, above.length, col, false);
    // A collection the line leaves open, continued on the lines below: its entries there are not read, nothing offered.
    const line = yamlFlowAround(text.slice(lineStart + col, contentEnd));
    if (line !== undefined && line !== 'closed' && text.slice(lineEnd).trim() !== '') return [];
    return yamlFlowCompletions(text, offset, contentEnd, lineStart + col, flow, base, root, action, request);
  }
  // Right before a flow indicator (`|{…}`): a key or value inserted would sit in front of the collection.
  if (/^[[\]{},]/.test(text.slice(offset, contentEnd))) return [];
  const keyValue = yamlKeyOf(rest);
  const restOfLine = withoutYamlComment(text.slice(offset, contentEnd)).trimEnd();
  if (keyValue) {
    // A value after `Key: `.
    const parent = dash ? [...yamlParentPath(above, above.length, indent, true), 0] : yamlParentPath(above, above.length, col, false);
    // The value of a misspelt key completes as the member the unknown-parameter finding suggests.
    const path = likelyPath(root, [...parent, keyValue.key], action);
    const { shape } = shapeAtPath(root, path);
    if (!shape || shape.type === 'structure' || shape.type === 'list') return [];
    const valueStart = offset - (rest.length - keyValue.valueStart);
    // Blanks ending the line after the value (`Engine: |⇥`) are replaced too: the AWS CLI's YAML loader refuses a tab
    // or form feed after a value, as on a blank line (below).
    const valueEnd = offset + restOfLine.length;
    const end = /^\s*$/.test(text.slice(valueEnd, contentEnd)) ? contentEnd : valueEnd;
    const values = valueCandidates(String(path[0]), shape, request, 'yaml', { start: valueStart, end }, false, leafOf(root, path));
    // Right after `:` (a trigger character), `Engine:redis` would be a plain scalar, not a key: the space comes too.
    return text[valueStart - 1] === ':' ? values.map((c) => ({ ...c, insertText: ` ${c.insertText}` })) : values;
  }
  // Only blanks after the cursor (a tab, a form feed): replaced too, or they would end the inserted line, where the
  // AWS CLI's YAML loader refuses them.
  const replace = { start: offset - rest.length, end: /^\s*$/.test(text.slice(offset, contentEnd)) ? contentEnd : offset + (/^[^\s:#]*/.exec(restOfLine)?.[0].length ?? 0) };
  const keyOnly = /^[^\s:#]*\s*:/.test(restOfLine);
  if (dash) {
    // `- ` starts a list item: a scalar list takes values, a list of structures takes the item's keys.
    const listPath = yamlParentPath(above, above.length, indent, true);
    const { shape: listShape } = shapeAtPath(root, listPath);
    if (listShape?.type !== 'list' || !listShape.member) return [];
    const itemShape = shapes[listShape.member.shape];
    if (itemShape?.type === 'structure') return keyCandidates(action, listShape.member.shape, yamlSiblingKeys(text, lineStart, lineEnd, col, true), replace, 'yaml', keyOnly, request);
    return valueCandidates(String(listPath[0]), itemShape, request, 'yaml', replace, false, leafOf(root, listPath));
  }
  let parent = yamlParentPath(above, above.length, col, false);
  let { shapeName, shape } = shapeAtPath(root, parent);
  let keyCol = col;
  // Nothing but spaces before the insertion, which starts at the cursor's column.
  const spacesOnly = replace.start - lineStart === col && /^ *$/.test(text.slice(lineStart, replace.start));
  if (shapeName && shape?.type !== 'structure' && shape?.type !== 'list') {
    // The line is indented under a key whose value is a scalar (`EngineVersion: ` then Enter: the editor indents
    // the next line). A nested key cannot go there, so offer the keys of that key's own mapping and insert them
    // at its column, replacing the extra indentation.
    const keyLine = nearestKeyAbove(above, col);
    if (keyLine) {
      parent = yamlParentPath(above, above.length, keyLine.keyCol, false);
      ({ shapeName, shape } = shapeAtPath(root, parent));
      replace.start = lineStart + keyLine.keyCol;
      keyCol = keyLine.keyCol;
    }
  }
  // Under a list key with no `- ` yet (`SecurityGroupIds:` then Enter): a whole new item.
  if (shapeName && shape?.type === 'list' && !keyOnly) {
    const items = listItemCandidates(String(parent[0]), shapeName, request, 'yaml', replace, leafOf(root, parent));
    // On a line of spaces only, indented other than the items already there (a new item at another column would
    // not parse): at their column.
    const itemCol = spacesOnly ? childColumn(above, col, true) : undefined;
    return itemCol === undefined ? items : atColumn(items, lineStart, col, itemCol);
  }
  if (!shapeName || shape?.type !== 'structure') return [];
  // Likewise a key, at the column of the keys already under the same key.
  const siblingCol = spacesOnly && keyCol === col ? childColumn(above, col, false) : undefined;
  if (siblingCol !== undefined && siblingCol !== col) {
    return atColumn(keyCandidates(action, shapeName, yamlSiblingKeys(text, lineStart, lineEnd, siblingCol, false), replace, 'yaml', keyOnly, request), lineStart, col, siblingCol);
  }
  const keys = keyCandidates(action, shapeName, yamlSiblingKeys(text, lineStart, lineEnd, keyCol, false), replace, 'yaml', keyOnly, request);
  // Right below `SecurityGroupIds:` at its own column, a `- ` item may follow too (YAML lets a mapping's list items
  // start at the key's column): offered first, the mapping's keys after it.
  const previous = keyOnly ? undefined : previousYamlLine(above);
  if (previous?.key && !previous.dash && previous.keyCol === col && previous.emptyValue) {
    const list = shapeAtPath(root, [...parent, previous.key]);
    if (list.shapeName && list.shape?.type === 'list') return [...listItemCandidates(previous.key, list.shapeName, request, 'yaml', replace, leafOf(root, [...parent, previous.key])), ...keys];
  }
  return keys;
}

/**
 * Whether `at` (a line start) is inside a YAML flow collection (`{…}`, `[…]`) opened on a line before it, or in a
 * document whose root is a flow collection, as the YAML lexer reads the text. Only the document the line is in is
 * read, and of it only the lines from the last one starting at column 0: in a document whose root is not a flow
 * collection, the lexer ends any flow collection at such a line (its lines must be indented under their key), so a
 * completion costs about the same in a large file as in a small one.
 */
function inFlowContext(text: string, at: number): boolean {
  const docStart = documentStart(text, at);
  if (flowTokens(text, docStart, firstContentEnd(text, docStart, at)).flowRoot) return true;
  const from = lastColumnZeroLine(text, docStart, at);
  return flowTokens(text, lastItemOfBlockList(text, from, at), at).depth > 0;
}

/**
 * In a block list under a bare top-level key (`Tags:` then `  - {Key: a, Value: b}` lines), the start of the last
 * item line before `at`: the lexer ends there whatever an earlier item left open (an item's flow collections and
 * scalars must be indented past its `- `), so reading from it is enough. Else `from` (the key's line).
 */
function lastItemOfBlockList(text: string, from: number, at: number): number {
  const keyEnd = text.indexOf('\n', from);
  if (keyEnd < 0 || keyEnd >= at || !/^[A-Za-z0-9_][^:#'"]*:[ \t]*(#.*)?\r?$/.test(text.slice(from, keyEnd))) return from;
  // The list's first line: its items' column (`r` spaces, then `- `).
  let first = keyEnd + 1;
  while (first < at && /^[ \t]*(#.*)?\r?$/.test(text.slice(first, text.indexOf('\n', first) >>> 0))) first = text.indexOf('\n', first) + 1 || at;
  let r = 0;
  while (text.charCodeAt(first + r) === 0x20) r++;
  if (text[first + r] !== '-' || !/[ \t\r\n]/.test(text[first + r + 1] ?? '')) return from;
  // Upward from `at`: the last line that starts an item at that column; every content line down from the list's
  // first must be indented at least as far (one that is not ends the list: then read from the key).
  let item = from;
  for (let i = text.lastIndexOf('\n', at - 2); i >= first - 1 && i >= 0; i = i > 0 ? text.lastIndexOf('\n', i - 1) : -1) {
    const start = i + 1;
    let k = 0;
    while (k < r && text.charCodeAt(start + k) === 0x20) k++;
    const c = text[start + k];
    if (k < r && c !== '\n' && c !== '\r' && c !== '#' && c !== undefined) return from;
    if (item === from && k === r && c === '-' && /[ \t\r\n]/.test(text[start + k + 1] ?? '')) item = start;
  }
  return item;
}

/** The start of the line of the last document marker (`---`, `...`) before `at`, or 0: where the lexer starts a document. */
function documentStart(text: string, at: number): number {
  let start = 0;
  for (const marker of ['---', '...']) {
    // (lastIndexOf reads a negative start as 0: the loop stops at 0 itself.)
    for (let i = text.lastIndexOf(`\n${marker}`, at - 1); i >= 0 && i + 1 > start; i = i > 0 ? text.lastIndexOf(`\n${marker}`, i - 1) : -1) {
      if (i + 1 < at && /^(?:[ \t\r\n]|$)/.test(text.slice(i + 4, i + 5))) {
        start = i + 1;
        break;
      }
    }
  }
  if (start === 0 && !/^(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(text.slice(0, 4))) return 0;
  return start;
}

/**
 * Where the first content of the document at `docStart` ends its first character (at most `at`): past a document
 * marker, blanks, comments and directives. Lexing up to there tells whether the document's root is a flow collection.
 */
function firstContentEnd(text: string, docStart: number, at: number): number {
  let i = docStart;
  if (text.startsWith('---', i) || text.startsWith('...', i)) i += 3;
  let lineStartHere = false;
  while (i < at) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '\n') {
      i++;
      lineStartHere = true;
      continue;
    } else if (c === '#' || (c === '%' && lineStartHere && text[i - 1] === '\n')) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? at : nl;
    } else return i + 1;
    lineStartHere = false;
  }
  return at;
}

/**
 * The start of the last line in [from, at) that starts at column 0 with a letter, a digit or `_` (a block key such
 * as `Tags:`), else `from`. Not a line starting with anything else: a flow collection's `]` or `}` may end it at
 * column 0, and a `{`, `[` or quote could read differently from there than as the lexer reads the whole text (the
 * continuation of a multi-line scalar at the document's root).
 */
function lastColumnZeroLine(text: string, from: number, at: number): number {
  for (let i = at >= 2 ? text.lastIndexOf('\n', at - 2) : -1; i >= 0 && i + 1 > from; i = i > 0 ? text.lastIndexOf('\n', i - 1) : -1) {
    const c = text.charCodeAt(i + 1);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f) return i + 1;
  }
  return from;
}

/**
 * The YAML lexer's reading of text[from, to): how many flow collections are open at its end, and whether the first
 * content (after a document marker) opens one. A document marker starts over.
 */
function flowTokens(text: string, from: number, to: number): { depth: number; flowRoot: boolean } {
  let depth = 0;
  let flowRoot = false;
  if (to <= from) return { depth, flowRoot };
  const part = text.slice(from, to);
  if (!/[[{]/.test(part)) return { depth, flowRoot };
  let started = false;
  for (const token of new Lexer().lex(part)) {
    if (token === '---' || token === '...') {
      depth = 0;
      flowRoot = started = false;
      continue;
    }
    // Lexer control characters (document, scalar start), spaces, line breaks, comments and directives are not content.
    if (!started && !/^[\u0000-\u001f]$|^[ \t\r\n]+$|^#|^%/.test(token)) {
      started = true;
      flowRoot = token === '{' || token === '[';
    }
    if (token === '{' || token === '[') depth++;
    else if ((token === '}' || token === ']') && depth > 0) depth--;
  }
  return { depth, flowRoot };
}

interface FlowOpener {
  open: '{' | '[';
  /** Index in the scanned text. */
  at: number;
  /** In a `{`: the key whose value this opener starts. */
  key?: string;
}

/**
 * The YAML flow collections (`{…}`, `[…]`) open at the end of `rest` (a line from its key column to the cursor): the
 * openers from the outermost, the block key before the first, and where the cursor's entry starts; 'closed' when
 * the line has a flow collection and the cursor is after it; undefined when the line has none.
 */
function yamlFlowAround(rest: string): { stack: FlowOpener[]; blockKey?: string; entryStart: number } | 'closed' | undefined {
  const stack: FlowOpener[] = [];
  let blockKey: string | undefined;
  let entryStart = 0;
  let seen = false;
  let quote: string | undefined;
  const keyOf = (segment: string) => /^\s*("[^"]*"|'[^']*'|[^\s:,{}[\]]+(?: +[^\s:,{}[\]]+)*)\s*:\s*$/.exec(segment)?.[1].replace(/^(["'])(.*)\1$/, '$2');
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if ((ch === '"' || ch === "'") && (i === 0 || /[\s,[{:]/.test(rest[i - 1]))) quote = ch;
    else if (ch === '{' || ch === '[') {
      let key: string | undefined;
      if (stack.length === 0) {
        // Only a flow collection as a whole value: at the line's start or right after `Key:`.
        const lead = rest.slice(0, i);
        if (lead.trim() !== '') {
          blockKey = keyOf(lead);
          if (blockKey === undefined) return undefined;
        }
      } else if (stack[stack.length - 1].open === '{') {
        key = keyOf(rest.slice(entryStart, i));
        if (key === undefined) return undefined;
      }
      stack.push({ open: ch, at: i, key });
      seen = true;
      entryStart = i + 1;
    } else if (ch === '}' || ch === ']') {
      if (stack.pop() === undefined) return undefined;
    } else if (ch === ',' && stack.length > 0) entryStart = i + 1;
  }
  if (stack.length === 0) return seen ? 'closed' : undefined;
  return { stack, blockKey, entryStart };
}

/** Keys written in the flow mapping that opens at `open` on the line, except in the entry around `cursor`. */
function yamlFlowKeys(line: string, open: number, cursor: number): Set<string> {
  const keys = new Set<string>();
  let depth = 0;
  let entryStart = open + 1;
  let quote: string | undefined;
  const take = (end: number) => {
    if (entryStart <= cursor && cursor <= end) return;
    const key = /^\s*("[^"]*"|'[^']*'|[^\s:,{}[\]]+)\s*:/.exec(line.slice(entryStart, end))?.[1];
    if (key) keys.add(key.replace(/^(["'])(.*)\1$/, '$2'));
  };
  for (let i = open + 1; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && depth > 0) depth--;
    else if ((ch === '}' || ch === ']') && depth === 0) {
      take(i);
      break;
    } else if (ch === ',' && depth === 0) {
      take(i);
      entryStart = i + 1;
    }
  }
  return keys;
}

/**
 * In a YAML flow collection on one line: keys of a `{…}` (`{CacheClusterId: a, Eng|}`), values after `Key:` in it,
 * items of a `[…]`. The edit never reaches past the entry's `,`, `}` or `]`.
 */
function yamlFlowCompletions(
  text: string,
  offset: number,
  contentEnd: number,
  restStart: number,
  flow: { stack: FlowOpener[]; entryStart: number },
  base: (string | number)[],
  root: string,
  action: string,
  request: ParsedRequest | undefined,
): CompletionCandidate[] {
  const path = [...base];
  flow.stack.forEach((opener, i) => {
    if (i === 0) {
      // `Tags: [{…}]` or `- {…}` under a list: the mapping is one of its items.
      if (opener.open === '{' && shapeAtPath(root, path).shape?.type === 'list') path.push(0);
    } else path.push(flow.stack[i - 1].open === '[' ? 0 : opener.key!);
  });
  const inner = flow.stack[flow.stack.length - 1];
  const entry = text.slice(restStart + flow.entryStart, offset);
  const after = text.slice(offset, contentEnd);
  const wordAfter = /^[^\s,{}[\]#]*/.exec(after)![0];
  if (inner.open === '[') {
    const typed = entry.trimStart();
    if (!/^[^\s,{}[\]#:]*$/.test(typed)) return [];
    const list = shapeAtPath(root, path);
    const item = list.shape?.type === 'list' && list.shape.member ? shapes[list.shape.member.shape] : undefined;
    if (!item || item.type === 'structure' || item.type === 'list') return [];
    return valueCandidates(String(path[0]), item, request, 'yaml', { start: offset - typed.length, end: offset + wordAfter.length }, false, leafOf(root, path));
  }
  const keyValue = /^\s*("[^"]*"|'[^']*'|[^\s:,{}[\]]+)\s*:(\s+|$)([^,{}[\]]*)$/.exec(entry);
  if (keyValue) {
    const valuePath = likelyPath(root, [...path, keyValue[1].replace(/^(["'])(.*)\1$/, '$2')], action);
    const { shape } = shapeAtPath(root, valuePath);
    if (!shape || shape.type === 'structure' || shape.type === 'list') return [];
    const start = offset - keyValue[3].length;
    const values = valueCandidates(String(valuePath[0]), shape, request, 'yaml', { start, end: offset + wordAfter.length }, false, leafOf(root, valuePath));
    return text[start - 1] === ':' ? values.map((c) => ({ ...c, insertText: ` ${c.insertText}` })) : values;
  }
  const typed = entry.trimStart();
  if (!/^[\w-]*$/.test(typed)) return [];
  const { shapeName, shape } = shapeAtPath(root, path);
  if (!shapeName || shape?.type !== 'structure') return [];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const present = yamlFlowKeys(text.slice(lineStart, contentEnd), restStart - lineStart + inner.at, offset - lineStart);
  const keyOnly = /^[\w-]*\s*:/.test(after);
  const keys = keyCandidates(action, shapeName, present, { start: offset - typed.length, end: offset + /^[\w-]*/.exec(after)![0].length }, 'yaml', true, request);
  return keyOnly ? keys : keys.map((c) => ({ ...c, insertText: `${c.insertText}: ` }));
}

/**
 * Keys of the block mapping whose keys sit at column `col`, around the cursor's line (which is left out: its key is
 * the one being written): the lines above up to its start (a less indented line, or the `- ` that opens its list
 * item) unless the cursor line itself opens the item, and the lines below down to its end. Deeper lines (nested
 * values, a list written at its key's column) are skipped.
 */
function yamlSiblingKeys(text: string, lineStart: number, lineEnd: number, col: number, opensItem: boolean): Set<string> {
  const keys = new Set<string>();
  const add = (key: string) => keys.add(key.replace(/^(["'])(.*)\1$/, '$2'));
  /** Reads one line: false when the mapping ends there. */
  const visit = (line: string, upward: boolean): boolean => {
    if (/^(---|\.\.\.)(\s|$)/.test(line)) return false;
    const l = yamlLine(line);
    if (!l) return true;
    if (l.dash) {
      if (upward && l.keyCol === col) {
        if (l.key) add(l.key);
        return false;
      }
      return l.indent >= col;
    }
    if (l.indent < col) return false;
    if (l.indent === col && l.key) add(l.key);
    return true;
  };
  for (let start = lineEnd + 1; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (!indentedPast(text, start, end, col) && !visit(text.slice(start, end).replace(/\r$/, ''), false)) break;
    start = end + 1;
  }
  if (opensItem) return keys;
  for (let end = lineStart - 1; end >= 0; ) {
    const start = end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0;
    if (!indentedPast(text, start, end, col) && !visit(text.slice(start, end).replace(/\r$/, ''), true)) break;
    end = start - 1;
  }
  return keys;
}

/**
 * Whether the line text[start, end) is indented with more than `col` spaces: it belongs to a sibling's value, and the
 * mapping goes on past it (what visit() would answer, without reading the line: a top-level mapping's siblings may
 * be thousands of lines apart).
 */
function indentedPast(text: string, start: number, end: number, col: number): boolean {
  if (end - start <= col + 1) return false;
  for (let k = start; k <= start + col; k++) if (text.charCodeAt(k) !== 0x20) return false;
  // Only spaces then the line end: a blank line, which visit() reads too (it goes on).
  return true;
}

/** The last non-blank, non-comment line of `lines`, and whether its key has no value on the line. */
function previousYamlLine(lines: string[]): (YamlLine & { emptyValue: boolean }) | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = yamlLine(lines[i]);
    if (l) return { ...l, emptyValue: /:\s*(#.*)?$/.test(lines[i]) };
  }
  return undefined;
}

/**
 * Completion candidates at `offset` (UTF-16 code units) of a document of the given kind. `whole`: an analysis of
 * this exact text the caller already has (used for CLI input files; Query files analyse only the cursor's request).
 */
export function complete(text: string, offset: number, kind: DocumentKind, whole?: Analysis): CompletionCandidate[] {
  const at = Math.max(0, Math.min(offset, text.length));
  if (kind === 'query') return queryCompletions(text, at);
  return kind === 'json' ? jsonCompletions(text, at, whole) : yamlCompletions(text, at, whole);
}
