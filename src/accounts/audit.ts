/** The actions the accounts domain records; other domains add their own (`person_merge`, `revert`, …). */
export const ACCOUNT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'sign_out_everywhere',
  'user_add',
  'user_role',
  'user_display_name',
  'user_disable',
  'user_enable',
  'user_password',
  'token_create',
  'token_revoke',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

/** Where an action came from. */
export type Via = 'web' | 'api' | 'cli';

/** Who acts: a signed-in user, or no one (an anonymous visitor, the command line), and from where. */
export interface AuditActor {
  user: { id: number; name: string } | null;
  via: Via;
  /** The client's address for web and API requests. */
  address?: string | null;
}

/** The command line, acting with the rights of whoever may run it on the server. */
export const COMMAND_LINE: AuditActor = { user: null, via: 'cli' };

export interface AuditEntry {
  actor: AuditActor;
  /** Snake-case words, the domain first where it is not accounts: `person_merge`, `revert`. */
  action: string;
  /** `kind:id`, e.g. `user:3`, `person:12`. */
  target?: string | null;
  /** A short note: a new role, a reason. Never a password, token or other secret. */
  detail?: string | null;
}

/** An entry as the audit page shows it. */
export interface AuditRecord {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  via: Via;
  action: string;
  target: string | null;
  detail: string | null;
  address: string | null;
}
