// The default data directory on its own, so that the extension can find a running endpoint's lock file without
// loading the endpoint.
import * as os from 'node:os';
import * as path from 'node:path';

/** `$XDG_STATE_HOME/vscode-elasticache/local`, default `~/.local/state/vscode-elasticache/local`. */
export function defaultDataDir(): string {
  const stateHome = process.env.XDG_STATE_HOME && path.isAbsolute(process.env.XDG_STATE_HOME) ? process.env.XDG_STATE_HOME : path.join(os.homedir(), '.local', 'state');
  return path.join(stateHome, 'vscode-elasticache', 'local');
}
