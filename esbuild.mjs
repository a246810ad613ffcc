// Bundles the extension (client), the language server and the command-line tool into dist/.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
// `--bench`: only the benchmark, bundled like dist/server.js so that it measures the code the server runs (run
// through tsx, every call across modules would go through an export getter that the bundle does not have).
const bench = process.argv.includes('--bench');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'info',
  // The AWS SDK ships optional native helpers we never use; keep them out of the bundle.
  external: ['vscode', 'aws-crt', '@aws-sdk/signature-v4-crt'],
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot bundle; take the ESM build.
  mainFields: ['module', 'main'],
  // yaml's Node build reads process.env.LOG_TOKENS for every token and LOG_STREAM for every document (each read
  // is a call into the environment: a quarter of a small YAML file's parse). Its browser build is the same ESM
  // code without those debug switches, and nothing in it needs Node.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (bench) {
  await esbuild.build({ ...common, logLevel: 'warning', entryPoints: ['test/bench/bench.ts'], outfile: '.cache/bench/bench.js' });
} else if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
