// `elasticache` command-line tool: `lint` (the language server's analysis, for CI) and `local` (the
// local ElastiCache-compatible endpoint). Each subcommand lives in its own module; this only dispatches.
import { version } from '../../package.json';
import { runLint } from './lint';
import { runLocal } from '../../local/src/cli';

const usage = `usage: elasticache lint [--fix] [--format text|json|github] PATH...   (elasticache lint --help: folders, exit codes)
       elasticache local [--port 4510] [--host 127.0.0.1] [--data DIR] [--access-key K --secret-key S]
       elasticache --version`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return runLint(rest);
    case 'local':
      return runLocal(rest);
    case '--help':
    case '-h':
      console.log(usage);
      return 0;
    case '--version':
      console.log(version);
      return 0;
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined && code !== null) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`elasticache: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
