import type { Kysely } from 'kysely';

// Frozen in time: no application imports. Both engines. What the maps and statistics count of each
// indexed person, derived from the same records as the name index and written with it (see
// src/search/facts/). Derived data: empty until the persons are indexed again (`fates reindex`).
// - person_facts: one row per person the index has held. `seq` grows with every write, so that a
//   server process keeping the facts in memory reads only the rows changed since it last looked;
//   a person who left the index keeps a row with `present` 0 for the same reason.
// - fact_counts: how many present persons have each value of each fact, kept true by the same
//   writes, for the whole archive's statistics without reading a row per person.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

const FACTS = [
  'fate',
  'arrest_year',
  'handover_month',
  'origin',
  'age_at_arrest',
  'sentences',
  'birth_place',
  'arrest_place',
  'custody_place',
  'handover_place',
  'death_place',
] as const;

export async function up(db: Db): Promise<void> {
  let table = db.schema
    .createTable('person_facts')
    .addColumn('person_id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull());
  for (const fact of FACTS) table = table.addColumn(fact, 'text');
  await table.execute();
  await db.schema.createIndex('person_facts_seq').on('person_facts').columns(['seq', 'person_id']).execute();

  await db.schema
    .createTable('fact_counts')
    .addColumn('fact', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('fact_counts_pk', ['fact', 'value'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('fact_counts').execute();
  await db.schema.dropTable('person_facts').execute();
}
