// Fixes that remove a Query parameter leave one valid request with the other parameters: the URL's `?` stays
// before the rest, whichever parameter goes and however the request is laid out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';
import { applyEdits } from './helpers';

const HOST = 'https://elasticache.us-east-1.amazonaws.com/';
const REST = 'Version=2015-02-02&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t4g.micro&NumCacheNodes=1';

/** The text after the fix titled `title`, checked to be one request with `params` (name=value, in order) and no error. */
function afterFix(text: string, title: string, params: string[]): string {
  const fix = analyze(text, 'query').findings.flatMap((f) => f.fixes ?? []).find((x) => x.title === title);
  assert.ok(fix, `a fix "${title}" in ${JSON.stringify(text)}`);
  const out = applyEdits(text, fix.edits);
  const { requests, findings } = analyze(out, 'query');
  assert.equal(requests.length, 1, JSON.stringify(out));
  assert.deepEqual(requests[0].params!.map((p) => `${p.name}=${p.value}`), params, JSON.stringify(out));
  assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.code), [], JSON.stringify(out));
  return out;
}

const KEPT = ['Action=CreateCacheCluster', ...REST.split('&')];
const REMOVE_EMPTY = 'Remove the empty CacheSubnetGroupName';

test("removing the URL's first parameter keeps the '?' before the rest (one line)", () => {
  assert.equal(afterFix(`${HOST}?CacheSubnetGroupName=&Action=CreateCacheCluster&${REST}`, REMOVE_EMPTY, KEPT), `${HOST}?Action=CreateCacheCluster&${REST}`);
});

test("a '?name=value' line of its own: the line goes and the next line's '&' becomes the '?' (LF and CRLF)", () => {
  for (const nl of ['\n', '\r\n']) {
    const text = [HOST, '    ?CacheSubnetGroupName=', '    &Action=CreateCacheCluster', `    &${REST}`, ''].join(nl);
    assert.equal(afterFix(text, REMOVE_EMPTY, KEPT), [HOST, '    ?Action=CreateCacheCluster', `    &${REST}`, ''].join(nl));
  }
});

test("'?name=value' ending the URL's line, the rest on '&' lines: the next '&' becomes the '?' (LF and CRLF)", () => {
  for (const nl of ['\n', '\r\n']) {
    const text = [`${HOST}?CacheSubnetGroupName=`, '    &Action=CreateCacheCluster', `    &${REST}`].join(nl);
    assert.equal(afterFix(text, REMOVE_EMPTY, KEPT), [HOST, '    ?Action=CreateCacheCluster', `    &${REST}`].join(nl));
  }
});

test("lines ending with '&': the '?' stays at the end of the line, so the next line still continues the request", () => {
  for (const nl of ['\n', '\r\n']) {
    const text = [`${HOST}?CacheSubnetGroupName=&`, 'Action=CreateCacheCluster&', REST].join(nl);
    assert.equal(afterFix(text, REMOVE_EMPTY, KEPT), [`${HOST}?`, 'Action=CreateCacheCluster&', REST].join(nl));
    const own = [HOST, '    ?CacheSubnetGroupName=&', '    Action=CreateCacheCluster&', `    ${REST}`].join(nl);
    assert.equal(afterFix(own, REMOVE_EMPTY, KEPT), [HOST, '    ?', '    Action=CreateCacheCluster&', `    ${REST}`].join(nl));
  }
});

test("a form body's first parameter goes with the '&' after it", () => {
  assert.equal(afterFix(`CacheSubnetGroupName=&Action=CreateCacheCluster&${REST}`, REMOVE_EMPTY, KEPT), `Action=CreateCacheCluster&${REST}`);
});

test("clean cases: a parameter after '&' goes with that '&' (or its line), as before", () => {
  assert.equal(afterFix(`${HOST}?Action=CreateCacheCluster&CacheSubnetGroupName=&${REST}`, REMOVE_EMPTY, KEPT), `${HOST}?Action=CreateCacheCluster&${REST}`);
  assert.equal(afterFix(`${HOST}?Action=CreateCacheCluster&${REST}&CacheSubnetGroupName=`, REMOVE_EMPTY, KEPT), `${HOST}?Action=CreateCacheCluster&${REST}`);
  const lines = [HOST, '    ?Action=CreateCacheCluster', '    &CacheSubnetGroupName=', `    &${REST}`].join('\n');
  assert.equal(afterFix(lines, REMOVE_EMPTY, KEPT), [HOST, '    ?Action=CreateCacheCluster', `    &${REST}`].join('\n'));
});

const SIGV4 = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150508%2Fus-east-1%2Felasticache%2Faws4_request&X-Amz-Date=20150508T220302Z&X-Amz-SignedHeaders=host&X-Amz-Signature=' + 'ab'.repeat(32);

test("Signature Version 2 parameters first in the URL: removing one, or all at once, keeps the '?'", () => {
  const text = `${HOST}?SignatureVersion=2&SignatureMethod=HmacSHA256&Action=CreateCacheCluster&${REST}&${SIGV4}`;
  const rest = ['Action=CreateCacheCluster', ...REST.split('&'), ...SIGV4.split('&').map(decodeURIComponent)];
  assert.equal(
    afterFix(text, 'Remove SignatureVersion', ['SignatureMethod=HmacSHA256', ...rest]),
    `${HOST}?SignatureMethod=HmacSHA256&Action=CreateCacheCluster&${REST}&${SIGV4}`,
  );
  assert.equal(afterFix(text, 'Remove all 2 Signature Version 2 parameters', rest), `${HOST}?Action=CreateCacheCluster&${REST}&${SIGV4}`);
  const lines = [HOST, '    ?SignatureVersion=2', '    &SignatureMethod=HmacSHA256', '    &Action=CreateCacheCluster', `    &${REST}&${SIGV4}`].join('\r\n');
  assert.equal(afterFix(lines, 'Remove all 2 Signature Version 2 parameters', rest), [HOST, '    ?Action=CreateCacheCluster', `    &${REST}&${SIGV4}`].join('\r\n'));
});
