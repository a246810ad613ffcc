// The ElastiCache language server: `node dist/server.js --stdio`. Wiring only: every answer comes from the pure
// language service in ./service (analysis by `analyze`, completion, hover, quick fixes, outline).
//
// Serves `elasticache-query` documents (any URI ending in `.elasticache`, or that language id), and JSON/YAML
// documents whose path ends in `.elasticache.json` / `.elasticache.yaml` / `.elasticache.yml`; other documents
// are ignored entirely.
import {
  CodeAction,
  CodeActionKind,
  type CodeLens,
  CodeLensRefreshRequest,
  CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  createConnection,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  ErrorCodes,
  type InitializeResult,
  InsertTextFormat,
  LSPErrorCodes,
  type MarkupContent,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  SymbolKind,
  TextDocumentContentChangeEvent,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type RequestMessage,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileStartsWithByteOrderMark } from './byteOrderMark';
import { changedPart, withEdit } from './recentEdits';
import { analyze, documentKindForPath, MAX_FINDINGS, type FocusReason } from './service/index';
import { visibleMessage } from './model/visibleText';
import { markdownToPlainText } from './service/text';
import { fixableCount, fixAllEdits, fixAllRounds, quickFixes } from './service/codeActions';
import { createActionOf } from './service/createActions';
import { complete, type CompletionCandidate } from './service/completion';
import { hover, referenceUrlForFinding } from './service/hover';
import { documentSymbols, type OutlineSymbol } from './service/symbols';
import type { Analysis, DocumentKind, Finding, Severity, Span } from './service/types';

/** Diagnostics wait until typing pauses this long (per document). */
const DIAGNOSTICS_DEBOUNCE_MS = 150;

const connection: Connection = createConnection(ProposedFeatures.all, {
  // A request cancelled while still queued (e.g. behind the analysis of a huge file) is answered at once.
  cancelUndispatched: (message) =>
    ({
      jsonrpc: '2.0',
      id: (message as RequestMessage).id,
      error: { code: LSPErrorCodes.RequestCancelled, message: 'Request cancelled' },
    }) satisfies ResponseMessage,
});
/**
 * Each document's focus, in its current text (on open: none): the places of its recent edits, across didChanges
 * (each cursor's of a multi-cursor edit or a replace all), each moved by the later changes, at most MAX_RECENT_EDITS
 * of them (recentEdits.ts); the request Create refused (elasticache/focus) is one such place. And which made the
 * newest place, which the too-many-findings note says. analyze checks the requests around them in full, so that in a
 * large file the mistake just typed is reported although the file has more findings than are listed.
 */
const focuses = new Map<string, { spans: Span[]; reason: FocusReason }>();
/** Documents opened with a text that is not a string (a client's bug): kept empty, never analysed or served. */
const unreadableDocuments = new Set<string>();
const documents = new TextDocuments<TextDocument>({
  create(uri, languageId, version, text) {
    if (typeof text === 'string') {
      unreadableDocuments.delete(uri);
      return TextDocument.create(uri, languageId, version, text);
    }
    unreadableDocuments.add(uri);
    connection.console.warn(`elasticache: ignored the opening of ${uri}: its text is ${text === null ? 'null' : typeof text}, not a string`);
    return TextDocument.create(uri, languageId, version, '');
  },
  update(doc, changes, version) {
    // The changes apply one after the other, each to the text the previous ones left (VS Code sends a multi-cursor
    // edit's bottom-first): applied one at a time so that each change's offsets are read in the text it applies to, and
    // the ranges of the earlier ones moved by the later ones.
    let edits: Span[] = focuses.get(doc.uri)?.spans ?? [];
    let updated = doc;
    for (const change of changes) {
      if (TextDocumentContentChangeEvent.isIncremental(change)) {
        const a = updated.offsetAt(change.range.start);
        const b = updated.offsetAt(change.range.end);
        // A long edit counts by what it changes: Select All + Paste of the same text with one line changed is that line.
        const changed = changedPart(updated.getText(), Math.min(a, b), Math.max(a, b), change.text);
        if (changed) edits = withEdit(edits, changed.replaced, changed.insertedLength);
      } else {
        // The whole text replaced (a client without incremental sync): the places keep what it did not change.
        const changed = changedPart(updated.getText(), 0, updated.getText().length, change.text);
        if (changed) edits = withEdit(edits, changed.replaced, changed.insertedLength);
      }
      updated = TextDocument.update(updated, [change], version);
    }
    if (changes.length === 0) updated = TextDocument.update(updated, changes, version); // the version still moves
    if (edits.length > 0) focuses.set(updated.uri, { spans: edits, reason: 'edits' });
    else focuses.delete(updated.uri);
    return updated;
  },
});

/** Which form a document is in, or undefined when this server does not handle it. */
function kindOf(doc: TextDocument): DocumentKind | undefined {
  if (unreadableDocuments.has(doc.uri)) return undefined;
  let path = doc.uri;
  try {
    path = decodeURIComponent(new URL(doc.uri).pathname);
  } catch {
    // not a URL (unusual client): match on the raw URI
  }
  const kind = documentKindForPath(path);
  if (kind) return kind;
  // `elasticache-query` in VS Code (package.json); `elasticache` is the filetype the README gives Neovim and Helix.
  return doc.languageId === 'elasticache-query' || doc.languageId === 'elasticache' ? 'query' : undefined;
}

/**
 * JSON request files whose file on disk starts with a UTF-8 byte order mark. Editors take the mark out of the text,
 * but the AWS CLI rejects such a file, so the server reads the file's first bytes when it is opened and saved.
 */
const savedWithByteOrderMark = new Set<string>();

async function checkByteOrderMark(doc: TextDocument): Promise<void> {
  if (kindOf(doc) !== 'json' || !doc.uri.startsWith('file:')) return;
  let path: string;
  try {
    path = fileURLToPath(doc.uri);
  } catch {
    return; // a file: URI of another host
  }
  const bom = await fileStartsWithByteOrderMark(path);
  if (bom === savedWithByteOrderMark.has(doc.uri) || !documents.get(doc.uri)) return;
  if (bom) savedWithByteOrderMark.add(doc.uri);
  else savedWithByteOrderMark.delete(doc.uri);
  analyses.delete(doc.uri);
  // The lens counts errors: the next diagnostics ask the client to compute it again, although the version is the same.
  if (lensVersions.has(doc.uri)) lensVersions.set(doc.uri, -1);
  scheduleDiagnostics(doc);
}

/**
 * The most diagnostics sent for a document. VS Code's extension host keeps at most 1000 per file and drops the rest
 * by severity (ExtHostDiagnostics, _maxDiagnosticsPerFile in src/vs/workbench/api/common/extHostDiagnostics.ts of
 * microsoft/vscode), which would drop the finding just typed and the too-many-findings note: analyze() chooses which,
 * and sends the focus's first (the editor underlines only a file's first 500 markers, in the order sent).
 */
const MAX_DIAGNOSTICS = 1000;

/** One analysis per document version, shared by diagnostics, code actions and the outline. */
const analyses = new Map<string, { version: number; analysis: Analysis }>();

function analysisOf(doc: TextDocument, kind: DocumentKind): Analysis {
  const cached = analyses.get(doc.uri);
  if (cached && cached.version === doc.version) return cached.analysis;
  const focus = focuses.get(doc.uri);
  const analysis = analyze(doc.getText(), kind, { savedWithByteOrderMark: savedWithByteOrderMark.has(doc.uri), focus: focus?.spans, focusReason: focus?.reason, maxFindings: MAX_DIAGNOSTICS });
  analyses.set(doc.uri, { version: doc.version, analysis });
  return analysis;
}

/**
 * Logs a handler failure without its message: messages from parsers can quote document text (which may hold an
 * AuthToken), so only the error's class and stack frames are logged.
 */
function logFailure(what: string, err: unknown): void {
  const name = err instanceof Error ? err.name : typeof err;
  const frames = err instanceof Error && err.stack ? err.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).join('\n') : '';
  connection.console.error(`elasticache: ${what} failed (${name})${frames ? `\n${frames}` : ''}`);
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
const contentModified = () => new ResponseError(LSPErrorCodes.ContentModified, 'The document changed while the request was worked on');

/**
 * Runs a request handler for a served document: honours cancellation, never throws to the connection. A request
 * without a `textDocument.uri` (a client's bug) is answered InvalidParams.
 */
function serve<T>(
  what: string,
  params: { textDocument: { uri: string } },
  token: CancellationToken,
  fallback: T,
  run: (doc: TextDocument, kind: DocumentKind) => T | Promise<T>,
): Promise<T | ResponseError<void>> | T | ResponseError<void> {
  if (token.isCancellationRequested) return cancelled();
  const uri: unknown = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  if (typeof uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, `${what}: the request has no textDocument.uri`);
  const doc = documents.get(uri);
  const kind = doc && kindOf(doc);
  if (!doc || !kind) return fallback;
  const failed = (err: unknown) => {
    if (err instanceof Interrupted) return err.response;
    logFailure(what, err);
    return fallback;
  };
  try {
    const result = run(doc, kind);
    // A handler that yields between steps (fix all) answers once done; the others at once, as they ran.
    if (result instanceof Promise) return result.then((r) => (token.isCancellationRequested ? cancelled() : r), failed);
    return token.isCancellationRequested ? cancelled() : result;
  } catch (err) {
    return failed(err);
  }
}

function range(doc: TextDocument, span: Span) {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The action of the request a finding lies in, for the finding's API reference link. */
function actionAt(analysis: Analysis, span: Span): string | undefined {
  // Requests are in document order: binary search (a 10 MB file has 75k requests and up to 1000 findings).
  const { requests } = analysis;
  let lo = 0;
  let hi = requests.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (requests[mid].span.start <= span.start) lo = mid;
    else hi = mid - 1;
  }
  const candidate = requests[lo];
  const request = candidate && candidate.span.start <= span.start && span.start <= candidate.span.end ? candidate : undefined;
  return request?.action?.name ?? (request && request.kind !== 'query' ? 'CreateCacheCluster' : undefined);
}

/** `kind`: the document's form, when the caller has it at hand (it picks the page a file-level finding links to). */
function toDiagnostic(doc: TextDocument, analysis: Analysis, finding: Finding, kind: DocumentKind = kindOf(doc) ?? 'query'): Diagnostic {
  return {
    range: range(doc, finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: referenceUrlForFinding(finding, actionAt(analysis, finding.span), kind) },
    source: 'elasticache',
    message: visibleMessage(finding.message),
  };
}

// ---- diagnostics: pushed, debounced per document ----
const pending = new Map<string, NodeJS.Timeout>();
/**
 * The document version each served CodeLens answer was computed for. The lens and the diagnostics must say the
 * same thing ("Fix 1 error" with an empty Problems panel is wrong): diagnostics for a version the lens was not
 * computed for ask the client to compute the lenses again.
 */
const lensVersions = new Map<string, number>();
/** Whether the client can be asked to recompute CodeLenses (workspace/codeLens/refresh, LSP 3.16). */
let lensRefreshSupport = false;

function publishDiagnostics(uri: string): void {
  clearTimeout(pending.get(uri));
  pending.delete(uri);
  const doc = documents.get(uri);
  const kind = doc && kindOf(doc);
  if (!doc || !kind) return;
  try {
    const analysis = analysisOf(doc, kind);
    const diagnostics = analysis.findings.map((f) => toDiagnostic(doc, analysis, f, kind));
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    const lensVersion = lensVersions.get(uri);
    if (lensRefreshSupport && lensVersion !== undefined && lensVersion !== doc.version) {
      connection.sendRequest(CodeLensRefreshRequest.type).catch((err: unknown) => logFailure('code lens refresh', err));
    }
  } catch (err) {
    logFailure('diagnostics', err);
  }
}

function scheduleDiagnostics(doc: TextDocument): void {
  if (!kindOf(doc)) return;
  clearTimeout(pending.get(doc.uri));
  pending.set(doc.uri, setTimeout(publishDiagnostics, DIAGNOSTICS_DEBOUNCE_MS, doc.uri));
}

documents.onDidChangeContent((e) => scheduleDiagnostics(e.document));
// `elasticache/focus` (the extension, when Create refuses a request for its errors): that request's lines join the
// focus, as an edit there would, so a big file lists its errors (the refusal's "Show Error" and "Open Problems Panel").
connection.onNotification('elasticache/focus', (params: { uri?: unknown; offset?: unknown }) => {
  const doc = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
  if (!doc || typeof params.offset !== 'number' || !Number.isInteger(params.offset) || params.offset < 0 || params.offset > doc.getText().length) return;
  focuses.set(doc.uri, { spans: withEdit(focuses.get(doc.uri)?.spans ?? [], { start: params.offset, end: params.offset }, 0), reason: 'createRefused' });
  analyses.delete(doc.uri);
  scheduleDiagnostics(doc);
});
documents.onDidOpen((e) => void checkByteOrderMark(e.document));
documents.onDidSave((e) => void checkByteOrderMark(e.document));
documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  analyses.delete(e.document.uri);
  focuses.delete(e.document.uri);
  savedWithByteOrderMark.delete(e.document.uri);
  lensVersions.delete(e.document.uri);
  const unreadable = unreadableDocuments.delete(e.document.uri);
  if (!unreadable && kindOf(e.document)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

// ---- requests ----
/** `source.fixAll.elasticache`: "Fix All" in the Source Action menu and `editor.codeActionsOnSave`, as ESLint's. */
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.elasticache`;
/** Whether the client applies versioned text document edits (WorkspaceEdit.documentChanges). */
let versionedEdits = false;
/** Whether the client is VS Code, whose "Change File Encoding" command saves a file without its byte order mark. */
let offersChangeEncoding = false;
/** Whether the client resolves a code action's edit on demand (then "fix all" is worked out only when chosen). */
let resolvesEdits = false;

const initializeResult: InitializeResult = {
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    completionProvider: { triggerCharacters: ['?', '&', '=', '"', ':', '.'], resolveProvider: false },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
    documentSymbolProvider: { label: 'ElastiCache requests' },
  },
  serverInfo: { name: 'elasticache-language-server', version: '0.1.0' },
};

/**
 * What the VS Code extension tells the server at initialization (client/src/extension.ts): that it runs the "Create
 * cluster" CodeLens's command. Another editor would show a lens it cannot run, so it gets none.
 */
export interface ElastiCacheInitializationOptions {
  createFromRequestLens?: boolean;
}

connection.onInitialize((params) => {
  lensRefreshSupport = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  resolvesEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
  offersChangeEncoding = /visual studio code|code - oss|vscodium|code-server/i.test(params.clientInfo?.name ?? '');
  versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
  // Markdown where the client renders it, else the same text without its markup.
  hoverMarkdown = params.capabilities.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? true;
  completionMarkdown = params.capabilities.textDocument?.completion?.completionItem?.documentationFormat?.includes(MarkupKind.Markdown) ?? true;
  const lens = (params.initializationOptions as ElastiCacheInitializationOptions | undefined)?.createFromRequestLens === true;
  return lens ? { ...initializeResult, capabilities: { ...initializeResult.capabilities, codeLensProvider: { resolveProvider: true } } } : initializeResult;
});

let hoverMarkdown = true;
let completionMarkdown = true;

/** Documentation as the client can show it: Markdown, or plain text for a client that takes only that. */
function markup(markdown: string, asMarkdown: boolean): MarkupContent {
  return asMarkdown ? { kind: MarkupKind.Markdown, value: markdown } : { kind: MarkupKind.PlainText, value: markdownToPlainText(markdown) };
}

const COMPLETION_KIND: Record<CompletionCandidate['kind'], CompletionItemKind> = {
  action: CompletionItemKind.Function,
  parameter: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  keyword: CompletionItemKind.Keyword,
  snippet: CompletionItemKind.Snippet,
};

connection.onCompletion((params, token) =>
  serve('completion', params, token, null, (doc, kind) => {
    // CLI input files are one request: reuse the per-version analysis. Query files: completion analyses only the
    // request around the cursor, which is cheaper than the whole file after an edit.
    const whole = kind === 'query' ? undefined : analysisOf(doc, kind);
    const offset = doc.offsetAt(params.position);
    const candidates = complete(doc.getText(), offset, kind, whole);
    const items = candidates.map(
      (c): CompletionItem => ({
        label: c.label,
        kind: COMPLETION_KIND[c.kind],
        detail: c.detail,
        documentation: c.documentation ? markup(c.documentation, completionMarkdown) : undefined,
        sortText: c.sortText,
        filterText: c.filterText,
        preselect: c.preselect,
        // End-of-life versions, previous-generation node types, deprecated members: shown struck through.
        tags: c.deprecated ? [CompletionItemTag.Deprecated] : undefined,
        insertTextFormat: c.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: range(doc, c.replace), newText: c.insertText },
        additionalTextEdits: c.additionalEdits?.map((e) => ({ range: range(doc, e.span), newText: e.newText })),
      }),
    );
    // Query names inside a dotted name carry the typed item number and segments in their filterText
    // (`…Request.1.LogType`): typing another number or segment must ask again, not filter the earlier list.
    const inDottedName =
      kind === 'query' &&
      candidates.some((c) => c.kind === 'parameter' && doc.getText().slice(c.replace.start, offset).includes('.'));
    return { isIncomplete: inDottedName, items };
  }),
);

connection.onHover((params, token) =>
  serve('hover', params, token, null, (doc, kind) => {
    const info = hover(doc.getText(), doc.offsetAt(params.position), kind, kind === 'query' ? undefined : analysisOf(doc, kind));
    return info ? { contents: markup(info.markdown, hoverMarkdown), range: range(doc, info.span) } : null;
  }),
);

/** What a "fix all" action carries until it is resolved. */
interface FixAllData {
  fixAll: string; // the document's URI
}

/** Thrown where a handler stops because its request was cancelled, or its document changed, between two steps. */
class Interrupted extends Error {
  constructor(readonly response: ResponseError<void>) {
    super(response.message);
  }
}

/**
 * The edit of "fix all" on the document as it is now (fixAllEdits: the changed middle of a line, or the changed lines
 * inserted anew and the old ones deleted), or none. Between its rounds it yields to the event loop, so that a
 * $/cancelRequest (or an edit) that arrived meanwhile is read: then it stops with RequestCancelled (or
 * ContentModified: its offsets would no longer match the text).
 */
async function fixAllEdit(uri: string, token: CancellationToken): Promise<CodeAction['edit'] | undefined> {
  const doc = documents.get(uri);
  const kind = doc && kindOf(doc);
  if (!doc || !kind) return undefined;
  const before = doc.getText();
  const version = doc.version;
  const rounds = fixAllRounds(before, kind);
  let step = rounds.next();
  while (!step.done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) throw new Interrupted(cancelled());
    if (documents.get(uri) !== doc || doc.version !== version) throw new Interrupted(contentModified());
    step = rounds.next();
  }
  const { text, applied } = step.value;
  if (applied === 0) return undefined;
  const edits = fixAllEdits(before, text).map((e) => ({ range: range(doc, e.span), newText: e.newText }));
  // With the document's version where the client takes one: it then refuses the edit if the text changed since
  // (the lines between the first and the last fix, written anew, would undo what was typed meanwhile).
  return versionedEdits ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
}

/** The action, its edit to be resolved later; for a client that does not resolve edits, with its edit (once worked out). */
function fixAllAction(title: string, kind: string, uri: string, token: CancellationToken): CodeAction | Promise<CodeAction> {
  const data: FixAllData = { fixAll: uri };
  return resolvesEdits ? { title, kind, data } : fixAllEdit(uri, token).then((edit) => ({ title, kind, edit: edit ?? { changes: {} } }));
}

/** The actions, at once when none is still being worked out. */
function settled(actions: (CodeAction | Promise<CodeAction>)[]): CodeAction[] | Promise<CodeAction[]> {
  return actions.some((a) => a instanceof Promise) ? Promise.all(actions) : (actions as CodeAction[]);
}

connection.onCodeAction((params, token) =>
  serve('code actions', params, token, [], (doc, kind) => {
    const only = params.context.only;
    const wants = (k: string) => !only || only.some((o) => o === '' || k === o || k.startsWith(`${o}.`));
    const analysis = analysisOf(doc, kind);
    // A fix-all action is a promise for a client that does not resolve edits (fix all yields between rounds).
    const actions: (CodeAction | Promise<CodeAction>)[] = [];
    // Source actions only when asked for (the Source Action menu, save): never in the light bulb.
    if (only && wants(FIX_ALL_KIND) && fixableCount(analysis.findings) > 0) {
      actions.push(fixAllAction('Fix all auto-fixable ElastiCache problems', FIX_ALL_KIND, doc.uri, token));
    }
    if (!wants(CodeActionKind.QuickFix)) return settled(actions);
    const span = { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) };
    const fixes = quickFixes(analysis.findings, span);
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: fix.isPreferred,
        diagnostics: [toDiagnostic(doc, analysis, fix.finding, kind)],
        edit: {
          changes: { [doc.uri]: fix.edits.map((e) => ({ range: range(doc, e.span), newText: e.newText })) },
        },
      });
    }
    // A byte order mark is not in the editor's text, so no text edit removes it: VS Code saves without it.
    if (offersChangeEncoding && savedWithByteOrderMark.has(doc.uri) && span.start === 0) {
      const bom = analysis.findings.find((f) => f.code === 'json-syntax' && f.span.end === 0 && !f.fixes);
      // The command asks Reopen or Save with Encoding first, then the encoding: the title says which to choose.
      const title = 'Change File Encoding… (choose Save with Encoding, then UTF-8)';
      if (bom) actions.push({ title, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [toDiagnostic(doc, analysis, bom)], command: { title, command: 'workbench.action.editor.changeEncoding' } });
    }
    // Beside the fixes at the cursor, as ESLint does, when it fixes more than the cursor's own preferred fix would: also
    // beside fixes that are a choice (Remove SignatureVersion / Remove all 3), where a user looks for it too.
    if (fixes.length > 0 && fixableCount(analysis.findings) > (fixes.some((f) => f.isPreferred) ? 1 : 0)) {
      actions.push(fixAllAction('Fix all auto-fixable problems in this file', CodeActionKind.QuickFix, doc.uri, token));
    }
    return settled(actions);
  }),
);

connection.onCodeActionResolve(async (action, token) => {
  const data = action.data as FixAllData | undefined;
  if (!data || typeof data.fixAll !== 'string' || action.edit) return action;
  try {
    action.edit = (await fixAllEdit(data.fixAll, token)) ?? { changes: {} };
  } catch (err) {
    if (err instanceof Interrupted) return err.response;
    logFailure('fix all', err);
  }
  return action;
});

const SYMBOL_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  request: SymbolKind.Object,
  parameter: SymbolKind.Property,
  member: SymbolKind.Field,
};

function toDocumentSymbol(doc: TextDocument, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name || ' ', // LSP forbids empty names
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: range(doc, s.span),
    selectionRange: range(doc, s.selectionSpan),
    children: s.children.map((c) => toDocumentSymbol(doc, c)),
  };
}

connection.onDocumentSymbol((params, token) =>
  serve('outline', params, token, [], (doc, kind) =>
    documentSymbols(analysisOf(doc, kind)).map((s) => toDocumentSymbol(doc, s)),
  ),
);

// ---- "Create cluster" CodeLens: one above each create request (createActionOf), from the per-version analysis ----
/** The client command (client/src/commands.ts) that sends the request at `offset` of `uri`. */
const CREATE_FROM_REQUEST_COMMAND = 'elasticache.createFromRequest';


/** What a lens whose errors are counted when it is resolved (resolveCreateClusterLens) carries. */
interface UncountedLensData {
  uri: string;
  version: number;
  /** The request's span, its first line's offset, and the action it creates. */
  request: Span;
  offset: number;
  action: string;
}

/**
 * The lens's command: create, or the request's errors to fix first. At MAX_FINDINGS errors the analysis stopped
 * counting them (its budget per severity): there may be more, so the title says "at least".
 */
function createClusterCommand(uri: string, offset: number, action: string, errors: number): CodeLens['command'] {
  const count = errors >= MAX_FINDINGS ? `at least ${errors}` : `${errors}`;
  return {
    title: errors === 0 ? (action === 'CreateReplicationGroup' ? 'Create replication group' : 'Create cluster') : `Fix ${count} error${errors === 1 ? '' : 's'} before creating`,
    command: CREATE_FROM_REQUEST_COMMAND,
    arguments: [{ uri, offset }],
  };
}

function createClusterLenses(doc: TextDocument, kind: DocumentKind, analysis: Analysis): CodeLens[] {
  const { requests, fullyListed } = analysis;
  // Error findings per request. A CLI input file is one request: all of them. A query file: each error placed by
  // binary search (requests are in document order), so a 10 MB file costs F log R, not F × R.
  const errors = new Array<number>(requests.length).fill(0);
  for (const f of analysis.findings) {
    if (f.severity !== 'error') continue;
    let lo = 0;
    let hi = requests.length - 1;
    while (kind === 'query' && lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (requests[mid]!.span.start <= f.span.start) lo = mid;
      else hi = mid - 1;
    }
    const r = requests[lo];
    if (r && (kind !== 'query' || (f.span.start < r.span.end && f.span.end > r.span.start))) errors[lo]!++;
  }
  const lenses: CodeLens[] = [];
  requests.forEach((r, i) => {
    const action = createActionOf(r, kind);
    if (!action) return;
    // Above the request's first line (the URL), not between it and a `?Action=` continuation line.
    const offset = r.action?.span.start ?? r.span.start;
    const line = doc.positionAt(kind === 'query' ? r.span.start : offset).line;
    const lensRange = { start: { line, character: 0 }, end: { line, character: 0 } };
    // Past the findings budget a request's errors may not be listed (only those around the last edits are, and the
    // first of the rest): counted when the lens is resolved, for the lenses on screen only (10,000 requests); a Query
    // request alone, a CLI input file (one request) whole.
    if (fullyListed && !fullyListed.some((s) => s.start <= r.span.start && r.span.end <= s.end)) {
      const data: UncountedLensData = { uri: doc.uri, version: doc.version, request: r.span, offset, action };
      lenses.push({ range: lensRange, data });
    } else lenses.push({ range: lensRange, command: createClusterCommand(doc.uri, offset, action, errors[i]!) });
  });
  return lenses;
}

/**
 * The errors of a request, without the editor's limit (up to MAX_FINDINGS of them): a Query request on `span`'s lines
 * analysed alone (it parses the same as in its document: forEachQueryRequest); a CLI input file whole.
 */
function requestErrors(doc: TextDocument, kind: DocumentKind, span: Span): number {
  const text = doc.getText();
  if (kind !== 'query') return analyze(text, kind, { savedWithByteOrderMark: savedWithByteOrderMark.has(doc.uri) }).findings.filter((f) => f.severity === 'error').length;
  const start = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEnd = text.indexOf('\n', span.end);
  return analyze(text.slice(start, lineEnd < 0 ? text.length : lineEnd), 'query').findings.filter((f) => f.severity === 'error').length;
}

connection.onCodeLensResolve((lens, token) => {
  const data = lens.data as UncountedLensData | undefined;
  if (token.isCancellationRequested) return cancelled();
  if (!data || typeof data.uri !== 'string' || lens.command) return lens;
  const doc = documents.get(data.uri);
  // Its span is of that version: VS Code asks for the new version's lenses anyway.
  if (!doc || doc.version !== data.version) return contentModified();
  const kind = kindOf(doc);
  if (!kind) return lens;
  try {
    return { ...lens, command: createClusterCommand(data.uri, data.offset, data.action, requestErrors(doc, kind, data.request)) };
  } catch (err) {
    logFailure('code lens resolve', err);
    return lens;
  }
});

connection.onCodeLens((params, token) =>
  serve('code lens', params, token, [], (doc, kind) => {
    // The lens counts the errors of this version: push this version's diagnostics now rather than after the
    // debounce, so that the Problems panel lists the errors the lens counts (one analysis, cached per version).
    // The lens served now is this version's: recorded first, so that this push asks for no refresh.
    lensVersions.set(doc.uri, doc.version);
    if (pending.has(doc.uri)) publishDiagnostics(doc.uri);
    return createClusterLenses(doc, kind, analysisOf(doc, kind));
  }),
);

connection.onShutdown(() => {
  for (const timer of pending.values()) clearTimeout(timer);
  pending.clear();
});

// Last line of defence: a bug in a handler must not take the server (and every open editor's checks) down.
process.on('uncaughtException', (err) => logFailure('server', err));
process.on('unhandledRejection', (err) => logFailure('server', err));

documents.listen(connection);
connection.listen();
