/** Where each IdP puts group membership in its ID token. */
export function groupsFromClaims(claims: Record<string, unknown>): string[] {
  const raw = claims['groups'] ?? claims['cognito:groups'];
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === 'string');
  if (typeof raw === 'string') return raw.split(/[\s,]+/).filter(Boolean);
  return [];
}

export function isAdminByGroups(groups: readonly string[], adminGroup: string): boolean {
  return groups.includes(adminGroup);
}
