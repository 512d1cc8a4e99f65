import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

export type CsvValue = string | number | null;

/**
 * Streams rows as CSV by RFC 4180: a header line, CRLF line ends, fields quoted where they hold a
 * comma, quote or line break. `bom` puts a byte-order mark first, which spreadsheet programs need
 * to read UTF-8 (Excel otherwise shows Cyrillic as mojibake). Rows are read from `rows` only as
 * fast as the client takes them; a client that goes away stops the reading.
 */
export function csvStream(
  header: readonly string[],
  rows: AsyncIterable<readonly CsvValue[]>,
  options: { bom?: boolean } = {},
): ReadableStream<Uint8Array> {
  const csv = stringify({ bom: options.bom ?? false, record_delimiter: 'windows', header: true, columns: [...header] });
  const source = Readable.from(rows, { objectMode: true });
  source.on('error', (error) => csv.destroy(error));
  csv.on('close', () => source.destroy());
  source.pipe(csv);
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}
