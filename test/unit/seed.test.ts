// The seed page's example (pasted verbatim from the AWS documentation) must parse as one request and every
// real mistake in it must be found, with exact spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/service/index';
import { applyEdits, findingsAt } from './helpers';

const seed = readFileSync(join(__dirname, 'fixtures/seed.elasticache'), 'utf8');

// Timestamp gets only "remove it" (query-sigv2-param): in a Signature Version 4 request its format does not matter.
test('the seed: the full list of findings, in order, on the exact text', () => {
  const found = findingsAt(seed, 'query')
    .sort((a, b) => a.finding.span.start - b.finding.span.start)
    .map((f) => `${f.severity} ${f.code} @${f.at}`);
  assert.deepEqual(found, [
    'error unknown-parameter @CacheParameterGroup',
    'error engine-version-support @3.2.4',
    'warning query-sigv2-param @SignatureVersion',
    'warning query-trailing-whitespace @       ',
    'warning query-sigv2-param @SignatureMethod',
    'warning snapshot-arn @arn%3Aaws%3As3%3A%3A%3AmyS3Bucket%2Fdump.rdb',
    'warning query-sigv2-param @Timestamp',
    'warning query-placeholder @<credential>',
    'error query-expires @20150508T220302Z',
    'error query-signed-headers @Host',
    'warning query-placeholder @<signature>',
  ]);
});

test('the seed: messages say what is wrong and what to do', () => {
  const { findings } = analyze(seed, 'query');
  const byCode = (c: string) => findings.find((f) => f.code === c)!;
  assert.match(byCode('unknown-parameter').message, /Did you mean CacheParameterGroupName\?/);
  assert.equal(byCode('query-expires').message, 'X-Amz-Expires must be a number of seconds from 1 to 604800 (7 days), not a date: how long the signed URL stays valid.');
  assert.equal(byCode('query-signed-headers').message, 'X-Amz-SignedHeaders must be host: header names must be lowercase.');
  const placeholders = findings.filter((f) => f.code === 'query-placeholder').map((f) => f.message);
  assert.deepEqual(placeholders.map((m) => m.replace(/^X-Amz-\w+/, 'NAME')), [placeholders[0].replace(/^X-Amz-\w+/, 'NAME'), placeholders[0].replace(/^X-Amz-\w+/, 'NAME')], 'secret or not, the same words');
  assert.match(placeholders[0], /^X-Amz-Credential is a placeholder, not a value/);
  assert.match(placeholders[1], /^X-Amz-Signature is a placeholder, not a value/);
  assert.match(byCode('query-sigv2-param').message, /^SignatureVersion is a Signature Version 2 parameter in a Signature Version 4 \(X-Amz-\*\) request: remove it/);
  assert.match(byCode('query-sigv2-param').message, /Signature Version 2/);
  assert.match(byCode('snapshot-arn').message, /myS3Bucket/);
  assert.equal(byCode('unknown-parameter').awsError, 'InvalidParameterValue');
});

test('the seed: applying the preferred quick fixes and removals leaves only the placeholders, the expiry and the bucket name', () => {
  let text = seed;
  // Apply one fix at a time (re-analysing), so the spans always match the text.
  for (let round = 0; round < 20; round++) {
    const fixable = analyze(text, 'query').findings.find((f) => f.fixes && f.fixes.length > 0);
    if (!fixable) break;
    text = applyEdits(text, fixable.fixes![0].edits);
  }
  const { requests, findings } = analyze(text, 'query');
  assert.equal(requests.length, 1, 'still one request after the fixes');
  // The end-of-life version's fix (the latest version), then the group's for that version.
  assert.deepEqual([requests[0].input.EngineVersion, requests[0].input.CacheParameterGroupName], ['7.1', 'default.redis7']);
  assert.deepEqual(findings.map((f) => f.code).sort(), ['query-expires', 'query-placeholder', 'query-placeholder', 'snapshot-arn']);
  assert.ok(!/SignatureVersion|SignatureMethod|Timestamp/.test(text));
  assert.match(text, /X-Amz-SignedHeaders=host\n/);
});

test('the seed: one fix removes all three Signature Version 2 parameters at once', () => {
  const sigV2 = analyze(seed, 'query').findings.filter((f) => f.code === 'query-sigv2-param');
  assert.equal(sigV2.length, 3);
  for (const f of sigV2) assert.equal(f.fixes![1].title, 'Remove all 3 Signature Version 2 parameters');
  const text = applyEdits(seed, sigV2[0].fixes![1].edits);
  assert.ok(!/SignatureVersion|SignatureMethod|Timestamp/.test(text));
  const after = analyze(text, 'query');
  assert.equal(after.requests.length, 1);
  assert.ok(!after.findings.some((f) => f.code === 'query-sigv2-param'));
  assert.equal(after.requests[0].params!.length, 15);
  // One parameter alone: just its own fix.
  const one = analyze(seed.replace(/\n\s*&SignatureMethod=.*/, '').replace(/\n\s*&Timestamp=.*/, ''), 'query').findings.filter((f) => f.code === 'query-sigv2-param');
  assert.deepEqual(one.map((f) => f.fixes!.map((x) => x.title)), [['Remove SignatureVersion']]);
});
