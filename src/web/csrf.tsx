import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { setCookie } from 'hono/cookie';
import { derive, newSecret, sameSecret } from '../accounts/secret.ts';
import { CsrfError, TooLargeError } from '../errors.ts';
import { cookieOptions, readCookie, removeCookie, siteOrigin } from './auth.ts';
import type { Env } from './env.ts';

/*
 * Protection against cross-site request forgery. Every POST, PUT, PATCH and DELETE that a browser
 * could send with this site's cookies must carry a token only this site's pages know: a form
 * field `_csrf` (<CsrfField/>) or an `X-CSRF-Token` header (for scripts). The token is derived
 * from the secret of the session cookie, so it is bound to the session and needs no storage;
 * before sign-in, from the secret of a separate cookie set when a form is first shown. Requests
 * whose `Origin` or `Sec-Fetch-Site` names another site are refused before the token is looked at.
 * API calls with a bearer token carry no cookies and need no token.
 */

/** The form field and header that carry the token. */
export const CSRF_FIELD = '_csrf';
const CSRF_HEADER = 'x-csrf-token';
const ANONYMOUS = 'fates_csrf';

/** Form bodies read for the token are limited to these sizes (beyond them: 413, nothing read further). */
export const FORM_LIMITS = { urlencoded: 1024 * 1024, multipart: 64 * 1024 * 1024 };

const SAFE = /^(GET|HEAD|OPTIONS)$/;

/** The secret a form's token derives from: the session's, or the anonymous visitor's (set on first use). */
function formSecret(c: Context<Env>, create: boolean): string | undefined {
  const credential = c.var.credential;
  if (credential?.kind === 'session') return credential.token;
  let secret = readCookie(c, ANONYMOUS);
  if (!secret && create) {
    secret = newSecret();
    // A day is long enough to fill in a form; the cookie is renewed whenever it is gone.
    setCookie(c, ANONYMOUS, secret, cookieOptions(c, 86_400));
  }
  return secret;
}

/**
 * The token for forms of this response; sets the anonymous visitor's cookie when needed. The
 * response is then kept from shared caches, which would hand one visitor's token to others.
 */
export function csrfToken(c: Context<Env>): string {
  c.header('Cache-Control', 'private, no-store');
  return derive(formSecret(c, true)!, 'csrf');
}

/** The hidden field every state-changing form carries: `<CsrfField token={csrfToken(c)} />`. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** Whether `Origin` and `Sec-Fetch-Site`, where the browser sent them, name this site. */
function sameOrigin(c: Context<Env>): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  const allowed = [siteOrigin(c)];
  if (process.env.PUBLIC_URL) {
    try {
      allowed.push(new URL(process.env.PUBLIC_URL).origin);
    } catch {
      // An unreadable PUBLIC_URL adds nothing.
    }
  }
  return allowed.includes(origin);
}

const limited = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new TooLargeError(maxSize);
    },
  });

async function sentToken(c: Context<Env>): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  const form = /^application\/x-www-form-urlencoded/i.test(type)
    ? FORM_LIMITS.urlencoded
    : /^multipart\/form-data/i.test(type)
      ? FORM_LIMITS.multipart
      : null;
  if (form === null) return undefined;
  let field: unknown;
  await limited(form)(c, async () => {
    field = (await c.req.parseBody())[CSRF_FIELD];
  });
  return typeof field === 'string' ? field : undefined;
}

/** Endpoints that a protocol lets harvesters reach by POST but that change nothing (OAI-PMH). */
const READ_ONLY_POSTS = new Set(['/oai']);

/**
 * Refuses state-changing requests without a valid token (CsrfError, 403). Runs after
 * `authenticate`. API requests that carry no cookie of ours hold no ambient credential and pass;
 * their routes' guards decide.
 */
export function csrfProtection(): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (SAFE.test(c.req.method) || c.var.credential?.kind === 'bearer') return next();
    if (READ_ONLY_POSTS.has(c.req.path)) return next();
    const secret = formSecret(c, false);
    if (!secret && c.req.path.startsWith('/api/')) return next();
    if (!sameOrigin(c)) throw new CsrfError('The request came from another site.');
    if (!secret) throw new CsrfError('The form carries no session: it was sent without its cookie.');
    const sent = await sentToken(c);
    if (!sent || !sameSecret(sent, derive(secret, 'csrf')))
      throw new CsrfError('The form’s security token is missing or does not match this session.');
    return next();
  };
}

/** Drops the anonymous visitor's cookie once a session takes its place (after signing in). */
export function forgetAnonymousSecret(c: Context<Env>): void {
  if (readCookie(c, ANONYMOUS)) removeCookie(c, ANONYMOUS);
}
