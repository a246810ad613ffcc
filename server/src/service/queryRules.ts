// The Query-URL layer: protocol parameters (Action, Version, SigV4 `X-Amz-*`, SigV2), host and signing scope.
import type { RawQueryRequest } from './queryParser';
import type { Finding, Fix } from './types';

/** Query-protocol parameters that are not API members (SigV4 ones all start with `X-Amz-`). */
export const PROTOCOL_PARAMS = new Set(['Action', 'Version', 'SignatureVersion', 'SignatureMethod', 'Timestamp', 'Expires', 'AWSAccessKeyId', 'Signature', 'SecurityToken']);

export function checkQueryProtocol(_raw: RawQueryRequest, _findings: Finding[]): void {}

export function clusterModeRewriteFix(_raw: RawQueryRequest, _input: Record<string, unknown>): Fix | undefined {
  return undefined;
}
