// The one place that reads the extension's settings. In an untrusted workspace, elasticache.endpointUrl and
// elasticache.profile come from user settings only (they could redirect requests or pick credentials).
import * as vscode from 'vscode';
import type { ConnectionSettings } from './connections';

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

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const trusted = vscode.workspace.isTrusted;
  const profile = trusted ? config.get<string>('profile') : userOnly<string>(config, 'profile');
  const endpointUrl = trusted ? config.get<string>('endpointUrl') : userOnly<string>(config, 'endpointUrl');
  return {
    profile: profile?.trim() || undefined,
    regions: config.get<string[]>('regions') ?? [],
    endpointUrl: endpointUrl?.trim() || undefined,
    localPort: config.get<number>('local.port') ?? 4510,
    localDataDir: config.get<string>('local.dataDir')?.trim() || undefined,
  };
}

export function affectsSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}

export async function writeProfile(profile: string): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('profile', profile, vscode.ConfigurationTarget.Global);
}

export async function writeRegions(regions: string[]): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('regions', regions, vscode.ConfigurationTarget.Global);
}
