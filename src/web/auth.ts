import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AuditActor } from '../accounts/audit.ts';
import { hasRole, type Role } from '../accounts/role.ts';
import { resolveSession } from '../accounts/session.service.ts';
import { resolveToken } from '../accounts/token.service.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { Env } from './env.ts';

/*
 * Who is asking. `authenticate` sets `c.var.user` for every request from a session cookie or an
 * `Authorization: Bearer` token; `requireRole` guards a route. A page's guard sends an anonymous
 * reader to the sign-in page and back; the API's answers 401 or 403 in JSON (the error boundary in
 * app.tsx tells them apart by path).
 */

const SESSION = 'fates_session';

/**
 * Whether the browser reached us over HTTPS: the request's own scheme, or with FATES_TRUST_PROXY
 * the scheme a proxy in front reports. Cookies are then `Secure` and `__Host-` prefixed.
 */
export function isHttps(c: Context<Env>): boolean {
  if (c.var.accountSettings.trustProxy) {
    const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (forwarded) return forwarded === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

/** The origin the browser sees, for comparing with a request's `Origin`. */
export function siteOrigin(c: Context<Env>): string {
  const url = new URL(c.req.url);
  return `${isHttps(c) ? 'https' : 'http'}://${url.host}`;
}

/** The client's address: the socket's peer, or with FATES_TRUST_PROXY the first `X-Forwarded-For` entry. */
export function clientAddress(c: Context<Env>): string {
  if (c.var.accountSettings.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (app.request in tests) have no socket.
    return 'unknown';
  }
}

/** Options of a cookie only this site's pages send back, over HTTPS only when the site is on HTTPS. */
export function cookieOptions(c: Context<Env>, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: 'Lax' as const,
    path: '/',
    ...(isHttps(c) ? { prefix: 'host' as const, secure: true } : {}),
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** Reads a cookie under the name it has on this scheme (`__Host-` prefixed on HTTPS). */
export function readCookie(c: Context<Env>, name: string): string | undefined {
  return getCookie(c, name, isHttps(c) ? 'host' : undefined) || undefined;
}

export function removeCookie(c: Context<Env>, name: string): void {
  deleteCookie(c, name, cookieOptions(c));
}

export function readSessionCookie(c: Context<Env>): string | undefined {
  return readCookie(c, SESSION);
}

export function setSessionCookie(c: Context<Env>, token: string): void {
  setCookie(c, SESSION, token, cookieOptions(c, c.var.accountSettings.maxHours * 3600));
}

export function clearSessionCookie(c: Context<Env>): void {
  removeCookie(c, SESSION);
}

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

/**
 * Sets `c.var.user` and `c.var.credential`. A bearer token that is not valid (unknown, revoked,
 * expired, its user disabled) is refused with 401 rather than treated as anonymous, so that a
 * client learns its token no longer works; a session that ended just signs the reader out.
 */
export function authenticate(): MiddlewareHandler<Env> {
  return async (c, next) => {
    c.set('user', null);
    c.set('credential', null);
    // Other schemes are left alone: a proxy's Basic authentication in front of a staging site, say.
    const authorization = c.req.header('authorization');
    if (authorization !== undefined && /^bearer\b/i.test(authorization)) {
      const token = BEARER.exec(authorization)?.[1];
      const user = token ? await resolveToken(c.var.db, token) : null;
      if (!user)
        throw new UnauthenticatedError(
          'The API token is not valid: it is unknown, revoked or expired, or its user is disabled.',
          'invalid_token',
        );
      c.set('user', user);
      c.set('credential', { kind: 'bearer' });
      return next();
    }
    const token = readSessionCookie(c);
    if (token) {
      const user = await resolveSession(c.var.db, token, c.var.accountSettings);
      if (user) {
        c.set('user', user);
        c.set('credential', { kind: 'session', token });
      } else {
        clearSessionCookie(c);
      }
    }
    await next();
    // Pages for a signed-in user name them and show what anonymous readers may not see.
    if (c.var.user && !c.res.headers.has('cache-control')) c.header('Cache-Control', 'private, no-store');
  };
}

/**
 * Lets a request through only when its user has at least `role` (role.ts ROLES, admin ⊇ editor ⊇
 * reviewer). Anonymous: 401 for the API, the sign-in page (with a way back) for a page. Signed in
 * with too little: 403. A user who must still replace a one-time password is sent to do so first.
 *
 * ```ts
 * app.get('/persons/:id/edit', requireRole('editor'), (c) => …)
 * ```
 */
export function requireRole(role: Role): MiddlewareHandler<Env> {
  return async (c, next) => {
    const user = c.var.user;
    if (!user) throw new UnauthenticatedError();
    if (user.mustChangePassword && c.var.credential?.kind === 'session' && !c.req.path.startsWith('/api/'))
      return c.redirect(`/${c.var.lang}/account`, 303);
    if (!hasRole(user.role, role)) throw new ForbiddenError(`This needs the role ${role}.`);
    return next();
  };
}

/** Who acts in this request, for recordAudit (src/accounts/audit.service.ts). */
export function auditActor(c: Context<Env>): AuditActor {
  const user = c.var.user;
  return {
    user: user ? { id: user.id, name: user.name } : null,
    via: c.req.path.startsWith('/api/') ? 'api' : 'web',
    address: clientAddress(c),
  };
}

/** Lets any signed-in user through, one who must still replace a one-time password included. */
export const requireSignedIn: MiddlewareHandler<Env> = async (c, next) => {
  if (!c.var.user) throw new UnauthenticatedError();
  return next();
};

/**
 * A path on this site to return to after signing in: `raw` when it is one (a path, not a URL
 * that would lead to another host such as `//evil.example`), otherwise `fallback`.
 */
export function returnPath(raw: string | undefined, fallback: string): string {
  if (!raw || raw.length > 2000 || !/^\/(?![/\\])[^\s\\]*$/.test(raw)) return fallback;
  return raw;
}

/** The sign-in page with a way back to this request's page. */
export function signInUrl(c: Context<Env>): string {
  const url = new URL(c.req.url);
  const back = c.req.method === 'GET' ? url.pathname + url.search : url.pathname;
  return `/${c.var.lang}/sign-in?next=${encodeURIComponent(back)}`;
}
