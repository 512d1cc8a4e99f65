import type { Context } from 'hono';
import { licenceLinkHeader } from '../archive/data-licence.ts';
import { type CsvValue, csvStream } from '../exports/csv.ts';
import type { Env } from '../web/env.ts';
import { versionTag } from './http-cache.ts';

/** Answers with a streamed CSV download, tagged so that an unchanged archive answers 304. */
export async function csvResponse(
  c: Context<Env>,
  filename: string,
  header: readonly string[],
  rows: AsyncIterable<readonly CsvValue[]>,
  bom: boolean,
) {
  const etag = await versionTag(c);
  const asked = c.req.header('if-none-match');
  if (asked === '*' || asked?.match(/"[^"]*"/g)?.includes(etag.replace(/^W\//, ''))) {
    return c.body(null, 304, { etag });
  }
  return c.body(csvStream(header, rows, { bom }), 200, {
    'content-type': 'text/csv; charset=utf-8; header=present',
    'content-disposition': `attachment; filename="${filename}"`,
    etag,
    ...licenceLinkHeader(),
  });
}
