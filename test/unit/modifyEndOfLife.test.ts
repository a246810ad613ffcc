// A Modify request's EngineVersion is the version to upgrade to: one past its end of life gets the error a create on it
// gets (ElastiCache upgrades only to versions it supports; Redis OSS 2 and 3 are past end of life), with the same
// choice fix; an Extended Support version is advice (it is charged for) and a deprecated patch version a warning, as on
// creates; supported versions get nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt } from './helpers';
import { checkCreateCacheCluster, checkMemberValues } from '../../server/src/service/rules';
import { complete } from '../../server/src/service/completion';
import { hover } from '../../server/src/service/hover';
import { ENGINE_VERSIONS, latestVersion, newClustersCanUse } from '../../server/src/model/facts';

const HOST = 'https://elasticache.us-east-1.amazonaws.com/';
const query = (action: string, ...params: string[]) => `${HOST}?${[`Action=${action}`, 'Version=2015-02-02', ...params].join('&')}\n`;
const cluster = (...params: string[]) => query('ModifyCacheCluster', 'CacheClusterId=my-cluster', ...params);
const group = (...params: string[]) => query('ModifyReplicationGroup', 'ReplicationGroupId=my-rg', ...params);

test('engine-version-support on ModifyCacheCluster / ModifyReplicationGroup: upgrading to a version past end of life is an error with the create fix', () => {
  for (const text of [cluster('EngineVersion=3.2.4'), group('EngineVersion=3.2.4', 'ApplyImmediately=true')]) {
    const found = findingsAt(text, 'query');
    assert.deepEqual(found.map((f) => [f.code, f.severity, f.at]), [['engine-version-support', 'error', '3.2.4']]);
    assert.equal(found[0].finding.message, `Redis OSS 3.2.4 reached end of life on ElastiCache on 2023-07-31: clusters cannot upgrade to it. Use a supported version (latest: ${latestVersion('redis').version}, or Valkey ${latestVersion('valkey').version}).`);
    assert.equal(found[0].finding.awsError, 'InvalidParameterValue');
    assert.equal(found[0].finding.fixes?.[0].edits[0].newText, latestVersion('redis').version);
  }
  assert.deepEqual(findingsAt(cluster('EngineVersion=2.8.24'), 'query').map((f) => [f.code, f.severity]), [['engine-version-support', 'error']]);
});

test('engine-version-support on a Modify: the create finding of each version, in upgrade wording; silent for supported versions (same fact as creates)', () => {
  const create = (v: (typeof ENGINE_VERSIONS)[number]) =>
    checkCreateCacheCluster({ CacheClusterId: 'c1', Engine: v.engine, EngineVersion: v.version, CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1 }).filter((i) => i.code === 'engine-version-support');
  for (const v of ENGINE_VERSIONS) {
    const found = checkMemberValues('ModifyReplicationGroup', { ReplicationGroupId: 'my-rg', EngineVersion: v.version });
    const expected = create(v);
    assert.deepEqual(found.map((i) => [i.code, i.severity]), expected.map((i) => [i.code, i.severity]), `${v.engine} ${v.version}`);
    assert.equal(found.length, v.status === 'supported' ? 0 : 1, `${v.engine} ${v.version}`);
  }
  assert.deepEqual(findingsAt(group('EngineVersion=7.1'), 'query'), []);
  const extended = findingsAt(cluster('EngineVersion=4.0.10'), 'query');
  assert.deepEqual(extended.map((f) => [f.code, f.severity, f.at]), [['engine-version-support', 'information', '4.0.10']]);
  assert.match(extended[0].finding.message, /^Standard support for Redis OSS 4\.0\.10 ended on .*: a cluster upgraded to it is charged for paid Extended Support\./);
  const patch = findingsAt(group('EngineVersion=5.0.5'), 'query');
  assert.deepEqual(patch.map((f) => [f.code, f.severity, f.finding.message]), [['engine-version-support', 'warning', 'Redis OSS 5.0.5 is a deprecated patch version: use 5.0.6 or later.']]);
});

test('completion and hover of an end-of-life EngineVersion on a Modify say what the finding says: clusters cannot upgrade to it', () => {
  const endOfLife = ENGINE_VERSIONS.filter((v) => !newClustersCanUse(v));
  assert.ok(endOfLife.some((v) => v.version === '3.2.4'));
  for (const [action, id] of [['ModifyCacheCluster', 'CacheClusterId=my-cluster'], ['ModifyReplicationGroup', 'ReplicationGroupId=my-rg']]) {
    const prefix = `${HOST}?Action=${action}&Version=2015-02-02&${id}&EngineVersion=`;
    const items = complete(prefix, prefix.length, 'query');
    for (const v of endOfLife) {
      // The finding's own words, from "reached end of life" to the end of its first sentence.
      const said = /reached end of life[^.]*/.exec(findingsAt(`${prefix}${v.version}\n`, 'query')[0].finding.message)![0];
      assert.match(said, /clusters cannot upgrade to it$/);
      const detail = items.find((c) => c.label === v.version)?.detail ?? '';
      assert.ok(detail.includes(said) && !/new clusters/.test(detail), `${action} ${v.version}: ${detail}`);
      const hovered = (hover(`${prefix}${v.version}`, prefix.length + 1, 'query')?.markdown ?? '').split('\n---')[0];
      assert.ok(hovered.includes(said) && !/new clusters/.test(hovered), `${action} ${v.version}: ${hovered}`);
    }
  }
  // Clean: on a create the same versions still say new clusters cannot use them.
  const create = `${HOST}?Action=CreateCacheCluster&Engine=redis&EngineVersion=`;
  assert.match(complete(create, create.length, 'query').find((c) => c.label === '3.2.4')?.detail ?? '', /new clusters cannot use it/);
  assert.match(hover(`${create}3.2.4`, create.length + 1, 'query')?.markdown ?? '', /new clusters cannot use it/);
});
