import type { Messages } from '../i18n/en.ts';
import { fill, type Lang } from '../i18n/i18n.ts';
import { CsrfField } from '../web/csrf.tsx';
import { Field, Notice } from '../web/form.tsx';
import type { ApiToken } from './token.service.ts';
import { type InputProblem, LIMITS, type User } from './user.ts';

/** Field errors of a form, by field name, already worded for the reader. */
export type FieldErrors = Partial<Record<string, string>>;

/** A stored timestamp (`YYYY-MM-DD HH:MM:SS` UTC) to the minute, machine-readable too. */
export function When({ at }: { at: string | null }) {
  if (!at) return null;
  return <time datetime={`${at.replace(' ', 'T')}Z`}>{at.slice(0, 16)}</time>;
}

/** A field for a password being set, held to the limits the services check. */
export function NewPasswordField({ label, hint, error }: { label: string; hint: string; error?: string }) {
  return (
    <Field
      name="password"
      type="password"
      label={label}
      hint={hint}
      required
      autocomplete="new-password"
      minlength={LIMITS.password.min}
      maxlength={LIMITS.password.max}
      error={error}
    />
  );
}

export interface SignInProps {
  lang: Lang;
  t: Messages;
  csrf: string;
  /** Where to go after signing in. */
  next: string;
  name?: string;
  error?: string;
  info?: string;
}

export function SignInView({ lang, t, csrf, next, name, error, info }: SignInProps) {
  return (
    <article class="account-page">
      <h1>{t.auth.signIn}</h1>
      {error && <Notice kind="error">{error}</Notice>}
      {info && <Notice kind="info">{info}</Notice>}
      <p class="lead-small">{t.auth.signInIntro}</p>
      <form method="post" action={`/${lang}/sign-in`} class="stacked">
        <CsrfField token={csrf} />
        <input type="hidden" name="next" value={next} />
        <Field
          name="name"
          label={t.auth.name}
          value={name}
          required
          autocomplete="username"
          maxlength={LIMITS.name.max}
        />
        <Field
          name="password"
          type="password"
          label={t.auth.password}
          required
          autocomplete="current-password"
          maxlength={LIMITS.password.max}
        />
        <div class="actions">
          <button type="submit">{t.auth.signIn}</button>
        </div>
      </form>
    </article>
  );
}

export interface AccountProps {
  lang: Lang;
  t: Messages;
  csrf: string;
  user: User;
  sessions: number;
  tokens: ApiToken[];
  /** A token just created, shown this once. */
  newToken?: string;
  notice?: string;
  mustChange: boolean;
  errors: FieldErrors;
  label?: string;
}

export function AccountView(p: AccountProps) {
  const { lang, t, csrf, user } = p;
  const base = `/${lang}/account`;
  return (
    <article class="account-page">
      <h1>{t.auth.account}</h1>
      {p.mustChange && <Notice kind="error">{t.auth.mustChange}</Notice>}
      {p.notice && <Notice kind="success">{p.notice}</Notice>}
      <dl class="facts">
        <dt>{t.auth.name}</dt>
        <dd>{user.displayName ? `${user.displayName} (${user.name})` : user.name}</dd>
        <dt>{t.auth.role}</dt>
        <dd>{t.auth.roles[user.role]}</dd>
      </dl>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t.auth.changePassword}</h2>
        <form method="post" action={`${base}/password`} class="stacked">
          <CsrfField token={csrf} />
          <Field
            name="current"
            type="password"
            label={t.auth.currentPassword}
            required
            autocomplete="current-password"
            maxlength={LIMITS.password.max}
            error={p.errors.current}
          />
          <NewPasswordField
            label={t.auth.newPassword}
            hint={fill(t.auth.passwordHint, { min: LIMITS.password.min })}
            error={p.errors.password}
          />
          <div class="actions">
            <button type="submit">{t.auth.changePassword}</button>
          </div>
        </form>
      </section>

      {!p.mustChange && (
        <>
          <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t.auth.signOutEverywhere}</h2>
            <p>{fill(t.auth.sessions, { n: p.sessions })}</p>
            <p class="hint">{t.auth.signOutEverywhereHint}</p>
            <form method="post" action={`${base}/sign-out-everywhere`}>
              <CsrfField token={csrf} />
              <button type="submit" class="secondary">
                {t.auth.signOutEverywhere}
              </button>
            </form>
          </section>

          <section aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">{t.auth.tokens}</h2>
            <p class="hint">{t.auth.tokensIntro}</p>
            {p.newToken && (
              <div class="notice notice-success" role="status">
                <p>{t.auth.tokenCreated}</p>
                <p>
                  <code class="secret">{p.newToken}</code>
                </p>
              </div>
            )}
            <TokenTable t={t} csrf={csrf} tokens={p.tokens} revokeBase={`${base}/tokens`} />
            <form method="post" action={`${base}/tokens`} class="stacked">
              <CsrfField token={csrf} />
              <Field
                name="label"
                label={t.auth.tokenLabel}
                hint={t.auth.tokenLabelHint}
                required
                maxlength={LIMITS.tokenLabel.max}
                value={p.label}
                error={p.errors.label}
              />
              <div class="actions">
                <button type="submit">{t.auth.createToken}</button>
              </div>
            </form>
          </section>
        </>
      )}
    </article>
  );
}

/** A user's API tokens, each with a button to revoke it while it works. */
export function TokenTable({
  t,
  csrf,
  tokens,
  revokeBase,
}: {
  t: Messages;
  csrf: string;
  tokens: ApiToken[];
  revokeBase: string;
}) {
  if (tokens.length === 0) return <p>{t.auth.noTokens}</p>;
  return (
    <div class="table-scroll">
      <table class="tokens stack-on-phone">
        <thead>
          <tr>
            <th scope="col">{t.auth.label}</th>
            <th scope="col">{t.auth.created}</th>
            <th scope="col">{t.auth.lastUsed}</th>
            <th scope="col">{t.auth.expires}</th>
            <th scope="col">
              <span class="visually-hidden">{t.auth.revoke}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr>
              <td data-label={t.auth.label}>{token.label}</td>
              <td data-label={t.auth.created}>
                <When at={token.createdAt} />
              </td>
              <td data-label={t.auth.lastUsed}>{token.lastUsedAt ? <When at={token.lastUsedAt} /> : t.auth.never}</td>
              <td data-label={t.auth.expires}>{token.expiresAt ? <When at={token.expiresAt} /> : t.auth.never}</td>
              <td data-label="">
                {token.revokedAt ? (
                  <span class="muted">{fill(t.auth.revoked, { at: token.revokedAt.slice(0, 16) })}</span>
                ) : (
                  <form method="post" action={`${revokeBase}/${token.id}/revoke`}>
                    <CsrfField token={csrf} />
                    <button type="submit" class="secondary small" aria-label={`${t.auth.revoke}: ${token.label}`}>
                      {t.auth.revoke}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An account form's problem in the reader's language. */
export function problemText(t: Messages, field: string, problem: InputProblem): string {
  if (problem === 'characters' && field !== 'name') return t.auth.problems.invisible;
  const limits: { min?: number; max?: number } =
    (LIMITS as Record<string, { min?: number; max?: number }>)[field === 'current' ? 'password' : field] ?? {};
  return fill(t.auth.problems[problem], { min: limits.min ?? '', max: limits.max ?? '' });
}
