// botocore's documentation HTML to Markdown, for generate-model.mjs (a module of its own so that tests can call it).

/**
 * botocore documentation is HTML; hovers and completion details want Markdown. Inline tags first (links, code,
 * emphasis), then the blocks (paragraphs, notes, lists), walked with a stack so that a nested list is indented under
 * its item: CommonMark, which VS Code renders, nests a list (and continues an item) at the item's content column.
 */
export function htmlToMarkdown(html) {
  if (!html) return undefined;
  const inline = html
    .replace(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/gs, (_, href, text) => `[${text.trim()}](${href})`)
    .replace(/<\/?(code|i)>/g, (t) => (t.includes('code') ? '`' : '_'))
    .replace(/<\/?b>/g, '**');
  /** Open items and notes, outermost first: an item's marker is written on its first block only. */
  const stack = [];
  const lists = [];
  let out = '';
  let text = '';
  let previous; // the contexts open at the previous block, and whether it started an item
  const flush = () => {
    const content = text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
    text = '';
    if (!content) return;
    const startsItem = stack.some((c) => c.kind === 'item' && c.pending);
    if (previous) {
      // A blank line between blocks (inside the notes both blocks are in, a '>' line), except between items of one
      // paragraph each, or an item and its first sub-item: a tight list.
      let common = 0;
      while (common < previous.stack.length && previous.stack[common] === stack[common]) common++;
      const blank = stack.slice(0, common).map((c) => (c.kind === 'note' ? '>' : ' '.repeat(c.marker.length))).join('');
      out += startsItem && previous.startedItem ? '\n' : `\n${blank.includes('>') ? blank : ''}\n`;
    }
    out += stack.map((c) => (c.kind === 'note' ? '> ' : c.pending ? c.marker : ' '.repeat(c.marker.length))).join('') + content;
    for (const c of stack) if (c.kind === 'item') c.pending = false;
    previous = { stack: [...stack], startedItem: startsItem };
  };
  for (const [token, close, tag] of inline.matchAll(/<(\/?)(p|ul|ol|li|note|important)\b[^>]*>|[^<]+|<[^>]*>?/g)) {
    if (!tag) {
      text += token;
      continue;
    }
    flush();
    if (tag === 'ul' || tag === 'ol') {
      if (close) lists.pop();
      else lists.push({ ordered: tag === 'ol', count: 0 });
    } else if (tag === 'li') {
      if (close) stack.pop();
      else {
        const list = lists.at(-1) ?? { ordered: false, count: 0 };
        list.count++;
        stack.push({ kind: 'item', marker: list.ordered ? `${list.count}. ` : '- ', pending: true });
      }
    } else if (tag === 'note') {
      if (close) stack.pop();
      else stack.push({ kind: 'note' });
    }
  }
  flush();
  return out
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .replace(/\*\* +/g, '** ')
    .trim();
}
