// Small text helpers: "did you mean" suggestions, Markdown as plain text; messages as a reader can see them, defined in
// model/visibleText.ts (the extension loads it at activation) and named here too for the language service's modules.
export { visibleMessage } from '../model/visibleText';

// Two reused rows: suggestions run for every unknown name, so the distance must not allocate.
let prevRow = new Int32Array(64);
let curRow = new Int32Array(64);

/** Levenshtein distance, giving up (returning max + 1) as soon as it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (prevRow.length <= b.length) {
    prevRow = new Int32Array(b.length + 1);
    curRow = new Int32Array(b.length + 1);
  }
  let prev = prevRow;
  let cur = curRow;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length];
}

// Character bags: an insertion or deletion changes the bag by 1, a substitution by 2, so half the L1 distance
// of two bags is a lower bound of the edit distance. Comparing 32 counters rules out most candidates without
// running the quadratic distance. (Characters are bucketed by code modulo 32: merging buckets keeps it a bound.)
const BAG = 32;

function fillBag(s: string, bag: Int16Array, offset: number): void {
  for (let i = 0; i < s.length; i++) bag[offset + (s.charCodeAt(i) & (BAG - 1))]++;
}

/** A candidate list prepared once: lowercase names, first name per lowercase spelling, character bags. */
interface NameIndex {
  lower: string[];
  byLower: Map<string, string>;
  bags: Int16Array;
}

// Candidate lists are model constants (member names, enums, operations): index each one once.
const indexes = new WeakMap<readonly string[], NameIndex>();

function indexFor(candidates: readonly string[]): NameIndex {
  let index = indexes.get(candidates);
  if (index) return index;
  const lower: string[] = [];
  const byLower = new Map<string, string>();
  const bags = new Int16Array(candidates.length * BAG);
  for (let k = 0; k < candidates.length; k++) {
    const cl = candidates[k].toLowerCase();
    lower.push(cl);
    if (!byLower.has(cl)) byLower.set(cl, candidates[k]);
    fillBag(cl, bags, k * BAG);
  }
  index = { lower, byLower, bags };
  indexes.set(candidates, index);
  return index;
}

const queryBag = new Int16Array(BAG);

/**
 * The one candidate the user most likely meant: same name in another case, a prefix/extension of it
 * (`CacheParameterGroup` → `CacheParameterGroupName`), or a small typo. Undefined when nothing is close.
 */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length === 0 || name.length > 100) return undefined;
  const index = indexFor(candidates);
  const lower = name.toLowerCase();
  const sameCase = index.byLower.get(lower);
  if (sameCase !== undefined) return sameCase;
  queryBag.fill(0);
  fillBag(lower, queryBag, 0);
  const { lower: names, bags } = index;
  let best: string | undefined;
  let bestScore = Infinity;
  for (let k = 0; k < names.length; k++) {
    const cl = names[k];
    const diff = Math.abs(cl.length - lower.length);
    let score = Infinity;
    if (lower.length >= 4 && diff <= 8 && (cl.startsWith(lower) || lower.startsWith(cl))) score = diff / 2;
    // The distance only matters when it is within `max` and below both this score and the best so far (ties
    // keep the earlier candidate): bound the search by that, and skip it when the bags already rule it out.
    const max = Math.max(1, Math.floor(Math.min(lower.length, cl.length) / 4));
    const limit = Math.min(max, Math.ceil(Math.min(score, bestScore)) - 1);
    if (diff <= limit && bagsWithin(bags, k * BAG, 2 * limit)) {
      const d = editDistance(lower, cl, limit);
      if (d <= limit) score = d;
    }
    if (score < bestScore) {
      bestScore = score;
      best = candidates[k];
    }
  }
  return best;
}

/** Whether the L1 distance of candidate bag `offset` and the query's bag is at most `limit`. */
function bagsWithin(bags: Int16Array, offset: number, limit: number): boolean {
  let sum = 0;
  for (let b = 0; b < BAG; b++) {
    sum += Math.abs(bags[offset + b] - queryBag[b]);
    if (sum > limit) return false;
  }
  return true;
}

/**
 * Markdown documentation as plain text, for an editor that shows only that (LSP `plaintext`): links keep their
 * address in parentheses, emphasis, code and strike-through marks and backslash escapes go, quotes lose their `>`.
 */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/~~([^~]+)~~/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^>\s?/gm, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}
