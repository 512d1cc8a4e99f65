import type { Context } from 'hono';
import { listRowsCsvRows, listRowsHeader } from '../exports/list-rows-csv.ts';
import type { SourcePage } from '../sources/source-page.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
import { csvResponse } from './csv-response.ts';

/** A list's rows as CSV, every one of them in order. */
export function listRowsCsv(c: Context<Env>, list: SourcePage, bom: boolean) {
  const rows = listRowsCsvRows(c.var.db, list.id, list.columns, publicOrigin(c));
  return csvResponse(c, `list-${list.id}.csv`, listRowsHeader(list.columns), rows, bom);
}
