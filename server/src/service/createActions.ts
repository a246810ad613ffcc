// The requests the extension can create from a file (the "Create cluster" CodeLens, Create Cluster from Request…):
// one list, read by the language server's lens and by the client's command.
import type { DocumentKind, ParsedRequest } from './types';

export const CREATE_ACTIONS = ['CreateCacheCluster', 'CreateReplicationGroup'] as const;
export type CreateAction = (typeof CREATE_ACTIONS)[number];

/**
 * The create action of a request, or undefined when it is no create the extension sends. A Query request names its
 * action; a CLI input file (JSON/YAML) is create-cache-cluster's input (its forms describe only that command).
 */
export function createActionOf(request: Pick<ParsedRequest, 'action'>, kind: DocumentKind): CreateAction | undefined {
  const name = kind === 'query' ? request.action?.name : (request.action?.name ?? 'CreateCacheCluster');
  if (kind !== 'query') return name === 'CreateCacheCluster' ? name : undefined;
  return (CREATE_ACTIONS as readonly string[]).includes(name ?? '') ? (name as CreateAction) : undefined;
}
