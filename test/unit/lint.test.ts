// `node dist/cli.js lint`: exit codes, text and JSON output, bad input never crashes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubCommand, type LintRecord } from '../../server/src/lint';

const root = join(__dirname, '../..');
const cli = join(root, 'dist/cli.js');
let dir: string;

function lint(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'lint', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  if (!existsSync(cli)) spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit', timeout: 120_000 });
  dir = mkdtempSync(join(tmpdir(), 'elasticache-lint-'));
  writeFileSync(join(dir, 'seed.elasticache'), readFileSync(join(__dirname, 'fixtures/seed.elasticache')));
  writeFileSync(join(dir, 'ok.elasticache.json'), JSON.stringify({ CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 }));
  writeFileSync(join(dir, 'warn.elasticache.yaml'), 'CacheClusterId: my-cluster\nEngine: redis\nEngineVersion: "5.0.6"\nCacheNodeType: cache.m3.medium\n');
  writeFileSync(join(dir, 'bad.elasticache.json'), '{"CacheClusterId": "x", "NumCacheNodes": "1",');
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('exit 0 and a one-line summary for a clean file', () => {
  const r = lint('ok.elasticache.json');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '1 file, no problems\n');
  assert.equal(r.stderr, '');
});

test('exit 0 when there are only warnings; text lines are file:line:col severity code message', () => {
  const r = lint('warn.elasticache.yaml');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.pop(), '1 warning, 1 note in 1 file', 'the count comes last');
  assert.ok(lines.includes('warn.elasticache.yaml:4:16 warning previous-generation-node-type ' + lines.find((l) => l.includes('previous-generation'))!.split('previous-generation-node-type ')[1]));
  for (const l of lines) assert.match(l, /^warn\.elasticache\.yaml:\d+:\d+ (warning|information|hint) [a-z0-9-]+ .+$/);
});

test('exit 1 for errors; the seed reports its mistakes at their lines', () => {
  const r = lint('seed.elasticache', 'ok.elasticache.json');
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^seed\.elasticache:5:6 error unknown-parameter Unknown parameter CacheParameterGroup/m);
  assert.match(r.stdout, /^seed\.elasticache:17:20 error query-expires /m);
  assert.match(r.stdout, /^seed\.elasticache:18:26 error query-signed-headers /m);
});

test('exit 1 for an error after more than 1000 notes (the findings cap never hides an error)', () => {
  const note = 'Action=CreateReplicationGroup&Version=2015-02-02&ReplicationGroupId=g&ReplicationGroupDescription=my+group\n';
  writeFileSync(join(dir, 'notes.elasticache'), note.repeat(1001));
  writeFileSync(join(dir, 'notes-then-error.elasticache'), note.repeat(1001) + 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=rediss&NumCacheNodes=5\n');
  const r = lint('notes-then-error.elasticache');
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^notes-then-error\.elasticache:1002:70 error invalid-engine /m);
  assert.match(r.stdout, /^notes-then-error\.elasticache:1:1 information too-many-findings /m);
  assert.equal(lint('notes.elasticache').code, 0, 'notes alone pass');
});

test('with findings, the text ends with one count line on stdout (errors, warnings, notes; files with findings of files linted); none when clean, none in JSON', () => {
  const r = lint('seed.elasticache', 'ok.elasticache.json', 'warn.elasticache.yaml');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '', 'stderr is for run problems only');
  const lines = r.stdout.trim().split('\n');
  const errors = lines.filter((l) => / error /.test(l)).length;
  const warnings = lines.filter((l) => / warning /.test(l)).length;
  const notes = lines.filter((l) => / (information|hint) /.test(l)).length;
  assert.ok(errors > 1 && warnings > 1 && notes === 1, r.stdout);
  assert.equal(lines.at(-1), `${errors} errors, ${warnings} warnings, 1 note in 2 of 3 files`);
  assert.equal(lines.length, errors + warnings + notes + 1, 'one count line, after the findings');
  // The count is not a finding: it has no file:line:col for a tool to take as one.
  assert.doesNotMatch(lines.at(-1)!, /:\d+:\d+/);
  assert.equal(lint('bad.elasticache.json').stdout.trim().split('\n').at(-1), '3 errors in 1 file');
  // The same count after GitHub commands; JSON stays one array.
  assert.equal(lint('--format', 'github', 'seed.elasticache', 'ok.elasticache.json', 'warn.elasticache.yaml').stdout.trim().split('\n').at(-1), lines.at(-1));
  assert.equal(JSON.parse(lint('--format', 'json', 'seed.elasticache', 'warn.elasticache.yaml').stdout).length, errors + warnings + notes);
  assert.equal(lint('ok.elasticache.json').stdout, '1 file, no problems\n');
});

test('--format json prints one JSON array of findings with positions', () => {
  const r = lint('--format', 'json', 'seed.elasticache');
  assert.equal(r.code, 1);
  const records = JSON.parse(r.stdout);
  assert.ok(Array.isArray(records));
  const expires = records.find((x: { code: string }) => x.code === 'query-expires');
  assert.deepEqual({ line: expires.line, column: expires.column, endColumn: expires.endColumn, severity: expires.severity }, { line: 17, column: 20, endColumn: 36, severity: 'error' });
  assert.equal(lint('--format=json', 'ok.elasticache.json').stdout.trim(), '[]');
});

test('--format github: one workflow command per finding (::error/::warning/::notice), positions and the rule as title; exit codes as for text', () => {
  const seed = lint('--format', 'github', 'seed.elasticache');
  assert.equal(seed.code, 1, seed.stderr);
  assert.equal(seed.stderr, '');
  const lines = seed.stdout.trim().split('\n');
  assert.equal(lines.pop(), '4 errors, 7 warnings in 1 file', 'the count as in text');
  assert.equal(lines.length, lint('seed.elasticache').stdout.trim().split('\n').length - 1, 'one command per finding');
  assert.ok(lines.includes('::error file=seed.elasticache,line=17,col=20,endLine=17,endColumn=36,title=query-expires::X-Amz-Expires must be a number of seconds from 1 to 604800 (7 days), not a date: how long the signed URL stays valid.'), seed.stdout);
  // The message keeps its colons and commas: only properties escape them.
  assert.ok(lines.some((l) => l.startsWith('::warning file=seed.elasticache,line=9,col=6,endLine=9,endColumn=22,title=query-sigv2-param::SignatureVersion is a Signature Version 2 parameter in a Signature Version 4 (X-Amz-*) request: remove it')), seed.stdout);
  for (const l of lines) assert.match(l, /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z0-9-]+::\S/);
  // Information (and hints) are notices; warnings alone pass, as in the text format.
  const warn = lint('--format=github', 'warn.elasticache.yaml');
  assert.equal(warn.code, 0, warn.stderr);
  assert.match(warn.stdout, /^::notice file=warn\.elasticache\.yaml,line=3,col=16,endLine=3,endColumn=23,title=engine-version-support::Standard support for Redis OSS 5\.0\.6 ended/m);
  assert.match(warn.stdout, /^::warning file=warn\.elasticache\.yaml,line=4,col=16,endLine=4,endColumn=31,title=previous-generation-node-type::/m);
  assert.equal(lint('--format', 'github', 'missing.elasticache').code, 2);
});

test('--format github escapes as the runner unescapes: %, CR, LF in the message; also : and , in the file property', () => {
  // The value Foo%250A is the parameter name "Foo%0A": GitHub must show those characters, not a line break.
  mkdirSync(join(dir, 'gh,1'), { recursive: true });
  writeFileSync(join(dir, 'gh,1', 'a:b%.elasticache'), 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&NumCacheNodes=1&Foo%250A=1\n');
  const r = lint('--format', 'github', join('gh,1', 'a:b%.elasticache'));
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, `::error file=${join('gh%2C1', 'a%3Ab%25.elasticache')},line=1,col=92,endLine=1,endColumn=100,title=unknown-parameter::Unknown parameter Foo%250A for CreateCacheCluster.\n1 error in 1 file\n`);
  // A CR or LF in a message (from a YAML string's escapes) stays inside the one command (shown as an escape).
  writeFileSync(join(dir, 'cr-gh.elasticache.yaml'), 'CacheClusterId: a\nEngine: redis\nPreferredAvailabilityZone: "us\\rwest-2a"\n');
  const cr = lint('--format', 'github', 'cr-gh.elasticache.yaml');
  assert.match(cr.stdout, /^::error file=cr-gh\.elasticache\.yaml,line=3,col=28,endLine=3,endColumn=\d+,title=invalid-availability-zone::'us\\rwest-2a' is not/);
  assert.equal(cr.stdout.trim().split('\n').length, 2, cr.stdout);
  const record: LintRecord = { file: 'reqs\\sub\\a.elasticache', line: 2, column: 3, endLine: 4, endColumn: 1, severity: 'hint', code: 'x-code', message: 'one\ntwo\r\n100%' };
  // Windows paths are written with / (the runner's own relative paths are); a backslash is kept on POSIX, where it is a name character.
  assert.equal(githubCommand(record, '\\'), '::notice file=reqs/sub/a.elasticache,line=2,col=3,endLine=4,endColumn=1,title=x-code::one%0Atwo%0D%0A100%25');
  assert.equal(githubCommand(record, '/'), '::notice file=reqs\\sub\\a.elasticache,line=2,col=3,endLine=4,endColumn=1,title=x-code::one%0Atwo%0D%0A100%25');
});

test('exit 2 on usage and I/O errors (missing file), with a clear message and no stack trace', () => {
  const missing = lint('ok.elasticache.json', 'missing.elasticache');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read missing\.elasticache: no such file/);
  assert.doesNotMatch(missing.stderr, /at .*\.js:\d+/);
  assert.equal(lint().code, 2);
  assert.equal(lint('--format', 'xml', 'ok.elasticache.json').code, 2);
  assert.equal(lint('--bogus', 'ok.elasticache.json').code, 2);
  assert.match(lint('ws').stderr, /cannot read ws: no such file or folder/);
});

test('bad input is reported, never crashes: invalid JSON, binary, NUL bytes, lone surrogates, 10 MB', () => {
  const bad = lint('bad.elasticache.json');
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /json-syntax/);
  const bin = Buffer.alloc(4096);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) & 255;
  writeFileSync(join(dir, 'bin.elasticache'), bin);
  writeFileSync(join(dir, 'bin.elasticache.yaml'), bin);
  writeFileSync(join(dir, 'nul.elasticache.json'), '{"CacheClusterId": "a\u0000b"}');
  writeFileSync(join(dir, 'surrogate.elasticache'), 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=\ud800x');
  for (const f of ['bin.elasticache', 'bin.elasticache.yaml', 'nul.elasticache.json', 'surrogate.elasticache']) {
    const r = lint(f);
    assert.equal(r.code, 1, `${f}: ${r.stderr}`);
    assert.equal(r.stderr, '', f);
  }
  const unit = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=x&Engine=redis\n\n';
  const big = unit.repeat(Math.ceil((10 * 1024 * 1024) / unit.length));
  writeFileSync(join(dir, 'big.elasticache'), big);
  const t0 = Date.now();
  const r = lint('big.elasticache');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Date.now() - t0 < 30_000, `10 MB took ${Date.now() - t0} ms`);
  console.log(`# lint of a 10 MB file with ${Math.ceil((10 * 1024 * 1024) / unit.length)} requests: ${Date.now() - t0} ms`);
});

test('a byte order mark: an error in JSON, which the AWS CLI rejects ("Invalid JSON received"); ignored in YAML and Query files', () => {
  const bom = '\uFEFF';
  writeFileSync(join(dir, 'bom.elasticache.json'), bom + JSON.stringify({ CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 }));
  writeFileSync(join(dir, 'bom.elasticache.yaml'), bom + 'CacheClusterId: my-cluster\nEngine: redis\nEngineVersion: "7.1"\nCacheNodeType: cache.t4g.micro\nNumCacheNodes: 1\n');
  writeFileSync(join(dir, 'bom.elasticache'), bom + 'https://elasticache.us-east-1.amazonaws.com/?Action=DescribeCacheClusters&Version=2015-02-02\n');
  const json = lint('bom.elasticache.json');
  assert.equal(json.code, 1, json.stderr);
  assert.match(json.stdout, /^bom\.elasticache\.json:1:1 error json-syntax The file starts with a byte order mark \(BOM\)/);
  assert.equal(json.stdout, json.stdout.split('\n')[0] + '\n1 error in 1 file\n', 'the BOM is the one finding; the rest of the document is read');
  for (const clean of ['bom.elasticache.yaml', 'bom.elasticache', 'ok.elasticache.json']) {
    const r = lint(clean);
    assert.equal(r.code, 0, clean + r.stdout);
    assert.equal(r.stdout, '1 file, no problems\n', clean);
  }
});

test('a UTF-16 file (Windows PowerShell 5 redirection) is one error that says so and how to save it, not "NUL characters"', () => {
  const json = JSON.stringify({ CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 });
  writeFileSync(join(dir, 'utf16.elasticache.json'), Buffer.from('\uFEFF' + json, 'utf16le'));
  const r = lint('utf16.elasticache.json');
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, 'utf16.elasticache.json:1:1 error binary-content The file is saved as UTF-16 (it starts with a UTF-16 byte order mark), which the AWS CLI cannot read ("text contents could not be decoded"), so it is not analysed. Save it as UTF-8 without a byte order mark.\n1 error in 1 file\n');
  // The same request saved as UTF-8 is clean.
  writeFileSync(join(dir, 'utf8.elasticache.json'), json);
  assert.deepEqual([lint('utf8.elasticache.json').code, lint('utf8.elasticache.json').stdout], [0, '1 file, no problems\n']);
});

test('a folder: its request files and its subfolders\' are linted, in name order; node_modules and dot folders are skipped (review: annoyed)', () => {
  const ws = join(dir, 'ws');
  const ok = JSON.stringify({ CacheClusterId: 'my-cluster', Engine: 'redis', EngineVersion: '7.1', CacheNodeType: 'cache.t4g.micro', NumCacheNodes: 1 });
  for (const sub of ['sub/deeper', 'node_modules/pkg', '.git', 'clean']) mkdirSync(join(ws, sub), { recursive: true });
  writeFileSync(join(ws, 'a.elasticache.json'), ok);
  writeFileSync(join(ws, 'notes.txt'), 'not a request');
  writeFileSync(join(ws, 'sub/deeper/b.elasticache.yaml'), 'CacheClusterId: x\nEngine: rediss\n');
  writeFileSync(join(ws, 'sub/c.elasticache.yml'), 'CacheClusterId: y\nEngine: memcachd\n');
  writeFileSync(join(ws, 'node_modules/pkg/d.elasticache.json'), '{"Engine": "x"}');
  writeFileSync(join(ws, '.git/e.elasticache'), 'Action=CreateCacheCluster&Engine=x');
  writeFileSync(join(ws, 'clean/f.elasticache'), 'Action=DescribeCacheClusters&Version=2015-02-02\n');
  const r = lint('ws');
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.pop(), '2 errors in 2 of 4 files');
  const files = lines.map((l) => l.split(':')[0]);
  assert.deepEqual([...new Set(files)], [join('ws', 'sub', 'c.elasticache.yml'), join('ws', 'sub', 'deeper', 'b.elasticache.yaml')]);
  // Clean folders: the summary counts the files linted.
  assert.deepEqual([lint('ws/clean').code, lint('ws/clean').stdout], [0, '1 file, no problems\n']);
  // A folder named explicitly is linted even if it is one that a walk skips.
  assert.equal(lint('ws/node_modules').code, 1);
});

test('a file named twice, or named and inside a folder named too, is linted once: its findings are not repeated', () => {
  const once = lint('seed.elasticache');
  assert.equal(once.code, 1);
  assert.ok(once.stdout.length > 0);
  assert.deepEqual(lint('seed.elasticache', './seed.elasticache').stdout, once.stdout);
  mkdirSync(join(dir, 'twice'), { recursive: true });
  writeFileSync(join(dir, 'twice', 'ok.elasticache.json'), readFileSync(join(dir, 'ok.elasticache.json')));
  assert.deepEqual([lint('twice', join('twice', 'ok.elasticache.json')).stdout, lint('twice', 'twice').code], ['1 file, no problems\n', 0]);
  // Clean: two different files are two.
  assert.equal(lint('ok.elasticache.json', join('twice', 'ok.elasticache.json')).stdout, '2 files, no problems\n');
});

test('a file given by name that is not a request file is skipped with a note, and does not change the exit code; nothing to lint is exit 2', () => {
  writeFileSync(join(dir, 'notes.txt'), 'Action=CreateCacheCluster&Engine=x');
  writeFileSync(join(dir, 'plain.json'), '{"Engine": "x"}');
  const mixed = lint('notes.txt', 'ok.elasticache.json');
  assert.equal(mixed.code, 0);
  assert.equal(mixed.stdout, '1 file, no problems\n');
  assert.match(mixed.stderr, /^elasticache lint: skipped notes\.txt: not a request file \(a request file's name ends in \.elasticache, \.elasticache\.json, \.elasticache\.yaml or \.elasticache\.yml\)$/m);
  const none = lint('plain.json');
  assert.equal(none.code, 2);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /skipped plain\.json: not a request file/);
  assert.match(none.stderr, /no request files found/);
  mkdirSync(join(dir, 'empty'), { recursive: true });
  assert.equal(lint('empty').code, 2, 'a folder without request files');
});

test('--help lists folder support and the exit codes; --version prints package.json\'s version and exits 0', () => {
  const help = lint('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /A PATH that is a folder is searched for them, in its subfolders too/);
  assert.match(help.stdout, /Exit codes: 0 no error findings \(warnings allowed\); 1 an error finding; 2 /);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const args of [['lint', '--version'], ['--version']]) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, `${version}\n`, ''], args.join(' '));
  }
});

test('--fix writes the files with fixes (keeping a byte order mark), says so on stderr, then reports what is left', () => {
  const fixDir = join(dir, 'fix');
  mkdirSync(fixDir, { recursive: true });
  const seedText = readFileSync(join(__dirname, 'fixtures/seed.elasticache'), 'utf8');
  writeFileSync(join(fixDir, 'seed.elasticache'), `\uFEFF${seedText}`);
  writeFileSync(join(fixDir, 'x.elasticache.json'), '{"CacheClusterId": "my-cluster", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": "1",}');
  const clean = '{"CacheClusterId": "my-cluster", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}';
  writeFileSync(join(fixDir, 'clean.elasticache.json'), clean);
  const r = lint('--fix', 'fix');
  assert.equal(r.code, 1, r.stdout); // the seed's X-Amz-Expires has no fix
  assert.match(r.stderr, /^elasticache lint: fix\/seed\.elasticache: fixed 3 problems$/m);
  assert.match(r.stderr, /^elasticache lint: fix\/x\.elasticache\.json: fixed 2 problems$/m);
  assert.doesNotMatch(r.stderr, /clean/);
  const seedAfter = readFileSync(join(fixDir, 'seed.elasticache'), 'utf8');
  assert.ok(seedAfter.startsWith('\uFEFF'));
  assert.match(seedAfter, /&CacheParameterGroupName=default\.redis3\.2\n/);
  assert.doesNotMatch(r.stdout, /unknown-parameter|trailing-whitespace/);
  assert.match(r.stdout, /seed\.elasticache:\d+:\d+ error query-expires /);
  assert.equal(readFileSync(join(fixDir, 'x.elasticache.json'), 'utf8'), '{"CacheClusterId": "my-cluster", "Engine": "redis", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}');
  assert.equal(readFileSync(join(fixDir, 'clean.elasticache.json'), 'utf8'), clean);
  // A file that is not UTF-8 (Latin-1 é) is left as it is: written back, its bytes would become U+FFFD.
  const latin1 = Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n?Action=createcachecluster&Version=2015-02-02&CacheClusterId=a&Engine=redis&CacheNodeType=cache.t3.micro\n')]);
  writeFileSync(join(fixDir, 'latin1.elasticache'), latin1);
  const l = lint('--fix', 'fix/latin1.elasticache');
  assert.match(l.stderr, /latin1\.elasticache: not fixed: the file is not valid UTF-8/);
  assert.ok(readFileSync(join(fixDir, 'latin1.elasticache')).equals(latin1));
  assert.match(l.stdout, /unknown-action/, 'still linted');
  // Without --fix nothing is written.
  writeFileSync(join(fixDir, 'x.elasticache.json'), '{"CacheClusterId": "a", "NumCacheNodes": "1"}');
  lint('fix/x.elasticache.json');
  assert.equal(readFileSync(join(fixDir, 'x.elasticache.json'), 'utf8'), '{"CacheClusterId": "a", "NumCacheNodes": "1"}');
});

test('a control character inside a quoted value is shown as an escape and never splits a text line (a lone CR too)', () => {
  writeFileSync(join(dir, 'cr.elasticache.yaml'), 'CacheClusterId: c1\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\nPreferredAvailabilityZone: "us\\rwest-2a"\n');
  const r = lint('cr.elasticache.yaml');
  assert.equal(r.code, 1, r.stderr);
  assert.doesNotMatch(r.stdout, /\r/);
  assert.match(r.stdout, /^cr\.elasticache\.yaml:5:\d+ error invalid-availability-zone 'us\\rwest-2a' .*\n\d+ errors? in 1 file\n$/);
});

test('--fix leaves an AuthToken as written (a fix that changes a secret is the user\'s choice), and no output shows it', () => {
  const secretDir = join(dir, 'secret');
  mkdirSync(secretDir, { recursive: true });
  const text = 'Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=c1&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1&TransitEncryptionEnabled=true&CacheSubnetGroupName=sg&AuthToken=ZQXabc%zzdefghijklmnop\n';
  writeFileSync(join(secretDir, 'token.elasticache'), text);
  const r = lint('--fix', 'secret');
  assert.equal(readFileSync(join(secretDir, 'token.elasticache'), 'utf8'), text);
  assert.doesNotMatch(r.stderr, /fixed/);
  assert.match(r.stdout, /error query-bad-percent-encoding /);
  for (const out of [r.stdout, r.stderr, lint('--format', 'json', 'secret').stdout]) assert.doesNotMatch(out, /ZQX/i);
});
