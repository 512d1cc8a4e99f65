import type { Messages } from '../i18n/en.ts';
import { fill, type Lang, label } from '../i18n/i18n.ts';
import { CsrfField } from '../web/csrf.tsx';
import { Field, Notice, SelectField } from '../web/form.tsx';
import { type FieldErrors, NewPasswordField, TokenTable, When } from './account.views.tsx';
import type { AuditRecord } from './audit.ts';
import { ROLES, type Role } from './role.ts';
import type { ApiToken } from './token.service.ts';
import { LIMITS, type User } from './user.ts';

function AdminNav({ lang, t, current }: { lang: Lang; t: Messages; current: 'users' | 'audit' }) {
  return (
    <nav class="admin-nav" aria-label={t.admin.nav}>
      <a href={`/${lang}/admin/users`} aria-current={current === 'users' ? 'page' : undefined}>
        {t.admin.users}
      </a>
      <a href={`/${lang}/admin/audit`} aria-current={current === 'audit' ? 'page' : undefined}>
        {t.admin.audit}
      </a>
    </nav>
  );
}

function RoleSelect({ t, value, error }: { t: Messages; value?: string; error?: string }) {
  const options = ROLES.map((role) => [role, t.auth.roles[role]] as const);
  return <SelectField name="role" label={t.auth.role} options={options} value={value} error={error} />;
}

export interface UsersProps {
  lang: Lang;
  t: Messages;
  csrf: string;
  users: User[];
  me: number;
  notice?: string;
  errors: FieldErrors;
  /** What was typed into the form that failed, to type it again only where wrong. */
  draft: { name?: string; displayName?: string; role?: Role };
}

export function UsersView({ lang, t, csrf, users, me, notice, errors, draft }: UsersProps) {
  return (
    <article class="admin-page">
      <h1>{t.admin.users}</h1>
      <AdminNav lang={lang} t={t} current="users" />
      {notice && <Notice kind="success">{notice}</Notice>}
      <div class="table-scroll">
        <table class="users">
          <thead>
            <tr>
              <th scope="col">{t.auth.name}</th>
              <th scope="col">{t.auth.role}</th>
              <th scope="col">{t.admin.status}</th>
              <th scope="col">{t.admin.lastSignIn}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr class={u.disabled ? 'disabled' : undefined}>
                <td>
                  <a href={`/${lang}/admin/users/${u.id}`}>{u.name}</a>
                  {u.displayName && <span class="muted"> · {u.displayName}</span>}
                  {u.id === me && <span class="muted"> ({t.admin.you})</span>}
                </td>
                <td>{t.auth.roles[u.role]}</td>
                <td>{u.disabled ? t.admin.disabled : t.admin.active}</td>
                <td>{u.lastSignInAt ? <When at={u.lastSignInAt} /> : t.auth.never}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="add-heading">
        <h2 id="add-heading">{t.admin.addUser}</h2>
        <form method="post" action={`/${lang}/admin/users`} class="stacked">
          <CsrfField token={csrf} />
          <Field
            name="name"
            label={t.auth.name}
            hint={t.admin.nameHint}
            required
            autocomplete="off"
            maxlength={LIMITS.name.max}
            value={draft.name}
            error={errors.name}
          />
          <Field
            name="displayName"
            label={t.admin.displayName}
            hint={t.admin.displayNameHint}
            autocomplete="off"
            maxlength={LIMITS.displayName.max}
            value={draft.displayName}
            error={errors.displayName}
          />
          <RoleSelect t={t} value={draft.role ?? 'editor'} error={errors.role} />
          <NewPasswordField
            label={t.auth.password}
            hint={fill(t.admin.initialPasswordHint, { min: LIMITS.password.min })}
            error={errors.password}
          />
          <div class="actions">
            <button type="submit">{t.admin.add}</button>
          </div>
        </form>
      </section>
    </article>
  );
}

export interface UserProps {
  lang: Lang;
  t: Messages;
  csrf: string;
  user: User;
  me: number;
  sessions: number;
  tokens: ApiToken[];
  notice?: string;
  error?: string;
  errors: FieldErrors;
}

export function UserView({ lang, t, csrf, user, me, sessions, tokens, notice, error, errors }: UserProps) {
  const base = `/${lang}/admin/users/${user.id}`;
  return (
    <article class="admin-page">
      <h1>
        {user.name}
        {user.displayName && <span class="muted"> · {user.displayName}</span>}
      </h1>
      <AdminNav lang={lang} t={t} current="users" />
      {notice && <Notice kind="success">{notice}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <dl class="facts">
        <dt>{t.auth.role}</dt>
        <dd>{t.auth.roles[user.role]}</dd>
        <dt>{t.admin.status}</dt>
        <dd>{user.disabled ? t.admin.disabled : t.admin.active}</dd>
        <dt>{t.auth.created}</dt>
        <dd>
          <When at={user.createdAt} />
        </dd>
        <dt>{t.admin.lastSignIn}</dt>
        <dd>{user.lastSignInAt ? <When at={user.lastSignInAt} /> : t.auth.never}</dd>
      </dl>

      <section aria-labelledby="role-heading">
        <h2 id="role-heading">{t.auth.role}</h2>
        <form method="post" action={`${base}/role`} class="inline-form">
          <CsrfField token={csrf} />
          <RoleSelect t={t} value={user.role} error={errors.role} />
          <button type="submit">{t.admin.saveRole}</button>
        </form>
      </section>

      <section aria-labelledby="display-heading">
        <h2 id="display-heading">{t.admin.displayName}</h2>
        <form method="post" action={`${base}/display-name`} class="inline-form">
          <CsrfField token={csrf} />
          <Field
            name="displayName"
            label={t.admin.displayName}
            hint={t.admin.displayNameHint}
            maxlength={LIMITS.displayName.max}
            value={user.displayName ?? ''}
            error={errors.displayName}
          />
          <button type="submit">{t.admin.saveDisplayName}</button>
        </form>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t.admin.resetPassword}</h2>
        <p class="hint">{t.admin.resetPasswordHint}</p>
        <form method="post" action={`${base}/password`} class="inline-form">
          <CsrfField token={csrf} />
          <NewPasswordField
            label={t.auth.newPassword}
            hint={fill(t.auth.passwordHint, { min: LIMITS.password.min })}
            error={errors.password}
          />
          <button type="submit">{t.admin.resetPassword}</button>
        </form>
      </section>

      <section aria-labelledby="access-heading">
        <h2 id="access-heading">{t.admin.access}</h2>
        <p>{fill(t.auth.sessions, { n: sessions })}</p>
        <div class="button-row">
          <form method="post" action={`${base}/sign-out`}>
            <CsrfField token={csrf} />
            <button type="submit" class="secondary">
              {t.admin.endSessions}
            </button>
          </form>
          {user.id !== me && (
            <form method="post" action={`${base}/${user.disabled ? 'enable' : 'disable'}`}>
              <CsrfField token={csrf} />
              <button type="submit" class={user.disabled ? undefined : 'danger'}>
                {user.disabled ? t.admin.enable : t.admin.disable}
              </button>
            </form>
          )}
        </div>
        {user.id !== me && <p class="hint">{t.admin.disableHint}</p>}
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t.auth.tokens}</h2>
        <TokenTable t={t} csrf={csrf} tokens={tokens} revokeBase={`${base}/tokens`} />
      </section>
    </article>
  );
}

export interface AuditProps {
  lang: Lang;
  t: Messages;
  entries: AuditRecord[];
  users: User[];
  filter: { user?: number; action?: string };
  actions: readonly string[];
  /** The query string of the next (older) page, or null on the last. */
  olderHref: string | null;
  isFirstPage: boolean;
}

export function AuditView({ lang, t, entries, users, filter, actions, olderHref, isFirstPage }: AuditProps) {
  return (
    <article class="admin-page">
      <h1>{t.admin.audit}</h1>
      <AdminNav lang={lang} t={t} current="audit" />
      <p class="hint">{t.admin.auditIntro}</p>
      <form method="get" action={`/${lang}/admin/audit`} class="inline-form filters">
        <SelectField
          name="user"
          id="audit-user"
          label={t.admin.who}
          options={[['', t.admin.anyUser], ...users.map((u) => [String(u.id), u.name] as const)]}
          value={filter.user === undefined ? '' : String(filter.user)}
        />
        <SelectField
          name="action"
          id="audit-action"
          label={t.admin.action}
          options={[['', t.admin.anyAction], ...actions.map((a) => [a, label(t.admin.actions, a)] as const)]}
          value={filter.action ?? ''}
        />
        <button type="submit">{t.admin.filter}</button>
      </form>
      {entries.length === 0 ? (
        <p>{t.admin.noEntries}</p>
      ) : (
        <div class="table-scroll">
          <table class="audit stack-on-phone">
            <thead>
              <tr>
                <th scope="col">{t.admin.when}</th>
                <th scope="col">{t.admin.who}</th>
                <th scope="col">{t.admin.action}</th>
                <th scope="col">{t.admin.target}</th>
                <th scope="col">{t.admin.detail}</th>
                <th scope="col">{t.admin.address}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr class={e.action === 'sign_in_failed' ? 'failed' : undefined}>
                  <td class="nowrap" data-label={t.admin.when}>
                    <When at={e.at} />
                  </td>
                  <td data-label={t.admin.who}>
                    {e.actorId ? (
                      <a href={`/${lang}/admin/users/${e.actorId}`}>{e.actorName}</a>
                    ) : e.via === 'cli' ? (
                      t.admin.via.cli
                    ) : (
                      t.admin.anonymous
                    )}
                    {e.via === 'api' && <span class="muted"> ({t.admin.via.api})</span>}
                  </td>
                  <td data-label={t.admin.action}>{label(t.admin.actions, e.action)}</td>
                  <td data-label={t.admin.target}>
                    <TargetLink lang={lang} target={e.target} />
                  </td>
                  <td data-label={t.admin.detail}>{e.detail}</td>
                  <td class="nowrap" data-label={t.admin.address}>
                    {e.address}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pagination" aria-label={t.persons.pagination}>
        {isFirstPage ? <span /> : <a href={`/${lang}/admin/audit`}>{t.admin.newest}</a>}
        {olderHref ? (
          <a href={olderHref} rel="next">
            {t.admin.older} →
          </a>
        ) : (
          <span />
        )}
      </nav>
    </article>
  );
}

/** `user:3` links to the user's admin page, `person:12` to the person; anything else is shown as is. */
function TargetLink({ lang, target }: { lang: Lang; target: string | null }) {
  if (!target) return null;
  const m = /^(user|person|event|place|organization|source):(\d+)$/.exec(target);
  if (!m) return <>{target}</>;
  const href = m[1] === 'user' ? `/${lang}/admin/users/${m[2]}` : `/${lang}/${m[1]}s/${m[2]}`;
  return <a href={href}>{target}</a>;
}
