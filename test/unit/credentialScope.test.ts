// The local endpoint's SigV4 credential scope check: the Region must be a Region code of some partition (isRegionCode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticate, type SignedRequest } from '../../local/src/sigv4';

/** A request whose Authorization header is scoped to this Region; the signature is well formed but checked only later. */
function scopedTo(region: string): SignedRequest {
  return {
    method: 'POST',
    host: '127.0.0.1:4510',
    path: '/',
    query: [],
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${region}/elasticache/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      'x-amz-date': '20260101T000000Z',
    },
    body: '',
  };
}

test('a credential scoped to no lowercase Region code is refused (us-EAST-1, us-east_1-1, us-1-1)', async () => {
  for (const region of ['us-EAST-1', 'us-east_1-1', 'us-1-1']) {
    await assert.rejects(authenticate(scopedTo(region)), (err: Error & { code: string; httpStatus: number }) => {
      assert.equal(err.code, 'SignatureDoesNotMatch', region);
      assert.equal(err.httpStatus, 403);
      assert.match(err.message, /Credential should be scoped to a valid Region/);
      return true;
    });
  }
  // Without credentials to check against, a valid scope is the caller's.
  for (const region of ['us-east-1', 'eusc-de-east-1', 'us-isob-east-1']) {
    assert.deepEqual(await authenticate(scopedTo(region)), { accessKeyId: 'AKIDEXAMPLE', region });
  }
});
