// A YAML value under a tag the AWS CLI cannot construct (`!GetAtt`, `!Ref`): the yaml-syntax error is the one finding;
// the text after the tag is not checked as a value as well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt } from './helpers';

const BASE = 'CacheClusterId: a\nEngine: redis\nCacheNodeType: cache.t3.micro\nCacheSubnetGroupName: sg\n';

test('yaml-syntax: a value under !GetAtt / !Ref is one finding, on the tag, and no check of the value after it', () => {
  const cases: [string, string][] = [
    [BASE + 'SecurityGroupIds:\n  - !GetAtt MySG.GroupId\n', '!GetAtt'],
    [BASE + 'SecurityGroupIds:\n  - sg-0123456789abcdef0\n  - !Ref MySG\n', '!Ref'],
    [BASE + 'SecurityGroupIds: !GetAtt MySG.GroupId\n', '!GetAtt'], // not "must be a list" as well
    [BASE + 'NumCacheNodes: !GetAtt X.Y\n', '!GetAtt'], // not "must be an integer" as well
    [BASE.replace('CacheClusterId: a', 'CacheClusterId: !Ref Name'), '!Ref'], // not a lowercase hint as well
    [BASE + 'TransitEncryptionEnabled: true\nAuthToken: !Ref Token\n', '!Ref'], // no token length, no secret in source
    // An alias to a tagged anchor names it (no "names no anchor before it"): the CLI fails only on the tag.
    ['CacheClusterId: abc\nEngine: !Ref &e redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nEngineVersion: *e\n', '!Ref'],
    [BASE + 'SecurityGroupIds: !GetAtt &g X.Y\nNotificationTopicArn: *g\n', '!GetAtt'],
  ];
  for (const [text, tag] of cases) {
    const found = findingsAt(text, 'yaml');
    assert.deepEqual(found.map((f) => `${f.code}@${f.at}`), [`yaml-syntax@${tag}`], text);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].finding.message, /could not determine a constructor/);
  }
});

test('clean: standard tags are read and checked as before; an untagged value is still checked', () => {
  assert.deepEqual(findingsAt(BASE + 'SecurityGroupIds:\n  - !!str sg-0123456789abcdef0\n', 'yaml'), []);
  assert.deepEqual(
    findingsAt(BASE + 'SecurityGroupIds:\n  - MySG.GroupId\n', 'yaml').map((f) => `${f.code}@${f.at}`),
    ['security-group-id@MySG.GroupId'],
  );
  assert.deepEqual(findingsAt(BASE + 'NumCacheNodes: !!str 2\n', 'yaml').map((f) => `${f.code}@${f.at}`), ['invalid-type@2']);
});
