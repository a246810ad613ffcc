// Shared helpers for the language-service unit tests.
import { analyze, type DocumentKind, type Finding } from '../../server/src/service/index';

/** Findings as `code@text` pairs (the text the span covers), for compact, exact assertions. */
export function findingsAt(text: string, kind: DocumentKind): { code: string; severity: string; at: string; finding: Finding }[] {
  return analyze(text, kind).findings.map((f) => ({ code: f.code, severity: f.severity, at: text.slice(f.span.start, f.span.end), finding: f }));
}

export function codes(text: string, kind: DocumentKind): string[] {
  return analyze(text, kind).findings.map((f) => f.code);
}

/** Applies a fix's edits (back to front) to the text. */
export function applyEdits(text: string, edits: { span: { start: number; end: number }; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** A clean CreateCacheCluster Query request (no findings at all). */
export const CLEAN_QUERY = [
  'https://elasticache.us-west-2.amazonaws.com/',
  '    ?Action=CreateCacheCluster',
  '    &CacheClusterId=my-cluster',
  '    &CacheNodeType=cache.r7g.large',
  '    &CacheParameterGroupName=default.redis7',
  '    &Engine=redis',
  '    &EngineVersion=7.1',
  '    &NumCacheNodes=1',
  '    &SnapshotArns.member.1=arn%3Aaws%3As3%3A%3A%3Amy-s3-bucket%2Fdump.rdb',
  '    &Version=2015-02-02',
  '    &X-Amz-Algorithm=AWS4-HMAC-SHA256',
  '    &X-Amz-Credential=AKIDEXAMPLE%2F20150508%2Fus-west-2%2Felasticache%2Faws4_request',
  '    &X-Amz-Date=20150508T220302Z',
  '    &X-Amz-Expires=300',
  '    &X-Amz-SignedHeaders=host',
  '    &X-Amz-Signature=' + 'ab'.repeat(32),
  '',
].join('\n');

/** Builds a bare CreateCacheCluster form body from members (values percent-encoded). */
export function body(members: Record<string, string | number | boolean>): string {
  const pairs = Object.entries({ Action: 'CreateCacheCluster', Version: '2015-02-02', ...members });
  return pairs.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
}
