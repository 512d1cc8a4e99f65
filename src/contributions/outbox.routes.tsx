import { Hono } from 'hono';
import { recordAudit } from '../accounts/audit.service.ts';
import { auditActor, requireRole } from '../web/auth.ts';
import { csrfToken } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId } from '../web/validate.ts';
import { deleteOutbox, listOutbox } from './outbox.repository.ts';
import { OutboxView } from './outbox.views.tsx';

/** The outbox, for administrators only: it holds contributors' addresses and their private links. */
export const outboxRoutes = new Hono<Env>()
  .use('*', requireRole('admin'))
  .get('/', async (c) => {
    const rows = await listOutbox(c.var.db, 200);
    c.header('Referrer-Policy', 'no-referrer');
    return renderPage(c, <OutboxView lang={c.var.lang} t={c.var.t} rows={rows} csrf={csrfToken(c)} />, {
      title: c.var.t.moderation.outboxTitle,
    });
  })
  .post('/:id/remove', async (c) => {
    const id = parseId(c.req.param('id'));
    await c.var.db.transaction().execute(async (trx) => {
      await deleteOutbox(trx, id);
      await recordAudit(trx, { actor: auditActor(c), action: 'outbox_remove', target: `mail:${id}` });
    });
    return c.redirect(`/${c.var.lang}/admin/outbox`, 303);
  });
