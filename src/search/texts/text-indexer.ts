import type { Storage } from '../../db/connection.ts';
import { lockForWriting } from '../../db/engine.ts';
import { listBiographies, listDocumentTexts, listEventTexts, listListRows } from './text-doc.repository.ts';
import type { TextDoc } from './text-index.ts';
import { textIndexFor } from './text-index-for.ts';

const BATCH = 5_000;

/** A list row's cells as one line of text, in column order as stored. */
function rowText(cells: string): string {
  return Object.values(JSON.parse(cells) as Record<string, string>).join(' · ');
}

/**
 * Rebuilds the full-text index from biographies, event descriptions, document texts and list
 * rows, in batches; returns the number of texts indexed.
 */
export async function rebuildTextIndex(storage: Storage, onProgress?: (done: number) => void): Promise<number> {
  // One transaction under a lock: two processes rebuilding at once (two loaders, say) would
  // otherwise interleave their clear and batches and leave every text in the index twice.
  return storage.db.transaction().execute(async (trx) => {
    await lockForWriting(trx, 'text-index');
    const index = textIndexFor({ ...storage, db: trx });
    await index.clear();
    let done = 0;
    const drain = async <T extends { id: number }>(
      load: (after: number) => Promise<T[]>,
      toDoc: (row: T) => TextDoc,
    ) => {
      for (let after = 0; ; ) {
        const rows = await load(after);
        if (rows.length === 0) return;
        await index.write(rows.map(toDoc));
        after = rows.at(-1)?.id ?? after;
        done += rows.length;
        onProgress?.(done);
      }
    };
    await drain(
      (a) => listBiographies(trx, a, BATCH),
      (r) => ({ kind: 'biography', ref: r.id, lang: r.lang, body: r.body }),
    );
    await drain(
      (a) => listEventTexts(trx, a, BATCH),
      (r) => ({ kind: 'event', ref: r.variant_of ?? r.id, lang: r.lang, body: r.body }),
    );
    await drain(
      (a) => listDocumentTexts(trx, a, BATCH),
      (r) => ({ kind: 'document', ref: r.source_id, lang: r.lang, body: r.body }),
    );
    await drain(
      (a) => listListRows(trx, a, BATCH),
      (r) => ({ kind: 'list-row', ref: r.id, lang: null, body: rowText(r.cells) }),
    );
    return done;
  });
}
