// Replication groups in the client: what their create confirms and what deleting one says and sends. Their member
// clusters are clusters (the explorer lists them as such); a member cannot be deleted on its own here (see
// memberDeleteRefusal), so the group is deleted instead. No VS Code imports: tested against the Local endpoint.
import type { CacheCluster, ElastiCacheClient, ReplicationGroup } from '@aws-sdk/client-elasticache';
import { replicationGroupNodes } from '../../server/src/model/replicationGroupNodes';
import { deleteConfirmationDetail, placeName } from './clusterView';
import { type Connection, loadSdk, notFoundExpected } from './connections';
import type { CreateRequestSummary } from './createFlow';
import { type CreateSpec, localCannotCreate } from './createFromRequest';
import { isReplicationGroupNotFound } from './errors';

export const DELETE_REPLICATION_GROUP = 'Delete Replication Group…';

/**
 * What the create confirmations say of a request: its id, node type and node count (a group: primary and replicas),
 * and why the Local endpoint would refuse it (the credentials question then does not offer it).
 */
export function createSummary(spec: CreateSpec): CreateRequestSummary {
  if (spec.action === 'CreateCacheCluster') return spec.input;
  return {
    CacheNodeType: spec.input.CacheNodeType,
    replicationGroup: { id: spec.input.ReplicationGroupId, ...replicationGroupNodes(spec.input as unknown as Record<string, unknown>) },
    localCannotCreate: localCannotCreate(spec),
  };
}

/**
 * Why Delete… does not delete a member cluster, and what to do instead. DeleteCacheCluster "is not valid for … A
 * cluster that is the last read replica of a replication group; A cluster that is the primary node of a replication
 * group" (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheCluster.html); the
 * explorer knows a member's role only as of its last listing (a failover changes it), so it offers the group's delete
 * for every member.
 */
export function memberDeleteRefusal(cluster: CacheCluster): string | undefined {
  const group = cluster.ReplicationGroupId;
  if (!group) return undefined;
  return `Cache cluster ${cluster.CacheClusterId} is a member of replication group ${group}: it is not deleted on its own (DeleteCacheCluster is not valid for a group's primary or last replica). Delete the replication group ${group} instead.`;
}

export async function describeReplicationGroup(client: ElastiCacheClient, id: string): Promise<ReplicationGroup | undefined> {
  const { DescribeReplicationGroupsCommand } = await loadSdk();
  try {
    return (await client.send(notFoundExpected(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id })))).ReplicationGroups?.[0];
  } catch (err) {
    if (isReplicationGroupNotFound(err)) return undefined;
    throw err;
  }
}

/** The delete confirmation of a replication group: the question, naming the place, and what is lost. */
export function groupDeleteQuestion(group: ReplicationGroup, connection: Pick<Connection, 'kind' | 'region' | 'profile'>): { message: string; detail: string } {
  const members = group.MemberClusters ?? [];
  return {
    message: `Permanently delete replication group "${group.ReplicationGroupId}"${members.length > 0 ? ` and its member clusters ${members.join(', ')}` : ''}?`,
    detail: deleteConfirmationDetail({ nodes: members.length || undefined, where: placeName(connection), aws: connection.kind === 'aws', what: 'replication group' }),
  };
}

/** Sends DeleteReplicationGroup: the group as the service answers (`deleting`), or undefined when it is gone already. */
export async function deleteReplicationGroup(client: ElastiCacheClient, id: string): Promise<ReplicationGroup | undefined> {
  const { DeleteReplicationGroupCommand } = await loadSdk();
  try {
    return (await client.send(notFoundExpected(new DeleteReplicationGroupCommand({ ReplicationGroupId: id })))).ReplicationGroup ?? {};
  } catch (err) {
    if (isReplicationGroupNotFound(err)) return undefined;
    throw err;
  }
}
