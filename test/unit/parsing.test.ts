import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, documentKindForPath } from '../../server/src/service/index';
import { CLEAN_QUERY, body, findingsAt } from './helpers';

const seed = readFileSync(join(__dirname, 'fixtures/seed.elasticache'), 'utf8');

test('documentKindForPath maps the three file forms', () => {
  assert.equal(documentKindForPath('/x/create.elasticache'), 'query');
  assert.equal(documentKindForPath('a.elasticache.json'), 'json');
  assert.equal(documentKindForPath('a.elasticache.yaml'), 'yaml');
  assert.equal(documentKindForPath('a.ELASTICACHE.YML'), 'yaml');
  assert.equal(documentKindForPath('package.json'), undefined);
  assert.equal(documentKindForPath('a.yaml'), undefined);
});

test('the seed block parses as ONE request with its host, action and SDK-shaped input', () => {
  const { requests } = analyze(seed, 'query');
  assert.equal(requests.length, 1);
  const r = requests[0];
  assert.equal(r.host?.value, 'elasticache.us-west-2.amazonaws.com');
  assert.equal(r.action?.name, 'CreateCacheCluster');
  assert.equal(seed.slice(r.action!.span.start, r.action!.span.end), 'CreateCacheCluster');
  assert.equal(r.params?.length, 18);
  assert.deepEqual(r.input, {
    CacheClusterId: 'my-cluster',
    CacheNodeType: 'cache.r4.large',
    Engine: 'redis',
    EngineVersion: '3.2.4',
    NumCacheNodes: 1,
    SnapshotArns: ['arn:aws:s3:::myS3Bucket/dump.rdb'],
  });
  // Spans sit exactly on names and values.
  const snap = r.params!.find((p) => p.name === 'SnapshotArns.member.1')!;
  assert.equal(seed.slice(snap.nameSpan.start, snap.nameSpan.end), 'SnapshotArns.member.1');
  assert.equal(seed.slice(snap.valueSpan.start, snap.valueSpan.end), 'arn%3Aaws%3As3%3A%3A%3AmyS3Bucket%2Fdump.rdb');
  const sv = r.params!.find((p) => p.name === 'SignatureVersion')!;
  assert.equal(seed.slice(sv.valueSpan.start, sv.valueSpan.end), '4');
  const entry = r.entries.find((e) => e.name === 'CacheNodeType')!;
  assert.equal(seed.slice(entry.nameSpan.start, entry.nameSpan.end), 'CacheNodeType');
  assert.equal(seed.slice(entry.value.span.start, entry.value.span.end), 'cache.r4.large');
});

test('requests are separated by blank lines and ### lines; # lines are comments inside a request', () => {
  const text = [
    '# first',
    'https://elasticache.us-east-1.amazonaws.com/?Action=DescribeCacheClusters&Version=2015-02-02',
    '',
    'https://elasticache.us-east-1.amazonaws.com/',
    '  ?Action=DeleteCacheCluster',
    '  # a comment between continuation lines',
    '  &Version=2015-02-02',
    '  &CacheClusterId=abc',
    '###',
    'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x',
    '### named',
    '?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=y',
  ].join('\n');
  const { requests, findings } = analyze(text, 'query');
  assert.deepEqual(requests.map((r) => r.action?.name), ['DescribeCacheClusters', 'DeleteCacheCluster', 'CreateCacheCluster', 'CreateCacheCluster']);
  assert.deepEqual(requests[1].input, { CacheClusterId: 'abc' });
  assert.deepEqual(requests[3].input, { CacheClusterId: 'y' });
  assert.deepEqual(findings, []);
});

test('a bare form body (what the local endpoint feeds) builds the SDK input with lists and tags', () => {
  const text =
    'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x&Engine=memcached&NumCacheNodes=2&AZMode=cross-az' +
    '&SecurityGroupIds.SecurityGroupId.1=sg-0123456789abcdef0&SecurityGroupIds.SecurityGroupId.2=sg-0123456789abcdef1' +
    '&PreferredAvailabilityZones.member.1=us-east-1a&PreferredAvailabilityZones.member.2=us-east-1b' +
    '&Tags.Tag.1.Key=team&Tags.Tag.1.Value=a%20b&Tags.Tag.2.Key=env&Tags.Tag.2.Value=dev&AutoMinorVersionUpgrade=false';
  const { requests, findings } = analyze(text, 'query');
  assert.deepEqual(findings, []);
  assert.deepEqual(requests[0].input, {
    CacheClusterId: 'x',
    Engine: 'memcached',
    NumCacheNodes: 2,
    AZMode: 'cross-az',
    SecurityGroupIds: ['sg-0123456789abcdef0', 'sg-0123456789abcdef1'],
    PreferredAvailabilityZones: ['us-east-1a', 'us-east-1b'],
    Tags: [{ Key: 'team', Value: 'a b' }, { Key: 'env', Value: 'dev' }],
    AutoMinorVersionUpgrade: false,
  });
  // With a leading '?', too.
  assert.deepEqual(analyze(`?${body({ CacheClusterId: 'z' })}`, 'query').requests[0].input, { CacheClusterId: 'z' });
});

test('a clean request has no findings', () => {
  assert.deepEqual(findingsAt(CLEAN_QUERY, 'query').map((f) => `${f.code}@${f.at}`), []);
});

test('JSON CLI input: typed values, spans on the key text and the value', () => {
  const text = '{\n  "CacheClusterId": "my-cluster",\n  "NumCacheNodes": 1,\n  "TransitEncryptionEnabled": false,\n  "SecurityGroupIds": ["sg-0123456789abcdef0"],\n  "Tags": [{"Key": "k", "Value": "v"}]\n}\n';
  const { requests, findings } = analyze(text, 'json');
  assert.deepEqual(findings, []);
  assert.equal(requests.length, 1);
  assert.equal(requests[0].action?.name, 'CreateCacheCluster');
  assert.deepEqual(requests[0].input, { CacheClusterId: 'my-cluster', NumCacheNodes: 1, TransitEncryptionEnabled: false, SecurityGroupIds: ['sg-0123456789abcdef0'], Tags: [{ Key: 'k', Value: 'v' }] });
  const e = requests[0].entries[1];
  assert.equal(text.slice(e.nameSpan.start, e.nameSpan.end), 'NumCacheNodes');
  assert.equal(text.slice(e.value.span.start, e.value.span.end), '1');
});

test('YAML CLI input: typed values and spans', () => {
  const text = 'CacheClusterId: my-cluster\nNumCacheNodes: 1\nEngine: "redis"\nSecurityGroupIds:\n  - sg-0123456789abcdef0\nTags:\n  - Key: k\n    Value: v\n';
  const { requests, findings } = analyze(text, 'yaml');
  assert.deepEqual(findings, []);
  assert.deepEqual(requests[0].input, { CacheClusterId: 'my-cluster', NumCacheNodes: 1, Engine: 'redis', SecurityGroupIds: ['sg-0123456789abcdef0'], Tags: [{ Key: 'k', Value: 'v' }] });
  const e = requests[0].entries[2];
  assert.equal(text.slice(e.nameSpan.start, e.nameSpan.end), 'Engine');
  assert.equal(text.slice(e.value.span.start, e.value.span.end), '"redis"');
});

test('syntax errors are findings, not exceptions', () => {
  assert.deepEqual([...new Set(findingsAt('{"CacheClusterId": "x",}', 'json').map((f) => f.code))], ['json-syntax']);
  assert.deepEqual([...new Set(findingsAt('{"CacheClusterId": "x"} // note', 'json').map((f) => f.code))], ['json-syntax']);
  assert.ok(findingsAt('CacheClusterId: x\nCacheClusterId: y\n', 'yaml').some((f) => f.code === 'yaml-syntax' && f.severity === 'error'));
  assert.deepEqual(findingsAt('[]', 'json').map((f) => f.code), ['invalid-type']);
  assert.deepEqual(findingsAt('', 'json').map((f) => f.code), ['missing-parameter']);
});

test('percent-decoding: names and values are decoded, broken escapes are reported on the exact characters', () => {
  const text = body({}) + '&CacheClusterId=my%2Dcluster&Engine=re%zzdis';
  const f = findingsAt(text, 'query');
  const bad = f.find((x) => x.code === 'query-bad-percent-encoding')!;
  assert.equal(bad.at, '%zz');
  assert.equal(analyze(text, 'query').requests[0].input.CacheClusterId, 'my-cluster');
  const utf = findingsAt(body({}) + '&CacheClusterId=a%C3', 'query').find((x) => x.code === 'query-bad-percent-encoding')!;
  assert.equal(utf.at, '%C3');
});

test('the seed pasted with its Markdown code fences still parses as one request with the same findings', () => {
  const fenced = '```\n' + seed + '```\n';
  const plain = analyze(seed, 'query');
  const withFences = analyze(fenced, 'query');
  assert.equal(withFences.requests.length, 1);
  assert.deepEqual(withFences.findings.map((f) => f.code), plain.findings.map((f) => f.code));
  assert.equal(analyze(seed.replace(/\n/g, '\r\n'), 'query').findings.length, plain.findings.length, 'CRLF line ends');
});
