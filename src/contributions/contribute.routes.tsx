import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Storage } from '../db/connection.ts';
import { NotFoundError } from '../errors.ts';
import { fill } from '../i18n/i18n.ts';
import { clientAddress, siteOrigin } from '../web/auth.ts';
import { csrfToken } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { nestFormFields } from '../web/form-data.ts';
import { renderPage } from '../web/render.tsx';
import { parseId } from '../web/validate.ts';
import { ContributeForm, MessagePage, ThanksView } from './contribute.views.tsx';
import {
  addToContribution,
  ContributionThrottledError,
  HoneypotError,
  personNow,
  reserveAttempt,
  senderView,
  submitContribution,
  UnknownLinkError,
  WithdrawnError,
  withdrawContribution,
} from './contribution.service.ts';
import { additionForm, contributionForm, type FieldErrors, parseForm } from './contribution.ts';
import type { Mailer } from './mail.ts';
import { MineView } from './mine.views.tsx';
import type { ContributionSettings } from './settings.ts';
import { checkFiles } from './upload.ts';

export interface ContributionDeps {
  settings: ContributionSettings;
  mailer: Mailer;
}

/** A form's text fields (each one's last value) and its chosen files (empty file inputs left out). */
async function readUpload(c: Context<Env>): Promise<{ fields: Record<string, string>; files: File[] }> {
  const form = await c.req.formData();
  const fields: Record<string, string> = {};
  const files: File[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') fields[key] = value;
    else if (value.size > 0 || value.name) files.push(value);
  }
  return { fields, files };
}

/** The site's origin for links in mail: PUBLIC_URL where set, else the request's. */
export function siteOriginFor(c: Context<Env>): string {
  if (process.env.PUBLIC_URL) {
    try {
      return new URL(process.env.PUBLIC_URL).origin;
    } catch {
      // An unreadable PUBLIC_URL is left for the request's origin.
    }
  }
  return siteOrigin(c);
}

const limitsOf = (s: ContributionSettings) => ({
  count: s.files.maxCount,
  mib: Math.round(s.files.maxBytes / 2 ** 20),
});

async function personFor(storage: Storage, raw: string | undefined) {
  if (!raw) return null;
  const id = parseId(raw);
  const person = await personNow(storage.db, id);
  if (!person) throw new NotFoundError(`person ${id}`);
  return person;
}

/** The answer to a refused attempt: 429 with the minutes to wait, or 400 for the honeypot. */
function refusal(c: Context<Env>, error: unknown) {
  const t = c.var.t;
  const page = (title: string, message: string, status: 400 | 404 | 410 | 429) =>
    renderPage(c, <MessagePage title={title} message={message} lang={c.var.lang} t={t} />, { title, status });
  if (error instanceof ContributionThrottledError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
    const message = fill(error.scope === 'all' ? t.contribute.tooManyAll : t.contribute.tooMany, {
      minutes: Math.ceil(error.retryAfterSeconds / 60),
    });
    return page(t.auth.tooManyTitle, message, 429);
  }
  if (error instanceof HoneypotError) return page(t.error.badRequestTitle, t.contribute.honeypotFilled, 400);
  if (error instanceof UnknownLinkError) return page(t.contribute.linkUnknownTitle, t.contribute.linkUnknown, 404);
  if (error instanceof WithdrawnError) return page(t.contribute.withdrawnTitle, t.contribute.withdrawn, 410);
  throw error;
}

/** The sender's private page must not travel on in a Referer, be kept by a cache or be indexed. */
function privatePage(c: Context<Env>) {
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
}

/**
 * The public ways in: the contribution form (about a person, or someone not in the archive), the
 * thanks, and the sender's private page with its forms. No account is needed; every form carries
 * a CSRF token (the anonymous visitor's cookie), and each send counts against the rate limit.
 */
export function contributeRoutes({ settings, mailer }: ContributionDeps) {
  const context = (c: Context<Env>) => ({ settings, mailer, origin: siteOriginFor(c) });

  const form = async (
    c: Context<Env>,
    state: {
      person: { id: number; name: string } | null;
      values: Record<string, string>;
      errors: FieldErrors;
      fileError: string | null;
    },
    status: 200 | 400 | 413 = 200,
  ) => {
    const t = c.var.t;
    const title = state.person ? fill(t.contribute.titleAbout, { name: state.person.name }) : t.contribute.title;
    return renderPage(
      c,
      <ContributeForm lang={c.var.lang} t={t} csrf={csrfToken(c)} limits={limitsOf(settings)} {...state} />,
      { title, status },
    );
  };

  return new Hono<Env>()
    .get('/', async (c) => {
      const asked = c.req.query('person');
      const person = await personFor(c.var.storage, asked);
      // The form of a merged person's address is the form of the record that stays.
      if (person && String(person.id) !== asked)
        return c.redirect(`/${c.var.lang}/contribute?person=${person.id}`, 301);
      return form(c, { person, values: {}, errors: {}, fileError: null });
    })
    .post('/', async (c) => {
      const { fields, files } = await readUpload(c);
      const person = await personFor(c.var.storage, fields.person);
      try {
        if (fields.website) throw new HoneypotError();
        await reserveAttempt(c.var.db, clientAddress(c), settings, new Date());
      } catch (error) {
        return refusal(c, error);
      }
      // Fields and files are both checked, so that one answer names every mistake.
      const parsed = parseForm(contributionForm, nestFormFields(Object.entries(fields)));
      const checked = await checkFiles(files, settings, c.var.t);
      if (!parsed.ok || !checked.ok) {
        const fileError = checked.ok ? null : checked.refused.message;
        const status = checked.ok ? 400 : checked.refused.status;
        return form(c, { person, values: fields, errors: parsed.ok ? {} : parsed.errors, fileError }, status);
      }
      await submitContribution(c.var.storage, context(c), { ...parsed.value, lang: c.var.lang }, checked.files);
      return c.redirect(`/${c.var.lang}/contribute/thanks`, 303);
    })
    .get('/thanks', (c) =>
      renderPage(c, <ThanksView lang={c.var.lang} t={c.var.t} />, { title: c.var.t.contribute.thanksTitle }),
    )
    .get('/mine/:token', async (c) => {
      privatePage(c);
      const token = c.req.param('token');
      const t = c.var.t;
      try {
        const view = await senderView(c.var.db, token);
        const done = c.req.query('done');
        return renderPage(
          c,
          <MineView
            lang={c.var.lang}
            t={t}
            csrf={csrfToken(c)}
            view={view}
            base={`/${c.var.lang}/contribute/mine/${token}`}
            notice={done === 'added' ? t.contribute.added : null}
            error={null}
            limits={limitsOf(settings)}
          />,
          { title: t.contribute.mineTitle },
        );
      } catch (error) {
        return refusal(c, error);
      }
    })
    .post('/mine/:token/add', async (c) => {
      privatePage(c);
      const token = c.req.param('token');
      const t = c.var.t;
      try {
        const view = await senderView(c.var.db, token);
        const { fields, files } = await readUpload(c);
        await reserveAttempt(c.var.db, clientAddress(c), settings, new Date());
        const parsed = parseForm(additionForm, fields);
        const checked = parsed.ok ? await checkFiles(files, settings, t) : null;
        if (!parsed.ok || !checked?.ok) {
          const error = checked && !checked.ok ? checked.refused.message : t.contribute.errors.summary;
          const status = checked && !checked.ok ? checked.refused.status : 400;
          return renderPage(
            c,
            <MineView
              lang={c.var.lang}
              t={t}
              csrf={csrfToken(c)}
              view={view}
              base={`/${c.var.lang}/contribute/mine/${token}`}
              notice={null}
              error={error}
              limits={limitsOf(settings)}
            />,
            { title: t.contribute.mineTitle, status },
          );
        }
        await addToContribution(c.var.storage, context(c), token, parsed.value, checked.files);
        return c.redirect(`/${c.var.lang}/contribute/mine/${token}?done=added`, 303);
      } catch (error) {
        return refusal(c, error);
      }
    })
    .post('/mine/:token/withdraw', async (c) => {
      privatePage(c);
      const token = c.req.param('token');
      const t = c.var.t;
      try {
        const view = await senderView(c.var.db, token);
        const { fields } = await readUpload(c);
        if (fields.confirm !== 'on') {
          return renderPage(
            c,
            <MineView
              lang={c.var.lang}
              t={t}
              csrf={csrfToken(c)}
              view={view}
              base={`/${c.var.lang}/contribute/mine/${token}`}
              notice={null}
              error={t.contribute.withdrawUnconfirmed}
              limits={limitsOf(settings)}
            />,
            { title: t.contribute.mineTitle, status: 400 },
          );
        }
        await withdrawContribution(c.var.storage, context(c), token);
        return renderPage(
          c,
          <MessagePage title={t.contribute.withdrawnTitle} message={t.contribute.withdrawn} lang={c.var.lang} t={t} />,
          {
            title: t.contribute.withdrawnTitle,
          },
        );
      } catch (error) {
        return refusal(c, error);
      }
    });
}
