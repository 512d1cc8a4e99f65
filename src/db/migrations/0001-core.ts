import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must not import application code, and must not change once released.
// Both engines run it; they differ in how an auto-increment key is declared, in the default of
// timestamp columns, and in PostgreSQL's extensions.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function idColumn(db: Db) {
  const pg = isPostgres(db);
  return (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();
}

// Timestamps are `YYYY-MM-DD HH:MM:SS` UTC text on both engines. That is what SQLite's
// CURRENT_TIMESTAMP gives; PostgreSQL's would be stored as `2026-01-02 03:04:05.678901+00`.
function nowText(db: Db) {
  return isPostgres(db)
    ? sql`to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')`
    : sql`CURRENT_TIMESTAMP`;
}

export async function up(db: Db): Promise<void> {
  const id = idColumn(db);
  const now = nowText(db);

  if (isPostgres(db)) {
    // Trigram similarity, accent folding and phonetic codes for name search. All three are
    // trusted extensions: the database owner may create them without being a superuser.
    for (const extension of ['pg_trgm', 'unaccent', 'fuzzystrmatch']) {
      await sql`CREATE EXTENSION IF NOT EXISTS ${sql.raw(extension)}`.execute(db);
    }
  }

  await db.schema
    .createTable('places')
    .addColumn('id', 'integer', id)
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('places.id'))
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('country', 'text')
    .addColumn('geonames_id', 'text')
    .addColumn('wikidata_id', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('place_names')
    .addColumn('id', 'integer', id)
    .addColumn('place_id', 'integer', (c) => c.notNull().references('places.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('valid_edtf', 'text')
    .addColumn('valid_min', 'text')
    .addColumn('valid_max', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('place_names_place').on('place_names').column('place_id').execute();

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'integer', id)
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('place_id', 'integer', (c) => c.references('places.id'))
    .addColumn('wikidata_id', 'text')
    .addColumn('gnd_id', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('organization_names')
    .addColumn('id', 'integer', id)
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('abbreviation', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('organization_names_org').on('organization_names').column('organization_id').execute();

  await db.schema
    .createTable('persons')
    .addColumn('id', 'integer', id)
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('sort_name', 'text', (c) => c.notNull())
    // Folded sort_name, so that the index orders Łukasz, Ölberg and Šmidt as readers expect.
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
    .addColumn('fate', 'text')
    .addColumn('fate_override', 'text')
    .addColumn('merged_into', 'integer', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('persons_sort').on('persons').columns(['status', 'sort_key']).execute();
  await db.schema.createIndex('persons_fate').on('persons').columns(['fate', 'sort_key']).execute();

  await db.schema
    .createTable('person_roles')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_roles_pk', ['person_id', 'role'])
    .execute();
  await db.schema.createIndex('person_roles_role').on('person_roles').columns(['role', 'person_id']).execute();

  await db.schema
    .createTable('person_texts')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('biography', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_texts_pk', ['person_id', 'lang'])
    .execute();

  await db.schema
    .createTable('names')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('given', 'text')
    .addColumn('surname', 'text')
    .addColumn('patronymic', 'text')
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('lang', 'text')
    .addColumn('valid_edtf', 'text')
    .addColumn('folded', 'text', (c) => c.notNull())
    .addColumn('rank', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('note', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('names_person').on('names').column('person_id').execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'integer', id)
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date_edtf', 'text')
    .addColumn('date_min', 'text')
    .addColumn('date_max', 'text')
    .addColumn('date_text', 'text')
    .addColumn('place_id', 'integer', (c) => c.references('places.id'))
    .addColumn('place_text', 'text')
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('details', 'text')
    .addColumn('rank', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('note', 'text')
    .addColumn('variant_of', 'integer', (c) => c.references('events.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('events_type_date').on('events').columns(['type', 'date_min']).execute();
  await db.schema.createIndex('events_place').on('events').column('place_id').execute();
  await db.schema.createIndex('events_org').on('events').column('organization_id').execute();
  await db.schema.createIndex('events_variant').on('events').column('variant_of').execute();

  await db.schema
    .createTable('event_texts')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_texts_pk', ['event_id', 'lang'])
    .execute();

  await db.schema
    .createTable('event_participants')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('event_participants_pk', ['event_id', 'person_id', 'role'])
    .execute();
  await db.schema
    .createIndex('event_participants_person')
    .on('event_participants')
    .columns(['person_id', 'event_id'])
    .execute();

  await db.schema
    .createTable('attributes')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('place_id', 'integer', (c) => c.references('places.id'))
    .addColumn('date_edtf', 'text')
    .addColumn('date_min', 'text')
    .addColumn('date_max', 'text')
    .addColumn('rank', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('note', 'text')
    .addColumn('variant_of', 'integer', (c) => c.references('attributes.id').onDelete('cascade'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('attributes_person').on('attributes').column('person_id').execute();

  await db.schema
    .createTable('relationships')
    .addColumn('id', 'integer', id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('related_person_id', 'integer', (c) => c.references('persons.id').onDelete('cascade'))
    .addColumn('related_name', 'text')
    .addColumn('date_edtf', 'text')
    .addColumn('date_min', 'text')
    .addColumn('date_max', 'text')
    .addColumn('rank', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('note', 'text')
    .addColumn('variant_of', 'integer', (c) => c.references('relationships.id').onDelete('cascade'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('relationships_person').on('relationships').column('person_id').execute();
  await db.schema.createIndex('relationships_related').on('relationships').column('related_person_id').execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', 'integer', id)
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('authors', 'text')
    .addColumn('container_title', 'text')
    .addColumn('publisher', 'text')
    .addColumn('publication_place', 'text')
    .addColumn('date_edtf', 'text')
    .addColumn('url', 'text')
    .addColumn('accessed', 'text')
    .addColumn('language', 'text')
    .addColumn('archive', 'text')
    .addColumn('fond', 'text')
    .addColumn('opis', 'text')
    .addColumn('delo', 'text')
    .addColumn('folios', 'text')
    .addColumn('columns', 'text')
    .addColumn('parent_id', 'integer', (c) => c.references('sources.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('list_rows')
    .addColumn('id', 'integer', id)
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('cells', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('link_status', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('list_rows_source').on('list_rows').columns(['source_id', 'position']).unique().execute();
  await db.schema.createIndex('list_rows_person').on('list_rows').column('person_id').execute();

  await db.schema
    .createTable('document_texts')
    .addColumn('id', 'integer', id)
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('document_texts_source').on('document_texts').column('source_id').execute();

  await db.schema
    .createTable('citations')
    .addColumn('id', 'integer', id)
    .addColumn('statement_type', 'text', (c) => c.notNull())
    .addColumn('statement_id', 'integer', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('locator', 'text')
    .addColumn('list_row_id', 'integer', (c) => c.references('list_rows.id').onDelete('set null'))
    .addColumn('quote', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('citations_statement')
    .on('citations')
    .columns(['statement_type', 'statement_id'])
    .execute();
  await db.schema.createIndex('citations_source').on('citations').column('source_id').execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'meta',
    'citations',
    'document_texts',
    'list_rows',
    'sources',
    'relationships',
    'attributes',
    'event_participants',
    'event_texts',
    'events',
    'names',
    'person_texts',
    'person_roles',
    'persons',
    'organization_names',
    'organizations',
    'place_names',
    'places',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
