// The endpoint's persistent state: one JSON file in the data directory, replaced atomically (temp file, fsync,
// rename) so that a kill -9 at any moment leaves either the old or the new state, never a torn file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EngineName } from './engineFacts';

export interface Tag {
  Key: string;
  Value?: string;
}

export interface NodeState {
  /** 0001, 0002, … as in AWS. */
  id: string;
  port: number;
  /** The node process, while it runs. */
  pid?: number;
  createTime: string;
  /** Availability Zone reported for the node (from PreferredAvailabilityZones / AZMode). */
  availabilityZone?: string;
}

/** A log delivery configuration as requested (SDK LogDeliveryConfigurationRequest shape, without Enabled). */
export interface LogDelivery {
  LogType?: string;
  DestinationType?: string;
  DestinationDetails?: unknown;
  LogFormat?: string;
}

/**
 * `restore-failed` is what AWS shows when "the node failed and cannot be recovered" or its replacement failed
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Nodes.viewing.html): here, a node that does not start or
 * keeps exiting. The CacheClusterAvailable waiter gives up on it at once (botocore waiters-2.json).
 */
export type ClusterStatus = 'creating' | 'available' | 'deleting' | 'rebooting cache cluster nodes' | 'restore-failed';

export interface ClusterState {
  id: string;
  arn: string;
  region: string;
  engine: EngineName;
  engineVersion: string;
  cacheNodeType: string;
  status: ClusterStatus;
  createTime: string;
  preferredAvailabilityZone: string;
  preferredMaintenanceWindow: string;
  cacheParameterGroupName: string;
  cacheSubnetGroupName?: string;
  securityGroupIds: string[];
  cacheSecurityGroupNames: string[];
  autoMinorVersionUpgrade: boolean;
  snapshotRetentionLimit?: number;
  snapshotWindow?: string;
  notificationTopicArn?: string;
  /** The token itself lives only in the node's 0600 redis.conf, never here. */
  authTokenEnabled: boolean;
  authTokenLastModifiedDate?: string;
  transitEncryptionEnabled: boolean;
  networkType?: string;
  ipDiscovery?: string;
  requestedPort?: number;
  /** Memcached: port of the ConfigurationEndpoint (Auto Discovery), served by the endpoint process. */
  configPort?: number;
  preferredOutpostArn?: string;
  logDeliveryConfigurations?: LogDelivery[];
  tags: Tag[];
  nodes: NodeState[];
  /** A member of a replication group (its primary or a replica): DeleteCacheCluster refuses the primary. */
  replicationGroupId?: string;
}

/** `create-failed`: a member could not start while the group was being created. */
export type ReplicationGroupStatus = 'creating' | 'available' | 'deleting' | 'create-failed';

/**
 * A replication group with cluster mode disabled: one node group, whose member clusters (`<id>-001`, `<id>-002`, …)
 * are recorded as clusters of their own, one node each, as DescribeCacheClusters lists them on AWS.
 */
export interface ReplicationGroupState {
  id: string;
  description: string;
  arn: string;
  region: string;
  status: ReplicationGroupStatus;
  createTime: string;
  /** The member clusters, the primary first. */
  memberClusters: string[];
  primaryClusterId: string;
  automaticFailover: boolean;
  multiAZ: boolean;
  atRestEncryptionEnabled: boolean;
  kmsKeyId?: string;
  dataTiering: boolean;
  tags: Tag[];
}

export interface StateFile {
  version: 1;
  clusters: ClusterState[];
  /** Absent in state files written before replication groups. */
  replicationGroups?: ReplicationGroupState[];
  /** Tags on resources other than clusters (subnet and parameter groups), by ARN. */
  resourceTags: Record<string, Tag[]>;
}

export function emptyState(): StateFile {
  return { version: 1, clusters: [], replicationGroups: [], resourceTags: {} };
}

export class StateStore {
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private latest: StateFile = emptyState();
  private counter = 0;

  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, 'state.json');
  }

  /** The saved state; an unreadable file is kept aside (never deleted), reported through `warn`, and replaced by an empty state. */
  async load(warn: (message: string) => void): Promise<StateFile> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw err;
    }
    try {
      const parsed = JSON.parse(text) as StateFile;
      if (parsed.version !== 1 || !Array.isArray(parsed.clusters)) throw new Error('unknown format');
      parsed.resourceTags ??= {};
      parsed.replicationGroups ??= [];
      return parsed;
    } catch (err) {
      // Never lose a state file we cannot read: keep it aside and say where.
      const aside = `${this.file}.unreadable-${Date.now()}`;
      await fs.rename(this.file, aside);
      warn(`the state file ${this.file} could not be read (${(err as Error).message}); it was kept as ${aside} and the endpoint starts with no clusters`);
      return emptyState();
    }
  }

  /**
   * Writes the state; writes are serialized, each one atomic. Saves requested while a write is waiting share
   * it (it serializes the state when it starts), so a burst of changes costs one or two writes, not one each.
   */
  save(state: StateFile): Promise<void> {
    this.latest = state;
    if (this.queued) return this.queued;
    const write = async () => {
      this.queued = undefined;
      const text = JSON.stringify(this.latest, null, 1);
      const tmp = `${this.file}.${process.pid}.${++this.counter}.tmp`;
      const handle = await fs.open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, this.file);
    };
    const queued = this.writing.then(write, write);
    this.queued = queued;
    this.writing = queued;
    return queued;
  }
}
