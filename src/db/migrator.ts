import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './connection.ts';
import * as m0001 from './migrations/0001-core.ts';
import * as m0002 from './migrations/0002-search.ts';
import * as m0003 from './migrations/0003-texts.ts';
import * as m0004 from './migrations/0004-counts.ts';
import * as m0005 from './migrations/0005-archive-marks.ts';
import * as m0006 from './migrations/0006-stored-docs.ts';
import * as m0007 from './migrations/0007-participant-order.ts';
import * as m0008 from './migrations/0008-key-implications.ts';
import * as m0009 from './migrations/0009-stored-bitsets.ts';
import * as m0010 from './migrations/0010-sparse-keys.ts';
import * as m0011 from './migrations/0011-drop-name-folded.ts';
import * as m0012 from './migrations/0012-name-keys-2026-12.ts';
import * as m0020 from './migrations/0020-accounts.ts';
import * as m0030 from './migrations/0030-revisions.ts';
import * as m0031 from './migrations/0031-merges.ts';
import * as m0040 from './migrations/0040-person-facts.ts';
import * as m0060 from './migrations/0060-index-queue.ts';
import * as m0070 from './migrations/0070-list-row-links.ts';
import * as m0080 from './migrations/0080-contributions.ts';
import * as m0090 from './migrations/0090-proposals.ts';
import * as m0091 from './migrations/0091-unpublished-events.ts';
import * as m0092 from './migrations/0092-search-doc-changes.ts';
import * as m0093 from './migrations/0093-doc-id-statistics.ts';

// Listed by hand rather than read from the folder, so a bundled or relocated build finds them too.
const migrations: Record<string, Migration> = {
  '0001-core': m0001,
  '0002-search': m0002,
  '0003-texts': m0003,
  '0004-counts': m0004,
  '0005-archive-marks': m0005,
  '0006-stored-docs': m0006,
  '0007-participant-order': m0007,
  '0008-key-implications': m0008,
  '0009-stored-bitsets': m0009,
  '0010-sparse-keys': m0010,
  '0011-drop-name-folded': m0011,
  '0012-name-keys-2026-12': m0012,
  '0020-accounts': m0020,
  '0030-revisions': m0030,
  '0031-merges': m0031,
  '0040-person-facts': m0040,
  '0060-index-queue': m0060,
  '0070-list-row-links': m0070,
  '0080-contributions': m0080,
  '0090-proposals': m0090,
  '0091-unpublished-events': m0091,
  '0092-search-doc-changes': m0092,
  '0093-doc-id-statistics': m0093,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema up to the migration `name` and no further (or back down to it). */
export async function migrateTo(db: Db, name: string): Promise<void> {
  if (!(name in migrations)) throw new Error(`no migration named ${name}`);
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error;
}
