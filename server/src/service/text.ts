// Small text helpers: "did you mean" suggestions.

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

/**
 * The one candidate the user most likely meant: same name in another case, a prefix/extension of it
 * (`CacheParameterGroup` → `CacheParameterGroupName`), or a small typo. Undefined when nothing is close.
 */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length === 0 || name.length > 100) return undefined;
  // Documents repeat the same mistakes (one per request); remember answers per candidate list.
  let cache = suggestionCache.get(candidates);
  if (!cache) suggestionCache.set(candidates, (cache = new Map()));
  if (cache.has(name)) return cache.get(name);
  const answer = computeSuggestion(name, candidates);
  if (cache.size > 10_000) cache.clear();
  cache.set(name, answer);
  return answer;
}

const suggestionCache = new WeakMap<readonly string[], Map<string, string | undefined>>();

function computeSuggestion(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    let score = Infinity;
    if (lower.length >= 4 && (cl.startsWith(lower) || lower.startsWith(cl)) && Math.abs(cl.length - lower.length) <= 8) {
      score = Math.abs(cl.length - lower.length) / 2;
    }
    const max = Math.max(1, Math.floor(Math.min(lower.length, cl.length) / 4));
    const d = editDistance(lower, cl, max);
    if (d <= max) score = Math.min(score, d);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}
