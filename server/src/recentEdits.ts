// The places of a document's recent edits, kept across changes as the language server's focus (DocumentFacts.focus):
// in a large file the requests around each are checked in full, so a mistake typed far down is still listed after an
// edit near the top.
import type { Span } from './service/types';

/**
 * The most places kept: each brings the requests on about 200 lines into analysis in full, so the extra work stays
 * bounded (a replace all sends thousands of changes), and the oldest place is dropped first.
 */
export const MAX_RECENT_EDITS = 8;

/**
 * The longest place an edit merges into. A paste or a replace of the whole file is one long place, whose window is
 * its last lines (focusWindow): a keystroke inside it, merged in, would have no window of its own.
 */
export const MAX_MERGED_PLACE = 2000;

/**
 * `places` (oldest first) once the text in `replaced` is replaced by `insertedLength` characters, with that edit
 * the newest place: places after it move by the change in length, and places it is inside of or touches merge with
 * it (typing a word, character by character, is one place), unless they are long (MAX_MERGED_PLACE).
 */
export function withEdit(places: readonly Span[], replaced: Span, insertedLength: number): Span[] {
  let edit: Span = { start: replaced.start, end: replaced.start + insertedLength };
  let rest = places.map((place) => afterReplacement(place, replaced, insertedLength));
  // Merging can make the edit touch another place: again until none does (at most MAX_RECENT_EDITS rounds).
  for (let merged = true; merged; ) {
    merged = false;
    const apart: Span[] = [];
    for (const place of rest) {
      if (place.start <= edit.end && place.end >= edit.start && place.end - place.start <= MAX_MERGED_PLACE) {
        edit = { start: Math.min(edit.start, place.start), end: Math.max(edit.end, place.end) };
        merged = true;
      } else apart.push(place);
    }
    rest = apart;
  }
  rest.push(edit);
  return rest.slice(-MAX_RECENT_EDITS);
}

/** Where `span` is once the text in `replaced` is replaced by `insertedLength` characters (a span it touches grows over the insertion). */
export function afterReplacement(span: Span, replaced: Span, insertedLength: number): Span {
  const shift = insertedLength - (replaced.end - replaced.start);
  if (span.end < replaced.start) return span;
  if (span.start > replaced.end) return { start: span.start + shift, end: span.end + shift };
  return { start: Math.min(span.start, replaced.start), end: Math.max(span.end + shift, replaced.start + insertedLength) };
}

/** Edits longer than this are trimmed to what they change (changedPart): a paste over a selection, Select All + Paste. */
const TRIM_OVER = 4096;

/**
 * The part of the edit replacing `text[start, end)` by `inserted` that changes the text: without the characters both
 * begin and end with (a paste over the whole file that changes one line is that line), or undefined when the edit
 * changes nothing (the same text pasted over itself), so that the places of the earlier edits stay as they are.
 * Short edits are taken as they are.
 */
export function changedPart(text: string, start: number, end: number, inserted: string): { replaced: Span; insertedLength: number } | undefined {
  if (end - start + inserted.length <= TRIM_OVER) return { replaced: { start, end }, insertedLength: inserted.length };
  const limit = Math.min(end - start, inserted.length);
  let prefix = 0;
  while (prefix < limit && text.charCodeAt(start + prefix) === inserted.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && text.charCodeAt(end - 1 - suffix) === inserted.charCodeAt(inserted.length - 1 - suffix)) suffix++;
  if (prefix + suffix === end - start && prefix + suffix === inserted.length) return undefined;
  return { replaced: { start: start + prefix, end: end - suffix }, insertedLength: inserted.length - prefix - suffix };
}
