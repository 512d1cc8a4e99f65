import type { AccountSettings } from '../accounts/settings.ts';
import type { CurrentUser } from '../accounts/user.ts';
import type { Db, Storage } from '../db/connection.ts';
import type { Messages } from '../i18n/en.ts';
import type { Lang } from '../i18n/i18n.ts';

/** How the request proved who it is: a session cookie (with its secret) or a bearer API token. */
export type Credential = { kind: 'session'; token: string } | { kind: 'bearer' };

/** What every request handler can read from the context. */
export type Env = {
  Variables: {
    db: Db;
    /** The storage behind `db`, for services that choose an engine-specific implementation. */
    storage: Storage;
    lang: Lang;
    t: Messages;
    /** The signed-in user (session cookie or API token), null for an anonymous caller; see src/web/auth.ts. */
    user: CurrentUser | null;
    /** How `user` was proved; src/web/auth.ts and csrf.tsx only. */
    credential: Credential | null;
    accountSettings: AccountSettings;
  };
};
