// `npm run bench` keeps working: bundled, it prints its table and ends with the one JSON line of figures.
// (Quick mode: a few runs each, so the figures themselves mean nothing here.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

test('the benchmark bundles, runs and ends with the figures line', () => {
  execFileSync(process.execPath, ['esbuild.mjs', '--bench'], { cwd: root, stdio: 'pipe' });
  const out = execFileSync(process.execPath, [join('.cache', 'bench', 'bench.js')], { cwd: root, env: { ...process.env, BENCH_QUICK: '1' }, encoding: 'utf8', timeout: 120_000 });
  const lines = out.trimEnd().split('\n');
  assert.match(lines[0], /^measurement\s+time\s+notes$/);
  assert.ok(lines.some((l) => l.includes('ratio ours (query URL) / JSON-LS')));
  const { figures } = JSON.parse(lines.at(-1)!) as { figures: Record<string, number> };
  assert.deepEqual(Object.keys(figures), ['diagnostics_1_request_ms', 'json_schema_ls_1_request_ms', 'diagnostics_100_requests_ms', 'diagnostics_5000_requests_ms', 'completion_p99_ms']);
  for (const [name, ms] of Object.entries(figures)) assert.ok(Number.isFinite(ms) && ms >= 0, `${name}: ${ms}`);
});
