// The names a Query request can be made of. Only the generated list of names is imported, not the service model, so
// that the secret redaction (secrets.ts), which the extension loads at activation, can tell them at little cost.
import { MODEL_NAMES } from './generated/names';

/** Query-protocol parameters that are not API members (SigV4 ones all start with `X-Amz-`). */
export const PROTOCOL_PARAMS = ['Action', 'Version', 'SignatureVersion', 'SignatureMethod', 'Timestamp', 'Expires', 'AWSAccessKeyId', 'Signature', 'SecurityToken'];
/** SigV4 query (presigned URL) parameters. Source: SOURCES.sigv4Query. */
export const SIGV4_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token'];

/** Every name a Query request is made of: protocol and SigV4 parameters, list items' `member`, the model's names. */
export const QUERY_NAMES: readonly string[] = [...new Set([...PROTOCOL_PARAMS, ...SIGV4_PARAMS, 'member', ...MODEL_NAMES])];
