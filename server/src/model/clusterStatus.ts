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
