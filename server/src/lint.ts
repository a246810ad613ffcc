// `elasticache lint`: filled in by the language-service work (issue 2).
export async function runLint(_args: string[]): Promise<number> {
  console.error('elasticache lint: not built yet');
  return 2;
}
