// Which kind of ElastiCache request a document holds: by file name (the language service's rule), else by
// language id (an untitled `elasticache-query` document).
import { documentKindForPath } from '../../server/src/service/index';
import type { DocumentKind } from '../../server/src/service/types';

export function documentKindFor(path: string, languageId: string): DocumentKind | undefined {
  return documentKindForPath(path) ?? (languageId === 'elasticache-query' ? 'query' : undefined);
}
