// A `//` line (the REST Client / JavaScript habit) in an .elasticache file: one finding with a fix, not a request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/index';
import { quickFixes } from '../../server/src/service/codeActions';
import { applyEdits, CLEAN_QUERY, findingsAt } from './helpers';

test("query-syntax: a line starting with '//' is one finding on the '//', fixed by '#', and is not read as a request", () => {
  const cases = [
    '// my first cluster\n' + CLEAN_QUERY,
    '  //my first cluster\r\n' + CLEAN_QUERY,
    // Inside a request: the continuation goes on after it, as after a '#' line.
    CLEAN_QUERY.replace('    &Engine=redis\n', '    // Engine is redis or valkey\n    &Engine=redis\n'),
    // The last line of the file.
    CLEAN_QUERY + '// end',
  ];
  for (const text of cases) {
    const found = findingsAt(text, 'query');
    assert.deepEqual(found.map((f) => `${f.code}@${f.at}`), ['query-syntax@//'], JSON.stringify(text));
    assert.equal(found[0].severity, 'error');
    assert.equal(found[0].finding.message, "Comments start with '#' in .elasticache files; '//' is not a comment here. Write '#' instead.");
    assert.equal(analyze(text, 'query').requests.length, 1);
    const fixes = quickFixes(analyze(text, 'query').findings, found[0].finding.span);
    assert.deepEqual(fixes.map((f) => f.title), ["Replace '//' with '#'"]);
    const fixed = applyEdits(text, fixes[0].edits);
    assert.deepEqual(analyze(fixed, 'query').findings, [], fixed);
  }
});

test("clean: '#' comments and '//' after the start of a line are not reported", () => {
  const text = '# my first cluster\n' + CLEAN_QUERY.replace('CacheClusterId=my-cluster', 'CacheClusterId=my-cluster\n    # // not this one either');
  assert.deepEqual(analyze(text, 'query').findings, []);
  assert.deepEqual(analyze(CLEAN_QUERY, 'query').findings, []); // https:// starts no comment
});
