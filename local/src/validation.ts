// Every request the endpoint serves is validated by the language server's own analysis (server/src/service), so the
// endpoint, the linter and the editor apply the same rules from the same model: one rule, one place. That covers
// CreateCacheCluster's rules and the model-driven ones of any action (MaxRecords 20–100 on the Describe actions,
// blank required members, lengths and patterns, types, Version).
import { analyze } from '../../server/src/service/index';
import { DEFAULT_QUOTA_ERRORS, type Finding } from '../../server/src/service/types';
import { ApiError, exceptionShapeByCode } from './queryProtocol';

/**
 * The first finding that AWS itself would reject (the finding carries `awsError`) for a Query form body, as the
 * ApiError AWS returns, or undefined when the request passes. Error findings come first; then quota findings
 * (NumCacheNodes above the default per-cluster limit), which the editor only warns about because AWS raises quotas
 * on request, but which this endpoint, with the default quotas, refuses. Other findings without `awsError` are
 * editor advice (style, placeholders, cost) and do not fail the call.
 */
export function validateRequest(formBody: string): ApiError | undefined {
  const { findings } = analyze(formBody, 'query');
  const refused = (f: Finding) => f.awsError !== undefined && (f.severity === 'error' || DEFAULT_QUOTA_ERRORS.has(f.awsError));
  const finding = findings.find((f) => f.severity === 'error' && refused(f)) ?? findings.find(refused);
  if (!finding || !finding.awsError) return undefined;
  const shape = exceptionShapeByCode[finding.awsError];
  return shape ? ApiError.of(shape, finding.message) : new ApiError(finding.awsError, finding.message, 400);
}
