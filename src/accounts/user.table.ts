import type { Generated } from 'kysely';

/** People who may sign in. Never deleted: the audit log and revisions name them forever. */
export interface UserTable {
  id: Generated<number>;
  /** The sign-in name, normalized (user.ts `normalizeUserName`); unique. */
  name: string;
  /** How the header and the history show the person; the name when null. */
  display_name: string | null;
  /** One of ROLES (role.ts). */
  role: string;
  /** A PHC string (password.ts); never leaves the accounts service. */
  password_hash: string;
  /** 1 after a one-time or reset password: the user must choose a new one before anything else. */
  must_change_password: Generated<number>;
  /** When an administrator disabled the account; null while it may sign in. */
  disabled_at: string | null;
  last_sign_in_at: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}
