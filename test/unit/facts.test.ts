// The facts module: internal consistency, and agreement with the generated service model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ENGINES, ENGINE_VERSIONS, NODE_TYPES, PARAMETER_GROUP_FAMILIES, REGIONS, SOURCES, MEMCACHED_ONLY_MEMBERS, REDIS_ONLY_MEMBERS, defaultParameterGroups,
  endpointHost, engineOfFamily, familySupport, findVersion, latestVersion, nodeTypeFact, regionOfEndpointHost, regionOfAvailabilityZone, compareVersions, availabilityZones,
  orderEngineVersions, versionsInOfferOrder, VERSION_STATUS_RANK, newClustersCanUse, familyEndOfLife, isRegionCode, partitionOfRegion,
} from '../../server/src/model/facts';
import { serviceModel } from '../../server/src/model/generated/serviceModel';

test('every engine version maps to a parameter-group family of its engine', () => {
  for (const v of ENGINE_VERSIONS) {
    assert.ok(PARAMETER_GROUP_FAMILIES.includes(v.family), `${v.engine} ${v.version} → ${v.family}`);
    assert.equal(engineOfFamily(v.family), v.engine);
  }
  for (const e of ENGINES) assert.equal(latestVersion(e).status, 'supported');
  assert.equal(findVersion('redis', '3.2.4')?.family, 'redis3.2');
  assert.equal(findVersion('redis', '3.2.4')?.status, 'deprecated');
  assert.equal(findVersion('valkey', '8.0')?.family, 'valkey8');
  assert.equal(findVersion('memcached', '7.1'), undefined);
});

test('the families are exactly the valid CacheParameterGroupFamily values in the service model documentation', () => {
  const doc = serviceModel.shapes.CreateCacheParameterGroupMessage.members!.CacheParameterGroupFamily.documentation ?? '';
  for (const f of PARAMETER_GROUP_FAMILIES) assert.ok(doc.includes(`\`${f}\``), `${f} in the model documentation`);
});

test('a family is end of life only when all its versions are; every family has versions', () => {
  for (const f of PARAMETER_GROUP_FAMILIES) assert.ok(familySupport(f), f);
  assert.deepEqual(familySupport('redis3.2'), { status: 'deprecated', endOfLife: '2023-07-31' });
  assert.deepEqual(familySupport('redis2.8'), { status: 'deprecated', endOfLife: '2023-01-13' });
  assert.deepEqual(familySupport('redis5.0'), { status: 'extended-support' }, '5.0.0-5.0.5 are deprecated, 5.0.6 is not');
  assert.deepEqual(familySupport('valkey8'), { status: 'supported' });
  assert.equal(familySupport('redis9'), undefined);
});

test('new clusters cannot use a version past end of life, nor the default groups of a family with only such versions', () => {
  assert.equal(newClustersCanUse(findVersion('redis', '3.2.4')!), false);
  assert.equal(newClustersCanUse(findVersion('redis', '2.6.13')!), false);
  // Extended Support (charged) and a deprecated patch version without an end-of-life date are still created.
  assert.equal(newClustersCanUse(findVersion('redis', '4.0.10')!), true);
  assert.equal(newClustersCanUse(findVersion('redis', '5.0.5')!), true);
  assert.deepEqual(PARAMETER_GROUP_FAMILIES.filter((f) => familyEndOfLife(f)).map((f) => `${f} ${familyEndOfLife(f)}`), ['redis2.6 2023-01-13', 'redis2.8 2023-01-13', 'redis3.2 2023-07-31']);
});

test('default parameter groups, with cluster-mode variants only where they exist', () => {
  assert.deepEqual(defaultParameterGroups('redis7'), ['default.redis7', 'default.redis7.cluster.on']);
  assert.deepEqual(defaultParameterGroups('memcached1.6'), ['default.memcached1.6']);
  assert.deepEqual(defaultParameterGroups('redis2.8'), ['default.redis2.8']);
});

test('node types: generations and the types the service model documentation lists', () => {
  assert.equal(nodeTypeFact('cache.r4.large')?.generation, 'current');
  assert.equal(nodeTypeFact('cache.m3.medium')?.generation, 'previous');
  assert.equal(nodeTypeFact('cache.r99.large'), undefined);
  const doc = serviceModel.shapes.CacheNode.documentation ?? '';
  for (const t of doc.match(/cache\.[a-z0-9]+\.[a-z0-9]+/g) ?? []) assert.ok(NODE_TYPES.includes(t), `${t} from the model docs is known`);
});

test('Regions, endpoints and Availability Zones', () => {
  assert.equal(endpointHost('us-west-2'), 'elasticache.us-west-2.amazonaws.com');
  assert.equal(endpointHost('cn-north-1'), 'elasticache.cn-north-1.amazonaws.com.cn');
  for (const r of REGIONS) assert.equal(regionOfEndpointHost(endpointHost(r)), r);
  assert.equal(regionOfEndpointHost('elasticache-fips.us-east-1.amazonaws.com'), 'us-east-1');
  assert.equal(regionOfEndpointHost('ec2.us-east-1.amazonaws.com'), undefined);
  assert.equal(regionOfAvailabilityZone('us-gov-west-1a'), 'us-gov-west-1');
  // Every partition's Regions (PARTITION_REGIONS); a shape no partition has is no Region.
  assert.equal(regionOfAvailabilityZone('eusc-de-east-1a'), 'eusc-de-east-1');
  assert.equal(regionOfAvailabilityZone('us-isob-east-1a'), 'us-isob-east-1');
  assert.equal(regionOfAvailabilityZone('zz-east-1a'), undefined);
  assert.deepEqual(availabilityZones('eu-west-1').slice(0, 2), ['eu-west-1a', 'eu-west-1b']);
});

test("Region codes of every partition have the Region shape, and name their partition (botocore's partitions.json)", () => {
  // A Region each partition lists in botocore 1.43.11's data/partitions.json.
  const regions = {
    aws: ['us-east-1', 'mx-central-1', 'il-central-1', 'ap-southeast-7'], 'aws-cn': ['cn-northwest-1'], 'aws-eusc': ['eusc-de-east-1'],
    'aws-iso': ['us-iso-east-1'], 'aws-iso-b': ['us-isob-east-1'], 'aws-iso-e': ['eu-isoe-west-1'], 'aws-iso-f': ['us-isof-south-1'], 'aws-us-gov': ['us-gov-west-1'],
  };
  for (const [partition, codes] of Object.entries(regions)) {
    for (const code of codes) {
      assert.ok(isRegionCode(code), code);
      assert.equal(partitionOfRegion(code), partition, code);
    }
  }
  for (const r of REGIONS) assert.ok(isRegionCode(r), r);
  // botocore's patterns say \w where every Region code has lowercase words: us-EAST-1, us-east_1-1, us-1-1 are none.
  for (const notRegion of ['eu-moon', 'a:b', 'aws-global', 'eusc-fr-east-1', 'xx-east-1', 'us-east-1a', '', 'us-EAST-1', 'US-east-1', 'us-east_1-1', 'us-1-1', 'us-gov-west_x-1']) {
    assert.ok(!isRegionCode(notRegion), notRegion);
    assert.equal(partitionOfRegion(notRegion), undefined, notRegion);
  }
});

test('engine-only member lists name real CreateCacheCluster members', () => {
  const members = serviceModel.shapes.CreateCacheClusterMessage.members!;
  for (const m of [...REDIS_ONLY_MEMBERS, ...MEMCACHED_ONLY_MEMBERS]) assert.ok(members[m], m);
});

test('every source is an AWS documentation URL', () => {
  for (const url of Object.values(SOURCES)) assert.match(url, /^https:\/\/docs\.aws\.amazon\.com\//);
});

test('compareVersions is numeric', () => {
  assert.ok(compareVersions('4.0.10', '3.2.6') > 0);
  assert.ok(compareVersions('5.0.6', '5.0.10') < 0);
  assert.equal(compareVersions('6.x', '6.0'), 0);
});

test('engine versions are offered in one order: supported newest first, then extended support, then deprecated', () => {
  const redis = versionsInOfferOrder('redis').map((v) => v.version);
  assert.deepEqual(redis.slice(0, 5), ['7.1', '7.0', '6.2', '6.0', '6.x'], 'supported, newest first');
  const statuses = versionsInOfferOrder('redis').map((v) => v.status);
  assert.deepEqual(statuses, [...statuses].sort((a, b) => VERSION_STATUS_RANK[a] - VERSION_STATUS_RANK[b]), 'grouped by status');
  // 5.0.5 is newer than 4.0.10 but deprecated: it goes after the extended-support 4.0.10.
  assert.ok(redis.indexOf('4.0.10') < redis.indexOf('5.0.5'));
  assert.equal(redis.at(-1), '2.6.13');
  // The model's first supported version is its latest.
  for (const e of ENGINES) assert.equal(versionsInOfferOrder(e)[0], latestVersion(e));
  // An account's list (any order, duplicates): the same order; a version newer than the model counts as supported.
  assert.deepEqual(orderEngineVersions('redis', ['5.0.5', '6.2', '4.0.10', '7.1', '2.8.24', '6.2', '7.9']), ['7.9', '7.1', '6.2', '4.0.10', '5.0.5', '2.8.24']);
  assert.deepEqual(orderEngineVersions('memcached', ['1.4.5', '1.6.6', '1.6.22', '1.5.16']), ['1.6.22', '1.6.6', '1.5.16', '1.4.5']);
});

test('the port range is that of TCP (AWS documents none for ElastiCache): 1 to 65535 pass, 0 and 65536 do not', async () => {
  const { analyze } = await import('../../server/src/service/index');
  const portFindings = (port: number) => analyze(`Action=CreateCacheCluster&CacheClusterId=c&Engine=redis&Port=${port}`, 'query').findings.filter((f) => f.code === 'port-range');
  for (const port of [1, 6379, 65535]) assert.deepEqual(portFindings(port), [], String(port));
  for (const port of [0, 65536]) assert.match(portFindings(port)[0]?.message ?? '', /from 1 to 65535/, String(port));
});

test('snapshot ARNs of any partition (the same list as SNS topic ARNs); an unknown partition is an error', async () => {
  const { validateS3SnapshotArn } = await import('../../server/src/service/validators');
  assert.deepEqual(validateS3SnapshotArn('arn:aws-eusc:s3:::my-bucket/dump.rdb'), {});
  assert.deepEqual(validateS3SnapshotArn('arn:aws-iso-b:s3:::my-bucket/dump.rdb'), {});
  assert.match(validateS3SnapshotArn('arn:aws-mars:s3:::my-bucket/dump.rdb').error ?? '', /^A snapshot ARN must be an Amazon S3 object ARN/);
});
