// `elasticache local`: filled in by the local-endpoint work (issue 3).
export async function runLocal(_args: string[]): Promise<number> {
  console.error('elasticache local: not built yet');
  return 2;
}
