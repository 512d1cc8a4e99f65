import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import { InputError } from '../errors.ts';
import { ACCEPTED_TYPES, type AcceptedType, EXTENSIONS } from './media.ts';

const inflate = promisify(zlib.inflate);

// libvips keeps decoded images in a cache by default; files here are seen once.
sharp.cache(false);

/** Why a file was refused; the form says it in the sender's language. */
export type RefusalReason = 'type' | 'size' | 'pixels' | 'damaged' | 'pdf-active' | 'pdf-encrypted' | 'pdf-unreadable';

/** A file that is not accepted, and why; nothing of it is stored. */
export class FileRefusedError extends InputError {
  override name = 'FileRefusedError';
  constructor(
    readonly reason: RefusalReason,
    /** The file's name as sent, for the message. */
    readonly fileName: string,
  ) {
    super(`The file “${fileName}” is not accepted (${reason}).`);
  }
}

export interface FileLimits {
  /** Bytes per file. */
  maxBytes: number;
  /** Width × height an image may have; larger ones are refused before they are decoded. */
  maxPixels: number;
}

/** A file that passed the checks, as it is kept: images re-encoded without their metadata. */
export interface CheckedFile {
  name: string;
  mime: AcceptedType;
  width: number | null;
  height: number | null;
  data: Buffer;
  sha256: string;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file name fit to show: no path, no control characters, at most 120 characters, the extension of its real type. */
export function cleanFileName(raw: string, mime: AcceptedType): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .trim()
    .slice(0, 100);
  return `${stem || 'file'}.${EXTENSIONS[mime]}`;
}

/**
 * Checks one uploaded file and returns what is kept of it. Its type is read from its content
 * (magic bytes), never from its name or the browser's word: only JPEG, PNG, WebP and PDF pass.
 * Images larger than `maxPixels` are refused from their header, before any decoding (a
 * decompression bomb never gets decoded); the rest are decoded and written again without EXIF,
 * GPS, XMP or camera data, turned upright as their orientation said. PDFs that can run code or
 * carry other files (JavaScript, launch actions, embedded files, rich media, XFA forms) or that are
 * encrypted, so that they cannot be looked into, are refused.
 */
export async function checkFile(name: string, bytes: Buffer, limits: FileLimits): Promise<CheckedFile> {
  if (bytes.length > limits.maxBytes) throw new FileRefusedError('size', name);
  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected?.mime as AcceptedType | undefined;
  if (!mime || !(ACCEPTED_TYPES as readonly string[]).includes(mime)) throw new FileRefusedError('type', name);
  const shown = cleanFileName(name, mime);
  if (mime === 'application/pdf') {
    await checkPdf(bytes, shown);
    return { name: shown, mime, width: null, height: null, data: bytes, sha256: sha256(bytes) };
  }
  const image = await reencode(bytes, mime, limits.maxPixels, shown);
  return { name: shown, mime, ...image, sha256: sha256(image.data) };
}

async function reencode(bytes: Buffer, mime: AcceptedType, maxPixels: number, name: string) {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new FileRefusedError('damaged', name);
  }
  if (!meta.width || !meta.height) throw new FileRefusedError('damaged', name);
  if (meta.width * meta.height > maxPixels) throw new FileRefusedError('pixels', name);
  try {
    // Without keepMetadata/withMetadata sharp writes no EXIF, XMP, IPTC or ICC data.
    const pipeline = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', autoOrient: true });
    const out =
      mime === 'image/png'
        ? pipeline.png()
        : mime === 'image/webp'
          ? pipeline.webp({ quality: 92 })
          : pipeline.jpeg({ quality: 92 });
    const { data, info } = await out.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw new FileRefusedError('damaged', name);
  }
}

/** Names in a PDF that make it do more than show pages. */
const ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])/;
/** Most of a PDF's compressed streams read when looking for those names. */
const MAX_INFLATED = 64 * 2 ** 20;

/** Undoes `#xx` escapes in names, as a PDF reader does before it acts on them. */
const unescapeNames = (s: string) =>
  s.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));

/**
 * Text is read in slices that overlap by more than any name is long, yielding between them, so
 * that a large PDF does not hold up other requests.
 */
const SLICE = 1 << 20;

async function looksActive(text: string): Promise<boolean> {
  for (let at = 0; at < text.length; at += SLICE) {
    if (ACTIVE.test(unescapeNames(text.slice(Math.max(0, at - 256), at + SLICE)))) return true;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return false;
}

/**
 * Refuses a PDF with active content. Names may be written with `#xx` escapes (`/J#61vaScript`)
 * and may sit inside compressed object streams, so both are undone before looking; image streams
 * are skipped. A PDF whose streams would inflate beyond MAX_INFLATED is refused as unreadable.
 */
export async function checkPdf(bytes: Buffer, name: string): Promise<void> {
  const text = bytes.toString('latin1');
  if (/\/Encrypt(?![A-Za-z0-9])/.test(text)) throw new FileRefusedError('pdf-encrypted', name);
  if (await looksActive(text)) throw new FileRefusedError('pdf-active', name);
  let inflated = 0;
  const streams = /stream\r?\n/g;
  for (let m = streams.exec(text); m; m = streams.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const dict = text.slice(Math.max(0, text.lastIndexOf('obj', m.index)), m.index);
    streams.lastIndex = end;
    if (!/\/FlateDecode/.test(dict) || /\/Subtype\s*\/Image/.test(dict)) continue;
    let out: Buffer;
    try {
      out = await inflate(bytes.subarray(start, end), { maxOutputLength: MAX_INFLATED - inflated });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new FileRefusedError('pdf-unreadable', name);
      continue; // A damaged stream shows nothing; the reader would not run it either.
    }
    inflated += out.length;
    if (await looksActive(out.toString('latin1'))) throw new FileRefusedError('pdf-active', name);
  }
}
