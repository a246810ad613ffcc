// How many node groups and nodes a CreateReplicationGroup request makes, read from its members one way for every
// reader: the Local endpoint creates that many, the client's billing confirmation names that many.
// Source: https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html
// (NumCacheClusters: "not used if there is more than one node group", "you can omit this parameter (it will default
// to 1)"; ReplicasPerNodeGroup: "the number of replica nodes in each node group"; NodeGroupConfiguration ReplicaCount:
// "The number of read replica nodes in this node group").

import { CLUSTER_MODE_GROUP_SUFFIX } from './facts';

export interface ReplicationGroupNodes {
  /** Node groups (shards): NumNodeGroups, else the NodeGroupConfiguration items, else 1. */
  nodeGroups: number;
  /**
   * Nodes in all, primaries and replicas. With one node group: NumCacheClusters, else its ReplicaCount (else
   * ReplicasPerNodeGroup) plus the primary, else 1. With several: each group's primary and replicas; undefined when a
   * group's replica count is not given (the reference gives ReplicasPerNodeGroup no default).
   */
  nodes?: number;
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

export function replicationGroupNodes(input: Record<string, unknown>): ReplicationGroupNodes {
  const configured = Array.isArray(input.NodeGroupConfiguration) ? (input.NodeGroupConfiguration as unknown[]) : [];
  const nodeGroups = count(input.NumNodeGroups) || configured.length || 1;
  const replicasOf = (i: number): number | undefined => {
    const group = configured[i];
    const own = group && typeof group === 'object' ? count((group as Record<string, unknown>).ReplicaCount) : undefined;
    return own ?? count(input.ReplicasPerNodeGroup);
  };
  if (nodeGroups === 1) {
    const replicas = replicasOf(0);
    return { nodeGroups, nodes: count(input.NumCacheClusters) ?? (replicas !== undefined ? replicas + 1 : 1) };
  }
  let nodes = 0;
  for (let i = 0; i < nodeGroups; i++) {
    const replicas = replicasOf(i);
    if (replicas === undefined) return { nodeGroups };
    nodes += replicas + 1;
  }
  return { nodeGroups, nodes };
}

/**
 * Why a CreateReplicationGroup request makes a cluster-mode-enabled group, one phrase per reason (empty: cluster mode
 * disabled): a `.cluster.on` parameter group (cluster-enabled=yes, SOURCES.parameterGroups), several node groups
 * (NumNodeGroups > 1, or several NodeGroupConfiguration items: "for cluster mode disabled … omit this parameter or
 * set it to 1", API reference NumNodeGroups), or a ClusterMode other than disabled (enabled, compatible). One reading
 * for the Local endpoint, which runs cluster mode disabled only and refuses these, and for the client's connection
 * picker, which offers Local last for them, saying why.
 */
export function clusterModeReasons(input: Record<string, unknown>): string[] {
  const group = input.CacheParameterGroupName;
  const nodeGroups = Array.isArray(input.NodeGroupConfiguration) ? input.NodeGroupConfiguration.length : 0;
  const reasons: (string | false)[] = [
    typeof group === 'string' && group.endsWith(CLUSTER_MODE_GROUP_SUFFIX) && `the parameter group ${group} enables it`,
    Number(input.NumNodeGroups) > 1 && `NumNodeGroups is ${String(input.NumNodeGroups)}`,
    nodeGroups > 1 && `NodeGroupConfiguration has ${nodeGroups} node groups`,
    input.ClusterMode !== undefined && input.ClusterMode !== 'disabled' && `ClusterMode is ${String(input.ClusterMode)}`,
  ];
  return reasons.filter((r): r is string => r !== false);
}
