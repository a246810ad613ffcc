// Every notification (toast) and modal question of the extension starts with "ElastiCache: ", as VS Code shows a
// toast's source only on hover and a modal's not at all: the client code shows them through client/src/notify.ts,
// which adds it. Read from the source, since the VS Code API cannot run in these tests.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const src = path.join(__dirname, '../../client/src');

/** The calls of `name(` in `text`, each from the name to its closing parenthesis. */
function calls(text: string, name: RegExp): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(name)) {
    let depth = 0;
    for (let i = m.index + m[0].length - 1; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) {
        found.push(text.slice(m.index, i + 1));
        break;
      }
    }
  }
  return found;
}

test('notifications and modal questions start with "ElastiCache: ": shown through notify.ts only', () => {
  const direct: string[] = [];
  let viaNotify = 0;
  let modal = 0;
  for (const file of fs.readdirSync(src).filter((f) => f.endsWith('.ts') && f !== 'notify.ts')) {
    const text = fs.readFileSync(path.join(src, file), 'utf8');
    for (const call of calls(text, /\bshow(?:Information|Warning|Error)Message\s*\(/g)) direct.push(`${file}: ${call.replace(/\s+/g, ' ').slice(0, 120)}`);
    viaNotify += calls(text, /\bshow(?:Info|Warning|Error)\(/g).length;
    modal += calls(text, /\bask(?:Warning|Error)\(/g).length;
  }
  assert.deepEqual(direct, [], 'messages shown without the ElastiCache: prefix (not through notify.ts)');
  assert.ok(viaNotify >= 10, `the notifications go through notify.ts (${viaNotify} calls found)`);
  // Stop Local, the create's two questions (bill, credentials), Reboot, Delete.
  assert.ok(modal >= 5, `the modal questions go through notify.ts (${modal} calls found)`);
  // notify.ts itself adds the prefix (and takes out secrets) for every kind, modal or not, and nothing else does.
  const notify = fs.readFileSync(path.join(src, 'notify.ts'), 'utf8');
  assert.match(notify, /const own = notificationText;/);
  const shown = calls(notify, /vscode\.window\.show(?:Information|Warning|Error)Message\(/g);
  assert.equal(shown.length, 5, shown.join('\n'));
  for (const call of shown) assert.match(call, /Message\(own\(message\)/, call);
  for (const kind of ['Information', 'Warning', 'Error']) assert.match(notify, new RegExp(`vscode\\.window\\.show${kind}Message\\(own\\(message\\), \\.\\.\\.items\\)`), kind);
  for (const kind of ['Warning', 'Error']) assert.match(notify, new RegExp(`vscode\\.window\\.show${kind}Message\\(own\\(message\\), \\{ modal: true, detail: detailText\\(detail\\) \\}`), `modal ${kind}`);
});

test('progress notifications are titled "ElastiCache: …" too', () => {
  const untitled: string[] = [];
  for (const file of fs.readdirSync(src).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(src, file), 'utf8');
    for (const m of text.matchAll(/ProgressLocation\.Notification,\s*title:\s*(['`])(.*?)\1/g)) {
      if (!m[2]!.startsWith('ElastiCache: ')) untitled.push(`${file}: ${m[2]}`);
    }
  }
  assert.deepEqual(untitled, []);
});

// Secrets in every form a message may quote them, each with a marker that must not be shown.
const SECRET_FORMS = [
  'Action=CreateCacheCluster&AuthToken=ZQXquery0123456789&CacheClusterId=c1',
  'Action=CreateCacheCluster&Auth%54oken=ZQXencodedName0123&CacheClusterId=c1',
  'Action=CreateCacheCluster&AuthToken%3DZQXencodedEquals01',
  '{"AuthToken": "ZQXjson0123456789", "CacheClusterId": "c1"}',
  "{'AuthToken': 'ZQXsingle0123456789'}",
  'AuthToken: ZQXyaml0123456789',
  'X-Amz-Security-Token: ZQXheaderSession01',
  'AuthToken =ZQXspaced0123456789',
  'failed: secretAccessKey=ZQXsecretKey aws_session_token=ZQXsessionToken',
];

test('a notification shows no secret, whatever form its text quotes it in; other values stay readable', async () => {
  const { notificationText } = await import('../../client/src/errors');
  for (const form of SECRET_FORMS) {
    const shown = notificationText(`Create refused: ${form}`);
    assert.doesNotMatch(shown, /ZQX/, shown);
    assert.match(shown, /^ElastiCache: Create refused: /);
  }
  // Clean case: names that only contain a secret's name keep their values, and so does the rest of the text.
  assert.equal(
    notificationText('AuthTokenUpdateStrategy: ROTATE, SignatureVersion=4, CacheClusterId=c1. Signature expired: 20150830T123600Z is now earlier'),
    'ElastiCache: AuthTokenUpdateStrategy: ROTATE, SignatureVersion=4, CacheClusterId=c1. Signature expired: 20150830T123600Z is now earlier',
  );
  assert.equal(notificationText('ElastiCache: once'), 'ElastiCache: once');
});

test('an error in the explorer (describeFailure, its tree item and toast) shows no secret in any form', async () => {
  const { describeFailure } = await import('../../client/src/errors');
  for (const form of SECRET_FORMS) {
    const failure = describeFailure(new Error(`InvalidParameterValue: ${form}`));
    assert.doesNotMatch(JSON.stringify(failure), /ZQX/, form);
  }
});

test('Create from a request with errors: the refusal names the first error, and its notification quotes no secret', async () => {
  const { createRequestsIn, refusal } = await import('../../client/src/createFromRequest');
  const { notificationText } = await import('../../client/src/errors');
  // A malformed AuthToken parameter: the finding names what it saw.
  const text = 'https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=n1&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1&AuthToken:ZQXcolonToken1234567';
  const [request] = createRequestsIn(text, 'query');
  const refused = refusal(request!);
  assert.ok(refused, 'the request is refused');
  assert.doesNotMatch(notificationText(refused), /ZQX/, notificationText(refused));
  assert.match(notificationText(refused), /^ElastiCache: \d+ errors? in this request: fix/);
});

test('Create refused over a value holding a bidi or format character: the notification shows it as an escape, not raw', async () => {
  const { createTargetAt, createRequestLabel, refusal } = await import('../../client/src/createFromRequest');
  const { notificationText, detailText } = await import('../../client/src/errors');
  // U+202E (right-to-left override) would show the rest of the notification reversed.
  const query = (nodeType: string, id = 'c1') =>
    `https://elasticache.us-east-1.amazonaws.com/?Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=${id}&Engine=redis&CacheNodeType=${nodeType}&NumCacheNodes=1`;
  const target = createTargetAt(query('cache.t3%E2%80%AE.micro'), 'query', 10);
  assert.ok('request' in target);
  const refused = refusal(target.request)!;
  const shown = notificationText(refused);
  assert.doesNotMatch(shown, /[\u202e\p{Cf}\p{Cc}]/u, JSON.stringify(shown));
  assert.match(shown, /^ElastiCache: 1 error in this request: fix it before creating \(.*cache\.t3\\u202e\.micro/);
  // The chokepoint too: any notification, and a modal's detail, whose line breaks stay.
  assert.equal(notificationText('Cache cluster a\u202eb\u200bc failed'), 'ElastiCache: Cache cluster a\\u202eb\\u200bc failed');
  assert.equal(detailText('First line \u202e.\n\nSecond line.'), 'First line \\u202e.\n\nSecond line.');
  // An error from the service may quote the request's value: the explorer's error row and the log show it escaped.
  const { describeFailure } = await import('../../client/src/errors');
  assert.equal(describeFailure(new Error('Invalid node type cache.t3\u202e.micro')).message, 'Invalid node type cache.t3\\u202e.micro');
  // The quick pick of a file's create requests names each by its id as written.
  const two = createTargetAt(`${query('cache.t3.micro', 'a%E2%80%AEb')}\n\n${query('cache.t3.micro', 'second')}\n`, 'query', undefined);
  assert.ok('problem' in two && two.candidates);
  assert.deepEqual(two.candidates.map(createRequestLabel), ['CreateCacheCluster a\\u202eb', 'CreateCacheCluster second']);
  // Clean case: a request without such characters is quoted as it is.
  const clean = createTargetAt(query('cachet3micro'), 'query', 10);
  assert.ok('request' in clean);
  assert.match(notificationText(refusal(clean.request)!), /'cachet3micro' is not a node type/);
});

test('Create refused over a request file with more errors than the analysis counts: "At least 1000 errors"', async () => {
  const { createTargetAt, refusal } = await import('../../client/src/createFromRequest');
  const request = (ids: string) => `{\n  "CacheClusterId": "big",\n  "Engine": "redis",\n  "CacheNodeType": "cache.t3.micro",\n  "NumCacheNodes": 1,\n  "SecurityGroupIds": [${ids}]\n}\n`;
  const refusedWith = (errors: number) => {
    const target = createTargetAt(request(Array.from({ length: errors }, (_, i) => `${i}`).join(', ')), 'json', 0);
    assert.ok('request' in target);
    return refusal(target.request) ?? '';
  };
  assert.match(refusedWith(1500), /^At least 1000 errors in this request: fix them before creating \(first: SecurityGroupIds \(item 1\)/);
  // Clean case: fewer errors are counted exactly.
  assert.match(refusedWith(3), /^3 errors in this request: fix them/);
});
