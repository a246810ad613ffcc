// Every notification (toast) and modal question of the extension starts with "ElastiCache: ", as VS Code shows a
// toast's source only on hover and a modal's not at all: the client code shows them through client/src/notify.ts,
// which adds it. Read from the source, since the VS Code API cannot run in these tests.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const src = path.join(__dirname, '../../client/src');

/** The calls of `name(` in `text`, each from the name to its closing parenthesis. */
function calls(text: string, name: RegExp): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(name)) {
    let depth = 0;
    for (let i = m.index + m[0].length - 1; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) {
        found.push(text.slice(m.index, i + 1));
        break;
      }
    }
  }
  return found;
}

test('notifications and modal questions start with "ElastiCache: ": shown through notify.ts only', () => {
  const direct: string[] = [];
  let viaNotify = 0;
  let modal = 0;
  for (const file of fs.readdirSync(src).filter((f) => f.endsWith('.ts') && f !== 'notify.ts')) {
    const text = fs.readFileSync(path.join(src, file), 'utf8');
    for (const call of calls(text, /\bshow(?:Information|Warning|Error)Message\s*\(/g)) direct.push(`${file}: ${call.replace(/\s+/g, ' ').slice(0, 120)}`);
    viaNotify += calls(text, /\bshow(?:Info|Warning|Error)\(/g).length;
    modal += calls(text, /\bask(?:Warning|Error)\(/g).length;
  }
  assert.deepEqual(direct, [], 'messages shown without the ElastiCache: prefix (not through notify.ts)');
  assert.ok(viaNotify >= 10, `the notifications go through notify.ts (${viaNotify} calls found)`);
  // Stop Local, the create's two questions (bill, credentials), Reboot, Delete.
  assert.ok(modal >= 5, `the modal questions go through notify.ts (${modal} calls found)`);
  // notify.ts itself adds the prefix to every kind, modal or not, and to nothing else.
  const notify = fs.readFileSync(path.join(src, 'notify.ts'), 'utf8');
  assert.match(notify, /const PREFIX = 'ElastiCache: ';/);
  const shown = calls(notify, /vscode\.window\.show(?:Information|Warning|Error)Message\(/g);
  assert.equal(shown.length, 5, shown.join('\n'));
  for (const call of shown) assert.match(call, /Message\(own\(message\)/, call);
  for (const kind of ['Information', 'Warning', 'Error']) assert.match(notify, new RegExp(`vscode\\.window\\.show${kind}Message\\(own\\(message\\), \\.\\.\\.items\\)`), kind);
  for (const kind of ['Warning', 'Error']) assert.match(notify, new RegExp(`vscode\\.window\\.show${kind}Message\\(own\\(message\\), \\{ modal: true, detail \\}`), `modal ${kind}`);
});

test('progress notifications are titled "ElastiCache: …" too', () => {
  const untitled: string[] = [];
  for (const file of fs.readdirSync(src).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(src, file), 'utf8');
    for (const m of text.matchAll(/ProgressLocation\.Notification,\s*title:\s*(['`])(.*?)\1/g)) {
      if (!m[2]!.startsWith('ElastiCache: ')) untitled.push(`${file}: ${m[2]}`);
    }
  }
  assert.deepEqual(untitled, []);
});
