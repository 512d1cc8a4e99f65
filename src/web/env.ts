import type { Db, Storage } from '../db/connection.ts';
import type { Messages } from '../i18n/en.ts';
import type { Lang } from '../i18n/i18n.ts';

/** What every request handler can read from the context. */
export type Env = {
  Variables: {
    db: Db;
    /** The storage behind `db`, for services that choose an engine-specific implementation. */
    storage: Storage;
    lang: Lang;
    t: Messages;
  };
};
