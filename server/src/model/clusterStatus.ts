// The cache cluster statuses the explorer and the create follow act on: which ones change by themselves, which never
// lead to `available`, which the service accepts a reboot or a delete in. Import-free, so the extension can use it at
// activation without loading the model.
// What each status means: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Nodes.viewing.html.

/**
 * CacheCluster.CacheClusterStatus as the API documents it: "one of the following values: available, creating,
 * deleted, deleting, incompatible-network, modifying, rebooting cluster nodes, restore-failed, or snapshotting"
 * (botocore service-2.json 2015-02-02; https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheCluster.html).
 */
export const DOCUMENTED_STATUSES: readonly string[] = [
  'available',
  'creating',
  'deleted',
  'deleting',
  'incompatible-network',
  'modifying',
  'rebooting cluster nodes',
  'restore-failed',
  'snapshotting',
];

/** The status of a cluster that serves: the one the create and the reboot wait for. */
export const AVAILABLE_STATUS = 'available';

/**
 * The only status in which RebootCacheCluster and DeleteCacheCluster are accepted: in any other, both answer
 * InvalidCacheClusterState, "The requested cluster is not in the available state." DeleteCacheCluster "is not valid
 * for … A cluster that is not in the available state"
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheCluster.html,
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_RebootCacheCluster.html).
 * So a failed cluster (incompatible-network, restore-failed) is offered no Delete…: no AWS page documents a delete in
 * those states (Clusters.Delete.html, Nodes.viewing.html do not either). The service's own InvalidCacheClusterState
 * text quoted in hashicorp/terraform#14700 (2017) lists more states, but that is no documentation to rely on.
 */
export const REBOOT_AND_DELETE_STATUS = AVAILABLE_STATUS;

/**
 * The status the Local endpoint gives a cluster whose cache nodes did not start, or keep exiting (local/src/clusters.ts):
 * `restore-failed`, AWS's status for a node that "failed and cannot be recovered" (Nodes.viewing.html), on which the
 * CacheClusterAvailable waiter fails at once. Its nodes do not answer, and it never becomes available. Unlike AWS
 * (which documents DeleteCacheCluster in `available` only), the Local endpoint deletes such a cluster.
 */
export const LOCAL_FAILED_STATUS = 'restore-failed';

/**
 * A reboot's status: `rebooting cache cluster nodes` as the service answers it (the RebootCacheCluster example in
 * botocore examples-1.json, and Nodes.viewing.html); the API reference's CacheClusterStatus list spells it
 * `rebooting cluster nodes`, so both are taken.
 */
export const REBOOTING_STATUSES: readonly string[] = ['rebooting cache cluster nodes', 'rebooting cluster nodes'];

/**
 * Statuses the service moves the cluster out of by itself, once its work is done: `creating`, `modifying`, `deleting`
 * (to gone), a reboot, `snapshotting` (Nodes.viewing.html). The explorer polls while it shows one.
 */
export const TRANSITIONAL_STATUSES: readonly string[] = ['creating', 'modifying', 'deleting', ...REBOOTING_STATUSES, 'snapshotting'];

/**
 * Statuses a cluster is stuck in, which it does not leave by itself: `incompatible-network` (no IP address left in
 * the subnet, or its subnet is gone: the node is not started) and `restore-failed` (the node failed and cannot be
 * recovered, its replacement failed, or its snapshot could not be restored) (Nodes.viewing.html); the service's
 * CacheClusterAvailable waiter gives up on both (botocore waiters-2.json). The Local endpoint uses `restore-failed`
 * (LOCAL_FAILED_STATUS).
 */
export const FAILED_STATUSES: readonly string[] = ['incompatible-network', 'restore-failed'];

/** A cluster being deleted, or deleted: its nodes are stopping, or gone. */
export const DELETION_STATUSES: readonly string[] = ['deleting', 'deleted'];

/**
 * Statuses from which a cluster never becomes available: the failed ones, and `deleting`/`deleted`. Exactly the
 * CacheClusterAvailable waiter's failure states (deleted, deleting, incompatible-network, restore-failed; botocore
 * waiters-2.json).
 */
export const NEVER_AVAILABLE_STATUSES: readonly string[] = [...FAILED_STATUSES, ...DELETION_STATUSES];

/**
 * Statuses in which no cache node of the cluster answers at its endpoint, yet or any more: `creating` ("The node is
 * inaccessible while it is being created"), `deleting`/`deleted`, and the failed ones (FAILED_STATUSES: not started,
 * or failed), none of them billed (Nodes.viewing.html).
 */
export const ENDPOINT_NOT_SERVING_STATUSES: readonly string[] = ['creating', ...DELETION_STATUSES, ...FAILED_STATUSES];

/**
 * ReplicationGroup.Status: "creating, available, modifying, deleting, create-failed, snapshotting" (botocore
 * service-2.json 2015-02-02; https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ReplicationGroup.html).
 * A new group is `available` once it serves, as a cluster is.
 */
export const GROUP_AVAILABLE_STATUS = AVAILABLE_STATUS;

/**
 * Group statuses from which a group never becomes available: `create-failed`, `deleting`, and `deleted` (the
 * ReplicationGroupAvailable waiter's failure state, botocore waiters-2.json).
 */
export const GROUP_NEVER_AVAILABLE_STATUSES: readonly string[] = ['create-failed', 'deleting', 'deleted'];
