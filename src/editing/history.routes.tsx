import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { hasRole } from '../accounts/role.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { fill } from '../i18n/i18n.ts';
import { previousRevision } from '../revisions/revision.repository.ts';
import { RECORD_PATHS, type RecordType } from '../revisions/revision.ts';
import { requireRole } from '../web/auth.ts';
import { csrfToken } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId } from '../web/validate.ts';
import { loadForEditing, revertToRevision, UndoConflictError, undoRevision } from './editing.service.ts';
import { changeRows, documentRows, pathWords, placePath } from './field-words.ts';
import {
  compareRevisions,
  listHistory,
  recordRevision,
  revisionDocument,
  snapshotDocument,
  userNames,
} from './history.service.ts';
import { ComparePage, HistoryPage } from './history.views.tsx';
import { listRecordProposals } from './proposal.service.ts';
import { recordLabels } from './record-labels.ts';

/*
 * A record's history pages (`/{lang}/persons/12/history`, `…/compare?from=&to=`) and the changes
 * made from them: going back to a revision, undoing one, restoring a removed record. Reviewers
 * read them; editors act.
 */

const HISTORY_LIMIT = 500;

async function recordName(c: Context<Env>, type: RecordType, id: number) {
  return (await recordLabels(c.var.db, [{ type, id }], c.var.lang)).get(`${type}:${id}`) ?? `#${id}`;
}

type Notice = { kind: 'success' | 'info' | 'error'; text: string };

function queryNotice(c: Context<Env>): Notice | undefined {
  const t = c.var.t;
  const q = c.req.query();
  const n = (v: string | undefined) => (v && /^\d{1,15}$/.test(v) ? v : null);
  if (n(q.reverted) && n(q.to))
    return { kind: 'success', text: fill(t.history.reverted, { revision: q.reverted!, to: q.to! }) };
  if (n(q.undone) && n(q.to))
    return { kind: 'success', text: fill(t.history.undone, { revision: q.undone!, to: q.to! }) };
  if (n(q.removed)) return { kind: 'success', text: fill(t.edit.removedDone, { revision: q.removed! }) };
  return undefined;
}

async function showHistory(
  c: Context<Env>,
  type: RecordType,
  id: number,
  notice?: Notice,
  status: ContentfulStatusCode = 200,
) {
  const { db, lang, t } = c.var;
  const { state } = await loadForEditing(db, type, id);
  const revisions = await listHistory(db, type, id, HISTORY_LIMIT);
  let removed: Parameters<typeof HistoryPage>[0]['removed'];
  const last = revisions[0];
  if (state === 'removed' && last?.action === 'remove') {
    const doc = await snapshotDocument(db, await recordRevision(db, type, id, last.id));
    removed = { revision: last, rows: doc ? documentRows(type, doc, t) : [] };
  }
  const names = await userNames(db);
  const proposals = (await listRecordProposals(db, type, id)).map((p) => ({
    id: p.id,
    user: names.get(p.userId) ?? `#${p.userId}`,
    at: p.createdAt,
    reason: p.reason,
  }));
  return renderPage(
    c,
    <HistoryPage
      t={t}
      lang={lang}
      type={type}
      id={id}
      name={await recordName(c, type, id)}
      csrf={csrfToken(c)}
      canEdit={hasRole(c.var.user!.role, 'editor')}
      state={state}
      revisions={revisions}
      notice={notice ?? queryNotice(c)}
      removed={removed}
      proposals={proposals}
    />,
    { title: fill(t.history.title, { name: await recordName(c, type, id) }), status },
  );
}

/** The revision named by a form's `revision` field, which must be one of this record's. */
async function formRevision(c: Context<Env>, type: RecordType, id: number): Promise<number> {
  const form = await c.req.parseBody();
  const raw = typeof form.revision === 'string' ? form.revision : '';
  if (!/^\d{1,15}$/.test(raw)) throw new InputError('No revision was named.');
  return (await recordRevision(c.var.db, type, id, Number(raw))).id;
}

export function historyRoutes(type: RecordType) {
  const path = (c: Context<Env>, id: number) => `/${c.var.lang}/${RECORD_PATHS[type]}/${id}`;
  const actor = (c: Context<Env>) => ({ userId: c.var.user!.id });
  return new Hono<Env>()
    .get('/:id/history', requireRole('reviewer'), (c) => showHistory(c, type, parseId(c.req.param('id'))))
    .get('/:id/compare', requireRole('reviewer'), async (c) => {
      const id = parseId(c.req.param('id'));
      const { db, lang, t } = c.var;
      const raw = (v: string | undefined) => (v && /^\d{1,15}$/.test(v) ? Number(v) : null);
      const history = await listHistory(db, type, id, HISTORY_LIMIT);
      if (history.length === 0) throw new NotFoundError(`no history of ${type} ${id}`);
      const to = raw(c.req.query('to')) ?? history[0]!.id;
      let from = raw(c.req.query('from'));
      if (from === null) from = (await previousRevision(db, await recordRevision(db, type, id, to)))?.id ?? null;
      const entry = (rid: number) => history.find((r) => r.id === rid) ?? null;
      const name = await recordName(c, type, id);
      let rows: ReturnType<typeof changeRows>;
      let fromEntry = null;
      let toEntry = entry(to);
      if (from === null) {
        const r = await recordRevision(db, type, id, to);
        const doc = await revisionDocument(db, r);
        rows = changeRows(type, doc ? [{ path: [], before: undefined, after: doc }] : [], null, doc, t);
      } else {
        const compared = await compareRevisions(db, type, id, from, to);
        rows = changeRows(type, compared.changes, compared.before, compared.after, t);
        fromEntry = entry(compared.from.id);
        toEntry = entry(compared.to.id);
      }
      if (!toEntry) throw new NotFoundError(`revision ${to}`);
      return renderPage(
        c,
        <ComparePage
          t={t}
          lang={lang}
          type={type}
          id={id}
          name={name}
          csrf={csrfToken(c)}
          canEdit={hasRole(c.var.user!.role, 'editor')}
          from={fromEntry}
          to={toEntry}
          rows={rows}
        />,
        { title: fill(t.history.compareTitle, { from: fromEntry?.id ?? '—', to: toEntry.id, name }) },
      );
    })
    .post('/:id/revert', requireRole('editor'), async (c) => {
      const id = parseId(c.req.param('id'));
      const revision = await formRevision(c, type, id);
      try {
        const saved = await revertToRevision(c.var.storage, actor(c), { revisionId: revision });
        return c.redirect(`${path(c, id)}/history?reverted=${saved.revision}&to=${revision}`, 303);
      } catch (error) {
        // A refusal (a merge between, a revision with nothing to go back to) is read beside the history.
        if (!(error instanceof InputError)) throw error;
        return showHistory(c, type, id, { kind: 'error', text: error.message }, 400);
      }
    })
    .post('/:id/undo', requireRole('editor'), async (c) => {
      const id = parseId(c.req.param('id'));
      const revision = await formRevision(c, type, id);
      try {
        const saved = await undoRevision(c.var.storage, actor(c), { revisionId: revision });
        return c.redirect(`${path(c, id)}/history?undone=${saved.revision}&to=${revision}`, 303);
      } catch (error) {
        if (error instanceof InputError && !(error instanceof UndoConflictError))
          return showHistory(c, type, id, { kind: 'error', text: error.message }, 400);
        if (!(error instanceof UndoConflictError)) throw error;
        const { doc } = await loadForEditing(c.var.db, type, id);
        const fields = error.paths.map((p) => pathWords(placePath(p, [doc]), c.var.t)).join('; ');
        return showHistory(c, type, id, { kind: 'error', text: fill(c.var.t.history.undoRefused, { fields }) }, 409);
      }
    })
    .post('/:id/restore', requireRole('editor'), async (c) => {
      const id = parseId(c.req.param('id'));
      const history = await listHistory(c.var.db, type, id, HISTORY_LIMIT);
      // The record as it was just before it was removed.
      const removal = history.findIndex((r) => r.action === 'remove');
      const before = removal >= 0 ? history[removal + 1] : undefined;
      if (history[0]?.action !== 'remove' || !before) throw new InputError('The record is not removed.');
      const saved = await revertToRevision(c.var.storage, actor(c), { revisionId: before.id });
      return c.redirect(`${path(c, id)}/edit?restored=${saved.revision}`, 303);
    });
}
