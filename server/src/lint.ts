// `elasticache lint FILE... [--format text|json]`: the language server's analysis for CI.
// Exit 0 when no file has an error finding, 1 when one has, 2 on usage or I/O errors (e.g. a missing file).
import { readFile } from 'node:fs/promises';
import { analyze, documentKindForPath, type DocumentKind, type Finding } from './service/index';

const usage = 'usage: elasticache lint FILE... [--format text|json]';

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

/** `.elasticache` → query; `*.json` / `*.yaml|yml` without the `.elasticache.` infix are still read as CLI input. */
export function kindForLint(path: string): DocumentKind {
  const known = documentKindForPath(path);
  if (known) return known;
  const p = path.toLowerCase();
  if (p.endsWith('.json')) return 'json';
  if (p.endsWith('.yaml') || p.endsWith('.yml')) return 'yaml';
  return 'query';
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
      return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity: f.severity, code: f.code, message: f.message.replace(/\s*\n\s*/g, ' ') };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
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

export async function runLint(args: string[]): Promise<number> {
  let format: 'text' | 'json' = 'text';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const value = a === '--format' ? args[++i] : a.slice('--format='.length);
      if (value !== 'text' && value !== 'json') {
        console.error(`elasticache lint: --format must be text or json\n${usage}`);
        return 2;
      }
      format = value;
    } else if (a === '--help' || a === '-h') {
      console.log(usage);
      return 0;
    } else if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      console.error(`elasticache lint: unknown option ${a}\n${usage}`);
      return 2;
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) {
    console.error(usage);
    return 2;
  }
  let ioError = false;
  let hasError = false;
  const records: LintRecord[] = [];
  for (const file of files) {
    let text: string;
    try {
      const bytes = await readFile(file);
      if (isUtf16(bytes)) {
        // Windows PowerShell 5 writes `>` redirections as UTF-16: read as UTF-8, every other byte is NUL.
        const found = utf16Record(file, kindForLint(file));
        hasError = true;
        records.push(found);
        if (format === 'text') process.stdout.write(`${found.file}:1:1 ${found.severity} ${found.code} ${found.message}\n`);
        continue;
      }
      text = bytes.toString('utf8');
      // A byte order mark is harmless in Query and YAML files, but the AWS CLI rejects a JSON input that has one.
      if (kindForLint(file) !== 'json') text = text.replace(/^\uFEFF/, '');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      console.error(`elasticache lint: cannot read ${file}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': is a directory' : code ? ` (${code})` : ''}`);
      ioError = true;
      continue;
    }
    const found = lintText(file, text, kindForLint(file));
    if (found.some((r) => r.severity === 'error')) hasError = true;
    records.push(...found);
    if (format === 'text') {
      for (const r of found) process.stdout.write(`${r.file}:${r.line}:${r.column} ${r.severity} ${r.code} ${r.message}\n`);
    }
  }
  if (format === 'json') process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
  return ioError ? 2 : hasError ? 1 : 0;
}
