import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. What members of the public send (contributions, their
// messages and attached files, the statements reviewers propose from them), the mail the archive
// sends them, the attempts the rate limit counts, and the photos and scans on records (media,
// with their files in several sizes). Contributors' data lives in its own tables, apart from the
// public record; files are kept in the database, so that a row and its bytes are written and
// erased together and a copy or backup carries them.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();
  const now = pg ? sql`to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')` : sql`CURRENT_TIMESTAMP`;
  const bytes = pg ? 'bytea' : 'blob';

  await db.schema
    .createTable('media')
    .addColumn('id', 'integer', id)
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('caption', 'text')
    .addColumn('date_edtf', 'text')
    .addColumn('credit', 'text')
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('media_record').on('media').columns(['record_type', 'record_id', 'sort']).execute();

  await db.schema
    .createTable('media_files')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id'))
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('media_files_pk', ['media_id', 'variant'])
    .execute();

  await db.schema
    .createTable('contributions')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer')
    .addColumn('subject_name', 'text')
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('relation_detail', 'text')
    .addColumn('message', 'text')
    .addColumn('dates', 'text')
    .addColumn('places', 'text')
    .addColumn('names', 'text')
    .addColumn('sender_name', 'text')
    .addColumn('sender_email', 'text')
    .addColumn('consent_name', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_publish', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('licence', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('decline_reason', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('source_id', 'integer')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema.createIndex('contributions_status').on('contributions').columns(['status', 'id']).execute();
  await db.schema.createIndex('contributions_person').on('contributions').columns(['person_id', 'id']).execute();

  await db.schema
    .createTable('contribution_messages')
    .addColumn('id', 'integer', id)
    .addColumn('contribution_id', 'integer', (c) => c.notNull().references('contributions.id'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contribution_messages_contribution')
    .on('contribution_messages')
    .columns(['contribution_id', 'id'])
    .execute();

  await db.schema
    .createTable('contribution_files')
    .addColumn('id', 'integer', id)
    .addColumn('contribution_id', 'integer', (c) => c.notNull().references('contributions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('thumb', bytes)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contribution_files_contribution')
    .on('contribution_files')
    .columns(['contribution_id', 'id'])
    .execute();

  await db.schema
    .createTable('contribution_proposals')
    .addColumn('id', 'integer', id)
    .addColumn('contribution_id', 'integer', (c) => c.notNull().references('contributions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('statement_id', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('decline_reason', 'text')
    .addColumn('proposed_by', 'integer')
    .addColumn('decided_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('contribution_proposals_contribution')
    .on('contribution_proposals')
    .columns(['contribution_id', 'id'])
    .execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'integer', id)
    .addColumn('contribution_id', 'integer')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_contribution').on('mail_outbox').column('contribution_id').execute();

  await db.schema
    .createTable('contribution_attempts')
    .addColumn('id', 'integer', id)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('address_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contribution_attempts_address')
    .on('contribution_attempts')
    .columns(['address_key', 'at'])
    .execute();
  await db.schema.createIndex('contribution_attempts_at').on('contribution_attempts').column('at').execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'contribution_attempts',
    'mail_outbox',
    'contribution_proposals',
    'contribution_files',
    'contribution_messages',
    'contributions',
    'media_files',
    'media',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
