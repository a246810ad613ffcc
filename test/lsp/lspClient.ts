// A minimal LSP client for protocol tests: spawns `node dist/server.js --stdio` (building dist first when it
// is missing) and talks to it with vscode-languageserver-protocol over the real pipes.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  CodeLensRefreshRequest,
  type ClientCapabilities,
  type ServerCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const root = join(__dirname, '..', '..');
export const serverPath = join(root, 'dist', 'server.js');

export function ensureBuilt(): void {
  if (!existsSync(serverPath)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'ignore' });
}

/** Rejects when `promise` takes longer than `ms`: every request in these tests has a bound. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export class LspClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** How many times the server asked to recompute the CodeLenses (workspace/codeLens/refresh). */
  lensRefreshes = 0;
  private waiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  constructor() {
    ensureBuilt();
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.test(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onRequest(CodeLensRefreshRequest.type, () => {
      this.lensRefreshes++;
      return null;
    });
    this.connection.listen();
  }

  /** The server's capabilities, once initialized. */
  capabilities?: ServerCapabilities;

  /**
   * `initializationOptions`: as the VS Code extension sends them by default (it runs the CodeLens command); `null` for
   * another editor's client.
   */
  async initialize(capabilities: ClientCapabilities = {}, clientInfo?: { name: string; version?: string }, initializationOptions: object | null = { createFromRequestLens: true }): Promise<void> {
    const result = await within(10_000, 'initialize', this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities, initializationOptions, ...(clientInfo ? { clientInfo } : {}) }));
    if (!result.capabilities.completionProvider) throw new Error('server does not offer completion');
    this.capabilities = result.capabilities;
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full-content change event), as a new version. */
  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The next publishDiagnostics for `uri` that passes `test` (already received ones count). */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, ms = 5000): Promise<PublishDiagnosticsParams> {
    const seen = [...this.published].reverse().find((p) => p.uri === uri && test(p));
    if (seen) return Promise.resolve(seen);
    return within(ms, `diagnostics for ${uri}`, new Promise((resolve) => this.waiters.push({ uri, test, resolve })));
  }

  /** Shuts the server down the LSP way and waits for the process to exit; returns its exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await within(5000, 'shutdown', this.connection.sendRequest(ShutdownRequest.type));
      await this.connection.sendNotification(ExitNotification.type);
      return await within(5000, 'exit', exited);
    } finally {
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
      this.connection.dispose();
    }
  }
}
