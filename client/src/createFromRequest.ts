// "Create Cluster from Request": finds the create requests of a document (CreateCacheCluster; in a Query file also
// CreateReplicationGroup) with the language service's own analysis, refuses those with errors, and turns the rest
// into SDK input (the SDK signs, so the query form's signing parameters are dropped). No VS Code imports.
import type {
  CacheCluster,
  CreateCacheClusterCommandInput,
  CreateReplicationGroupCommandInput,
  ElastiCacheClient,
  ReplicationGroup,
  Tag,
} from '@aws-sdk/client-elasticache';
import { GROUP_AVAILABLE_STATUS, GROUP_NEVER_AVAILABLE_STATUSES } from '../../server/src/model/clusterStatus';
import { LIMITS, REGIONS, regionOfAvailabilityZone } from '../../server/src/model/facts';
import { clusterModeReasons } from '../../server/src/model/replicationGroupNodes';
import { serviceModel } from '../../server/src/model/generated/serviceModel';
import { analyze, type DocumentFacts, MAX_FINDINGS } from '../../server/src/service/index';
export { fileStartsWithByteOrderMark } from '../../server/src/byteOrderMark';
import { type CreateAction, createActionOf } from '../../server/src/service/createActions';
import { endpointHostRegion } from '../../server/src/service/queryRules';
import { visibleMessage } from '../../server/src/model/visibleText';
import type { Analysis, DocumentKind, Finding, ParsedRequest, Span } from '../../server/src/service/types';
import { type RequestFromClusterOptions, canBecomeAvailable, isAvailable, notCarriedOver, requestFileName, requestFileText } from './clusterView';
import { type Connection, awsConnection, loadSdk, notFoundExpected } from './connections';
import { describeFailure, isClusterNotFound, isReplicationGroupNotFound } from './errors';

/** What a create sends: the action and its SDK input. */
export type CreateSpec =
  | { action: 'CreateCacheCluster'; input: CreateCacheClusterCommandInput }
  | { action: 'CreateReplicationGroup'; input: CreateReplicationGroupCommandInput };

/** The id a create names: the CacheClusterId, or the ReplicationGroupId. */
export function createdId(spec: CreateSpec): string | undefined {
  return spec.action === 'CreateReplicationGroup' ? spec.input.ReplicationGroupId : spec.input.CacheClusterId;
}

export interface CreateRequest {
  /** The whole request in the document. */
  span: Span;
  /** Where the CodeLens goes: the Action parameter, or the start of the request. */
  anchor: Span;
  /** The action and its input: what the create sends. */
  spec: CreateSpec;
  /** The input of a CreateCacheCluster request (spec.input, typed for the action most requests are). */
  input: CreateCacheClusterCommandInput;
  /** Error findings inside the request: while there are any, the request is not sent. */
  errors: Finding[];
  /**
   * The Region the request is written for: the Region of the ElastiCache endpoint its URL goes to (the Region the
   * linter checks it against), else the Region of the Availability Zones it names (JSON/YAML files, e.g. a copy of a
   * cluster, name zones and no host); undefined when it names neither, or zones in several Regions.
   */
  region?: string;
  /** The Region comes from the Availability Zones, not from an endpoint the request is addressed to. */
  regionFromZones?: boolean;
}

const membersOf = (action: CreateAction) => new Set(Object.keys(serviceModel.shapes[serviceModel.operations[action]!.input!]?.members ?? {}));
const createMembers: Record<CreateAction, Set<string>> = { CreateCacheCluster: membersOf('CreateCacheCluster'), CreateReplicationGroup: membersOf('CreateReplicationGroup') };

/**
 * The CacheClusterId of a new cluster with an existing one's settings: `<id>-copy`, else `<id>-copy-2`, … (the
 * first not in `taken`, lowercase ids), cut to fit LIMITS.cacheClusterIdMaxLength without a trailing hyphen. The
 * existing id would only fail with CacheClusterAlreadyExists.
 */
export function copyId(id: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '-copy' : `-copy-${n}`;
    const candidate = `${id.slice(0, LIMITS.cacheClusterIdMaxLength - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * The CacheClusterId and file name of an "Open as Request File" copy: copyId counting as taken the `listedIds` and
 * the ids of the request files (`<id>.elasticache.json`, `.yaml`, `.yml`) among `fileNames`, those open or on disk
 * where the file goes, so the file is named after the id its text holds.
 */
export function copyRequestFile(id: string, listedIds: Iterable<string>, fileNames: Iterable<string>): { id: string; fileName: string } {
  const taken = new Set([...listedIds].map((t) => t.toLowerCase()));
  for (const name of fileNames) {
    const fileId = /^(.+)\.elasticache\.(?:json|ya?ml)$/i.exec(name)?.[1];
    if (fileId) taken.add(fileId.toLowerCase());
  }
  const copy = copyId(id, taken);
  return { id: copy, fileName: requestFileName({ CacheClusterId: copy }) };
}

/** Keeps the action's input members only (CreateCacheClusterMessage by default): Action, Version, SignatureVersion, X-Amz-*… are the SDK's business. */
export function toSdkInput(input: Record<string, unknown>): CreateCacheClusterCommandInput;
export function toSdkInput(input: Record<string, unknown>, action: CreateAction): CreateSpec['input'];
export function toSdkInput(input: Record<string, unknown>, action: CreateAction = 'CreateCacheCluster'): CreateSpec['input'] {
  const members = createMembers[action];
  return Object.fromEntries(Object.entries(input).filter(([k]) => members.has(k))) as unknown as CreateSpec['input'];
}

export function createRequestsIn(text: string, kind: DocumentKind): CreateRequest[] {
  return createRequestsOf(analyze(text, kind), kind);
}

function createRequestsOf(analysis: Analysis, kind: DocumentKind): CreateRequest[] {
  const errors = analysis.findings.filter((f) => f.severity === 'error');
  // A JSON/YAML request file is CLI input for create-cache-cluster; a query names its action.
  const requests = analysis.requests.flatMap((r) => {
    const action = createActionOf(r, kind);
    return action ? [{ r, action }] : [];
  });
  return requests.map(({ r, action }) => new FileCreateRequest(r, action, kind === 'query' ? undefined : errors, errors));
}

/**
 * A create request of a file. Its input, errors and Region are worked out when read: the create needs the
 * one under the cursor, and a Query request's input is the language service's check of it run again
 * (10,000 requests: ~130 ms for all of them, for nothing).
 */
class FileCreateRequest implements CreateRequest {
  readonly span: Span;
  readonly anchor: Span;
  private sdkInput?: CreateSpec['input'];
  private requestErrors?: Finding[];
  private requestRegion?: Pick<CreateRequest, 'region' | 'regionFromZones'>;
  constructor(
    private readonly request: ParsedRequest,
    readonly action: CreateAction,
    /** All of the file's errors are this request's (a CLI input file is one request); else found by span. */
    fileErrors: Finding[] | undefined,
    private readonly allErrors: Finding[],
  ) {
    this.span = request.span;
    this.anchor = request.action?.span ?? { start: request.span.start, end: request.span.start };
    this.requestErrors = fileErrors;
  }
  get spec(): CreateSpec {
    return { action: this.action, input: (this.sdkInput ??= toSdkInput(this.request.input, this.action)) } as CreateSpec;
  }
  get input(): CreateCacheClusterCommandInput {
    return this.spec.input as CreateCacheClusterCommandInput;
  }
  get errors(): Finding[] {
    const { start, end } = this.span;
    return (this.requestErrors ??= this.allErrors.filter((f) => f.span.start < end && f.span.end > start));
  }
  get region(): string | undefined {
    return this.regionOfRequest().region;
  }
  get regionFromZones(): boolean | undefined {
    return this.regionOfRequest().regionFromZones;
  }
  private regionOfRequest(): Pick<CreateRequest, 'region' | 'regionFromZones'> {
    return (this.requestRegion ??= requestRegionOf(this.request.host?.value, this.request.input));
  }
}

/**
 * Only a known Region counts: a misspelt one (`elasticache.us-esat-1…`, a warning of the linter) would otherwise be
 * offered first, and a create there would add it to elasticache.regions.
 */
function requestRegionOf(host: string | undefined, input: Record<string, unknown>): Pick<CreateRequest, 'region' | 'regionFromZones'> {
  const endpointRegion = host ? endpointHostRegion(host) : undefined;
  if (endpointRegion) return REGIONS.includes(endpointRegion) ? { region: endpointRegion } : {};
  const region = zonesRegion(input);
  return region && REGIONS.includes(region) ? { region, regionFromZones: true } : {};
}

/**
 * The one Region of the Availability Zones an input names (PreferredAvailabilityZone(s); a replication group's
 * PreferredCacheClusterAZs and its node groups' zones), if they name any.
 */
function zonesRegion(input: Record<string, unknown>): string | undefined {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const nodeGroupZones = list(input.NodeGroupConfiguration).flatMap((g) =>
    g && typeof g === 'object' ? [(g as Record<string, unknown>).PrimaryAvailabilityZone, ...list((g as Record<string, unknown>).ReplicaAvailabilityZones)] : [],
  );
  const zones = [input.PreferredAvailabilityZone, ...list(input.PreferredAvailabilityZones), ...list(input.PreferredCacheClusterAZs), ...nodeGroupZones];
  const regions = new Set(zones.map((z) => (typeof z === 'string' ? regionOfAvailabilityZone(z) : undefined)).filter((r) => r !== undefined));
  return regions.size === 1 ? [...regions][0] : undefined;
}

/** A connection offered for a create, and whether it is in the Region the request is written for. */
export interface ConnectionChoice {
  connection: Connection;
  inRequestRegion: boolean;
  /** Why this connection refuses the request, for the picker's description: Local does not run cluster mode (…). */
  cannotCreate?: string;
}

/**
 * Why the Local endpoint refuses a create: a replication group with cluster mode enabled (clusterModeReasons, the
 * reading Local itself refuses by). Undefined when Local can create it.
 */
export function localCannotCreate(spec: CreateSpec): string | undefined {
  if (spec.action !== 'CreateReplicationGroup') return undefined;
  const reasons = clusterModeReasons(spec.input as unknown as Record<string, unknown>);
  return reasons.length > 0 ? `does not run cluster mode (${reasons.join('; ')})` : undefined;
}

/**
 * The connections to offer for a request written for `requestRegion`: the AWS connection in that Region first
 * (one of the explorer's profile in that Region when the explorer does not list it: the create then adds the
 * Region to the explorer), then the others as listed. Without a Region, the connections as listed. A Region known
 * only from the request's Availability Zones (`fromZones`: e.g. a copy of a Local cluster, whose zone is
 * us-east-1a) marks the connections in it but moves and adds none: the request is not addressed to AWS there.
 * With the request's `spec`, Local when it would refuse it (localCannotCreate) comes last, saying why.
 */
export function connectionChoices(connections: readonly Connection[], requestRegion: string | undefined, fromZones = false, spec?: CreateSpec): ConnectionChoice[] {
  const localRefusal = spec ? localCannotCreate(spec) : undefined;
  const choices: ConnectionChoice[] = connections.map((connection) => ({
    connection,
    inRequestRegion: connection.kind === 'aws' && connection.region === requestRegion,
    ...(connection.kind === 'local' && localRefusal ? { cannotCreate: localRefusal } : {}),
  }));
  if (requestRegion && !fromZones) {
    const aws = connections.find((c) => c.kind === 'aws');
    if (aws?.profile && !choices.some((c) => c.inRequestRegion)) {
      choices.push({ connection: awsConnection(aws.profile, requestRegion, aws.endpoint), inRequestRegion: true });
    }
  }
  const ordered = requestRegion && !fromZones ? [...choices.filter((c) => c.inRequestRegion), ...choices.filter((c) => !c.inRequestRegion)] : choices;
  return [...ordered.filter((c) => !c.cannotCreate), ...ordered.filter((c) => c.cannotCreate)];
}

/**
 * The picker's description of a choice (its label already names the Region): the request's Region; why it would
 * refuse the request, else where Local runs (or that picking it starts it), or that AWS bills per node-hour.
 */
export function choiceDescription({ connection: c, inRequestRegion, cannotCreate }: ConnectionChoice): string {
  const what = cannotCreate ?? (c.kind === 'local' ? (c.endpoint ?? 'not running: starts it') : 'billed per node-hour');
  return [inRequestRegion ? "the request's Region" : '', what].filter(Boolean).join(' · ');
}

/**
 * The choices in the order the picker offers them, the first preselected: those that can work first, in
 * connectionChoices' order (the request's Region first among them), then those `cannotWork` (no credentials, SSO
 * login needed…), so that a connection that cannot work is never the default, whatever Region it is in; last those
 * that would refuse the request (`cannotCreate`), below even those.
 */
export function workingFirst<T extends ConnectionChoice>(choices: readonly T[], cannotWork: (connection: Connection) => boolean): T[] {
  const creating = choices.filter((c) => !c.cannotCreate);
  return [...creating.filter((c) => !cannotWork(c.connection)), ...creating.filter((c) => cannotWork(c.connection)), ...choices.filter((c) => c.cannotCreate)];
}

/**
 * The create request to send, or why there is none, in a sentence for the user; with the file's create requests
 * (`candidates`) when it has some but the cursor does not say which, so that the user can pick one.
 */
export type CreateTarget = { request: CreateRequest } | { problem: string; candidates?: CreateRequest[] };

/**
 * The create request "Create Cluster from Request" sends: the one under the cursor, else the only one. A cursor in a
 * request of another action is told so by name (only CreateCacheCluster and, in a Query file, CreateReplicationGroup
 * create from a file: the JSON/YAML forms are create-cache-cluster's CLI input).
 */
export function createTargetAt(text: string, kind: DocumentKind, offset: number | undefined, facts: DocumentFacts = {}): CreateTarget {
  // With what the editor's text leaves out (a JSON file's byte order mark): the errors the lens counts. Focused on the
  // cursor: in a file with more findings than are listed, the request there is checked in full and all its errors kept
  // (past the budget, a request with errors would be sent, a real call billed by AWS).
  const analysis = analyze(text, kind, offset === undefined ? facts : { ...facts, focus: [{ start: offset, end: offset }] });
  const requests = createRequestsOf(analysis, kind);
  const only = kind === 'query' ? 'Only CreateCacheCluster and CreateReplicationGroup requests can be created from a file' : 'Only CreateCacheCluster requests can be created from a file';
  // The cursor's own request first: in a request of another action, the file's only CreateCacheCluster is not it.
  const under = offset === undefined ? undefined : analysis.requests.find((r) => offset >= r.span.start && offset <= r.span.end);
  const request = under ? requests.find((r) => r.span.start === under.span.start) : requestAt(requests, offset);
  if (request) return { request };
  const candidates = requests.length > 0 ? { candidates: requests } : {};
  if (under) return { problem: `${only}; this one ${under.action ? `is ${under.action.name}` : 'has no Action'}.`, ...candidates };
  if (requests.length > 0) return { problem: 'Put the cursor inside the create request to send: this file has several.', ...candidates };
  const actions = [...new Set(analysis.requests.map((r) => r.action?.name).filter((a): a is string => !!a))];
  return { problem: actions.length > 0 ? `${only}; this file has ${actions.join(', ')}.` : `This file has no ${kind === 'query' ? 'CreateCacheCluster or CreateReplicationGroup' : 'CreateCacheCluster'} request.` };
}

/** How a create request is named where the user picks one: its action and the id it creates. */
export function createRequestLabel(request: CreateRequest): string {
  const id = createdId(request.spec);
  // The id as written, errors and all: a control or format character in it is shown as an escape (visibleMessage).
  return `${request.spec.action} ${id ? visibleMessage(id) : '(no id)'}`;
}

/** The request under the cursor, else the only one. */
export function requestAt(requests: CreateRequest[], offset: number | undefined): CreateRequest | undefined {
  if (offset !== undefined) {
    const hit = requests.find((r) => offset >= r.span.start && offset <= r.span.end);
    if (hit) return hit;
  }
  return requests.length === 1 ? requests[0] : undefined;
}

/**
 * The requests to pick from, the one at or nearest the cursor first (the picker preselects the first item), then
 * the others in document order: in a big file of like requests, the one the user is at is not 10,000 items down.
 */
export function nearestFirst(requests: readonly CreateRequest[], offset: number | undefined): CreateRequest[] {
  if (offset === undefined || requests.length === 0) return [...requests];
  const distance = (r: CreateRequest) => (offset < r.span.start ? r.span.start - offset : offset > r.span.end ? offset - r.span.end : 0);
  let nearest = 0;
  for (let i = 1; i < requests.length; i++) if (distance(requests[i]) < distance(requests[nearest])) nearest = i;
  return [requests[nearest], ...requests.slice(0, nearest), ...requests.slice(nearest + 1)];
}

/** The request's first error in document order: where "Create" takes the cursor while the request has errors. */
export function firstError(request: CreateRequest): Finding | undefined {
  return [...request.errors].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)[0];
}

/** Why the request is not sent, in one short sentence; undefined when it has no errors. */
export function refusal(request: CreateRequest): string | undefined {
  const n = request.errors.length;
  const first = firstError(request);
  if (n === 0 || !first) return undefined;
  // One sentence: the finding's own final period would end it inside the parentheses. The message as the editor shows
  // it (visibleMessage): a value it quotes may hold a U+202E, which would reverse the notification's text after it.
  const message = visibleMessage(first.message).trim().replace(/[.\s]+$/, '');
  // At MAX_FINDINGS errors the analysis stopped counting them: there may be more.
  return n === 1
    ? `1 error in this request: fix it before creating (${message})`
    : `${n >= MAX_FINDINGS ? `At least ${n}` : n} errors in this request: fix them before creating (first: ${message})`;
}

/** Sends CreateCacheCluster; the abort signal cancels the call (withProgress cancellation). */
export async function createCacheCluster(
  client: ElastiCacheClient,
  input: CreateCacheClusterCommandInput,
  abortSignal?: AbortSignal,
): Promise<CacheCluster | undefined> {
  const { CreateCacheClusterCommand } = await loadSdk();
  const out = await client.send(new CreateCacheClusterCommand(input), { abortSignal });
  return out.CacheCluster;
}

/** Sends CreateReplicationGroup; the abort signal cancels the call (withProgress cancellation). */
export async function createReplicationGroup(
  client: ElastiCacheClient,
  input: CreateReplicationGroupCommandInput,
  abortSignal?: AbortSignal,
): Promise<ReplicationGroup | undefined> {
  const { CreateReplicationGroupCommand } = await loadSdk();
  const out = await client.send(new CreateReplicationGroupCommand(input), { abortSignal });
  return out.ReplicationGroup;
}

export type CreateOutcome =
  | { status: 'accepted'; cluster?: CacheCluster; replicationGroup?: ReplicationGroup }
  /** Cancelled while the call was in flight: the service may have received it, so the cluster may exist (billed). */
  | { status: 'cancelled' };

/**
 * Sends the create (a CreateSpec; a bare input is CreateCacheCluster's), with a cancel told apart from a failure:
 * other errors are thrown as they are.
 */
export async function sendCreate(client: ElastiCacheClient, create: CreateSpec | CreateCacheClusterCommandInput, abortSignal: AbortSignal): Promise<CreateOutcome> {
  const spec: CreateSpec = 'action' in create && 'input' in create ? (create as CreateSpec) : { action: 'CreateCacheCluster', input: create as CreateCacheClusterCommandInput };
  try {
    return spec.action === 'CreateReplicationGroup'
      ? { status: 'accepted', replicationGroup: await createReplicationGroup(client, spec.input, abortSignal) }
      : { status: 'accepted', cluster: await createCacheCluster(client, spec.input, abortSignal) };
  } catch (err) {
    if (abortSignal.aborted) return { status: 'cancelled' };
    throw err;
  }
}

/**
 * Polls DescribeReplicationGroups until the group is `available` (or fails, or the time runs out), as
 * waitUntilAvailable does for a cluster (GROUP_NEVER_AVAILABLE_STATUSES end the wait).
 */
export async function waitUntilGroupAvailable(
  client: ElastiCacheClient,
  replicationGroupId: string,
  options: { timeoutMs: number; intervalMs?: number; abortSignal?: AbortSignal; onStatus?: (status: string) => void },
): Promise<ReplicationGroup> {
  const { DescribeReplicationGroupsCommand } = await loadSdk();
  const deadline = Date.now() + options.timeoutMs;
  let interval = options.intervalMs ?? 500;
  for (;;) {
    let group: ReplicationGroup | undefined;
    try {
      const out = await client.send(notFoundExpected(new DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId })), { abortSignal: options.abortSignal });
      group = out.ReplicationGroups?.[0];
    } catch (err) {
      // Not listed yet, just after the create: expected.
      if (!isReplicationGroupNotFound(err) || options.abortSignal?.aborted) throw err;
    }
    const status = group?.Status ?? 'not listed yet';
    options.onStatus?.(status);
    if (group && status === GROUP_AVAILABLE_STATUS) return group;
    if (group && GROUP_NEVER_AVAILABLE_STATUSES.includes(status)) throw new Error(`Replication group ${replicationGroupId} is ${status}.`);
    if (Date.now() > deadline) throw new Error(`Replication group ${replicationGroupId} is still ${status} after ${Math.round(options.timeoutMs / 1000)} s.`);
    if (options.abortSignal?.aborted) throw new Error('Cancelled.');
    await new Promise((r) => setTimeout(r, interval));
    interval = Math.min(interval * 1.5, 15_000);
  }
}

/**
 * Polls DescribeCacheClusters until the cluster is `available` (or fails, or the time runs out). A new cluster
 * starts `creating`; right after CreateCacheCluster it may not be listed yet (CacheClusterNotFound): both wait.
 */
export async function waitUntilAvailable(
  client: ElastiCacheClient,
  cacheClusterId: string,
  options: { timeoutMs: number; intervalMs?: number; abortSignal?: AbortSignal; onStatus?: (status: string) => void },
): Promise<CacheCluster> {
  const { DescribeCacheClustersCommand } = await loadSdk();
  const deadline = Date.now() + options.timeoutMs;
  let interval = options.intervalMs ?? 500;
  for (;;) {
    let cluster: CacheCluster | undefined;
    try {
      // Not listed yet, just after the create: expected, not an error.
      const out = await client.send(notFoundExpected(new DescribeCacheClustersCommand({ CacheClusterId: cacheClusterId, ShowCacheNodeInfo: true })), {
        abortSignal: options.abortSignal,
      });
      cluster = out.CacheClusters?.[0];
    } catch (err) {
      if (!isClusterNotFound(err) || options.abortSignal?.aborted) throw err;
    }
    const status = cluster?.CacheClusterStatus ?? 'not listed yet';
    options.onStatus?.(status);
    if (cluster && isAvailable(status)) return cluster;
    if (cluster && !canBecomeAvailable(status)) throw new Error(`Cluster ${cacheClusterId} is ${status}.`);
    if (Date.now() > deadline) throw new Error(`Cluster ${cacheClusterId} is still ${status} after ${Math.round(options.timeoutMs / 1000)} s.`);
    if (options.abortSignal?.aborted) throw new Error('Cancelled.');
    await new Promise((r) => setTimeout(r, interval));
    interval = Math.min(interval * 1.5, 15_000);
  }
}

/**
 * A cluster as a new request file's text (Open as Request File), with its tags (ListTagsForResource on its ARN; the
 * service answers it for available clusters only) and what the file does not carry over, for the user to be told.
 */
export async function requestFromCluster(
  /** The connection's client: a getter, since resolving it may fail too (then the tags are said to be missing). */
  client: () => Promise<ElastiCacheClient>,
  cluster: CacheCluster,
  options: { includePort?: boolean; cacheClusterId?: string },
): Promise<{ text: string; notCarried: string[] }> {
  const tagged: RequestFromClusterOptions = { ...options };
  if (!cluster.ARN) tagged.tagsProblem = 'the cluster has no ARN to list them by';
  else {
    try {
      const { ListTagsForResourceCommand } = await loadSdk();
      const listed = (await (await client()).send(new ListTagsForResourceCommand({ ResourceName: cluster.ARN }))).TagList ?? [];
      const { tags, reservedKeys } = requestTags(listed);
      tagged.tags = tags;
      if (reservedKeys.length > 0) tagged.reservedTagKeys = reservedKeys;
    } catch (err) {
      tagged.tagsProblem = `could not be listed: ${describeFailure(err).message}`;
    }
  }
  return { text: requestFileText(cluster, { ...tagged, cacheClusterId: options.cacheClusterId }), notCarried: notCarriedOver(cluster, tagged) };
}

/**
 * The listed tags a request can carry, and the keys of those it cannot: keys with the prefix reserved for AWS use
 * (LIMITS.tagKeyReservedPrefix), which AWS sets itself (CloudFormation's `aws:cloudformation:stack-name`, …) and a
 * request may not (the tags rule's error; ElastiCache refuses it).
 */
export function requestTags(listed: readonly Tag[]): { tags: Tag[]; reservedKeys: string[] } {
  const reserved = (t: Tag) => t.Key?.startsWith(LIMITS.tagKeyReservedPrefix) === true;
  return { tags: listed.filter((t) => !reserved(t)), reservedKeys: listed.filter(reserved).map((t) => t.Key!) };
}
