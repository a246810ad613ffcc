// Realistic requests the linter once judged wrongly (false errors on input AWS accepts, and missed mistakes).
// Each case: the input that must be accepted (or reported) and a close input on the other side of the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, checkCreateCacheCluster, checkCreateReplicationGroup } from '../../server/src/service/index';
import { regionOfAvailabilityZone, regionOfEndpointHost } from '../../server/src/model/facts';
import { applyEdits, findingsAt } from './helpers';
import { isFreeTextMember } from '../../server/src/service/queryParser';

const codes = (text: string) => analyze(text, 'query').findings.map((f) => f.code);
const issueCodes = (input: Record<string, unknown>, region?: string) => checkCreateCacheCluster(input, { region }).map((i) => i.code);

test('a Local Zone name (us-west-2-lax-1a) is a zone of its parent Region, not an invalid Availability Zone', () => {
  // Local_zones.html: "A Local Zone is represented by an AWS Region code followed by an identifier that indicates the location, for example us-west-2-lax-1a."
  assert.equal(regionOfAvailabilityZone('us-west-2-lax-1a'), 'us-west-2');
  assert.equal(regionOfAvailabilityZone('us-east-1-bos-1a'), 'us-east-1');
  const redis = { CacheClusterId: 'lax-cache', Engine: 'redis', CacheNodeType: 'cache.r5.large', NumCacheNodes: 1, CacheSubnetGroupName: 'lax' };
  assert.deepEqual(issueCodes({ ...redis, PreferredAvailabilityZone: 'us-west-2-lax-1a' }, 'us-west-2'), []);
  // Still checked: a Local Zone of another Region than the endpoint's, and names that are neither shape.
  assert.deepEqual(issueCodes({ ...redis, PreferredAvailabilityZone: 'us-west-2-lax-1a' }, 'us-east-1'), ['availability-zone-region']);
  assert.deepEqual(issueCodes({ ...redis, PreferredAvailabilityZone: 'us-west-2-lax' }, 'us-west-2'), ['invalid-availability-zone']);
  assert.deepEqual(issueCodes({ ...redis, PreferredAvailabilityZone: 'usw2-az1' }, 'us-west-2'), ['invalid-availability-zone']);
  const memcached = { CacheClusterId: 'mc-lz', Engine: 'memcached', CacheNodeType: 'cache.t3.medium', NumCacheNodes: 2 };
  const query = `https://elasticache.us-west-2.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=mc-lz&Engine=memcached&CacheNodeType=cache.t3.medium&NumCacheNodes=2&PreferredAvailabilityZones.PreferredAvailabilityZone.1=us-west-2-lax-1a&PreferredAvailabilityZones.PreferredAvailabilityZone.2=us-west-2-lax-1b\n`;
  assert.deepEqual(findingsAt(query, 'query').map((f) => f.code), []);
  assert.deepEqual(issueCodes({ ...memcached, PreferredAvailabilityZones: ['us-west-2-lax-1a', 'us-west-2a'] }, 'us-west-2'), []);
});

test('a YAML hexadecimal integer (Port: 0x18EB) is an integer for the AWS CLI, not a float because it holds an E', () => {
  // The AWS CLI's YAML loader reads 0x18EB as the integer 6379 (checked with `aws elasticache create-cache-cluster
  // --cli-input-yaml`: validation passes), and 1E3 / 6379.0 as floats, which it rejects for an integer member.
  const yaml = (port: string) => `CacheClusterId: hex-port\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nPort: ${port}\n`;
  assert.deepEqual(findingsAt(yaml('0x18EB'), 'yaml').map((f) => f.code), []);
  assert.deepEqual(findingsAt(yaml('0x18eb'), 'yaml').map((f) => f.code), []);
  for (const float of ['6379.0', '6379e0', '6.379E3']) {
    assert.deepEqual(findingsAt(yaml(float), 'yaml').map((f) => [f.code, f.at]), [['invalid-type', float]], float);
  }
});

test('a JSON input starting with a byte order mark is one json-syntax error with a fix that removes it', () => {
  // Python's json module refuses a BOM; `aws elasticache create-cache-cluster --cli-input-json` answers "Invalid JSON received".
  const json = '{"CacheClusterId": "bom", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}';
  const found = findingsAt('\uFEFF' + json, 'json');
  assert.deepEqual(found.map((f) => [f.code, f.severity, f.at]), [['json-syntax', 'error', '\uFEFF']]);
  assert.match(found[0].finding.message, /byte order mark/);
  assert.equal(applyEdits('\uFEFF' + json, found[0].finding.fixes![0].edits), json);
  assert.deepEqual(findingsAt(json, 'json'), []);
});

test('cache-security-groups-in-vpc needs security group names and a VPC member, not empty lists', () => {
  const base = { CacheClusterId: 'empties', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 };
  // A CLI skeleton with its lists emptied: the AWS CLI accepts it, and no group is named.
  assert.deepEqual(issueCodes({ ...base, CacheSecurityGroupNames: [], SecurityGroupIds: [] }), []);
  assert.deepEqual(issueCodes({ ...base, CacheSecurityGroupNames: [], CacheSubnetGroupName: 'private' }), []);
  assert.deepEqual(issueCodes({ ...base, CacheSecurityGroupNames: ['default'], SecurityGroupIds: [] }), []);
  assert.deepEqual(issueCodes({ ...base, CacheSecurityGroupNames: ['default'], SecurityGroupIds: ['sg-12345678'] }), ['cache-security-groups-in-vpc']);
  assert.deepEqual(issueCodes({ ...base, CacheSecurityGroupNames: ['default'], CacheSubnetGroupName: 'private' }), ['cache-security-groups-in-vpc']);
});

test('Redis OSS 6.x creates the latest 6 minor version (6.2): engine-log delivery and IPv6 are not version errors on it', () => {
  // supported-engine-versions.html#redis-version-6.0: one version per minor release; 6.x gives the newest (6.2).
  const redis6 = { CacheClusterId: 'r6', Engine: 'redis', CacheNodeType: 'cache.r6g.large', NumCacheNodes: 1, CacheSubnetGroupName: 'private' };
  const engineLog = { LogDeliveryConfigurations: [{ LogType: 'engine-log', DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: 'engine' } }, LogFormat: 'json' }] };
  const ipv6 = { NetworkType: 'ipv6', IpDiscovery: 'ipv6' };
  for (const version of ['6.x', '6.2']) {
    assert.deepEqual(issueCodes({ ...redis6, EngineVersion: version, ...engineLog }), [], version);
    assert.deepEqual(issueCodes({ ...redis6, EngineVersion: version, ...ipv6 }), [], version);
  }
  // 6.0 is 6.0: both still need 6.2.
  assert.deepEqual(issueCodes({ ...redis6, EngineVersion: '6.0', ...engineLog }), ['log-delivery-version']);
  assert.deepEqual(issueCodes({ ...redis6, EngineVersion: '6.0', ...ipv6 }), ['network-type-version', 'network-type-version']);
});

test('Redis OSS 6.x meets the r6gd minimum (6.2) in CreateReplicationGroup; 6.0 does not', () => {
  const rg = { ReplicationGroupId: 'tiered', ReplicationGroupDescription: 'd', Engine: 'redis', CacheNodeType: 'cache.r6gd.2xlarge', DataTieringEnabled: true, NumCacheClusters: 2, AutomaticFailoverEnabled: true };
  const codes = (input: Record<string, unknown>) => checkCreateReplicationGroup(input).map((i) => i.code);
  assert.deepEqual(codes({ ...rg, EngineVersion: '6.x' }), []);
  assert.deepEqual(codes({ ...rg, EngineVersion: '6.2' }), []);
  assert.deepEqual(codes({ ...rg, EngineVersion: '6.0' }), ['node-type-engine-version']);
});

test('a Query URL broken after its separators (lines ending with &) is one request, not one request per line', () => {
  const trailing = [
    'https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&',
    '    CacheClusterId=amp-end&',
    '    Engine=redis&',
    '    CacheNodeType=cache.t3.micro&',
    '    NumCacheNodes=1&',
    '    Version=2015-02-02',
    '',
  ].join('\n');
  const analysis = analyze(trailing, 'query');
  assert.deepEqual(analysis.findings.map((f) => f.code), []);
  assert.equal(analysis.requests.length, 1);
  assert.equal(analysis.requests[0].input.CacheClusterId, 'amp-end');
  // Broken right after the '?', and a form body broken after '&'.
  assert.deepEqual(codes('https://elasticache.us-east-1.amazonaws.com/?\nAction=DescribeCacheClusters&\nVersion=2015-02-02\n'), []);
  assert.deepEqual(codes('Action=DescribeCacheClusters&\nVersion=2015-02-02\n'), []);
  // Without the trailing '&', the next line is another request (which lacks Action and Version).
  assert.deepEqual(codes('https://elasticache.us-east-1.amazonaws.com/?Action=DescribeCacheClusters\nVersion=2015-02-02\n'), ['query-version', 'missing-action']);
  // A URL after a trailing '&' still starts a new request.
  const two = 'https://elasticache.us-east-1.amazonaws.com/?Action=DescribeCacheClusters&Version=2015-02-02&\nhttps://elasticache.us-east-1.amazonaws.com/?Action=DescribeEvents&Version=2015-02-02\n';
  assert.deepEqual(analyze(two, 'query').requests.map((r) => r.action?.name), ['DescribeCacheClusters', 'DescribeEvents']);
  // So does a form body with its own Action after a trailing '&'.
  const bodies = 'Action=DescribeCacheClusters&Version=2015-02-02&\nAction=DescribeEvents&Version=2015-02-02\n';
  assert.deepEqual(analyze(bodies, 'query').requests.map((r) => r.action?.name), ['DescribeCacheClusters', 'DescribeEvents']);
  assert.deepEqual(codes(bodies), []);
});

test('after a trailing &, a URL without a scheme or a form body naming Action later in the line starts the next request', () => {
  const actions = (text: string) => analyze(text, 'query').requests.map((r) => r.action?.name);
  // A URL without a scheme (read as a URL on a line of its own) is the next request, not a continuation.
  const url = 'https://elasticache.us-east-1.amazonaws.com/?Action=DescribeCacheClusters&Version=2015-02-02&\nelasticache.us-west-2.amazonaws.com/?Action=DescribeEvents&Version=2015-02-02\n';
  assert.deepEqual(actions(url), ['DescribeCacheClusters', 'DescribeEvents']);
  assert.deepEqual(codes(url), []);
  // A form body whose Action is not its first parameter is the next request too, once the request has an Action.
  const body = 'Action=DescribeCacheClusters&Version=2015-02-02&\nVersion=2015-02-02&Action=DescribeEvents&MaxRecords=20\n';
  assert.deepEqual(actions(body), ['DescribeCacheClusters', 'DescribeEvents']);
  assert.deepEqual(codes(body), []);
  // Still continuations: a line whose '?' comes after its first '=' (a value), a name merely ending in Action,
  // and an Action for a request that has none yet.
  const question = 'Action=CreateReplicationGroup&Version=2015-02-02&\nReplicationGroupDescription=why.not%3F?&ReplicationGroupId=rg\n';
  assert.equal(analyze(question, 'query').requests.length, 1);
  const suffix = 'Action=DescribeCacheClusters&Version=2015-02-02&\nNotAction=x\n';
  assert.equal(analyze(suffix, 'query').requests.length, 1);
  const later = 'Version=2015-02-02&\nMaxRecords=20&Action=DescribeEvents\n';
  assert.deepEqual(actions(later), ['DescribeEvents']);
  assert.deepEqual(codes(later), []);
});

test('a patch version of a MAJOR.MINOR release (6.2.6, Valkey 8.0.1) says so and offers the release; other unknown versions keep the generic warning', () => {
  const found = (engine: string, version: string) => checkCreateCacheCluster({ CacheClusterId: 'a', Engine: engine, EngineVersion: version, CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 });
  const patch = found('redis', '6.2.6');
  assert.deepEqual(patch.map((i) => [i.code, i.severity, i.fixValue]), [['engine-version', 'warning', '6.2']]);
  assert.match(patch[0].message, /^6\.2\.6 is a patch version: .* Use 6\.2\.$/);
  assert.deepEqual(found('valkey', '8.0.1').map((i) => i.fixValue), ['8.0']);
  // Clean: the release itself. Not a patch of a MAJOR.MINOR release: 5.0.7 (5.0 is not offered as such), 9.9.
  assert.deepEqual(found('redis', '6.2'), []);
  for (const [engine, version] of [['redis', '5.0.7'], ['redis', '9.9'], ['memcached', '1.6.23']]) {
    const issues = found(engine, version);
    assert.deepEqual(issues.map((i) => [i.code, i.fixValue]), [['engine-version', undefined]], version);
    assert.match(issues[0].message, /is not a .* version ElastiCache is known to offer/);
  }
});

test('YAML tabs the AWS CLI refuses (between tokens, on blank lines, in unquoted values) are errors; tabs in quotes, comments and block text are not', () => {
  // The AWS CLI loads --cli-input-yaml with ruamel.yaml's pure scanner: "found character '\t' that cannot start any token".
  const base = 'CacheClusterId: x\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\n';
  const yamlErrors = (text: string) => findingsAt(text, 'yaml').filter((f) => f.code === 'yaml-syntax' && f.severity === 'error');
  for (const [tail, at] of [
    ['Port:\t6379\n', '\t'],
    ['Port: 6379\t\n', '\t'],
    ['\t\nPort: 6379\n', '\t'],
    ['SecurityGroupIds: [sg-12345678,\tsg-87654321]\n', '\t'],
    ['Tags:\n  -\tKey: a\n', '\t'],
    ['PreferredMaintenanceWindow: sun:23:00-mon:01:30\t# UTC\n', '\t'],
    ['Tags:\n  - Key: a\n    Value: |\n      x\n\t\n', '\t'],
  ]) {
    const found = yamlErrors(base + tail);
    assert.deepEqual(found.map((f) => f.at), [at], JSON.stringify(tail));
    // The yaml library reports some of these itself ("Tabs are not allowed as indentation", a block line less
    // indented than the block): still one finding.
    if (/^Invalid YAML: (Tabs are not allowed as indentation|Block scalar lines must not be less indented)/.test(found[0].finding.message)) continue;
    assert.match(found[0].finding.message, /^Invalid YAML for the AWS CLI: a tab .*Use spaces/);
    const fixed = applyEdits(base + tail, found[0].finding.fixes![0].edits);
    assert.deepEqual(yamlErrors(fixed), [], JSON.stringify(fixed));
  }
  // Inside an unquoted value: reported, without a fix (a space would change the value).
  const inValue = yamlErrors(base + 'Tags:\n  - Key: a\n    Value: two\twords\n');
  assert.deepEqual(inValue.map((f) => [f.at, f.finding.fixes]), [['\t', undefined]]);
  for (const tail of ['Tags:\n  - Key: "a\tb"  # x\ty\n', "Tags:\n  - Key: 'a\tb'\n", '# a\tcomment\n', 'Tags:\n  - Key: a\n    Value: |\n      \tindented text\n']) {
    assert.deepEqual(yamlErrors(base + tail), [], JSON.stringify(tail));
  }
});

test('a YAML tab in an unquoted value after a block scalar without tabs is still an error; the block text itself may hold tabs', () => {
  const base = 'CacheClusterId: x\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\n';
  const yamlErrors = (text: string) => findingsAt(text, 'yaml').filter((f) => f.code === 'yaml-syntax').map((f) => [f.at, f.finding.message.slice(0, f.finding.message.indexOf('.') + 1)]);
  const tabValue = ['\t', 'Invalid YAML for the AWS CLI: a tab inside an unquoted value.'];
  assert.deepEqual(yamlErrors(base + 'Tags:\n  - Key: a\n    Value: |\n      text\n  - Key: b\tc\n    Value: d\n'), [tabValue]);
  assert.deepEqual(yamlErrors(base + 'Tags:\n  - Key: a\n    Value: >-\n      folded\n  - Key: b\tc\n'), [tabValue]);
  assert.deepEqual(yamlErrors(base + 'Tags:\n  - Key: a\n    Value: |\n  - Key: b\tc\n'), [tabValue], 'an empty block scalar');
  // Clean: the same documents without the tab, and a tab inside the block text.
  assert.deepEqual(yamlErrors(base + 'Tags:\n  - Key: a\n    Value: |\n      text\n  - Key: b c\n    Value: d\n'), []);
  assert.deepEqual(yamlErrors(base + 'Tags:\n  - Key: a\n    Value: |\n      te\txt\n  - Key: b\n'), []);
});

test('a YAML control character (DEL, ESC, form feed) is an error anywhere, as the AWS CLI refuses it even in quotes and comments; NEL and printable Unicode are fine', () => {
  // ruamel.yaml's Reader: "unacceptable character #x007f: special characters are not allowed".
  const base = 'CacheClusterId: x\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\n';
  for (const [text, char] of [
    [base + '# pasted \u001b[0m colours\n', '\u001b'],
    [base + 'Tags:\n  - Key: a\n    Value: "b\u007fc"\n', '\u007f'],
    ['\u000c' + base, '\u000c'],
  ]) {
    const found = findingsAt(text, 'yaml').filter((f) => f.code === 'yaml-syntax');
    assert.deepEqual(found.map((f) => [f.severity, f.at]), [['error', char]], JSON.stringify(text));
    assert.match(found[0].finding.message, /control character \(U\+00[0-9A-F]{2}\).*Remove it\.$/);
    assert.deepEqual(findingsAt(applyEdits(text, found[0].finding.fixes![0].edits), 'yaml'), []);
  }
  for (const tail of ['Tags:\n  - Key: a\n    Value: "b\u0085c"\n', 'Tags:\n  - Key: Équipe\n    Value: "Données — prod \u00a0✓"\n']) {
    // Read as written: no YAML error. (NEL, the dash and the check mark are outside the characters every AWS service
    // takes in tags: only the tag-characters hint, tested in tags.test.ts.)
    assert.deepEqual(findingsAt(base + tail, 'yaml').map((f) => f.code), ['tag-characters'], JSON.stringify(tail));
  }
});

test('the dual-stack (elasticache.<region>.api.aws) and interface VPC endpoint hosts are ElastiCache endpoints of their Region', () => {
  // elasticache-privatelink.html: the dualstack endpoint https://elasticache.Region.api.aws, and
  // VPC_Endpoint_ID.elasticache.Region.vpce.amazonaws.com when private DNS is off.
  assert.equal(regionOfEndpointHost('elasticache.eu-west-1.api.aws'), 'eu-west-1');
  assert.equal(regionOfEndpointHost('vpce-0123456789abcdef0-abcd1234.elasticache.us-east-1.vpce.amazonaws.com'), 'us-east-1');
  const describe = (host: string) => codes(`https://${host}/?Action=DescribeCacheClusters&Version=2015-02-02\n`);
  assert.deepEqual(describe('elasticache.eu-west-1.api.aws'), []);
  assert.deepEqual(describe('vpce-0123456789abcdef0-abcd1234.elasticache.us-east-1.vpce.amazonaws.com'), []);
  assert.deepEqual(describe('elasticache.eu-west-1.example.com'), ['query-host']);
  assert.deepEqual(describe('vpce-0123.ec2.us-east-1.vpce.amazonaws.com'), ['query-host']);
  // The Region of the host still counts: a zone of another Region is reported.
  const create = (host: string) => codes(`https://${host}/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=c&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1&PreferredAvailabilityZone=us-west-2a\n`);
  assert.deepEqual(create('vpce-0123456789abcdef0-abcd1234.elasticache.us-east-1.vpce.amazonaws.com'), ['availability-zone-region']);
  assert.deepEqual(create('elasticache.us-west-2.api.aws'), []);
});

test('Asia Pacific (New Zealand), ap-southeast-6, is an ElastiCache Region (elasticache-service endpoints page)', () => {
  const create = (host: string, zone: string) => codes(`https://${host}/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=c&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1&PreferredAvailabilityZone=${zone}\n`);
  assert.deepEqual(create('elasticache.ap-southeast-6.amazonaws.com', 'ap-southeast-6a'), []);
  assert.deepEqual(create('elasticache.ap-southeast-9.amazonaws.com', 'ap-southeast-9a'), ['query-host', 'invalid-availability-zone']);
});

test('more than 40 Memcached nodes is a warning about the default limit (AWS raises it on request), not an error; 0 nodes stays an error', () => {
  const mc = { CacheClusterId: 'big-mc', Engine: 'memcached', EngineVersion: '1.6.22', CacheNodeType: 'cache.r7g.large' };
  const issues = (n: number) => checkCreateCacheCluster({ ...mc, NumCacheNodes: n }).map((i) => [i.code, i.severity]);
  assert.deepEqual(issues(60), [['num-cache-nodes', 'warning']]);
  assert.match(checkCreateCacheCluster({ ...mc, NumCacheNodes: 60 })[0].message, /^NumCacheNodes is 60, above the default limit of 40 .*Limit Increase Request form\)\.$/);
  assert.equal(checkCreateCacheCluster({ ...mc, NumCacheNodes: 60 })[0].awsError, 'NodeQuotaForClusterExceeded', 'what AWS answers without a raised limit (the local endpoint does)');
  assert.deepEqual(issues(40), []);
  assert.deepEqual(issues(0), [['num-cache-nodes', 'error']]);
  assert.deepEqual(checkCreateCacheCluster({ ...mc, Engine: 'redis', EngineVersion: '7.1', NumCacheNodes: 60 }).map((i) => [i.code, i.severity]), [['num-cache-nodes', 'error']]);
});

test("AWS's own cluster-mode CreateReplicationGroup example, without AutomaticFailoverEnabled, is accepted (ElastiCache enables failover itself)", () => {
  // botocore examples-1.json, createreplicationgroup-1483657035585: the output says "AutomaticFailover": "enabled".
  const example = {
    ReplicationGroupId: 'clustered-redis-rg', ReplicationGroupDescription: 'A multi-sharded replication group', Engine: 'redis', EngineVersion: '7.1',
    CacheNodeType: 'cache.r7g.large', CacheParameterGroupName: 'default.redis7.cluster.on', NumNodeGroups: 2, SnapshotRetentionLimit: 8,
    NodeGroupConfiguration: [
      { PrimaryAvailabilityZone: 'us-east-1c', ReplicaAvailabilityZones: ['us-east-1b'], ReplicaCount: 1, Slots: '0-8999' },
      { PrimaryAvailabilityZone: 'us-east-1a', ReplicaAvailabilityZones: ['us-east-1a', 'us-east-1c'], ReplicaCount: 2, Slots: '9000-16383' },
    ],
  };
  const rgCodes = (input: Record<string, unknown>) => checkCreateReplicationGroup(input, { region: 'us-east-1' }).map((i) => i.code);
  assert.deepEqual(rgCodes(example), []);
  assert.deepEqual(rgCodes({ ...example, MultiAZEnabled: true }), [], 'failover is on, so Multi-AZ has it');
  assert.deepEqual(rgCodes({ ...example, AutomaticFailoverEnabled: false }), ['replication-group-failover']);
  // Without cluster mode, failover stays off when left out: Multi-AZ still asks for it.
  const single = { ReplicationGroupId: 'rg', ReplicationGroupDescription: 'd', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.r7g.large', NumCacheClusters: 2, MultiAZEnabled: true };
  assert.deepEqual(rgCodes(single), ['multi-az-failover']);
});

test("'+' in free text, as the AWS CLI itself encodes spaces (ReplicationGroupDescription=my+group), is one note per value; elsewhere a warning", () => {
  // The body `aws elasticache create-replication-group --replication-group-description "my group"` sends (captured).
  const cliBody = 'Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=mygroup&ReplicationGroupDescription=my+shared+group&CacheNodeType=cache.m5.large&Engine=redis\n';
  const found = findingsAt(cliBody, 'query');
  assert.deepEqual(found.map((f) => [f.code, f.severity, f.at]), [['query-unencoded-character', 'information', '+']]);
  assert.equal(analyze(cliBody, 'query').requests[0].input.ReplicationGroupDescription, 'my shared group');
  // An access string: `on ~app::* -@all +@read` as the AWS CLI sends it (literal plus as %2B).
  const user = 'Action=CreateUser&Version=2015-02-02&UserId=user1&UserName=myUser&Engine=redis&Passwords.member.1=mYnuUzrpAxXw2rdzx&AccessString=on+~app%3A%3A%2A+-%40all+%2B%40read\n';
  assert.deepEqual(findingsAt(user, 'query').filter((f) => f.severity !== 'information').map((f) => f.code), []);
  // Not free text: a '+' in a Timestamp or an ID is likely meant literally, so a warning per '+'.
  const sigv2 = 'https://elasticache.us-east-1.amazonaws.com/?Action=DescribeCacheClusters&Version=2015-02-02&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&SignatureVersion=2&SignatureMethod=HmacSHA256&Timestamp=2024-01-01T00:00:00+00:00&Signature=ab+cd%3D\n';
  assert.deepEqual(findingsAt(sigv2, 'query').filter((f) => f.code === 'query-unencoded-character').map((f) => f.severity), ['warning', 'warning']);
});

test("'+' in a tag key is the same note in RemoveTagsFromResource (TagKeys.member.N) as in AddTagsToResource: free text is found in the service model", () => {
  const arn = 'ResourceName=arn%3Aaws%3Aelasticache%3Aus-east-1%3A123456789012%3Acluster%3Amy-mem';
  const plus = (text: string) => findingsAt(text, 'query').filter((f) => f.code === 'query-unencoded-character').map((f) => [f.severity, f.at]);
  const remove = `Action=RemoveTagsFromResource&Version=2015-02-02&${arn}&TagKeys.member.1=cost+center\n`;
  const add = `Action=AddTagsToResource&Version=2015-02-02&${arn}&Tags.Tag.1.Key=cost+center&Tags.Tag.1.Value=a\n`;
  assert.deepEqual(plus(remove), [['information', '+']]);
  assert.deepEqual(plus(add), [['information', '+']]);
  assert.deepEqual(findingsAt(remove.replace('+', '%20'), 'query'), []);
  // Resolved through the model: list items by their list, structure members by their owner; IDs and names stay literal.
  assert.equal(isFreeTextMember('TagKeys.member.1'), true);
  assert.equal(isFreeTextMember('Tags.Tag.1.Value'), true);
  assert.equal(isFreeTextMember('ParameterNameValues.ParameterNameValue.2.ParameterValue'), true);
  assert.equal(isFreeTextMember('AppendAccessString'), true);
  assert.equal(isFreeTextMember('GlobalReplicationGroupDescription'), true);
  for (const name of ['ParameterNameValues.ParameterNameValue.2.ParameterName', 'CacheSubnetGroupName', 'SecurityGroupIds.SecurityGroupId.1', 'TagKeys.member', 'TagKeys', 'Timestamp', 'MyKey', 'Filters.member.1.Values.member.1']) {
    assert.equal(isFreeTextMember(name), false, name);
  }
  assert.deepEqual(plus(`Action=DescribeCacheClusters&Version=2015-02-02&CacheClusterId=my+mem\n`), [['warning', '+']]);
});

test('a YAML tag the AWS CLI cannot construct (CloudFormation !Ref, !GetAtt, a %TAG of its own) is an error, not a warning; standard !!str / !!int tags are fine', () => {
  // ruamel.yaml's safe loader: "could not determine a constructor for the tag '!Ref'"; the AWS CLI rejects the file.
  const base = 'CacheClusterId: x\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\n';
  for (const [tail, at] of [['CacheSubnetGroupName: !Ref MySubnetGroup\n', '!Ref'], ['Tags:\n  - Key: stack\n    Value: !Sub "${AWS::StackName}"\n', '!Sub']]) {
    const found = findingsAt(base + tail, 'yaml').filter((f) => f.code === 'yaml-syntax');
    assert.deepEqual(found.map((f) => [f.severity, f.at.startsWith(at)]), [['error', true]], tail);
    assert.match(found[0].finding.message, /^Invalid YAML for the AWS CLI: its YAML reader knows no tag !(Ref|Sub) .*write the value itself\.$/);
  }
  for (const tail of ['EngineVersion: !!str 7.1\n', 'Port: !!int "6379"\n', 'Tags: !!seq\n  - Key: a\n    Value: b\n']) {
    assert.deepEqual(findingsAt(base + tail, 'yaml'), [], tail);
  }
});

test('a cluster-mode group that leaves AutomaticFailoverEnabled out has failover for the node count as for Multi-AZ: NumCacheClusters=1 is an error', () => {
  const rgFindings = (input: Record<string, unknown>) => checkCreateReplicationGroup(input, { region: 'us-east-1' }).map((i) => [i.code, i.severity, i.message]);
  const clusterOn = { ReplicationGroupId: 'rg1', ReplicationGroupDescription: 'x', Engine: 'redis', CacheNodeType: 'cache.r6g.large', CacheParameterGroupName: 'default.redis7.cluster.on', MultiAZEnabled: true };
  // Failover is on (so Multi-AZ is not reported), and it needs a replica to promote.
  assert.deepEqual(rgFindings({ ...clusterOn, NumCacheClusters: 1 }), [
    ['replication-group-nodes', 'error', 'With automatic failover (on for cluster mode, which default.redis7.cluster.on enables, when AutomaticFailoverEnabled is left out), NumCacheClusters must be at least 2: failover promotes a replica, and 1 is only the primary.'],
  ]);
  assert.deepEqual(rgFindings({ ...clusterOn, NumCacheClusters: 2 }), []);
  // Written true says so; without cluster mode, failover left out is off and 1 node is allowed.
  assert.match(String(rgFindings({ ...clusterOn, NumCacheClusters: 1, AutomaticFailoverEnabled: true })[0][2]), /^With AutomaticFailoverEnabled=true, NumCacheClusters must be at least 2/);
  assert.deepEqual(rgFindings({ ...clusterOn, CacheParameterGroupName: 'default.redis7', MultiAZEnabled: false, NumCacheClusters: 1 }), []);
});

test('0 Memcached nodes says "at least 1", not a range that contradicts the warning above 40; 1 node is clean', () => {
  const mc = { CacheClusterId: 'small-mc', Engine: 'memcached', EngineVersion: '1.6.22', CacheNodeType: 'cache.r7g.large' };
  const found = checkCreateCacheCluster({ ...mc, NumCacheNodes: 0 });
  assert.deepEqual(found.map((i) => [i.code, i.severity, i.message, i.fixValue]), [['num-cache-nodes', 'error', 'NumCacheNodes is 0: a Memcached cluster needs at least 1 node.', 1]]);
  assert.doesNotMatch(found[0].message, /40/);
  assert.deepEqual(checkCreateCacheCluster({ ...mc, NumCacheNodes: 1 }), []);
  // Without an engine, the message names the Valkey / Redis OSS count too.
  const { Engine: _engine, EngineVersion: _version, ...noEngine } = mc;
  const unknown = checkCreateCacheCluster({ ...noEngine, NumCacheNodes: -2 }).find((i) => i.code === 'num-cache-nodes');
  assert.equal(unknown?.message, 'NumCacheNodes is -2: a cluster needs at least 1 node (exactly 1 for Valkey or Redis OSS).');
});

test('a YAML line holding only a form feed (or one with blanks or a comment around it) is one finding naming it, whose fix removes it: not also a parse error and a blank member name', () => {
  const base = (line: string, eol = '\n') => ['CacheClusterId: x', 'Engine: redis', line, 'CacheNodeType: cache.t3.micro', 'NumCacheNodes: 1', ''].join(eol);
  for (const [line, eol, name] of [
    ['\f', '\n', 'form feed'],
    ['  \f', '\n', 'form feed'],
    ['\f  ', '\n', 'form feed'],
    ['\f # section', '\n', 'form feed'],
    ['\f', '\r\n', 'form feed'],
    ['\v', '\n', 'vertical tab'],
  ]) {
    const text = base(line, eol);
    const found = findingsAt(text, 'yaml');
    assert.deepEqual(found.map((f) => [f.code, f.severity, f.at]), [['yaml-syntax', 'error', /[\f\v]/.exec(line)![0]]], JSON.stringify(line + eol));
    assert.match(found[0].finding.message, new RegExp(`^Invalid YAML for the AWS CLI: a ${name}, an invisible control character \\(U\\+000[BC]\\).*Remove it\\.$`));
    assert.equal(found[0].finding.fixes?.[0].title, `Remove the ${name}`);
    const fixed = applyEdits(text, found[0].finding.fixes![0].edits);
    assert.equal(fixed, base(line.replace(/[\f\v]/, ''), eol));
    assert.deepEqual(findingsAt(fixed, 'yaml'), [], JSON.stringify(line + eol));
  }
  // Clean: a blank line of spaces, or a comment line, is no finding.
  assert.deepEqual(findingsAt(base('   '), 'yaml'), []);
  assert.deepEqual(findingsAt(base('# section'), 'yaml'), []);
});
