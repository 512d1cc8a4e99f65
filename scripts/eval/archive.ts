// The archives the evaluations run on: the sample data with the real set's persons, alone or
// mixed into a generated population, kept in var/eval/ between runs (PostgreSQL: the database
// DATABASE_URL names, emptied first).
import { sql } from 'kysely';
import { openStorage, type Storage } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { loadSampleAndIndex } from '../../src/sample/sample-loader.ts';
import { hasSearchDocs } from '../../src/search/index/search-doc.repository.ts';
import { rebuildSearchIndex } from '../../src/search/index/search-indexer.ts';
import { writeRealSampleDir } from './real-set.ts';

/** Opens (and builds, the first time) the archive of the sample, the real set and `persons` generated ones. */
export async function openEvalArchive(persons: number, seed: number): Promise<Storage> {
  const target = process.env.DATABASE_URL ?? `var/eval/sample-real-${persons}-seed${seed}.sqlite`;
  if (process.env.DATABASE_URL) await resetPostgres(target);
  return prepare(target, persons, seed, writeRealSampleDir('var/eval/sample-with-real-set'));
}

async function prepare(target: string, persons: number, seed: number, sampleDir: string): Promise<Storage> {
  const storage = await openStorage(target);
  await migrateToLatest(storage.db);
  const existing = Number(
    (
      await storage.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  let fresh = false;
  if (existing === 0) {
    await loadSampleAndIndex(storage, sampleDir);
    if (persons > 0) {
      const started = Date.now();
      await runGenerate(storage, {
        persons,
        seed,
        onProgress: (p) =>
          process.stderr.write(`\rgenerating ${p.done.toLocaleString('en')} / ${persons.toLocaleString('en')}`),
      });
      process.stderr.write(`\n  generated in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      fresh = true;
    }
  }
  // The generated persons (the generator writes rows, not index entries), or an index an upgrade
  // emptied: the whole name index is built again.
  if (fresh || !(await hasSearchDocs(storage.db))) {
    await rebuildSearchIndex(storage, (p) =>
      process.stderr.write(`\rindexing ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`),
    );
    process.stderr.write('\n');
  }
  return storage;
}

/** PostgreSQL runs use the database named by DATABASE_URL and empty it first. */
async function resetPostgres(url: string) {
  const storage = await openStorage(url);
  await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public`.execute(storage.db).catch(() => undefined);
  await storage.close();
}
