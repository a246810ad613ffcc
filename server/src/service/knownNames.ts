// Every name a Query request is made of (actions, members of any shape, list item names, protocol
// parameters), numbered once. The parser looks a name up straight in the document text (no slice for a known
// name) and gives each parameter its number; the checks downstream then read per-number tables (arrays) in
// place of Map lookups by string, which ran several times per parameter.
import { PROTOCOL_PARAMS, QUERY_NAMES, SIGV4_PARAMS } from '../model/queryNames';

export { PROTOCOL_PARAMS, SIGV4_PARAMS };

/** The number of a name that is not known. */
export const UNKNOWN_NAME = -1;

let names: string[] | undefined;
let table: Int32Array | undefined; // open addressing: number + 1, 0 = empty slot
let byName: Map<string, number> | undefined;

/** A cheap hash of `text[start, end)` from its length and four of its characters (candidates are then compared). */
function hashRange(text: string, start: number, end: number): number {
  const len = end - start;
  if (len === 0) return 0;
  let h = Math.imul(len, 0x9e3779b1) ^ text.charCodeAt(start);
  h = Math.imul(h, 31) + text.charCodeAt(end - 1);
  h = Math.imul(h, 31) + text.charCodeAt(start + (len >> 1));
  h = Math.imul(h, 31) + text.charCodeAt(start + (len >> 2));
  return (h ^ (h >>> 15)) | 0;
}

/** Only names made of letters, digits, `-`, `_` and `.`: a name found in the table needs no decoding. */
const PLAIN_NAME = /^[A-Za-z0-9_.-]+$/;

function build(): string[] {
  const list = QUERY_NAMES.filter((n) => PLAIN_NAME.test(n));
  let bits = 10;
  while (1 << (bits - 2) < list.length) bits++; // at most a quarter full: short probes
  const t = new Int32Array(1 << bits);
  const mask = t.length - 1;
  list.forEach((n, k) => {
    let slot = hashRange(n, 0, n.length) & mask;
    while (t[slot] !== 0) slot = (slot + 1) & mask;
    t[slot] = k + 1;
  });
  names = list;
  table = t;
  byName = new Map(list.map((n, k) => [n, k]));
  return list;
}

/** All known names, by number. */
export function knownNames(): readonly string[] {
  return names ?? build();
}

/** The number of the known name equal to `text[start, end)`, or UNKNOWN_NAME. */
export function knownNameIdAt(text: string, start: number, end: number): number {
  if (!table) build();
  const t = table!;
  const list = names!;
  const mask = t.length - 1;
  const len = end - start;
  for (let slot = hashRange(text, start, end) & mask; t[slot] !== 0; slot = (slot + 1) & mask) {
    const candidate = list[t[slot] - 1];
    if (candidate.length === len && sameAt(text, start, candidate)) return t[slot] - 1;
  }
  return UNKNOWN_NAME;
}

/** Whether `text` holds `name` at `start` (by character codes: String#startsWith with a position was a quarter of the parser's own time). */
function sameAt(text: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (text.charCodeAt(start + i) !== name.charCodeAt(i)) return false;
  return true;
}

/** The number of a known name, or UNKNOWN_NAME. */
export function knownNameId(name: string): number {
  if (!byName) build();
  return byName!.get(name) ?? UNKNOWN_NAME;
}
