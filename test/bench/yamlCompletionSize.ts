// YAML completion cost against file size: a small input file and ~250 KB ones, each with flow collections (`[`, `{`)
// above the cursor. The document's analysis is made once beforehand, as the server does (it passes the analysis it
// keeps), so the figures are completion's own work. Run: node --import tsx test/bench/yamlCompletionSize.ts
import { performance } from 'node:perf_hooks';
import { complete } from '../../server/src/service/completion';
import { analyze } from '../../server/src/service/index';

const head = 'CacheClusterId: my-cluster\nEngine: redis\nCacheNodeType: cache.t4g.micro\nNumCacheNodes: 1\nSecurityGroupIds: [sg-0123456789abcdef0]\n';

/** `n` tags, as block mappings or as flow mappings (`- {Key: …, Value: …}`). */
function tags(n: number, flow: boolean): string {
  let out = 'Tags:\n';
  for (let i = 0; i < n; i++) out += flow ? `  - {Key: team-${i}, Value: platform-${i}}\n` : `  - Key: team-${i}\n    Value: platform-${i}\n`;
  return out;
}

/** Median time (ms) of completing at the `|` of `marked`. */
function time(marked: string): { ms: number; items: number; kb: number } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const whole = analyze(text, 'yaml');
  const runs: number[] = [];
  let items = 0;
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    items = complete(text, offset, 'yaml', whole).length;
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[10], items, kb: Math.round(text.length / 1024) };
}

const cases: [string, string][] = [
  ['small: a new top-level key at the end', `${head}${tags(2, false)}|`],
  ['250 KB, block tags: a new top-level key at the end', `${head}${tags(5600, false)}|`],
  ['250 KB, block tags: a new key in the last tag', `${head}${tags(5600, false)}    |\nPort: 6379\n`],
  ['250 KB, flow tags: a new top-level key at the end', `${head}${tags(6400, true)}|`],
  ['250 KB, 400 documents (---): a new key at the end of the last', Array.from({ length: 400 }, () => `${head}${tags(8, true)}`).join('---\n') + '|'],
  ['250 KB, flow tags: a new tag at the end of the list (inside the block)', `${head}${tags(6400, true)}  |\nPort: 6379\n`],
];
for (const [name, marked] of cases) {
  const { ms, items, kb } = time(marked);
  console.log(`${name.padEnd(72)} ${String(kb).padStart(4)} KB  ${ms.toFixed(3).padStart(8)} ms  ${items} items`);
}
