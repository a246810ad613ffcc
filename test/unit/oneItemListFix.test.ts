// A YAML list written as a mapping (its `- ` left out), or a JSON object where a list of structures is expected:
// the invalid-type error offers the fix that makes it a one-item list. (review: annoyed)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';
import { applyEdits } from './helpers';
import type { DocumentKind } from '../../server/src/service/types';

const BASE = 'CacheClusterId: a\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\n';

function fixed(text: string, kind: DocumentKind): string {
  const finding = analyze(text, kind).findings.find((f) => f.code === 'invalid-type');
  assert.ok(finding, text);
  assert.match(finding.message, /^LogDeliveryConfigurations must be a list, not an object\./);
  const fix = finding.fixes?.find((f) => f.title === 'Make it a one-item list');
  assert.ok(fix, `fix offered: ${JSON.stringify(finding.fixes)}`);
  const out = applyEdits(text, fix.edits);
  assert.deepEqual(analyze(out, kind).findings.map((f) => f.message), [], out);
  return out;
}

test('invalid-type: a YAML block mapping where a list is expected gets the one-item-list fix (`- `, lines kept under it)', () => {
  const text = BASE + 'LogDeliveryConfigurations:\n  LogType: slow-log\n  DestinationType: cloudwatch-logs\n  DestinationDetails:\n    CloudWatchLogsDetails:\n      LogGroup: my-group\n\n  LogFormat: json\nTags:\n  - Key: team\n    Value: cache\n';
  assert.equal(
    fixed(text, 'yaml'),
    BASE + 'LogDeliveryConfigurations:\n  - LogType: slow-log\n    DestinationType: cloudwatch-logs\n    DestinationDetails:\n      CloudWatchLogsDetails:\n        LogGroup: my-group\n\n    LogFormat: json\nTags:\n  - Key: team\n    Value: cache\n',
  );
  // CRLF line ends.
  const crlf = text.replace(/\n/g, '\r\n');
  assert.equal(fixed(crlf, 'yaml'), fixed(text, 'yaml').replace(/\n/g, '\r\n'));
});

test('invalid-type: a JSON object or YAML flow mapping where a list is expected is wrapped in [ ]', () => {
  const member = '"LogDeliveryConfigurations": {"LogType": "engine-log", "DestinationType": "cloudwatch-logs", "DestinationDetails": {"CloudWatchLogsDetails": {"LogGroup": "g"}}, "LogFormat": "text"}';
  const json = `{"CacheClusterId": "a", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1,\n ${member}}\n`;
  assert.equal(fixed(json, 'json'), json.replace('{"LogType"', '[{"LogType"').replace('"text"}}', '"text"}]}'));
  const flow = BASE + 'LogDeliveryConfigurations: {LogType: slow-log, DestinationType: cloudwatch-logs, DestinationDetails: {CloudWatchLogsDetails: {LogGroup: g}}, LogFormat: json}\n';
  assert.equal(fixed(flow, 'yaml'), flow.replace(': {LogType', ': [{LogType').replace('json}\n', 'json}]\n'));
});

test('clean: no such fix where a one-item list would not be right, and the scalar fix is unchanged', () => {
  // A mapping where a list of strings is expected: wrapping would not make it valid.
  const strings = analyze(BASE + 'SecurityGroupIds:\n  Id: sg-0123456789abcdef0\n', 'yaml').findings.find((f) => f.code === 'invalid-type');
  assert.ok(strings);
  assert.equal(strings.fixes, undefined);
  // A list written right has no finding.
  assert.deepEqual(analyze(BASE + 'LogDeliveryConfigurations:\n  - LogType: slow-log\n    DestinationType: cloudwatch-logs\n    DestinationDetails:\n      CloudWatchLogsDetails:\n        LogGroup: g\n    LogFormat: json\n', 'yaml').findings, []);
  // A single string still gets the one-element-list fix.
  const scalar = analyze(BASE + 'SecurityGroupIds: sg-0123456789abcdef0\n', 'yaml').findings.find((f) => f.code === 'invalid-type');
  assert.deepEqual(scalar?.fixes?.map((f) => f.title), ['Make it a one-element list']);
  // A string where a list of structures is expected: ["team"] would be the next type error (Tags (item 1) must be a
  // structure), so no fix, in JSON or YAML.
  for (const [text, kind] of [[BASE + 'Tags: team\n', 'yaml'], ['{"CacheClusterId": "a", "Engine": "redis", "Tags": "team"}', 'json']] as const) {
    const tags = analyze(text, kind).findings.find((f) => f.code === 'invalid-type');
    assert.match(tags?.message ?? '', /^Tags must be a list, not a string\./, kind);
    assert.equal(tags?.fixes, undefined, kind);
  }
});
