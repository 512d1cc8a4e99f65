import cluster from 'node:cluster';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { accountSettingsFromEnv, SettingsError } from '../accounts/settings.ts';
import { countRecords } from '../archive/archive.repository.ts';
import { restoreDeferredIndexes } from '../db/bulk.ts';
import { openStorage, type Storage, StorageOpenError } from '../db/connection.ts';
import { CopyRefusedError } from '../db/copy.ts';
import { DumpRefusedError } from '../db/dump.ts';
import { DumpError } from '../db/dump-format.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { RestoreRefusedError } from '../db/restore.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { countListedPersons } from '../persons/person-index.repository.ts';
import { SampleDataError } from '../sample/sample-files.ts';
import { loadSample, loadSampleAndIndex, SAMPLE_DIR } from '../sample/sample-loader.ts';
import { hasFacts } from '../search/facts/fact.repository.ts';
import { drainIndexQueue } from '../search/index/index-drain.ts';
import { countPending, listEntries } from '../search/index/index-queue.repository.ts';
import { implicationsComplete } from '../search/index/key-implication.repository.ts';
import { hasSearchDocs } from '../search/index/search-doc.repository.ts';
import { searchIndexFor } from '../search/index/search-index-for.ts';
import { completeFacts, completeImplications, startRebuild } from '../search/index/search-indexer.ts';
import { ACCOUNT_HELP, ACCOUNT_OPTIONS, AccountUsageError, startAdmin, tokenCommand, userCommand } from './accounts.ts';
import { CONTRIBUTIONS_HELP, ContributionsUsageError, contributionsCommand } from './contributions.ts';
import { COPY_HELP, COPY_OPTIONS, CopyUsageError, copyCommand } from './copy.ts';
import { DUMP_HELP, DumpUsageError, dumpCommand, restoreCommand } from './dump.ts';
import { DUPLICATES_HELP, DUPLICATES_OPTIONS, DuplicatesUsageError, duplicatesCommand } from './duplicates.ts';
import { IMPORT_LIST_HELP, IMPORT_LIST_OPTIONS, ImportListUsageError, importListCommand } from './import-list.ts';
import { countLine, drainProgress, progressPrinter } from './progress.ts';
import { parseWorkers, serveArchive, shownUrl } from './serve.ts';

const DEFAULT_DB = 'var/fates.sqlite';

const HELP = `fates — the Fates archive

Usage: fates <command> [options]

Commands:
  start         create and migrate the database, load the sample data if it is empty, and serve
  serve         serve the archive (the database must be migrated)
  migrate       bring the database schema up to date
  load-sample   load (or re-sync) the sample data from data/sample; unchanged files change nothing
  check-sample  validate the sample files without touching a database
  generate      add a synthetic population (--persons N, --seed S) and index it
  reindex       rebuild the name and full-text search indexes (or resume a rebuild left
                unfinished); with --implications, only fill in
                the key implications of an index built before they were recorded, and with
                --bitsets, only store the bitsets of common filters again (SQLite; see README); with
                --facts, only write what maps and statistics count of each person
${COPY_HELP}
${DUMP_HELP}
${IMPORT_LIST_HELP}
${DUPLICATES_HELP}
${ACCOUNT_HELP}
${CONTRIBUTIONS_HELP}

Options:
  --db <target> SQLite file or postgres:// URL (default: $DATABASE_URL, else $FATES_DB, else ${DEFAULT_DB})
  --port <n>    port to listen on (default: $PORT or 3000)
  --host <h>    address to listen on (default: $HOST or 0.0.0.0)
  --workers <n> server processes sharing the port, or "auto" for one per core (default: $WEB_CONCURRENCY or 1)
  --dir <path>  sample data folder (default: data/sample)
  --persons <n> generate: how many persons to add (e.g. 200000 or 1M)
  --seed <s>    generate: the seed; the same seed and count give the same rows (default: 1)
  -h, --help    show this help
`;

/**
 * From this many persons on, `start` says when the filters' bitsets are not stored: below it a
 * server process builds the ones it needs in memory quickly enough.
 */
const STORE_FILTERS_FROM = 500_000;

/**
 * Commands whose code the server never loads (the synthetic-data generator, a tool for benchmarks
 * and demos): bin/fates.js hands them in, and `fates` runs them like its own.
 */
export interface ToolCommands {
  /** `fates generate`: adds a synthetic population to an open, migrated storage. */
  generate?: (storage: Storage, options: { persons?: string; seed?: string; signal: AbortSignal }) => Promise<void>;
}

/** Errors of tool commands printed without a stack trace, told by name since their classes are not loaded here. */
const TOOL_ERRORS = new Set(['GenerateUsageError', 'GenerateStoppedError']);

/** A mistake in how the command was called; printed without a stack trace. */
class UsageError extends Error {
  override name = 'UsageError';
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`invalid port "${raw}": give a number from 0 to 65535`);
  return port;
}

/** Opens the storage, finishing any index rebuild a killed bulk import left undone. */
async function open(target: string): Promise<Storage> {
  const storage = await openStorage(target);
  if (storage.sqlite) restoreDeferredIndexes(storage.sqlite);
  return storage;
}

/**
 * Builds both indexes again: a rebuild another run left unfinished is taken up where it stopped
 * (its progress is in the index queue), else one is started.
 */
async function reindex(storage: Storage): Promise<void> {
  const left = (await listEntries(storage.db, 'rebuild', 1))[0];
  if (left) {
    console.log(
      `Resuming the rebuild left unfinished at person ${left.first.toLocaleString('en')} of ${left.last.toLocaleString('en')}.`,
    );
  } else {
    await startRebuild(storage, { names: true, texts: true });
  }
  const report = await drainIndexQueue(storage, { onProgress: drainProgress() });
  console.log(`Indexed ${report.persons.toLocaleString('en')} persons and ${report.texts.toLocaleString('en')} texts.`);
}

/** Writes what the index queue holds (after a crash, or a bulk write), saying so first. */
async function drainPending(storage: Storage): Promise<void> {
  const pending = [...(await countPending(storage.db)).values()].reduce((a, b) => a + b, 0);
  if (pending === 0) return;
  console.log(`Indexing ${pending.toLocaleString('en')} records whose index entries are pending…`);
  const report = await drainIndexQueue(storage, { onProgress: drainProgress() });
  console.log(`Indexed ${report.persons.toLocaleString('en')} persons and ${report.texts.toLocaleString('en')} texts.`);
}

/** Progress of storing the filters' bitsets, from the first one on. */
function filterProgress(print: ReturnType<typeof progressPrinter>): (p: { done: number; total: number }) => void {
  let started = 0;
  return (p) => {
    if (p.done <= 1) started = performance.now();
    print(`filter bitsets: ${countLine('filters', p.done, p.total, performance.now() - started)}`, p.done === p.total);
  };
}

async function storeFilters(storage: Storage): Promise<void> {
  const stored = await searchIndexFor(storage).storeFilters(filterProgress(progressPrinter()));
  console.log(
    stored === null
      ? 'PostgreSQL answers filters from its own index; nothing to store.'
      : `Stored the bitsets of ${stored.toLocaleString('en')} filters that at least 1 in 250 persons has.`,
  );
}

async function fillFacts(storage: Storage): Promise<void> {
  const print = progressPrinter();
  const started = performance.now();
  await completeFacts(storage, (p) =>
    print(`facts: ${countLine('person ids', p.done, p.total, performance.now() - started)}`, p.done === p.total),
  );
  console.log('The facts maps and statistics count are written for every person.');
}

async function fillImplications(storage: Storage): Promise<void> {
  const print = progressPrinter();
  const started = performance.now();
  const outcome = await completeImplications(storage, {
    onProgress: (p) =>
      print(
        `key implications: ${countLine('person ids', p.done, p.total, performance.now() - started)}`,
        p.done === p.total,
      ),
  });
  const messages = {
    completed: 'The key implications are complete: searches leave out the tokens they make redundant.',
    'already complete': 'The key implications are already complete; nothing written.',
    interrupted: 'A rebuild of the name index started meanwhile and records the implications itself; nothing marked.',
  };
  console.log(messages[outcome]);
}

async function withStorage<T>(target: string, fn: (s: Storage) => Promise<T>): Promise<T> {
  const storage = await open(target);
  try {
    const result = await fn(storage);
    // A command ends with the index written: a write may have left its drain to the background.
    await storage.background.settled();
    return result;
  } finally {
    await storage.close();
  }
}

async function main(argv: string[], tools: ToolCommands): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      workers: { type: 'string' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      persons: { type: 'string' },
      seed: { type: 'string' },
      implications: { type: 'boolean' },
      bitsets: { type: 'boolean' },
      facts: { type: 'boolean' },
      ...COPY_OPTIONS,
      ...ACCOUNT_OPTIONS,
      ...IMPORT_LIST_OPTIONS,
      ...DUPLICATES_OPTIONS,
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(HELP);
    return;
  }
  const target = values.db ?? process.env.DATABASE_URL ?? process.env.FATES_DB ?? DEFAULT_DB;
  const port = parsePort(values.port ?? process.env.PORT ?? '3000');
  const host = values.host ?? process.env.HOST ?? '0.0.0.0';
  const dir = values.dir ?? SAMPLE_DIR;
  const workers = parseWorkers(values.workers ?? process.env.WEB_CONCURRENCY, os.availableParallelism());
  if (workers === null)
    throw new UsageError(
      `invalid --workers "${values.workers ?? process.env.WEB_CONCURRENCY}": give a number from 1 to 64, or auto`,
    );
  const serving = { port, host, workers };

  switch (command) {
    case 'migrate':
      await withStorage(target, async (s) => {
        const ran = await migrateToLatest(s.db);
        console.log(ran.length ? `Applied ${ran.join(', ')} to ${s.location}` : `${s.location} is up to date.`);
      });
      return;
    case 'check-sample': {
      const { readSampleDir } = await import('../sample/sample-files.ts');
      const data = readSampleDir(dir);
      console.log(
        `Sample data is valid: ${data.persons.length} persons, ${data.sources.length} sources, ${data.places.length} places.`,
      );
      return;
    }
    case 'load-sample':
      await withStorage(target, async (s) => {
        await migrateToLatest(s.db);
        const report = await loadSample(s.db, dir);
        console.log(
          report.changed
            ? `Loaded ${report.persons} persons, ${report.events} events, ${report.sources} sources, ${report.places} places into ${s.location}.`
            : 'The sample data is already loaded and unchanged; nothing written.',
        );
        await drainPending(s);
      });
      return;
    case 'reindex':
      await withStorage(target, async (s) => {
        await migrateToLatest(s.db);
        if (values.implications) await fillImplications(s);
        if (values.bitsets) await storeFilters(s);
        if (values.facts) await fillFacts(s);
        if (!values.implications && !values.bitsets && !values.facts) await reindex(s);
      });
      return;
    case 'user':
      await withStorage(target, async (s) => {
        await migrateToLatest(s.db);
        await userCommand(s.db, positionals, values);
      });
      return;
    case 'token':
      await withStorage(target, async (s) => {
        await migrateToLatest(s.db);
        await tokenCommand(s.db, positionals, values);
      });
      return;
    case 'contributions':
      await withStorage(target, async (s) => {
        await migrateToLatest(s.db);
        await contributionsCommand(s, positionals, values.days);
      });
      return;
    case 'serve':
      accountSettingsFromEnv();
      // Forked server processes run this file again: only the primary writes what is pending.
      if (cluster.isPrimary) await withStorage(target, drainPending);
      await serveArchive(() => open(target), serving);
      return;
    case 'start': {
      // Forked server processes run this file again: only the primary prepares the database.
      if (cluster.isPrimary) {
        accountSettingsFromEnv();
        await withStorage(target, async (storage) => {
          await migrateToLatest(storage.db);
          await startAdmin(storage.db, process.env.PUBLIC_URL ?? (port ? shownUrl(host, port) : undefined));
          if ((await countRecords(storage.db)).persons === 0) {
            const report = await loadSampleAndIndex(storage, dir);
            console.log(
              `Loaded the sample data: ${report.persons} persons, ${report.events} events, ${report.sources} sources.`,
            );
          } else if (
            !(await hasSearchDocs(storage.db)) &&
            (await countListedPersons(storage.db)) > 0 &&
            (await listEntries(storage.db, 'rebuild', 1)).length === 0
          ) {
            console.log(
              'The name index is empty (an upgrade changed its format or its keys): building it before serving.',
            );
            await reindex(storage);
          } else {
            await drainPending(storage);
            if (!(await hasFacts(storage.db))) {
              if ((await countListedPersons(storage.db)) < STORE_FILTERS_FROM) {
                console.log('This name index was built before maps and statistics kept facts: writing them.');
                await fillFacts(storage);
              } else {
                console.log(
                  'This name index was built before maps and statistics kept facts: `fates reindex --facts` writes them; until then maps and statistics show none.',
                );
              }
            }
            if (!(await implicationsComplete(storage.db))) {
              console.log(
                'This name index was built before key implications were recorded: `fates reindex --implications` makes searches ask it for fewer lists.',
              );
            }
            if (
              (await countListedPersons(storage.db)) >= STORE_FILTERS_FROM &&
              !(await searchIndexFor(storage).filtersStored())
            ) {
              console.log(
                'The bitsets of common filters are not stored with this name index: `fates reindex --bitsets` stores them, so that server processes need not build them.',
              );
            }
          }
        });
      }
      await serveArchive(() => open(target), serving);
      return;
    }
    case 'copy':
      return copyCommand(values);
    case 'dump':
      await withStorage(target, (s) => dumpCommand(s, positionals[1]));
      return;
    case 'restore':
      await withStorage(target, (s) => restoreCommand(s, positionals[1], values.force ?? false));
      return;
    case 'import-list':
      await withStorage(target, async (s) => {
        await migrateToLatest(s.db);
        await importListCommand(s, positionals, values);
      });
      return;
    case 'duplicates':
      await withStorage(target, async (s) => {
        await migrateToLatest(s.db);
        await duplicatesCommand(s, values);
      });
      return;
    case 'generate': {
      const generate = tools.generate;
      if (!generate) throw new UsageError('this installation has no generator');
      // Ctrl-C stops after the batch being written, so that the indexes are complete again.
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      await withStorage(target, async (s) => {
        await migrateToLatest(s.db);
        try {
          await generate(s, { persons: values.persons, seed: values.seed, signal: stop.signal });
        } finally {
          // The persons written, stopped or not, are in the index queue: written now.
          await drainPending(s);
        }
      });
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"; see fates --help`);
  }
}

/** Runs the `fates` command line; bin/fates.js calls it with the process's arguments. */
export function runCli(argv: string[], tools: ToolCommands = {}): void {
  main(argv, tools).catch(reportAndExit);
}

function reportAndExit(error: unknown): never {
  if (
    error instanceof StorageOpenError ||
    error instanceof SampleDataError ||
    error instanceof UsageError ||
    error instanceof CopyUsageError ||
    error instanceof CopyRefusedError ||
    error instanceof DumpUsageError ||
    error instanceof DumpError ||
    error instanceof DumpRefusedError ||
    error instanceof RestoreRefusedError ||
    error instanceof ImportListUsageError ||
    error instanceof DuplicatesUsageError ||
    error instanceof AccountUsageError ||
    error instanceof ContributionsUsageError ||
    error instanceof SettingsError ||
    error instanceof InputError ||
    error instanceof NotFoundError ||
    (error instanceof Error && TOOL_ERRORS.has(error.name))
  ) {
    console.error(`fates: ${error.message}`);
  } else if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS')
  ) {
    console.error(`fates: ${error.message}\n\n${HELP}`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
