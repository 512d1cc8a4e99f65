import { createHash, type Hash } from 'node:crypto';
import type { Writable } from 'node:stream';

/*
 * The file `fates dump` writes and `fates restore` reads: JSON Lines, one JSON value a line.
 *
 *   {"format":"fates-dump","version":1,"created":…,"engine":…,"migrations":[…],
 *    "tables":[{"name":"places","columns":["id","key",…],"rows":310,"idCounter":312},…],"omitted":[…]}
 *   {"table":"places"}
 *   [1,"berlin",…]                      one array a row, values in the columns' order
 *   …                                   every table in the order of ARCHIVE_TABLES
 *   {"end":true,"rows":{"places":310,…},"sha256":"…"}
 *
 * Values are JSON's own (numbers, strings, null); binary values are {"$base64": "…"}. The last
 * line holds the SHA-256 of every byte before it, so that a truncated or altered file is told
 * from a whole one before anything it holds is committed.
 */

export const DUMP_FORMAT = 'fates-dump';
export const DUMP_VERSION = 1;

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: number;
  created: string;
  engine: string;
  /** The schema the rows fit: the migrations applied to the archive dumped. */
  migrations: string[];
  /** The tables the dump holds, in the order they follow. */
  tables: DumpTable[];
  /** Tables left out: private ones (accounts, tokens, the audit log) and ephemeral ones (sessions). */
  omitted: string[];
}

export interface DumpTable {
  name: string;
  columns: string[];
  rows: number;
  /** The last id the table handed out (tables with generated ids): deleted ids are not given again. */
  idCounter?: number;
}

/** The line before a table's rows. */
export interface DumpTableLine {
  table: string;
}

export interface DumpEnd {
  end: true;
  rows: Record<string, number>;
  sha256: string;
}

/** The file is not a whole dump that this version can restore; nothing was written. */
export class DumpError extends Error {
  override name = 'DumpError';
}

/** A binary value as a dump holds it. */
export function encodeValue(value: unknown): unknown {
  return Buffer.isBuffer(value) ? { $base64: value.toString('base64') } : value;
}

/** A row of a dump as a database takes it: binary values decoded, booleans as 0/1. */
export function decodeRow(values: unknown[]): unknown[] {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'object' && v !== null) {
      const b64 = (v as { $base64?: unknown }).$base64;
      if (typeof b64 !== 'string') throw new DumpError('a row holds a value that is neither JSON nor binary');
      values[i] = Buffer.from(b64, 'base64');
    } else if (typeof v === 'boolean') values[i] = v ? 1 : 0;
  }
  return values;
}

/** Bytes written to the file at a time. */
const CHUNK = 1 << 20;

/** Writes a dump's lines, hashing them, and ends it with the line of its hash. */
export class DumpWriter {
  private readonly hash: Hash = createHash('sha256');
  private buffered = '';

  constructor(private readonly out: Writable) {}

  /** One line; a JSON text with no line break in it. */
  async line(json: string): Promise<void> {
    this.buffered += `${json}\n`;
    if (this.buffered.length >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffered === '') return;
    const bytes = Buffer.from(this.buffered, 'utf8');
    this.buffered = '';
    this.hash.update(bytes);
    if (!this.out.write(bytes)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }

  /** The last line, then the end of the file. */
  async end(rows: Record<string, number>): Promise<void> {
    await this.flush();
    const end: DumpEnd = { end: true, rows, sha256: this.hash.digest('hex') };
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(`${JSON.stringify(end)}\n`, () => resolve());
    });
  }
}

const END = Buffer.from('{"end":');

/**
 * The lines of a dump, parsed, in order, a chunk of the file's lines at a time, the last batch
 * ending with its last line once the hash of everything before it is checked: a file that stops
 * early, or whose bytes were changed, throws DumpError.
 */
export async function* readDumpLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<unknown[]> {
  const hash = createHash('sha256');
  let rest: Buffer = Buffer.alloc(0);
  let end: DumpEnd | null = null;
  let lineNo = 0;
  const parse = (text: string): unknown => {
    lineNo++;
    try {
      return JSON.parse(text);
    } catch {
      throw new DumpError(`line ${lineNo} is not JSON: the file is not a Fates dump, or it is damaged`);
    }
  };
  for await (const chunk of source) {
    if (end) throw new DumpError('the file goes on after its last line');
    const data = rest.length > 0 ? Buffer.concat([rest, Buffer.from(chunk)]) : Buffer.from(chunk);
    const last = data.lastIndexOf(10);
    if (last < 0) {
      rest = data;
      continue;
    }
    const whole = data.subarray(0, last + 1);
    rest = data.subarray(last + 1);
    // The end line starts a line: at the start of the whole lines, or after a line break.
    let at = whole.subarray(0, END.length).equals(END) ? 0 : whole.indexOf(Buffer.from(`\n{"end":`));
    if (at > 0) at += 1;
    const body = at >= 0 ? whole.subarray(0, at) : whole;
    hash.update(body);
    const text = body.toString('utf8');
    const batch: unknown[] = [];
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      batch.push(parse(text.slice(from, nl)));
      from = nl + 1;
    }
    if (batch.length > 0) yield batch;
    if (at >= 0) {
      const tail = whole
        .subarray(at)
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '');
      if (tail.length !== 1 || rest.length > 0) throw new DumpError('the file goes on after its last line');
      end = parse(tail[0] as string) as DumpEnd;
    }
  }
  if (rest.length > 0 && !end)
    throw new DumpError(`the file stops in the middle of line ${lineNo + 1}: it is truncated`);
  if (!end) throw new DumpError('the file has no last line: it is truncated (a dump ends with its checksum)');
  if (end.sha256 !== hash.digest('hex'))
    throw new DumpError('the checksum does not match: the file was changed or damaged');
  yield [end];
}
