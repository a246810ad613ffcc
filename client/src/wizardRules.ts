// Binds the create wizard to the language service's model and rules (one fact, one place): the same
// validators and CreateCacheCluster rules the language server and the Local endpoint use.
import { checkCreateCacheCluster, validateCacheClusterId } from '../../server/src/service/index';
import * as facts from './factsBridge';
import type { WizardRules } from './wizard';

export const wizardRules: WizardRules = {
  engines: facts.engines(),
  nodeTypes: (engine) => facts.nodeTypes(engine),
  maxNodes: (engine) => facts.maxNodes(engine),
  validateCacheClusterId,
  validateAuthToken: (token) => facts.validateAuthToken(token),
  checkMember(input, member) {
    const issue = checkCreateCacheCluster(input).find((i) => i.severity === 'error' && i.path[0] === member);
    return issue?.message;
  },
};

export function regionNames(): string[] {
  return facts.regions();
}
