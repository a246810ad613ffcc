// Extension entry point: wiring only. The language client for ElastiCache request documents (the language server
// also serves the "Create cluster" CodeLens), the explorer and the commands. The AWS SDK and the language service
// are loaded on first use by the modules that need them.
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerCommands, setLocalRunning, workspaceFolderOnDisk } from './commands';
import { affectsSettings, ignoredWorkspaceSettings, languageServerTraceAllowed, readSettings } from './config';
import { type Connection, CredentialChecks, awsConnections, checkCredentials, createClient, localConnection, mightHaveAwsCredentials } from './connections';
import { knownProblem } from './errors';
import { LocalEndpointManager, configuredDataDir, restartWithNewSettings, settingsChangedNotice } from './localEndpoint';
import { traceOutputChannel, trustGatedSettings } from './restrictedSettings';
import { localCaFile } from './clusterView';
import { ClustersTree, VIEW_ID } from './treeView';
import { showInfo, showWarning } from './notify';

export const requestDocuments = [
  { language: 'elasticache-query' },
  { language: 'json', pattern: '**/*.elasticache.json' },
  { language: 'yaml', pattern: '**/*.elasticache.{yaml,yml}' },
  { pattern: '**/*.elasticache.{json,yaml,yml}' },
];

let languageClient: LanguageClient | undefined;
const local = new LocalEndpointManager();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('ElastiCache', { log: true });
  context.subscriptions.push(log);

  // Language client: dist/server.js over stdio.
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: requestDocuments,
    outputChannel: log,
    // elasticache.trace.server (read by vscode-languageclient itself): an untrusted workspace's value writes nothing.
    traceOutputChannel: traceOutputChannel(log, languageServerTraceAllowed),
    // This client runs the "Create cluster" CodeLens's command (ElastiCacheInitializationOptions in server/src/server.ts).
    initializationOptions: { createFromRequestLens: true },
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.elasticache{,.json,.yaml,.yml}') },
  };
  languageClient = new LanguageClient('elasticache', 'ElastiCache Language Server', serverOptions, clientOptions);
  languageClient.start().catch((err: unknown) => log.error(`Language server failed to start: ${err instanceof Error ? err.message : String(err)}`));

  // Connections and one cached SDK client per connection (settings changes drop the cache).
  const clients = new Map<string, Promise<ElastiCacheClient>>();
  // With no credentials anywhere and Local stopped, the tree is empty and its welcome offers Local first.
  const connections = async (): Promise<Connection[]> => {
    const url = local.url;
    const localRoot: Connection = url ? localConnection(url) : { ...localConnection(''), endpoint: undefined };
    return [localRoot, ...(await awsConnections(readSettings()))];
  };
  // Once the connections are shown they stay (stopping Local must not hide the AWS connection behind the welcome).
  let shownOnce = false;
  const roots = async (): Promise<Connection[]> => {
    shownOnce ||= !!(local.url || context.globalState.get<boolean>('elasticache.showAws') || mightHaveAwsCredentials(readSettings()));
    return shownOnce ? connections() : [];
  };
  const client = (connection: Connection): Promise<ElastiCacheClient> => {
    const key = JSON.stringify(connection);
    let c = clients.get(key);
    if (!c) {
      c = createClient(connection, log);
      c.catch(() => clients.delete(key));
      clients.set(key, c);
    }
    return c;
  };

  // What the last credential check found per AWS profile.
  const credentialChecks = new CredentialChecks();
  const forgetClients = (): void => {
    for (const c of clients.values()) void c.then((x) => x.destroy(), () => undefined);
    clients.clear();
    credentialChecks.clear();
  };
  const dropClients = (): void => {
    forgetClients();
    tree.refresh();
  };

  const tree = new ClustersTree({ connections: roots, client }, (connection) => localCaFile(connection, local.running));
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(tree, view, tree.attach(view));

  context.subscriptions.push(
    ...registerCommands({
      log,
      local,
      tree,
      connections,
      client,
      async checkCredentials(connection) {
        const failure = await checkCredentials(connection);
        credentialChecks.set(connection, failure);
        return failure;
      },
      knownProblem: (connection) => knownProblem(credentialChecks.get(connection), tree.model.failureOf(connection.id)),
      forgetClients,
      showAwsConnection: async () => {
        await context.globalState.update('elasticache.showAws', true);
        tree.refresh();
      },
      lintCliPath: context.asAbsolutePath('dist/cli.js'),
      focusFindings: (uri, offset) => void languageClient?.sendNotification('elasticache/focus', { uri: uri.toString(), offset }).catch(() => undefined),
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSettings(e)) dropClients();
      const changed = ['elasticache.local.port', 'elasticache.local.dataDir'].filter((key) => e.affectsConfiguration(key));
      if (changed.length > 0) void offerLocalRestart(changed, tree);
    }),
    // Trusted now: workspace settings (profile, endpoint) apply, so clients built without them go.
    vscode.workspace.onDidGrantWorkspaceTrust(dropClients),
  );
  // Said once: otherwise the explorer silently uses another profile or endpoint than the workspace's settings name.
  // Not awaited: activation does not wait for the settings file to be read.
  void ignoredWorkspaceSettings(trustGatedSettings(context.extension.packageJSON)).then((ignored) => {
    if (ignored.length === 0) return;
    const message = `Restricted Mode: this workspace's ${ignored.join(' and ')} ${ignored.length === 1 ? 'is' : 'are'} ignored (your user settings apply) until you trust the folder, so that a folder cannot pick your credentials, redirect requests or have your documents logged.`;
    log.info(message);
    void showInfo(message, 'Manage Workspace Trust').then((action) => {
      if (action) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  });
}

/**
 * The Local endpoint's port and data folder apply at its start: said, with a restart offered, when they change while it
 * runs; without one when no endpoint could start with them (another endpoint holds the data folder they name).
 */
async function offerLocalRestart(changed: string[], tree: ClustersTree): Promise<void> {
  const running = local.running;
  if (!running) return;
  const settings = readSettings();
  let notice: { message: string; button?: string };
  try {
    notice = settingsChangedNotice(running, changed, { port: settings.localPort, dataDir: await configuredDataDir(settings.localDataDir, workspaceFolderOnDisk()) });
  } catch (err) {
    // A relative dataDir and no folder open: no endpoint can start with it, and its message says what to set.
    void showWarning((err as Error).message);
    return;
  }
  const { message, button } = notice;
  if (!button) {
    void showWarning(message);
    return;
  }
  const action = await showInfo(message, button);
  if (action !== button || local.running !== running) return;
  await restartWithNewSettings(local, {
    stopOwn: async () => (await vscode.commands.executeCommand<boolean>('elasticache.stopLocalEndpoint')) === true,
    dropped: async () => {
      await setLocalRunning(false);
      tree.refresh();
    },
    start: () => vscode.commands.executeCommand('elasticache.startLocalEndpoint'),
  });
}

export async function deactivate(): Promise<void> {
  await Promise.allSettled([languageClient?.stop(), local.stop()]);
  languageClient = undefined;
}
