import fs from 'node:fs';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { accountRoutes } from '../accounts/account.routes.tsx';
import { adminRoutes } from '../accounts/admin.routes.tsx';
import { hasRole } from '../accounts/role.ts';
import { type AccountSettings, accountSettingsFromEnv } from '../accounts/settings.ts';
import { apiRoutes } from '../api/api.routes.ts';
import { chronologyRoutes } from '../chronology/chronology.routes.tsx';
import { contributeRoutes } from '../contributions/contribute.routes.tsx';
import { createMailer, type Mailer } from '../contributions/mail.ts';
import { outboxRoutes } from '../contributions/outbox.routes.tsx';
import { reviewRoutes } from '../contributions/review.routes.tsx';
import { type ContributionSettings, contributionSettingsFromEnv } from '../contributions/settings.ts';
import { isStorageUnavailable, type Storage } from '../db/connection.ts';
import { changesRoutes } from '../editing/changes.routes.tsx';
import { editingApiRoutes } from '../editing/editing-api.routes.ts';
import { proposalRoutes } from '../editing/proposals.routes.tsx';
import { recordEditingRoutes } from '../editing/record-editing.routes.tsx';
import {
  CsrfError,
  EditConflictError,
  ForbiddenError,
  GoneError,
  InputError,
  InvalidRecordError,
  MergedError,
  NotAcceptableError,
  NotFoundError,
  TooLargeError,
  TooManyRequestsError,
  UnauthenticatedError,
} from '../errors.ts';
import { eventRoutes } from '../events/event.routes.tsx';
import { harvestRoutes } from '../harvest/harvest.routes.ts';
import { fill, isLang, LANGS, messages, negotiateLang } from '../i18n/i18n.ts';
import { listRoutes } from '../lists/list.routes.tsx';
import { mapRoutes } from '../maps/map.routes.tsx';
import { mediaRoutes } from '../media/media.routes.tsx';
import { mergeApiRoutes } from '../merges/merge.api.ts';
import { duplicateRoutes, mergeRoutes, personMergeRoutes } from '../merges/merge.routes.tsx';
import { organizationRoutes } from '../organizations/organization.routes.tsx';
import { personRoutes } from '../persons/person.routes.tsx';
import { placeRoutes } from '../places/place.routes.tsx';
import { FORM_TYPES, RECORD_PATHS } from '../revisions/revision.ts';
import { personSearchRoutes } from '../search/names/person-search.routes.tsx';
import { textSearchRoutes } from '../search/texts/text-search.routes.tsx';
import { aboutPage, homePage } from '../site/site.routes.tsx';
import { sourceRoutes } from '../sources/source.routes.tsx';
import { statisticsRoutes } from '../statistics/statistics.routes.tsx';
import { authenticate, signInUrl } from './auth.ts';
import { csrfProtection } from './csrf.tsx';
import type { Env } from './env.ts';
import { logFailure, loggedPath } from './failure-log.ts';
import { renderPage } from './render.tsx';

// The maps', chronology's and statistics' rules are kept in a file of their own and served with the rest.
const css = ['./style.css', './static/views.css']
  .map((file) => fs.readFileSync(new URL(file, import.meta.url), 'utf8'))
  .join('\n');
const autocomplete = fs.readFileSync(new URL('./autocomplete.js', import.meta.url), 'utf8');
const editScript = fs.readFileSync(new URL('../editing/edit.js', import.meta.url), 'utf8');
const mapScript = fs.readFileSync(new URL('./static/map.js', import.meta.url), 'utf8');
const dateWords = fs.readFileSync(new URL('../contributions/date-words.js', import.meta.url), 'utf8');
const reviewScript = fs.readFileSync(new URL('../lists/review.js', import.meta.url), 'utf8');

function ErrorPage({ title, message, c, extra }: { title: string; message: string; c: Context<Env>; extra?: Child }) {
  return (
    <article class="error-page">
      <h1>{title}</h1>
      <p>{message}</p>
      {extra}
      <p>
        <a href={`/${c.var.lang}/`}>{c.var.t.error.back}</a>
      </p>
    </article>
  );
}

function ensureLang(c: Context<Env>) {
  if (!c.var.lang) {
    const lang = negotiateLang(c.req.header('accept-language'));
    c.set('lang', lang);
    c.set('t', messages(lang));
  }
}

/** The address of the same resource of the record a merged one now answers for, query kept. */
function survivorPath(c: Context<Env>, error: MergedError): string {
  const url = new URL(c.req.url);
  const path = url.pathname.replace(new RegExp(`/${error.kind}/\\d+`), `/${error.kind}/${error.targetId}`);
  return path + url.search;
}

/** The API's error boundary: JSON `{ error: { code, message } }`, internals never shown. */
function apiError(error: Error, c: Context<Env>) {
  if (error instanceof NotFoundError)
    return c.json({ error: { code: 'not_found', message: 'No such resource.' } }, 404);
  if (error instanceof InvalidRecordError)
    return c.json({ error: { code: 'bad_request', message: error.message, problems: error.problems } }, 400);
  if (error instanceof InputError) return c.json({ error: { code: 'bad_request', message: error.message } }, 400);
  if (error instanceof GoneError) return c.json({ error: { code: 'gone', message: 'This record was removed.' } }, 410);
  if (error instanceof EditConflictError) {
    const status = c.req.header('if-match') ? 412 : 409;
    const code = status === 412 ? 'precondition_failed' : 'conflict';
    return c.json({ error: { code, message: error.message, currentRevision: error.currentRevision } }, status);
  }
  if (error instanceof UnauthenticatedError) {
    const invalid = error.code === 'invalid_token';
    c.header('WWW-Authenticate', `Bearer realm="fates"${invalid ? ', error="invalid_token"' : ''}`);
    const message = invalid ? error.message : 'Send a personal API token: Authorization: Bearer <token>.';
    return c.json({ error: { code: invalid ? 'invalid_token' : 'unauthorized', message } }, 401);
  }
  if (error instanceof CsrfError) return c.json({ error: { code: 'csrf', message: error.message } }, 403);
  if (error instanceof ForbiddenError) return c.json({ error: { code: 'forbidden', message: error.message } }, 403);
  if (error instanceof TooManyRequestsError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
    return c.json({ error: { code: 'too_many_requests', message: error.message } }, 429);
  }
  if (error instanceof TooLargeError) return c.json({ error: { code: 'too_large', message: error.message } }, 413);
  if (error instanceof NotAcceptableError)
    return c.json({ error: { code: 'not_acceptable', message: error.message } }, 406);
  if (error instanceof MergedError) {
    // Permanent, but checked on each visit: a merge can be undone, and a browser must then see both again.
    c.header('Cache-Control', 'no-cache');
    return c.redirect(survivorPath(c, error), 301);
  }
  if (isStorageUnavailable(error)) {
    console.warn(`fates: database unavailable for ${c.req.method} ${loggedPath(c.req.path)}: ${error.message}`);
    c.header('Retry-After', '5');
    return c.json({ error: { code: 'unavailable', message: 'The database is unavailable; try again shortly.' } }, 503);
  }
  logFailure(error, c.req.path);
  return c.json({ error: { code: 'internal', message: 'The request could not be answered.' } }, 500);
}

export interface AppOptions {
  /** Session timeouts, the sign-in throttle, proxy trust; from the environment when not given. */
  accounts?: AccountSettings;
  /** Contribution limits, retention and mail; from the environment when not given. */
  contributions?: ContributionSettings;
  /** Where mail goes; by default the outbox, and the SMTP server of the settings where one is set. */
  mailer?: Mailer;
}

/** The whole web application: public site, editors' and admins' pages, and the API over one database. */
export function createApp(storage: Storage, options: AppOptions = {}) {
  // strict: false lets /en and /en/ both be the home page.
  const app = new Hono<Env>({ strict: false });
  const accountSettings = options.accounts ?? accountSettingsFromEnv();
  const contributionSettings = options.contributions ?? contributionSettingsFromEnv();
  const contributions = {
    settings: contributionSettings,
    mailer: options.mailer ?? createMailer(contributionSettings.mail),
  };

  app.use('*', async (c, next) => {
    c.set('db', storage.db);
    c.set('storage', storage);
    c.set('accountSettings', accountSettings);
    c.set('user', null);
    c.set('credential', null);
    const first = c.req.path.split('/')[1];
    const lang = isLang(first) ? first : negotiateLang(c.req.header('accept-language'));
    c.set('lang', lang);
    c.set('t', messages(lang));
    await next();
  });

  // Who is asking (c.var.user), then the check against forged forms; static files need neither.
  const authenticated = authenticate();
  const checked = csrfProtection();
  app.use('*', (c, next) => (c.req.path.startsWith('/static/') ? next() : authenticated(c, next)));
  app.use('*', checked);

  app.get('/static/style.css', (c) =>
    c.body(css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );
  app.get('/static/edit.js', (c) =>
    c.body(editScript, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  app.get('/static/autocomplete.js', (c) =>
    c.body(autocomplete, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  app.get('/static/review.js', (c) =>
    c.body(reviewScript, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  app.get('/static/map.js', (c) =>
    c.body(mapScript, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  app.get('/static/date-words.js', (c) =>
    c.body(dateWords, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  app.route('/media', mediaRoutes);
  app.route('/api/v1', apiRoutes);
  app.route('/api/v1', editingApiRoutes);
  app.route('/api/v1', mergeApiRoutes);
  app.route('/', harvestRoutes);
  app.get('/', (c) => c.redirect(`/${negotiateLang(c.req.header('accept-language'))}/`, 302));

  // Language-neutral permanent addresses (/persons/12) lead to the reader's language.
  for (const kind of ['persons', 'events', 'places', 'organizations', 'sources']) {
    app.get(`/${kind}/:id`, (c) => c.redirect(`/${c.var.lang}/${kind}/${c.req.param('id')}`, 302));
  }

  const site = new Hono<Env>({ strict: false });
  // Editing first: its /persons/new would otherwise be read as a person's id.
  for (const type of FORM_TYPES) site.route(`/${RECORD_PATHS[type]}`, recordEditingRoutes(type));
  site.route('/changes', changesRoutes);
  site.route('/proposals', proposalRoutes);
  site.route('/persons', personMergeRoutes);
  site.route('/merges', mergeRoutes);
  site.route('/duplicates', duplicateRoutes);
  site.route('/persons', personSearchRoutes);
  site.route('/persons', personRoutes);
  site.route('/events', eventRoutes);
  site.route('/places', placeRoutes);
  site.route('/organizations', organizationRoutes);
  site.route('/sources', sourceRoutes);
  site.route('/lists', listRoutes);
  site.route('/search', textSearchRoutes);
  site.route('/map', mapRoutes);
  site.route('/statistics', statisticsRoutes);
  site.route('/chronology', chronologyRoutes);
  site.get('/', homePage);
  site.get('/about', aboutPage);
  site.route('/', accountRoutes);
  site.route('/admin/outbox', outboxRoutes);
  site.route('/admin', adminRoutes);
  site.route('/contribute', contributeRoutes(contributions));
  site.route('/review', reviewRoutes(contributions));
  // Literal prefixes rather than a /:lang{en|de} pattern, which Hono's router matched too widely.
  for (const lang of LANGS) app.route(`/${lang}`, site);

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/'))
      return c.json({ error: { code: 'not_found', message: 'No such resource.' } }, 404);
    ensureLang(c);
    const t = c.var.t;
    return renderPage(c, <ErrorPage title={t.error.notFoundTitle} message={t.error.notFound} c={c} />, {
      title: t.error.notFoundTitle,
      status: 404,
    });
  });

  app.onError((error, c) => {
    if (c.req.path.startsWith('/api/')) return apiError(error, c);
    ensureLang(c);
    const t = c.var.t;
    if (error instanceof NotFoundError) {
      return renderPage(c, <ErrorPage title={t.error.notFoundTitle} message={t.error.notFound} c={c} />, {
        title: t.error.notFoundTitle,
        status: 404,
      });
    }
    if (error instanceof MergedError) {
      c.header('Cache-Control', 'no-cache');
      return c.redirect(survivorPath(c, error), 301);
    }
    if (error instanceof GoneError) {
      // Editors and reviewers see what was there, and editors may restore it, from its history.
      const extra =
        c.var.user && hasRole(c.var.user.role, 'reviewer') ? (
          <p>
            <a href={`/${c.var.lang}/${error.kind}/${error.id}/history`}>{t.edit.seeRemoved}</a>
          </p>
        ) : undefined;
      return renderPage(c, <ErrorPage title={t.error.goneTitle} message={t.error.gone} c={c} extra={extra} />, {
        title: t.error.goneTitle,
        status: 410,
      });
    }
    if (error instanceof UnauthenticatedError) return c.redirect(signInUrl(c), 303);
    if (error instanceof ForbiddenError) {
      const csrf = error instanceof CsrfError;
      const title = csrf ? t.auth.csrfTitle : t.auth.forbiddenTitle;
      return renderPage(c, <ErrorPage title={title} message={csrf ? t.auth.csrf : t.auth.forbidden} c={c} />, {
        title,
        status: 403,
      });
    }
    if (error instanceof TooManyRequestsError) {
      c.header('Retry-After', String(error.retryAfterSeconds));
      return renderPage(c, <ErrorPage title={t.auth.tooManyTitle} message={error.message} c={c} />, {
        title: t.auth.tooManyTitle,
        status: 429,
      });
    }
    if (error instanceof TooLargeError) {
      const message = fill(t.auth.tooLarge, { kib: Math.round(error.limitBytes / 1024) });
      return renderPage(c, <ErrorPage title={t.auth.tooLargeTitle} message={message} c={c} />, {
        title: t.auth.tooLargeTitle,
        status: 413,
      });
    }
    if (error instanceof NotAcceptableError) {
      return renderPage(c, <ErrorPage title={t.error.badRequestTitle} message={error.message} c={c} />, {
        title: t.error.badRequestTitle,
        status: 406,
      });
    }
    if (error instanceof InputError) {
      return renderPage(c, <ErrorPage title={t.error.badRequestTitle} message={error.message} c={c} />, {
        title: t.error.badRequestTitle,
        status: 400,
      });
    }
    if (isStorageUnavailable(error)) {
      console.warn(`fates: database unavailable for ${c.req.method} ${loggedPath(c.req.path)}: ${error.message}`);
      c.header('Retry-After', '5');
      return renderPage(c, <ErrorPage title={t.error.unavailableTitle} message={t.error.unavailable} c={c} />, {
        title: t.error.unavailableTitle,
        status: 503,
      });
    }
    logFailure(error, c.req.path);
    return renderPage(c, <ErrorPage title={t.error.serverTitle} message={t.error.server} c={c} />, {
      title: t.error.serverTitle,
      status: 500,
    });
  });

  return app;
}
