import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { hasRole } from '../accounts/role.ts';
import { EditConflictError, InputError } from '../errors.ts';
import { fill } from '../i18n/i18n.ts';
import { diffDocuments } from '../revisions/document-diff.ts';
import { RECORD_PATHS } from '../revisions/revision.ts';
import { requireRole } from '../web/auth.ts';
import { csrfToken } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId } from '../web/validate.ts';
import { loadForEditing } from './editing.service.ts';
import { changeRows } from './field-words.ts';
import { userNames } from './history.service.ts';
import { acceptProposal, declineProposal, getProposal, listProposals, type Proposal } from './proposal.service.ts';
import { type ProposalItem, ProposalPage, ProposalsPage } from './proposals.views.tsx';
import { recordLabels } from './record-labels.ts';

/* `/{lang}/proposals`: reviewers' edits waiting for an editor, accepted or declined one by one. */

async function items(c: Context<Env>, proposals: Proposal[]): Promise<ProposalItem[]> {
  const names = await userNames(c.var.db);
  const labels = await recordLabels(
    c.var.db,
    proposals.flatMap((p) => (p.recordId === null ? [] : [{ type: p.type, id: p.recordId }])),
    c.var.lang,
  );
  return proposals.map((p) => ({
    proposal: p,
    user: names.get(p.userId) ?? `#${p.userId}`,
    decidedBy: p.decidedBy === null ? null : (names.get(p.decidedBy) ?? `#${p.decidedBy}`),
    record: p.recordId === null ? null : (labels.get(`${p.type}:${p.recordId}`) ?? null),
  }));
}

async function showProposal(
  c: Context<Env>,
  id: number,
  notice?: { kind: 'success' | 'info' | 'error'; text: string },
  status: ContentfulStatusCode = 200,
) {
  const { db, lang, t } = c.var;
  const proposal = await getProposal(db, id);
  const current = proposal.recordId === null ? null : (await loadForEditing(db, proposal.type, proposal.recordId)).doc;
  const rows = changeRows(proposal.type, diffDocuments(current, proposal.doc), current, proposal.doc, t);
  const [item] = await items(c, [proposal]);
  return renderPage(
    c,
    <ProposalPage
      t={t}
      lang={lang}
      csrf={csrfToken(c)}
      canDecide={hasRole(c.var.user!.role, 'editor')}
      item={item!}
      rows={rows}
      notice={notice}
    />,
    { title: fill(t.edit.proposal.title, { id }), status },
  );
}

export const proposalRoutes = new Hono<Env>()
  .use('*', requireRole('reviewer'))
  .get('/', async (c) => {
    const pending = await listProposals(c.var.db, 'pending', 200);
    return renderPage(c, <ProposalsPage t={c.var.t} lang={c.var.lang} items={await items(c, pending)} />, {
      title: c.var.t.edit.proposal.listTitle,
    });
  })
  .get('/:id', async (c) => {
    const t = c.var.t;
    const q = c.req.query();
    const notice =
      q.proposed !== undefined
        ? { kind: 'success' as const, text: t.edit.proposal.saved }
        : q.declined !== undefined
          ? { kind: 'success' as const, text: t.edit.proposal.declined }
          : undefined;
    return showProposal(c, parseId(c.req.param('id')), notice);
  })
  .post('/:id/accept', requireRole('editor'), async (c) => {
    const id = parseId(c.req.param('id'));
    const t = c.var.t;
    try {
      const saved = await acceptProposal(c.var.storage, { userId: c.var.user!.id }, id);
      const proposal = await getProposal(c.var.db, id);
      const where = `/${c.var.lang}/${RECORD_PATHS[proposal.type]}/${saved.id}/edit`;
      return c.redirect(saved.changed ? `${where}?saved=${saved.revision}` : `${where}?unchanged`, 303);
    } catch (error) {
      if (error instanceof EditConflictError)
        return showProposal(c, id, { kind: 'error', text: t.edit.proposal.stale }, 409);
      if (error instanceof InputError) return showProposal(c, id, { kind: 'error', text: error.message }, 400);
      throw error;
    }
  })
  .post('/:id/decline', requireRole('editor'), async (c) => {
    const id = parseId(c.req.param('id'));
    const form = await c.req.parseBody();
    try {
      await declineProposal(c.var.db, c.var.user!.id, id, typeof form.note === 'string' ? form.note : null);
    } catch (error) {
      if (error instanceof InputError) return showProposal(c, id, { kind: 'error', text: error.message }, 400);
      throw error;
    }
    return c.redirect(`/${c.var.lang}/proposals/${id}?declined`, 303);
  });
