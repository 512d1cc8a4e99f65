import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { InputError, NotFoundError } from '../errors.ts';
import { fill } from '../i18n/i18n.ts';
import { requireRole } from '../web/auth.ts';
import { csrfToken } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId, parseQuery, readForm } from '../web/validate.ts';
import { parseEncoding } from './encoding.ts';
import { requireLinkage } from './linkage.ts';
import { listLists, ROW_STATES } from './list.repository.ts';
import {
  CompareView,
  ImportFormView,
  ImportPreviewView,
  ListIndexView,
  ListPageView,
  type PreviewDraft,
} from './list.views.tsx';
import { storedListFile, storeUploadedStream } from './list-file.ts';
import { analyzeListFile, ImportRefusedError, importList } from './list-import.service.ts';
import { linkList } from './list-linking.service.ts';
import { getComparePage, getListPage, getReviewPage } from './list-page.ts';
import { createPersonFromRow, DECISIONS, decideLink, undoDecision } from './review.service.ts';
import { ReviewView } from './review.views.tsx';

/*
 * Editors' pages of lists, under `/{lang}/lists`: the lists, importing one (upload → preview with
 * the columns' roles → dry-run report → import), a list with each row's state, the review of
 * its rows one by one, and two lists compared. Every form works without JavaScript.
 */

/** Rows a press of "link" asks the machine about, so that the request ends in reasonable time. */
const LINK_PER_REQUEST = 2000;

const listQuery = z.object({
  state: z.enum(ROW_STATES).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  done: z.string().max(40).optional(),
  /** Where the last "Propose links" stopped: the next one goes on after this row. */
  after: z.coerce.number().int().min(0).max(10_000_000).optional(),
});
const linkForm = z.object({ after: z.coerce.number().int().min(0).max(10_000_000).default(0) });
const reviewQuery = z.object({
  row: z.coerce.number().int().positive().optional(),
  blind: z.enum(['1', '0']).optional(),
  undo: z.coerce.number().int().positive().optional(),
  done: z.enum(['confirmed', 'rejected', 'unsure', 'new', 'undone']).optional(),
});

const actor = (c: Context<Env>) => ({ userId: c.var.user?.id ?? null });

async function storeUpload(c: Context<Env>, name: string, body: ReadableStream<Uint8Array>): Promise<number> {
  return storeUploadedStream(c.var.db, name, body, c.var.user?.id ?? null);
}

/** The choices a preview form (or its query) makes: roles by column number, encoding, title. */
function choicesFrom(form: Record<string, string>) {
  const roles = Object.entries(form)
    .filter(([k]) => /^role\.\d+$/.test(k))
    .map(([k, role]) => ({ column: `#${Number(k.slice(5)) + 1}`, role }));
  const encoding = form.encoding ? parseEncoding(form.encoding) : null;
  const draft: PreviewDraft = {
    title: (form.title ?? '').slice(0, 500),
    asOf: (form.asOf ?? '').slice(0, 100),
    encoding: encoding ?? '',
    draft: form.draft === '1',
  };
  return { choices: { roles, encoding, again: form.again === '1' }, draft };
}

async function showPreview(
  c: Context<Env>,
  uploadId: number,
  form: Record<string, string>,
  error?: string,
  status: ContentfulStatusCode = 200,
) {
  const file = await storedListFile(c.var.db, uploadId);
  if (!file) throw new NotFoundError(`upload ${uploadId}`);
  const { choices, draft } = choicesFrom(form);
  const report = await analyzeListFile(c.var.db, file, choices);
  if (!draft.title) draft.title = file.name.replace(/\.[a-z]+$/i, '');
  return renderPage(
    c,
    <ImportPreviewView
      uploadId={uploadId}
      report={report}
      draft={draft}
      csrf={csrfToken(c)}
      error={error}
      lang={c.var.lang}
      t={c.var.t}
    />,
    { title: c.var.t.lists.importTitle, status },
  );
}

async function showReview(c: Context<Env>, listId: number) {
  const q = parseQuery(reviewQuery, c.req.query());
  const t = c.var.t;
  const page = await getReviewPage(c.var.storage, listId, q.row ?? null);
  const notice = q.done ? t.lists.done[q.done] : undefined;
  return renderPage(
    c,
    <ReviewView
      p={page}
      blind={q.blind === '1'}
      csrf={csrfToken(c)}
      notice={notice}
      undo={q.done && q.done !== 'undone' ? q.undo : undefined}
      lang={c.var.lang}
      t={t}
    />,
    { title: fill(t.lists.reviewTitle, { n: page.row.position }) },
  );
}

export const listRoutes = new Hono<Env>()
  .use('*', requireRole('editor'))
  .get('/', async (c) =>
    renderPage(c, <ListIndexView lists={await listLists(c.var.db)} lang={c.var.lang} t={c.var.t} />, {
      title: c.var.t.lists.title,
    }),
  )
  .get('/import', (c) =>
    renderPage(c, <ImportFormView csrf={csrfToken(c)} lang={c.var.lang} t={c.var.t} />, {
      title: c.var.t.lists.importTitle,
    }),
  )
  .post('/import', async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) {
      return renderPage(
        c,
        <ImportFormView csrf={csrfToken(c)} error={c.var.t.lists.noFile} lang={c.var.lang} t={c.var.t} />,
        { title: c.var.t.lists.importTitle, status: 400 },
      );
    }
    const id = await storeUpload(c, file.name, file.stream());
    const encoding =
      typeof body.encoding === 'string' && body.encoding ? `?encoding=${encodeURIComponent(body.encoding)}` : '';
    return c.redirect(`/${c.var.lang}/lists/import/${id}${encoding}`, 303);
  })
  // The page's script sends a large file as the request's body, streamed into storage.
  .post('/upload', async (c) => {
    const name = (c.req.query('name') ?? '').slice(0, 255);
    if (!c.req.raw.body) throw new InputError('No file was sent.');
    const id = await storeUpload(c, name, c.req.raw.body);
    return c.json({ next: `/${c.var.lang}/lists/import/${id}` });
  })
  .get('/import/:upload', async (c) => showPreview(c, parseId(c.req.param('upload')), c.req.query()))
  .post('/import/:upload', async (c) => {
    const uploadId = parseId(c.req.param('upload'));
    const form = await readForm(c);
    if (form.step !== 'import') return showPreview(c, uploadId, form);
    const file = await storedListFile(c.var.db, uploadId);
    if (!file) throw new NotFoundError(`upload ${uploadId}`);
    const { choices, draft } = choicesFrom(form);
    try {
      const result = await importList(
        c.var.storage,
        actor(c),
        file,
        { title: draft.title, asOf: draft.asOf || null, status: draft.draft ? 'draft' : 'published' },
        choices,
      );
      return c.redirect(`/${c.var.lang}/lists/${result.listId}?done=imported`, 303);
    } catch (error) {
      if (error instanceof ImportRefusedError) return showPreview(c, uploadId, form, c.var.t.lists.fixFirst, 400);
      if (error instanceof InputError) return showPreview(c, uploadId, form, error.message, 400);
      throw error;
    }
  })
  .get('/compare', async (c) => {
    const a = parseId(c.req.query('a'));
    const b = parseId(c.req.query('b'));
    const page = await getComparePage(c.var.db, a, b);
    return renderPage(c, <CompareView p={page} lang={c.var.lang} t={c.var.t} />, { title: c.var.t.lists.compareTitle });
  })
  .get('/:id', async (c) => {
    const q = parseQuery(listQuery, c.req.query());
    const page = await getListPage(c.var.db, parseId(c.req.param('id')), { filter: q.state, offset: q.offset });
    const t = c.var.t;
    const notice =
      q.done === 'imported'
        ? t.lists.imported
        : q.done?.startsWith('linked-')
          ? fill(t.lists.linkedRows, { n: Number(q.done.slice(7)) || 0 })
          : undefined;
    return renderPage(
      c,
      <ListPageView p={page} csrf={csrfToken(c)} notice={notice} after={q.after} lang={c.var.lang} t={t} />,
      {
        title: page.title,
      },
    );
  })
  .post('/:id/link', async (c) => {
    const id = parseId(c.req.param('id'));
    const { after } = parseQuery(linkForm, await readForm(c));
    const linkage = await requireLinkage();
    // Rows the machine found no one for stay unlinked: the next press goes on after the last row
    // looked at, rather than looking at the same rows again.
    const report = await linkList(c.var.storage, linkage, id, { maxRows: LINK_PER_REQUEST, after });
    const more = report.remaining > 0 ? `&after=${report.last}` : '';
    return c.redirect(`/${c.var.lang}/lists/${id}?done=linked-${report.rows}${more}`, 303);
  })
  .get('/:id/review', async (c) => showReview(c, parseId(c.req.param('id'))))
  .post('/:id/review', async (c) => {
    const listId = parseId(c.req.param('id'));
    const form = await readForm(c);
    const position = parseId(form.row);
    const page = await getReviewPage(c.var.storage, listId, position);
    const decision = form.decision ?? '';
    const blind = form.blind === '1' ? '&blind=1' : '';
    let changeSet: number | null;
    if (decision === 'new') {
      changeSet = (await createPersonFromRow(c.var.storage, actor(c), { rowId: page.row.id })).changeSet;
    } else if ((DECISIONS as readonly string[]).includes(decision)) {
      const personId = Number(form.person);
      if (!Number.isSafeInteger(personId) || personId <= 0) throw new InputError(c.var.t.lists.noPerson);
      const candidate = page.candidates.find((x) => x.personId === personId);
      changeSet = (
        await decideLink(c.var.storage, actor(c), {
          rowId: page.row.id,
          personId,
          decision: decision as (typeof DECISIONS)[number],
          weight: candidate?.weight ?? null,
          evidence: candidate?.evidence.length ? candidate.evidence : null,
        })
      ).changeSet;
    } else {
      throw new InputError(c.var.t.lists.noDecision);
    }
    // A decided row goes on to the next one waiting; "unsure" and a rejection may leave more to do here.
    const next = decision === 'confirmed' || decision === 'new' ? (page.next ?? position) : position;
    const undo = changeSet ? `&undo=${changeSet}` : '';
    return c.redirect(`/${c.var.lang}/lists/${listId}/review?row=${next}&done=${decision}${undo}${blind}`, 303);
  })
  .post('/:id/undo', async (c) => {
    const listId = parseId(c.req.param('id'));
    const form = await readForm(c);
    await undoDecision(c.var.storage, actor(c), parseId(form.changeSet));
    return c.redirect(`/${c.var.lang}/lists/${listId}/review?row=${parseId(form.row)}&done=undone`, 303);
  });
