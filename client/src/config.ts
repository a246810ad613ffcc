// The one place that reads the extension's settings. In an untrusted workspace, elasticache.endpointUrl,
// elasticache.profile and the Local endpoint's port and data directory come from user settings only (they could
// redirect requests, and AuthTokens with them, or pick credentials), and so does elasticache.trace.server (its
// verbose level logs whole documents).
import * as vscode from 'vscode';
import { type ConnectionSettings, settingWriteTarget } from './connections';
import { settingsSetIn, traceAllowed } from './restrictedSettings';

export const SECTION = 'elasticache';

export interface Settings extends ConnectionSettings {
  /** Port for the in-process Local endpoint (0: any free port). */
  localPort: number;
  /** Data directory of the Local endpoint; empty: the per-user default. */
  localDataDir?: string;
}

function userOnly<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/**
 * Of `keys` (restricted settings a workspace could set), those this workspace sets and Restricted Mode ignores:
 * none once the workspace is trusted. Read from the file (see restrictedSettings.ts) where VS Code takes a window's
 * workspace settings from: the .code-workspace file's "settings", else the single folder's .vscode/settings.json.
 */
export async function ignoredWorkspaceSettings(keys: readonly string[]): Promise<string[]> {
  if (vscode.workspace.isTrusted || keys.length === 0) return [];
  const workspaceFile = vscode.workspace.workspaceFile;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const [file, section] = workspaceFile && workspaceFile.scheme !== 'untitled'
    ? [workspaceFile, 'settings' as const]
    : folders.length === 1 ? [vscode.Uri.joinPath(folders[0]!.uri, '.vscode', 'settings.json'), undefined] : [];
  if (!file) return [];
  try {
    return settingsSetIn(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), keys, section);
  } catch {
    return []; // no settings file: nothing is ignored
  }
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const trusted = vscode.workspace.isTrusted;
  const read = <T>(key: string): T | undefined => (trusted ? config.get<T>(key) : userOnly<T>(config, key));
  return {
    profile: read<string>('profile')?.trim() || undefined,
    regions: config.get<string[]>('regions') ?? [],
    endpointUrl: read<string>('endpointUrl')?.trim() || undefined,
    localPort: read<number>('local.port') ?? 4510,
    localDataDir: read<string>('local.dataDir')?.trim() || undefined,
  };
}

/**
 * Whether the language client's trace may be written now (traceAllowed): vscode-languageclient reads
 * elasticache.trace.server itself, from every settings level, so its output is what is gated.
 */
export function languageServerTraceAllowed(): boolean {
  const config = vscode.workspace.getConfiguration(SECTION);
  return traceAllowed(config.get('trace.server'), userOnly(config, 'trace.server'), vscode.workspace.isTrusted);
}

export function affectsSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}

export async function writeProfile(profile: string): Promise<void> {
  await write('profile', profile, vscode.workspace.isTrusted);
}

export async function writeRegions(regions: string[]): Promise<void> {
  await write('regions', regions, true);
}

/** Writes where the value takes effect (see settingWriteTarget), e.g. over the workspace's own elasticache.regions. */
async function write(key: string, value: unknown, workspaceValueApplies: boolean): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const target = settingWriteTarget(config.inspect(key), workspaceValueApplies);
  await config.update(key, value, target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
}
