import type { Generated } from 'kysely';

/** Who did what to whom: sign-ins, failures, account changes, and what other domains record (merges, reverts). */
export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<string>;
  /** The user who acted; null for an anonymous caller or the command line. */
  actor_id: number | null;
  /** The actor's name at the time, so that the entry reads the same after a rename. */
  actor_name: string | null;
  /** Where the action came from: `web`, `api` or `cli`. */
  via: string;
  /** What happened, e.g. `sign-in`, `user.role`, `person.merge` (audit.ts AUDIT_ACTIONS for the known ones). */
  action: string;
  /** What it happened to, as `kind:id` (`user:3`, `person:12`); null when nothing in particular. */
  target: string | null;
  /** A short note: the new role, a reason. Never a password or token. */
  detail: string | null;
  /** The client's address for web and API actions. */
  address: string | null;
}
