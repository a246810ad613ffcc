import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../server/scripts/htmlToMarkdown.mjs';
import { serviceModel } from '../../server/src/model/generated/serviceModel';

test('htmlToMarkdown indents a nested list under its item (2 spaces a level), its later paragraphs and notes too', () => {
  const html =
    '<p>Node types:</p> <ul> <li> <p>General purpose:</p> <ul> <li> <p>Current generation: </p> <p> <b>M7g node types</b>: <code>cache.m7g.large</code> </p> ' +
    '<note> <p>For region availability, see the guide.</p> </note> </li> <li> <p>Previous generation:</p> </li> </ul> </li> <li> <p>Compute optimized:</p> </li> </ul>';
  assert.equal(
    htmlToMarkdown(html),
    [
      'Node types:',
      '',
      '- General purpose:',
      '  - Current generation:',
      '',
      '    **M7g node types**: `cache.m7g.large`',
      '',
      '    > For region availability, see the guide.',
      '',
      '  - Previous generation:',
      '- Compute optimized:',
    ].join('\n'),
  );
});

test('htmlToMarkdown keeps a flat list flat and numbers an ordered one', () => {
  assert.equal(htmlToMarkdown('<p>Constraints:</p> <ul> <li> <p>One.</p> </li> <li> <p>Two.</p> </li> </ul>'), 'Constraints:\n\n- One.\n- Two.');
  assert.equal(htmlToMarkdown('<ol> <li> <p>First</p> </li> <li> <p>Second</p> </li> </ol>'), '1. First\n2. Second');
  assert.equal(htmlToMarkdown('<p>A &lt;tag&gt; &amp;quot; <a href="https://x.example/">link</a></p>'), 'A <tag> &quot; [link](https://x.example/)');
  assert.equal(htmlToMarkdown(undefined), undefined);
});

test('the generated model holds CacheNodeType node types nested under their group and generation', () => {
  const doc = serviceModel.shapes.CreateCacheClusterMessage.members!.CacheNodeType.documentation!;
  assert.ok(doc.includes('- General purpose:\n  - Current generation:\n\n    **M7g node types**'), doc.slice(0, 600));
  assert.ok(doc.includes('\n- Memory optimized:\n  - Current generation:'), 'Memory optimized is a top-level item again');
  // A flat list stays at the margin.
  assert.match(serviceModel.shapes.CreateCacheClusterMessage.members!.CacheClusterId.documentation!, /\n- The first character must be a letter\./);
});
