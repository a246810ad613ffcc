// empty-value on a Describe action's filter: no claim that ElastiCache rejects it. AWS's own examples send empty
// DescribeReservedCacheNodesOfferings filters and get an answer (botocore examples-1.json,
// describereseredcachenodeofferings-1481742869998); other actions keep their message (emptyValues.ts describeInputs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, findingsAt } from './helpers';

const HOST = 'https://elasticache.us-east-1.amazonaws.com/';
const query = (action: string, ...params: string[]) => `${HOST}?${[`Action=${action}`, 'Version=2015-02-02', ...params].join('&')}\n`;
const empties = (text: string) => findingsAt(text, 'query').filter((f) => f.code === 'empty-value');

test('empty-value on a Describe filter (AWS example input): a warning that it is not left out, not that ElastiCache rejects it', () => {
  const text = query('DescribeReservedCacheNodesOfferings', 'CacheNodeType=', 'Duration=', 'Marker=', 'MaxRecords=25', 'OfferingType=', 'ProductDescription=', 'ReservedCacheNodesOfferingId=438012d3-4052-4cc7-b2e3-8d3372e0e706');
  const found = empties(text);
  // Duration is free text and Marker a marker (silent); the two identifiers are reported.
  assert.deepEqual(found.map((f) => [f.severity, f.finding.message.split(' ')[0]]), [['warning', 'CacheNodeType'], ['warning', 'OfferingType']]);
  assert.equal(found[0].finding.message, 'CacheNodeType is empty: an empty value is sent as is, not as "unset", so this filter is not left out (what ElastiCache matches with an empty filter is not documented). Remove it to leave the filter out, or give a value.');
  assert.equal(found[0].finding.awsError, undefined);
  assert.equal(applyEdits(text, found[0].finding.fixes![0].edits), query('DescribeReservedCacheNodesOfferings', 'Duration=', 'Marker=', 'MaxRecords=25', 'OfferingType=', 'ProductDescription=', 'ReservedCacheNodesOfferingId=438012d3-4052-4cc7-b2e3-8d3372e0e706'));
});

test('empty-value outside the Describe actions keeps saying ElastiCache is likely to reject it', () => {
  const [finding] = empties(query('ModifyCacheCluster', 'CacheClusterId=my-cluster', 'CacheParameterGroupName='));
  assert.match(finding.finding.message, /^CacheParameterGroupName is empty: .*ElastiCache is likely to reject it \(InvalidParameterValue\)\. Remove it to leave it unset, or give a value\.$/);
});
