// empty-value: a blank string where ElastiCache needs a value, in every form, once per mistake, with its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN_QUERY, applyEdits, body, codes, findingsAt } from './helpers';

const cluster = { CacheClusterId: 'my-cluster', Engine: 'redis', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 };

test('empty-value: an empty optional name is a warning in all three forms, and the fix removes it cleanly', () => {
  const cases = [
    ['query', CLEAN_QUERY.replace('&CacheParameterGroupName=default.redis7', '&CacheParameterGroupName='), '    &CacheParameterGroupName=default.redis7\n'],
    ['json', '{\n  "CacheClusterId": "my-cluster",\n  "CacheParameterGroupName": "",\n  "Engine": "redis"\n}\n', '  "CacheParameterGroupName": "default.redis7",\n'],
    ['json', '{\n  "CacheClusterId": "my-cluster",\n  "CacheParameterGroupName": ""\n}\n', ''],
    ['yaml', "CacheClusterId: my-cluster\nCacheParameterGroupName: ''\nEngine: redis\n", ''],
  ] as const;
  for (const [kind, text] of cases) {
    const found = findingsAt(text, kind);
    assert.deepEqual(found.map((f) => `${f.code}/${f.severity}`), ['empty-value/warning'], `${kind}: ${text}`);
    const f = found[0].finding;
    assert.match(f.message, /^CacheParameterGroupName is empty: /);
    assert.match(f.message, /Remove it to leave it unset, or give a value\.$/);
    assert.equal(f.fixes?.[0].title, 'Remove the empty CacheParameterGroupName');
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.ok(!fixed.includes('CacheParameterGroupName'), fixed);
    assert.deepEqual(codes(fixed, kind), [], `${kind} after the fix:\n${fixed}`);
  }
  // The clean cases: a real value, and the member left out.
  assert.deepEqual(codes(CLEAN_QUERY, 'query'), []);
  assert.deepEqual(codes('{"CacheClusterId": "my-cluster", "CacheParameterGroupName": "default.redis7", "Engine": "redis"}', 'json'), []);
  assert.deepEqual(codes('CacheClusterId: my-cluster\nEngine: redis\n', 'yaml'), []);
});

test('empty-value: the fix keeps the JSON valid for the first, middle and last member', () => {
  const text = '{"CacheSubnetGroupName": "", "CacheClusterId": "my-cluster", "SnapshotName": "", "Engine": "redis", "ReplicationGroupId": ""}';
  let current = text;
  for (let round = 0; round < 3; round++) {
    const f = findingsAt(current, 'json').find((x) => x.code === 'empty-value');
    assert.ok(f, current);
    current = applyEdits(current, f.finding.fixes![0].edits);
    assert.doesNotThrow(() => JSON.parse(current), current);
  }
  assert.deepEqual(JSON.parse(current), { CacheClusterId: 'my-cluster', Engine: 'redis' });
  assert.deepEqual(codes(current, 'json'), []);
  // CRLF line endings: the whole line goes, the others keep theirs.
  const crlf = '{\r\n  "CacheClusterId": "my-cluster",\r\n  "SnapshotName": "",\r\n  "Engine": "redis"\r\n}\r\n';
  const f = findingsAt(crlf, 'json').find((x) => x.code === 'empty-value')!;
  assert.equal(applyEdits(crlf, f.finding.fixes![0].edits), '{\r\n  "CacheClusterId": "my-cluster",\r\n  "Engine": "redis"\r\n}\r\n');
  // A YAML flow mapping: the finding, but no line to remove, so no fix.
  const flow = findingsAt("{CacheClusterId: my-cluster, SnapshotName: ''}\n", 'yaml');
  assert.deepEqual(flow.map((x) => x.code), ['empty-value']);
  assert.equal(flow[0].finding.fixes, undefined);
});

test('empty-value: errors where the model confirms a value is needed (min length, pattern, required member)', () => {
  const q = (action: string, params: string) => `Action=${action}&Version=2015-02-02&${params}`;
  // UserId/UserName have min 1, AccessString the pattern .*\S.* (service model).
  const user = findingsAt(q('CreateUser', 'UserId=&UserName=%20&Engine=redis&AccessString=&NoPasswordRequired=true'), 'query');
  assert.deepEqual(user.map((f) => `${f.code}/${f.severity}`), ['empty-value/error', 'empty-value/error', 'empty-value/error']);
  assert.match(user[0].finding.message, /^UserId is empty: it must be at least 1 character long\. Give a value\.$/);
  assert.match(user[1].finding.message, /^UserName is blank \(only whitespace\)/);
  assert.match(user[2].finding.message, /^AccessString is empty: .*pattern \.\*\\S\.\*/);
  assert.ok(user.every((f) => f.finding.awsError === 'InvalidParameterValue' && !f.finding.fixes), 'required members: no removal fix');
  // A required member of any action (no other rule checks DeleteCacheCluster's CacheClusterId).
  const del = findingsAt(q('DeleteCacheCluster', 'CacheClusterId='), 'query');
  assert.deepEqual(del.map((f) => `${f.code}/${f.severity}`), ['empty-value/error']);
  assert.match(del[0].finding.message, /^CacheClusterId is empty: ElastiCache rejects a blank value for a required parameter/);
  // Clean: real values.
  assert.deepEqual(codes(q('DeleteCacheCluster', 'CacheClusterId=my-cluster'), 'query'), []);
  assert.deepEqual(codes(q('CreateUser', 'UserId=u1&UserName=u1&Engine=redis&AccessString=on%20~*%20%2B%40all&NoPasswordRequired=true'), 'query'), []);
});

test('empty-value: one finding per mistake where a format rule already reports the empty value', () => {
  // Each of these members has its own rule that says what an empty value lacks: no second finding.
  const cases: [string, string][] = [
    ['CacheClusterId', 'invalid-cache-cluster-id'],
    ['Engine', 'invalid-engine'],
    ['EngineVersion', 'engine-version'],
    ['CacheNodeType', 'invalid-node-type'],
    ['PreferredAvailabilityZone', 'invalid-availability-zone'],
    ['PreferredMaintenanceWindow', 'maintenance-window'],
    ['SnapshotWindow', 'snapshot-window'],
    ['NotificationTopicArn', 'sns-topic-arn'],
  ];
  for (const [member, code] of cases) {
    for (const [kind, text] of [
      ['query', body({ ...cluster, EngineVersion: '7.1', [member]: '' })],
      ['json', JSON.stringify({ ...cluster, EngineVersion: '7.1', [member]: '' })],
    ] as const) {
      assert.deepEqual(codes(text, kind), [code], `${member} (${kind})`);
    }
  }
  // Enums and list items with a rule of their own.
  assert.deepEqual(codes(body({ ...cluster, AZMode: '' }), 'query'), ['invalid-enum']);
  assert.deepEqual(codes(body({ ...cluster, 'SecurityGroupIds.member.1': '' }), 'query'), ['security-group-id']);
});

test('empty-value: list items and nested members; free text and tag values stay silent', () => {
  const items = findingsAt(body({ ...cluster, 'CacheSecurityGroupNames.CacheSecurityGroupName.1': '' }), 'query').filter((f) => f.code === 'empty-value');
  assert.equal(items.length, 1);
  // Named as written in Query; JSON counts the item in words.
  assert.match(items[0].finding.message, /^CacheSecurityGroupNames\.CacheSecurityGroupName\.1 is empty/);
  const jsonItem = findingsAt('{"CacheClusterId": "x", "CacheSecurityGroupNames": [""]}', 'json').filter((f) => f.code === 'empty-value');
  assert.match(jsonItem[0].finding.message, /^CacheSecurityGroupNames \(item 1\) is empty/);
  assert.equal(items[0].finding.fixes, undefined, 'no removal fix inside a list (it would leave a gap in the numbering)');
  const nested = findingsAt('{"CacheClusterId": "x", "LogDeliveryConfigurations": [{"LogType": "slow-log", "DestinationType": "cloudwatch-logs", "LogFormat": "json", "DestinationDetails": {"CloudWatchLogsDetails": {"LogGroup": "g"}}}], "SnapshotName": ""}', 'json');
  assert.deepEqual(nested.map((f) => f.code), ['empty-value']);
  // An empty tag value is allowed ("null is accepted"); an empty pagination marker means "from the start".
  assert.deepEqual(codes('{"CacheClusterId": "x", "Tags": [{"Key": "team", "Value": ""}]}', 'json'), []);
  assert.deepEqual(codes('Action=DescribeCacheClusters&Version=2015-02-02&Marker=', 'query'), []);
});
