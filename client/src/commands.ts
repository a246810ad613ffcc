// Command handlers. Every command takes its inputs as arguments when given (tree item, or a plain object for
// tests and other extensions) and asks the user otherwise. Failures become one readable notification with
// "Show Log"; never a stack trace.
import type { CacheCluster, CreateCacheClusterCommandInput, ElastiCacheClient, ReplicationGroup } from '@aws-sdk/client-elasticache';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { COMMAND_IDS, type CommandId } from './commandIds';
import { readSettings, writeProfile, writeRegions } from './config';
import { atPlace, deleteConfirmationDetail, nodeCount, notCarriedMessage, placeName, rebootConfirmation } from './clusterView';
import { type Connection, effectiveProfile, listProfiles, loadSdk, localConnection, skipsConfirmation } from './connections';
import { CREATE_BILLED, type CreatePrompts, type ProfileChoice, chooseCreateTarget, createProgressText, regionMismatch } from './createFlow';
import { type Failure, describeFailure } from './errors';
import type { ClusterItem, ExplorerItem } from './explorerModel';
import type { CreateRequest, CreateSpec } from './createFromRequest';
import type { StepId, WizardState } from './wizard';
import type { LocalEndpointHandle, LocalEndpointManager, LocalNotice, LocalStartPurpose, WorkspaceFolderOnDisk } from './localEndpoint';
import type { ClustersTree } from './treeView';
import { askError, askWarning, showError, showInfo, showWarning } from './notify';

export interface ClientContext {
  log: vscode.LogOutputChannel;
  local: LocalEndpointManager;
  tree: ClustersTree;
  connections(): Promise<Connection[]>;
  client(connection: Connection): Promise<ElastiCacheClient>;
  /** Resolves an AWS connection's credentials now (fresh, not cached) and remembers the outcome. */
  checkCredentials(connection: Connection): Promise<Failure | undefined>;
  /** What last stopped a connection from working (its credential check, else its listing), without asking again. */
  knownProblem(connection: Connection): Failure | undefined;
  /** Drops the SDK clients and remembered credential checks, so the next call resolves credentials afresh. */
  forgetClients(): void;
  /** Shows the AWS connections even without credentials (the welcome's "Show the AWS connection anyway"). */
  showAwsConnection(): Promise<void>;
  /** The absolute path of the linter this extension ships (dist/cli.js). */
  lintCliPath: string;
  /** Asks the language server to list the findings around `offset` (elasticache/focus), as after an edit there. */
  focusFindings?(uri: vscode.Uri, offset: number): void;
}

/** A connection as commands accept it: a Connection, its id ('local', 'aws:profile:region'), or a tree item. */
type ConnectionArg = Connection | string | { connection?: Connection | string } | undefined;
/** `confirmed: true` skips the reboot/delete modal, on Local only: AWS always asks. */
type ClusterArg = ClusterItem | { connection: Connection | string; cacheClusterId: string; confirmed?: boolean; finalSnapshot?: boolean };
/** A member cluster's row (its group), or the group named; `confirmed: true` skips the modal on Local only. */
type GroupArg = ClusterItem | { connection: Connection | string; replicationGroupId: string; confirmed?: boolean };

const COPY_ENDPOINT = 'Copy Endpoint';
const COPY_CLI_COMMAND = 'Copy redis-cli Command';

/** A command that cannot do what was asked here, for a reason the user can act on: said as it is, not as a failure. */
class Refusal extends Error {}

export function registerCommands(ctx: ClientContext): vscode.Disposable[] {
  const guard =
    <A extends unknown[]>(fn: (...args: A) => Promise<unknown>) =>
    async (...args: A): Promise<unknown> => {
      try {
        return await fn(...args);
      } catch (err) {
        if (err instanceof Refusal) {
          void showInfo(err.message);
          return undefined;
        }
        const failure = describeFailure(err);
        ctx.log.error(failure.message);
        void showError(failure.message, 'Show Log').then((a) => a && ctx.log.show());
        return undefined;
      }
    };
  const commands: Record<CommandId, (...args: never[]) => Promise<unknown>> = {
    'elasticache.startLocalEndpoint': () => startLocal(ctx),
    'elasticache.stopLocalEndpoint': (arg?: { confirmed?: boolean }) => stopLocal(ctx, arg?.confirmed === true),
    'elasticache.refresh': async (item?: ExplorerItem) => {
      // Credentials may have been configured since (aws configure, aws sso login): resolve them afresh.
      ctx.forgetClients();
      // An endpoint started (or stopped) outside this window since: shown as it is.
      await detectRunningLocal(ctx);
      ctx.tree.refresh(item?.type === 'message' ? ctx.tree.model.findConnection(item.connection.id) : item);
    },
    'elasticache.createCluster': (arg?: { connection?: ConnectionArg; input?: CreateCacheClusterCommandInput } | ExplorerItem) => createClusterCommand(ctx, arg),
    'elasticache.createFromRequest': (arg?: vscode.Uri | { uri?: vscode.Uri | string; offset?: number; connection?: ConnectionArg }) => createFromRequestCommand(ctx, arg),
    'elasticache.copyEndpoint': async (item: ExplorerItem) => copy(item, 'endpoint'),
    'elasticache.copyArn': async (item: ExplorerItem) => copy(item, 'arn'),
    'elasticache.copyCliCommand': (arg: ClusterArg) => copyCliCommand(ctx, arg),
    'elasticache.openAsRequestFile': (arg: ClusterArg) => openAsRequestFile(ctx, arg),
    'elasticache.rebootCluster': (arg: ClusterArg) => rebootCluster(ctx, arg),
    'elasticache.deleteCluster': (arg: ClusterArg) => deleteCluster(ctx, arg),
    'elasticache.deleteReplicationGroup': (arg: GroupArg) => deleteReplicationGroupCommand(ctx, arg),
    'elasticache.configureProfile': () => configureProfile(ctx),
    'elasticache.selectRegions': () => selectRegions(ctx),
    'elasticache.showAwsConnection': () => ctx.showAwsConnection(),
    'elasticache.showLog': async () => ctx.log.show(),
    // For tasks.json (`${command:elasticache.lintCliPath}`): the linter of the installed extension, where `npx
    // elasticache` would look the name up in the npm registry (the package is not published).
    'elasticache.lintCliPath': async () => ctx.lintCliPath,
  };
  // At activation: an endpoint already running (e.g. npm start's) shows as running, not "Start Local Endpoint".
  void detectRunningLocal(ctx).then(
    (found) => found && ctx.tree.refresh(),
    (err: unknown) => ctx.log.warn(`Could not look for a running Local endpoint: ${describeFailure(err).message}`),
  );
  return COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, guard(commands[id] as (...args: unknown[]) => Promise<unknown>)));
}

async function startLocal(ctx: ClientContext): Promise<string> {
  const { notice, endpoint } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'ElastiCache: starting the Local endpoint…' },
    () => startLocalAs(ctx, { kind: 'command' }),
  );
  if (notice?.warning) void showWarning(notice.message);
  else if (notice) void showInfo(notice.message);
  return endpoint.url;
}

/**
 * Starts Local for the Start command, or as one step of another action (`step`: that action's progress tells it;
 * no toast of its own, since VS Code shows at most three and the action's own result would be pushed out of view).
 */
async function startLocalAs(ctx: ClientContext, how: LocalStartPurpose): Promise<{ endpoint: LocalEndpointHandle; notice?: LocalNotice }> {
  const settings = readSettings();
  const { startLocalFor } = await import('./localEndpoint');
  const options = { port: settings.localPort, dataDir: settings.localDataDir, workspaceFolder: workspaceFolderOnDisk(), log: (line: string) => ctx.log.info(`[local] ${line}`) };
  const started = await startLocalFor(ctx.local, options, how);
  ctx.log.info(`Local endpoint listening on ${started.endpoint.url} (data in ${started.endpoint.dataDir})`);
  await setLocalRunning(true);
  ctx.tree.refresh();
  return started;
}

/** Starts Local, if it is not running, as a step of an action without progress of its own (status bar only). */
async function ensureLocalQuietly(ctx: ClientContext): Promise<void> {
  if (ctx.local.running) return;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'ElastiCache: starting the Local endpoint' }, (progress) =>
    startLocalAs(ctx, { kind: 'step', report: (message) => progress.report({ message }) }),
  );
}

/** The first workspace folder on disk, which a relative elasticache.local.dataDir is taken in once trusted. */
export function workspaceFolderOnDisk(): WorkspaceFolderOnDisk | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  return folder === undefined ? undefined : { path: folder, trusted: vscode.workspace.isTrusted };
}

/** Looks for the configured Local endpoint already running elsewhere (LocalEndpointManager.detect); sets Start/Stop to match. */
async function detectRunningLocal(ctx: ClientContext): Promise<LocalEndpointHandle | undefined> {
  const settings = readSettings();
  const before = ctx.local.running;
  const found = await ctx.local.detect({ port: settings.localPort, dataDir: settings.localDataDir, workspaceFolder: workspaceFolderOnDisk() });
  await setLocalRunning(!!found);
  if (found?.startedBy && found !== before) ctx.log.info(`Using the Local endpoint at ${found.url} (data in ${found.dataDir}), run by process ${found.startedBy.pid}`);
  return found;
}

/** Start/Stop in the menus follow this context key. */
export async function setLocalRunning(running: boolean): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'elasticache.localRunning', running);
}

/** Stops the Local endpoint, asking first when it runs cache nodes (`confirmed: true` skips the question). */
async function stopLocal(ctx: ClientContext, confirmed: boolean): Promise<boolean> {
  const running = ctx.local.running;
  const { startedElsewhereNotice } = await import('./localEndpoint');
  const elsewhere = running && startedElsewhereNotice(running);
  if (elsewhere) {
    // Not stopped, so the explorer keeps showing it running.
    void showInfo(elsewhere);
    return false;
  }
  if (running && !confirmed) {
    let nodes: number | undefined;
    try {
      const { runningCacheNodes } = await import('./localEndpoint');
      nodes = (await runningCacheNodes(await ctx.client(localConnection(running.url)))).nodes;
    } catch (err) {
      ctx.log.warn(`Could not count the Local endpoint's cache nodes: ${describeFailure(err).message}`);
    }
    if (nodes !== 0) {
      const what = nodes === undefined ? 'its cache nodes' : `its ${nodes} cache node${nodes === 1 ? '' : 's'}`;
      const answer = await askWarning(`Stop the Local endpoint and ${what}?`, 'Clients connected to the nodes lose their connections.', 'Stop');
      if (!answer) return false;
    }
  }
  await ctx.local.stop();
  await setLocalRunning(false);
  ctx.tree.refresh();
  return true;
}

/**
 * The connection an argument names. Local is started if needed, unless `startLocal` is false: a create starts it as
 * a step of its own progress (createWithInput), and gets Local without an endpoint until then.
 */
async function resolveConnection(ctx: ClientContext, arg: ConnectionArg, startLocal = true): Promise<Connection | undefined> {
  const wanted = typeof arg === 'object' && arg && !('id' in arg) ? arg.connection : arg;
  if (!wanted) return undefined;
  const id = typeof wanted === 'string' ? wanted : (wanted as Connection).id;
  if (id === 'local' && !ctx.local.running && startLocal) await ensureLocalQuietly(ctx);
  const found = (await ctx.connections()).find((c) => c.id === id || (id === 'aws' && c.kind === 'aws'));
  if (!found) throw new Error(`Unknown connection "${id}".`);
  return found;
}

/** What marks a connection's row when it is known to fail ("no credentials", "SSO login needed", "unreachable", …). */
function problemMark(ctx: ClientContext, c: Connection): string | undefined {
  return ctx.knownProblem(c)?.mark;
}

/** How long the picker waits for an AWS credential check it has no answer for yet (the chain may try IMDS). */
const PICKER_CREDENTIAL_CHECK_MS = 700;

/**
 * Asks where to create; a request written for a Region (its URL's endpoint) offers that Region's AWS connection first,
 * one whose Availability Zones name a Region (`fromZones`) only marks the connections there. A connection known to
 * fail (its credentials, or its last listing: unreachable, denied…) comes after those that can work, never first
 * (preselected); Local, when it would refuse the request (`spec`: cluster mode enabled), comes last, saying why.
 */
async function pickConnection(ctx: ClientContext, requestRegion?: string, fromZones = false, what = 'cluster', spec?: CreateSpec): Promise<Connection | undefined> {
  const { choiceDescription, connectionChoices, workingFirst } = await import('./createFromRequest');
  const choices = connectionChoices(await ctx.connections(), requestRegion, fromZones, spec);
  // Check unchecked AWS connections first (briefly), so that "(no credentials)" and the like show on the first pick
  // too, and a connection that cannot work is not preselected.
  const items = Promise.all(
    choices.map(async (choice) => {
      const c = choice.connection;
      if (c.kind === 'aws' && ctx.knownProblem(c) === undefined) {
        await Promise.race([ctx.checkCredentials(c), new Promise((resolve) => setTimeout(resolve, PICKER_CREDENTIAL_CHECK_MS))]);
      }
      return choice;
    }),
  ).then((checked) =>
    workingFirst(checked, (c) => problemMark(ctx, c) !== undefined).map((choice) => {
      const c = choice.connection;
      const mark = problemMark(ctx, c);
      return { label: mark ? `${c.label} (${mark})` : c.label, description: choiceDescription(choice), c };
    }),
  );
  const chosen = await vscode.window.showQuickPick(items, {
    title: !requestRegion
      ? `Create the ${what} on which connection?`
      : `Create the ${what} on which connection? (${fromZones ? `its Availability Zones are in ${requestRegion}` : `the request is written for ${requestRegion}`})`,
    ignoreFocusOut: true,
  });
  if (!chosen) return undefined;
  // An AWS connection in the request's Region may not be listed in the explorer yet: the create adds its Region.
  return chosen.c.kind === 'local' ? resolveConnection(ctx, chosen.c.id, false) : chosen.c;
}

async function clusterFromArg(ctx: ClientContext, arg: ClusterArg): Promise<{ connection: Connection; cluster: CacheCluster; confirmed?: boolean; finalSnapshot?: boolean }> {
  if (arg && 'type' in arg && arg.type === 'cluster') return { connection: arg.connection, cluster: arg.cluster };
  const plain = arg as Exclude<ClusterArg, ClusterItem>;
  if (!plain?.cacheClusterId) throw new Refusal('Choose a cluster in the ElastiCache explorer.');
  const connection = (await resolveConnection(ctx, plain.connection))!;
  const cached = ctx.tree.model.findCluster(connection.id, plain.cacheClusterId);
  const cluster = cached?.cluster ?? (await describe(ctx, connection, plain.cacheClusterId));
  return { connection, cluster, confirmed: skipsConfirmation(connection, plain.confirmed), finalSnapshot: plain.finalSnapshot };
}

async function describe(ctx: ClientContext, connection: Connection, id: string): Promise<CacheCluster> {
  const { DescribeCacheClustersCommand } = await loadSdk();
  const out = await (await ctx.client(connection)).send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }));
  const cluster = out.CacheClusters?.[0];
  if (!cluster) throw new Error(`Cluster ${id} not found.`);
  return cluster;
}

async function copy(item: ExplorerItem, what: 'endpoint' | 'arn'): Promise<void> {
  const { endpointOf, nodeEndpoint } = await import('./clusterView');
  let text: string | undefined;
  if (item.type === 'cluster') text = what === 'arn' ? item.cluster.ARN : endpointOf(item.cluster);
  if (item.type === 'cacheNode') text = what === 'arn' ? item.cluster.cluster.ARN : nodeEndpoint(item.node);
  if (!text) throw new Refusal(`This item has no ${what === 'arn' ? 'ARN' : 'endpoint'} yet.`);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
}

/** Copies a redis-cli command line that connects to the cluster (TLS, the Local CA file, --askpass; never a token). */
async function copyCliCommand(ctx: ClientContext, arg: ClusterArg): Promise<string> {
  const { connection, cluster } = await clusterFromArg(ctx, arg);
  const { localCaFile, redisCliCommand } = await import('./clusterView');
  const command = redisCliCommand(cluster, localCaFile(connection, ctx.local.running));
  if (!command) throw new Refusal(cluster.Engine === 'memcached' ? 'redis-cli does not speak to Memcached clusters.' : `${cluster.CacheClusterId} has no endpoint yet.`);
  await vscode.env.clipboard.writeText(command);
  void vscode.window.setStatusBarMessage(`Copied ${command}`, 3000);
  return command;
}

async function createClusterCommand(
  ctx: ClientContext,
  arg?: { connection?: ConnectionArg; input?: CreateCacheClusterCommandInput } | ExplorerItem,
): Promise<CacheCluster | undefined> {
  const given = arg && !('type' in arg) ? arg : undefined;
  if (given?.input) {
    const connection = (await resolveConnection(ctx, given.connection, false)) ?? (await pickConnection(ctx));
    return connection && createWithInput(ctx, connection, given.input);
  }
  const initialConnection = arg && 'type' in arg && arg.type === 'connection' ? arg.connection : await resolveConnection(ctx, given?.connection);
  const [{ CreateClusterWizard, sdkWizardServices, createFailure, reopenAfterFailure, REOPEN_WIZARD }, { runWizardUi }, { wizardRules }] = await Promise.all([
    import('./wizard'),
    import('./wizardUi'),
    import('./wizardRules'),
  ]);
  const sdkServices = sdkWizardServices(
    async () => {
      const all = await ctx.connections();
      // Offer Local even when stopped: choosing it starts it.
      return all;
    },
    async (c) => ctx.client((await resolveConnection(ctx, c.id)) ?? c),
  );
  const services = {
    ...sdkServices,
    connectionNote: (c: Connection) => problemMark(ctx, c),
  };
  let initial: Partial<WizardState> = { connection: initialConnection };
  let resumeAt: StepId | undefined;
  for (;;) {
    const wizard = new CreateClusterWizard(services, wizardRules, initial, resumeAt);
    if (!(await runWizardUi(wizard))) return undefined;
    if (wizard.state.outcome === 'save') {
      await saveRequest(wizard.requestWithoutSecrets(), `${wizard.state.cacheClusterId ?? 'cluster'}.elasticache.json`);
      return undefined;
    }
    const connection = (await resolveConnection(ctx, wizard.state.connection, false))!;
    let target = connection;
    try {
      return await createWithInput(ctx, connection, wizard.input(), (t) => (target = t));
    } catch (err) {
      // A failed create keeps the answers: the user can reopen the wizard instead of starting over.
      ctx.log.error(describeFailure(err).message);
      const failed = createFailure(wizard.state.cacheClusterId ?? '', target, err);
      const action = await showError(failed.message, REOPEN_WIZARD, 'Show Log');
      if (action === 'Show Log') ctx.log.show();
      if (action !== REOPEN_WIZARD) return undefined;
      ({ initial, resumeAt } = reopenAfterFailure(wizard.state, target, failed.resumeAt));
    }
  }
}

/** The create flow's questions as VS Code dialogs (createFlow.ts decides which to ask, and when). */
function createPrompts(ctx: ClientContext): CreatePrompts {
  return {
    checkCredentials: async (connection) =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'ElastiCache: checking AWS credentials' }, () => ctx.checkCredentials(connection)),
    // The bill is a warning; a create that cannot happen is an error.
    ask: async (q) =>
      q.buttons.includes(CREATE_BILLED)
        ? askWarning(q.message, q.detail, ...q.buttons)
        : askError(q.message, q.detail, ...q.buttons),
    configureProfile: async (offerLocal) => {
      const choice = await pickProfile(ctx, offerLocal);
      // A profile chosen (or configured meanwhile): build clients and check credentials afresh.
      if (choice && choice.kind !== 'local') ctx.forgetClients();
      return choice;
    },
    offerToContinue: async (message, button) => (await showInfo(message, button)) === button,
    connections: () => ctx.connections(),
    listRegions: async (regions) => {
      await writeRegions(regions);
      ctx.log.info(`elasticache.regions set to ${regions.join(', ')}, so that the explorer shows the cluster being created`);
      ctx.tree.refresh();
    },
    localConnection: () => resolveConnection(ctx, 'local', false),
  };
}

/**
 * Confirms (AWS: credentials, then billed per node-hour), creates under cancellable progress, reveals, follows to
 * available. `create` is a CreateSpec (a cluster or a replication group), or a CreateCacheCluster input.
 */
export async function createWithInput(
  ctx: ClientContext,
  chosen: Connection,
  create: CreateSpec | CreateCacheClusterCommandInput,
  /** Told the connection the create goes to (the user may switch to Local or another profile on the way). */
  onTarget?: (connection: Connection) => void,
  /** The Region the request is written for (its URL's endpoint, else its Availability Zones), when it names one. */
  requestRegion?: string,
  /** The request names that Region by its Availability Zones only, which the Local endpoint takes in any Region. */
  requestRegionFromZones = false,
): Promise<CacheCluster | ReplicationGroup | undefined> {
  const spec: CreateSpec = 'action' in create && 'input' in create ? (create as CreateSpec) : { action: 'CreateCacheCluster', input: create as CreateCacheClusterCommandInput };
  const [{ sendCreate, createdId }, { createSummary }] = await Promise.all([import('./createFromRequest'), import('./replicationGroups')]);
  const id = createdId(spec);
  const group = spec.action === 'CreateReplicationGroup';
  if (!id) throw new Refusal(`The request has no ${group ? 'ReplicationGroupId' : 'CacheClusterId'}.`);
  const chosenTarget = await chooseCreateTarget(chosen, createSummary(spec), createPrompts(ctx), requestRegion);
  if (!chosenTarget) return undefined;
  let connection: Connection = chosenTarget;
  onTarget?.(connection);
  const where = placeName(connection);
  // AWS asked about another Region in its confirmation; Local asks nothing, so its progress says it.
  const writtenFor = connection.kind === 'local' && !requestRegionFromZones && regionMismatch(requestRegion, connection) ? requestRegion : undefined;
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: createProgressText(id, writtenFor).title,
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      if (connection.kind === 'local' && !connection.endpoint) {
        // Local not running yet: starting it is a step of this create.
        const { endpoint } = await startLocalAs(ctx, { kind: 'step', report: (message) => progress.report({ message }) });
        connection = localConnection(endpoint.url);
        onTarget?.(connection);
      }
      const client = await ctx.client(connection);
      const sent = await ctx.tree.model.callOn(connection, () => sendCreate(client, spec, abort.signal));
      const what = group ? 'replication group' : 'cluster';
      if (sent.status === 'cancelled') {
        // The request may have reached the service: the cluster may exist (and on AWS be billed).
        ctx.log.warn(`${spec.action} ${id} cancelled on ${connection.label} while in flight; the ${what} may exist`);
        ctx.tree.refresh(ctx.tree.model.findConnection(connection.id));
        void showWarning(
          `Cancelled while creating ${id}: the ${what} may have been created in ${where}${connection.kind === 'aws' ? ' (billed per node-hour)' : ''}. Check the explorer and delete it if you do not want it.`,
        );
        return undefined;
      }
      ctx.log.info(`${spec.action} ${id} accepted on ${connection.label}`);
      if (group) {
        return followGroupUntilAvailable(ctx, connection, client, id, abort.signal, progress, {
          following: createProgressText(id, writtenFor).following,
          done: `was created in ${where}`,
        });
      }
      // From here the cluster exists: a failure to show or follow it is not a failed create.
      const cluster = await followUntilAvailable(ctx, connection, client, id, abort.signal, progress, {
        reveal: true,
        following: createProgressText(id, writtenFor).following,
        done: `was created in ${where}`,
        notShown: 'was created',
      });
      if (cluster) {
        const { availableMessage, endpointOf, localCaFile, redisCliCommand } = await import('./clusterView');
        const endpoint = endpointOf(cluster);
        const caFile = localCaFile(connection, ctx.local.running);
        const command = redisCliCommand(cluster, caFile);
        const buttons = [...(endpoint ? [COPY_ENDPOINT] : []), ...(command ? [COPY_CLI_COMMAND] : [])];
        void showInfo(availableMessage(cluster, caFile), ...buttons).then(async (action) => {
          const text = action === COPY_ENDPOINT ? endpoint : action === COPY_CLI_COMMAND ? command : undefined;
          if (text) {
            await vscode.env.clipboard.writeText(text);
            void vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
          }
        });
      }
      return cluster;
    },
  );
}

async function saveRequest(input: Record<string, unknown>, fileName: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
    filters: { 'ElastiCache request': ['elasticache.json', 'json'] },
    title: 'Save CreateCacheCluster request',
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(JSON.stringify(input, null, 2) + '\n', 'utf8'));
  await vscode.window.showTextDocument(target);
  return target;
}

async function createFromRequestCommand(
  ctx: ClientContext,
  arg?: vscode.Uri | { uri?: vscode.Uri | string; offset?: number; connection?: ConnectionArg },
): Promise<CacheCluster | undefined> {
  const opts = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
  const uri = typeof opts.uri === 'string' ? vscode.Uri.parse(opts.uri) : opts.uri;
  const editor = vscode.window.activeTextEditor;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) throw new Refusal('Open a .elasticache or *.elasticache.json/yaml file first.');
  const { documentKindFor } = await import('./documentKind');
  const kind = documentKindFor(document.uri.path, document.languageId);
  if (!kind) throw new Refusal(`${document.fileName} is not an ElastiCache request file (.elasticache, *.elasticache.json, *.elasticache.yaml).`);
  const { createTargetAt, createRequestLabel, fileStartsWithByteOrderMark, refusal, firstError, nearestFirst } = await import('./createFromRequest');
  const offset = opts.offset ?? (editor?.document === document ? document.offsetAt(editor.selection.active) : undefined);
  const savedWithByteOrderMark = kind === 'json' && document.uri.scheme === 'file' && (await fileStartsWithByteOrderMark(document.uri.fsPath));
  const target = createTargetAt(document.getText(), kind, offset, { savedWithByteOrderMark });
  let request: CreateRequest;
  if ('problem' in target) {
    if (!target.candidates) throw new Refusal(target.problem);
    // The file has create requests, but the cursor does not say which: the user picks one (Escape: nothing sent). The
    // one nearest the cursor first, preselected; the line can be typed (many requests may have the same label).
    const picked = await vscode.window.showQuickPick(
      nearestFirst(target.candidates, offset).map((r, i) => ({
        label: createRequestLabel(r),
        description: `line ${document.positionAt(r.span.start).line + 1}${i === 0 && offset !== undefined ? ', nearest the cursor' : ''}`,
        request: r,
      })),
      { title: 'Create which request of this file?', placeHolder: target.problem, ignoreFocusOut: true, matchOnDescription: true },
    );
    if (!picked) return undefined;
    request = picked.request;
  } else request = target.request;
  const refused = refusal(request);
  if (refused) {
    // Take the user to the first error, then say why nothing was sent. In a big file past the findings budget the
    // request's errors may not be listed: the server lists those around it, as after an edit there.
    ctx.focusFindings?.(document.uri, request.span.start);
    const first = firstError(request);
    const range = first && new vscode.Range(document.positionAt(first.span.start), document.positionAt(first.span.end));
    if (range) {
      const shown = await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
      shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    const showHere = request.errors.length === 1 ? 'Show Error' : 'Show First Error';
    const action = range ? await showError(refused, showHere, OPEN_PROBLEMS) : await showError(refused, OPEN_PROBLEMS);
    if (action === showHere && range && (await peekError(document, range))) return undefined;
    if (action) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return undefined;
  }
  const what = request.spec.action === 'CreateReplicationGroup' ? 'replication group' : 'cluster';
  const connection = (await resolveConnection(ctx, opts.connection, false)) ?? (await pickConnection(ctx, request.region, request.regionFromZones, what, request.spec));
  return connection && createWithInput(ctx, connection, request.spec, undefined, request.region, request.regionFromZones);
}

/** The Create refusal's button that opens the Problems panel (the other shows the error in place). */
const OPEN_PROBLEMS = 'Open Problems Panel';

/**
 * Shows the error at `range` in place, in the editor's problem peek (Go to Next Problem from just before it; F8 then
 * goes on to the next), once the editor lists it: in a big file the language server lists the request's errors only
 * after the refusal's focus notification. False when it is not listed within a few seconds.
 */
async function peekError(document: vscode.TextDocument, range: vscode.Range): Promise<boolean> {
  const listed = () => vscode.languages.getDiagnostics(document.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.isEqual(range.start));
  if (!listed()) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 5000);
      const watch = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === document.uri.toString()) && listed()) done();
      });
      function done() {
        clearTimeout(timer);
        watch.dispose();
        resolve();
      }
    });
    if (!listed()) return false;
  }
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
  // A peek already open keeps its place in the list (Go to Next would go past this error): closed first.
  await vscode.commands.executeCommand('closeMarkersNavigation').then(undefined, () => undefined);
  editor.selection = new vscode.Selection(range.start, range.start);
  await vscode.commands.executeCommand('editor.action.marker.next');
  return true;
}

/**
 * Opens a cluster's settings as a new CreateCacheCluster request, under a new id (copyId): unsaved, so nothing is
 * written until the user saves it where they choose. The untitled document carries a `<id>.elasticache.json` path
 * (the workspace folder's, else the home directory's): the language server's document selector and its request
 * kind go by that name, so the unsaved file is checked and gets its "Create cluster" lens, and Save proposes it.
 */
async function openAsRequestFile(ctx: ClientContext, arg: ClusterArg): Promise<vscode.Uri> {
  const { connection, cluster } = await clusterFromArg(ctx, arg);
  const listed = ctx.tree.model
    .listedClusters()
    .filter((c) => c.connection.id === connection.id)
    .map((c) => c.cluster.CacheClusterId ?? '');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  // Names of the folder's files open (saved or not) or on disk: the copy's id and file name avoid them alike.
  const inFolder = `${folder.path.replace(/\/$/, '')}/`;
  const openNames = vscode.workspace.textDocuments.map((d) => d.uri.path).filter((p) => p.startsWith(inFolder)).map((p) => p.slice(inFolder.length)).filter((name) => !name.includes('/'));
  const diskNames = (await Promise.resolve(vscode.workspace.fs.readDirectory(folder)).catch(() => [])).map(([name]) => name);
  const { copyRequestFile, requestFromCluster } = await import('./createFromRequest');
  const { id, fileName } = copyRequestFile(cluster.CacheClusterId ?? 'cluster', listed, [...openNames, ...diskNames]);
  const { text, notCarried } = await requestFromCluster(() => ctx.client(connection), cluster, { includePort: connection.kind === 'aws', cacheClusterId: id });
  const target = vscode.Uri.joinPath(folder, fileName);
  const document = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
  // The new id selected: the value to change for another name.
  const at = text.indexOf(JSON.stringify(id)) + 1;
  editor.selection = new vscode.Selection(document.positionAt(at), document.positionAt(at + id.length));
  editor.revealRange(editor.selection);
  void vscode.window.setStatusBarMessage(`New request with the settings of ${cluster.CacheClusterId}, as cluster ${id} (unsaved)`, 8000);
  // A JSON request file has no place for a note the AWS CLI accepts: what the copy lacks is said here instead.
  if (notCarried.length > 0) void showInfo(notCarriedMessage(cluster.CacheClusterId ?? id, id, notCarried, cluster.ReplicationGroupId));
  return document.uri;
}

/** Reboots every node after confirming (naming the place), then follows the cluster in a notification until it is available. */
async function rebootCluster(ctx: ClientContext, arg: ClusterArg): Promise<CacheCluster | undefined> {
  const { connection, cluster, confirmed } = await clusterFromArg(ctx, arg);
  const id = cluster.CacheClusterId!;
  const nodeIds = (cluster.CacheNodes ?? []).map((n) => n.CacheNodeId!).filter(Boolean);
  if (!confirmed) {
    const question = rebootConfirmation(id, nodeIds.length, connection);
    const ok = await askWarning(question.message, question.detail, 'Reboot');
    if (!ok) return undefined;
  }
  const { RebootCacheClusterCommand } = await loadSdk();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `ElastiCache: rebooting ${id} ${atPlace(connection)}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const client = await ctx.client(connection);
      progress.report({ message: `restarting ${nodeCount(nodeIds.length)}…` });
      // Not abortable: a reboot request cut off in flight may still reboot the nodes.
      const sent = await ctx.tree.model.unlessGone(connection, id, new RebootCacheClusterCommand({ CacheClusterId: id, CacheNodeIdsToReboot: nodeIds }));
      if ('gone' in sent) {
        void showInfo(sent.gone);
        return undefined;
      }
      ctx.log.info(`RebootCacheCluster ${id} accepted on ${connection.label}`);
      // AWS shows `rebooting cache cluster nodes` for minutes, the explorer polling it; the Local endpoint answers
      // once its nodes have restarted (within seconds), so its row is usually available again at once.
      const rebooted = await followUntilAvailable(ctx, connection, client, id, abort.signal, progress, {
        reveal: false,
        following: 'Cancel stops following; the reboot goes on.',
        done: `${atPlace(connection)} was rebooted`,
        notShown: 'is rebooting',
      });
      if (rebooted) void showInfo(`Cache cluster ${id} ${atPlace(connection)} is available again after its reboot.`);
      return rebooted;
    },
  );
}

/**
 * After a create or reboot was accepted: shows the cluster in the explorer (revealed if asked), then follows its
 * status in the progress until it is available. Undefined when following stopped: cancelled, or failed (then said,
 * as `Cache cluster <id> <done>, but <why>`). A failure to show it is logged, never a failed operation.
 */
async function followUntilAvailable(
  ctx: ClientContext,
  connection: Connection,
  client: ElastiCacheClient,
  id: string,
  abortSignal: AbortSignal,
  progress: vscode.Progress<{ message?: string }>,
  words: { reveal: boolean; following: string; done: string; notShown: string },
): Promise<CacheCluster | undefined> {
  const { waitUntilAvailable } = await import('./createFromRequest');
  const show = async (): Promise<void> => {
    try {
      await ctx.tree.model.track(connection, id);
      ctx.tree.poller.kick();
      if (words.reveal) await ctx.tree.reveal(connection.id, id);
    } catch (err) {
      ctx.log.warn(`Cluster ${id} ${words.notShown}; the explorer could not show it yet: ${describeFailure(err).message}`);
    }
  };
  await show();
  progress.report({ message: words.following });
  let cluster: CacheCluster | undefined;
  try {
    cluster = await waitUntilAvailable(client, id, {
      timeoutMs: connection.kind === 'local' ? 120_000 : 3_600_000,
      intervalMs: connection.kind === 'local' ? 300 : 10_000,
      abortSignal,
      onStatus: (status) => progress.report({ message: status }),
    });
  } catch (err) {
    if (!abortSignal.aborted) {
      const message = `Cache cluster ${id} ${words.done}, but ${describeFailure(err).message}`;
      ctx.log.error(message);
      void showError(message, 'Show Log').then((a) => a && ctx.log.show());
    }
  }
  await show();
  return cluster;
}

/**
 * After a CreateReplicationGroup was accepted: follows the group's status in the progress until it is available,
 * shows its member clusters in the explorer (they are clusters) and says where to connect. Undefined when following
 * stopped (cancelled, or failed: then said). A failure to show the members is logged, never a failed create.
 */
async function followGroupUntilAvailable(
  ctx: ClientContext,
  connection: Connection,
  client: ElastiCacheClient,
  id: string,
  abortSignal: AbortSignal,
  progress: vscode.Progress<{ message?: string }>,
  words: { following: string; done: string },
): Promise<ReplicationGroup | undefined> {
  const { waitUntilGroupAvailable } = await import('./createFromRequest');
  const showMembers = async (members: string[] | undefined): Promise<void> => {
    try {
      if (members) for (const member of members) await ctx.tree.model.track(connection, member);
      else await ctx.tree.model.recheck(connection);
      ctx.tree.poller.kick();
      if (members?.[0]) await ctx.tree.reveal(connection.id, members[0]);
    } catch (err) {
      ctx.log.warn(`Replication group ${id} was created; the explorer could not show its clusters yet: ${describeFailure(err).message}`);
    }
  };
  await showMembers(undefined);
  progress.report({ message: words.following });
  let group: ReplicationGroup | undefined;
  try {
    group = await waitUntilGroupAvailable(client, id, {
      timeoutMs: connection.kind === 'local' ? 120_000 : 3_600_000,
      intervalMs: connection.kind === 'local' ? 300 : 10_000,
      abortSignal,
      onStatus: (status) => progress.report({ message: status }),
    });
  } catch (err) {
    if (!abortSignal.aborted) {
      const message = `Replication group ${id} ${words.done}, but ${describeFailure(err).message}`;
      ctx.log.error(message);
      void showError(message, 'Show Log').then((a) => a && ctx.log.show());
    }
  }
  await showMembers(group?.MemberClusters);
  if (group) {
    const { groupAvailableMessage, groupPrimaryEndpoint, localCaFile } = await import('./clusterView');
    const endpoint = groupPrimaryEndpoint(group);
    void showInfo(groupAvailableMessage(group, localCaFile(connection, ctx.local.running)), ...(endpoint ? [COPY_PRIMARY_ENDPOINT] : [])).then(async (action) => {
      if (action === COPY_PRIMARY_ENDPOINT && endpoint) {
        await vscode.env.clipboard.writeText(endpoint);
        void vscode.window.setStatusBarMessage(`Copied ${endpoint}`, 3000);
      }
    });
  }
  return group;
}

const COPY_PRIMARY_ENDPOINT = 'Copy Primary Endpoint';
const SNAPSHOT_THEN_DELETE = 'Take Final Snapshot, then Delete';

async function deleteCluster(ctx: ClientContext, arg: ClusterArg): Promise<boolean> {
  const { connection, cluster, confirmed, finalSnapshot } = await clusterFromArg(ctx, arg);
  const id = cluster.CacheClusterId!;
  const { memberDeleteRefusal, DELETE_REPLICATION_GROUP } = await import('./replicationGroups');
  const member = memberDeleteRefusal(cluster);
  if (member) {
    // Nothing sent that would fail: the group's delete is offered instead (it confirms on its own).
    if ((await showInfo(member, DELETE_REPLICATION_GROUP)) === DELETE_REPLICATION_GROUP) {
      return deleteReplicationGroupCommand(ctx, { connection, replicationGroupId: cluster.ReplicationGroupId! });
    }
    return false;
  }
  // Final snapshots exist for Valkey/Redis OSS on AWS; the Local endpoint does not take snapshots.
  const snapshots = cluster.Engine !== 'memcached' && connection.kind === 'aws';
  let snapshot = finalSnapshot === true && snapshots;
  if (!confirmed) {
    const where = placeName(connection);
    const detail = deleteConfirmationDetail({
      nodes: cluster.NumCacheNodes,
      where,
      aws: connection.kind === 'aws',
      snapshotButton: snapshots ? SNAPSHOT_THEN_DELETE : undefined,
    });
    const buttons = snapshots ? ['Delete', SNAPSHOT_THEN_DELETE] : ['Delete'];
    const answer = await askWarning(`Permanently delete cache cluster "${id}"?`, detail, ...buttons);
    if (!answer) return false;
    snapshot = answer === SNAPSHOT_THEN_DELETE;
  }
  const { DeleteCacheClusterCommand } = await loadSdk();
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 12);
  const sent = await ctx.tree.model.unlessGone(
    connection,
    id,
    new DeleteCacheClusterCommand({ CacheClusterId: id, FinalSnapshotIdentifier: snapshot ? `${id}-final-${stamp}` : undefined }),
  );
  if ('gone' in sent) {
    void showInfo(sent.gone);
    return false;
  }
  ctx.log.info(`DeleteCacheCluster ${id} accepted on ${connection.label}${snapshot ? ' (with final snapshot)' : ''}`);
  await ctx.tree.model.track(connection, id);
  ctx.tree.poller.kick();
  return true;
}

/**
 * Deletes a replication group (from a member cluster's row, or named) after confirming on AWS always and on Local
 * unless `confirmed`; the explorer then follows its member clusters until they are gone.
 */
async function deleteReplicationGroupCommand(ctx: ClientContext, arg: GroupArg): Promise<boolean> {
  let connection: Connection;
  let groupId: string | undefined;
  let confirmed = false;
  if (arg && 'type' in arg && arg.type === 'cluster') {
    connection = arg.connection;
    groupId = arg.cluster.ReplicationGroupId;
  } else {
    const plain = arg as Exclude<GroupArg, ClusterItem> | undefined;
    if (!plain?.replicationGroupId) throw new Refusal('Choose a member cluster of the replication group in the ElastiCache explorer.');
    connection = (await resolveConnection(ctx, plain.connection))!;
    groupId = plain.replicationGroupId;
    confirmed = skipsConfirmation(connection, plain.confirmed);
  }
  if (!groupId) throw new Refusal('This cluster is not a member of a replication group.');
  const { describeReplicationGroup, deleteReplicationGroup, groupDeleteQuestion } = await import('./replicationGroups');
  const client = await ctx.client(connection);
  const group = await ctx.tree.model.callOn(connection, () => describeReplicationGroup(client, groupId));
  const gone = () => {
    ctx.tree.refresh(ctx.tree.model.findConnection(connection.id));
    void showInfo(`Replication group ${groupId} no longer exists ${atPlace(connection)}; the explorer is refreshed.`);
    return false;
  };
  if (!group) return gone();
  if (!confirmed) {
    const question = groupDeleteQuestion(group, connection);
    if (!(await askWarning(question.message, question.detail, 'Delete'))) return false;
  }
  const deleting = await ctx.tree.model.callOn(connection, () => deleteReplicationGroup(client, groupId));
  if (!deleting) return gone();
  ctx.log.info(`DeleteReplicationGroup ${groupId} accepted on ${connection.label}`);
  for (const member of group.MemberClusters ?? []) await ctx.tree.model.track(connection, member);
  ctx.tree.poller.kick();
  return true;
}

/** The Configure AWS Profile command: a profile (written to the settings), the Local endpoint (started), or the docs. */
async function configureProfile(ctx: ClientContext): Promise<string | undefined> {
  const choice = await pickProfile(ctx);
  if (choice?.kind === 'local') return startLocal(ctx);
  return choice?.kind === 'profile' ? choice.profile : undefined;
}

/** Asks for the AWS profile and applies the answer (the setting, or the docs opened); Local is left to the caller. */
/** `offerLocal` false: no Use Local item (a create Local would refuse). */
async function pickProfile(ctx: ClientContext, offerLocal = true): Promise<ProfileChoice | undefined> {
  const settings = readSettings();
  const { profiles, regions } = await listProfiles().catch(() => ({ profiles: [] as string[], regions: {} as Record<string, string | undefined> }));
  const current = effectiveProfile(settings);
  const items: (vscode.QuickPickItem & { profile?: string; action?: string })[] = [
    ...profiles.map((p) => ({ label: p, description: [regions[p], p === current ? 'current' : ''].filter(Boolean).join(' · '), profile: p })),
    ...(offerLocal ? [{ label: '$(vm) Use the Local endpoint instead', description: 'free, offline', action: 'local' }] : []),
    { label: '$(book) How to configure AWS credentials', action: 'docs' },
  ];
  const chosen = await vscode.window.showQuickPick(items, {
    title: profiles.length ? 'AWS profile for the ElastiCache explorer' : 'No AWS profiles found in ~/.aws/config or ~/.aws/credentials',
    ignoreFocusOut: true,
  });
  if (!chosen) return undefined;
  if (chosen.action === 'local') return { kind: 'local' };
  if (chosen.action === 'docs') {
    await vscode.env.openExternal(vscode.Uri.parse('https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html'));
    return { kind: 'docs' };
  }
  await writeProfile(chosen.profile!);
  ctx.tree.refresh();
  return { kind: 'profile', profile: chosen.profile! };
}

async function selectRegions(ctx: ClientContext): Promise<string[] | undefined> {
  const { regionNames } = await import('./wizardRules');
  const current = new Set(readSettings().regions);
  const chosen = await vscode.window.showQuickPick(
    regionNames().map((r) => ({ label: r, picked: current.has(r) })),
    { canPickMany: true, title: 'Regions to list in the ElastiCache explorer (none: the profile\'s region)', ignoreFocusOut: true },
  );
  if (!chosen) return undefined;
  const regions = chosen.map((c) => c.label);
  await writeRegions(regions);
  ctx.tree.refresh();
  return regions;
}
