// The extension's problem matcher `$elasticache-lint` (package.json contributes.problemMatchers), applied as VS Code
// applies it (one regexp per output line) to real `elasticache lint` output: every finding is read back as the JSON
// format reports it, and nothing else is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LintRecord } from '../../server/src/lint';

const root = join(__dirname, '../..');
const cli = join(root, 'dist/cli.js');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'elasticache-lint');
let dir: string;

function lint(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'lint', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Backslashes and a drive letter are ordinary name characters on Linux, so these names give the lines lint prints
// for Windows paths (relative, and absolute with a drive letter's colon).
const files = {
  'seed.elasticache': readFileSync(join(__dirname, 'fixtures/seed.elasticache'), 'utf8'),
  'reqs\\sub\\hint.elasticache': 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=MyCluster&Engine=redis&CacheNodeType=cache.t4g.micro&NumCacheNodes=1\n',
  'C:\\work\\notes.elasticache.yaml': 'CacheClusterId: my-cluster\nEngine: redis\nEngineVersion: "5.0.6"\nCacheNodeType: cache.m3.medium\n',
};

before(() => {
  if (!existsSync(cli)) spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit', timeout: 120_000 });
  dir = mkdtempSync(join(tmpdir(), 'elasticache-matcher-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});

after(() => rmSync(dir, { recursive: true, force: true }));

// autoDetect: VS Code joins a path to the workspace folder when that file exists, else takes it as absolute
// (problemMatcher.ts getResource). 'relative' joined absolute paths too (`lint ${workspaceFolder}/requests` in a task
// led to <folder>/<folder>/requests/…, a file that does not exist).
test('the matcher is contributed as elasticache-lint, owner elasticache, with paths relative to the workspace folder or absolute', () => {
  assert.ok(matcher, 'contributes.problemMatchers has elasticache-lint');
  assert.equal(matcher.owner, 'elasticache');
  assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  // All documents (the default): with closedDocuments, a file open when the task ran lost its findings once closed
  // (the server clears an open file's on close); a file open in an editor lists its findings twice instead.
  assert.equal(matcher.applyTo, undefined);
  assert.deepEqual(
    { file: matcher.pattern.file, line: matcher.pattern.line, column: matcher.pattern.column, severity: matcher.pattern.severity, code: matcher.pattern.code, message: matcher.pattern.message },
    { file: 1, line: 2, column: 3, severity: 4, code: 5, message: 6 },
  );
});

test('each finding line of real lint output is matched to its file, position, severity, code and message (Windows paths, colons in messages); the count line is not', () => {
  const names = Object.keys(files);
  const text = lint(...names);
  assert.equal(text.code, 1, text.stderr);
  const json: LintRecord[] = JSON.parse(lint('--format', 'json', ...names).stdout);
  const lines = text.stdout.trim().split('\n');
  assert.equal(lines.length, json.length + 1, 'one line per finding, then the count');
  const regexp = new RegExp(matcher.pattern.regexp);
  const p = matcher.pattern;
  // VS Code reads the severity group as error, warning or info (Severity.fromValue), and hint as info; any other word
  // (such as "information") would fall back to error, so the regexp captures "info" of "information".
  const vscodeSeverity: Record<LintRecord['severity'], string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
  const matched = lines.slice(0, -1).map((line) => {
    const m = regexp.exec(line);
    assert.ok(m, `not matched: ${line}`);
    return { file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), severity: m[p.severity], code: m[p.code], message: m[p.message] };
  });
  assert.deepEqual(matched, json.map((r) => ({ file: r.file, line: r.line, column: r.column, severity: vscodeSeverity[r.severity], code: r.code, message: r.message })));
  // The cases this test is for are in the output.
  assert.ok(matched.some((m) => m.file === 'C:\\work\\notes.elasticache.yaml' && m.severity === 'info'), text.stdout);
  assert.ok(matched.some((m) => m.file === 'reqs\\sub\\hint.elasticache' && m.severity === 'hint' && m.code === 'cache-cluster-id-case'), text.stdout);
  assert.ok(matched.some((m) => m.file === 'seed.elasticache' && m.code === 'query-expires' && m.message.includes(': how long the signed URL stays valid')), text.stdout);
  // Neither the count line nor the clean run's line is a problem.
  assert.match(lines.at(-1)!, / in 3 files$/);
  assert.equal(regexp.exec(lines.at(-1)!), null, lines.at(-1));
  writeFileSync(join(dir, 'clean.elasticache'), 'Action=DescribeCacheClusters&Version=2015-02-02\n');
  const clean = lint('clean.elasticache');
  assert.equal(clean.stdout, '1 file, no problems\n');
  assert.equal(regexp.exec(clean.stdout.trim()), null);
});

test("the README's tasks.json runs the extension's own linter (the package is not in the npm registry) through a declared command", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const example = /```json\n(\s*\{\s*"version": "2\.0\.0",[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(example, 'README has a tasks.json example');
  const task = JSON.parse(example).tasks[0];
  assert.deepEqual([task.command, ...task.args], ['node', '${command:elasticache.lintCliPath}', 'lint', '.']);
  assert.equal(task.problemMatcher, '$elasticache-lint');
  assert.ok(manifest.contributes.commands.some((c: { command: string }) => c.command === 'elasticache.lintCliPath'));
  assert.ok(!/npx elasticache lint \./.test(example));
});
