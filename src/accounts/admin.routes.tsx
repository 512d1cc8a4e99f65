import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { InputError } from '../errors.ts';
import type { Messages } from '../i18n/en.ts';
import { fill } from '../i18n/i18n.ts';
import { auditActor, requireRole } from '../web/auth.ts';
import { csrfToken } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId, parseQuery, readForm } from '../web/validate.ts';
import { type FieldErrors, problemText } from './account.views.tsx';
import { AuditView, UsersView, UserView } from './admin.views.tsx';
import { auditActions, listAudit } from './audit.service.ts';
import { isRole } from './role.ts';
import { closeAllSessions, countSessions } from './session.service.ts';
import { listTokens, revokeToken } from './token.service.ts';
import {
  addUser,
  disableUser,
  enableUser,
  getUser,
  listUsers,
  setDisplayName,
  setPassword,
  setRole,
} from './user.service.ts';
import { AccountInputError } from './user.ts';

/** Administration of users and the audit log, under `/{lang}/admin`; admins only. */

const NOTICES = {
  role: (t: Messages) => t.admin.roleChanged,
  'display-name': (t: Messages) => t.admin.displayNameSaved,
  password: (t: Messages) => t.admin.passwordReset,
  disable: (t: Messages) => t.admin.disabledDone,
  enable: (t: Messages) => t.admin.enabledDone,
  revoked: (t: Messages) => t.auth.tokenRevoked,
};

const fieldErrors = (c: Context<Env>, error: AccountInputError): FieldErrors => ({
  [error.field]: problemText(c.var.t, error.field, error.problem),
});

async function showUsers(
  c: Context<Env>,
  extra: { errors?: FieldErrors; draft?: Record<string, string> } = {},
  status: ContentfulStatusCode = 200,
) {
  const { db, lang, t } = c.var;
  const added = c.req.query('added');
  const draft = extra.draft ?? {};
  return renderPage(
    c,
    <UsersView
      lang={lang}
      t={t}
      csrf={csrfToken(c)}
      users={await listUsers(db)}
      me={c.var.user!.id}
      notice={added ? fill(t.admin.added, { name: added.slice(0, 64) }) : undefined}
      errors={extra.errors ?? {}}
      draft={{ name: draft.name, displayName: draft.displayName, role: isRole(draft.role) ? draft.role : undefined }}
    />,
    { title: t.admin.users, status },
  );
}

async function showUser(
  c: Context<Env>,
  id: number,
  extra: { errors?: FieldErrors; error?: string } = {},
  status: ContentfulStatusCode = 200,
) {
  const { db, lang, t } = c.var;
  const user = await getUser(db, id);
  const done = c.req.query('done');
  const ended = c.req.query('ended');
  const notice =
    ended !== undefined
      ? fill(t.admin.sessionsEnded, { n: Number(ended) || 0 })
      : done && Object.hasOwn(NOTICES, done)
        ? NOTICES[done as keyof typeof NOTICES](t)
        : undefined;
  return renderPage(
    c,
    <UserView
      lang={lang}
      t={t}
      csrf={csrfToken(c)}
      user={user}
      me={c.var.user!.id}
      sessions={await countSessions(db, id)}
      tokens={await listTokens(db, id)}
      notice={notice}
      error={extra.error}
      errors={extra.errors ?? {}}
    />,
    { title: user.name, status },
  );
}

/**
 * Runs one change to a user from its form: back to the user's page with a notice, or the page
 * again with the problem beside its field (AccountInputError) or at the top (another InputError).
 */
async function change(
  c: Context<Env>,
  done: keyof typeof NOTICES,
  apply: (id: number, form: Record<string, string>) => Promise<void>,
) {
  const id = parseId(c.req.param('id'));
  try {
    await apply(id, await readForm(c));
  } catch (error) {
    if (error instanceof AccountInputError) return showUser(c, id, { errors: fieldErrors(c, error) }, 400);
    if (error instanceof InputError) return showUser(c, id, { error: error.message }, 400);
    throw error;
  }
  return c.redirect(`/${c.var.lang}/admin/users/${id}?done=${done}`, 303);
}

const auditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  user: z
    .union([z.literal(''), z.coerce.number().int().positive()])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  action: z
    .string()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
});

const AUDIT_PAGE = 100;

export const adminRoutes = new Hono<Env>()
  .use('*', requireRole('admin'))
  .get('/', (c) => c.redirect(`/${c.var.lang}/admin/users`, 302))
  .get('/users', (c) => showUsers(c))
  .post('/users', async (c) => {
    const form = await readForm(c);
    try {
      const user = await addUser(
        c.var.db,
        {
          name: form.name ?? '',
          displayName: form.displayName,
          role: form.role ?? '',
          password: form.password ?? '',
          mustChangePassword: true,
        },
        auditActor(c),
      );
      return c.redirect(`/${c.var.lang}/admin/users?added=${encodeURIComponent(user.name)}`, 303);
    } catch (error) {
      if (!(error instanceof AccountInputError)) throw error;
      return showUsers(c, { errors: fieldErrors(c, error), draft: form }, 400);
    }
  })
  .get('/users/:id', (c) => showUser(c, parseId(c.req.param('id'))))
  .post('/users/:id/role', (c) =>
    change(c, 'role', (id, form) => setRole(c.var.db, id, form.role ?? '', auditActor(c))),
  )
  .post('/users/:id/display-name', (c) =>
    change(c, 'display-name', (id, form) => setDisplayName(c.var.db, id, form.displayName ?? '', auditActor(c))),
  )
  .post('/users/:id/password', (c) =>
    change(c, 'password', (id, form) =>
      setPassword(c.var.db, id, form.password ?? '', auditActor(c), { mustChange: true }),
    ),
  )
  .post('/users/:id/disable', (c) => change(c, 'disable', (id) => disableUser(c.var.db, id, auditActor(c))))
  .post('/users/:id/enable', (c) => change(c, 'enable', (id) => enableUser(c.var.db, id, auditActor(c))))
  .post('/users/:id/sign-out', async (c) => {
    const id = parseId(c.req.param('id'));
    await getUser(c.var.db, id);
    const ended = await closeAllSessions(c.var.db, id, auditActor(c));
    return c.redirect(`/${c.var.lang}/admin/users/${id}?ended=${ended}`, 303);
  })
  .post('/users/:id/tokens/:token/revoke', async (c) => {
    const id = parseId(c.req.param('id'));
    await revokeToken(c.var.db, parseId(c.req.param('token')), auditActor(c), id);
    return c.redirect(`/${c.var.lang}/admin/users/${id}?done=revoked`, 303);
  })
  .get('/audit', async (c) => {
    const { db, lang, t } = c.var;
    const filter = parseQuery(auditQuery, c.req.query());
    const page = await listAudit(db, {
      before: filter.before,
      actorId: filter.user,
      action: filter.action,
      limit: AUDIT_PAGE,
    });
    const older = new URLSearchParams();
    if (filter.user) older.set('user', String(filter.user));
    if (filter.action) older.set('action', filter.action);
    if (page.before) older.set('before', String(page.before));
    return renderPage(
      c,
      <AuditView
        lang={lang}
        t={t}
        entries={page.entries}
        users={await listUsers(db)}
        filter={{ user: filter.user, action: filter.action }}
        actions={await auditActions(db)}
        olderHref={page.before ? `/${lang}/admin/audit?${older}` : null}
        isFirstPage={filter.before === undefined}
      />,
      { title: t.admin.audit },
    );
  });
