// CreateCacheCluster is validated by the language server's own analysis (server/src/service), so the endpoint,
// the linter and the editor apply the same rules from the same model: one rule, one place.
import { analyze } from '../../server/src/service/index';
import { ApiError, exceptionShapeByCode } from './queryProtocol';

/**
 * The first error-severity finding that AWS itself would reject (the finding carries `awsError`) for a
 * CreateCacheCluster form body, as the ApiError AWS returns, or undefined when the request passes.
 * Findings without `awsError` are editor advice (style, placeholders, cost) and do not fail the call.
 */
export function validateCreateCacheCluster(formBody: string): ApiError | undefined {
  const { findings } = analyze(formBody, 'query');
  const finding = findings.find((f) => f.severity === 'error' && f.awsError);
  if (!finding || !finding.awsError) return undefined;
  const shape = exceptionShapeByCode[finding.awsError];
  return shape ? ApiError.of(shape, finding.message) : new ApiError(finding.awsError, finding.message, 400);
}
