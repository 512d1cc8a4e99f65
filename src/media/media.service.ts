import type { Db } from '../db/connection.ts';
import { sha256 } from './file-check.ts';
import { resizeImage, SIZES } from './image.ts';
import {
  insertMedia,
  insertMediaFile,
  listMediaVariants,
  listPublishedMedia,
  nextMediaSort,
  replaceMediaCredit,
} from './media.repository.ts';
import type { Licence, MediaKind, Variant } from './media.ts';

/** A file as kept: its type, dimensions (images) and bytes. */
export interface MediaSource {
  mime: string;
  width: number | null;
  height: number | null;
  data: Buffer;
}

export interface PreparedFile {
  variant: Variant;
  mime: string;
  width: number | null;
  height: number | null;
  data: Buffer;
  sha256: string;
}

/**
 * The sizes a medium is kept in: the original as checked (for images, already without metadata),
 * and for images a web size and a thumbnail. Made before the transaction that stores them, so that
 * resizing never holds the archive's write lock.
 */
export async function prepareMediaFiles(file: MediaSource): Promise<PreparedFile[]> {
  const original: PreparedFile = { variant: 'original', ...file, sha256: sha256(file.data) };
  if (!file.mime.startsWith('image/')) return [original];
  const [web, thumb] = await Promise.all([resizeImage(file.data, SIZES.web), resizeImage(file.data, SIZES.thumb)]);
  return [original, { variant: 'web', ...web }, { variant: 'thumb', ...thumb }];
}

export interface NewMedia {
  recordType: 'person';
  recordId: number;
  kind: MediaKind;
  caption: string | null;
  date: string | null;
  credit: string | null;
  licence: Licence;
  sourceId: number | null;
  files: PreparedFile[];
}

/** Adds a published medium with its files to a record, in the caller's transaction; returns its id. */
export async function addMedia(db: Db, media: NewMedia): Promise<number> {
  const original = media.files.find((f) => f.variant === 'original');
  if (!original) throw new Error('a medium needs its original');
  const id = await insertMedia(db, {
    record_type: media.recordType,
    record_id: media.recordId,
    kind: media.kind,
    mime: original.mime,
    width: original.width,
    height: original.height,
    bytes: original.data.length,
    caption: media.caption,
    date_edtf: media.date,
    credit: media.credit,
    licence: media.licence,
    source_id: media.sourceId,
    status: 'published',
    sort: await nextMediaSort(db, media.recordType, media.recordId),
  });
  for (const f of media.files) {
    await insertMediaFile(db, {
      media_id: id,
      variant: f.variant,
      mime: f.mime,
      width: f.width,
      height: f.height,
      bytes: f.data.length,
      sha256: f.sha256,
      data: f.data,
    });
  }
  return id;
}

export interface MediaView {
  id: number;
  kind: string;
  mime: string;
  bytes: number;
  caption: string | null;
  date: string | null;
  credit: string | null;
  licence: string;
  sourceId: number | null;
  /** The thumbnail's size, for the page to reserve its space; null for a PDF. */
  thumb: { width: number; height: number } | null;
  hasWeb: boolean;
}

/** A record's published media as a page shows them. */
export async function loadMediaViews(db: Db, recordType: string, recordId: number): Promise<MediaView[]> {
  const rows = await listPublishedMedia(db, recordType, recordId);
  const variants = await listMediaVariants(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((m) => {
    const thumb = variants.find((v) => v.media_id === m.id && v.variant === 'thumb');
    return {
      id: m.id,
      kind: m.kind,
      mime: m.mime,
      bytes: m.bytes,
      caption: m.caption,
      date: m.date_edtf,
      credit: m.credit,
      licence: m.licence,
      sourceId: m.source_id,
      thumb: thumb?.width && thumb.height ? { width: thumb.width, height: thumb.height } : null,
      hasWeb: variants.some((v) => v.media_id === m.id && v.variant === 'web'),
    };
  });
}

/** Credits the media a source gave to `to` where they were credited to `from` (a contributor who withdrew). */
export async function recreditSourceMedia(db: Db, sourceId: number, from: string, to: string): Promise<void> {
  await replaceMediaCredit(db, sourceId, from, to);
}
