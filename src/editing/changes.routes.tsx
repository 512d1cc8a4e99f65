import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { hasRole } from '../accounts/role.ts';
import { listUsers } from '../accounts/user.service.ts';
import { shownName } from '../accounts/user.ts';
import { InputError } from '../errors.ts';
import { fill } from '../i18n/i18n.ts';
import { RECORD_TYPES } from '../revisions/revision.ts';
import { requireRole } from '../web/auth.ts';
import { csrfToken } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId, parseQuery } from '../web/validate.ts';
import { ChangeSetPage, RecentChangesPage } from './changes.views.tsx';
import { revertChangeSet } from './editing.service.ts';
import { changeSetDetail, recentChanges } from './history.service.ts';

/* `/{lang}/changes`: the archive's recent changes, and change sets reverted as one. */

const PAGE = 100;
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

const changesQuery = z.object({
  user: optional(z.coerce.number().int().positive()),
  type: optional(z.enum(RECORD_TYPES)),
  since: optional(day),
  until: optional(day),
  before: optional(z.coerce.number().int().positive()),
});

async function showSet(
  c: Context<Env>,
  id: number,
  notice?: { kind: 'success' | 'error'; text: string },
  status: ContentfulStatusCode = 200,
) {
  const { db, lang, t } = c.var;
  const detail = await changeSetDetail(db, id, lang, 1000);
  return renderPage(
    c,
    <ChangeSetPage
      t={t}
      lang={lang}
      csrf={csrfToken(c)}
      canEdit={hasRole(c.var.user!.role, 'editor')}
      {...detail}
      notice={notice}
    />,
    { title: fill(t.history.setTitle, { id }), status },
  );
}

export const changesRoutes = new Hono<Env>()
  .use('*', requireRole('reviewer'))
  .get('/', async (c) => {
    const { db, lang, t } = c.var;
    const q = parseQuery(changesQuery, c.req.query());
    const changes = await recentChanges(
      db,
      { userId: q.user, recordType: q.type, since: q.since, until: q.until, before: q.before, limit: PAGE + 1 },
      lang,
    );
    const shown = changes.slice(0, PAGE);
    let older: string | null = null;
    if (changes.length > PAGE) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries({ user: q.user, type: q.type, since: q.since, until: q.until }))
        if (v !== undefined) params.set(k, String(v));
      params.set('before', String(shown.at(-1)!.id));
      older = params.toString();
    }
    const users = (await listUsers(db)).map((u) => ({ id: u.id, name: shownName(u) }));
    return renderPage(
      c,
      <RecentChangesPage t={t} lang={lang} changes={shown} users={users} filter={q} older={older} />,
      { title: t.history.recentTitle },
    );
  })
  .get('/:set', async (c) => {
    const reverted = c.req.query('reverted');
    const notice =
      reverted && /^\d{1,15}$/.test(reverted)
        ? { kind: 'success' as const, text: fill(c.var.t.history.setReverted, { id: reverted }) }
        : undefined;
    return showSet(c, parseId(c.req.param('set')), notice);
  })
  .post('/:set/revert', requireRole('editor'), async (c) => {
    const id = parseId(c.req.param('set'));
    const form = await c.req.parseBody();
    const reason = typeof form.reason === 'string' ? form.reason : undefined;
    try {
      const result = await revertChangeSet(c.var.storage, { userId: c.var.user!.id }, { changeSetId: id, reason });
      return c.redirect(`/${c.var.lang}/changes/${result.changeSet}?reverted=${id}`, 303);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return showSet(c, id, { kind: 'error', text: error.message }, 409);
    }
  });
