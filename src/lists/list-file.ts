import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { InputError } from '../errors.ts';
import {
  completeListFile,
  findListFile,
  findListFileChunk,
  insertListFile,
  insertListFileChunk,
} from './list-file.repository.ts';

/*
 * A list's original file, kept in the database chunk by chunk: stored as it streams in and read
 * back as a stream, so that neither needs the file whole in memory.
 */

/** Uploads larger than this are refused (a list of millions of rows stays well below). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** Bytes per stored chunk. */
const CHUNK_BYTES = 512 * 1024;

/** A file to import: its name, and a way to read its bytes from the start, as often as needed. */
export interface ListFileInput {
  name: string;
  open(): AsyncIterable<Uint8Array>;
}

/** Gathers a stream's bytes into pieces of CHUNK_BYTES (the last one shorter). */
async function* rechunk(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let held = 0;
  for await (const chunk of chunks) {
    let rest = chunk;
    while (held + rest.length >= CHUNK_BYTES) {
      const take = CHUNK_BYTES - held;
      parts.push(rest.subarray(0, take));
      yield Buffer.concat(parts);
      parts = [];
      held = 0;
      rest = rest.subarray(take);
    }
    if (rest.length > 0) {
      parts.push(Uint8Array.from(rest));
      held += rest.length;
    }
  }
  if (held > 0) yield Buffer.concat(parts);
}

/**
 * Stores a file's bytes as they come, stopping past `maxBytes` (then returns null and keeps
 * nothing); returns its id. `sourceId` null keeps it as an upload waiting for its import.
 */
export async function storeListFile(
  db: Db,
  input: { name: string; bytes: AsyncIterable<Uint8Array>; sourceId: number | null; userId: number | null },
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<{ id: number; sha256: string; size: number } | null> {
  const hash = createHash('sha256');
  const id = await insertListFile(db, {
    source_id: input.sourceId,
    sha256: '',
    name: input.name.slice(0, 255),
    size: 0,
    created_by: input.userId,
  });
  let size = 0;
  let seq = 0;
  for await (const chunk of rechunk(input.bytes)) {
    size += chunk.length;
    if (size > maxBytes) {
      await db.deleteFrom('list_files').where('id', '=', id).execute();
      return null;
    }
    hash.update(chunk);
    await insertListFileChunk(db, id, seq++, chunk);
  }
  const sha256 = hash.digest('hex');
  await completeListFile(db, id, sha256, size);
  return { id, sha256, size };
}

/** A stored file's bytes from the start, a chunk at a time. */
export async function* readListFile(db: Db, id: number): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const chunk = await findListFileChunk(db, id, seq);
    if (!chunk) return;
    yield chunk.data;
  }
}

/** A stored, complete file as input to an import, or null if there is none by that id. */
export async function storedListFile(db: Db, id: number): Promise<(ListFileInput & { id: number }) | null> {
  const file = await findListFile(db, id);
  if (file?.complete !== 1) return null;
  return { id, name: file.name, open: () => readListFile(db, id) };
}

/** A file's bytes from a web stream, as Node reads them. */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** Stores an uploaded file (a request's body or a form's file) as it streams in; returns its id. */
export async function storeUploadedStream(
  db: Db,
  name: string,
  body: ReadableStream<Uint8Array>,
  userId: number | null,
): Promise<number> {
  const stored = await storeListFile(
    db,
    { name: name || 'list.csv', bytes: chunksOf(body), sourceId: null, userId },
    MAX_UPLOAD_BYTES,
  );
  if (!stored) throw new InputError(`The file is larger than ${MAX_UPLOAD_BYTES / 2 ** 20} MiB.`);
  return stored.id;
}
