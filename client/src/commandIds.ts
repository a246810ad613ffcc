// The commands the extension registers: registerCommands (commands.ts) registers exactly these, with a handler
// for each (checked by the type), and package.json declares exactly these (checked by test/client/activation).
export const COMMAND_IDS = [
  'elasticache.startLocalEndpoint',
  'elasticache.stopLocalEndpoint',
  'elasticache.refresh',
  'elasticache.createCluster',
  'elasticache.createFromRequest',
  'elasticache.copyEndpoint',
  'elasticache.copyArn',
  'elasticache.copyCliCommand',
  'elasticache.openAsRequestFile',
  'elasticache.rebootCluster',
  'elasticache.deleteCluster',
  'elasticache.deleteReplicationGroup',
  'elasticache.configureProfile',
  'elasticache.selectRegions',
  'elasticache.showAwsConnection',
  'elasticache.showLog',
  'elasticache.lintCliPath',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
