// One fact (facts.newClustersCanUse, from each version's end-of-life date) decides whether a new cluster can use an
// engine version and a default parameter group: the linter, completion, hover and the Local endpoint must agree on
// every version and every family the facts know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCreateCacheCluster } from '../../server/src/service/index';
import { complete } from '../../server/src/service/completion';
import { hover } from '../../server/src/service/hover';
import { ENGINE_VERSIONS, PARAMETER_GROUP_FAMILIES, defaultParameterGroups, engineOfFamily, newClustersCanUse, versionsOfFamily } from '../../server/src/model/facts';
import { defaultParameterGroupFacts, engineVersions, findEngineVersion } from '../../local/src/engineFacts';

const CANNOT = /new clusters cannot use it/;

/** What each surface says about `member=value` in a CreateCacheCluster Query request for `engine`. */
function surfaces(engine: string, member: 'EngineVersion' | 'CacheParameterGroupName', value: string) {
  const prefix = `Action=CreateCacheCluster&Engine=${engine}&${member}=`;
  const refused = checkCreateCacheCluster({ CacheClusterId: 'c', Engine: engine, CacheNodeType: 'cache.r5.large', [member]: value })
    .some((i) => i.code === 'engine-version-support' && i.severity === 'error' && i.awsError !== undefined);
  const label = complete(prefix, prefix.length, 'query').find((c) => c.label === value)?.detail ?? '';
  const text = `${prefix}${value}`;
  const hovered = hover(text, prefix.length + 1, 'query')?.markdown ?? '';
  return { refused, completionSaysCannot: CANNOT.test(label), hoverSaysCannot: CANNOT.test(hovered.split('\n---')[0]) };
}

test('every engine version: the linter refuses it exactly where completion, hover and Local say new clusters cannot use it', () => {
  for (const v of ENGINE_VERSIONS) {
    const can = newClustersCanUse(v);
    const s = surfaces(v.engine, 'EngineVersion', v.version);
    assert.deepEqual(s, { refused: !can, completionSaysCannot: !can, hoverSaysCannot: !can }, `${v.engine} ${v.version}`);
    assert.equal(findEngineVersion(v.engine, v.version) !== undefined, can, `Local create ${v.engine} ${v.version}`);
    assert.equal(engineVersions().some((o) => o.engine === v.engine && o.version === v.version), can, `Local DescribeCacheEngineVersions ${v.engine} ${v.version}`);
  }
  // The hit and the clean case the facts give: Redis OSS 3.2.4 is past end of life, 4.0.10 (Extended Support) and 5.0.5 (deprecated patch) are not.
  assert.equal(surfaces('redis', 'EngineVersion', '3.2.4').refused, true);
  assert.equal(surfaces('redis', 'EngineVersion', '4.0.10').refused, false);
  assert.equal(surfaces('redis', 'EngineVersion', '5.0.5').refused, false);
});

test('every default parameter group (without EngineVersion): refused exactly where its family has no version new clusters can use, and Local offers it exactly otherwise', () => {
  const localGroups = new Set(defaultParameterGroupFacts().map((g) => g.name));
  for (const family of PARAMETER_GROUP_FAMILIES) {
    const can = versionsOfFamily(family).some(newClustersCanUse);
    // CreateCacheCluster takes no cluster-mode group (a rule of its own): the family's plain default group speaks for it.
    const group = defaultParameterGroups(family)[0];
    const s = surfaces(engineOfFamily(family)!, 'CacheParameterGroupName', group);
    assert.deepEqual(s, { refused: !can, completionSaysCannot: !can, hoverSaysCannot: !can }, group);
    for (const g of defaultParameterGroups(family)) assert.equal(localGroups.has(g), can, `Local ${g}`);
  }
  assert.equal(surfaces('redis', 'CacheParameterGroupName', 'default.redis3.2').refused, true);
  assert.equal(surfaces('redis', 'CacheParameterGroupName', 'default.redis4.0').refused, false);
});
