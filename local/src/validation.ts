// CreateCacheCluster is validated by the language server's own analysis (server/src/service), so the endpoint,
// the linter and the editor apply the same rules from the same model: one rule, one place.
import { ApiError } from './queryProtocol';

/**
 * The first error-severity finding for a CreateCacheCluster form body, as the ApiError AWS would return
 * (Code from the finding's `awsError`), or undefined when the request passes.
 * TEMPORARY until server/src/service/index.ts (`analyze`) lands.
 */
export function validateCreateCacheCluster(_formBody: string): ApiError | undefined {
  return undefined;
}
