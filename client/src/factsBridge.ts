// TEMPORARY: the facts the wizard needs, until server/src/model/facts.ts (language service) lands; then these
// functions become re-exports from it.
export function engines(): string[] {
  return ['memcached', 'redis', 'valkey'];
}
export function nodeTypes(_engine: string): string[] {
  return ['cache.t4g.micro', 'cache.t4g.small', 'cache.t4g.medium', 'cache.t3.micro', 'cache.m7g.large', 'cache.r7g.large'];
}
export function maxNodes(engine: string): number {
  return engine === 'memcached' ? 40 : 1;
}
export function validateAuthToken(token: string): string | undefined {
  if (token.length < 16 || token.length > 128) return 'An AUTH token must be 16 to 128 characters long.';
  return undefined;
}
export function regions(): string[] {
  return ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1'];
}
