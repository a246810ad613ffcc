// Extension entry point: filled in by the client work (issue 4).
export function activate(): void {}
export function deactivate(): void {}
