// Create from request files against the real Local endpoint: the seed example is refused while it has errors,
// query URLs become SDK input without signing parameters, JSON/YAML request files create clusters, and a
// cluster opened as a request file is accepted by the language service.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ListTagsForResourceCommand } from '@aws-sdk/client-elasticache';
import { clusterToCreateInput, groupAvailableMessage, groupPrimaryEndpoint, notCarriedMessage, notCarriedOver, requestFileName, requestFileText } from '../../client/src/clusterView';
import { canBecomeAvailable } from '../../client/src/clusterView';
import { type Connection, awsConnection, skipsConfirmation } from '../../client/src/connections';
import { CREATE_BILLED, billingQuestion, regionMismatch } from '../../client/src/createFlow';
import { connectionChoices, copyId, copyRequestFile, createCacheCluster, createdId, createRequestLabel, createRequestsIn, createTargetAt, firstError, nearestFirst, refusal, requestAt, requestFromCluster, requestTags, sendCreate, toSdkInput, waitUntilAvailable, waitUntilGroupAvailable } from '../../client/src/createFromRequest';
import { createSummary } from '../../client/src/replicationGroups';
import { documentKindFor } from '../../client/src/documentKind';
import { analyze } from '../../server/src/service/index';
import { validateCacheClusterId } from '../../server/src/service/validators';
import { localClientForFile } from './helpers';

const fixture = localClientForFile();
const { log } = fixture;

const seed = fs.readFileSync(path.join(__dirname, '../lsp/fixtures/seed.elasticache'), 'utf8');

const signedQuery = `# A valid request, signed by hand: the SDK re-signs, so the signing parameters must go.
https://elasticache.us-west-2.amazonaws.com/
    ?Action=CreateCacheCluster
    &Version=2015-02-02
    &CacheClusterId=from-query
    &Engine=redis
    &CacheNodeType=cache.t3.micro
    &NumCacheNodes=1
    &X-Amz-Algorithm=AWS4-HMAC-SHA256
    &X-Amz-Credential=AKIDEXAMPLE%2F20150508%2Fus-west-2%2Felasticache%2Faws4_request
    &X-Amz-Date=20150508T220302Z
    &X-Amz-SignedHeaders=host
    &X-Amz-Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef

###
https://elasticache.us-west-2.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=second-query&Engine=memcached&CacheNodeType=cache.t3.micro&NumCacheNodes=2
`;

test('document kinds: by file name, and untitled ElastiCache query documents by language', () => {
  assert.equal(documentKindFor('/w/a.elasticache', 'plaintext'), 'query');
  assert.equal(documentKindFor('/w/a.elasticache.json', 'json'), 'json');
  assert.equal(documentKindFor('/w/a.elasticache.yml', 'yaml'), 'yaml');
  assert.equal(documentKindFor('Untitled-1', 'elasticache-query'), 'query');
  assert.equal(documentKindFor('/w/package.json', 'json'), undefined);
});

test('picking a request: the one at or nearest the cursor comes first (the picker preselects it), the others in order', () => {
  // Five like requests (a big file's are all "CreateCacheCluster my-cluster"), the cursor on a separator line.
  const one = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=my-cluster&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1';
  const text = Array.from({ length: 5 }, () => one).join('\n###\n') + '\n';
  const target = createTargetAt(text, 'query', text.indexOf('###'));
  assert.ok('problem' in target && target.candidates?.length === 5, 'the cursor says no request: a pick');
  const starts = target.candidates.map((r) => r.span.start);
  const afterFourth = text.split('###', 4).join('###').length + 1; // on the fourth separator, after its first '#'
  assert.deepEqual(nearestFirst(target.candidates, afterFourth).map((r) => r.span.start), [starts[3], starts[0], starts[1], starts[2], starts[4]]);
  assert.deepEqual(nearestFirst(target.candidates, starts[2] + 10).map((r) => r.span.start), [starts[2], starts[0], starts[1], starts[3], starts[4]], 'inside one: that one');
  assert.deepEqual(nearestFirst(target.candidates, text.length).map((r) => r.span.start), [starts[4], ...starts.slice(0, 4)], 'below all: the last');
  assert.deepEqual(nearestFirst(target.candidates, undefined), target.candidates, 'no cursor: document order');
});

test('the seed example is refused while it has errors, pointing at the Problems panel', () => {
  const requests = createRequestsIn(seed, 'query');
  assert.equal(requests.length, 1);
  const request = requests[0]!;
  const message = refusal(request);
  assert.ok(message, 'refused');
  const n = request.errors.length;
  assert.ok(n > 1, 'the seed has several errors');
  const first = firstError(request)!;
  assert.ok(request.errors.every((e) => e.span.start >= first.span.start), 'the first error is the first in the document');
  assert.ok(first.span.end > first.span.start && first.span.end <= seed.length, 'a range to select');
  assert.equal(message, `${n} errors in this request: fix them before creating (first: ${first.message.replace(/\.$/, '')})`);
  assert.doesNotMatch(message, /\.\)|\.\.|\)\./, 'clean punctuation');
});

test('query URLs become SDK input without signing parameters; one CodeLens anchor per request; created on Local', { timeout: 60_000 }, async () => {
  const requests = createRequestsIn(signedQuery, 'query');
  assert.equal(requests.length, 2);
  for (const r of requests) assert.equal(refusal(r), undefined, JSON.stringify(r.errors));
  const first = requests[0]!;
  assert.deepEqual(first.input, { CacheClusterId: 'from-query', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 });
  assert.equal(signedQuery.slice(first.anchor.start, first.anchor.end), 'CreateCacheCluster', 'the lens sits on the action');
  assert.equal(requestAt(requests, signedQuery.indexOf('second-query')), requests[1]);
  assert.equal(requestAt(requests, undefined), undefined, 'two requests and no cursor: ambiguous');

  for (const r of requests) await createCacheCluster(fixture.client, r.input);
  const redis = await waitUntilAvailable(fixture.client, 'from-query', { timeoutMs: 30_000, intervalMs: 100 });
  const memcached = await waitUntilAvailable(fixture.client, 'second-query', { timeoutMs: 30_000, intervalMs: 100 });
  assert.equal(redis.Engine, 'redis');
  assert.equal(memcached.CacheNodes?.length, 2);
  const createLine = log.lines.find((l) => l.startsWith('info CreateCacheCluster'));
  assert.ok(createLine && !createLine.includes('Signature'), 'logged without signatures');
});

test("the request's Region comes from its URL's endpoint host; JSON/YAML files and other hosts name none", () => {
  assert.deepEqual(createRequestsIn(signedQuery, 'query').map((r) => r.region), ['us-west-2', 'us-west-2']);
  const [withPort] = createRequestsIn('https://elasticache.eu-west-1.amazonaws.com:443/?Action=CreateCacheCluster&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1', 'query');
  assert.equal(withPort!.region, 'eu-west-1');
  const [local] = createRequestsIn('http://localhost:4510/?Action=CreateCacheCluster&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1', 'query');
  assert.equal(local!.region, undefined);
  const [bare] = createRequestsIn('Action=CreateCacheCluster&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1', 'query');
  assert.equal(bare!.region, undefined);
  const [json] = createRequestsIn(JSON.stringify({ CacheClusterId: 'a', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }), 'json');
  assert.equal(json!.region, undefined);
});

test("without an endpoint host, the request's Region is the one of the Availability Zones it names (a cluster's copy names its zone)", () => {
  const memcached = { CacheClusterId: 'a', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 2 };
  const [copy] = createRequestsIn(JSON.stringify({ ...memcached, NumCacheNodes: 1, PreferredAvailabilityZone: 'us-east-1a' }), 'json');
  assert.equal(copy!.region, 'us-east-1');
  assert.equal(copy!.regionFromZones, true);
  const [yaml] = createRequestsIn('CacheClusterId: a\nEngine: memcached\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 2\nAZMode: cross-az\nPreferredAvailabilityZones:\n  - eu-west-1a\n  - eu-west-1b\n', 'yaml');
  assert.equal(yaml!.region, 'eu-west-1');
  const [bare] = createRequestsIn('Action=CreateCacheCluster&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1&PreferredAvailabilityZone=ap-south-1b', 'query');
  assert.equal(bare!.region, 'ap-south-1');
  // Zones in two Regions (an error of their own) name no one Region; the URL's host wins over the zones.
  const [mixed] = createRequestsIn(JSON.stringify({ ...memcached, PreferredAvailabilityZones: ['us-east-1a', 'eu-west-1a'] }), 'json');
  assert.equal(mixed!.region, undefined);
  const [hosted] = createRequestsIn('https://elasticache.eu-west-1.amazonaws.com/?Action=CreateCacheCluster&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1&PreferredAvailabilityZone=us-east-1a', 'query');
  assert.equal(hosted!.region, 'eu-west-1');
  assert.equal(hosted!.regionFromZones, undefined);
});

test("the connection picker offers the request's Region first, with a connection for it when the explorer lists none", () => {
  const local = fixture.connection;
  const euWest = awsConnection('fake', 'eu-west-1');
  const usEast = awsConnection('fake', 'us-east-1');
  const ids = (region: string | undefined, connections: Connection[]) =>
    connectionChoices(connections, region).map((c) => `${c.connection.id}${c.inRequestRegion ? ' (request)' : ''}`);
  assert.deepEqual(ids('us-east-1', [local, euWest, usEast]), ['aws:fake:us-east-1 (request)', 'local', 'aws:fake:eu-west-1']);
  // The explorer lists eu-west-1 only: the profile's connection in us-east-1 is offered (the create adds the Region).
  assert.deepEqual(ids('us-east-1', [local, euWest]), ['aws:fake:us-east-1 (request)', 'local', 'aws:fake:eu-west-1']);
  const endpoint = 'http://127.0.0.1:1234';
  const [made] = connectionChoices([local, awsConnection('fake', 'eu-west-1', endpoint)], 'us-east-1');
  assert.equal(made!.connection.endpoint, endpoint, 'the endpoint override stays');
  // No Region in the request (JSON/YAML, or no ElastiCache host): as listed; no AWS connection to copy: none made up.
  assert.deepEqual(ids(undefined, [local, euWest, usEast]), ['local', 'aws:fake:eu-west-1', 'aws:fake:us-east-1']);
  assert.deepEqual(ids('us-east-1', [local]), ['local']);
  // A Region known from the Availability Zones only (a copy of a Local cluster names us-east-1a): marked, not moved
  // above Local, and no billed connection made up for it.
  const zonesOnly = (connections: Connection[]) => connectionChoices(connections, 'us-east-1', true).map((c) => `${c.connection.id}${c.inRequestRegion ? ' (request)' : ''}`);
  assert.deepEqual(zonesOnly([local, euWest, usEast]), ['local', 'aws:fake:eu-west-1', 'aws:fake:us-east-1 (request)']);
  assert.deepEqual(zonesOnly([local, euWest]), ['local', 'aws:fake:eu-west-1']);
});

test('only a known Region is the request\'s Region: a misspelt endpoint Region or zone names none', () => {
  const [typo] = createRequestsIn('https://elasticache.us-esat-1.amazonaws.com/?Action=CreateCacheCluster&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1', 'query');
  assert.equal(typo!.region, undefined);
  const [zoneTypo] = createRequestsIn(JSON.stringify({ CacheClusterId: 'a', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, PreferredAvailabilityZone: 'us-esat-1a' }), 'json');
  assert.equal(zoneTypo!.region, undefined);
  const [known] = createRequestsIn('https://elasticache.ap-southeast-2.amazonaws.com/?Action=CreateCacheCluster&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1', 'query');
  assert.equal(known!.region, 'ap-southeast-2');
});

test('creating in another Region than the request is written for is said in the confirmation; its own Region is not', () => {
  const input = { CacheClusterId: 'multi-two', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 };
  const other = billingQuestion(awsConnection('fake', 'eu-west-1'), input, undefined, 'us-east-1');
  assert.equal(other.message, 'The request is written for us-east-1: create cache cluster "multi-two" in eu-west-1 (profile fake) anyway?');
  assert.match(other.detail, /^Availability Zones, .* may not exist in eu-west-1\. To create it in us-east-1, cancel and choose that Region's connection\.\n\nAs soon as/);
  assert.deepEqual(other.buttons, [CREATE_BILLED]);
  const same = billingQuestion(awsConnection('fake', 'us-east-1'), input, undefined, 'us-east-1');
  assert.equal(same.message, 'Create cache cluster "multi-two" in us-east-1 (profile fake)?');
  assert.match(same.detail, /^As soon as/);
  assert.equal(billingQuestion(awsConnection('fake', 'eu-west-1'), input).message, 'Create cache cluster "multi-two" in eu-west-1 (profile fake)?', 'no Region: nothing to say');
  assert.equal(regionMismatch('us-east-1', fixture.connection), 'The request is written for us-east-1', 'Local is never the Region of an AWS endpoint');
  assert.equal(regionMismatch(undefined, fixture.connection), undefined);
});

test('a request past the findings budget of a big file is checked in full when the cursor is in it: refused for its error, not sent', () => {
  // 300 copies of the seed (4 errors each): the budget of 1000 errors is spent, and the checks after it skipped.
  const body = seed.split('\n').filter((l) => !l.startsWith('#')).join('\n').trim();
  const last = 'https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&CacheClusterId=last&Engine=rediss&CacheNodeType=cache.t3.micro&NumCacheNodes=1&Version=2015-02-02';
  const text = `${Array.from({ length: 300 }, () => body).join('\n###\n')}\n###\n${last}\n`;
  assert.ok(analyze(text, 'query').findings.some((f) => f.code === 'too-many-findings'), 'past the budget');
  const target = createTargetAt(text, 'query', text.indexOf('CacheClusterId=last'));
  assert.ok('request' in target && createdId(target.request.spec) === 'last');
  assert.match(refusal(target.request) ?? '', /^1 error in this request: fix it before creating \(Engine must be one of .*not 'rediss'/);
  // Clean case: the same request without the typo is sent.
  const fixed = text.replace('Engine=rediss', 'Engine=redis');
  const clean = createTargetAt(fixed, 'query', fixed.indexOf('CacheClusterId=last'));
  assert.ok('request' in clean && refusal(clean.request) === undefined);
});

test('a cursor picks its create request, a CreateReplicationGroup too; another action is told plainly what creates from a file', () => {
  const replicationGroup = 'https://elasticache.us-east-1.amazonaws.com/?Action=CreateReplicationGroup&ReplicationGroupId=rg&ReplicationGroupDescription=d&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheClusters=2';
  const create = 'https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&CacheClusterId=one&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1&Version=2015-02-02';
  const describe = 'https://elasticache.us-east-1.amazonaws.com/?Action=DescribeReplicationGroups';
  const text = `${replicationGroup}\n\n###\n${create}\n`;
  const problem = (t: string, offset: number | undefined) => {
    const target = createTargetAt(t, 'query', offset);
    return 'problem' in target ? target.problem : `${target.request.spec.action} ${createdId(target.request.spec)}`;
  };
  assert.equal(problem(text, text.indexOf('ReplicationGroupId')), 'CreateReplicationGroup rg');
  assert.equal(problem(text, text.indexOf('CacheClusterId=one')), 'CreateCacheCluster one');
  assert.equal(problem(text, undefined), 'Put the cursor inside the create request to send: this file has several.');
  assert.equal(problem(replicationGroup, undefined), 'CreateReplicationGroup rg', 'no cursor: the only one');
  assert.equal(problem(`${describe}\n\n###\n${create}`, 0), 'Only CreateCacheCluster and CreateReplicationGroup requests can be created from a file; this one is DescribeReplicationGroups.');
  assert.equal(problem(describe, undefined), 'Only CreateCacheCluster and CreateReplicationGroup requests can be created from a file; this file has DescribeReplicationGroups.');
  assert.equal(problem('CacheClusterId=x&Engine=redis', 0), 'Only CreateCacheCluster and CreateReplicationGroup requests can be created from a file; this one has no Action.');
  assert.equal(problem('# nothing yet\n', undefined), 'This file has no CreateCacheCluster or CreateReplicationGroup request.');
  for (const t of [text, replicationGroup]) assert.doesNotMatch(problem(t, 0), /^Error/);
  // Where the cursor does not say which, the file's create requests are the candidates to pick from.
  const candidates = (t: string, offset: number | undefined) => {
    const target = createTargetAt(t, 'query', offset);
    return 'problem' in target ? target.candidates?.map(createRequestLabel) : undefined;
  };
  assert.deepEqual(candidates(text, undefined), ['CreateReplicationGroup rg', 'CreateCacheCluster one']);
  assert.deepEqual(candidates(`${describe}\n\n###\n${create}`, 0), ['CreateCacheCluster one']);
  assert.equal(candidates(describe, undefined), undefined, 'nothing to pick');
  assert.deepEqual(candidates(`${describe}\n\n###\nAction=CreateCacheCluster&Engine=redis`, 0), ['CreateCacheCluster (no id)']);
  // A CLI input file is create-cache-cluster input whatever the cursor: its forms describe no other command.
  const json = JSON.stringify({ CacheClusterId: 'j', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 });
  const target = createTargetAt(json, 'json', 1);
  assert.ok('request' in target && target.request.input.CacheClusterId === 'j');
  // Saved with a byte order mark (the editor's text has none): the error the lens counts, so nothing is sent.
  const withMark = createTargetAt(json, 'json', 1, { savedWithByteOrderMark: true });
  assert.ok('request' in withMark && withMark.request.errors.some((e) => /byte order mark/.test(e.message)));
  assert.match(refusal(withMark.request) ?? '', /error/);
  // The group's input keeps CreateReplicationGroup's members only, and its zones name its Region.
  const [group] = createRequestsIn(`Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=z&ReplicationGroupDescription=d&Engine=redis&NumCacheClusters=2&PreferredCacheClusterAZs.member.1=eu-west-1a&PreferredCacheClusterAZs.member.2=eu-west-1b`, 'query');
  assert.deepEqual(group!.spec, { action: 'CreateReplicationGroup', input: { ReplicationGroupId: 'z', ReplicationGroupDescription: 'd', Engine: 'redis', NumCacheClusters: 2, PreferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1b'] } });
  assert.equal(group!.region, 'eu-west-1');
  assert.equal(group!.regionFromZones, true);
});

test('a replication group request is created on Local from its file: the group becomes available, its member clusters are listed', { timeout: 60_000 }, async () => {
  const text = 'http://localhost:4510/?Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=from-file-group&ReplicationGroupDescription=orders&Engine=valkey&CacheNodeType=cache.t3.micro&NumCacheClusters=2';
  const [request] = createRequestsIn(text, 'query');
  assert.equal(refusal(request!), undefined);
  const sent = await sendCreate(fixture.client, request!.spec, new AbortController().signal);
  assert.equal(sent.status, 'accepted');
  assert.equal(sent.status === 'accepted' && sent.replicationGroup?.Status, 'creating');
  const statuses: string[] = [];
  const group = await waitUntilGroupAvailable(fixture.client, 'from-file-group', { timeoutMs: 30_000, intervalMs: 50, onStatus: (s) => statuses.push(s) });
  assert.equal(group.Status, 'available');
  assert.deepEqual(group.MemberClusters, ['from-file-group-001', 'from-file-group-002']);
  assert.equal(statuses.at(-1), 'available');
  const message = groupAvailableMessage(group);
  assert.match(message, /^Replication group from-file-group is available \(a primary and 1 replica\) at its primary endpoint 127\.0\.0\.1:\d+, reader endpoint 127\.0\.0\.1:\d+\.$/);
  assert.equal(groupPrimaryEndpoint(group), `127.0.0.1:${group.NodeGroups![0]!.PrimaryEndpoint!.Port}`);
  // A group that is not there is waited for only until the deadline; an unknown group id is not a cluster error.
  await assert.rejects(waitUntilGroupAvailable(fixture.client, 'no-such-group', { timeoutMs: 200, intervalMs: 50 }), /Replication group no-such-group is still not listed yet after 0 s/);
  assert.ok(log.lines.some((l) => /^info DescribeReplicationGroups Local .* no such replication group/.test(l)), 'the expected not-found is info in the API log');
});

test("the billing confirmation of a replication group names its nodes: a primary and its replicas, per node group when several", () => {
  const aws = awsConnection('fake', 'us-east-1');
  const spec = (input: Record<string, unknown>) => createSummary({ action: 'CreateReplicationGroup', input: { ReplicationGroupId: 'rg', ReplicationGroupDescription: 'd', CacheNodeType: 'cache.r7g.large', ...input } });
  const three = billingQuestion(aws, spec({ NumCacheClusters: 3 }));
  assert.equal(three.message, 'Create replication group "rg" in us-east-1 (profile fake)?');
  assert.match(three.detail, /^As soon as the replication group is available you are billed for each hour or partial hour of each of its 3 cache\.r7g\.large nodes \(a primary and 2 replicas\), even if/);
  assert.match(billingQuestion(aws, spec({})).detail, /of its 1 cache\.r7g\.large node \(a primary, no replicas\)/);
  assert.match(billingQuestion(aws, spec({ NumNodeGroups: 2, ReplicasPerNodeGroup: 1 })).detail, /of each of its 4 cache\.r7g\.large nodes \(2 node groups, each a primary and its replicas\)/);
  assert.match(billingQuestion(aws, spec({ NumNodeGroups: 3 })).detail, /of each of its cache\.r7g\.large nodes \(3 node groups, each a primary and its replicas\)/, 'no replica count: no number');
});

test('toSdkInput keeps CreateCacheCluster members only', () => {
  assert.deepEqual(
    toSdkInput({ Action: 'CreateCacheCluster', Version: '2015-02-02', SignatureVersion: '4', 'X-Amz-Signature': 'x', Timestamp: 't', CacheClusterId: 'a', NumCacheNodes: 1 }),
    { CacheClusterId: 'a', NumCacheNodes: 1 },
  );
});

test('JSON and YAML request files create clusters; a file with an error is refused', { timeout: 60_000 }, async () => {
  const json = JSON.stringify({ CacheClusterId: 'from-json', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }, null, 2);
  const yaml = 'CacheClusterId: from-yaml\nEngine: memcached\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\n';
  const [j] = createRequestsIn(json, 'json');
  const [y] = createRequestsIn(yaml, 'yaml');
  assert.equal(refusal(j!), undefined);
  assert.equal(refusal(y!), undefined);
  assert.deepEqual(j!.anchor, { start: 0, end: 0 });
  await createCacheCluster(fixture.client, j!.input);
  await createCacheCluster(fixture.client, y!.input);
  await waitUntilAvailable(fixture.client, 'from-json', { timeoutMs: 30_000, intervalMs: 100 });
  await waitUntilAvailable(fixture.client, 'from-yaml', { timeoutMs: 30_000, intervalMs: 100 });

  const [bad] = createRequestsIn(JSON.stringify({ CacheClusterId: 'bad-json', Engine: 'redis', NumCacheNode: 1 }), 'json');
  assert.match(refusal(bad!) ?? '', /^\d+ errors? in this request: fix (it|them) before creating \(/);
});

test('Open as Request File: the cluster becomes a *.elasticache.json the language service accepts, without ports or tokens', { timeout: 60_000 }, async () => {
  const token = 'Request-File-Token-0123456789';
  await createCacheCluster(fixture.client, {
    CacheClusterId: 'to-file',
    Engine: 'redis',
    CacheNodeType: 'cache.t3.micro',
    NumCacheNodes: 1,
    TransitEncryptionEnabled: true,
    AuthToken: token,
    CacheSubnetGroupName: 'default',
    SnapshotRetentionLimit: 3,
  });
  const memcachedInput = { CacheClusterId: 'to-file-mc', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 2 };
  await createCacheCluster(fixture.client, memcachedInput);
  for (const id of ['to-file', 'to-file-mc']) {
    const cluster = await waitUntilAvailable(fixture.client, id, { timeoutMs: 30_000, intervalMs: 100 });
    const text = requestFileText(cluster);
    assert.equal(requestFileName(cluster), `${id}.elasticache.json`);
    assert.equal((JSON.parse(text) as Record<string, unknown>).Port, undefined, 'Local node ports are not settings');
    const analysis = analyze(text, 'json');
    assert.deepEqual(analysis.findings.filter((f) => f.severity === 'error'), [], text);
    assert.equal(analysis.requests.length, 1);
    assert.equal(analysis.requests[0]!.input.CacheClusterId, id);
    assert.equal(analysis.requests[0]!.input.Engine, cluster.Engine);
  }
  // The token went out in the create call: neither its log line nor a failed call's (the id exists now) holds it.
  await assert.rejects(createCacheCluster(fixture.client, { CacheClusterId: 'to-file', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true, AuthToken: token, CacheSubnetGroupName: 'default' }), /already exists/i);
  assert.ok(log.lines.some((l) => l.startsWith('error CreateCacheCluster')), 'the failed call is logged');
  assert.ok(!log.lines.join('\n').includes(token), 'no AuthToken in the API log');
  // Opened as a new request it names a new cluster, which the service creates: the old id exists already.
  const copy = await waitUntilAvailable(fixture.client, 'to-file-mc', { timeoutMs: 5_000 });
  const newId = copyId('to-file-mc', new Set(['to-file', 'to-file-mc']));
  const copyText = requestFileText(copy, { cacheClusterId: newId });
  const [copyRequest] = createRequestsIn(copyText, 'json');
  assert.equal(refusal(copyRequest!), undefined, copyText);
  assert.equal(copyRequest!.input.CacheClusterId, 'to-file-mc-copy');
  assert.deepEqual(JSON.parse(copyText), { ...(JSON.parse(requestFileText(copy)) as object), CacheClusterId: 'to-file-mc-copy' }, 'only the id differs');
  await createCacheCluster(fixture.client, copyRequest!.input);
  assert.equal((await waitUntilAvailable(fixture.client, newId, { timeoutMs: 30_000, intervalMs: 100 })).NumCacheNodes, 2);
  const redis = await waitUntilAvailable(fixture.client, 'to-file', { timeoutMs: 5_000 });
  const input = clusterToCreateInput(redis, { includePort: true });
  assert.equal(input.TransitEncryptionEnabled, true);
  assert.equal(input.CacheSubnetGroupName, 'default');
  assert.equal(input.SnapshotRetentionLimit, 3);
  assert.equal(typeof input.Port, 'number', 'AWS clusters keep their port');
});

test('Open as Request File carries each node\'s zone (AZMode cross-az), log delivery and tags over, so the copy is the same cluster; what it cannot carry is said', { timeout: 90_000 }, async () => {
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1a'];
  const tags = [{ Key: 'team', Value: 'cache' }];
  const logs = [{ LogType: 'slow-log', DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: 'app-slow' } }, LogFormat: 'json' }] as const;
  const token = 'Open-As-Request-Token-0123456789';
  await createCacheCluster(fixture.client, { CacheClusterId: 'spread-mc', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 3, AZMode: 'cross-az', PreferredAvailabilityZones: zones, Tags: tags });
  await createCacheCluster(fixture.client, { CacheClusterId: 'logged-vk', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, LogDeliveryConfigurations: [...logs], Tags: tags, TransitEncryptionEnabled: true, AuthToken: token, CacheSubnetGroupName: 'default' });
  await createCacheCluster(fixture.client, { CacheClusterId: 'plain-mc', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 2, PreferredAvailabilityZone: 'us-east-1c' });
  const client = async () => fixture.client;
  const zonesOf = (c: { CacheNodes?: { CustomerAvailabilityZone?: string }[] }) => (c.CacheNodes ?? []).map((n) => n.CustomerAvailabilityZone);

  // Memcached over several zones: one zone per node and cross-az, and its tag; the copy made from the file matches.
  const spread = await waitUntilAvailable(fixture.client, 'spread-mc', { timeoutMs: 30_000, intervalMs: 100 });
  assert.equal(spread.PreferredAvailabilityZone, 'Multiple');
  const fromSpread = await requestFromCluster(client, spread, { cacheClusterId: 'spread-mc-copy' });
  const spreadInput = JSON.parse(fromSpread.text) as Record<string, unknown>;
  assert.equal(spreadInput.AZMode, 'cross-az');
  assert.deepEqual(spreadInput.PreferredAvailabilityZones, zones);
  assert.equal(spreadInput.PreferredAvailabilityZone, undefined, 'not both (az-conflict)');
  assert.deepEqual(spreadInput.Tags, tags);
  assert.ok(!fromSpread.notCarried.some((n) => /tags|Availability Zone/.test(n)), fromSpread.notCarried.join('; '));
  const [spreadRequest] = createRequestsIn(fromSpread.text, 'json');
  assert.equal(refusal(spreadRequest!), undefined, fromSpread.text);
  assert.deepEqual(analyze(fromSpread.text, 'json').findings.filter((f) => f.severity !== 'hint'), [], fromSpread.text);
  await createCacheCluster(fixture.client, spreadRequest!.input);
  const spreadCopy = await waitUntilAvailable(fixture.client, 'spread-mc-copy', { timeoutMs: 30_000, intervalMs: 100 });
  assert.deepEqual(zonesOf(spreadCopy), zonesOf(spread));
  assert.deepEqual((await fixture.client.send(new ListTagsForResourceCommand({ ResourceName: spreadCopy.ARN }))).TagList, tags);

  // Valkey with log delivery: the configurations without the description's Status; the AuthToken is said, never written.
  const logged = await waitUntilAvailable(fixture.client, 'logged-vk', { timeoutMs: 30_000, intervalMs: 100 });
  assert.equal(logged.LogDeliveryConfigurations?.[0]?.Status, 'active');
  const fromLogged = await requestFromCluster(client, logged, { cacheClusterId: 'logged-vk-copy' });
  const loggedInput = JSON.parse(fromLogged.text) as Record<string, unknown>;
  assert.deepEqual(loggedInput.LogDeliveryConfigurations, logs);
  assert.deepEqual(loggedInput.Tags, tags);
  assert.equal(loggedInput.PreferredAvailabilityZone, logged.PreferredAvailabilityZone);
  assert.equal(loggedInput.AZMode, undefined, 'Memcached only');
  assert.ok(!fromLogged.text.includes(token) && loggedInput.AuthToken === undefined);
  assert.ok(fromLogged.notCarried.some((n) => /AuthToken/.test(n)), fromLogged.notCarried.join('; '));
  assert.ok(!fromLogged.notCarried.join('').includes(token));
  const [loggedRequest] = createRequestsIn(fromLogged.text, 'json');
  assert.equal(refusal(loggedRequest!), undefined, fromLogged.text);
  await createCacheCluster(fixture.client, loggedRequest!.input);
  const loggedCopy = await waitUntilAvailable(fixture.client, 'logged-vk-copy', { timeoutMs: 30_000, intervalMs: 100 });
  assert.deepEqual(loggedCopy.LogDeliveryConfigurations, logged.LogDeliveryConfigurations);

  // Clean: nodes in one zone stay PreferredAvailabilityZone, no AZMode; no tags, no AuthToken: neither is named.
  const plain = await waitUntilAvailable(fixture.client, 'plain-mc', { timeoutMs: 30_000, intervalMs: 100 });
  const fromPlain = await requestFromCluster(client, plain, {});
  const plainInput = JSON.parse(fromPlain.text) as Record<string, unknown>;
  assert.equal(plainInput.PreferredAvailabilityZone, 'us-east-1c');
  assert.equal(plainInput.AZMode, undefined);
  assert.equal(plainInput.PreferredAvailabilityZones, undefined);
  assert.equal(plainInput.Tags, undefined);
  assert.equal(plainInput.LogDeliveryConfigurations, undefined);
  // Nothing is left out (a cluster listing no security groups gets none in the copy either): no notification.
  assert.deepEqual(fromPlain.notCarried, []);

  // Tags that cannot be listed are said to be missing, with why.
  const unlisted = await requestFromCluster(async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:9'); }, spread, {});
  assert.equal((JSON.parse(unlisted.text) as Record<string, unknown>).Tags, undefined);
  assert.match(unlisted.notCarried.join('; '), /its tags \(could not be listed: /);
  assert.match(notCarriedMessage('spread-mc', 'spread-mc-copy', unlisted.notCarried), /^The request for spread-mc-copy does not carry over from spread-mc: .*its tags.*\. Add to the file what the new cluster needs before creating it\.$/);
});

test('Open as Request File\'s notification tells how to supply the AuthToken without leaving it in the file; without a token, no such advice', () => {
  const base = { CacheClusterId: 'web', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled: true };
  const tokenOnly = notCarriedMessage('web', 'web-copy', notCarriedOver({ ...base, AuthTokenEnabled: true }, { tags: [] }));
  assert.equal(
    tokenOnly,
    'The request for web-copy does not carry over from web: the AuthToken (the API never returns it). If the new cluster needs an AuthToken, add it just before creating and take it out after, without saving or committing it: a token in a file is a secret in source.',
  );
  assert.doesNotMatch(tokenOnly, /Add to the file what the new cluster needs/, 'no advice to write the token into the file for good');
  const tokenAndTags = notCarriedMessage('web', 'web-copy', notCarriedOver({ ...base, AuthTokenEnabled: true }, {}));
  assert.match(tokenAndTags, /: the AuthToken \(the API never returns it\); its tags\. Add to the file what the new cluster needs before creating it\. If the new cluster needs an AuthToken, add it just before creating and take it out after/);
  // Clean: no AuthToken on the source, no word about one.
  const tagsOnly = notCarriedMessage('web', 'web-copy', notCarriedOver(base, {}));
  assert.equal(tagsOnly, 'The request for web-copy does not carry over from web: its tags. Add to the file what the new cluster needs before creating it.');
});

test('Open as Request File leaves out the tags AWS set (aws: keys, e.g. CloudFormation\'s), which a request may not set, and says so', () => {
  const cluster = { CacheClusterId: 'web', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, SecurityGroups: [{ SecurityGroupId: 'sg-1' }] };
  const listed = [{ Key: 'team', Value: 'cache' }, { Key: 'aws:cloudformation:stack-name', Value: 'web-stack' }];
  // Copied as listed, the request would be refused: the tags rule's error, as ElastiCache's.
  assert.ok(analyze(requestFileText(cluster, { tags: listed }), 'json').findings.some((f) => f.code === 'tags' && f.severity === 'error'));
  const split = requestTags(listed);
  assert.deepEqual(split, { tags: [{ Key: 'team', Value: 'cache' }], reservedKeys: ['aws:cloudformation:stack-name'] });
  const text = requestFileText(cluster, { tags: split.tags, reservedTagKeys: split.reservedKeys });
  assert.deepEqual((JSON.parse(text) as Record<string, unknown>).Tags, [{ Key: 'team', Value: 'cache' }]);
  assert.deepEqual(analyze(text, 'json').findings.filter((f) => f.code === 'tags'), []);
  assert.match(notCarriedOver(cluster, { tags: split.tags, reservedTagKeys: split.reservedKeys }).join('; '), /the tags AWS set itself \(aws:cloudformation:stack-name\)/);
  // Clean: the user's own tags are all carried, and nothing is said about them.
  assert.deepEqual(requestTags([{ Key: 'team', Value: 'cache' }]), { tags: [{ Key: 'team', Value: 'cache' }], reservedKeys: [] });
  assert.deepEqual(notCarriedOver(cluster, { tags: [{ Key: 'team', Value: 'cache' }] }), []);
});

test('Open as Request File names what CreateCacheCluster cannot rebuild from a description: at-rest encryption, a replication group, an Outpost, zones not per node', () => {
  const base = { CacheClusterId: 'web', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, SecurityGroups: [{ SecurityGroupId: 'sg-1' }] };
  assert.deepEqual(notCarriedOver(base, { tags: [] }), [], 'clean: nothing left out');
  assert.deepEqual(clusterToCreateInput(base).SecurityGroupIds, ['sg-1']);
  const member = { ...base, AtRestEncryptionEnabled: true, ReplicationGroupId: 'rg', PreferredOutpostArn: 'arn:aws:outposts:us-east-1:123456789012:outpost/op-0123456789abcdef0' };
  const said = notCarriedOver(member, { tags: [] }).join('; ');
  for (const words of [/encryption at rest/, /replication group rg/, /Outpost/]) assert.match(said, words);
  // Memcached nodes in several zones, described without node information: the zones are said to be missing.
  const spread = { CacheClusterId: 'mc', Engine: 'memcached', NumCacheNodes: 2, PreferredAvailabilityZone: 'Multiple', SecurityGroups: [{ SecurityGroupId: 'sg-1' }] };
  assert.match(notCarriedOver(spread, { tags: [] }).join('; '), /Availability Zone of each node/);
  assert.equal(clusterToCreateInput(spread).PreferredAvailabilityZone, undefined, '"Multiple" is no zone');
});

test("Open as Request File on a replication group's member says the copy is a standalone cluster and how to copy the group, not to add the membership to the file", () => {
  const base = { CacheClusterId: 'rg-001', Engine: 'valkey', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 };
  const member = { ...base, ReplicationGroupId: 'rg' };
  const onlyMembership = notCarriedMessage('rg-001', 'rg-001-copy', notCarriedOver(member, { tags: [] }), member.ReplicationGroupId);
  assert.equal(onlyMembership, 'rg-001-copy will be a standalone cluster, not a member of replication group rg as rg-001 is: to copy the group, write a CreateReplicationGroup request.');
  const withTags = notCarriedMessage('rg-001', 'rg-001-copy', notCarriedOver(member, {}), member.ReplicationGroupId);
  assert.equal(
    withTags,
    'The request for rg-001-copy does not carry over from rg-001: its tags. Add to the file what the new cluster needs before creating it. rg-001-copy will be a standalone cluster, not a member of replication group rg as rg-001 is: to copy the group, write a CreateReplicationGroup request.',
  );
  // Clean: a standalone source, no word about groups.
  const standalone = notCarriedMessage('rg-001', 'rg-001-copy', notCarriedOver(base, {}), undefined);
  assert.doesNotMatch(standalone, /replication group|standalone/);
});

test('a copy of a cluster gets a new, valid id: <id>-copy, then -copy-2, …, within 50 characters', () => {
  assert.equal(copyId('web', new Set()), 'web-copy');
  assert.equal(copyId('web', new Set(['web', 'web-copy'])), 'web-copy-2');
  assert.equal(copyId('Web', new Set(['web-copy', 'web-copy-2'])), 'Web-copy-3', 'ids are taken whatever their case');
  const long = `a${'b'.repeat(43)}-${'c'.repeat(5)}`;
  assert.equal(long.length, 50);
  const copy = copyId(long, new Set());
  assert.equal(copy, `a${'b'.repeat(43)}-copy`, 'cut to fit 50, without the cut leaving a double hyphen');
  for (const id of [copy, copyId(long, new Set([copy.toLowerCase()]))]) {
    assert.equal(validateCacheClusterId(id), undefined, id);
    assert.ok(id.length <= 50);
  }
});

test('Open as Request File: a copy whose file would be taken (open or on disk) gets the next id, in its file name and its text alike', () => {
  assert.deepEqual(copyRequestFile('web', ['web'], []), { id: 'web-copy', fileName: 'web-copy.elasticache.json' });
  // `web-copy` is not listed, but its request file is open or on disk (as are other copies', in YAML or another case).
  const copy = copyRequestFile('web', ['web'], ['notes.txt', 'web-copy.elasticache.json', 'Web-Copy-2.elasticache.json', 'web-copy-3.elasticache.yaml', 'web-copy-4.txt']);
  assert.deepEqual(copy, { id: 'web-copy-4', fileName: 'web-copy-4.elasticache.json' });
  const text = requestFileText({ CacheClusterId: 'web', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }, { cacheClusterId: copy.id });
  assert.equal((JSON.parse(text) as { CacheClusterId: string }).CacheClusterId, 'web-copy-4');
  assert.equal(copyRequestFile('web', ['web', 'web-copy'], ['web-copy-2.elasticache.json']).id, 'web-copy-3', 'listed ids and files together');
});

test('a create cancelled while in flight is told apart from a failure (the cluster may exist); failures still throw', async () => {
  const cancelled = AbortSignal.abort();
  assert.deepEqual(await sendCreate(fixture.client, { CacheClusterId: 'cancelled-create', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }, cancelled), { status: 'cancelled' });
  await assert.rejects(
    sendCreate(fixture.client, { CacheClusterId: 'bad--id', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }, new AbortController().signal),
    (err: Error) => err.name !== 'AbortError',
  );
  const accepted = await sendCreate(fixture.client, { CacheClusterId: 'accepted-create', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }, new AbortController().signal);
  assert.equal(accepted.status, 'accepted');
  // AWS answers `creating`; only following the cluster tells when it is available.
  const status = accepted.status === 'accepted' ? accepted.cluster?.CacheClusterStatus : undefined;
  assert.ok(canBecomeAvailable(status), String(status));
  const seen: string[] = [];
  const cluster = await waitUntilAvailable(fixture.client, 'accepted-create', { timeoutMs: 30_000, intervalMs: 50, onStatus: (s) => seen.push(s) });
  assert.equal(cluster.CacheClusterStatus, 'available');
  assert.equal(seen.at(-1), 'available');
  assert.ok(seen.every((s) => s === 'creating' || s === 'available'), seen.join(', '));
});

test('following a cluster that is not listed (yet) waits for it until the timeout, then says so', async () => {
  const started = Date.now();
  await assert.rejects(waitUntilAvailable(fixture.client, 'never-created', { timeoutMs: 300, intervalMs: 50 }), /never-created is still not listed yet after/);
  assert.ok(Date.now() - started >= 300);
});

test('confirmed: true skips the reboot/delete confirmation on Local only', () => {
  assert.equal(skipsConfirmation(fixture.connection, true), true);
  assert.equal(skipsConfirmation(fixture.connection, undefined), false);
  const aws: Connection = { id: 'aws:default:us-east-1', kind: 'aws', label: 'AWS default · us-east-1', region: 'us-east-1', profile: 'default' };
  assert.equal(skipsConfirmation(aws, true), false);
});
