// `elasticache lint [--format text|json|github] PATH...`: the language server's analysis, for CI. USAGE says what it
// does with folders and other files, and its exit codes.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { version } from '../../package.json';
import { fixAll } from './service/codeActions';
import { visibleMessage } from './model/visibleText';
import { analyze, documentKindForPath, REQUEST_FILE_SUFFIXES, type DocumentKind, type Finding } from './service/index';

const suffixes = REQUEST_FILE_SUFFIXES.map(([suffix]) => suffix);
const REQUEST_FILE_NAMES = `${suffixes.slice(0, -1).join(', ')} or ${suffixes[suffixes.length - 1]}`;

export const USAGE = `usage: elasticache lint [--fix] [--format text|json|github] PATH...
Checks ElastiCache request files: names ending in ${REQUEST_FILE_NAMES}.
A PATH that is a folder is searched for them, in its subfolders too (node_modules and folders whose names start
with "." are skipped). A file given by name that is not a request file is skipped, with a note on stderr.
  --format text   one line per finding, "file:line:col severity code message", then a count such as
                  "3 errors, 1 warning in 2 of 5 files" (notes: information and hints); "N files, no problems" when
                  none (default)
  --format json   one JSON array of the findings
  --format github one GitHub Actions workflow command per finding (::error, ::warning, ::notice for information and
                  hints), which GitHub shows as annotations on the files, then the count as in text; paths as
                  given, so run it from the repository root
  --fix           apply every finding's preferred fix (the editor's "Fix all auto-fixable problems"), write the
                  files that changed (saying so on stderr), then report what is left
  --version       print the version
Exit codes: 0 no error findings (warnings allowed); 1 an error finding; 2 a usage error, a path that cannot be read,
or no request file found at all.`;

export interface LintRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  code: string;
  message: string;
}

/** Offsets → 1-based line/column (UTF-16 code units), via one index of line starts. */
function positionFinder(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

export function lintText(file: string, text: string, kind: DocumentKind): LintRecord[] {
  const { findings } = analyze(text, kind);
  const at = positionFinder(text);
  return findings
    .map((f) => {
      const start = at(f.span.start);
      const end = at(f.span.end);
      return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity: f.severity, code: f.code, message: visibleMessage(f.message) };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

const FORMATS = ['text', 'json', 'github'] as const;
type Format = (typeof FORMATS)[number];

/** One finding as a line of the text format. */
export function textLine(r: LintRecord): string {
  return `${r.file}:${r.line}:${r.column} ${r.severity} ${r.code} ${r.message}`;
}

// GitHub Actions workflow commands, "::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message" (also
// ::warning, ::notice): https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
// ("Setting an error message"). That page does not spell out the escaping; the runner's parser does
// (actions/runner src/Runner.Common/ActionCommand.cs, as actions/toolkit packages/core/src/command.ts writes it):
// in the message %, CR and LF; in a property also : (`::` ends the properties) and , (it separates them).
const GITHUB_COMMANDS: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One finding as a GitHub Actions workflow command. The path is the one given, with / for separators: GitHub names
 * files by their repository paths, and the runner writes / on every platform for the paths it makes relative.
 */
export function githubCommand(r: LintRecord, pathSeparator: string = sep): string {
  const file = pathSeparator === '\\' ? r.file.split('\\').join('/') : r.file;
  const properties = `file=${escapeGithubProperty(file)},line=${r.line},col=${r.column},endLine=${r.endLine},endColumn=${r.endColumn},title=${escapeGithubProperty(r.code)}`;
  return `::${GITHUB_COMMANDS[r.severity]} ${properties}::${escapeGithubData(r.message)}`;
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The last line when there are findings, for people reading a CI log: "3 errors, 1 warning in 2 of 5 files"
 * ("notes" are information and hints). It has no "file:line:col", so tools that read findings from the lines pass it by.
 */
export function summaryLine(records: LintRecord[], linted: number): string {
  const errors = records.filter((r) => r.severity === 'error').length;
  const warnings = records.filter((r) => r.severity === 'warning').length;
  const notes = records.length - errors - warnings;
  const counts = [[errors, 'error'], [warnings, 'warning'], [notes, 'note']] as const;
  const found = counts.filter(([n]) => n > 0).map(([n, noun]) => counted(n, noun));
  const withFindings = new Set(records.map((r) => r.file)).size;
  return `${found.join(', ')} in ${withFindings < linted ? `${withFindings} of ${counted(linted, 'file')}` : counted(withFindings, 'file')}`;
}

/** Whether the bytes start with a UTF-16 byte order mark (FF FE little-endian, FE FF big-endian). */
function isUtf16(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** The one finding for a UTF-16 file: what it is and how to save it, instead of "NUL characters: a binary file". */
function utf16Record(file: string, kind: DocumentKind): LintRecord {
  const cli = kind === 'query' ? '' : ', which the AWS CLI cannot read ("text contents could not be decoded")';
  return {
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    severity: 'error',
    code: 'binary-content',
    message: `The file is saved as UTF-16 (it starts with a UTF-16 byte order mark)${cli}, so it is not analysed. Save it as UTF-8 without a byte order mark.`,
  };
}

/**
 * The request files of a folder and its subfolders, in name order; node_modules and dot folders are skipped (they
 * hold dependencies and tool state, not the user's requests). Folders that cannot be read are reported.
 */
async function requestFilesIn(dir: string, out: string[], unreadable: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    unreadable.push(`cannot read folder ${dir}${ioReason(err)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) await requestFilesIn(path, out, unreadable);
    } else if ((e.isFile() || e.isSymbolicLink()) && documentKindForPath(e.name)) {
      out.push(path);
    }
  }
}

function ioReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? ': no such file or folder' : code === 'EISDIR' ? ': is a folder' : code === 'EACCES' ? ': permission denied' : code ? ` (${code})` : '';
}

export async function runLint(args: string[]): Promise<number> {
  let format: Format = 'text';
  let fix = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const value = a === '--format' ? args[++i] : a.slice('--format='.length);
      const known = FORMATS.find((f) => f === value);
      if (!known) {
        console.error(`elasticache lint: --format must be text, json or github\n${USAGE}`);
        return 2;
      }
      format = known;
    } else if (a === '--fix') {
      fix = true;
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a === '--version') {
      console.log(version);
      return 0;
    } else if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      console.error(`elasticache lint: unknown option ${a}\n${USAGE}`);
      return 2;
    } else {
      paths.push(a);
    }
  }
  if (paths.length === 0) {
    console.error(USAGE);
    return 2;
  }
  let ioError = false;
  let hasError = false;
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((err: unknown) => err as NodeJS.ErrnoException);
    if (info instanceof Error) {
      console.error(`elasticache lint: cannot read ${path}${ioReason(info)}`);
      ioError = true;
    } else if (info.isDirectory()) {
      const unreadable: string[] = [];
      await requestFilesIn(path, files, unreadable);
      for (const u of unreadable) console.error(`elasticache lint: ${u}`);
      if (unreadable.length > 0) ioError = true;
    } else if (documentKindForPath(path)) {
      files.push(path);
    } else {
      // Named, but not a request file (the editor does not check it either): said, and left out of the exit code.
      console.error(`elasticache lint: skipped ${path}: not a request file (a request file's name ends in ${REQUEST_FILE_NAMES})`);
    }
  }
  const records: LintRecord[] = [];
  // Text and GitHub commands are written as each file is done; JSON is one array at the end.
  const lineOf = format === 'text' ? textLine : format === 'github' ? githubCommand : undefined;
  let linted = 0;
  // A file named twice, or named and inside a folder named too, is linted once: its findings are not repeated.
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(resolve(file))) continue;
    seen.add(resolve(file));
    const kind = documentKindForPath(file)!;
    let text: string;
    try {
      const bytes = await readFile(file);
      linted++;
      if (isUtf16(bytes)) {
        // Windows PowerShell 5 writes `>` redirections as UTF-16: read as UTF-8, every other byte is NUL.
        const found = utf16Record(file, kind);
        hasError = true;
        records.push(found);
        if (lineOf) process.stdout.write(`${lineOf(found)}\n`);
        continue;
      }
      text = bytes.toString('utf8');
      // A byte order mark is harmless in Query and YAML files, but the AWS CLI rejects a JSON input that has one.
      const bom = kind !== 'json' && text.startsWith('\uFEFF') ? '\uFEFF' : '';
      if (bom) text = text.slice(1);
      if (fix && !Buffer.from(bom + text, 'utf8').equals(bytes)) {
        // Bytes that are not UTF-8 were read as U+FFFD: writing the text back would lose them.
        console.error(`elasticache lint: ${file}: not fixed: the file is not valid UTF-8, and writing it back would replace the bytes that are not. Save it as UTF-8 first.`);
      } else if (fix) {
        const fixed = fixAll(text, kind);
        if (fixed.applied > 0) {
          await writeFile(file, bom + fixed.text);
          text = fixed.text;
          console.error(`elasticache lint: ${file}: fixed ${fixed.applied} problem${fixed.applied === 1 ? '' : 's'}`);
        }
      }
    } catch (err) {
      console.error(`elasticache lint: cannot ${fix ? 'read or write' : 'read'} ${file}${ioReason(err)}`);
      ioError = true;
      continue;
    }
    const found = lintText(file, text, kind);
    if (found.some((r) => r.severity === 'error')) hasError = true;
    records.push(...found);
    if (lineOf) {
      for (const r of found) process.stdout.write(`${lineOf(r)}\n`);
    }
  }
  if (format === 'json') process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
  else if (records.length > 0) process.stdout.write(`${summaryLine(records, linted)}\n`);
  else if (linted > 0 && !ioError) process.stdout.write(`${counted(linted, 'file')}, no problems\n`);
  if (files.length === 0 && !ioError) {
    // Nothing was checked: a CI step that passed here would pass having checked nothing.
    console.error(`elasticache lint: no request files found (names ending in ${REQUEST_FILE_NAMES})`);
    return 2;
  }
  return ioError ? 2 : hasError ? 1 : 0;
}
