// The contract with the real AWS CLI (Debian's awscli, /usr/bin/aws): a CLI input file this project calls
// valid passes the CLI's parameter validation, and one it rejects for a name or a type fails it. The CLI is
// pointed at a closed local port, so "Could not connect" means validation passed; nothing leaves the machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { analyze, type Finding } from '../../server/src/service/index';
import { serviceModel } from '../../server/src/model/generated/serviceModel';

const AWS = '/usr/bin/aws';
const haveAws = existsSync(AWS);
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'elasticache-awscli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface CliResult {
  validationPassed: boolean;
  stderr: string;
}

/** Runs `aws elasticache create-cache-cluster --cli-input-json|yaml file://F` against a closed port. */
function runCli(file: string, kind: 'json' | 'yaml'): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(AWS, ['elasticache', 'create-cache-cluster', `--cli-input-${kind}`, `file://${file}`, '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'y',
        AWS_MAX_ATTEMPTS: '1',
        AWS_CONFIG_FILE: join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        AWS_PAGER: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      if (/Could not connect to the endpoint URL/.test(stderr)) resolve({ validationPassed: true, stderr });
      else if (/Parameter validation failed|Invalid JSON received|Invalid YAML received|Error parsing parameter/.test(stderr)) resolve({ validationPassed: false, stderr });
      else reject(new Error(`unexpected AWS CLI output: ${stderr}`));
    });
  });
}

const NAME_OR_TYPE = new Set(['unknown-parameter', 'parameter-wrong-action', 'invalid-type', 'missing-parameter', 'json-syntax', 'yaml-syntax']);
const nameOrTypeErrors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error' && NAME_OR_TYPE.has(f.code));

/** A value of the right type for every CreateCacheCluster member, generated from the model. */
function wellTyped(shapeName: string): unknown {
  const shape = serviceModel.shapes[shapeName];
  switch (shape.type) {
    case 'structure':
      return Object.fromEntries(Object.entries(shape.members!).map(([k, m]) => [k, wellTyped(m.shape)]));
    case 'list':
      return [wellTyped(shape.member!.shape)];
    case 'integer':
    case 'long':
      return 1;
    case 'boolean':
      return true;
    default:
      return shape.enum ? shape.enum[0] : 'x';
  }
}

/** A value of a wrong type for a member (what botocore rejects). */
function wronglyTyped(shapeName: string): unknown {
  const shape = serviceModel.shapes[shapeName];
  switch (shape.type) {
    case 'structure':
    case 'list':
      return 'not-a-container';
    case 'integer':
    case 'long':
      return '1';
    case 'boolean':
      return 'true';
    default:
      return 5;
  }
}

const inputShape = serviceModel.operations.CreateCacheCluster.input!;
const members = serviceModel.shapes[inputShape].members!;

async function writeAndCheck(name: string, value: unknown, kind: 'json' | 'yaml') {
  const text = kind === 'json' ? JSON.stringify(value, null, 2) : stringify(value);
  const file = join(dir, `${name}.elasticache.${kind}`);
  writeFileSync(file, text);
  return { ours: analyze(text, kind), cli: await runCli(file, kind) };
}

for (const kind of ['json', 'yaml'] as const) {
  test(`${kind}: every member, well typed (generated from the model): we and the AWS CLI both accept the names and types`, { skip: !haveAws && !process.env.CI && 'no /usr/bin/aws', timeout: 120_000 }, async () => {
    const value = wellTyped(inputShape) as Record<string, unknown>;
    const { ours, cli } = await writeAndCheck('all-members', value, kind);
    assert.deepEqual(nameOrTypeErrors(ours.findings), []);
    assert.equal(cli.validationPassed, true, cli.stderr);
  });

  test(`${kind}: a realistic valid request passes both`, { skip: !haveAws && !process.env.CI && 'no /usr/bin/aws', timeout: 120_000 }, async () => {
    const value = {
      CacheClusterId: 'my-cluster',
      Engine: 'redis',
      EngineVersion: '7.1',
      CacheNodeType: 'cache.r7g.large',
      NumCacheNodes: 1,
      CacheParameterGroupName: 'default.redis7',
      CacheSubnetGroupName: 'my-subnets',
      SecurityGroupIds: ['sg-0123456789abcdef0'],
      TransitEncryptionEnabled: true,
      Tags: [{ Key: 'team', Value: 'cache' }],
      LogDeliveryConfigurations: [{ LogType: 'slow-log', DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: 'g' } }, LogFormat: 'json', Enabled: true }],
    };
    const { ours, cli } = await writeAndCheck('realistic', value, kind);
    assert.deepEqual(ours.findings.filter((f) => f.severity === 'error'), []);
    assert.equal(cli.validationPassed, true, cli.stderr);
  });

  test(`${kind}: every member wrongly typed: we flag exactly the members the AWS CLI rejects`, { skip: !haveAws && !process.env.CI && 'no /usr/bin/aws', timeout: 120_000 }, async () => {
    const value: Record<string, unknown> = { CacheClusterId: 'my-cluster' };
    for (const [name, m] of Object.entries(members)) if (name !== 'CacheClusterId') value[name] = wronglyTyped(m.shape);
    const { ours, cli } = await writeAndCheck('all-wrong', value, kind);
    assert.equal(cli.validationPassed, false);
    const cliRejected = new Set([...cli.stderr.matchAll(/Invalid type for parameter (\w+)/g)].map((m) => m[1]));
    const text = kind === 'json' ? JSON.stringify(value, null, 2) : stringify(value);
    const oursRejected = new Set(
      nameOrTypeErrors(ours.findings)
        .filter((f) => f.code === 'invalid-type')
        .map((f) => ours.requests[0].entries.find((e) => e.value.span.start === f.span.start)?.name ?? text.slice(f.span.start, f.span.end)),
    );
    assert.deepEqual([...oursRejected].sort(), [...cliRejected].sort());
    assert.equal(cliRejected.size, Object.keys(members).length - 1);
  });

  test(`${kind}: names and nested types we reject, the AWS CLI rejects too`, { skip: !haveAws && !process.env.CI && 'no /usr/bin/aws', timeout: 180_000 }, async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['unknown-name', { CacheClusterId: 'x', CacheParameterGroup: 'default.redis7' }],
      ['other-action', { CacheClusterId: 'x', AtRestEncryptionEnabled: true }],
      ['nested-unknown', { CacheClusterId: 'x', Tags: [{ Key: 'a', Valu: 'b' }] }],
      ['float-integer', { CacheClusterId: 'x', Port: 6379.5 }],
      ['null', { CacheClusterId: 'x', Engine: null }],
      ['missing-required', { Engine: 'redis' }],
    ];
    for (const [name, value] of cases) {
      const { ours, cli } = await writeAndCheck(name, value, kind);
      assert.ok(nameOrTypeErrors(ours.findings).length > 0, `${name}: we should reject it`);
      assert.equal(cli.validationPassed, false, `${name}: the AWS CLI should reject it`);
    }
  });
}

test('json: float written as 1.0 and YAML 7.0 — the distinctions botocore makes', { skip: !haveAws && !process.env.CI && 'no /usr/bin/aws', timeout: 120_000 }, async () => {
  const jsonFile = join(dir, 'float.elasticache.json');
  const jsonText = '{"CacheClusterId": "x", "NumCacheNodes": 1.0}';
  writeFileSync(jsonFile, jsonText);
  assert.equal((await runCli(jsonFile, 'json')).validationPassed, false);
  assert.ok(nameOrTypeErrors(analyze(jsonText, 'json').findings).length > 0);
  const yamlFile = join(dir, 'float.elasticache.yaml');
  const yamlText = 'CacheClusterId: x\nEngineVersion: 7.0\n';
  writeFileSync(yamlFile, yamlText);
  assert.equal((await runCli(yamlFile, 'yaml')).validationPassed, false);
  assert.ok(nameOrTypeErrors(analyze(yamlText, 'yaml').findings).length > 0);
  const quoted = 'CacheClusterId: x\nEngineVersion: "7.0"\n';
  writeFileSync(yamlFile, quoted);
  assert.equal((await runCli(yamlFile, 'yaml')).validationPassed, true);
  assert.deepEqual(nameOrTypeErrors(analyze(quoted, 'yaml').findings), []);
});

test('yaml: scalars the AWS CLI loader resolves differently from plain YAML 1.2 (timestamps, 1_000, !!binary)', { skip: !haveAws && !process.env.CI && 'no /usr/bin/aws', timeout: 120_000 }, async () => {
  const cases: [string, string, boolean][] = [
    ['timestamp', 'CacheClusterId: x\nTags:\n  - Key: d\n    Value: 2024-01-01\n', false],
    ['quoted-date', 'CacheClusterId: x\nTags:\n  - Key: d\n    Value: "2024-01-01"\n', true],
    ['underscore-int', 'CacheClusterId: x\nPort: 6_379\n', true],
    ['yes-is-a-string', 'CacheClusterId: x\nEngine: yes\n', true],
    ['hex-int-for-string', 'CacheClusterId: x\nEngine: 0x1F\n', false],
    ['binary-for-string', 'CacheClusterId: x\nTags:\n  - Key: d\n    Value: !!binary aGVsbG8=\n', false],
    ['binary-for-integer', 'CacheClusterId: x\nPort: !!binary aGVsbG8=\n', false],
  ];
  for (const [name, text, valid] of cases) {
    const file = join(dir, `${name}.elasticache.yaml`);
    writeFileSync(file, text);
    const cli = await runCli(file, 'yaml');
    const ours = nameOrTypeErrors(analyze(text, 'yaml').findings);
    assert.equal(cli.validationPassed, valid, `${name}: AWS CLI ${cli.stderr}`);
    assert.equal(ours.length === 0, valid, `${name}: ours ${ours.map((f) => f.message)}`);
  }
});

test('files the AWS CLI reads differently from plain YAML/JSON: tabs between YAML tokens, a JSON byte order mark, YAML hex integers', { skip: !haveAws && !process.env.CI && 'no /usr/bin/aws', timeout: 120_000 }, async () => {
  const base = 'CacheClusterId: x\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\n';
  const cases: [string, string, 'json' | 'yaml', boolean][] = [
    ['tab-after-colon', base + 'Port:\t6379\n', 'yaml', false],
    ['tab-only-line', base + '\t\nPort: 6379\n', 'yaml', false],
    ['tab-in-quotes-and-comment', base + 'Tags:\n  - Key: "a\tb"  # x\ty\n', 'yaml', true],
    ['hex-port', base + 'Port: 0x18EB\n', 'yaml', true],
    ['bom', '\uFEFF{"CacheClusterId": "x", "NumCacheNodes": 1}', 'json', false],
  ];
  for (const [name, text, kind, valid] of cases) {
    const file = join(dir, `${name}.elasticache.${kind}`);
    writeFileSync(file, text);
    const cli = await runCli(file, kind);
    const ours = analyze(text, kind).findings.filter((f) => f.severity === 'error');
    assert.equal(cli.validationPassed, valid, `${name}: AWS CLI ${cli.stderr}`);
    assert.equal(ours.length === 0, valid, `${name}: ours ${ours.map((f) => f.message)}`);
  }
});
