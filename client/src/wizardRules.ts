// Binds the create wizard to the language service's model and rules (one fact, one place): the same facts,
// validators and CreateCacheCluster rules the language server and the Local endpoint use.
import { ENGINES, LIMITS, NODE_TYPE_FAMILIES, REGIONS, type EngineName } from '../../server/src/model/facts';
import { checkCreateCacheCluster, validateAuthToken, validateCacheClusterId } from '../../server/src/service/index';
import type { WizardRules } from './wizard';

/** Current-generation node types the engine can use (previous generation: new clusters are not supported). */
function nodeTypes(engine: string): string[] {
  return NODE_TYPE_FAMILIES.filter((f) => f.generation === 'current' && (!f.engines || f.engines.includes(engine as EngineName)))
    .flatMap((f) => f.sizes.map((s) => `cache.${f.family}.${s}`));
}

export const wizardRules: WizardRules = {
  engines: ENGINES,
  nodeTypes,
  maxNodes: (engine) => (engine === 'memcached' ? LIMITS.maxMemcachedNodes : 1),
  validateCacheClusterId,
  validateAuthToken,
  checkMember(input, member) {
    const issue = checkCreateCacheCluster(input).find((i) => i.severity === 'error' && i.path[0] === member);
    return issue?.message;
  },
};

export function regionNames(): string[] {
  return [...REGIONS];
}
