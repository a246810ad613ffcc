// Semantic rules of CreateCacheCluster on an SDK-shaped input.
import type { Issue } from './types';

export function checkCreateCacheCluster(_input: Record<string, unknown>): Issue[] {
  return [];
}
