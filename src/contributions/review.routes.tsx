import type { Context } from 'hono';
import { Hono } from 'hono';
import { hasRole } from '../accounts/role.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { auditActor, requireRole } from '../web/auth.ts';
import { csrfToken } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId, readForm } from '../web/validate.ts';
import { type ContributionDeps, siteOriginFor } from './contribute.routes.tsx';
import { findFile } from './contribution.repository.ts';
import { type ContributionState, cleanText, MAX, STATES } from './contribution.ts';
import { countOutbox } from './outbox.repository.ts';
import {
  acceptProposal,
  declineContribution,
  declineProposal,
  propose,
  type ReviewActor,
  replyToSender,
  setInReview,
} from './proposal.service.ts';
import { proposalForm } from './proposal.ts';
import { QueueView, ReviewView } from './review.views.tsx';
import { getQueue, getReview } from './review-page.ts';

const DONE = ['proposed', 'accepted', 'declined', 'replied', 'status'] as const;

function actorOf(c: Context<Env>): ReviewActor {
  return { userId: c.var.user?.id ?? null, audit: auditActor(c) };
}

/** A short text a reviewer typed (a reply, a reason): cleaned, required, limited. */
function required(raw: string | undefined, max: number): string {
  const text = cleanText(raw);
  if (!text) throw new InputError('Please fill in the text.');
  if (text.length > max) throw new InputError(`At most ${max} characters.`);
  return text;
}

/**
 * The reviewers' side: the queue with its filters and counts, one contribution beside the
 * person's record, proposals (reviewers) and their acceptance (editors), replies and declines, and
 * the attached files, which only signed-in reviewers can open.
 */
export function reviewRoutes({ settings, mailer }: ContributionDeps) {
  const context = (c: Context<Env>) => ({ settings, mailer, origin: siteOriginFor(c) });

  const page = async (c: Context<Env>, id: number, error: string | null = null, status: 200 | 400 = 200) => {
    const review = await getReview(c.var.db, id);
    const done = c.req.query('done') as (typeof DONE)[number] | undefined;
    const t = c.var.t;
    c.header('Referrer-Policy', 'same-origin');
    return renderPage(
      c,
      <ReviewView
        lang={c.var.lang}
        t={t}
        review={review}
        csrf={csrfToken(c)}
        editor={hasRole(c.var.user!.role, 'editor')}
        notice={done && DONE.includes(done) ? t.moderation.done[done] : null}
        error={error}
      />,
      { title: `${t.moderation.title} ${id}`, status },
    );
  };

  /** Runs a reviewer's action and goes back to the page, or shows it again with the problem. */
  const act = (work: (c: Context<Env>, id: number) => Promise<(typeof DONE)[number]>) => async (c: Context<Env>) => {
    const id = parseId(c.req.param('id'));
    try {
      const done = await work(c, id);
      return c.redirect(`/${c.var.lang}/review/${id}?done=${done}`, 303);
    } catch (error) {
      if (error instanceof InputError) return page(c, id, error.message, 400);
      throw error;
    }
  };

  return new Hono<Env>()
    .use('*', requireRole('reviewer'))
    .get('/', async (c) => {
      const raw = c.req.query('status');
      const status = raw && (STATES as readonly string[]).includes(raw) ? (raw as ContributionState) : null;
      const pageNo = Math.min(10_000, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
      const queue = await getQueue(c.var.db, status, pageNo);
      const outbox = hasRole(c.var.user!.role, 'admin') ? await countOutbox(c.var.db) : null;
      return renderPage(
        c,
        <QueueView lang={c.var.lang} t={c.var.t} queue={queue} status={status} page={pageNo} outbox={outbox} />,
        { title: c.var.t.moderation.title },
      );
    })
    .get('/:id', (c) => page(c, parseId(c.req.param('id'))))
    .get('/:id/files/:file/:size', async (c) => {
      const file = await findFile(c.var.db, parseId(c.req.param('id')), parseId(c.req.param('file')));
      const size = c.req.param('size');
      const data = size === 'thumb' ? file?.thumb : size === 'original' ? file?.data : null;
      if (!file || !data) throw new NotFoundError('no such file');
      return c.body(new Uint8Array(data), 200, {
        'content-type': size === 'thumb' ? 'image/webp' : file.mime,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'content-disposition': `${size === 'thumb' ? 'inline' : 'attachment'}; filename="contribution-file-${file.id}.${file.name.split('.').pop()}"`,
      });
    })
    .post(
      '/:id/review',
      act(async (c, id) => {
        await setInReview(c.var.db, id, actorOf(c));
        return 'status';
      }),
    )
    .post(
      '/:id/reply',
      act(async (c, id) => {
        const form = await readForm(c);
        await replyToSender(c.var.storage, context(c), id, required(form.text, MAX.message), actorOf(c));
        return 'replied';
      }),
    )
    .post(
      '/:id/decline',
      act(async (c, id) => {
        const form = await readForm(c);
        await declineContribution(c.var.storage, context(c), id, required(form.reason, MAX.reason), actorOf(c));
        return 'status';
      }),
    )
    .post(
      '/:id/proposals',
      act(async (c, id) => {
        const form = await readForm(c);
        const parsed = proposalForm.safeParse(form);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new InputError(`${issue?.path.join('.') || 'form'}: ${issue?.message ?? 'not understood'}`);
        }
        await propose(c.var.storage, id, parsed.data, actorOf(c), c.var.lang);
        return 'proposed';
      }),
    )
    .post(
      '/:id/proposals/:proposal/accept',
      requireRole('editor'),
      act(async (c, id) => {
        await acceptProposal(c.var.storage, context(c), id, parseId(c.req.param('proposal')), actorOf(c));
        return 'accepted';
      }),
    )
    .post(
      '/:id/proposals/:proposal/decline',
      requireRole('editor'),
      act(async (c, id) => {
        const form = await readForm(c);
        await declineProposal(
          c.var.storage,
          id,
          parseId(c.req.param('proposal')),
          actorOf(c),
          required(form.reason, 500),
        );
        return 'declined';
      }),
    );
}
