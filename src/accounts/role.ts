/**
 * What a signed-in person may do, from most to least: an `admin` keeps users and settings, an
 * `editor` edits, publishes, merges and reverts, a `reviewer` reviews contributions and proposes
 * edits that an editor accepts. Each role may also do everything the roles after it may, so a
 * guard names the least role it needs (`requireRole('editor')` admits editors and admins).
 */
export const ROLES = ['admin', 'editor', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do what `needed` may. */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(needed);
}
