// What the yaml library reports in its own API words (multiple documents, %YAML versions, unknown directives) is said
// as the AWS CLI behaves, checked with `aws elasticache create-cache-cluster --cli-input-yaml` (AWS CLI 2.9). (review: misled)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt } from './helpers';

const BASE = 'CacheClusterId: a\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\n';
const syntax = (text: string) => findingsAt(text, 'yaml').filter((f) => f.code === 'yaml-syntax').map((f) => `${f.severity} ${f.finding.message}`);

test('yaml-syntax: a second document (after ---, after ..., or an empty one after a trailing ---) is one the AWS CLI rejects, said without library advice', () => {
  for (const text of [BASE + '---\nCacheClusterId: b\nEngine: valkey\n', BASE + '---\n', BASE + '---\n# a comment\n', BASE + '...\nEngine: valkey\n']) {
    const found = syntax(text);
    assert.equal(found.length, 1, text);
    assert.match(found[0], /^error Invalid YAML for the AWS CLI: a second YAML document starts here, and the AWS CLI reads one document per file \(it answers "Invalid YAML received"/);
    assert.match(found[0], /Keep one request in this file/);
    assert.doesNotMatch(found[0], /parseAllDocuments|please use/);
  }
  // Clean: a leading --- and a closing ... with nothing after them are one document, as the CLI reads them.
  assert.deepEqual(syntax('---\n' + BASE), []);
  assert.deepEqual(syntax(BASE + '...\n'), []);
});

test('yaml-syntax: a %YAML version the AWS CLI refuses is an error; 1.1 and 1.2 are clean; an unknown directive is a warning the CLI ignores', () => {
  for (const version of ['1.0', '1.3', '2.0']) {
    assert.deepEqual(syntax(`%YAML ${version}\n---\n${BASE}`), [`error Invalid YAML for the AWS CLI: its YAML reader takes %YAML 1.1 and 1.2 only, not ${version}, and rejects the file. Write %YAML 1.2, or remove the %YAML line.`]);
  }
  assert.deepEqual(syntax(`%YAML 1.1\n---\n${BASE}`), []);
  assert.deepEqual(syntax(`%YAML 1.2\n---\n${BASE}`), []);
  assert.deepEqual(syntax(`%FOO bar\n---\n${BASE}`), ['warning YAML: unknown directive %FOO, which the AWS CLI ignores: remove the line.']);
});
