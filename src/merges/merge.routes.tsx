import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { recordAudit } from '../accounts/audit.service.ts';
import { documentRows } from '../editing/field-words.ts';
import { eventLabel } from '../editing/record-labels.ts';
import { InputError } from '../errors.ts';
import { fill } from '../i18n/i18n.ts';
import { auditActor, requireRole } from '../web/auth.ts';
import { csrfToken } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId, readForm } from '../web/validate.ts';
import { mergePersons, unmerge } from './merge.service.ts';
import { ComparePage, DuplicatesPage, MergePage, type PersonSide, PickPage } from './merge.views.tsx';
import {
  dismissDuplicatePair,
  getMerge,
  listDuplicatePairs,
  listMerges,
  loadMergeCandidate,
  standingMergeOf,
} from './merge-review.service.ts';

/*
 * Editors' merge pages: `/{lang}/persons/12/merge` picks the other person and shows both side by
 * side before merging; `/{lang}/merges/3` is one merge, undone from there; `/{lang}/duplicates`
 * lists the pairs record linkage found, to compare and merge or to dismiss.
 */

type NoticeView = { kind: 'success' | 'info' | 'error'; text: string };

async function side(c: Context<Env>, id: number): Promise<PersonSide> {
  const { db, lang, t } = c.var;
  const { person, doc, events } = await loadMergeCandidate(db, id);
  // The document's status is shown as a badge beside the name, not as a row.
  const { status: _status, ...rest } = doc;
  return {
    id,
    name: person.display_name,
    state: person.status,
    rows: documentRows('person', rest, t),
    events: events.map((e) => ({
      id: e.id,
      label: eventLabel(e.type, e.date_edtf, lang, t.eventTypes),
      role: e.role,
      state: e.status,
    })),
  };
}

async function showPick(c: Context<Env>, id: number, value: string, problem?: string) {
  const { db, lang, t } = c.var;
  const { person } = await loadMergeCandidate(db, id);
  return renderPage(
    c,
    <PickPage
      t={t}
      lang={lang}
      person={{ id, name: person.display_name }}
      value={value}
      problem={problem}
      merges={await listMerges(db, { personId: id })}
    />,
    { title: fill(t.merges.pickTitle, { name: person.display_name }), status: problem ? 400 : 200 },
  );
}

async function showCompare(
  c: Context<Env>,
  source: number,
  target: number,
  reason = '',
  notice?: NoticeView,
  status: ContentfulStatusCode = 200,
) {
  const { lang, t } = c.var;
  return renderPage(
    c,
    <ComparePage
      t={t}
      lang={lang}
      csrf={csrfToken(c)}
      source={await side(c, source)}
      target={await side(c, target)}
      reason={reason}
      notice={notice}
    />,
    { title: fill(t.merges.compareTitle, { source, target }), status },
  );
}

async function showMerge(c: Context<Env>, id: number, notice?: NoticeView, status: ContentfulStatusCode = 200) {
  const { db, lang, t } = c.var;
  return renderPage(
    c,
    <MergePage t={t} lang={lang} csrf={csrfToken(c)} merge={await getMerge(db, id)} notice={notice} />,
    {
      title: fill(t.merges.mergeTitle, { id }),
      status,
    },
  );
}

/** The number typed for the other person, or null when it names none. */
function otherId(raw: string): number | null {
  const value = raw.trim();
  return /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null;
}

/** Mounted at `/{lang}/persons`, before the person pages. */
export const personMergeRoutes = new Hono<Env>()
  .use('/:id/merge', requireRole('editor'))
  .get('/:id/merge', async (c) => {
    const id = parseId(c.req.param('id'));
    const { db, lang, t } = c.var;
    // A merged person's merge page is its merge, where it is undone.
    const standing = await standingMergeOf(db, id);
    if (standing !== null) return c.redirect(`/${lang}/merges/${standing}`, 303);
    const raw = c.req.query('into');
    if (raw === undefined) return showPick(c, id, '');
    const into = otherId(raw);
    if (into === null || into === id) return showPick(c, id, raw, t.merges.pickInvalid);
    const other = await loadMergeCandidate(db, into).catch(() => null);
    if (!other) return showPick(c, id, raw, fill(t.merges.noSuchPerson, { id: into }));
    // Merging into a merged record means merging into the one it leads to.
    if (other.person.merged_into !== null)
      return c.redirect(`/${lang}/persons/${id}/merge?into=${other.person.merged_into}`, 303);
    return showCompare(c, id, into);
  })
  .post('/:id/merge', async (c) => {
    const id = parseId(c.req.param('id'));
    const form = await readForm(c);
    const into = otherId(form.into ?? '');
    if (into === null) return showPick(c, id, form.into ?? '', c.var.t.merges.pickInvalid);
    const reason = form.reason ?? '';
    try {
      const { mergeId } = await mergePersons(
        c.var.storage,
        { userId: c.var.user!.id },
        { source: id, target: into, reason },
      );
      await recordAudit(c.var.db, {
        actor: auditActor(c),
        action: 'person_merge',
        target: `person:${id}`,
        detail: `into person:${into}`,
      });
      return c.redirect(`/${c.var.lang}/merges/${mergeId}?merged`, 303);
    } catch (error) {
      if (error instanceof InputError)
        return showCompare(c, id, into, reason, { kind: 'error', text: error.message }, 400);
      throw error;
    }
  });

/** Mounted at `/{lang}/merges`. */
export const mergeRoutes = new Hono<Env>()
  .use('*', requireRole('editor'))
  .get('/:id', async (c) => {
    const t = c.var.t;
    const q = c.req.query();
    const id = parseId(c.req.param('id'));
    const merge = await getMerge(c.var.db, id);
    const notice =
      q.merged !== undefined && !merge.undone
        ? { kind: 'success' as const, text: fill(t.merges.done, { source: merge.source, target: merge.target }) }
        : q.unmerged !== undefined
          ? { kind: 'success' as const, text: t.merges.unmerged }
          : undefined;
    return showMerge(c, id, notice);
  })
  .post('/:id/unmerge', async (c) => {
    const id = parseId(c.req.param('id'));
    const form = await readForm(c);
    const reason = form.reason?.trim() || null;
    try {
      if (reason !== null && reason.length > 500) throw new InputError('The reason may be at most 500 characters.');
      const done = await unmerge(c.var.storage, { userId: c.var.user!.id }, { mergeId: id, reason });
      await recordAudit(c.var.db, {
        actor: auditActor(c),
        action: 'person_unmerge',
        target: `person:${done.source}`,
        detail: `from person:${done.target}`,
      });
      return c.redirect(`/${c.var.lang}/merges/${id}?unmerged`, 303);
    } catch (error) {
      if (error instanceof InputError) return showMerge(c, id, { kind: 'error', text: error.message }, 400);
      throw error;
    }
  });

/** Mounted at `/{lang}/duplicates`. */
export const duplicateRoutes = new Hono<Env>()
  .use('*', requireRole('editor'))
  .get('/', async (c) => {
    const { db, lang, t } = c.var;
    const notice =
      c.req.query('dismissed') !== undefined ? { kind: 'success' as const, text: t.merges.dismissed } : undefined;
    const pairs = await listDuplicatePairs(db, { limit: 100, offset: 0 });
    return renderPage(c, <DuplicatesPage t={t} lang={lang} csrf={csrfToken(c)} pairs={pairs} notice={notice} />, {
      title: t.merges.duplicatesTitle,
    });
  })
  .post('/:a/:b/dismiss', async (c) => {
    await dismissDuplicatePair(c.var.db, parseId(c.req.param('a')), parseId(c.req.param('b')));
    return c.redirect(`/${c.var.lang}/duplicates?dismissed`, 303);
  });
