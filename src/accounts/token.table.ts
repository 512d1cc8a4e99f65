import type { Generated } from 'kysely';

/** Personal API tokens, sent as `Authorization: Bearer …`; each acts with its user's current role. */
export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  /** What the token is for, in the owner's words ("import script"). */
  label: string;
  /** SHA-256 of the token (secret.ts); the token is shown once, at creation. */
  token_hash: string;
  created_at: Generated<string>;
  /** After this moment the token no longer works; null: until revoked. */
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}
