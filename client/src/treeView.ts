// VS Code adapter for the explorer model: items → TreeItems, change events, polling while visible.
import * as vscode from 'vscode';
import { clusterContextValue, clusterDescription, clusterRowDescription, clusterTooltip, nodeEndpoint, statusIcon } from './clusterView';
import type { Connection } from './connections';
import { type ExplorerItem, ExplorerModel, type ExplorerDeps, Poller, messageRow } from './explorerModel';

export const VIEW_ID = 'elasticache.clusters';
/**
 * How long the view waits for a connection's clusters before it shows a loading row for it. The view shows nothing
 * new until every expanded connection has answered, so one slow connection (credentials that take long) held Local
 * and the others, and kept a previous profile's rows in sight; short, so that a listing that is quick shows at once.
 */
const LOADING_ROW_AFTER_MS = 400;

export class ClustersTree implements vscode.TreeDataProvider<ExplorerItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly model: ExplorerModel;
  readonly poller: Poller;
  private view: vscode.TreeView<ExplorerItem> | undefined;

  constructor(
    deps: Omit<ExplorerDeps, 'onDidChange'>,
    /** The CA certificate of a connection's TLS nodes, for the cluster tooltips (see clusterView's localCaFile). */
    private readonly caFileOf: (connection: Connection) => string | undefined = () => undefined,
  ) {
    this.model = new ExplorerModel({ loadingRowAfterMs: LOADING_ROW_AFTER_MS, ...deps, onDidChange: (item) => this.changed.fire(item) });
    this.poller = new Poller(() => this.model.poll());
  }

  attach(view: vscode.TreeView<ExplorerItem>): vscode.Disposable {
    this.view = view;
    this.poller.setVisible(view.visible);
    return view.onDidChangeVisibility((e) => this.poller.setVisible(e.visible));
  }

  refresh(item?: ExplorerItem): void {
    this.model.refresh(item);
  }

  async reveal(connectionId: string, cacheClusterId: string): Promise<void> {
    const item = this.model.findCluster(connectionId, cacheClusterId);
    if (item && this.view) await this.view.reveal(item, { select: true, focus: false, expand: false });
  }

  getParent(item: ExplorerItem): ExplorerItem | undefined {
    switch (item.type) {
      case 'cluster':
      case 'message':
        return this.model.findConnection(item.connection.id);
      case 'cacheNode':
        return item.cluster;
      default:
        return undefined;
    }
  }

  async getChildren(item?: ExplorerItem): Promise<ExplorerItem[]> {
    const children = await this.model.children(item);
    if (this.model.hasTransitional() && !this.poller.isActive) this.poller.kick();
    return children;
  }

  getTreeItem(item: ExplorerItem): vscode.TreeItem {
    switch (item.type) {
      case 'connection': {
        const c = item.connection;
        const t = new vscode.TreeItem(c.label, vscode.TreeItemCollapsibleState.Expanded);
        t.id = item.id;
        t.contextValue = `connection.${c.kind}`;
        t.iconPath = new vscode.ThemeIcon(c.kind === 'local' ? 'vm' : 'cloud');
        // The full URL is in the tooltip; the row stays short (and distinct from node endpoints).
        t.description = c.kind === 'local' ? (c.endpoint ? `port ${new URL(c.endpoint).port}` : 'not running') : c.endpoint;
        t.tooltip = c.kind === 'local' ? `Local endpoint ${c.endpoint ?? '(not running)'}` : `Profile ${c.profile}, region ${c.region}`;
        return t;
      }
      case 'cluster': {
        const c = item.cluster;
        const t = new vscode.TreeItem(c.CacheClusterId ?? '?', vscode.TreeItemCollapsibleState.Collapsed);
        t.id = item.id;
        const icon = statusIcon(c.CacheClusterStatus);
        t.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
        t.description = clusterRowDescription(c);
        t.tooltip = new vscode.MarkdownString(clusterTooltip(c, this.caFileOf(item.connection), item.role));
        t.contextValue = clusterContextValue(c, item.connection.kind);
        t.accessibilityInformation = { label: `${c.CacheClusterId} ${c.CacheClusterStatus} ${clusterDescription(c)}` };
        return t;
      }
      case 'cacheNode': {
        const n = item.node;
        const t = new vscode.TreeItem(n.CacheNodeId ?? 'node', vscode.TreeItemCollapsibleState.None);
        t.id = item.id;
        t.description = `${nodeEndpoint(n) ?? 'no endpoint yet'} · ${n.CacheNodeStatus ?? ''}`;
        t.iconPath = new vscode.ThemeIcon('server');
        t.contextValue = 'cacheNode';
        t.tooltip = [n.CacheNodeStatus, n.CustomerAvailabilityZone, nodeEndpoint(n)].filter(Boolean).join(' · ');
        return t;
      }
      case 'message': {
        const row = messageRow(item);
        const t = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
        t.id = item.id;
        t.iconPath = item.loading
          ? new vscode.ThemeIcon('loading~spin')
          : new vscode.ThemeIcon(item.failure ? 'warning' : 'info', item.failure ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
        t.tooltip = row.tooltip;
        t.description = row.description;
        t.contextValue = row.contextValue;
        if (item.action) t.command = { command: item.action.command, title: item.action.title, arguments: [item] };
        return t;
      }
    }
  }

  dispose(): void {
    this.poller.dispose();
    this.changed.dispose();
  }
}
