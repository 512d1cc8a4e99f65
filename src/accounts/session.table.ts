import type { Generated } from 'kysely';

/**
 * Signed-in browsers, one row per session cookie. Not copied or dumped with the archive: a copy
 * or restore signs everyone out (EPHEMERAL_TABLES in src/db/tables.ts).
 */
export interface SessionTable {
  /** SHA-256 of the cookie's secret (secret.ts); the secret itself is never stored. */
  token_hash: string;
  user_id: number;
  /** `YYYY-MM-DD HH:MM:SS` UTC, as every timestamp; the absolute timeout counts from here. */
  created_at: string;
  /** Renewed at most once a minute; the idle timeout counts from here. */
  seen_at: string;
}

/**
 * One failed sign-in, kept for the throttle's window and then pruned; the name typed and the
 * address are stored as digests only, as a failed name may be a password typed into the wrong field.
 */
export interface SignInFailureTable {
  id: Generated<number>;
  at: string;
  account_key: string;
  address_key: string;
}
