// The explorer's tree as plain data: connection roots, clusters (paged with the SDK paginator), their nodes,
// and error/info items. Polls transitional clusters and reports exactly which item changed. No VS Code imports,
// so it is tested in node against the real local endpoint.
import type {
  CacheCluster,
  CacheNode,
  DeleteCacheClusterCommand,
  DeleteCacheClusterCommandOutput,
  ElastiCacheClient,
  RebootCacheClusterCommand,
  RebootCacheClusterCommandOutput,
} from '@aws-sdk/client-elasticache';
import { atPlace, isTransitional } from './clusterView';
import { type Connection, loadSdk, notFoundExpected } from './connections';
import { type Failure, describeFailure, isClusterNotFound } from './errors';

export interface ConnectionItem {
  type: 'connection';
  id: string;
  connection: Connection;
}

export interface ClusterItem {
  type: 'cluster';
  id: string;
  connection: Connection;
  /** Replaced in place when the cluster changes, so the item keeps its identity in the view. */
  cluster: CacheCluster;
  /**
   * A replication group member's role (`primary`, `replica`: NodeGroupMembers' CurrentRole) as of the connection's
   * last listing; undefined for a standalone cluster, or when the group did not say (cluster mode enabled, creating).
   */
  role?: string;
}

export interface CacheNodeItem {
  type: 'cacheNode';
  id: string;
  cluster: ClusterItem;
  node: CacheNode;
}

export interface ItemAction {
  command: string;
  title: string;
}

export interface MessageItem {
  type: 'message';
  id: string;
  connection: Connection;
  /** The whole sentence: the row's label, or its tooltip when there is a `label`. */
  message: string;
  /** A few words for the row when `message` would be cut off at the default sidebar width. */
  label?: string;
  failure?: Failure;
  action?: ItemAction;
  /** The connection's clusters are being listed (the row is replaced when they are). */
  loading?: boolean;
}

export type ExplorerItem = ConnectionItem | ClusterItem | CacheNodeItem | MessageItem;

export interface ExplorerDeps {
  /** The roots, in order (Local first). A Local connection without `endpoint` means "not running". */
  connections(): Promise<Connection[]>;
  client(connection: Connection): Promise<ElastiCacheClient>;
  /** `undefined` means "the whole tree". */
  onDidChange(item: ExplorerItem | undefined): void;
  pageSize?: number;
  /**
   * How long children() waits for a connection's listing before it answers with a loading row instead, and tells
   * onDidChange once the listing is done. The view asks for all connections together and shows none until all have
   * answered, so a slow connection (e.g. credentials that take long) must not hold the others. Undefined: waits.
   */
  loadingRowAfterMs?: number;
}

/** How cluster rows are ordered: by id, digits compared as numbers. */
const CLUSTER_ID_ORDER = new Intl.Collator('en', { numeric: true });

export const commandForAction: Record<Failure['action'], ItemAction> = {
  configure: { command: 'elasticache.configureProfile', title: 'Configure AWS Profile…' },
  retry: { command: 'elasticache.refresh', title: 'Retry' },
  startLocal: { command: 'elasticache.startLocalEndpoint', title: 'Start Local Endpoint' },
};

export interface MessageRow {
  /** Short: the tree cuts long labels off, and a failure's action must stay in sight. */
  label: string;
  description?: string;
  tooltip: string;
  /** `error.<action>` (error.configure, error.retry, error.startLocal) for failures, `message` otherwise. */
  contextValue: string;
}

/**
 * How a message item shows in the tree. A failure shows its short title ("No AWS credentials") with the explanation
 * beside it and the whole message in the tooltip; its fix is the click and an inline action (see package.json).
 */
export function messageRow(item: MessageItem): MessageRow {
  const click = item.action ? `\n\nClick: ${item.action.title}` : '';
  if (item.failure) {
    return {
      label: item.failure.title,
      description: item.failure.explanation ?? item.failure.message,
      tooltip: `${item.failure.message}${click}`,
      contextValue: `error.${item.failure.action}`,
    };
  }
  return { label: item.label ?? item.message, description: item.action?.title, tooltip: `${item.message}${click}`, contextValue: 'message' };
}

interface ConnectionState {
  item: ConnectionItem;
  /** Undefined until listed (or after refresh). */
  clusters?: Map<string, ClusterItem>;
  message?: MessageItem;
  /** The listing in flight; a refresh drops it, so that its (older) result is not applied. */
  loading?: Promise<void>;
  /** A loading row was shown for the listing in flight: the view is told when it is done. */
  loadingRowShown?: boolean;
}

export class ExplorerModel {
  private states = new Map<string, ConnectionState>();
  private rootsCache: ConnectionItem[] | undefined;

  constructor(private readonly deps: ExplorerDeps) {}

  async roots(): Promise<ConnectionItem[]> {
    if (!this.rootsCache) {
      const connections = await this.deps.connections();
      const next = new Map<string, ConnectionState>();
      for (const c of connections) {
        const old = this.states.get(c.id);
        const same = old && JSON.stringify(old.item.connection) === JSON.stringify(c);
        next.set(c.id, same ? old : { item: { type: 'connection', id: c.id, connection: c } });
      }
      this.states = next;
      this.rootsCache = [...next.values()].map((s) => s.item);
    }
    return this.rootsCache;
  }

  async children(item?: ExplorerItem): Promise<ExplorerItem[]> {
    if (!item) return this.roots();
    switch (item.type) {
      case 'connection':
        return this.connectionChildren(item);
      case 'cluster':
        return (item.cluster.CacheNodes ?? []).map((node) => ({
          type: 'cacheNode' as const,
          id: `${item.id}/${node.CacheNodeId ?? ''}`,
          cluster: item,
          node,
        }));
      default:
        return [];
    }
  }

  /** Forget cached data for one connection (or everything) and tell the view. */
  refresh(item?: ExplorerItem): void {
    if (item && item.type !== 'connection' && item.type !== 'message') {
      this.refresh(this.states.get(item.type === 'cluster' ? item.connection.id : item.cluster.connection.id)?.item);
      return;
    }
    const state = item ? this.states.get(item.type === 'connection' ? item.id : item.connection.id) : undefined;
    if (state) {
      forget(state);
      this.deps.onDidChange(state.item);
    } else {
      this.rootsCache = undefined;
      for (const s of this.states.values()) forget(s);
      this.deps.onDidChange(undefined);
    }
  }

  findCluster(connectionId: string, cacheClusterId: string): ClusterItem | undefined {
    return this.states.get(connectionId)?.clusters?.get(cacheClusterId);
  }

  /** The failure the last listing of a connection ended with, if it failed. */
  failureOf(connectionId: string): Failure | undefined {
    return this.states.get(connectionId)?.message?.failure;
  }

  findConnection(connectionId: string): ConnectionItem | undefined {
    return this.states.get(connectionId)?.item;
  }

  /** Clusters currently listed, for every connection that has been expanded. */
  listedClusters(): ClusterItem[] {
    return [...this.states.values()].flatMap((s) => [...(s.clusters?.values() ?? [])]);
  }

  hasTransitional(): boolean {
    return this.listedClusters().some((c) => isTransitional(c.cluster.CacheClusterStatus));
  }

  /**
   * Make sure a cluster (e.g. one just created) is listed under its connection, describing it directly so that
   * it appears without re-listing the region. Returns its item.
   */
  async track(connection: Connection, cacheClusterId: string): Promise<ClusterItem | undefined> {
    await this.roots();
    const state = this.states.get(connection.id);
    if (!state) return undefined;
    if (!state.clusters && isRunning(connection)) {
      // Its last listing failed, yet a call on it just went through: listed again (recheck), so that its row and its
      // mark in the pickers (failureOf) say how it answers now.
      if (state.message) await this.recheck(connection);
      else await this.listing(state);
    }
    // Not listed (the listing failed, and its row says why): nothing to add the cluster to.
    if (!state.clusters) return undefined;
    // Described even when just listed: a listing that started before the create may not have it.
    const cluster = await this.describeOne(connection, cacheClusterId);
    // A refresh during the describe forgets the listing; the next listing shows the cluster as it is then.
    const clusters = state.clusters;
    if (!clusters) return undefined;
    const existing = clusters.get(cacheClusterId);
    if (!cluster) {
      // Already gone (a Local delete can finish before the first describe): drop its row now, not never.
      if (existing && clusters.delete(cacheClusterId)) this.deps.onDidChange(state.item);
      return undefined;
    }
    if (existing) {
      existing.cluster = cluster;
      this.deps.onDidChange(existing);
      return existing;
    }
    const item = this.clusterItem(connection, cluster);
    clusters.set(cacheClusterId, item);
    this.deps.onDidChange(state.item);
    return item;
  }

  /**
   * Sends a call on one listed cluster (a delete, a reboot) on its connection's client. When the service answers that
   * the cluster does not exist (deleted meanwhile, elsewhere), its connection is listed afresh, which drops the row,
   * and the answer is the sentence that says so instead of an error; the API log has that answer as expected (info),
   * without the advice to refresh the explorer that this does. Other failures are thrown as they are.
   */
  async unlessGone(connection: Connection, cacheClusterId: string, command: RebootCacheClusterCommand): Promise<{ value: RebootCacheClusterCommandOutput } | { gone: string }>;
  async unlessGone(connection: Connection, cacheClusterId: string, command: DeleteCacheClusterCommand): Promise<{ value: DeleteCacheClusterCommandOutput } | { gone: string }>;
  async unlessGone(
    connection: Connection,
    cacheClusterId: string,
    command: RebootCacheClusterCommand | DeleteCacheClusterCommand,
  ): Promise<{ value: RebootCacheClusterCommandOutput | DeleteCacheClusterCommandOutput } | { gone: string }> {
    const client = await this.deps.client(connection);
    // The SDK types send() per command; the overloads above keep each caller's output type.
    const send = client.send.bind(client) as (c: typeof command) => Promise<RebootCacheClusterCommandOutput | DeleteCacheClusterCommandOutput>;
    try {
      return { value: await this.callOn(connection, () => send(notFoundExpected(command))) };
    } catch (err) {
      if (!isClusterNotFound(err)) throw err;
      const state = this.states.get(connection.id);
      if (state) this.refresh(state.item);
      return { gone: `${cacheClusterId} no longer exists ${atPlace(connection)}; the explorer is refreshed.` };
    }
  }

  /**
   * Runs a call on a connection (a create, a delete, a reboot). When it fails other than by the service's answer (the
   * network, the credentials…), the connection is listed afresh in the background (recheck): what its row and its
   * mark in the pickers say follows how it answers now, not how its last listing did. The failure is thrown as it is.
   */
  async callOn<T>(connection: Connection, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      // A service error (InvalidParameterValue, CacheClusterNotFound…) is the connection answering.
      if (describeFailure(err).kind !== 'service') void this.recheck(connection).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Lists a connection afresh now, without waiting for the view to ask, and tells the view once listed. The rows
   * listed so far stay meanwhile, and keep their items. Nothing when it is not in the tree, or is a Local endpoint
   * that is not running (nothing to list).
   */
  async recheck(connection: Connection): Promise<void> {
    await this.roots();
    const state = this.states.get(connection.id);
    if (!state || !isRunning(state.item.connection)) return;
    // A listing in flight may have started before the call: this one replaces it.
    state.loading = undefined;
    await this.listing(state);
    if (this.states.get(state.item.id) === state) this.deps.onDidChange(state.item);
  }

  /**
   * Describe every transitional cluster once; update the items that changed (one change event each) and drop the
   * ones that are gone. Returns whether any listed cluster is still transitional.
   */
  async poll(): Promise<boolean> {
    for (const state of this.states.values()) {
      if (!state.clusters) continue;
      const transitional = [...state.clusters.values()].filter((c) => isTransitional(c.cluster.CacheClusterStatus));
      let removed = false;
      for (const item of transitional) {
        let fresh: CacheCluster | undefined;
        try {
          fresh = await this.describeOne(state.item.connection, item.cluster.CacheClusterId ?? '');
        } catch {
          continue; // Transient failure: keep the item as it is and try again on the next tick.
        }
        // A refresh during the describe forgets the listing (or a new listing replaced the item): nothing to update.
        const clusters = state.clusters;
        if (!clusters) break;
        if (clusters.get(item.cluster.CacheClusterId ?? '') !== item) continue;
        if (!fresh) {
          clusters.delete(item.cluster.CacheClusterId ?? '');
          removed = true;
        } else if (fingerprint(fresh) !== fingerprint(item.cluster)) {
          item.cluster = fresh;
          this.deps.onDidChange(item);
        }
      }
      if (removed) this.deps.onDidChange(state.item);
    }
    return this.hasTransitional();
  }

  private async connectionChildren(item: ConnectionItem): Promise<ExplorerItem[]> {
    const state = this.states.get(item.id) ?? { item };
    this.states.set(item.id, state);
    if (!isRunning(item.connection)) {
      return [
        {
          type: 'message',
          id: `${item.id}/#message`,
          connection: item.connection,
          message: 'The Local endpoint is not running.',
          action: commandForAction.startLocal,
        },
      ];
    }
    if (!state.clusters && !state.message) {
      const listing = this.listing(state);
      const wait = this.deps.loadingRowAfterMs;
      if (wait !== undefined && !(await settlesWithin(listing, wait))) {
        state.loadingRowShown = true;
        return [{ type: 'message', id: `${item.id}/#loading`, connection: item.connection, message: 'Listing cache clusters…', loading: true }];
      }
      await listing;
    }
    if (state.message) return [state.message];
    // By id, numbers by value (node-3 before node-20): the service lists clusters in no documented order.
    const clusters = [...(state.clusters?.values() ?? [])].sort((a, b) => CLUSTER_ID_ORDER.compare(a.cluster.CacheClusterId ?? '', b.cluster.CacheClusterId ?? ''));
    if (clusters.length === 0) {
      return [
        {
          type: 'message',
          id: `${item.id}/#empty`,
          connection: item.connection,
          // Short, so that "Create Cache Cluster…" beside it stays in sight: the connection row above names the Region.
          label: 'No clusters',
          // The Local endpoint has no Region: any Region's request creates there.
          message: item.connection.kind === 'local' ? 'No cache clusters on the Local endpoint.' : `No cache clusters in ${item.connection.region}.`,
          action: { command: 'elasticache.createCluster', title: 'Create Cache Cluster…' },
        },
      ];
    }
    return clusters;
  }

  /** The connection's listing: the one in flight, or a new one. */
  private listing(state: ConnectionState): Promise<void> {
    if (!state.loading) {
      let loading: Promise<void> | undefined;
      loading = this.load(state, () => state.loading === loading).finally(() => {
        if (state.loading !== loading) return;
        state.loading = undefined;
        // Only while the connection is still in the tree (its profile or Region may have changed meanwhile).
        if (state.loadingRowShown && this.states.get(state.item.id) === state) this.deps.onDidChange(state.item);
        state.loadingRowShown = false;
      });
      state.loading = loading;
    }
    return state.loading;
  }

  /** Lists the connection's clusters into `state`, unless `current()` says a refresh dropped this listing meanwhile. */
  private async load(state: ConnectionState, current: () => boolean): Promise<void> {
    const connection = state.item.connection;
    try {
      const clusters = new Map<string, ClusterItem>();
      const client = await this.deps.client(connection);
      const { paginateDescribeCacheClusters } = await loadSdk();
      const pages = paginateDescribeCacheClusters({ client, pageSize: this.deps.pageSize ?? 100 }, { ShowCacheNodeInfo: true });
      for await (const page of pages) {
        for (const c of page.CacheClusters ?? []) {
          const id = c.CacheClusterId ?? '';
          const old = state.clusters?.get(id);
          if (old) old.cluster = c;
          clusters.set(id, old ?? this.clusterItem(connection, c));
        }
      }
      const roles = await memberRoles(client, [...clusters.values()].map((item) => item.cluster));
      for (const item of clusters.values()) item.role = roles.get(item.cluster.CacheClusterId ?? '');
      if (!current()) return;
      state.clusters = clusters;
      state.message = undefined;
    } catch (err) {
      if (!current()) return;
      const failure = describeFailure(err);
      state.clusters = undefined;
      state.message = {
        type: 'message',
        id: `${state.item.id}/#error`,
        connection,
        message: failure.message,
        failure,
        action: commandForAction[failure.action],
      };
    }
  }

  private clusterItem(connection: Connection, cluster: CacheCluster): ClusterItem {
    return { type: 'cluster', id: `${connection.id}/${cluster.CacheClusterId ?? ''}`, connection, cluster };
  }

  private async describeOne(connection: Connection, cacheClusterId: string): Promise<CacheCluster | undefined> {
    const client = await this.deps.client(connection);
    const { DescribeCacheClustersCommand } = await loadSdk();
    try {
      const out = await client.send(notFoundExpected(new DescribeCacheClustersCommand({ CacheClusterId: cacheClusterId, ShowCacheNodeInfo: true })));
      return out.CacheClusters?.[0];
    } catch (err) {
      if (isClusterNotFound(err)) return undefined;
      throw err;
    }
  }
}

/**
 * The role of each member cluster of the listed clusters' replication groups (id → `primary` / `replica`), from one
 * DescribeReplicationGroups listing of the connection's groups (paged, 100 a page), and only when some listed cluster
 * is a member: the poll does not call it. A failure (e.g. a policy without DescribeReplicationGroups) leaves the roles
 * unknown; the listing of clusters stands.
 */
async function memberRoles(client: ElastiCacheClient, clusters: readonly CacheCluster[]): Promise<Map<string, string>> {
  const roles = new Map<string, string>();
  if (!clusters.some((c) => c.ReplicationGroupId)) return roles;
  try {
    const { paginateDescribeReplicationGroups } = await loadSdk();
    for await (const page of paginateDescribeReplicationGroups({ client, pageSize: 100 }, {})) {
      for (const group of page.ReplicationGroups ?? []) {
        for (const member of (group.NodeGroups ?? []).flatMap((g) => g.NodeGroupMembers ?? [])) {
          if (member.CacheClusterId && member.CurrentRole) roles.set(member.CacheClusterId, member.CurrentRole);
        }
      }
    }
  } catch {
    // The roles are extra: the rows show without them.
  }
  return roles;
}

/** Drops a connection's listed clusters, its error and its listing in flight: the next look lists afresh. */
function forget(state: ConnectionState): void {
  state.clusters = undefined;
  state.message = undefined;
  state.loading = undefined;
  state.loadingRowShown = false;
}

/** A Local connection without an endpoint is the Local endpoint not running (nothing to list). */
function isRunning(connection: Connection): boolean {
  return connection.kind !== 'local' || !!connection.endpoint;
}

/** Whether `promise` settles within `ms` (it is left running either way). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

function fingerprint(c: CacheCluster): string {
  return JSON.stringify([
    c.CacheClusterStatus,
    c.NumCacheNodes,
    c.EngineVersion,
    c.CacheNodeType,
    c.ConfigurationEndpoint,
    (c.CacheNodes ?? []).map((n) => [n.CacheNodeId, n.CacheNodeStatus, n.Endpoint?.Address, n.Endpoint?.Port]),
  ]);
}

/**
 * Runs `tick` while it reports more work, only while visible, with a growing delay (backoff) that resets on
 * `kick()` (a create, a reboot, a refresh).
 */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private delay: number;
  private visible = true;
  private active = false;
  private running = false;

  constructor(
    private readonly tick: () => Promise<boolean>,
    private readonly options: { initialMs: number; maxMs: number; factor: number } = { initialMs: 1000, maxMs: 30_000, factor: 1.5 },
  ) {
    this.delay = options.initialMs;
  }

  /** Start (or restart) polling from the shortest delay. */
  kick(): void {
    this.active = true;
    this.delay = this.options.initialMs;
    this.schedule();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.clear();
    else if (this.active) this.schedule();
  }

  get isActive(): boolean {
    return this.active;
  }

  get nextDelayMs(): number {
    return this.delay;
  }

  dispose(): void {
    this.active = false;
    this.clear();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.clear();
    if (!this.active || !this.visible || this.running) return;
    this.timer = setTimeout(() => void this.run(), this.delay);
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    let more = false;
    try {
      more = await this.tick();
    } catch {
      more = true;
    } finally {
      this.running = false;
    }
    this.active = more && this.active;
    this.delay = Math.min(this.options.maxMs, Math.round(this.delay * this.options.factor));
    this.schedule();
  }
}
