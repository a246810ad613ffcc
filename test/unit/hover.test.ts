import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiReferenceUrl, hover, referenceUrlForFinding } from '../../server/src/service/hover';
import type { Severity } from '../../server/src/service/types';
import { LIMITS, SOURCES } from '../../server/src/model/facts';
import { analyze } from '../../server/src/service/index';
import { CLEAN_QUERY } from './helpers';

/** The link of a finding with this code (an error unless told). */
function linkFor(code: string, action: string | undefined, kind: 'query' | 'json' | 'yaml', severity: Severity = 'error'): string {
  return referenceUrlForFinding({ code, severity }, action, kind);
}

const seed = readFileSync(join(__dirname, '..', 'lsp', 'fixtures', 'seed.elasticache'), 'utf8');
const CREATE_URL = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html';

test('hover on a Query parameter name: documentation, type, required flag, facts and API reference', () => {
  const offset = seed.indexOf('&NumCacheNodes') + 3;
  const info = hover(seed, offset, 'query');
  assert.ok(info);
  assert.equal(seed.slice(info.span.start, info.span.end), 'NumCacheNodes');
  assert.match(info.markdown, /^\*\*NumCacheNodes\*\* `integer` · optional · CreateCacheCluster/);
  assert.match(info.markdown, /initial number of cache nodes/i);
  assert.match(info.markdown, /1 to 40 for Memcached/);
  assert.ok(info.markdown.includes(`(${CREATE_URL})`));
});

test('hover on list members (.member.N form), the action, protocol parameters; nothing on unknown names without a suggestion', () => {
  const snapshot = hover(seed, seed.indexOf('SnapshotArns.member.1') + 2, 'query');
  assert.match(snapshot!.markdown, /\*\*SnapshotArns\*\* `list of string`/);
  assert.match(snapshot!.markdown, /SnapshotArns\.SnapshotArn\.N/);
  const action = hover(seed, seed.indexOf('=CreateCacheCluster') + 3, 'query');
  assert.match(action!.markdown, /\*\*CreateCacheCluster\*\* · ElastiCache action/);
  assert.match(action!.markdown, /Required: `CacheClusterId`/);
  const expires = hover(seed, seed.indexOf('X-Amz-Expires') + 2, 'query');
  assert.match(expires!.markdown, /1 to 604800/);
  // Each link is labelled by the page it opens.
  assert.match(expires!.markdown, /\[Signature Version 4: authenticating with query parameters\]\(https:\/\/docs\.aws\.amazon\.com\/AmazonS3\/latest\/API\/sigv4-query-string-auth\.html\)/);
  assert.doesNotMatch(expires!.markdown, /Common Parameters/i);
  assert.match(hover(seed, seed.indexOf('X-Amz-Date') + 2, 'query')!.markdown, /\[ElastiCache API reference: Common Parameters\]\(https:\/\/docs\.aws\.amazon\.com\/AmazonElastiCache\/latest\/APIReference\/CommonParameters\.html\)/);
  const sigv2 = hover(seed, seed.indexOf('SignatureMethod') + 2, 'query');
  assert.match(sigv2!.markdown, /Signature Version 2/);
  assert.equal(hover('Action=CreateCacheCluster&Xyzzy=1', 28, 'query'), undefined);
  assert.equal(hover(seed, 3, 'query'), undefined, 'comment');
});

test('hover on the AuthToken never shows its value, in any form', () => {
  const secret = 'S3cretT0kenValue!!xyz';
  const cases: [string, 'query' | 'json' | 'yaml'][] = [
    [`Action=CreateCacheCluster&AuthToken=${secret}`, 'query'],
    [`{ "AuthToken": "${secret}" }`, 'json'],
    [`AuthToken: ${secret}\n`, 'yaml'],
  ];
  for (const [text, kind] of cases) {
    for (const offset of [text.indexOf('AuthToken') + 1, text.indexOf(secret) + 3]) {
      const info = hover(text, offset, kind);
      assert.ok(info, `${kind} @${offset}`);
      assert.match(info.markdown, /\*\*AuthToken\*\*/);
      assert.match(info.markdown, /16–128 printable ASCII/);
      assert.ok(!info.markdown.includes(secret), 'value not echoed');
    }
  }
});

test('hover in CLI input JSON and YAML, including nested structure members', () => {
  const json = '{\n  "Engine": "redis",\n  "Tags": [{ "Key": "team", "Value": "cache" }]\n}';
  assert.match(hover(json, json.indexOf('Engine') + 1, 'json')!.markdown, /`memcached` \(Memcached\) \| `redis`/);
  const key = hover(json, json.indexOf('"Key"') + 2, 'json')!;
  assert.match(key.markdown, /^\*\*Key\*\* `string` · \*\*required\*\* · Tag/);
  assert.match(key.markdown, /API_Tag\.html/);
  const yaml = 'Engine: valkey\nPreferredMaintenanceWindow: sun:05:00-sun:06:00\n';
  const window = hover(yaml, yaml.indexOf('Preferred') + 3, 'yaml')!;
  assert.match(window.markdown, /at least 60 minutes/);
  assert.equal(yaml.slice(window.span.start, window.span.end), 'PreferredMaintenanceWindow');
});

test('apiReferenceUrl only for known actions', () => {
  assert.equal(apiReferenceUrl('CreateCacheCluster'), CREATE_URL);
  assert.equal(apiReferenceUrl('CreateCluster'), undefined);
  assert.equal(apiReferenceUrl('__proto__'), undefined);
});

test('diagnostic reference links: action page for API rules, common parameters for the signing layer, the file kind for syntax', async () => {
    assert.equal(linkFor('unknown-parameter', 'CreateCacheCluster', 'query'), CREATE_URL);
  assert.equal(linkFor('query-expires', 'CreateCacheCluster', 'query'), 'https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html');
  assert.equal(linkFor('query-signed-headers', 'CreateCacheCluster', 'query'), 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonParameters.html');
  assert.equal(linkFor('missing-action', undefined, 'query'), 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/CommonParameters.html');
  assert.equal(linkFor('unknown-action', undefined, 'query'), SOURCES.apiActions);
  assert.equal(linkFor('unknown-parameter', 'CreateCluster', 'query'), SOURCES.apiActions, 'an unknown action: the list of actions');
  assert.equal(linkFor('query-trailing-whitespace', 'CreateCacheCluster', 'query'), SOURCES.seed);
  assert.equal(linkFor('query-bad-percent-encoding', 'CreateCacheCluster', 'query'), SOURCES.sigv4Query);
  assert.equal(linkFor('json-syntax', 'CreateCacheCluster', 'json'), SOURCES.cliInputFiles);
  assert.equal(linkFor('binary-content', undefined, 'query'), SOURCES.seed);
  assert.equal(linkFor('binary-content', undefined, 'yaml'), SOURCES.cliInputFiles);
});

test('diagnostic reference links: a rule whose fact comes from a guide links to that page, in every action and file kind', async () => {
    const rules = readFileSync(join(__dirname, '..', '..', 'server', 'src', 'service', 'RULES.md'), 'utf8');
  const topical: Record<string, string> = {
    'engine-version-support': SOURCES.endOfLife,
    'engine-version': SOURCES.supportedEngineVersions,
    'parameter-group-family': SOURCES.parameterGroups,
    'auth-token-in-file': SOURCES.auth,
    'invalid-auth-token': SOURCES.auth,
    'auth-token-requires-transit-encryption': SOURCES.auth,
    'invalid-node-type': SOURCES.supportedNodeTypes,
    'previous-generation-node-type': SOURCES.supportedNodeTypes,
    'node-type-engine-version': SOURCES.supportedNodeTypes,
    'node-type-replication-group': SOURCES.dataTiering,
    'invalid-availability-zone': SOURCES.availabilityZones,
    'availability-zone-region': SOURCES.regions,
    'maintenance-window': SOURCES.maintenanceWindow,
    'window-overlap': SOURCES.maintenanceWindow,
    'snapshot-window': SOURCES.backups,
    'snapshot-retention': SOURCES.backups,
    'transit-encryption-version': SOURCES.inTransitEncryption,
    'at-rest-encryption-version': SOURCES.atRestEncryption,
    'user-group-version': SOURCES.rbac,
    'log-delivery-destination': SOURCES.loggingDestinations,
    'network-type-node-type': SOURCES.networkType,
    tags: SOURCES.tags,
    'node-group-slots': SOURCES.nodeGroupConfiguration,
    'node-group-replicas': SOURCES.shards,
    'multi-az-failover': SOURCES.multiAz,
  };
  for (const [code, url] of Object.entries(topical)) {
    assert.ok(rules.includes(`\`${code}\``), `${code} is a RULES.md code`);
    for (const kind of ['query', 'json', 'yaml'] as const) {
      for (const action of [undefined, 'CreateCacheCluster', 'CreateReplicationGroup', 'ModifyReplicationGroup']) {
        assert.equal(linkFor(code, action, kind), url, `${code} (${kind}, ${action})`);
      }
    }
  }
  // The clean cases: what the action's reference itself states links to the action's page.
  for (const code of ['invalid-cache-cluster-id', 'num-cache-nodes', 'engine-parameter', 'cluster-mode-parameter-group', 'replication-group-nodes', 'port-range']) {
    assert.equal(linkFor(code, 'CreateCacheCluster', 'query'), CREATE_URL, code);
  }
  // A placeholder is a member's value: the action's page, not the Query layer's common parameters.
  assert.equal(linkFor('query-placeholder', 'CreateCacheCluster', 'json'), CREATE_URL);
  assert.equal(linkFor('query-placeholder', undefined, 'query'), SOURCES.apiActions);
});

test('an engine version in paid Extended Support links to the Extended Support page; an end-of-life one to the end-of-life page', () => {
  const linkOfVersion = (version: string) => {
    const finding = analyze(CLEAN_QUERY.replace(/&EngineVersion=[^&\s]*/, `&EngineVersion=${version}`), 'query').findings.find((f) => f.code === 'engine-version-support');
    assert.ok(finding, `${version}: an engine-version-support finding`);
    return { severity: finding.severity, url: referenceUrlForFinding(finding, 'CreateCacheCluster', 'query') };
  };
  assert.deepEqual(linkOfVersion('5.0.6'), { severity: 'information', url: SOURCES.extendedSupport });
  assert.deepEqual(linkOfVersion('3.2.4'), { severity: 'error', url: SOURCES.endOfLife });
  assert.equal(linkFor('engine-version-support', 'CreateCacheCluster', 'json', 'warning'), SOURCES.endOfLife, 'a deprecated patch version');
});

test('every rule code RULES.md lists links to a documentation page, in every file kind, with or without an action', async () => {
    const rules = readFileSync(join(__dirname, '..', '..', 'server', 'src', 'service', 'RULES.md'), 'utf8');
  const codes = new Set([...rules.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]));
  assert.ok(codes.size > 80 && codes.has('query-trailing-whitespace') && codes.has('missing-action'), `${codes.size} codes read`);
  for (const code of codes) {
    for (const kind of ['query', 'json', 'yaml'] as const) {
      for (const action of [undefined, 'CreateCacheCluster', 'NoSuchAction']) {
        const url = linkFor(code, action, kind);
        assert.match(url ?? '', /^https:\/\/docs\.aws\.amazon\.com\/\S+\.html(#\S*)?$/, `${code} (${kind}, ${action})`);
        // A page SOURCES holds (each with its fact) or an API reference page: no link made up in the hover.
        assert.ok(Object.values(SOURCES).includes(url as never) || url.startsWith('https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/'), `${code}: ${url}`);
      }
    }
  }
});

test('hover on a value leads with the value (node type, engine version, parameter group, engine), then the member docs', () => {
  const nodeType = hover(seed, seed.indexOf('cache.r4.large') + 3, 'query')!;
  assert.equal(seed.slice(nodeType.span.start, nodeType.span.end), 'cache.r4.large');
  assert.match(nodeType.markdown, /^`cache\.r4\.large` · node type, family `r4` · current generation/);
  assert.match(nodeType.markdown, /Engines: Memcached, Redis OSS, Valkey/);
  assert.ok(nodeType.markdown.indexOf('**CacheNodeType**') > nodeType.markdown.indexOf('---'), 'member docs after the value');

  const version = hover(seed, seed.indexOf('=3.2.4') + 2, 'query')!;
  assert.match(version.markdown, /^`3\.2\.4` · Redis OSS · reached end of life on ElastiCache on 2023-07-31: new clusters cannot use it/);
  assert.match(version.markdown, /Parameter group family `redis3\.2`/);

  const yaml = 'Engine: valkey\nEngineVersion: 8.0\nCacheParameterGroupName: default.valkey8.cluster.on\nCacheNodeType: cache.m1.small\n';
  assert.match(hover(yaml, yaml.indexOf('8.0') + 1, 'yaml')!.markdown, /^`8\.0` · Valkey · supported · latest Valkey: `8\.2`/);
  assert.match(hover(yaml, yaml.indexOf('default.valkey8') + 2, 'yaml')!.markdown, /^`default\.valkey8\.cluster\.on` · default parameter group, family `valkey8` \(Valkey\) · cluster mode enabled/);
  assert.match(hover(yaml, yaml.indexOf('valkey') + 2, 'yaml')!.markdown, /^`valkey` · Valkey · latest version `8\.2`/);
  assert.match(hover(yaml, yaml.indexOf('cache.m1') + 2, 'yaml')!.markdown, /previous generation/);
  // On the name: member docs only; an unknown value: member docs only.
  assert.match(hover(yaml, 2, 'yaml')!.markdown, /^\*\*Engine\*\*/);
  const custom = 'CacheParameterGroupName: my-group\n';
  assert.match(hover(custom, custom.indexOf('my-group') + 2, 'yaml')!.markdown, /^\*\*CacheParameterGroupName\*\*/);
});

test('Engine hover gives one list of engines (the API text listing only memcached | redis predates Valkey)', () => {
  const info = hover(seed, seed.indexOf('&Engine') + 3, 'query')!;
  assert.doesNotMatch(info.markdown, /Valid values for this parameter are/);
  assert.equal(info.markdown.match(/Valid values/g)?.length, 1);
  assert.match(info.markdown, /`valkey` \(Valkey\)/);
});

test('hover on the value of a misspelt name: shown as the one member the diagnostic suggests, saying so', () => {
  const value = hover(seed, seed.indexOf('default.redis3.2') + 2, 'query')!;
  assert.equal(seed.slice(value.span.start, value.span.end), 'default.redis3.2');
  assert.match(value.markdown, /^\*`CacheParameterGroup` is not a known parameter: this value is shown as \*\*CacheParameterGroupName\*\*, the likely intended name\.\*/);
  assert.match(value.markdown, /`default\.redis3\.2` · default parameter group, family `redis3\.2` \(Redis OSS\) · reached end of life on ElastiCache on 2023-07-31: new clusters cannot use it/);
  assert.match(value.markdown, /\*\*CacheParameterGroupName\*\* `string` · optional · CreateCacheCluster/);
  // The name itself: the problem and the diagnostic's suggestion, then that member's hover (no value lead).
  const name = hover(seed, seed.indexOf('CacheParameterGroup=') + 2, 'query')!;
  assert.equal(seed.slice(name.span.start, name.span.end), 'CacheParameterGroup');
  assert.match(name.markdown, /^\*\*Unknown parameter\*\* — did you mean \*\*CacheParameterGroupName\*\*\?\n\n---\n\n\*\*CacheParameterGroupName\*\* `string` · optional · CreateCacheCluster/);
  assert.doesNotMatch(name.markdown, /default\.redis3\.2/);
  const typo = 'Action=CreateCacheCluster&CacheParamterGroupName=default.redis7';
  assert.match(hover(typo, typo.indexOf('Paramter'), 'query')!.markdown, /did you mean \*\*CacheParameterGroupName\*\*/);

  const json = '{"CacheClusterId": "x", "Engin": "redis", "Tags": [{"Key": "a", "Valu": "b"}]}';
  const engine = hover(json, json.indexOf('"redis"') + 2, 'json')!;
  assert.equal(json.slice(engine.span.start, engine.span.end), '"redis"');
  assert.match(engine.markdown, /shown as \*\*Engine\*\*, the likely intended name/);
  assert.match(engine.markdown, /`redis` · Redis OSS · latest version/);
  assert.match(hover(json, json.indexOf('"b"') + 1, 'json')!.markdown, /shown as \*\*Value\*\*[^]*· Tag/);
  const yaml = 'CacheClusterId: x\nEngin: valkey\n';
  assert.match(hover(yaml, yaml.indexOf('valkey') + 1, 'yaml')!.markdown, /shown as \*\*Engine\*\*[^]*`valkey` · Valkey/);
  const yamlName = hover(yaml, yaml.indexOf('Engin') + 1, 'yaml')!;
  assert.equal(yaml.slice(yamlName.span.start, yamlName.span.end), 'Engin');
  assert.match(yamlName.markdown, /^\*\*Unknown parameter\*\* — did you mean \*\*Engine\*\*\?/);
  assert.match(hover(json, json.indexOf('Valu"') + 1, 'json')!.markdown, /did you mean \*\*Value\*\*\?[^]*· Tag/);

  // No single suggestion, or a member of another action (the diagnostic suggests no rename): nothing, as before.
  for (const [text, kind] of [
    ['Action=CreateCacheCluster&Version=2015-02-02&Xyzzy=default.redis7', 'query'],
    ['Action=CreateCacheCluster&Version=2015-02-02&NumNodeGroups=2', 'query'],
    ['{"CacheClusterId": "x", "NumNodeGroups": 2}', 'json'],
  ] as const) {
    // On the last value character, and on the name.
    const at = kind === 'json' ? text.length - 2 : text.length - 1;
    assert.equal(hover(text, at, kind), undefined, text);
    assert.equal(hover(text, text.lastIndexOf(kind === 'json' ? '"NumNodeGroups' : '&') + 2, kind), undefined, text);
  }
});

test('hover on a misspelt nested Query name and its value: the member the diagnostic suggests in that structure, not the list', () => {
  const text = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Tags.Tag.1.Key=team&Tags.Tag.1.Valu=cache';
  const finding = analyze(text, 'query').findings.find((f) => f.code === 'unknown-parameter')!;
  assert.match(finding.message, /Did you mean Value\?/);
  const value = hover(text, text.length - 2, 'query')!;
  assert.equal(text.slice(value.span.start, value.span.end), 'cache');
  assert.match(value.markdown, /^\*`Valu` is not a known parameter: this value is shown as \*\*Value\*\*, the likely intended name\.\*/);
  assert.match(value.markdown, /\*\*Value\*\* `string` · optional · Tag/);
  assert.doesNotMatch(value.markdown, /\*\*Tags\*\*/);
  // On the name: the segments before the misspelt member are hovered as themselves (Tags, on its own span); the
  // misspelt segment, as a misspelt top-level name or JSON/YAML key, says it is unknown and what the diagnostic
  // suggests, on its own span.
  const name = text.lastIndexOf('Tags.Tag.1.Valu');
  const tags = hover(text, name + 2, 'query')!;
  assert.match(tags.markdown, /^\*\*Tags\*\*/);
  assert.equal(text.slice(tags.span.start, tags.span.end), 'Tags');
  const misspelt = hover(text, name + 'Tags.Tag.1.'.length + 1, 'query')!;
  assert.match(misspelt.markdown, /^\*\*Unknown parameter\*\* — did you mean \*\*Value\*\*\?\n\n---\n\n\*\*Value\*\* `string` · optional · Tag/);
  assert.equal(text.slice(misspelt.span.start, misspelt.span.end), 'Valu');
  // The same hover as a misspelt JSON key in the same place.
  const json = '{"CacheClusterId": "a", "Tags": [{"Key": "team", "Valu": "cache"}]}';
  assert.equal(hover(json, json.indexOf('"Valu"') + 2, 'json')!.markdown, misspelt.markdown);
  // Deeper: a misspelt structure member inside a list item.
  const log = 'Action=CreateCacheCluster&LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.DestinationDetail.CloudWatchLogsDetails.LogGroup=g';
  assert.match(hover(log, log.length - 1, 'query')!.markdown, /shown as \*\*DestinationDetails\*\*[^]*· LogDeliveryConfigurationRequest/);
  const detail = hover(log, log.indexOf('DestinationDetail.') + 3, 'query')!;
  assert.match(detail.markdown, /^\*\*Unknown parameter\*\* — did you mean \*\*DestinationDetails\*\*\?/);
  assert.equal(log.slice(detail.span.start, detail.span.end), 'DestinationDetail');
  // The segments after the misspelt one name nothing that exists: no hover.
  assert.equal(hover(log, log.indexOf('CloudWatchLogsDetails') + 3, 'query'), undefined);
  // No suggestion (the diagnostic has none either): nothing, not the list's documentation.
  const none = 'Action=CreateCacheCluster&Tags.Tag.1.Zzz=cache';
  assert.doesNotMatch(analyze(none, 'query').findings.find((f) => f.code === 'unknown-parameter')!.message, /Did you mean/);
  assert.equal(hover(none, none.length - 1, 'query'), undefined);
  // A correct nested name is unchanged: its own member.
  const ok = 'Action=CreateCacheCluster&Tags.Tag.1.Value=cache';
  assert.match(hover(ok, ok.length - 1, 'query')!.markdown, /^\*\*Value\*\* `string`/);
});

test('X-Amz-Expires: the hover states the range the linter enforces, both from LIMITS, and links the page LIMITS cites', () => {
  const expires = hover(CLEAN_QUERY, CLEAN_QUERY.indexOf('X-Amz-Expires') + 2, 'query')!;
  assert.ok(expires.markdown.includes(`an integer from ${LIMITS.presignMinSeconds} to ${LIMITS.presignMaxSeconds} (7 days)`), expires.markdown);
  assert.ok(expires.markdown.includes(`(${SOURCES.sigv4QueryParameters})`), expires.markdown);
  const expiresFinding = (seconds: number) => analyze(CLEAN_QUERY.replace(/X-Amz-Expires=\d+/, `X-Amz-Expires=${seconds}`), 'query').findings.filter((f) => f.code === 'query-expires').length;
  // The ends of the range the hover states are accepted; one past either end is not.
  assert.deepEqual([LIMITS.presignMinSeconds, LIMITS.presignMaxSeconds].map(expiresFinding), [0, 0]);
  assert.deepEqual([LIMITS.presignMinSeconds - 1, LIMITS.presignMaxSeconds + 1].map(expiresFinding), [1, 1]);
});

test('hover: Tag.Key is required, as the tags rule treats it (the model leaves it unlisted); Value stays optional (review: misled)', () => {
  for (const [text, kind] of [
    ['Action=CreateCacheCluster&Tags.Tag.1.Key=team', 'query'],
    ['{"Tags": [{"Key": "team"}]}', 'json'],
    ['Tags:\n  - Key: team\n', 'yaml'],
  ] as const) {
    const info = hover(text, text.indexOf('Key') + 1, kind);
    assert.match(info?.markdown ?? '', /^\*\*Key\*\* `string` · \*\*required\*\* · Tag/, `${kind}: ${info?.markdown}`);
    // The rule agrees: a tag without a Key is an error.
    const withoutKey = { query: 'Action=CreateCacheCluster&Tags.Tag.1.Value=a', json: '{"Tags": [{"Value": "a"}]}', yaml: 'Tags:\n  - Value: a\n' }[kind];
    assert.ok(analyze(withoutKey, kind).findings.some((f) => f.code === 'tags'), kind);
  }
  const value = hover('Tags:\n  - Key: team\n    Value: x\n', 'Tags:\n  - Key: team\n    Val'.length, 'yaml');
  assert.match(value?.markdown ?? '', /^\*\*Value\*\* `string` · optional · Tag/);
});

test('hover: Engine, EngineVersion, parameter groups and Port list only the engines the action takes (CreateReplicationGroup: no Memcached) (review: misled)', () => {
  const at = (text: string, needle: string) => hover(text, text.indexOf(needle) + 2, 'query')?.markdown ?? '';
  const group = 'Action=CreateReplicationGroup&ReplicationGroupId=g&Engine=redis&EngineVersion=7.1&CacheParameterGroupName=default.redis7&Port=6379';
  for (const needle of ['&Engine=', 'EngineVersion', 'CacheParameterGroupName', 'Port']) {
    const markdown = at(group, needle);
    assert.match(markdown, /Redis OSS|redis/, needle);
    assert.doesNotMatch(markdown, /Memcached|memcached/, `${needle}: ${markdown}`);
  }
  // CreateCacheCluster takes all three.
  const cluster = 'Action=CreateCacheCluster&EngineVersion=1.6.22';
  assert.match(at(cluster, 'EngineVersion'), /Memcached: `1\.6\.22`/);
});

test('hover: the Query form names the leaves of a list item at any depth, and of a structure member (review: blocked)', () => {
  const log = 'Action=CreateCacheCluster&LogDeliveryConfigurations=';
  const md = hover(log, log.indexOf('LogDelivery') + 2, 'query')!.markdown;
  assert.match(md, /Query form: `LogDeliveryConfigurations\.LogDeliveryConfigurationRequest\.N\.LogType\|DestinationType\|DestinationDetails\.CloudWatchLogsDetails\.LogGroup\|DestinationDetails\.KinesisFirehoseDetails\.DeliveryStream\|LogFormat\|Enabled`/);
  assert.doesNotMatch(md, /DestinationDetails\|/, 'no structure name alone');
  // A list inside a list item: its items, numbered.
  const ng = 'Action=CreateReplicationGroup&NodeGroupConfiguration=';
  assert.match(hover(ng, ng.indexOf('NodeGroup') + 2, 'query')!.markdown, /\|ReplicaAvailabilityZones\.AvailabilityZone\.N\|/);
  // A structure member: its leaves.
  const scale = 'Action=ModifyCacheCluster&ScaleConfig=';
  assert.match(hover(scale, scale.indexOf('Scale') + 2, 'query')!.markdown, /Query form: `ScaleConfig\.ScalePercentage\|ScaleIntervalMinutes`/);
  // Clean case: Tags keep their one-level form.
  const tags = 'Action=CreateCacheCluster&Tags=';
  assert.match(hover(tags, tags.indexOf('Tags') + 1, 'query')!.markdown, /Query form: `Tags\.Tag\.N\.Key\|Value`/);
});

test('hover on a segment of a nested Query name documents that segment: Tags the list, Tag.1 the item, Key the member (review)', () => {
  const text = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Tags.Tag.1.Key=team';
  const name = text.indexOf('Tags.Tag.1.Key');
  const at = (offset: number) => {
    const info = hover(text, name + offset, 'query')!;
    return { markdown: info.markdown, on: text.slice(info.span.start, info.span.end) };
  };
  const tags = at(1);
  assert.match(tags.markdown, /^\*\*Tags\*\* `list of structure Tag` · optional · CreateCacheCluster/);
  assert.equal(tags.on, 'Tags');
  for (const offset of ['Tags.T'.length, 'Tags.Tag.1'.length]) {
    const item = at(offset);
    assert.match(item.markdown, /^\*\*Tag\*\* 1 · item of Tags · `structure Tag`\n\nA tag that can be added/);
    assert.match(item.markdown, /API_Tag\.html/);
    assert.equal(item.on, 'Tag.1');
  }
  const key = at('Tags.Tag.1.K'.length);
  assert.match(key.markdown, /^\*\*Key\*\* `string` · \*\*required\*\* · Tag/);
  assert.equal(key.on, 'Key');
  // Deeper: each structure of a log delivery item is its own.
  const log = 'Action=CreateCacheCluster&LogDeliveryConfigurations.LogDeliveryConfigurationRequest.1.DestinationDetails.CloudWatchLogsDetails.LogGroup=g';
  assert.match(hover(log, log.indexOf('DestinationDetails') + 2, 'query')!.markdown, /^\*\*DestinationDetails\*\* `structure DestinationDetails`/);
  assert.match(hover(log, log.indexOf('CloudWatchLogsDetails') + 2, 'query')!.markdown, /^\*\*CloudWatchLogsDetails\*\* `structure CloudWatchLogsDestinationDetails`/);
  // A list of scalars: its item says which it is, then the list.
  const sg = 'Action=CreateCacheCluster&SecurityGroupIds.SecurityGroupId.2=sg-12345678';
  assert.match(hover(sg, sg.indexOf('SecurityGroupId.') + 3, 'query')!.markdown, /^\*\*SecurityGroupId\*\* 2 · item of SecurityGroupIds · `string`\n\n---\n\n\*\*SecurityGroupIds\*\*/);
  // Clean cases: the value still shows the member it belongs to; a top-level name is unchanged.
  assert.match(hover(text, text.length - 1, 'query')!.markdown, /^\*\*Key\*\*/);
  const id = hover(text, text.indexOf('CacheClusterId') + 2, 'query')!;
  assert.match(id.markdown, /^\*\*CacheClusterId\*\*/);
  assert.equal(text.slice(id.span.start, id.span.end), 'CacheClusterId');
});

test('hover on a member only some engines take says so (in every form, with or without an Engine), as completion does', async () => {
  const { REDIS_ONLY_MEMBERS, MEMCACHED_ONLY_MEMBERS } = await import('../../server/src/model/facts');
  const cases: [readonly string[], string, string][] = [
    [REDIS_ONLY_MEMBERS, 'Valkey or Redis OSS only (not Memcached)', '7'],
    [MEMCACHED_ONLY_MEMBERS, 'Memcached only (not Valkey or Redis OSS)', 'single-az'],
  ];
  for (const [members, note, value] of cases) {
    for (const member of members) {
      for (const engine of ['', 'memcached', 'redis']) {
        const forms: [string, 'query' | 'json' | 'yaml'][] = [
          [`Action=CreateCacheCluster${engine ? `&Engine=${engine}` : ''}&${member}=${value}`, 'query'],
          [`{ ${engine ? `"Engine": "${engine}", ` : ''}"${member}": "${value}" }`, 'json'],
          [`${engine ? `Engine: ${engine}\n` : ''}${member}: ${value}\n`, 'yaml'],
        ];
        for (const [text, kind] of forms) {
          const info = hover(text, text.indexOf(member) + 1, kind);
          assert.ok(info?.markdown.split('\n')[0].endsWith(` · ${note}`), `${kind} ${text}: ${info?.markdown.split('\n')[0]}`);
        }
      }
    }
  }
  // Members every engine takes say nothing of engines; nor does another action's member of the same name.
  for (const text of ['Action=CreateCacheCluster&NumCacheNodes=1', 'Action=CreateReplicationGroup&SnapshotRetentionLimit=1']) {
    const info = hover(text, text.lastIndexOf('&') + 2, 'query')!;
    assert.doesNotMatch(info.markdown, /only \(not/, text);
  }
});

test('hover on a value: the facts of the value, the first paragraph of the member and the API reference link; the whole documentation on the name', () => {
  const firstParagraph = 'The compute and memory capacity of the nodes in the node group (shard).';
  const rest = /The following node types are supported by ElastiCache/;
  const cases: [string, 'query' | 'json' | 'yaml'][] = [
    ['Action=CreateCacheCluster&CacheNodeType=cache.r4.large', 'query'],
    ['{ "CacheNodeType": "cache.r4.large" }', 'json'],
    ['CacheNodeType: cache.r4.large\n', 'yaml'],
    // A misspelt name's value is shown as the member it likely means, cut the same way.
    ['Action=CreateCacheCluster&CacheNodeTyp=cache.r4.large', 'query'],
    ['CacheNodeTyp: cache.r4.large\n', 'yaml'],
  ];
  for (const [text, kind] of cases) {
    const value = hover(text, text.indexOf('cache.r4') + 3, kind)!.markdown;
    assert.match(value, /`cache\.r4\.large` · node type, family `r4`/, text);
    assert.ok(value.includes(firstParagraph), text);
    assert.ok(value.includes(`[API reference: CreateCacheCluster](${CREATE_URL})`), text);
    assert.doesNotMatch(value, rest, text);
    assert.ok(value.length < 1200, `${text}: ${value.length} characters`);
    const name = hover(text, text.indexOf('CacheNodeTyp') + 2, kind)!.markdown;
    assert.ok(name.includes(firstParagraph) && rest.test(name), `the name keeps the whole documentation: ${text}`);
  }
  // A value the facts know nothing of is cut too; the member's valid values stay.
  const azMode = 'AZMode: cross-az\n';
  const az = hover(azMode, azMode.indexOf('cross') + 2, 'yaml')!.markdown;
  assert.match(az, /^\*\*AZMode\*\*/);
  assert.match(az, /Valid values: `single-az` \| `cross-az`/);
  assert.doesNotMatch(az, /If the `AZMode` and `PreferredAvailabilityZones` are not specified/);
  assert.match(hover(azMode, 2, 'yaml')!.markdown, /If the `AZMode` and `PreferredAvailabilityZones` are not specified/);
});

test('CreateCacheCluster CacheClusterId hover says it identifies the cluster (the model text says node group), with its constraints', () => {
  for (const [text, kind] of [
    ['Action=CreateCacheCluster&CacheClusterId=my-cluster', 'query'],
    ['{ "CacheClusterId": "my-cluster" }', 'json'],
  ] as const) {
    const markdown = hover(text, text.indexOf('CacheClusterId') + 2, kind)!.markdown;
    assert.match(markdown, /The identifier of the cluster: a unique key, which you choose, that identifies the cluster/, text);
    assert.match(markdown, /API_CacheCluster\.html/);
    assert.match(markdown, /from 1 to 50 alphanumeric characters or hyphens/, 'the constraints stay');
    assert.doesNotMatch(markdown, /node group \(shard\) identifier/, text);
  }
  // Other actions' CacheClusterId keep their own (right) text.
  const modify = 'Action=ModifyCacheCluster&CacheClusterId=my-cluster';
  assert.match(hover(modify, modify.indexOf('CacheClusterId') + 2, 'query')!.markdown, /The cluster identifier\. This value is stored as a lowercase string\./);
});

test('CacheParameterGroupName hover lists the families past end of life apart, struck through, as completion marks them', () => {
  const text = 'Action=CreateCacheCluster&CacheParameterGroupName=default.redis7';
  const markdown = hover(text, text.indexOf('CacheParameterGroupName') + 2, 'query')!.markdown;
  const line = markdown.split('\n').find((l) => l.startsWith('Default groups:'))!;
  assert.ok(line, markdown);
  // The hit: every family whose versions are all past end of life, with its date, after the usable ones.
  assert.match(line, /; end of life, new clusters cannot use them: ~~`redis2\.6`~~ \(2023-01-13\), ~~`redis2\.8`~~ \(2023-01-13\), ~~`redis3\.2`~~ \(2023-07-31\) \(\[end-of-life versions\]/);
  // The clean case: families new clusters can use (redis5.0 and redis4.0 have versions in Extended Support) are plain.
  const usable = line.slice(0, line.indexOf('; end of life'));
  assert.match(usable, /families `valkey8`, `valkey7`, `memcached1\.4`, `memcached1\.5`, `memcached1\.6`, `redis4\.0`, `redis5\.0`, `redis6\.x`, `redis7`$/);
  assert.doesNotMatch(usable, /~~|redis[23]\./);
});

test('hover titles quote a written name with its control and format characters escaped, as findings do', () => {
  // U+202E would show the rest of the title reversed.
  const cases: [string, 'query' | 'yaml', string, RegExp][] = [
    ['?Action=CreateCacheCluster&CacheClusterId=c1&Engine\u202eVersio=7.1', 'query', '7.1', /^\*`Engine\\u202eVersio` is not a known parameter: this value is shown as \*\*EngineVersion\*\*/],
    ['CacheClusterId: c1\n"Engine\u202eVersio": "7.1"\n', 'yaml', '7.1', /^\*`Engine\\u202eVersio` is not a known parameter/],
    ['?Action=CreateCacheCluster&CacheClusterId=c1&SecurityGroupIds.X\u202eY.1=sg-1', 'query', 'X', /^\*\*X\\u202eY\*\* 1 · item of SecurityGroupIds/],
    ['?Action=CreateCacheCluster&CacheClusterId=c1&SecurityGroupIds.member.1\u202e=sg-1', 'query', 'member', /^\*\*member\*\* 1\\u202e · item of SecurityGroupIds/],
  ];
  for (const [text, kind, at, title] of cases) {
    const markdown = hover(text, text.lastIndexOf(at) + 1, kind)!.markdown;
    assert.match(markdown, title, JSON.stringify(text));
    assert.ok(!markdown.includes('\u202e'), JSON.stringify(text));
  }
  // Clean: a name without such characters is quoted as written.
  const plain = '?Action=CreateCacheCluster&CacheClusterId=c1&EngineVersio=7.1';
  assert.match(hover(plain, plain.lastIndexOf('7.1') + 1, 'query')!.markdown, /^\*`EngineVersio` is not a known parameter/);
});
