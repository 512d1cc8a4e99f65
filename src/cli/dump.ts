import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Storage } from '../db/connection.ts';
import { type DumpProgress, dumpArchive } from '../db/dump.ts';
import { type RestoreProgress, restoreArchive } from '../db/restore.ts';
import { drainIndexQueue } from '../search/index/index-drain.ts';
import { queueRebuild } from '../search/index/search-indexer.ts';
import { countLine, drainProgress, progressPrinter } from './progress.ts';

export const DUMP_HELP = `  dump FILE     write the whole archive to FILE as JSON Lines (FILE.gz: compressed; -: stdout);
                the search indexes are left out, and tables of secrets (sessions) too
  restore FILE  read a dump into an empty archive (--force replaces one), then index it`;

/** A mistake in how `fates dump` or `restore` was called. */
export class DumpUsageError extends Error {
  override name = 'DumpUsageError';
}

const number = new Intl.NumberFormat('en');

/** One line per table: rewritten in place on a terminal, every few seconds into a file or pipe. */
function tableProgress(): (p: DumpProgress | RestoreProgress) => void {
  const print = progressPrinter();
  let last = '';
  return (p) => {
    const line = `${p.table.padEnd(20)} ${countLine('rows', p.done, p.total, p.elapsedMs)}`;
    // An empty table is done as it starts: said once.
    if (p.done === p.total && `${p.table} ${p.done}` === last) return;
    last = `${p.table} ${p.done}`;
    print(line, p.done === p.total);
  };
}

/** `fates dump FILE`. */
export async function dumpCommand(storage: Storage, file: string | undefined): Promise<void> {
  if (!file) throw new DumpUsageError('dump needs a file to write: fates dump FILE (or - for stdout)');
  const toStdout = file === '-';
  const out = toStdout ? process.stdout : fs.createWriteStream(`${file}.part`);
  // Compressed on the way out: the thread pool gzips while this thread reads.
  const gzip = file.endsWith('.gz') ? createGzip({ level: 1 }) : null;
  const sink = gzip ?? out;
  const written = gzip ? pipeline(gzip, out) : null;
  const report = await dumpArchive(storage, sink, { onProgress: toStdout ? undefined : tableProgress() });
  await written;
  if (!toStdout) {
    await new Promise((resolve) => (out as fs.WriteStream).close(resolve));
    // Renamed once whole, so that FILE is never a dump cut short.
    fs.renameSync(`${file}.part`, file);
    const omitted = report.omitted.length ? `; left out: ${report.omitted.join(', ')}` : '';
    console.log(
      `Dumped ${number.format(report.rows)} rows of ${report.tables.length} tables from ${storage.location} to ${file} in ${(report.ms / 1000).toFixed(1)} s${omitted}.`,
    );
  }
}

/** `fates restore FILE [--force]`: the rows in one transaction that also queues the indexes' rebuild, then the indexes. */
export async function restoreCommand(storage: Storage, file: string | undefined, force: boolean): Promise<void> {
  if (!file) throw new DumpUsageError('restore needs a dump to read: fates restore FILE (or - for stdin)');
  if (file !== '-' && !fs.existsSync(file)) throw new DumpUsageError(`restore: the file ${file} does not exist`);
  const raw = file === '-' ? process.stdin : fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const source = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const report = await restoreArchive(storage, source, {
    force,
    onProgress: tableProgress(),
    beforeCommit: (db) => queueRebuild(db, { names: true, texts: true }),
  });
  const seconds = report.ms / 1000;
  const persons = report.tables.find((t) => t.name === 'persons')?.rows ?? 0;
  console.log(
    `Restored ${number.format(report.rows)} rows of ${report.tables.length} tables into ${storage.location} in ${seconds.toFixed(1)} s (${number.format(Math.round(persons / seconds))} persons/s).`,
  );
  const started = performance.now();
  const indexed = await drainIndexQueue(storage, { onProgress: drainProgress() });
  const total = seconds + (performance.now() - started) / 1000;
  console.log(
    `Indexed ${number.format(indexed.persons)} persons and ${number.format(indexed.texts)} texts; searchable ${total.toFixed(1)} s after the restore began (${number.format(Math.round(persons / total))} persons/s).`,
  );
}
