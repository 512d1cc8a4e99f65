import { Hono } from 'hono';
import type { z } from 'zod';
import { saveRecord, saveRecordsTogether } from '../editing/editing.service.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { en } from '../i18n/en.ts';
import { lastListPosition } from '../sources/list-row.repository.ts';
import { requireRole } from '../web/auth.ts';
import type { Env } from '../web/env.ts';
import { parseId, parseQuery } from '../web/validate.ts';
import { parseColumnSpec } from './column-roles.ts';
import { describeProblem, type ImportReport } from './import-report.ts';
import { requireLinkage } from './linkage.ts';
import { findList, findRowAt, listColumnsOf } from './list.repository.ts';
import {
  addRowsBody,
  type addRowsResponse,
  type createdResponse,
  createListBody,
  decideBody,
  type decideResponse,
  importQuery,
  type importReport,
  type importResponse,
  linkQuery,
  type linkResponse,
} from './list-api.schemas.ts';
import { deleteUpload } from './list-file.repository.ts';
import { storedListFile, storeUploadedStream } from './list-file.ts';
import { analyzeListFile, ImportRefusedError, importList } from './list-import.service.ts';
import { linkList } from './list-linking.service.ts';
import { decideLink } from './review.service.ts';

/*
 * Lists under /api/v1/lists: a list and its rows as written with their links, for anyone where
 * the list is published; creating a list, adding rows and deciding links for editors (bearer
 * token). Every write is a revision, as on the site.
 */

async function body<T>(c: { req: { json(): Promise<unknown> } }, schema: z.ZodType<T>): Promise<T> {
  const raw = await c.req.json().catch(() => {
    throw new InputError('The body is not JSON.');
  });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid body at “${issue?.path.join('.') || 'body'}”: ${issue?.message ?? 'not understood'}.`,
    );
  }
  return parsed.data;
}

/** A report as the API gives it: each problem also in words (English), without the preview. */
function reportOut(report: ImportReport): z.infer<typeof importReport> {
  return {
    file: report.file,
    columns: report.columns.map((col) => ({ key: col.key, label: col.label, role: col.role, guessed: col.guessed })),
    rows: report.rows,
    problems: report.problems.map((p) => ({
      level: p.level,
      code: p.code,
      line: p.line,
      column: p.column,
      message: describeProblem(p, en),
    })),
    errors: report.errors,
    warnings: report.warnings,
    duplicateOf: report.duplicateOf,
  };
}

/** A refused import as a 400 naming its first problems (a dry run gives them all). */
function refused(error: ImportRefusedError): InputError {
  const errors = error.report.problems.filter((p) => p.level === 'error');
  const first = errors.slice(0, 3).map((p) => describeProblem(p, en).replace(/\.$/, ''));
  if (errors.some((p) => p.code === 'duplicate_file')) first.push('send again=1 to import it once more');
  return new InputError(`${error.message} ${first.join('; ') || 'See a dry run’s report'}.`);
}

const emptyBody = () => new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });

export const listApiRoutes = new Hono<Env>()
  .post('/lists', requireRole('editor'), async (c) => {
    const input = await body(c, createListBody);
    const saved = await saveRecord(
      c.var.storage,
      { userId: c.var.user!.id },
      {
        type: 'source',
        doc: { kind: 'list', ...input },
        kind: 'api',
        reason: 'a list made through the API',
      },
    );
    const out: z.infer<typeof createdResponse> = { id: saved.id, revision: saved.revision };
    return c.json(out, 201);
  })
  // The file is the request's body, streamed into storage; a dry run keeps nothing.
  .post('/lists/import', requireRole('editor'), async (c) => {
    const q = parseQuery(importQuery, c.req.query());
    if (!q.dryRun && !q.title) throw new InputError('Give the list a title (title=…), or ask for a dry run.');
    const userId = c.var.user!.id;
    const uploadId = await storeUploadedStream(c.var.db, q.name ?? '', c.req.raw.body ?? emptyBody(), userId);
    const file = (await storedListFile(c.var.db, uploadId))!;
    const choices = {
      format: q.format ?? null,
      encoding: q.encoding ?? null,
      delimiter: q.delimiter ?? null,
      roles: q.columns ? parseColumnSpec(q.columns) : [],
      again: q.again,
    };
    if (q.dryRun) {
      const report = await analyzeListFile(c.var.db, file, choices).finally(() => deleteUpload(c.var.db, uploadId));
      const out: z.infer<typeof importResponse> = {
        dryRun: true,
        list: null,
        changeSet: null,
        rows: report.rows,
        report: reportOut(report),
      };
      return c.json(out);
    }
    try {
      const result = await importList(
        c.var.storage,
        { userId },
        file,
        { title: q.title!, asOf: q.asOf || null, status: q.draft ? 'draft' : 'published' },
        choices,
      );
      const out: z.infer<typeof importResponse> = {
        dryRun: false,
        list: result.listId,
        changeSet: result.changeSet,
        rows: result.rows,
        report: reportOut(result.report),
      };
      return c.json(out, 201);
    } catch (error) {
      await deleteUpload(c.var.db, uploadId);
      throw error instanceof ImportRefusedError ? refused(error) : error;
    }
  })
  .post('/lists/:id/link', requireRole('editor'), async (c) => {
    const id = parseId(c.req.param('id'));
    const q = parseQuery(linkQuery, c.req.query());
    const linkage = await requireLinkage();
    const report = await linkList(c.var.storage, linkage, id, { maxRows: q.max, after: q.after });
    const out: z.infer<typeof linkResponse> = report;
    return c.json(out);
  })
  .post('/lists/:id/rows', requireRole('editor'), async (c) => {
    const id = parseId(c.req.param('id'));
    const input = await body(c, addRowsBody);
    const list = await findList(c.var.db, id);
    if (!list || list.status === 'removed') throw new NotFoundError(`list ${id}`);
    const keys = new Set(listColumnsOf(list).map((col) => col.key));
    for (const [i, row] of input.rows.entries()) {
      const unknown = Object.keys(row.cells).find((k) => !keys.has(k));
      if (unknown) throw new InputError(`Row ${i + 1} has a cell “${unknown}” that is not a column of the list.`);
    }
    const first = (await lastListPosition(c.var.db, id)) + 1;
    const { result, changeSet } = await saveRecordsTogether(
      c.var.storage,
      { userId: c.var.user!.id },
      { kind: 'api', reason: `${input.rows.length} rows added through the API` },
      async (save) => {
        const ids: number[] = [];
        for (const [i, row] of input.rows.entries()) {
          const saved = await save({
            type: 'list_row',
            doc: { list: id, position: first + i, cells: row.cells, folio: row.folio, note: row.note },
          });
          ids.push(saved.id);
        }
        return ids;
      },
    );
    const out: z.infer<typeof addRowsResponse> = {
      ids: result,
      positions: result.map((_, i) => first + i),
      changeSet,
    };
    return c.json(out, 201);
  })
  .post('/lists/:id/rows/:position/links', requireRole('editor'), async (c) => {
    const id = parseId(c.req.param('id'));
    const position = parseId(c.req.param('position'));
    const input = await body(c, decideBody);
    const row = await findRowAt(c.var.db, id, position);
    if (!row) throw new NotFoundError(`row ${position} of list ${id}`);
    const decided = await decideLink(
      c.var.storage,
      { userId: c.var.user!.id },
      { rowId: row.id, personId: input.person, decision: input.decision },
    );
    const out: z.infer<typeof decideResponse> = { changeSet: decided.changeSet };
    return c.json(out);
  });
