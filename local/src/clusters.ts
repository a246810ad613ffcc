// The ElastiCache actions of the local endpoint, on SDK-shaped inputs and outputs (the Query protocol is
// handled in queryProtocol.ts). Clusters are persisted in the state file; their nodes are real processes.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ApiError } from './queryProtocol';
import type { CallerScope } from './sigv4';
import {
  availabilityZones,
  nodeAvailabilityZones,
  defaultEngineVersion,
  engineNames,
  engineVersions,
  findEngineVersion,
  defaultParameterGroupFacts,
  maxTags,
  type EngineName,
  type EngineVersionFact,
} from './engineFacts';
import {
  adoptNode,
  ensureTlsCertificate,
  runsExecutable,
  freePort,
  portIsFree,
  isAlive,
  missingBinaryMessage,
  spawnNode,
  stopNode,
  waitUntilReady,
  writeNodeConfig,
  readRedisPassword,
  type NodeAddress,
  type NodeBinaries,
  type NodeKind,
  type RunningNode,
} from './nodes';
import { ConfigEndpoint } from './configEndpoint';
import { LOCAL_FAILED_STATUS } from '../../server/src/model/clusterStatus';
import { StateStore, type ClusterState, type LogDelivery, type NodeState, type ReplicationGroupState, type StateFile, type Tag } from './state';
import { CLUSTER_MODE_GROUP_SUFFIX, LIMITS, compareVersions, partitionOfRegion } from '../../server/src/model/facts';
import { clusterModeReasons, replicationGroupNodes } from '../../server/src/model/replicationGroupNodes';

export const accountId = '000000000000';

/** An ElastiCache ARN in the caller's Region, with that Region's partition (`arn:aws-cn:…` in cn-north-1; SOURCES.arns). */
function elastiCacheArn(region: string, resource: string): string {
  return `arn:${partitionOfRegion(region) ?? 'aws'}:elasticache:${region}:${accountId}:${resource}`;
}
const readyTimeoutMs = 10_000;
/**
 * Delete and reboot answer (with `deleting` / `rebooting cache cluster nodes`, as AWS does) once their work is
 * done or after this long, so that SDK waiters usually succeed on their first poll instead of sleeping 15 s.
 */
const settleWaitMs = 5_000;

function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    p.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
const maxTagsPerResource = maxTags;

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

interface EngineSettings {
  engine: EngineName;
  version: EngineVersionFact;
  parameterGroup: string;
  authToken?: string;
  transit: boolean;
}

interface ManagerOptions {
  dataDir: string;
  /** Address nodes listen on. */
  bindHost: string;
  /** Address reported in node Endpoints. */
  advertisedHost: string;
  binaries: NodeBinaries;
  log: (line: string) => void;
}

const nodeKind = (engine: EngineName): NodeKind => (engine === 'memcached' ? 'memcached' : 'redis');

/**
 * A page of items in their given order; the Marker names the last item returned. A Marker whose item has gone (a
 * deleted cluster) continues after where it sorted, so items that can go must come in the order of their keys
 * (inKeyOrder). MaxRecords outside 20–100 never gets here: the language service's member-range rule refuses it
 * (validateRequest), as it does in the editor.
 */
function pageOf<T>(items: T[], input: Input, key: (item: T) => string): { page: T[]; marker?: string } {
  const size = (input.MaxRecords as number | undefined) ?? 100;
  let start = 0;
  if (input.Marker !== undefined) {
    const after = Buffer.from(String(input.Marker), 'base64url').toString('utf8');
    const at = items.findIndex((item) => key(item) === after);
    // The marker's item may have gone (deleted cluster): continue after where it sorted.
    start = at >= 0 ? at + 1 : items.findIndex((item) => key(item) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + size);
  const more = start + size < items.length;
  return { page, marker: more ? Buffer.from(key(page[page.length - 1]), 'utf8').toString('base64url') : undefined };
}

/** Items sorted by a paging key: clusters are recorded in the order their creates finish, not of their create times. */
function inKeyOrder<T>(items: T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((k) => k.item);
}

/** The paging key of clusters and replication groups: creation time, then ID. */
const creationKey = (resource: { createTime: string; id: string }) => `${resource.createTime}\u0000${resource.id}`;

export class ClusterManager {
  private state: StateFile = { version: 1, clusters: [], replicationGroups: [], resourceTags: {} };
  private readonly store: StateStore;
  /** Running node processes by `${clusterId}/${nodeId}`. */
  private readonly running = new Map<string, RunningNode>();
  /** Nodes being stopped on purpose (delete, reboot, shutdown): their exit is not a crash. */
  private readonly stopping = new Set<string>();
  private readonly busy = new Set<Promise<unknown>>();
  private closed = false;
  private readonly reservedPorts = new Set<number>();
  /** Problems found while opening the data directory, for the caller to show. */
  readonly warnings: string[] = [];
  /** Memcached ConfigurationEndpoints by cluster ID. */
  private readonly configEndpoints = new Map<string, ConfigEndpoint>();
  /** Replication groups whose create is under way (not recorded yet), by ID. */
  private readonly groupsBeingCreated = new Set<string>();
  /**
   * Cluster IDs a create under way will record (a CreateCacheCluster's, a replication group's members'), held from the
   * create's first step: two creates of one ID would write the same nodes' configuration files.
   */
  private readonly clusterIdsBeingCreated = new Set<string>();

  /** Throws CacheClusterAlreadyExists when one of `ids` is taken or being created; else holds them until `release`. */
  private holdClusterIds(ids: readonly string[], taken: (id: string) => string): void {
    const busy = ids.find((id) => this.clusterIdsBeingCreated.has(id) || this.state.clusters.some((c) => c.id === id));
    if (busy !== undefined) throw ApiError.of('CacheClusterAlreadyExistsFault', taken(busy));
    for (const id of ids) this.clusterIdsBeingCreated.add(id);
  }

  private releaseClusterIds(ids: readonly string[]): void {
    for (const id of ids) this.clusterIdsBeingCreated.delete(id);
  }
  /** Recent unexpected exits per node, to stop restarting a node that cannot run. */
  private readonly crashes = new Map<string, number[]>();
  /** Nodes being restarted (reboot, crash): their cluster settles once none of its nodes is left here. */
  private readonly restarting = new Set<string>();

  constructor(private readonly opts: ManagerOptions) {
    this.store = new StateStore(opts.dataDir);
  }

  // ---- lifecycle ---------------------------------------------------------------------------------------------

  /** Loads the state and brings every cluster back: adopts nodes still running, restarts the others on their ports. */
  async open(): Promise<void> {
    this.state = await this.store.load((message) => {
      this.warnings.push(message);
      this.opts.log(message);
    });
    for (const c of this.state.clusters) {
      for (const n of c.nodes) this.reservedPorts.add(n.port);
      if (c.configPort) this.reservedPorts.add(c.configPort);
    }
    await Promise.all(
      this.state.clusters.map(async (cluster) => {
        if (cluster.status === 'deleting') {
          // A member of a group being deleted goes with its group (finishGroupDelete, below).
          if (!this.state.replicationGroups?.some((g) => g.id === cluster.replicationGroupId && g.status === 'deleting')) this.track(this.finishDelete(cluster));
          return;
        }
        await Promise.all(cluster.nodes.map((node) => this.recoverNode(cluster, node)));
        await this.startConfigEndpoint(cluster).catch((err) => this.opts.log(`configuration endpoint of ${cluster.id}: ${(err as Error).message}`));
        await this.settle(cluster);
      }),
    );
    for (const group of this.groups()) {
      if (group.status === 'deleting') this.track(this.finishGroupDelete(group));
      else if (group.status === 'creating') this.settleGroup(group);
    }
    await this.save();
  }

  /** Stops every node this endpoint runs (SIGTERM, then SIGKILL) and waits for them. State stays on disk. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.busy]);
    await Promise.all(
      [...this.running.entries()].map(async ([key, node]) => {
        this.stopping.add(key);
        await stopNode(node);
      }),
    );
    await Promise.all([...this.configEndpoints.values()].map((c) => c.stop()));
    this.configEndpoints.clear();
    for (const c of this.state.clusters) for (const n of c.nodes) n.pid = undefined;
    this.running.clear();
    await this.save();
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.busy.add(p);
    const done = () => this.busy.delete(p);
    p.then(done, done);
    return p;
  }

  private save(): Promise<void> {
    return this.store.save(this.state);
  }

  private nodeDir(cluster: ClusterState, node: NodeState): string {
    return path.join(this.opts.dataDir, 'clusters', cluster.id, node.id);
  }

  /** The executable for an engine's nodes, if installed. */
  private binaryPath(engine: EngineName): string | undefined {
    const b = this.opts.binaries;
    return engine === 'memcached' ? b.memcached : engine === 'valkey' ? (b.valkey ?? b.redis) : b.redis;
  }

  private binaryFor(engine: EngineName): string {
    const kind = nodeKind(engine);
    const binary = this.binaryPath(engine);
    if (!binary) throw ApiError.of('InsufficientCacheClusterCapacityFault', `The local endpoint cannot run ${engine} nodes: ${missingBinaryMessage(kind)}.`);
    return binary;
  }

  private async recoverNode(cluster: ClusterState, node: NodeState): Promise<void> {
    const key = `${cluster.id}/${node.id}`;
    if (node.pid && isAlive(node.pid)) {
      const binary = this.binaryPath(cluster.engine);
      const ours = binary !== undefined && (await runsExecutable(node.pid, binary)) !== false;
      // Adopted once it serves commands: a node still loading its AOF is waited for, not killed and reloaded.
      const ready = ours && (await waitUntilReady(await this.nodeAddress(cluster, node), readyTimeoutMs, () => !isAlive(node.pid) || this.closed));
      if (ready) {
        const adopted = adoptNode(node.pid);
        this.running.set(key, adopted);
        this.watch(cluster, node, adopted);
        this.opts.log(`adopted ${cluster.engine} node ${key} (pid ${node.pid}, port ${node.port})`);
        return;
      }
      if (ours) {
        try {
          process.kill(node.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    node.pid = undefined;
    try {
      await this.startNode(cluster, node);
    } catch (err) {
      this.opts.log(`could not restart node ${key}: ${(err as Error).message}`);
    }
  }

  private async nodeConfig(cluster: ClusterState, node: NodeState, authToken?: string) {
    return {
      kind: nodeKind(cluster.engine),
      dir: this.nodeDir(cluster, node),
      host: this.opts.bindHost,
      port: node.port,
      authToken,
      tls: cluster.transitEncryptionEnabled ? await ensureTlsCertificate(this.opts.dataDir) : undefined,
    };
  }

  /** Where a node's clients reach it, for the readiness probe. */
  private async nodeAddress(cluster: ClusterState, node: NodeState): Promise<NodeAddress> {
    return { ...(await this.nodeConfig(cluster, node)), host: this.opts.advertisedHost };
  }

  /** Writes a new node's configuration (the AuthToken lives only there), before the cluster is recorded. */
  private async writeConfig(cluster: ClusterState, node: NodeState, authToken?: string, replicaOf?: { host: string; port: number }): Promise<void> {
    await writeNodeConfig({ ...(await this.nodeConfig(cluster, node, authToken)), replicaOf });
  }

  /**
   * Starts a node process on its recorded port (with its written configuration) and waits until it serves
   * commands (a Redis/Valkey node accepts connections before it has loaded its AOF). Only then is it running (what
   * settle() counts as up); one that exits first, or runs without serving commands within waitUntilReady's limits,
   * is stopped and the reason thrown, so that its cluster ends LOCAL_FAILED_STATUS (`restore-failed`) instead of `available`.
   */
  private async startNode(cluster: ClusterState, node: NodeState): Promise<void> {
    const binary = this.binaryFor(cluster.engine);
    const cfg = await this.nodeConfig(cluster, node);
    const dir = cfg.dir;
    // Written afresh from the recorded state at every start, never run as found: a redis.conf in the data directory
    // may not be the endpoint's (one in a repository could `loadmodule` native code). Only the password is carried
    // over from it (the AuthToken lives nowhere else; a cluster recorded by an older version may have none).
    const password = cfg.kind === 'redis' ? await readRedisPassword(dir) : undefined;
    await writeNodeConfig({ ...cfg, authToken: password, replicaOf: this.primaryAddressOf(cluster) });
    const proc = await spawnNode(cfg, binary);
    const key = `${cluster.id}/${node.id}`;
    // Recorded at once, so that an endpoint restarted meanwhile finds the process (to adopt or to stop it).
    node.pid = proc.pid;
    await this.save();
    this.watch(cluster, node, proc);
    const up = await waitUntilReady({ ...cfg, host: this.opts.advertisedHost }, readyTimeoutMs, () => proc.hasExited() || this.closed);
    if (up && !proc.hasExited() && !this.closed) {
      this.running.set(key, proc);
      return;
    }
    // Never running for watch(): its exit is no crash to restart. Stopped here, or it would hold its port unseen.
    const exited = proc.hasExited();
    await stopNode(proc);
    node.pid = undefined;
    await this.save();
    if (this.closed) return;
    let tail = '';
    try {
      tail = (await fs.readFile(path.join(dir, 'node.log'), 'utf8')).trim().split('\n').slice(-3).join(' | ');
    } catch {
      // no log
    }
    const what = exited ? 'exited before it served commands' : `did not serve commands within ${readyTimeoutMs / 1000} s and was stopped`;
    throw new Error(`${path.basename(binary)} on port ${node.port} ${what}${tail ? `; its log (${path.join(dir, 'node.log')}) ends: ${tail}` : ''}`);
  }

  /** Where a replica's primary listens (its `replicaof`): the node of its group's primary cluster; none for others. */
  private primaryAddressOf(cluster: ClusterState): { host: string; port: number } | undefined {
    const group = cluster.replicationGroupId === undefined ? undefined : this.groups().find((g) => g.id === cluster.replicationGroupId);
    if (!group || group.primaryClusterId === cluster.id) return undefined;
    const primary = this.state.clusters.find((c) => c.id === group.primaryClusterId)?.nodes[0];
    return primary && { host: this.opts.advertisedHost, port: primary.port };
  }

  /** Restarts a node that exits without being asked to (crash, OOM kill), once its cluster is settled. */
  private watch(cluster: ClusterState, node: NodeState, proc: RunningNode): void {
    const key = `${cluster.id}/${node.id}`;
    void proc.exited.then(() => {
      if (this.running.get(key) !== proc) return;
      this.running.delete(key);
      if (this.stopping.has(key) || this.closed || !this.state.clusters.includes(cluster)) return;
      node.pid = undefined;
      const now = Date.now();
      const recent = (this.crashes.get(key) ?? []).filter((t) => now - t < 60_000);
      recent.push(now);
      this.crashes.set(key, recent);
      if (recent.length > 3) {
        this.opts.log(`node ${key} keeps exiting; giving up (see ${path.join(this.nodeDir(cluster, node), 'node.log')})`);
        cluster.status = LOCAL_FAILED_STATUS;
        this.save().catch((err: Error) => this.opts.log(`could not save the state: ${err.message}`));
        return;
      }
      this.opts.log(`node ${key} exited unexpectedly; restarting it on port ${node.port}`);
      // While it restarts, the cluster is `rebooting cache cluster nodes`, AWS's status for a node "being rebooted
      // because of … an Amazon ElastiCache process that requires the rebooting of the node" (Nodes.viewing.html).
      this.restarting.add(key);
      if (cluster.status === 'available') {
        cluster.status = 'rebooting cache cluster nodes';
        this.save().catch((err: Error) => this.opts.log(`could not save the state: ${err.message}`));
      }
      setTimeout(() => {
        if (this.closed || !this.state.clusters.includes(cluster) || this.running.has(key)) {
          this.restarting.delete(key);
          return;
        }
        this.track(
          this.startNode(cluster, node)
            .catch((err) => this.opts.log(`restart of ${key} failed: ${(err as Error).message}`))
            // Available again, or restore-failed when it cannot start again (as at its create).
            .then(() => this.settleAfterRestart(cluster, [key])),
        );
      }, 200).unref();
    });
  }

  /** Memcached clusters: serve the ConfigurationEndpoint on its recorded port (another one if that is taken). */
  private async startConfigEndpoint(cluster: ClusterState): Promise<void> {
    if (cluster.engine !== 'memcached' || this.configEndpoints.has(cluster.id) || this.closed) return;
    const make = (port: number) =>
      new ConfigEndpoint({
        bindHost: this.opts.bindHost,
        advertisedHost: this.opts.advertisedHost,
        port,
        nodePorts: () => cluster.nodes.map((n) => n.port),
        engineVersion: () => cluster.engineVersion,
        tls: tlsFiles,
      });
    const tlsFiles = cluster.transitEncryptionEnabled ? await ensureTlsCertificate(this.opts.dataDir) : undefined;
    let endpoint = make(cluster.configPort ?? 0);
    try {
      cluster.configPort = await endpoint.start();
    } catch (err) {
      this.opts.log(`configuration endpoint of ${cluster.id} could not use port ${cluster.configPort}: ${(err as Error).message}; using another`);
      endpoint = make(0);
      cluster.configPort = await endpoint.start();
    }
    this.reservedPorts.add(cluster.configPort);
    this.configEndpoints.set(cluster.id, endpoint);
  }

  /** available when every node serves commands (startNode, recoverNode record only those as running), restore-failed otherwise. */
  private async settle(cluster: ClusterState): Promise<void> {
    const allUp = cluster.nodes.every((n) => this.running.has(`${cluster.id}/${n.id}`));
    cluster.status = allUp ? 'available' : LOCAL_FAILED_STATUS;
  }

  /** Ends a reboot (or a crash restart) of these nodes: the cluster settles once no node of it is restarting. */
  private async settleAfterRestart(cluster: ClusterState, keys: string[]): Promise<void> {
    for (const key of keys) this.restarting.delete(key);
    if (!this.state.clusters.includes(cluster) || cluster.status !== 'rebooting cache cluster nodes') return;
    if (cluster.nodes.some((n) => this.restarting.has(`${cluster.id}/${n.id}`))) return;
    await this.settle(cluster);
    await this.save();
  }

  /** A free port for a node: the requested one when it is free (first node only), else one the OS picks. */
  private async allocatePort(requested?: number): Promise<number> {
    if (requested !== undefined && !this.reservedPorts.has(requested) && (await portIsFree(this.opts.bindHost, requested))) {
      this.reservedPorts.add(requested);
      return requested;
    }
    for (;;) {
      const port = await freePort(this.opts.bindHost);
      if (!this.reservedPorts.has(port)) {
        this.reservedPorts.add(port);
        return port;
      }
    }
  }

  // ---- lookup helpers ---------------------------------------------------------------------------------------

  private find(id: unknown): ClusterState {
    const cluster = this.state.clusters.find((c) => c.id === String(id).toLowerCase());
    if (!cluster) throw ApiError.of('CacheClusterNotFoundFault', `CacheCluster not found: ${String(id)}`);
    return cluster;
  }

  private groups(): ReplicationGroupState[] {
    return (this.state.replicationGroups ??= []);
  }

  private findGroup(id: unknown, required: false): ReplicationGroupState | undefined;
  private findGroup(id: unknown, required?: true): ReplicationGroupState;
  private findGroup(id: unknown, required = true): ReplicationGroupState | undefined {
    const group = this.groups().find((g) => g.id === String(id).toLowerCase());
    if (!group && required) throw ApiError.of('ReplicationGroupNotFoundFault', `ReplicationGroup not found: ${String(id)}`);
    return group;
  }

  private nodeStatus(cluster: ClusterState, node: NodeState): string {
    if (cluster.status === 'creating' || cluster.status === 'deleting') return cluster.status;
    if (this.running.has(`${cluster.id}/${node.id}`)) return 'available';
    return cluster.status === 'rebooting cache cluster nodes' ? 'rebooting' : LOCAL_FAILED_STATUS;
  }

  /** The CacheCluster output shape (SDK member names; serialized by walking the model). */
  private describe(cluster: ClusterState, showNodes: boolean): Output {
    const endpoint = (port: number) => ({ Address: this.opts.advertisedHost, Port: port });
    return {
      CacheClusterId: cluster.id,
      ConfigurationEndpoint: cluster.engine === 'memcached' && cluster.nodes.length > 0 ? endpoint(cluster.configPort ?? cluster.nodes[0].port) : undefined,
      ClientDownloadLandingPage: 'https://console.aws.amazon.com/elasticache/home#client-download:',
      CacheNodeType: cluster.cacheNodeType,
      Engine: cluster.engine,
      EngineVersion: cluster.engineVersion,
      CacheClusterStatus: cluster.status,
      NumCacheNodes: cluster.nodes.length,
      PreferredAvailabilityZone: cluster.preferredAvailabilityZone,
      CacheClusterCreateTime: cluster.createTime,
      PreferredMaintenanceWindow: cluster.preferredMaintenanceWindow,
      PendingModifiedValues: {},
      NotificationConfiguration: cluster.notificationTopicArn ? { TopicArn: cluster.notificationTopicArn, TopicStatus: 'active' } : undefined,
      CacheSecurityGroups: cluster.cacheSecurityGroupNames.map((name) => ({ CacheSecurityGroupName: name, Status: 'active' })),
      CacheParameterGroup: { CacheParameterGroupName: cluster.cacheParameterGroupName, ParameterApplyStatus: 'in-sync', CacheNodeIdsToReboot: [] },
      CacheSubnetGroupName: cluster.cacheSubnetGroupName,
      CacheNodes: showNodes
        ? cluster.nodes.map((n) => ({
            CacheNodeId: n.id,
            CacheNodeStatus: this.nodeStatus(cluster, n),
            CacheNodeCreateTime: n.createTime,
            Endpoint: endpoint(n.port),
            ParameterGroupStatus: 'in-sync',
            CustomerAvailabilityZone: n.availabilityZone ?? cluster.preferredAvailabilityZone,
          }))
        : undefined,
      AutoMinorVersionUpgrade: cluster.autoMinorVersionUpgrade,
      SecurityGroups: cluster.securityGroupIds.map((id) => ({ SecurityGroupId: id, Status: 'active' })),
      SnapshotRetentionLimit: cluster.snapshotRetentionLimit,
      SnapshotWindow: cluster.snapshotWindow,
      AuthTokenEnabled: cluster.authTokenEnabled,
      AuthTokenLastModifiedDate: cluster.authTokenLastModifiedDate,
      TransitEncryptionEnabled: cluster.transitEncryptionEnabled,
      TransitEncryptionMode: cluster.transitEncryptionEnabled ? 'required' : undefined,
      AtRestEncryptionEnabled: false,
      ARN: cluster.arn,
      ReplicationGroupId: cluster.replicationGroupId,
      ReplicationGroupLogDeliveryEnabled: false,
      LogDeliveryConfigurations: (cluster.logDeliveryConfigurations ?? []).map((c) => ({ ...c, Status: 'active' })),
      PreferredOutpostArn: cluster.preferredOutpostArn,
      NetworkType: cluster.networkType ?? 'ipv4',
      IpDiscovery: cluster.ipDiscovery ?? 'ipv4',
    };
  }

  // ---- actions ----------------------------------------------------------------------------------------------

  async createCacheCluster(input: Input, caller: CallerScope): Promise<Output> {
    if (this.closed) throw new ApiError('ServiceUnavailable', 'The local endpoint is shutting down.', 503, 'Receiver');
    const id = String(input.CacheClusterId).toLowerCase();
    this.holdClusterIds([id], () => `Cache cluster ${id} already exists.`);
    try {
      return await this.createCluster(id, input, caller);
    } finally {
      this.releaseClusterIds([id]);
    }
  }

  private async createCluster(id: string, input: Input, caller: CallerScope): Promise<Output> {
    if (input.ReplicationGroupId !== undefined) {
      // Adding a cluster to a group as a replica is not something the endpoint does (create the group with replicas).
      throw ApiError.of(
        this.findGroup(input.ReplicationGroupId, false) ? 'InvalidParameterValueException' : 'ReplicationGroupNotFoundFault',
        this.findGroup(input.ReplicationGroupId, false)
          ? `The local endpoint does not add clusters to replication group ${String(input.ReplicationGroupId)}: give the group its replicas when creating it (CreateReplicationGroup NumCacheClusters or ReplicasPerNodeGroup).`
          : `Replication group ${String(input.ReplicationGroupId)} not found.`,
      );
    }
    const settings = await this.engineSettings(input);
    const numNodes = (input.NumCacheNodes as number | undefined) ?? 1;
    const cluster = await this.newCluster(id, input, settings, caller, numNodes);
    // Node configurations (with the AuthToken, which is never in the state file) are written before the cluster
    // is recorded, so a restart after a crash resumes a `creating` cluster with its token.
    await this.writeConfigs([{ cluster, authToken: settings.authToken }]);
    this.state.clusters.push(cluster);
    await this.save();

    // As on AWS, the reply says `creating`; the nodes start in the background and the cluster becomes
    // `available` once every node answers (`restore-failed` if one cannot start).
    this.track(this.launch(cluster).catch((err: Error) => this.opts.log(`cluster ${id}: ${err.message}`)));
    return { CacheCluster: this.describe(cluster, false) };
  }

  /**
   * What a create's engine members come to, checked against the endpoint's own state and facts: the engine, its
   * version (a parameter group without EngineVersion picks the latest of its family), the group, the AuthToken and
   * transit encryption; the binary and, for TLS, the certificate exist before anything is recorded.
   */
  private async engineSettings(input: Input): Promise<EngineSettings> {
    // Engine values, node counts and parameter-group families were checked by the language service's rules
    // (validateRequest, before this handler); what is left needs the endpoint's own state.
    if (input.Engine === undefined) throw ApiError.of('InvalidParameterValueException', `The parameter Engine must be provided (${engineNames.join(', ')}).`);
    const engine = String(input.Engine).toLowerCase() as EngineName;
    if (input.SnapshotArns !== undefined || input.SnapshotName !== undefined) {
      throw ApiError.of('InvalidParameterValueException', 'The local endpoint cannot restore from snapshots (SnapshotArns, SnapshotName).');
    }
    if (input.CacheSubnetGroupName !== undefined && input.CacheSubnetGroupName !== 'default') {
      throw ApiError.of('CacheSubnetGroupNotFoundFault', `Cache subnet group ${String(input.CacheSubnetGroupName)} not found.`);
    }
    const group = input.CacheParameterGroupName !== undefined ? defaultParameterGroupFacts().find((g) => g.name === input.CacheParameterGroupName) : undefined;
    if (input.CacheParameterGroupName !== undefined && !group) {
      throw ApiError.of('CacheParameterGroupNotFoundFault', `CacheParameterGroup not found: ${String(input.CacheParameterGroupName)}`);
    }
    // Without an EngineVersion, a parameter group chooses the latest version of its family.
    const version =
      input.EngineVersion !== undefined
        ? findEngineVersion(engine, String(input.EngineVersion))
        : group
          ? engineVersions().find((v) => v.engine === engine && v.family === group.family)
          : defaultEngineVersion(engine);
    if (!version) throw ApiError.of('InvalidParameterValueException', `Cannot find version ${String(input.EngineVersion)} for ${engine}`);
    if (input.CacheSecurityGroupNames !== undefined && (input.CacheSecurityGroupNames as unknown[]).length > 0) {
      throw ApiError.of('CacheSecurityGroupNotFoundFault', `CacheSecurityGroup not found: ${String((input.CacheSecurityGroupNames as unknown[])[0])}`);
    }
    const transit = input.TransitEncryptionEnabled === true;
    this.binaryFor(engine);
    if (transit) {
      // The certificate exists before the cluster does, so a missing openssl is an error on this call.
      await ensureTlsCertificate(this.opts.dataDir).catch((err: Error) => {
        throw ApiError.of('InsufficientCacheClusterCapacityFault', `The local endpoint cannot create TLS nodes: ${err.message}.`);
      });
    }
    return { engine, version, parameterGroup: group?.name ?? version.defaultParameterGroup, authToken: input.AuthToken as string | undefined, transit };
  }

  /**
   * A new cluster's state, its nodes on allocated ports (only the first can have the requested Port, if it is free:
   * nodes share one loopback address). `member` makes it a member cluster of a replication group, in one zone.
   */
  private async newCluster(id: string, input: Input, settings: EngineSettings, caller: CallerScope, numNodes: number, member?: { replicationGroupId: string; zone?: string; port?: number }): Promise<ClusterState> {
    const { engine, version, authToken, transit } = settings;
    const region = caller.region;
    const now = new Date().toISOString();
    const nodes: NodeState[] = [];
    const { firstZone, zoneOf } = nodeAvailabilityZones(region, member ? { PreferredAvailabilityZone: member.zone } : input);
    for (let i = 1; i <= numNodes; i++) {
      nodes.push({
        id: String(i).padStart(4, '0'),
        port: await this.allocatePort(i === 1 ? (member ? member.port : (input.Port as number | undefined)) : undefined),
        createTime: now,
        availabilityZone: zoneOf(i - 1),
      });
    }
    const nodeZones = new Set(nodes.map((n) => n.availabilityZone));
    const configPort = engine === 'memcached' ? await this.allocatePort() : undefined;
    // Another create of the same ID may have won while ports were being allocated.
    if (this.state.clusters.some((c) => c.id === id)) {
      for (const n of nodes) this.reservedPorts.delete(n.port);
      if (configPort) this.reservedPorts.delete(configPort);
      throw ApiError.of('CacheClusterAlreadyExistsFault', `Cache cluster ${id} already exists.`);
    }
    return {
      id,
      arn: elastiCacheArn(region, `cluster:${id}`),
      region,
      engine,
      engineVersion: version.version,
      cacheNodeType: String(input.CacheNodeType ?? 'cache.t3.micro'),
      status: 'creating',
      createTime: now,
      // AWS reports `Multiple` for a cluster whose nodes are in several zones.
      preferredAvailabilityZone: nodeZones.size > 1 ? 'Multiple' : firstZone,
      preferredOutpostArn: input.PreferredOutpostArn as string | undefined,
      logDeliveryConfigurations: ((input.LogDeliveryConfigurations as (LogDelivery & { Enabled?: boolean })[] | undefined) ?? [])
        .filter((c) => c.Enabled !== false)
        .map(({ LogType, DestinationType, DestinationDetails, LogFormat }) => ({ LogType, DestinationType, DestinationDetails, LogFormat })),
      preferredMaintenanceWindow: String(input.PreferredMaintenanceWindow ?? 'sun:05:00-sun:06:00'),
      cacheParameterGroupName: settings.parameterGroup,
      cacheSubnetGroupName: input.CacheSubnetGroupName as string | undefined,
      securityGroupIds: (input.SecurityGroupIds as string[] | undefined) ?? [],
      cacheSecurityGroupNames: [],
      autoMinorVersionUpgrade: (input.AutoMinorVersionUpgrade as boolean | undefined) ?? true,
      snapshotRetentionLimit: engine === 'memcached' ? undefined : ((input.SnapshotRetentionLimit as number | undefined) ?? 0),
      snapshotWindow: engine === 'memcached' ? undefined : String(input.SnapshotWindow ?? '03:00-04:00'),
      notificationTopicArn: input.NotificationTopicArn as string | undefined,
      authTokenEnabled: authToken !== undefined && authToken !== '',
      authTokenLastModifiedDate: authToken ? now : undefined,
      transitEncryptionEnabled: transit,
      networkType: input.NetworkType as string | undefined,
      ipDiscovery: input.IpDiscovery as string | undefined,
      requestedPort: member ? member.port : (input.Port as number | undefined),
      configPort,
      // A member cluster's tags are the group's (ListTagsForResource on the group's ARN).
      tags: member ? [] : ((input.Tags as Tag[] | undefined) ?? []),
      nodes,
      replicationGroupId: member?.replicationGroupId,
    };
  }

  /** Writes the nodes' configurations of new clusters; on failure their ports are released and the error thrown. */
  private async writeConfigs(clusters: { cluster: ClusterState; authToken?: string; replicaOf?: NodeState }[]): Promise<void> {
    try {
      await Promise.all(
        clusters.flatMap(({ cluster, authToken, replicaOf }) =>
          cluster.nodes.map((n) => this.writeConfig(cluster, n, authToken, replicaOf && { host: this.opts.advertisedHost, port: replicaOf.port })),
        ),
      );
    } catch (err) {
      for (const { cluster } of clusters) {
        for (const n of cluster.nodes) this.reservedPorts.delete(n.port);
        if (cluster.configPort) this.reservedPorts.delete(cluster.configPort);
      }
      throw err;
    }
  }

  /** Starts a new cluster's nodes (and Memcached's configuration endpoint), then settles its status. */
  private async launch(cluster: ClusterState): Promise<void> {
    const results = await Promise.allSettled([...cluster.nodes.map((n) => this.startNode(cluster, n)), this.startConfigEndpoint(cluster)]);
    for (const r of results) if (r.status === 'rejected') this.opts.log(`cluster ${cluster.id}: ${(r.reason as Error).message}`);
    if (this.state.clusters.includes(cluster) && cluster.status === 'creating') await this.settle(cluster);
    await this.save();
  }

  // ---- replication groups (cluster mode disabled) --------------------------------------------------------------

  /**
   * CreateReplicationGroup with cluster mode disabled: one node group, a primary and 0–5 replicas, each a member
   * cluster `<id>-001`, `<id>-002`, … of one node, the replicas started with `replicaof` the primary; as many as
   * replicationGroupNodes counts.
   */
  async createReplicationGroup(input: Input, caller: CallerScope): Promise<Output> {
    if (this.closed) throw new ApiError('ServiceUnavailable', 'The local endpoint is shutting down.', 503, 'Receiver');
    const id = String(input.ReplicationGroupId).toLowerCase();
    if (this.findGroup(id, false) || this.groupsBeingCreated.has(id)) throw ApiError.of('ReplicationGroupAlreadyExistsFault', `Replication group ${id} already exists.`);
    // Held from here until the group is recorded: two creates of one group would write the same nodes' configurations.
    this.groupsBeingCreated.add(id);
    try {
      return await this.createGroup(id, input, caller);
    } finally {
      this.groupsBeingCreated.delete(id);
    }
  }

  private async createGroup(id: string, input: Input, caller: CallerScope): Promise<Output> {
    const nodeGroups = (input.NodeGroupConfiguration as Input[] | undefined) ?? [];
    const clusterMode = clusterModeReasons(input);
    if (clusterMode.length > 0) {
      throw ApiError.of(
        'InvalidParameterCombinationException',
        `The local endpoint does not run cluster mode (${clusterMode.join('; ')}): it creates replication groups with cluster mode disabled, one node group with a primary and up to ${LIMITS.maxReplicasPerNodeGroup} replicas. Use a parameter group without ${CLUSTER_MODE_GROUP_SUFFIX} and one node group, or create the group on AWS.`,
      );
    }
    if (input.PrimaryClusterId !== undefined) {
      throw ApiError.of('InvalidParameterValueException', 'The local endpoint does not build a replication group around an existing cluster (PrimaryClusterId): give NumCacheClusters or ReplicasPerNodeGroup instead.');
    }
    if (input.GlobalReplicationGroupId !== undefined) {
      throw ApiError.of('GlobalReplicationGroupNotFoundFault', `Global replication group ${String(input.GlobalReplicationGroupId)} not found (the local endpoint has no global datastores).`);
    }
    const userGroups = (input.UserGroupIds as string[] | undefined) ?? [];
    if (userGroups.length > 0) throw ApiError.of('UserGroupNotFoundFault', `User group ${userGroups[0]} not found (the local endpoint has no user groups).`);
    const nodeGroup = nodeGroups[0] ?? {};
    const count = replicationGroupNodes(input).nodes ?? 1;
    const memberIds = Array.from({ length: count }, (_, i) => `${id}-${String(i + 1).padStart(3, '0')}`);
    this.holdClusterIds(memberIds, (taken) => `Cache cluster ${taken} already exists: replication group ${id} would name its member clusters ${memberIds.join(', ')}.`);
    try {
      return await this.createGroupMembers(id, input, caller, nodeGroup, memberIds);
    } finally {
      this.releaseClusterIds(memberIds);
    }
  }

  private async createGroupMembers(id: string, input: Input, caller: CallerScope, nodeGroup: Input, memberIds: string[]): Promise<Output> {
    const settings = await this.engineSettings(input);
    // Zones: PreferredCacheClusterAZs, one per member; else the node group's primary and replica zones.
    const listedZones = (input.PreferredCacheClusterAZs as string[] | undefined) ?? [
      ...(nodeGroup.PrimaryAvailabilityZone !== undefined ? [String(nodeGroup.PrimaryAvailabilityZone)] : []),
      ...((nodeGroup.ReplicaAvailabilityZones as string[] | undefined) ?? []),
    ];
    const members: ClusterState[] = [];
    try {
      for (const [i, memberId] of memberIds.entries()) {
        members.push(await this.newCluster(memberId, input, settings, caller, 1, { replicationGroupId: id, zone: listedZones[i], port: i === 0 ? (input.Port as number | undefined) : undefined }));
      }
      const primary = members[0].nodes[0];
      await this.writeConfigs(members.map((cluster, i) => ({ cluster, authToken: settings.authToken, replicaOf: i === 0 ? undefined : primary })));
    } catch (err) {
      for (const m of members) for (const n of m.nodes) this.reservedPorts.delete(n.port);
      throw err;
    }
    // A CreateCacheCluster of a member's id may have won while the configurations were written.
    const takenMeanwhile = memberIds.find((m) => this.state.clusters.some((c) => c.id === m));
    if (takenMeanwhile) {
      for (const m of members) for (const n of m.nodes) this.reservedPorts.delete(n.port);
      throw ApiError.of('CacheClusterAlreadyExistsFault', `Cache cluster ${takenMeanwhile} already exists: replication group ${id} would name its member clusters ${memberIds.join(', ')}.`);
    }
    const group: ReplicationGroupState = {
      id,
      description: String(input.ReplicationGroupDescription ?? ''),
      arn: elastiCacheArn(caller.region, `replicationgroup:${id}`),
      region: caller.region,
      status: 'creating',
      createTime: members[0].createTime,
      memberClusters: memberIds,
      primaryClusterId: memberIds[0],
      automaticFailover: input.AutomaticFailoverEnabled === true,
      multiAZ: input.MultiAZEnabled === true,
      // "Default: true when using Valkey, false when using Redis OSS" (API reference, AtRestEncryptionEnabled).
      atRestEncryptionEnabled: (input.AtRestEncryptionEnabled as boolean | undefined) ?? LIMITS.atRestEncryptionDefault[settings.engine] ?? false,
      kmsKeyId: input.KmsKeyId as string | undefined,
      dataTiering: input.DataTieringEnabled === true,
      tags: (input.Tags as Tag[] | undefined) ?? [],
    };
    this.state.clusters.push(...members);
    this.groups().push(group);
    await this.save();

    // As for a cluster, the reply says `creating`. The primary starts first, so that the replicas find it when they
    // start; the group is `available` once every member answers.
    this.track(
      (async () => {
        await this.launch(members[0]);
        await Promise.all(members.slice(1).map((m) => this.launch(m)));
        if (this.groups().includes(group) && group.status === 'creating') this.settleGroup(group);
        await this.save();
      })().catch((err: Error) => this.opts.log(`replication group ${id}: ${err.message}`)),
    );
    return { ReplicationGroup: this.describeGroup(group) };
  }

  /** A group being created is `available` once every member cluster is, `create-failed` when one failed. */
  private settleGroup(group: ReplicationGroupState): void {
    const members = group.memberClusters.map((id) => this.state.clusters.find((c) => c.id === id));
    group.status = members.every((c) => c?.status === 'available') ? 'available' : 'create-failed';
  }

  async describeReplicationGroups(input: Input): Promise<Output> {
    if (input.ReplicationGroupId !== undefined) return { ReplicationGroups: [this.describeGroup(this.findGroup(input.ReplicationGroupId))] };
    const { page, marker } = pageOf(inKeyOrder(this.groups(), creationKey), input, creationKey);
    return { Marker: marker, ReplicationGroups: page.map((g) => this.describeGroup(g)) };
  }

  async deleteReplicationGroup(input: Input): Promise<Output> {
    const group = this.findGroup(input.ReplicationGroupId);
    if (group.status !== 'available' && group.status !== 'create-failed') {
      throw ApiError.of('InvalidReplicationGroupStateFault', `Replication group ${group.id} is not in a valid state to be deleted (it is ${group.status}).`);
    }
    if (input.FinalSnapshotIdentifier !== undefined) {
      throw ApiError.of('SnapshotFeatureNotSupportedFault', 'The local endpoint does not take snapshots (FinalSnapshotIdentifier).');
    }
    const members = group.memberClusters.map((id) => this.state.clusters.find((c) => c.id === id)).filter((c): c is ClusterState => c !== undefined);
    const busy = members.find((c) => c.status !== 'available' && c.status !== LOCAL_FAILED_STATUS);
    if (busy) throw ApiError.of('InvalidReplicationGroupStateFault', `Replication group ${group.id} cannot be deleted while its cluster ${busy.id} is ${busy.status}.`);
    // "If set to true, all of the read replicas are deleted, but the primary node is retained" (API reference).
    const retainPrimary = input.RetainPrimaryCluster === true;
    group.status = 'deleting';
    for (const c of members) if (!(retainPrimary && c.id === group.primaryClusterId)) c.status = 'deleting';
    await this.save();
    const output = { ReplicationGroup: this.describeGroup(group) };
    await settledWithin(this.track(this.finishGroupDelete(group)), settleWaitMs);
    return output;
  }

  /**
   * Deletes the group's member clusters marked `deleting` (all but a retained primary, which stays as a cluster of
   * its own); also resumes a delete that an endpoint restart interrupted.
   */
  private async finishGroupDelete(group: ReplicationGroupState): Promise<void> {
    const members = this.state.clusters.filter((c) => c.replicationGroupId === group.id);
    await Promise.all(members.filter((c) => c.status === 'deleting').map((c) => this.finishDelete(c)));
    for (const retained of members.filter((c) => c.status !== 'deleting')) retained.replicationGroupId = undefined;
    this.state.replicationGroups = this.groups().filter((g) => g !== group);
    await this.save();
  }

  /** The ReplicationGroup output shape (SDK member names; serialized by walking the model). */
  private describeGroup(group: ReplicationGroupState): Output {
    const members = group.memberClusters.map((id) => this.state.clusters.find((c) => c.id === id)).filter((c): c is ClusterState => c !== undefined);
    const primary = members.find((c) => c.id === group.primaryClusterId) ?? members[0];
    const endpoint = (cluster: ClusterState | undefined) => (cluster ? { Address: this.opts.advertisedHost, Port: cluster.nodes[0].port } : undefined);
    // AWS's reader endpoint spreads connections over the replicas under one name; loopback ports cannot, so it is
    // the first replica's node (the primary's when there is none, as AWS's points at the primary then).
    const reader = members.find((c) => c !== primary) ?? primary;
    return {
      ReplicationGroupId: group.id,
      Description: group.description,
      Status: group.status,
      PendingModifiedValues: {},
      MemberClusters: members.map((c) => c.id),
      NodeGroups: [
        {
          NodeGroupId: '0001',
          Status: group.status,
          PrimaryEndpoint: endpoint(primary),
          ReaderEndpoint: endpoint(reader),
          NodeGroupMembers: members.map((c) => ({
            CacheClusterId: c.id,
            CacheNodeId: c.nodes[0].id,
            ReadEndpoint: endpoint(c),
            PreferredAvailabilityZone: c.preferredAvailabilityZone,
            CurrentRole: c === primary ? 'primary' : 'replica',
          })),
        },
      ],
      AutomaticFailover: group.automaticFailover ? 'enabled' : 'disabled',
      MultiAZ: group.multiAZ ? 'enabled' : 'disabled',
      SnapshotRetentionLimit: primary?.snapshotRetentionLimit,
      SnapshotWindow: primary?.snapshotWindow,
      ClusterEnabled: false,
      CacheNodeType: primary?.cacheNodeType,
      AuthTokenEnabled: primary?.authTokenEnabled ?? false,
      AuthTokenLastModifiedDate: primary?.authTokenLastModifiedDate,
      TransitEncryptionEnabled: primary?.transitEncryptionEnabled ?? false,
      TransitEncryptionMode: primary?.transitEncryptionEnabled ? 'required' : undefined,
      AtRestEncryptionEnabled: group.atRestEncryptionEnabled,
      KmsKeyId: group.kmsKeyId,
      MemberClustersOutpostArns: [],
      ARN: group.arn,
      UserGroupIds: [],
      LogDeliveryConfigurations: (primary?.logDeliveryConfigurations ?? []).map((c) => ({ ...c, Status: 'active' })),
      ReplicationGroupCreateTime: group.createTime,
      DataTiering: group.dataTiering ? 'enabled' : 'disabled',
      AutoMinorVersionUpgrade: primary?.autoMinorVersionUpgrade,
      NetworkType: primary?.networkType ?? 'ipv4',
      IpDiscovery: primary?.ipDiscovery ?? 'ipv4',
      ClusterMode: 'disabled',
      Engine: primary?.engine,
    };
  }

  async describeCacheClusters(input: Input): Promise<Output> {
    const showNodes = input.ShowCacheNodeInfo === true;
    if (input.CacheClusterId !== undefined) {
      const cluster = this.find(input.CacheClusterId);
      return { CacheClusters: [this.describe(cluster, showNodes)] };
    }
    const listed = input.ShowCacheClustersNotInReplicationGroups === true ? this.state.clusters.filter((c) => !c.replicationGroupId) : this.state.clusters;
    const { page, marker } = pageOf(inKeyOrder(listed, creationKey), input, creationKey);
    return { Marker: marker, CacheClusters: page.map((c) => this.describe(c, showNodes)) };
  }

  async deleteCacheCluster(input: Input): Promise<Output> {
    const cluster = this.find(input.CacheClusterId);
    const group = cluster.replicationGroupId !== undefined ? this.findGroup(cluster.replicationGroupId, false) : undefined;
    if (group) {
      // DeleteCacheCluster "is not valid for … A cluster that is the last read replica of a replication group; A
      // cluster that is the primary node of a replication group" (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheCluster.html). Another replica
      // can go: "Removing a node from a … (cluster mode disabled) replication group is the same as just deleting a
      // cluster" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Replication.RemoveReadReplica.html).
      const role = cluster.id === group.primaryClusterId ? 'the primary' : group.memberClusters.length <= 2 ? 'the last read replica' : undefined;
      if (role) {
        throw ApiError.of(
          'InvalidCacheClusterStateFault',
          `Cache cluster ${cluster.id} is ${role} of replication group ${group.id}, which DeleteCacheCluster cannot delete: delete the replication group ${group.id} (DeleteReplicationGroup${role === 'the primary' ? '' : ', or RetainPrimaryCluster=true to keep its primary'}).`,
        );
      }
    }
    if (cluster.status !== 'available' && cluster.status !== LOCAL_FAILED_STATUS) {
      throw ApiError.of('InvalidCacheClusterStateFault', `Cache cluster ${cluster.id} is not in a valid state to be deleted (it is ${cluster.status}).`);
    }
    if (input.FinalSnapshotIdentifier !== undefined) {
      throw ApiError.of('SnapshotFeatureNotSupportedFault', 'The local endpoint does not take snapshots (FinalSnapshotIdentifier).');
    }
    cluster.status = 'deleting';
    await this.save();
    const output = { CacheCluster: this.describe(cluster, false) };
    await settledWithin(this.track(this.finishDelete(cluster)), settleWaitMs);
    return output;
  }

  private async finishDelete(cluster: ClusterState): Promise<void> {
    await Promise.all(
      cluster.nodes.map(async (n) => {
        const key = `${cluster.id}/${n.id}`;
        this.stopping.add(key);
        const proc = this.running.get(key) ?? (n.pid && isAlive(n.pid) ? adoptNode(n.pid) : undefined);
        if (proc) await stopNode(proc);
        this.running.delete(key);
        this.stopping.delete(key);
        this.reservedPorts.delete(n.port);
      }),
    );
    const config = this.configEndpoints.get(cluster.id);
    this.configEndpoints.delete(cluster.id);
    await config?.stop();
    if (cluster.configPort) this.reservedPorts.delete(cluster.configPort);
    this.state.clusters = this.state.clusters.filter((c) => c !== cluster);
    // A replica deleted on its own leaves its group.
    const group = cluster.replicationGroupId !== undefined ? this.findGroup(cluster.replicationGroupId, false) : undefined;
    if (group) group.memberClusters = group.memberClusters.filter((id) => id !== cluster.id);
    await this.save();
    await fs.rm(path.join(this.opts.dataDir, 'clusters', cluster.id), { recursive: true, force: true });
  }

  async rebootCacheCluster(input: Input): Promise<Output> {
    const cluster = this.find(input.CacheClusterId);
    if (cluster.status !== 'available') {
      throw ApiError.of('InvalidCacheClusterStateFault', `Cache cluster ${cluster.id} is not in available state (it is ${cluster.status}).`);
    }
    const ids = input.CacheNodeIdsToReboot as string[];
    const nodes = ids.map((nodeId) => {
      const node = cluster.nodes.find((n) => n.id === nodeId);
      if (!node) throw ApiError.of('InvalidParameterValueException', `Cache node ${nodeId} not found in cache cluster ${cluster.id}.`);
      return node;
    });
    if (nodes.length === 0) throw ApiError.of('InvalidParameterValueException', 'CacheNodeIdsToReboot must name at least one node.');
    cluster.status = 'rebooting cache cluster nodes';
    const keys = nodes.map((n) => `${cluster.id}/${n.id}`);
    for (const key of keys) this.restarting.add(key);
    await this.save();
    const output = { CacheCluster: this.describe(cluster, false) };
    const rebooting = this.track(
      (async () => {
        await Promise.all(
          nodes.map(async (n) => {
            const key = `${cluster.id}/${n.id}`;
            this.stopping.add(key);
            const proc = this.running.get(key);
            if (proc) await stopNode(proc);
            this.running.delete(key);
            this.stopping.delete(key);
            n.pid = undefined;
            if (this.closed) return;
            await this.startNode(cluster, n).catch((err) => this.opts.log(`reboot of ${key} failed: ${(err as Error).message}`));
          }),
        );
        await this.settleAfterRestart(cluster, keys);
        await this.save();
      })(),
    );
    await settledWithin(rebooting, settleWaitMs);
    return output;
  }

  async describeCacheEngineVersions(input: Input): Promise<Output> {
    let versions = engineVersions();
    if (input.Engine !== undefined) versions = versions.filter((v) => v.engine === input.Engine);
    if (input.EngineVersion !== undefined) versions = versions.filter((v) => v.version === input.EngineVersion);
    if (input.CacheParameterGroupFamily !== undefined) versions = versions.filter((v) => v.family === input.CacheParameterGroupFamily);
    if (input.DefaultOnly === true) {
      // "only the default version of the specified engine or engine and major version combination" (API reference):
      // per engine the version a create without EngineVersion gets; within a family (a major version), its latest.
      if (input.CacheParameterGroupFamily === undefined && input.EngineVersion === undefined) {
        versions = engineNames.map((e) => defaultEngineVersion(e)).filter((v) => v !== undefined && versions.includes(v)) as typeof versions;
      } else {
        const latest = new Map<string, (typeof versions)[number]>();
        for (const v of versions) {
          const key = `${v.engine}\u0000${v.family}`;
          const best = latest.get(key);
          if (!best || compareVersions(v.version, best.version) > 0) latest.set(key, v);
        }
        versions = [...latest.values()];
      }
    }
    const { page, marker } = pageOf(versions, input, (v) => `${v.engine}\u0000${v.version}`);
    return {
      Marker: marker,
      CacheEngineVersions: page.map((v) => ({
        Engine: v.engine,
        EngineVersion: v.version,
        CacheParameterGroupFamily: v.family,
        CacheEngineDescription: v.engineDescription,
        CacheEngineVersionDescription: v.versionDescription,
      })),
    };
  }

  private subnetGroupArn(region: string) {
    return elastiCacheArn(region, 'subnetgroup:default');
  }

  async describeCacheSubnetGroups(input: Input, caller: CallerScope): Promise<Output> {
    if (input.CacheSubnetGroupName !== undefined && input.CacheSubnetGroupName !== 'default') {
      throw ApiError.of('CacheSubnetGroupNotFoundFault', `Cache subnet group ${String(input.CacheSubnetGroupName)} not found.`);
    }
    const groups = [
      {
        CacheSubnetGroupName: 'default',
        CacheSubnetGroupDescription: 'default',
        VpcId: 'vpc-00000000000000000',
        Subnets: availabilityZones(caller.region).map((zone, i) => ({
          SubnetIdentifier: `subnet-${String(i + 1).padStart(17, '0')}`,
          SubnetAvailabilityZone: { Name: zone },
          SupportedNetworkTypes: ['ipv4'],
        })),
        ARN: this.subnetGroupArn(caller.region),
        SupportedNetworkTypes: ['ipv4'],
      },
    ];
    const { page, marker } = pageOf(groups, input, (g) => g.CacheSubnetGroupName);
    return { Marker: marker, CacheSubnetGroups: page };
  }

  async describeCacheParameterGroups(input: Input, caller: CallerScope): Promise<Output> {
    let groups = defaultParameterGroupFacts().map((g) => ({
      CacheParameterGroupName: g.name,
      CacheParameterGroupFamily: g.family,
      Description: `Default parameter group for ${g.family}`,
      IsGlobal: false,
      ARN: elastiCacheArn(caller.region, `parametergroup:${g.name}`),
    }));
    if (input.CacheParameterGroupName !== undefined) {
      groups = groups.filter((g) => g.CacheParameterGroupName === input.CacheParameterGroupName);
      if (groups.length === 0) throw ApiError.of('CacheParameterGroupNotFoundFault', `CacheParameterGroup not found: ${String(input.CacheParameterGroupName)}`);
    }
    groups.sort((a, b) => (a.CacheParameterGroupName < b.CacheParameterGroupName ? -1 : 1));
    const { page, marker } = pageOf(groups, input, (g) => g.CacheParameterGroupName);
    return { Marker: marker, CacheParameterGroups: page };
  }

  /** The tag list of the resource an ARN names (clusters, the default subnet group, default parameter groups). */
  private tagsOf(arn: string): { get: () => Tag[]; set: (tags: Tag[]) => void } {
    const m = /^arn:aws[a-z-]*:elasticache:([a-z0-9-]+):(\d{12}):([a-z]+):(.+)$/.exec(arn);
    if (!m) throw ApiError.of('InvalidARNFault', `The ARN ${arn} is not a valid ElastiCache ARN.`);
    const [, , , type, name] = m;
    if (type === 'cluster') {
      const cluster = this.find(name);
      return { get: () => cluster.tags, set: (tags) => (cluster.tags = tags) };
    }
    if (type === 'replicationgroup') {
      const group = this.findGroup(name);
      return { get: () => group.tags, set: (tags) => (group.tags = tags) };
    }
    if (type === 'subnetgroup' && name !== 'default') throw ApiError.of('CacheSubnetGroupNotFoundFault', `Cache subnet group ${name} not found.`);
    if (type === 'parametergroup' && !defaultParameterGroupFacts().some((g) => g.name === name)) {
      throw ApiError.of('CacheParameterGroupNotFoundFault', `CacheParameterGroup not found: ${name}`);
    }
    if (type !== 'subnetgroup' && type !== 'parametergroup') throw ApiError.of('InvalidARNFault', `The local endpoint has no ${type} resources (${arn}).`);
    return { get: () => this.state.resourceTags[arn] ?? [], set: (tags) => (this.state.resourceTags[arn] = tags) };
  }

  async listTagsForResource(input: Input): Promise<Output> {
    return { TagList: this.tagsOf(String(input.ResourceName)).get() };
  }

  async addTagsToResource(input: Input): Promise<Output> {
    const target = this.tagsOf(String(input.ResourceName));
    const tags = [...target.get()];
    // Each tag's Key and Value were checked by the language service's tags rule (validateRequest, before this
    // handler); what is left needs the resource's tags: the per-resource quota.
    for (const tag of input.Tags as Tag[]) {
      const existing = tags.findIndex((t) => t.Key === tag.Key);
      if (existing >= 0) tags[existing] = tag;
      else tags.push(tag);
    }
    if (tags.length > maxTagsPerResource) throw ApiError.of('TagQuotaPerResourceExceeded', `A resource can have at most ${maxTagsPerResource} tags.`);
    target.set(tags);
    await this.save();
    return { TagList: tags };
  }

  /**
   * Removes the tags with the given keys and answers the tags left. A key the resource does not have is TagNotFound
   * (404), "The requested tag was not found on this resource"
   * (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_RemoveTagsFromResource.html); the endpoint
   * then removes none of the keys, so that a refused request changes nothing.
   */
  async removeTagsFromResource(input: Input): Promise<Output> {
    const target = this.tagsOf(String(input.ResourceName));
    const tags = target.get();
    const keys = input.TagKeys as string[];
    const missing = keys.find((key) => !tags.some((t) => t.Key === key));
    if (missing !== undefined) {
      throw ApiError.of('TagNotFoundFault', `The resource has no tag with the key ${JSON.stringify(missing.slice(0, 128))}: list its tags with ListTagsForResource.`);
    }
    const left = tags.filter((t) => !keys.includes(t.Key));
    target.set(left);
    await this.save();
    return { TagList: left };
  }
}
