import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { hasRole } from '../accounts/role.ts';
import { EditConflictError, type FieldProblem, GoneError, InputError, InvalidRecordError } from '../errors.ts';
import { fill } from '../i18n/i18n.ts';
import { type Doc, diffDocuments } from '../revisions/document-diff.ts';
import { type FormType, RECORD_PATHS } from '../revisions/revision.ts';
import { requireRole } from '../web/auth.ts';
import { csrfToken } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId } from '../web/validate.ts';
import {
  applyFormOp,
  type FormValues,
  fromFormValues,
  problemsByField,
  readSubmission,
  toFormValues,
} from './edit-form.routes.ts';
import { type ConflictView, EditPage, type PersonEventRow } from './edit-page.views.tsx';
import { loadForEditing, removeRecord, saveRecord, validateDocument } from './editing.service.ts';
import { changeRows } from './field-words.ts';
import type { FormContext } from './form-fields.views.tsx';
import { listHistory } from './history.service.ts';
import { acceptedFromForm, createProposal, findPendingProposal } from './proposal.service.ts';
import { recordKind } from './record-kinds.ts';
import { recordLabels } from './record-labels.ts';
import { findMainEventId, listEventsOfPersonForEditing } from './reference.repository.ts';
import { collectReferences, loadReferences } from './references.ts';

/*
 * The edit pages of every kind of record: `/{lang}/persons/new` and `/{lang}/persons/12/edit`, and
 * the same for events, places, organizations and sources. Editors save; reviewers' saves become
 * proposals that an editor accepts or declines (proposals.routes.tsx).
 */

/** What a new record's form starts with. */
function newValues(type: FormType, c: Context<Env>): FormValues {
  switch (type) {
    case 'person':
      return { status: 'draft', sex: 'unknown', names: [{ kind: 'birth', rank: 'normal', status: 'published' }] };
    case 'event': {
      const person = c.req.query('person') ?? '';
      return {
        status: 'draft',
        rank: 'normal',
        participants: /^[1-9]\d{0,14}$/.test(person) ? [{ person, role: 'subject' }] : [],
      };
    }
    case 'place':
      return { status: 'draft', names: [{ kind: 'current', lang: c.var.lang }] };
    case 'organization':
      return { status: 'draft', names: [{ lang: c.var.lang }] };
    case 'source':
      return { status: 'draft' };
  }
}

interface ShowOptions {
  id: number | null;
  values: FormValues;
  base: number | null;
  state: string | null;
  reason?: string;
  problems?: FieldProblem[];
  detailFields?: Map<string, string>;
  notice?: { kind: 'success' | 'info' | 'error'; text: string };
  conflict?: ConflictView;
  status?: ContentfulStatusCode;
  proposal?: number;
}

async function recordName(c: Context<Env>, type: FormType, id: number | null): Promise<string> {
  if (id === null) return c.var.t.edit.titleNew[type];
  return (await recordLabels(c.var.db, [{ type, id }], c.var.lang)).get(`${type}:${id}`) ?? `#${id}`;
}

async function showForm(c: Context<Env>, type: FormType, o: ShowOptions) {
  const { db, lang, t } = c.var;
  const problems = o.problems ?? [];
  const f: FormContext = {
    t,
    lang,
    type,
    values: o.values,
    errors: problemsByField(problems, o.detailFields ?? new Map()),
    refs: await loadReferences(db, collectReferences(type, o.values as Doc), lang),
  };
  let events: PersonEventRow[] | undefined;
  if (type === 'person' && o.id !== null) {
    events = (await listEventsOfPersonForEditing(db, o.id)).map((e) => ({
      id: e.id,
      type: e.type,
      date: e.date_edtf,
      status: e.status,
      role: e.role,
    }));
  }
  const name = await recordName(c, type, o.id);
  const page = (
    <EditPage
      f={f}
      id={o.id}
      name={name}
      state={o.state}
      base={o.base}
      reason={o.reason ?? ''}
      csrf={csrfToken(c)}
      canSave={hasRole(c.var.user!.role, 'editor')}
      notice={o.notice}
      problems={problems}
      events={events}
      conflict={o.conflict}
      proposal={o.proposal}
    />
  );
  const title = o.id === null ? t.edit.titleNew[type] : fill(t.edit.titleEdit, { name });
  return renderPage(c, page, { title, status: o.status ?? (problems.length > 0 ? 400 : 200) });
}

/** The notice a redirect after saving asks for. */
function savedNotice(c: Context<Env>): ShowOptions['notice'] {
  const t = c.var.t;
  const q = c.req.query();
  if (q.saved && /^\d+$/.test(q.saved)) {
    const indexing =
      q.indexing && /^\d+$/.test(q.indexing)
        ? ` ${fill(t.edit.indexing, { n: Number(q.indexing).toLocaleString(c.var.lang) })}`
        : '';
    return { kind: 'success', text: `${fill(t.edit.saved, { revision: q.saved })}${indexing}` };
  }
  if (q.created && /^\d+$/.test(q.created))
    return { kind: 'success', text: fill(t.edit.created, { revision: q.created }) };
  if (q.unchanged !== undefined) return { kind: 'info', text: t.edit.unchanged };
  if (q.restored && /^\d+$/.test(q.restored))
    return { kind: 'success', text: fill(t.edit.restored, { revision: q.restored }) };
  return undefined;
}

/** The fields of a submitted form, each field's values as strings (files left out). */
async function formBody(c: Context<Env>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/** The conflict between an editor's document and what was saved meanwhile, for showing side by side. */
async function conflictView(
  c: Context<Env>,
  type: FormType,
  id: number,
  base: number | null,
  mine: Doc,
  current: Doc,
): Promise<ConflictView> {
  const history = await listHistory(c.var.db, type, id, 50);
  return {
    rows: changeRows(type, diffDocuments(current, mine), current, mine, c.var.t),
    since: history.filter((r) => base === null || r.id > base),
  };
}

async function submit(c: Context<Env>, type: FormType, id: number | null) {
  const { db, storage, t } = c.var;
  const current = id === null ? null : await loadForEditing(db, type, id);
  if (id !== null && current?.state === 'removed') throw new GoneError(RECORD_PATHS[type], id);
  const sub = readSubmission(await formBody(c));
  const proposal = Number(c.req.query('proposal')) || undefined;
  const show = (o: Partial<ShowOptions>) =>
    showForm(c, type, {
      id,
      values: sub.values,
      base: sub.base,
      state: current?.state ?? null,
      reason: sub.reason,
      proposal,
      ...o,
    });
  if (sub.op)
    return show({ values: applyFormOp(sub.values, sub.op), notice: { kind: 'info', text: t.edit.notSavedYet } });

  const { doc, problems, detailFields } = fromFormValues(sub.values);
  const kind = recordKind(type);
  try {
    validateDocument(kind, doc);
  } catch (error) {
    if (!(error instanceof InvalidRecordError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) return show({ problems, detailFields });

  if (!hasRole(c.var.user!.role, 'editor')) {
    try {
      const pid = await createProposal(storage, c.var.user!.id, {
        type,
        recordId: id,
        base: sub.base,
        doc,
        reason: sub.reason,
      });
      return c.redirect(`/${c.var.lang}/proposals/${pid}?proposed`, 303);
    } catch (error) {
      if (error instanceof InvalidRecordError) return show({ problems: error.problems, detailFields });
      throw error;
    }
  }

  try {
    const saved = await saveRecord(
      storage,
      { userId: c.var.user!.id },
      {
        type,
        id: id ?? undefined,
        doc,
        baseRevision: id === null ? undefined : (sub.base ?? 0),
        reason: sub.reason,
      },
    );
    if (proposal) await acceptedFromForm(db, proposal, c.var.user!.id, saved);
    const where = `/${c.var.lang}/${RECORD_PATHS[type]}/${saved.id}/edit`;
    if (id === null) return c.redirect(`${where}?created=${saved.revision}`, 303);
    const indexing = saved.indexing === undefined ? '' : `&indexing=${saved.indexing}`;
    return c.redirect(saved.changed ? `${where}?saved=${saved.revision}${indexing}` : `${where}?unchanged`, 303);
  } catch (error) {
    if (error instanceof InvalidRecordError) return show({ problems: error.problems, detailFields });
    if (error instanceof EditConflictError && id !== null) {
      const now = await loadForEditing(db, type, id);
      const mine = validateDocument(kind, doc);
      return show({
        base: now.revision,
        state: now.state,
        conflict: await conflictView(c, type, id, sub.base, mine, now.doc),
        status: 409,
      });
    }
    if (error instanceof InputError) return show({ notice: { kind: 'error', text: error.message }, status: 400 });
    throw error;
  }
}

export function editRoutes(type: FormType) {
  return new Hono<Env>()
    .get('/new', requireRole('reviewer'), (c) =>
      showForm(c, type, { id: null, values: newValues(type, c), base: null, state: null }),
    )
    .post('/new', requireRole('reviewer'), (c) => submit(c, type, null))
    .get('/:id/edit', requireRole('reviewer'), async (c) => {
      const id = parseId(c.req.param('id'));
      // Another source's account of an event is edited with the event it belongs to.
      const main = type === 'event' ? await findMainEventId(c.var.db, id) : null;
      if (main !== null) return c.redirect(`/${c.var.lang}/events/${main}/edit`, 301);
      const { doc, revision, state } = await loadForEditing(c.var.db, type, id);
      if (state === 'removed') return c.redirect(`/${c.var.lang}/${RECORD_PATHS[type]}/${id}/history`, 303);
      // An editor may open a reviewer's proposal in the form, to adjust it before saving.
      const pending = await findPendingProposal(c.var.db, type, id, c.req.query('proposal'));
      return showForm(c, type, {
        id,
        values: toFormValues(pending?.doc ?? doc),
        base: revision,
        state,
        reason: pending?.reason ?? '',
        notice: savedNotice(c),
        proposal: pending?.id,
      });
    })
    .post('/:id/edit', requireRole('reviewer'), (c) => submit(c, type, parseId(c.req.param('id'))))
    .post('/:id/remove', requireRole('editor'), async (c) => {
      const id = parseId(c.req.param('id'));
      const form = await c.req.parseBody();
      const reason = typeof form.reason === 'string' ? form.reason : '';
      const base = typeof form.base === 'string' && /^\d+$/.test(form.base) ? Number(form.base) : undefined;
      try {
        const saved = await removeRecord(
          c.var.storage,
          { userId: c.var.user!.id },
          { type, id, reason, baseRevision: base },
        );
        return c.redirect(`/${c.var.lang}/${RECORD_PATHS[type]}/${id}/history?removed=${saved.revision}`, 303);
      } catch (error) {
        if (!(error instanceof InputError) && !(error instanceof EditConflictError)) throw error;
        const { doc, revision, state } = await loadForEditing(c.var.db, type, id);
        const text = error instanceof EditConflictError ? c.var.t.edit.conflictTitle : error.message;
        return showForm(c, type, {
          id,
          values: toFormValues(doc),
          base: revision,
          state,
          notice: { kind: 'error', text },
          status: error instanceof EditConflictError ? 409 : 400,
        });
      }
    });
}
