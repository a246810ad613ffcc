// Quick fixes: the fixes each finding already carries, offered where the cursor/selection touches the finding.
// Pure: the language server converts these to LSP CodeActions.
import type { Finding, Fix, Span } from './types';

export interface QuickFix {
  title: string;
  isPreferred: boolean;
  edits: Fix['edits'];
  /** The finding it fixes (the server attaches the matching diagnostic). */
  finding: Finding;
}

/** True when two spans overlap or touch (a cursor at either end of a finding counts). */
function touches(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The quick fixes for every finding that touches `range`, in finding order. A lone fix is preferred unless it says otherwise. */
export function quickFixes(findings: readonly Finding[], range: Span): QuickFix[] {
  const result: QuickFix[] = [];
  for (const finding of findings) {
    if (!finding.fixes?.length || !touches(finding.span, range)) continue;
    for (const fix of finding.fixes) {
      result.push({
        title: fix.title,
        isPreferred: fix.isPreferred ?? finding.fixes.length === 1,
        edits: fix.edits,
        finding,
      });
    }
  }
  return result;
}
