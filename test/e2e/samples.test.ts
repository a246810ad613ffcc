// The samples/ folder that `npm start` opens: the valid requests lint clean and pass the real AWS CLI's parameter
// validation; the mistake files and the seed example are reported. Checked with the project's own linter
// (dist/cli.js, built by `npm test`) and Debian's AWS CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness';

const samples = join(ROOT, 'samples');
const lint = (file: string) =>
  spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', join(samples, file)], { encoding: 'utf8', timeout: 30_000 });

const valid = ['redis.elasticache', 'redis.elasticache.json', 'memcached.elasticache', 'memcached.elasticache.yaml'];
const withMistakes = ['seed-example.elasticache', 'common-mistakes.elasticache', 'common-mistakes.elasticache.json'];

for (const file of valid) {
  test(`samples/${file} lints clean`, () => {
    const r = lint(file);
    assert.equal(r.status, 0, `lint exit ${r.status}:\n${r.stdout}${r.stderr}`);
    assert.equal(r.stdout.trim(), '1 file, no problems', `expected no findings, got:\n${r.stdout}`);
  });
}

for (const file of withMistakes) {
  test(`samples/${file} has errors`, () => {
    const r = lint(file);
    assert.equal(r.status, 1, `lint exit ${r.status}:\n${r.stdout}${r.stderr}`);
    assert.match(r.stdout, / error /);
  });
}

const aws = '/usr/bin/aws';
for (const [file, flag] of [['redis.elasticache.json', '--cli-input-json'], ['memcached.elasticache.yaml', '--cli-input-yaml'], ['common-mistakes.elasticache.json', '--cli-input-json']] as const) {
  const shouldPass = !file.startsWith('common-mistakes');
  test(`AWS CLI parameter validation ${shouldPass ? 'accepts' : 'rejects'} samples/${file}`, { skip: existsSync(aws) || process.env.CI ? false : `${aws} missing (Debian package awscli)` }, () => {
    // Nothing listens on port 9: a valid file gets as far as connecting; an invalid one stops at validation.
    const r = spawnSync(aws, ['elasticache', 'create-cache-cluster', flag, `file://${join(samples, file)}`,
      '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1', '--cli-connect-timeout', '1', '--cli-read-timeout', '1'], {
      encoding: 'utf8', timeout: 60_000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_ACCESS_KEY_ID: 'sample', AWS_SECRET_ACCESS_KEY: 'sample', AWS_MAX_ATTEMPTS: '1', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    const out = r.stdout + r.stderr;
    if (shouldPass) {
      assert.doesNotMatch(out, /Parameter validation failed/, out);
      assert.match(out, /Could not connect to the endpoint URL/, out);
    } else {
      assert.match(out, /Parameter validation failed/, out);
    }
  });
}
