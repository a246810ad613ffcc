// Per-field validators (validate-as-you-type in the create wizard; the rules use them too).
export function validateCacheClusterId(id: string): string | undefined {
  if (id.length < 1 || id.length > 50) return 'A cluster ID must be 1 to 50 characters long.';
  if (!/^[A-Za-z]/.test(id)) return 'A cluster ID must begin with a letter.';
  if (/[^A-Za-z0-9-]/.test(id)) return 'A cluster ID may contain only ASCII letters, digits and hyphens.';
  if (id.includes('--')) return 'A cluster ID cannot contain two consecutive hyphens.';
  if (id.endsWith('-')) return 'A cluster ID cannot end with a hyphen.';
  return undefined;
}
