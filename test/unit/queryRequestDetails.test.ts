// An analysis keeps only the outline of each Query request (span, action, host); its parameters, entries and input are
// worked out again from the request's own lines when read. They must be exactly what the whole document's parse and
// checks give, whatever the layout around the request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, parseQueryDocument } from '../../server/src/service/index';
import { checkStructure, queryParamsToEntries } from '../../server/src/service/shapeCheck';
import { SLOT, splitQueryParams } from '../../server/src/service/queryRules';
import { serviceModel } from '../../server/src/model/generated/serviceModel';

const HOST = 'https://elasticache.us-east-1.amazonaws.com/';
const LAYOUTS = [
  // The documentation's layout, with comments inside and between requests.
  `# first\n${HOST}\n    ?Action=CreateCacheCluster\n    # a comment inside\n    &CacheClusterId=a\n    &Engine=redis\n    &Version=2015-02-02\n\n${HOST}?Action=DeleteCacheCluster&CacheClusterId=a&Version=2015-02-02\n`,
  // Lines broken after a trailing `&`, then a URL after a trailing `&` that starts a request of its own.
  `${HOST}?Action=CreateCacheCluster&\nCacheClusterId=b&Engine=memcached&\nNumCacheNodes=2&Version=2015-02-02&\n${HOST}?Action=DescribeCacheClusters&Version=2015-02-02\n`,
  // A request starting with a bare `?` line, `###` separators, CRLF, a `//` line, trailing blanks, a form body.
  `?Action=CreateCacheCluster\r\n&CacheClusterId=c  \r\n// not a comment\r\n&Engine=valkey\r\n###\r\nAction=CreateCacheCluster&CacheClusterId=d&Engine=redis&Tags.Tag.1.Key=k&Tags.Tag.1.Value=v+w\r\n`,
  // A Markdown fence pasted around the example, percent-encoding, lists and a duplicate.
  '```\n' + `${HOST}?Action=CreateCacheCluster&CacheClusterId=e&SnapshotArns.member.1=arn%3Aaws%3As3%3A%3A%3Ab%2Fd.rdb&SecurityGroupIds.SecurityGroupId.1=sg-1&CacheClusterId=f\n` + '```\n',
  // A request that starts with an indented `?` line (its first parameter alone on its line, indentation included).
  `${HOST}?Action=DescribeCacheClusters&Version=2015-02-02\n\n    ?Action=CreateCacheCluster\n    &CacheClusterId=h\n`,
  // The last request without a final newline.
  `${HOST}?Action=CreateCacheCluster&CacheClusterId=g\n\n&Engine=redis&NumCacheNodes=1`,
];

test('each request of an analysis has the parameters, entries and input of the whole-document parse and checks', () => {
  for (const text of LAYOUTS) {
    const { requests } = analyze(text, 'query');
    const whole = parseQueryDocument(text, []);
    assert.equal(requests.length, whole.length, text);
    for (let i = 0; i < whole.length; i++) {
      const raw = whole[i];
      assert.deepEqual(JSON.parse(JSON.stringify(requests[i].params)), JSON.parse(JSON.stringify(raw.params)), `params of request ${i + 1}: ${text}`);
      const split = splitQueryParams(raw.params);
      const action = split.protocol[SLOT.Action]?.value;
      const operation = action && serviceModel.operations[action] ? action : undefined;
      const ctx = { form: 'query' as const, findings: [], params: raw.params };
      const entries = queryParamsToEntries(operation, split.api, ctx);
      const input = operation ? checkStructure(serviceModel.operations[operation].input!, entries, [], { ...ctx, entries }, { operation, anchor: raw.span, duplicatesAreErrors: true }) : {};
      assert.deepEqual(JSON.parse(JSON.stringify(requests[i].entries)), JSON.parse(JSON.stringify(entries)), `entries of request ${i + 1}: ${text}`);
      assert.deepEqual(requests[i].input, input, `input of request ${i + 1}: ${text}`);
    }
  }
});

test('the details are worked out once per request, and reading one request does not read the others', () => {
  const text = LAYOUTS[0];
  const { requests } = analyze(text, 'query');
  assert.equal(requests[1].input, requests[1].input, 'the same input object on every read');
  assert.equal(requests[1].params, requests[1].params);
  assert.deepEqual(requests[1].input, { CacheClusterId: 'a' });
  assert.equal(requests[0].action?.name, 'CreateCacheCluster');
});
