// "Create cluster" CodeLens above each CreateCacheCluster request (REST Client's "Send Request", for ElastiCache).
import * as vscode from 'vscode';
import { documentKindFor } from './documentKind';

export class CreateClusterCodeLens implements vscode.CodeLensProvider {
  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const kind = documentKindFor(document.uri.path, document.languageId);
    if (!kind) return [];
    const { createRequestsIn } = await import('./createFromRequest');
    return createRequestsIn(document.getText(), kind).map((request) => {
      const position = document.positionAt(request.anchor.start);
      const n = request.errors.length;
      return new vscode.CodeLens(new vscode.Range(position.line, 0, position.line, 0), {
        title: n === 0 ? '$(cloud-upload) Create cluster' : `$(error) Create cluster (fix ${n} error${n === 1 ? '' : 's'} first)`,
        tooltip: n === 0 ? 'Send this CreateCacheCluster request (choose the connection)' : 'See the Problems panel',
        command: 'elasticache.createFromRequest',
        arguments: [{ uri: document.uri.toString(), offset: request.anchor.start }],
      });
    });
  }
}
