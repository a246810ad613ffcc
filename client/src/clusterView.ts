// How a cluster looks in the explorer (icon, description, tooltip) and how it becomes a request file.
// Pure functions over the SDK's CacheCluster; no VS Code imports.
import type { CacheCluster, CacheNode, ReplicationGroup, Tag } from '@aws-sdk/client-elasticache';
import {
  AVAILABLE_STATUS,
  DELETION_STATUSES,
  ENDPOINT_NOT_SERVING_STATUSES,
  FAILED_STATUSES,
  LOCAL_FAILED_STATUS,
  NEVER_AVAILABLE_STATUSES,
  REBOOTING_STATUSES,
  REBOOT_AND_DELETE_STATUS,
  TRANSITIONAL_STATUSES,
} from '../../server/src/model/clusterStatus';
import type { Connection } from './connections';

/** Whether the cluster changes on its own in this status (TRANSITIONAL_STATUSES): the explorer polls it. */
export function isTransitional(status: string | undefined): boolean {
  return status !== undefined && TRANSITIONAL_STATUSES.includes(status);
}

/** Whether the cluster is stuck in this status (FAILED_STATUSES): it will not become available by itself. */
export function isFailed(status: string | undefined): boolean {
  return status !== undefined && FAILED_STATUSES.includes(status);
}

export function isAvailable(status: string | undefined): boolean {
  return status === AVAILABLE_STATUS;
}

/** Whether the cluster is being deleted, or was: its nodes are stopping, or gone. */
export function isDeletion(status: string | undefined): boolean {
  return status !== undefined && DELETION_STATUSES.includes(status);
}

/** Whether a cluster in this status can still become available (a new cluster starts `creating`). */
export function canBecomeAvailable(status: string | undefined): boolean {
  return status === undefined || !NEVER_AVAILABLE_STATUSES.includes(status);
}

export interface StatusIcon {
  /** A codicon id (ThemeIcon). */
  id: string;
  /** A theme color id, when the status deserves one. */
  color?: string;
}

export function statusIcon(status: string | undefined): StatusIcon {
  switch (status) {
    case 'available':
      return { id: 'pass-filled', color: 'testing.iconPassed' };
    case 'creating':
      return { id: 'loading~spin', color: 'charts.blue' };
    case 'modifying':
      return { id: 'sync~spin', color: 'charts.yellow' };
    case 'snapshotting':
      return { id: 'save', color: 'charts.yellow' };
    case 'deleting':
      return { id: 'trash', color: 'charts.orange' };
    case 'deleted':
      return { id: 'circle-slash' };
    default:
      if (REBOOTING_STATUSES.includes(status ?? '')) return { id: 'debug-restart', color: 'charts.yellow' };
      return isFailed(status) ? { id: 'error', color: 'testing.iconFailed' } : { id: 'circle-outline' };
  }
}

/**
 * The cluster row's description: its status alone, so that it stays in sight beside the id at the default sidebar
 * width (the inline actions take room too); the reboot's long status reads `rebooting`. Engine, node type, nodes
 * and the service's own status words are in the tooltip.
 */
export function clusterRowDescription(c: CacheCluster): string {
  const status = c.CacheClusterStatus ?? '';
  return REBOOTING_STATUSES.includes(status) ? 'rebooting' : status;
}

/** `engine version · node type · N nodes` */
export function clusterDescription(c: CacheCluster): string {
  const n = c.NumCacheNodes ?? c.CacheNodes?.length ?? 0;
  return `${c.Engine ?? '?'} ${c.EngineVersion ?? ''} · ${c.CacheNodeType ?? '?'} · ${n} ${n === 1 ? 'node' : 'nodes'}`.replace(/\s+·/g, ' ·');
}

export function endpointOf(c: CacheCluster): string | undefined {
  const e = c.ConfigurationEndpoint ?? c.CacheNodes?.[0]?.Endpoint;
  return e?.Address ? `${e.Address}:${e.Port ?? ''}` : undefined;
}

/**
 * Whether the service accepts DeleteCacheCluster in this status: `available` only (REBOOT_AND_DELETE_STATUS); the
 * Local endpoint also deletes a cluster whose nodes did not start (LOCAL_FAILED_STATUS), which AWS does not document.
 */
export function canDelete(status: string | undefined, connectionKind: Connection['kind']): boolean {
  return status === REBOOT_AND_DELETE_STATUS || (connectionKind === 'local' && status === LOCAL_FAILED_STATUS);
}

/** Whether the service accepts RebootCacheCluster in this status: `available` only (REBOOT_AND_DELETE_STATUS). */
export function canReboot(status: string | undefined): boolean {
  return status === REBOOT_AND_DELETE_STATUS;
}

/**
 * The cluster row's contextValue: `cluster.<redis|memcached>`, then `.endpoint` while it has an endpoint that
 * serves (the inline Copy Endpoint), `.reboot` and `.delete` in the statuses the service accepts those in (the
 * menus offer Reboot and Delete… only then, instead of an InvalidCacheClusterState after the confirmation). A member
 * of a replication group is `.member` and never `.delete`: DeleteCacheCluster is not valid for a group's primary or
 * last read replica (API reference, DeleteCacheCluster), so it offers `.deleteGroup` (Delete Replication Group…).
 */
export function clusterContextValue(c: CacheCluster, connectionKind: Connection['kind']): string {
  const status = c.CacheClusterStatus;
  const member = c.ReplicationGroupId !== undefined;
  return [
    'cluster',
    c.Engine === 'memcached' ? 'memcached' : 'redis',
    // No inline Copy Endpoint while the endpoint does not answer yet, or any more.
    endpointOf(c) && !ENDPOINT_NOT_SERVING_STATUSES.includes(status ?? '') ? 'endpoint' : '',
    canReboot(status) ? 'reboot' : '',
    member ? 'member' : '',
    canDelete(status, connectionKind) ? (member ? 'deleteGroup' : 'delete') : '',
  ]
    .filter(Boolean)
    .join('.');
}

export function nodeEndpoint(n: CacheNode): string | undefined {
  return n.Endpoint?.Address ? `${n.Endpoint.Address}:${n.Endpoint.Port ?? ''}` : undefined;
}

const md = (s: string): string => s.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');

/**
 * The CA certificate to trust for a connection's TLS nodes: the Local endpoint's own (self-signed) while it is the one
 * this window runs or uses; undefined on AWS, whose certificates clients trust already.
 */
export function localCaFile(connection: Pick<Connection, 'kind' | 'endpoint'>, running: { url: string; tlsCaFile: string } | undefined): string | undefined {
  return connection.kind === 'local' && running && connection.endpoint === running.url ? running.tlsCaFile : undefined;
}

/** How the cluster serves in-transit encryption, in a few words; undefined without it. */
function transitEncryption(c: CacheCluster): string | undefined {
  if (!c.TransitEncryptionEnabled) return undefined;
  // TransitEncryptionMode: `required` takes TLS connections only, `preferred` plain ones too (the migration step);
  // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption-enable.html
  if (c.TransitEncryptionMode === 'required') return 'TLS only';
  if (c.TransitEncryptionMode === 'preferred') return 'TLS and plain connections';
  return 'TLS';
}

/** A word for a shell: quoted when it has anything a shell would read (a path with spaces, say). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A redis-cli command line that reaches a Valkey/Redis OSS cluster's node: `--tls` when the node serves TLS (with
 * `--cacert`, the Local endpoint's self-signed certificate, which no system trusts), `--askpass` when the cluster
 * has an AUTH token, so that the token is typed at the prompt and never written here. As in
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/connect-tls.html (`valkey-cli -h <endpoint> --tls --askpass -p 6379`);
 * redis-cli takes the same options. Undefined for Memcached, and before the node has an endpoint.
 */
export function redisCliCommand(c: CacheCluster, localCaFile?: string): string | undefined {
  const endpoint = c.CacheNodes?.[0]?.Endpoint;
  if (c.Engine === 'memcached' || !endpoint?.Address || endpoint.Port === undefined) return undefined;
  return [
    'redis-cli',
    ...(c.TransitEncryptionEnabled ? ['--tls', ...(localCaFile ? ['--cacert', shellWord(localCaFile)] : [])] : []),
    ...(c.AuthTokenEnabled ? ['--askpass'] : []),
    '-h',
    shellWord(endpoint.Address),
    '-p',
    String(endpoint.Port),
  ].join(' ');
}

/**
 * The notification once a cluster is available: where, and for a cluster that serves TLS, that a plain connection
 * will not do, with the certificate to trust on the Local endpoint and a command line that connects.
 */
export function availableMessage(c: CacheCluster, localCaFile?: string): string {
  const id = c.CacheClusterId ?? '';
  const endpoint = endpointOf(c);
  const tls = transitEncryption(c);
  const at = `Cache cluster ${id} is available at ${endpoint ?? 'its endpoint'}`;
  if (!tls) return `${at}.`;
  const command = redisCliCommand(c, localCaFile);
  const trust = localCaFile ? `, trusting the Local endpoint's certificate ${localCaFile} as the CA` : '';
  return `${at}, over ${tls}: connect with TLS${trust}${command ? `, e.g. ${command}` : ''}.`;
}

/** A replication group's node endpoint as `host:port`. */
function groupEndpoint(e: { Address?: string; Port?: number } | undefined): string | undefined {
  return e?.Address ? `${e.Address}:${e.Port ?? ''}` : undefined;
}

/** The primary endpoint of a replication group with cluster mode disabled (the configuration endpoint with it enabled). */
export function groupPrimaryEndpoint(g: ReplicationGroup): string | undefined {
  return groupEndpoint(g.NodeGroups?.[0]?.PrimaryEndpoint ?? g.ConfigurationEndpoint);
}

/**
 * The notification once a replication group is available: its primary endpoint (writes) and reader endpoint, and for
 * a group that serves TLS, that a plain connection will not do, with the certificate to trust on the Local endpoint.
 */
export function groupAvailableMessage(g: ReplicationGroup, localCaFile?: string): string {
  const id = g.ReplicationGroupId ?? '';
  const primary = groupPrimaryEndpoint(g);
  const reader = groupEndpoint(g.NodeGroups?.[0]?.ReaderEndpoint);
  const replicas = Math.max(0, (g.MemberClusters?.length ?? 1) - 1);
  const where = g.ConfigurationEndpoint
    ? `its configuration endpoint ${groupEndpoint(g.ConfigurationEndpoint)}`
    : `its primary endpoint ${primary ?? '(none yet)'}${reader && replicas > 0 ? `, reader endpoint ${reader}` : ''}`;
  const tls = g.TransitEncryptionEnabled
    ? `, over TLS: connect with TLS${localCaFile ? `, trusting the Local endpoint's certificate ${localCaFile} as the CA` : ''}${g.AuthTokenEnabled ? ' and the AUTH token' : ''}`
    : '';
  return `Replication group ${id} is available (${replicas === 0 ? 'a primary, no replicas' : `a primary and ${replicas} replica${replicas === 1 ? '' : 's'}`}) at ${where}${tls}.`;
}

/**
 * A Markdown tooltip (the VS Code layer wraps it in a MarkdownString); `localCaFile` for the Local endpoint's clusters;
 * `role` a replication group member's (primary, replica), when the explorer's listing has it.
 */
export function clusterTooltip(c: CacheCluster, localCaFile?: string, role?: string): string {
  const tls = transitEncryption(c);
  const rows: [string, string | undefined][] = [
    ['Status', c.CacheClusterStatus],
    ['Engine', [c.Engine, c.EngineVersion].filter(Boolean).join(' ')],
    ['Replication group', c.ReplicationGroupId && role ? `${c.ReplicationGroupId} (${role})` : c.ReplicationGroupId],
    ['Node type', c.CacheNodeType],
    ['Nodes', String(c.NumCacheNodes ?? c.CacheNodes?.length ?? 0)],
    ['Endpoint', endpointOf(c)],
    ['Availability zone', c.PreferredAvailabilityZone],
    ['Subnet group', c.CacheSubnetGroupName],
    ['Parameter group', c.CacheParameterGroup?.CacheParameterGroupName],
    ['Encryption in transit', c.TransitEncryptionEnabled === undefined ? undefined : tls ? `yes (${tls})` : 'no'],
    ['CA certificate', tls && localCaFile ? localCaFile : undefined],
    ['Encryption at rest', c.AtRestEncryptionEnabled === undefined ? undefined : c.AtRestEncryptionEnabled ? 'yes' : 'no'],
    ['AUTH', c.AuthTokenEnabled ? 'enabled' : undefined],
    ['Connect', isAvailable(c.CacheClusterStatus) ? redisCliCommand(c, localCaFile) : undefined],
    ['Created', c.CacheClusterCreateTime ? new Date(c.CacheClusterCreateTime).toISOString() : undefined],
    ['ARN', c.ARN],
  ];
  const lines = rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `| ${k} | ${md(String(v))} |`);
  return [`**${md(c.CacheClusterId ?? '')}**`, '', '| | |', '|---|---|', ...lines].join('\n');
}

export function requestFileName(c: CacheCluster): string {
  return `${(c.CacheClusterId ?? 'cluster').replace(/[^A-Za-z0-9-]/g, '-')}.elasticache.json`;
}

/** What a request file made from a cluster cannot carry over, besides its settings: told to the user, never dropped silently. */
export interface RequestFromClusterOptions {
  /** Node ports are settings on AWS; the Local endpoint allocates one per node. */
  includePort?: boolean;
  /** The cluster's tags (ListTagsForResource); undefined when they could not be listed. */
  tags?: Tag[];
  /** Why the tags could not be listed, when they could not. */
  tagsProblem?: string;
  /** Keys of listed tags that AWS set and a request may not (createFromRequest's requestTags), left out of `tags`. */
  reservedTagKeys?: string[];
}

/**
 * Where the nodes are, as CreateCacheCluster places them: each node's CustomerAvailabilityZone. Nodes in several
 * zones (the cluster's PreferredAvailabilityZone then reads "Multiple") become AZMode cross-az with one zone per node
 * (PreferredAvailabilityZones, Memcached only), nodes in one zone PreferredAvailabilityZone. Undefined when the
 * description does not say (no node information, or not a zone per node).
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html (AZMode,
 * PreferredAvailabilityZones: "only supported on Memcached", as many zones as NumCacheNodes, repeats allowed).
 */
function nodePlacement(c: CacheCluster): Record<string, unknown> | undefined {
  const zones = (c.CacheNodes ?? []).map((n) => n.CustomerAvailabilityZone);
  const named = zones.filter((z): z is string => !!z && z !== 'Multiple');
  const count = c.NumCacheNodes ?? zones.length;
  if (named.length === 0 || named.length !== zones.length || named.length !== count) return undefined;
  if (new Set(named).size === 1) return { PreferredAvailabilityZone: named[0] };
  return c.Engine === 'memcached' ? { AZMode: 'cross-az', PreferredAvailabilityZones: named } : undefined;
}

/** LogDeliveryConfigurations as request members: the description's Status and Message are not settings. */
function logDeliveryRequests(c: CacheCluster): Record<string, unknown>[] {
  return (c.LogDeliveryConfigurations ?? []).map(({ LogType, DestinationType, DestinationDetails, LogFormat }) =>
    withoutEmpty({
      LogType,
      DestinationType,
      DestinationDetails: DestinationDetails && withoutEmpty({ CloudWatchLogsDetails: DestinationDetails.CloudWatchLogsDetails, KinesisFirehoseDetails: DestinationDetails.KinesisFirehoseDetails }),
      LogFormat,
    }),
  );
}

function withoutEmpty(o: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) delete o[k];
  }
  return o;
}

/**
 * The cluster's settings as CreateCacheCluster input (an AWS CLI `--cli-input-json` file): what the description
 * gives back, rebuilt as request members. The AuthToken is not readable from the API and is never written; what
 * cannot be carried over is listed by notCarriedOver.
 */
export function clusterToCreateInput(c: CacheCluster, options: RequestFromClusterOptions = {}): Record<string, unknown> {
  const isMemcached = c.Engine === 'memcached';
  const placement = nodePlacement(c);
  const zone = c.PreferredAvailabilityZone && c.PreferredAvailabilityZone !== 'Multiple' ? c.PreferredAvailabilityZone : undefined;
  return withoutEmpty({
    CacheClusterId: c.CacheClusterId,
    Engine: c.Engine,
    EngineVersion: c.EngineVersion,
    CacheNodeType: c.CacheNodeType,
    NumCacheNodes: c.NumCacheNodes ?? c.CacheNodes?.length,
    ...(placement ?? { PreferredAvailabilityZone: zone }),
    CacheParameterGroupName: c.CacheParameterGroup?.CacheParameterGroupName,
    CacheSubnetGroupName: c.CacheSubnetGroupName,
    CacheSecurityGroupNames: c.CacheSecurityGroups?.map((g) => g.CacheSecurityGroupName).filter((x): x is string => !!x),
    SecurityGroupIds: c.SecurityGroups?.map((g) => g.SecurityGroupId).filter((x): x is string => !!x),
    Port: options.includePort ? (c.ConfigurationEndpoint?.Port ?? c.CacheNodes?.[0]?.Endpoint?.Port) : undefined,
    PreferredMaintenanceWindow: c.PreferredMaintenanceWindow,
    NotificationTopicArn: c.NotificationConfiguration?.TopicArn,
    AutoMinorVersionUpgrade: c.AutoMinorVersionUpgrade,
    SnapshotRetentionLimit: isMemcached ? undefined : c.SnapshotRetentionLimit,
    SnapshotWindow: isMemcached ? undefined : c.SnapshotWindow,
    LogDeliveryConfigurations: logDeliveryRequests(c),
    TransitEncryptionEnabled: c.TransitEncryptionEnabled || undefined,
    NetworkType: c.NetworkType,
    IpDiscovery: c.IpDiscovery,
    Tags: options.tags?.filter((t) => t.Key).map((t) => ({ Key: t.Key, Value: t.Value ?? '' })),
  });
}

/**
 * What of the cluster its request file does not carry, each as a short phrase (the notification after Open as Request
 * File lists them): a JSON request file has no room for comments that the AWS CLI would accept.
 */
export function notCarriedOver(c: CacheCluster, options: RequestFromClusterOptions = {}): string[] {
  const missing: string[] = [];
  if (c.AuthTokenEnabled) missing.push(AUTH_TOKEN_NOT_CARRIED);
  if (options.tags === undefined) missing.push(`its tags${options.tagsProblem ? ` (${options.tagsProblem})` : ''}`);
  if (options.reservedTagKeys?.length) missing.push(`the tags AWS set itself (${options.reservedTagKeys.join(', ')}), which a request may not set`);
  if (c.PreferredAvailabilityZone === 'Multiple' && !nodePlacement(c)) {
    missing.push(c.Engine === 'memcached' ? 'the Availability Zone of each node (not in the description)' : 'its Availability Zones (a Valkey/Redis OSS cluster takes one zone)');
  }
  if (c.AtRestEncryptionEnabled) missing.push('encryption at rest (CreateCacheCluster has no such parameter; replication groups do)');
  if (c.ReplicationGroupId) missing.push(groupMembershipNotCarried(c.ReplicationGroupId));
  if (c.PreferredOutpostArn) missing.push(`its Outpost (${c.PreferredOutpostArn})`);
  return missing;
}

/** How notCarriedOver names the AuthToken (notCarriedMessage gives it its own advice). */
export const AUTH_TOKEN_NOT_CARRIED = 'the AuthToken (the API never returns it)';

/** How notCarriedOver names a member cluster's group (notCarriedMessage says what the copy is instead). */
export function groupMembershipNotCarried(replicationGroupId: string): string {
  return `membership of replication group ${replicationGroupId}`;
}

/**
 * The notification after Open as Request File: what the copy lacks first, then what to do. The create from a request
 * sends the file as it is (it cannot ask for a token), so a token goes in only for the create and out again after:
 * the auth-token-in-file warning's point, a token in a file is a secret in source. A member cluster's copy is a
 * standalone cluster: the file is its own create, so "add it to the file" is no advice for the group; copying the
 * group is another action's request.
 */
export function notCarriedMessage(sourceId: string, copyId: string, notCarried: string[], sourceGroupId?: string): string {
  const membership = sourceGroupId !== undefined ? groupMembershipNotCarried(sourceGroupId) : undefined;
  const listed = notCarried.filter((what) => what !== membership);
  const others = listed.filter((what) => what !== AUTH_TOKEN_NOT_CARRIED);
  const standalone = membership && listed.length < notCarried.length
    ? `${copyId} will be a standalone cluster, not a member of replication group ${sourceGroupId} as ${sourceId} is: to copy the group, write a CreateReplicationGroup request.`
    : undefined;
  if (listed.length === 0) return standalone ?? '';
  const advice = [
    others.length > 0 ? `Add to the file what the new cluster needs before creating it.` : undefined,
    others.length < listed.length
      ? 'If the new cluster needs an AuthToken, add it just before creating and take it out after, without saving or committing it: a token in a file is a secret in source.'
      : undefined,
    standalone,
  ];
  return `The request for ${copyId} does not carry over from ${sourceId}: ${listed.join('; ')}. ${advice.filter(Boolean).join(' ')}`;
}

/** The request file's text; `cacheClusterId` names the new cluster (see copyId) instead of the existing one. */
export function requestFileText(c: CacheCluster, options: RequestFromClusterOptions & { cacheClusterId?: string } = {}): string {
  const input = clusterToCreateInput(c, options);
  if (options.cacheClusterId) input.CacheClusterId = options.cacheClusterId;
  return JSON.stringify(input, null, 2) + '\n';
}

/** A count of nodes in plain English: "1 node", "3 nodes", "1 cache.t3.micro node". */
export function nodeCount(n: number, nodeType?: string): string {
  return `${n} ${nodeType ? `${nodeType} ` : ''}node${n === 1 ? '' : 's'}`;
}

/** Where a connection's clusters are, in a sentence: "us-east-1 (profile default)", "the Local endpoint". */
export function placeName(connection: Pick<Connection, 'kind' | 'region' | 'profile'>): string {
  return connection.kind === 'aws' ? `${connection.region} (profile ${connection.profile})` : 'the Local endpoint';
}

/** Where, with its preposition: "in us-east-1 (profile default)", "on the Local endpoint". */
export function atPlace(connection: Pick<Connection, 'kind' | 'region' | 'profile'>): string {
  return `${connection.kind === 'aws' ? 'in' : 'on'} ${placeName(connection)}`;
}

/** The reboot confirmation: the question, naming the place, and the detail under it. */
export function rebootConfirmation(id: string, nodes: number, connection: Pick<Connection, 'kind' | 'region' | 'profile'>): { message: string; detail: string } {
  return {
    message: `Reboot ${nodes === 1 ? 'the' : 'all'} ${nodeCount(nodes)} of cache cluster "${id}" ${atPlace(connection)}?`,
    detail: `${nodes === 1 ? 'The node is unavailable while it restarts' : 'The nodes are unavailable while they restart'}; data that is not persisted is lost.`,
  };
}

/**
 * The delete confirmation's detail: what is lost and where, then (AWS) when billing stops, then (when the engine
 * has snapshots there) the button that keeps a backup. `nodes` is undefined when the cluster does not say.
 */
export function deleteConfirmationDetail(options: { nodes: number | undefined; where: string; aws: boolean; snapshotButton?: string; what?: 'cluster' | 'replication group' }): string {
  const { nodes, where, aws, snapshotButton } = options;
  const what = options.what ?? 'cluster';
  const lost = nodes === undefined ? 'its nodes and the data in them' : `its ${nodeCount(nodes)} and the data in ${nodes === 1 ? 'it' : 'them'}`;
  return [
    `Deletion is permanent: the ${what}${what === 'replication group' ? ' (its member clusters)' : ''}, ${lost} are removed from ${where} and cannot be recovered.`,
    aws ? `Billing for its ${nodes === 1 ? 'node' : 'nodes'} stops once the deletion completes; a final snapshot is billed as snapshot storage.` : '',
    snapshotButton ? `Choose "${snapshotButton}" to keep a backup of the data first.` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}
