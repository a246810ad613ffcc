// The places of the recent edits kept as the language server's focus (server/src/recentEdits.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedPart, MAX_MERGED_PLACE, MAX_RECENT_EDITS, withEdit } from '../../server/src/recentEdits';

test('a word typed character by character, and a deletion inside it, stay one place', () => {
  let places = withEdit([], { start: 100, end: 100 }, 1);
  places = withEdit(places, { start: 101, end: 101 }, 1);
  places = withEdit(places, { start: 102, end: 102 }, 1);
  assert.deepEqual(places, [{ start: 100, end: 103 }]);
  places = withEdit(places, { start: 102, end: 103 }, 0); // backspace
  assert.deepEqual(places, [{ start: 100, end: 102 }]);
});

test('an edit before a place moves it by the change in length; one after it leaves it; the newest place is last', () => {
  const places = withEdit([{ start: 5000, end: 5001 }], { start: 10, end: 20 }, 4);
  assert.deepEqual(places, [{ start: 4994, end: 4995 }, { start: 10, end: 14 }]);
  assert.deepEqual(withEdit(places, { start: 9000, end: 9000 }, 2), [...places, { start: 9000, end: 9002 }]);
});

test('an edit that touches one place and covers another merges them into one, the newest', () => {
  const places = [{ start: 140, end: 150 }, { start: 5000, end: 5001 }, { start: 200, end: 201 }];
  assert.deepEqual(withEdit(places, { start: 150, end: 250 }, 0), [{ start: 5000 - 100, end: 5001 - 100 }, { start: 140, end: 150 }]);
});

test(`at most ${MAX_RECENT_EDITS} places, the oldest dropped first`, () => {
  let places: { start: number; end: number }[] = [];
  for (let i = 0; i < MAX_RECENT_EDITS + 2; i++) places = withEdit(places, { start: i * 1000, end: i * 1000 }, 1);
  assert.equal(places.length, MAX_RECENT_EDITS);
  assert.deepEqual(places[0], { start: 2000, end: 2001 });
  assert.deepEqual(places.at(-1), { start: (MAX_RECENT_EDITS + 1) * 1000, end: (MAX_RECENT_EDITS + 1) * 1000 + 1 });
});

test('a keystroke inside a long place (a paste, the whole file replaced) is a place of its own: the long one is looked at by its last lines', () => {
  let places = withEdit([], { start: 0, end: 0 }, 650_000); // select all, paste
  places = withEdit(places, { start: 1234, end: 1234 }, 1);
  places = withEdit(places, { start: 1235, end: 1235 }, 1);
  assert.deepEqual(places, [{ start: 0, end: 650_002 }, { start: 1234, end: 1236 }]);
  // A short place still takes in what touches it.
  assert.deepEqual(withEdit([{ start: 0, end: MAX_MERGED_PLACE - 1 }], { start: 10, end: 10 }, 1), [{ start: 0, end: MAX_MERGED_PLACE }]);
});

test('a long edit counts by what it changes: the same text pasted over itself is no edit, one line changed is that line', () => {
  const text = 'a'.repeat(5000) + 'MIDDLE' + 'b'.repeat(5000);
  assert.equal(changedPart(text, 0, text.length, text), undefined);
  assert.deepEqual(changedPart(text, 0, text.length, text.replace('MIDDLE', 'MIDDLEX')), { replaced: { start: 5006, end: 5006 }, insertedLength: 1 });
  assert.deepEqual(changedPart(text, 0, text.length, text.replace('MIDDLE', 'MIDLE')), { replaced: { start: 5003, end: 5004 }, insertedLength: 0 });
  // Short edits as they are (a word retyped the same is still where the user typed).
  assert.deepEqual(changedPart('abc', 0, 3, 'abc'), { replaced: { start: 0, end: 3 }, insertedLength: 3 });
});
