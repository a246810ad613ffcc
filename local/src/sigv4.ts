// Signature Version 4 for the local endpoint. Like AWS, a request with neither an Authorization header nor
// X-Amz-Signature query parameters is refused (MissingAuthenticationToken). Without configured keys any
// well-formed signature is accepted (the SDK and CLI need *some* credentials, whatever they are); with
// `accessKey`/`secretKey` the signature is recomputed with @smithy/signature-v4 and must match.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { timingSafeEqual } from 'node:crypto';
import { AUTH_ERROR_STATUS, LIMITS, isRegionCode } from '../../server/src/model/facts';
import { serviceModel } from '../../server/src/model/generated/serviceModel';
import { MAX_CLOCK_SKEW_MINUTES } from '../../server/src/model/requestTime';
import { ApiError } from './queryProtocol';

export interface SignedRequest {
  method: string;
  /** Host header as received (hostname[:port]). */
  host: string;
  path: string;
  /** Raw query parameters in order (duplicates allowed). */
  query: [string, string][];
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Credentials {
  accessKey: string;
  secretKey: string;
}

/** What the signature says about the caller (region for ARNs; never the signature itself). */
export interface CallerScope {
  accessKeyId: string;
  region: string;
}

const presignParams = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];

/** An authentication error with the status of the Common Errors page (SignatureDoesNotMatch, not on it: 403). */
function authError(code: keyof typeof AUTH_ERROR_STATUS | 'SignatureDoesNotMatch', message: string): ApiError {
  return new ApiError(code, message, code === 'SignatureDoesNotMatch' ? 403 : AUTH_ERROR_STATUS[code]);
}

function header(req: SignedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

interface ParsedSignature {
  accessKeyId: string;
  date: string; // yyyymmdd
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string; // yyyymmddThhmmssZ
  expires?: number;
  presigned: boolean;
}

function parseCredential(credential: string): Pick<ParsedSignature, 'accessKeyId' | 'date' | 'region' | 'service'> {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1]) || !parts[0]) {
    throw authError('IncompleteSignature', 'Credential must have the form <key>/<yyyymmdd>/<region>/<service>/aws4_request.');
  }
  return { accessKeyId: parts[0], date: parts[1], region: parts[2], service: parts[3] };
}

function parseSignature(req: SignedRequest): ParsedSignature {
  const authorization = header(req, 'authorization');
  if (authorization) {
    const m = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(authorization.trim());
    if (!m) throw authError('IncompleteSignature', 'Only AWS4-HMAC-SHA256 (Signature Version 4) is supported.');
    const fields: Record<string, string> = {};
    for (const part of m[1].split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    if (!fields.Credential || !fields.SignedHeaders || !fields.Signature) {
      throw authError('IncompleteSignature', 'Authorization header requires Credential, SignedHeaders and Signature.');
    }
    const amzDate = header(req, 'x-amz-date') ?? '';
    if (!/^\d{8}T\d{6}Z$/.test(amzDate)) throw authError('IncompleteSignature', 'Authorization header requires an X-Amz-Date header.');
    return {
      ...parseCredential(fields.Credential),
      signedHeaders: fields.SignedHeaders.toLowerCase().split(';'),
      signature: fields.Signature,
      amzDate,
      presigned: false,
    };
  }
  const q = new Map(req.query);
  const signature = q.get('X-Amz-Signature');
  if (!signature) throw authError('MissingAuthenticationToken', 'Request is missing Authentication Token');
  const amzDate = q.get('X-Amz-Date') ?? '';
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || !q.get('X-Amz-Credential') || !q.get('X-Amz-SignedHeaders') || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw authError('IncompleteSignature', 'Presigned requests require X-Amz-Algorithm=AWS4-HMAC-SHA256, X-Amz-Credential, X-Amz-Date and X-Amz-SignedHeaders.');
  }
  return {
    ...parseCredential(q.get('X-Amz-Credential')!),
    signedHeaders: q.get('X-Amz-SignedHeaders')!.toLowerCase().split(';'),
    signature,
    amzDate,
    expires: q.has('X-Amz-Expires') ? Number(q.get('X-Amz-Expires')) : undefined,
    presigned: true,
  };
}

function parseAmzDate(amzDate: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)!;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/** AWS's allowed clock skew for header-signed requests. */
const maxSkewMs = MAX_CLOCK_SKEW_MINUTES * 60 * 1000;

const basicIso = (d: Date) => d.toISOString().replace(/[-:]|\.\d{3}/g, '');

/**
 * A signature is only good for a while, as on AWS (https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html):
 * a header-signed request within MAX_CLOCK_SKEW_MINUTES of now, a presigned one from X-Amz-Date until X-Amz-Expires seconds
 * later. Otherwise RequestExpired (400), the Common Errors page's code for a date stamp too old or too far ahead and for
 * a presigned URL past its expiry (AUTH_ERROR_STATUS), saying "Signature expired" or "Signature not yet current".
 */
function checkSignatureTime(sig: ParsedSignature, now: Date): void {
  const signedAt = parseAmzDate(sig.amzDate);
  const notYet = new Date(now.getTime() + maxSkewMs);
  if (signedAt > notYet) {
    throw authError('RequestExpired', `Signature not yet current: ${sig.amzDate} is still later than ${basicIso(notYet)} (${basicIso(now)} + ${MAX_CLOCK_SKEW_MINUTES} min.)`);
  }
  if (sig.presigned) {
    const expires = sig.expires;
    if (expires === undefined || !Number.isInteger(expires) || expires < LIMITS.presignMinSeconds || expires > LIMITS.presignMaxSeconds) {
      throw authError('IncompleteSignature', `X-Amz-Expires must be a whole number of seconds from ${LIMITS.presignMinSeconds} to ${LIMITS.presignMaxSeconds}.`);
    }
    const until = new Date(signedAt.getTime() + expires * 1000);
    if (until < now) throw authError('RequestExpired', `Signature expired: ${basicIso(until)} is now earlier than ${basicIso(now)} (X-Amz-Date + X-Amz-Expires)`);
    return;
  }
  const oldest = new Date(now.getTime() - maxSkewMs);
  if (signedAt < oldest) throw authError('RequestExpired', `Signature expired: ${sig.amzDate} is now earlier than ${basicIso(oldest)} (${basicIso(now)} - ${MAX_CLOCK_SKEW_MINUTES} min.)`);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The credential scope names the service and a Region, as AWS checks it, with its words ("Credential should be scoped
 * to a valid Region, not region-code", "Credential should be scoped to correct service"; SignatureDoesNotMatch, 403:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html). Any valid Region name passes:
 * the endpoint keeps one cluster list for every Region, and the name only goes into ARNs.
 */
function checkCredentialScope(sig: ParsedSignature): void {
  const service = serviceModel.metadata.endpointPrefix;
  if (sig.service !== service) {
    throw authError('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${service}', not '${sig.service.slice(0, 60)}': sign the request for the service ${service}.`);
  }
  if (!isRegionCode(sig.region)) {
    throw authError('SignatureDoesNotMatch', `Credential should be scoped to a valid Region, not '${sig.region.slice(0, 60)}': sign the request for a Region such as us-east-1.`);
  }
}

/** Checks the request's SigV4 signature; throws an ApiError when it is missing (403), malformed (400) or wrong (403). */
export async function authenticate(req: SignedRequest, credentials?: Credentials): Promise<CallerScope> {
  const sig = parseSignature(req);
  if (!/^[0-9a-f]{64}$/.test(sig.signature)) throw authError('IncompleteSignature', 'The signature is not well formed.');
  if (!sig.signedHeaders.includes('host')) throw authError('IncompleteSignature', 'The host header must be signed.');
  checkCredentialScope(sig);
  const scope = { accessKeyId: sig.accessKeyId, region: sig.region };
  if (!credentials) return scope;

  if (!sameSecret(sig.accessKeyId, credentials.accessKey)) {
    throw authError('InvalidClientTokenId', 'The security token included in the request is invalid.');
  }
  checkSignatureTime(sig, new Date());
  const headers: Record<string, string> = {};
  for (const name of sig.signedHeaders) {
    const v = header(req, name);
    if (v !== undefined) headers[name] = v;
  }
  // No prototype: the names are the caller's (`constructor`, `__proto__` are plain names here).
  const query: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of req.query) {
    if (sig.presigned && presignParams.includes(k)) continue;
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const [hostname, port] = req.host.split(':');
  const request = new HttpRequest({
    method: req.method,
    protocol: 'http:',
    hostname,
    port: port ? Number(port) : undefined,
    path: req.path,
    query,
    headers,
    body: req.body,
  });
  const signer = new SignatureV4({
    credentials: { accessKeyId: credentials.accessKey, secretAccessKey: credentials.secretKey },
    region: sig.region,
    service: sig.service,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const options = {
    signingDate: parseAmzDate(sig.amzDate),
    signingRegion: sig.region,
    signingService: sig.service,
    signableHeaders: new Set(sig.signedHeaders),
  };
  let expected: string | undefined;
  if (sig.presigned) {
    const signed = await signer.presign(request, { ...options, expiresIn: sig.expires });
    expected = String(signed.query?.['X-Amz-Signature'] ?? '');
  } else {
    const signed = await signer.sign(request, options);
    expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ''))?.[1];
  }
  if (!expected || !sameSecret(expected, sig.signature)) {
    throw authError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  return scope;
}
