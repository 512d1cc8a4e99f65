import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { fill } from '../i18n/i18n.ts';
import {
  auditActor,
  clearSessionCookie,
  clientAddress,
  readSessionCookie,
  requireSignedIn,
  returnPath,
  setSessionCookie,
} from '../web/auth.ts';
import { csrfToken, forgetAnonymousSecret } from '../web/csrf.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId, readForm } from '../web/validate.ts';
import { AccountView, type FieldErrors, problemText, type SignInProps, SignInView } from './account.views.tsx';
import { closeAllSessions, closeSession, countSessions, sessionKey } from './session.service.ts';
import { SignInRefusedError, SignInThrottledError, signIn } from './sign-in.service.ts';
import { createToken, listTokens, revokeToken } from './token.service.ts';
import { changeOwnPassword, getUser } from './user.service.ts';
import { AccountInputError, LIMITS } from './user.ts';

/*
 * Signing in and out, and a user's own account: password, sessions, API tokens. Mounted under
 * each language (`/en/sign-in`, `/en/account`).
 */

function showSignIn(
  c: Context<Env>,
  props: Omit<SignInProps, 'lang' | 't' | 'csrf'>,
  status: ContentfulStatusCode = 200,
) {
  const { lang, t } = c.var;
  return renderPage(c, <SignInView lang={lang} t={t} csrf={csrfToken(c)} {...props} />, {
    title: t.auth.signIn,
    status,
  });
}

const DONE = { password: 'passwordChanged', revoked: 'tokenRevoked' } as const;

async function showAccount(
  c: Context<Env>,
  extra: { newToken?: string; errors?: FieldErrors; label?: string } = {},
  status: ContentfulStatusCode = 200,
) {
  const { db, lang, t } = c.var;
  const user = await getUser(db, c.var.user!.id);
  const done = c.req.query('done');
  const notice = done && Object.hasOwn(DONE, done) ? t.auth[DONE[done as keyof typeof DONE]] : undefined;
  return renderPage(
    c,
    <AccountView
      lang={lang}
      t={t}
      csrf={csrfToken(c)}
      user={user}
      sessions={await countSessions(db, user.id)}
      tokens={await listTokens(db, user.id)}
      mustChange={user.mustChangePassword}
      notice={notice}
      errors={extra.errors ?? {}}
      newToken={extra.newToken}
      label={extra.label}
    />,
    { title: t.auth.account, status },
  );
}

export const accountRoutes = new Hono<Env>()
  .get('/sign-in', (c) => {
    const { lang, t } = c.var;
    const next = returnPath(c.req.query('next'), `/${lang}/`);
    if (c.var.credential?.kind === 'session') return c.redirect(next, 303);
    const done = c.req.query('done');
    const info =
      done === 'out'
        ? t.auth.signedOut
        : done === 'everywhere'
          ? t.auth.signedOutEverywhere
          : c.req.query('next')
            ? t.auth.signInToContinue
            : undefined;
    return showSignIn(c, { next, info });
  })
  .post('/sign-in', async (c) => {
    const { lang, t } = c.var;
    const form = await readForm(c);
    const next = returnPath(form.next, `/${lang}/`);
    const name = form.name ?? '';
    const password = form.password ?? '';
    // Too long to be any account's name or password: said plainly, and nothing is hashed.
    for (const [field, value] of [
      ['name', name],
      ['password', password],
    ] as const) {
      if ([...value].length > LIMITS[field].max) {
        const error = `${t.auth[field]}: ${problemText(t, field, 'too-long')}`;
        return showSignIn(c, { next, error, name: field === 'name' ? '' : name }, 400);
      }
    }
    try {
      const { token } = await signIn(c.var.db, { name, password, address: clientAddress(c) }, c.var.accountSettings);
      // Signing in as someone else ends the session this browser had.
      const previous = c.var.credential;
      if (previous?.kind === 'session') await closeSession(c.var.db, previous.token, auditActor(c));
      setSessionCookie(c, token);
      forgetAnonymousSecret(c);
      return c.redirect(next, 303);
    } catch (error) {
      if (error instanceof SignInThrottledError) {
        c.header('Retry-After', String(error.retryAfterSeconds));
        const minutes = Math.ceil(error.retryAfterSeconds / 60);
        return showSignIn(c, { next, name, error: fill(t.auth.throttled, { minutes }) }, 429);
      }
      if (error instanceof SignInRefusedError) {
        const message = error.reason === 'disabled' ? t.auth.disabled : t.auth.wrong;
        return showSignIn(c, { next, name, error: message }, error.reason === 'disabled' ? 403 : 401);
      }
      throw error;
    }
  })
  .post('/sign-out', async (c) => {
    const token = readSessionCookie(c);
    if (token) await closeSession(c.var.db, token, auditActor(c));
    clearSessionCookie(c);
    return c.redirect(`/${c.var.lang}/sign-in?done=out`, 303);
  })
  .get('/account', requireSignedIn, (c) => showAccount(c))
  .post('/account/password', requireSignedIn, async (c) => {
    const form = await readForm(c);
    const credential = c.var.credential;
    try {
      await changeOwnPassword(
        c.var.db,
        c.var.user!.id,
        { current: form.current ?? '', next: form.password ?? '' },
        auditActor(c),
        credential?.kind === 'session' ? sessionKey(credential.token) : undefined,
      );
    } catch (error) {
      if (!(error instanceof AccountInputError)) throw error;
      const field = error.field === 'current' ? 'current' : 'password';
      return showAccount(c, { errors: { [field]: problemText(c.var.t, error.field, error.problem) } }, 400);
    }
    return c.redirect(`/${c.var.lang}/account?done=password`, 303);
  })
  .post('/account/sign-out-everywhere', requireSignedIn, async (c) => {
    await closeAllSessions(c.var.db, c.var.user!.id, auditActor(c));
    clearSessionCookie(c);
    return c.redirect(`/${c.var.lang}/sign-in?done=everywhere`, 303);
  })
  .post('/account/tokens', requireSignedIn, async (c) => {
    if (c.var.user!.mustChangePassword) return c.redirect(`/${c.var.lang}/account`, 303);
    const label = (await readForm(c)).label ?? '';
    try {
      const { token } = await createToken(c.var.db, c.var.user!.id, { label }, auditActor(c));
      return showAccount(c, { newToken: token });
    } catch (error) {
      if (!(error instanceof AccountInputError)) throw error;
      return showAccount(c, { errors: { label: problemText(c.var.t, 'tokenLabel', error.problem) }, label }, 400);
    }
  })
  .post('/account/tokens/:id/revoke', requireSignedIn, async (c) => {
    await revokeToken(c.var.db, parseId(c.req.param('id')), auditActor(c), c.var.user!.id);
    return c.redirect(`/${c.var.lang}/account?done=revoked`, 303);
  });
