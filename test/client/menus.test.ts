// The explorer's menus offer only what applies: Start Local Endpoint while it is stopped, Stop while it runs (the
// context key elasticache.localRunning, set by the commands), and Copy ARN on clusters only (cache nodes have none).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { clusterContextValue } from '../../client/src/clusterView';
import { describeFailure } from '../../client/src/errors';
import { messageRow } from '../../client/src/explorerModel';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuItem[]>; commands: { command: string; title: string; icon?: string }[]; viewsWelcome: { view: string; contents: string }[] };
};
const menus = manifest.contributes.menus;
const entries = (menu: string, command: string): MenuItem[] => (menus[menu] ?? []).filter((m) => m.command === command);

test('Start Local Endpoint shows only while stopped, Stop only while running, in every menu', () => {
  for (const menu of ['commandPalette', 'view/title', 'view/item/context']) {
    const start = entries(menu, 'elasticache.startLocalEndpoint');
    const stop = entries(menu, 'elasticache.stopLocalEndpoint');
    assert.ok(start.length > 0 && stop.length > 0, menu);
    for (const m of start) assert.match(m.when ?? '', /(^|&& )!elasticache\.localRunning\b/, `${menu}: ${m.when}`);
    for (const m of stop) assert.match(m.when ?? '', /(^|&& )elasticache\.localRunning\b/, `${menu}: ${m.when}`);
  }
});

test('Copy ARN is offered on clusters, not on cache nodes; Copy Endpoint on both', () => {
  const arn = entries('view/item/context', 'elasticache.copyArn');
  assert.equal(arn.length, 1);
  const when = arn[0]!.when ?? '';
  const viewItem = new RegExp(/viewItem =~ \/(.*)\//.exec(when)![1]!);
  assert.ok(viewItem.test('cluster.redis') && viewItem.test('cluster.memcached'));
  assert.ok(!viewItem.test('cacheNode'), when);
  const endpoint = new RegExp(/viewItem =~ \/(.*)\//.exec(entries('view/item/context', 'elasticache.copyEndpoint')[0]!.when ?? '')![1]!);
  assert.ok(endpoint.test('cacheNode') && endpoint.test('cluster.redis'));
});

test('the welcome view has one button (Start Local Endpoint); the AWS choices are links inside a sentence', () => {
  const welcome = manifest.contributes.viewsWelcome.filter((w) => w.view === 'elasticache.clusters');
  assert.equal(welcome.length, 1);
  const lines = welcome[0]!.contents.split('\n');
  const link = /\[([^\]]+)\]\(command:([\w.]+)\)/g;
  // VS Code renders a line holding only a link as a (primary) button, and links within text as links.
  const buttons = lines.filter((l) => /^\[[^\]]+\]\(command:[\w.]+\)$/.test(l.trim()));
  assert.deepEqual(buttons, ['[Start Local Endpoint](command:elasticache.startLocalEndpoint)']);
  const inline = lines.filter((l) => !buttons.includes(l)).flatMap((l) => [...l.matchAll(link)].map((m) => m[2]));
  assert.deepEqual(inline.sort(), ['elasticache.configureProfile', 'elasticache.showAwsConnection']);
  const known = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const m of welcome[0]!.contents.matchAll(link)) assert.ok(known.has(m[2]!), `${m[2]} is a contributed command`);
});

/** Whether an item menu entry can show for a tree item with this contextValue (its `viewItem ==` or `=~` clause). */
function showsFor(m: MenuItem, viewItem: string): boolean {
  const clauses = (m.when ?? '').split(' && ');
  assert.ok(clauses.includes('view == elasticache.clusters'), `${m.command}: ${m.when}`);
  const clause = clauses.find((c) => c.startsWith('viewItem '));
  assert.ok(clause, `${m.command} has no viewItem clause: ${m.when}`);
  const eq = /^viewItem == (\S+)$/.exec(clause);
  if (eq) return eq[1] === viewItem;
  return new RegExp(/^viewItem =~ \/(.*)\/$/.exec(clause)![1]!).test(viewItem);
}
const itemMenu = manifest.contributes.menus['view/item/context']!;
const inlineFor = (viewItem: string): string[] => itemMenu.filter((m) => m.group?.startsWith('inline') && showsFor(m, viewItem)).map((m) => m.command);
const contextFor = (viewItem: string): string[] => itemMenu.filter((m) => !m.group?.startsWith('inline') && showsFor(m, viewItem)).map((m) => m.command);

test('cluster rows: inline Copy Endpoint once the cluster has an endpoint, inline Delete (trash); the context menu keeps both', () => {
  const endpoint = { Address: '127.0.0.1', Port: 40001 };
  const withEndpoint = clusterContextValue({ Engine: 'redis', CacheClusterStatus: 'available', CacheNodes: [{ CacheNodeId: '0001', Endpoint: endpoint }] }, 'aws');
  const memcached = clusterContextValue({ Engine: 'memcached', CacheClusterStatus: 'available', ConfigurationEndpoint: endpoint }, 'aws');
  const noEndpoint = clusterContextValue({ Engine: 'redis', CacheClusterStatus: 'available', CacheNodes: [] }, 'aws');
  assert.deepEqual([withEndpoint, memcached, noEndpoint], ['cluster.redis.endpoint.reboot.delete', 'cluster.memcached.endpoint.reboot.delete', 'cluster.redis.reboot.delete']);
  assert.deepEqual(inlineFor(withEndpoint), ['elasticache.copyEndpoint', 'elasticache.deleteCluster']);
  assert.deepEqual(inlineFor(memcached), ['elasticache.copyEndpoint', 'elasticache.deleteCluster']);
  assert.deepEqual(inlineFor(noEndpoint), ['elasticache.deleteCluster']);
  assert.deepEqual(inlineFor('cacheNode'), []);
  for (const viewItem of [withEndpoint, noEndpoint]) {
    for (const command of ['elasticache.copyEndpoint', 'elasticache.copyArn', 'elasticache.deleteCluster']) assert.ok(contextFor(viewItem).includes(command), `${viewItem}: ${command}`);
  }
  const icon = (command: string): string | undefined => manifest.contributes.commands.find((c) => c.command === command)?.icon;
  assert.equal(icon('elasticache.deleteCluster'), '$(trash)');
  assert.equal(icon('elasticache.copyEndpoint'), '$(copy)');
});

test('Copy redis-cli Command is offered on Valkey/Redis OSS clusters whose endpoint serves, not on Memcached (redis-cli does not speak its protocol) nor before an endpoint', () => {
  const endpoint = { Address: '127.0.0.1', Port: 40001 };
  const valkey = clusterContextValue({ Engine: 'valkey', CacheClusterStatus: 'available', CacheNodes: [{ CacheNodeId: '0001', Endpoint: endpoint }] }, 'aws');
  const memcached = clusterContextValue({ Engine: 'memcached', CacheClusterStatus: 'available', ConfigurationEndpoint: endpoint }, 'aws');
  const creating = clusterContextValue({ Engine: 'valkey', CacheClusterStatus: 'creating', CacheNodes: [{ CacheNodeId: '0001', Endpoint: endpoint }] }, 'aws');
  assert.ok(contextFor(valkey).includes('elasticache.copyCliCommand'), valkey);
  for (const viewItem of [memcached, creating, 'cacheNode']) assert.ok(!contextFor(viewItem).includes('elasticache.copyCliCommand'), viewItem);
  assert.deepEqual(entries('commandPalette', 'elasticache.copyCliCommand').map((m) => m.when), ['false'], 'it needs a cluster');
});

test('Reboot… and Delete… are offered only in the status the service accepts them in (available), the inline Copy Endpoint only while the endpoint serves', () => {
  const endpoint = { Address: '127.0.0.1', Port: 40001 };
  // Every status of the API reference's CacheClusterStatus list (both spellings of the reboot), on AWS and on the Local endpoint.
  const offered = (status: string, connectionKind: 'aws' | 'local' = 'aws'): string[] => {
    const viewItem = clusterContextValue({ Engine: 'valkey', CacheClusterStatus: status, CacheNodes: [{ CacheNodeId: '0001', Endpoint: endpoint }] }, connectionKind);
    const inline = inlineFor(viewItem).map((c) => `inline ${c}`);
    const context = contextFor(viewItem).filter((c) => c === 'elasticache.rebootCluster' || c === 'elasticache.deleteCluster');
    return [...inline, ...context];
  };
  const copy = 'inline elasticache.copyEndpoint';
  const trash = 'inline elasticache.deleteCluster';
  const reboot = 'elasticache.rebootCluster';
  const del = 'elasticache.deleteCluster';
  assert.deepEqual(offered('available'), [copy, trash, reboot, del]);
  // No node answers while creating, once deleting, or in the statuses whose nodes did not start or failed for good.
  for (const status of ['creating', 'deleting', 'deleted', 'incompatible-network', 'restore-failed']) assert.deepEqual(offered(status), [], status);
  for (const status of ['modifying', 'rebooting cluster nodes', 'rebooting cache cluster nodes', 'snapshotting']) {
    assert.deepEqual(offered(status), [copy], status);
  }
  // The Local endpoint deletes a cluster whose nodes did not start (restore-failed), whose endpoint does not answer;
  // it cannot reboot it. AWS documents Delete in `available` only, so an AWS restore-failed cluster has none (above).
  assert.deepEqual(offered('restore-failed', 'local'), [trash, del]);
  assert.deepEqual(offered('available', 'local'), [copy, trash, reboot, del]);
  for (const status of ['creating', 'deleting', 'incompatible-network']) assert.deepEqual(offered(status, 'local'), [], `local ${status}`);
});

test('a command that asks before acting (a confirmation, a picker, a wizard) ends its title with "…", and only those', () => {
  // Reboot and Delete confirm in a modal; Create Cluster from Request picks the connection; the others open a
  // wizard or picker. Stop Local Endpoint asks only while nodes run, so it stays a plain action.
  const asks = new Set([
    'elasticache.createCluster',
    'elasticache.createFromRequest',
    'elasticache.rebootCluster',
    'elasticache.deleteCluster',
    'elasticache.deleteReplicationGroup',
    'elasticache.configureProfile',
    'elasticache.selectRegions',
  ]);
  for (const { command, title } of manifest.contributes.commands) {
    if (asks.has(command)) assert.match(title, /…$/, `${command} asks first: "${title}"`);
    else assert.doesNotMatch(title, /…|\.\.\./, `${command} acts at once: "${title}"`);
  }
  assert.equal(manifest.contributes.commands.find((c) => c.command === 'elasticache.rebootCluster')?.title, 'Reboot…');
});

test('error rows: a short label, the explanation beside it, and the fix as click and inline action', () => {
  const noCredentials = messageRow({
    type: 'message',
    id: 'aws:default:us-east-1/#error',
    connection: { id: 'aws:default:us-east-1', kind: 'aws', label: 'AWS default · us-east-1', region: 'us-east-1', profile: 'default' },
    message: '',
    failure: describeFailure(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })),
  });
  assert.equal(noCredentials.label, 'No AWS credentials');
  assert.equal(noCredentials.description, 'Configure a profile (aws configure / aws sso login) or use the Local endpoint.');
  assert.equal(noCredentials.contextValue, 'error.configure');
  assert.deepEqual(inlineFor(noCredentials.contextValue), ['elasticache.configureProfile', 'elasticache.refresh']);
  assert.deepEqual(inlineFor('error.retry'), ['elasticache.refresh']);
  assert.deepEqual(inlineFor('message'), []);
});

test('every setting\'s default passes its own schema in the Settings editor: no "URI expected" under an empty endpoint URL', () => {
  const settings = (manifest as unknown as { contributes: { configuration: { properties: Record<string, { type: string; default?: unknown; format?: string; pattern?: string; patternErrorMessage?: string }> } } }).contributes.configuration.properties;
  for (const [name, schema] of Object.entries(settings)) {
    if (schema.type !== 'string' || typeof schema.default !== 'string') continue;
    // The Settings editor checks a `format` on every value, the empty default included.
    if (schema.default === '') assert.equal(schema.format, undefined, `${name}: an empty default fails "format": "${schema.format}"`);
    if (schema.pattern) assert.match(schema.default, new RegExp(schema.pattern), `${name}: the default fails its pattern`);
  }
  const endpoint = settings['elasticache.endpointUrl']!;
  const valid = new RegExp(endpoint.pattern!);
  for (const url of ['', 'https://vpce-0123-abcd.elasticache.us-east-1.vpce.amazonaws.com', 'http://localhost:4510']) assert.match(url, valid, url);
  for (const url of ['elasticache.us-east-1.amazonaws.com', 'ftp://x', 'https://', ' ']) assert.doesNotMatch(url, valid, url);
  assert.match(endpoint.patternErrorMessage ?? '', /http:\/\/ or https:\/\/ URL, or empty/);
});
