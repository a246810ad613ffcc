// The default data directory on its own, so that the extension can find a running endpoint's lock file without
// loading the endpoint.
import * as os from 'node:os';
import * as path from 'node:path';

/** `$XDG_STATE_HOME/vscode-elasticache/local`, default `~/.local/state/vscode-elasticache/local`. */
export function defaultDataDir(): string {
  const stateHome = process.env.XDG_STATE_HOME && path.isAbsolute(process.env.XDG_STATE_HOME) ? process.env.XDG_STATE_HOME : path.join(os.homedir(), '.local', 'state');
  return path.join(stateHome, 'vscode-elasticache', 'local');
}

/** Where an endpoint with `dataDir` keeps its self-signed TLS certificate and key (made on first use). */
export function tlsDirOf(dataDir: string): string {
  return path.join(dataDir, 'tls');
}

/** The certificate a client trusts as CA to reach a TLS node of the endpoint with `dataDir`. */
export function tlsCaFileOf(dataDir: string): string {
  return path.join(tlsDirOf(dataDir), 'cert.pem');
}
