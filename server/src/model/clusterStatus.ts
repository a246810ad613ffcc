// Which cluster status the service accepts a reboot or a delete in, for the explorer's menus; import-free, so the
// extension can use it at activation without loading the model.

/**
 * The only status in which RebootCacheCluster and DeleteCacheCluster are accepted: in any other, both answer
 * InvalidCacheClusterState, "The requested cluster is not in the available state." DeleteCacheCluster "is not valid
 * for … A cluster that is not in the available state"
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheCluster.html,
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_RebootCacheCluster.html).
 */
export const REBOOT_AND_DELETE_STATUS = 'available';

/**
 * The Local endpoint's own status for a cluster whose cache nodes did not start (local/src/clusters.ts); no AWS status.
 * Its nodes do not answer.
 */
export const LOCAL_FAILED_STATUS = 'failed';

/**
 * Statuses in which no cache node of the cluster answers at its endpoint, yet or any more: `creating` ("The node is
 * inaccessible while it is being created"), `deleting`/`deleted`, `incompatible-network` (no IP address left in the
 * subnet, or its subnet is gone: the node is not started) and `restore-failed` (the node failed and cannot be
 * recovered, its replacement failed, or its snapshot could not be restored), neither billed
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Nodes.viewing.html; the statuses as the API spells them:
 * CacheCluster.CacheClusterStatus, botocore service-2.json 2015-02-02), and the Local endpoint's LOCAL_FAILED_STATUS.
 */
export const ENDPOINT_NOT_SERVING_STATUSES: readonly string[] = ['creating', 'deleting', 'deleted', 'incompatible-network', 'restore-failed', LOCAL_FAILED_STATUS];
