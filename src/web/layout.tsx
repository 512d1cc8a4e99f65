import type { Child } from 'hono/jsx';
import { hasRole } from '../accounts/role.ts';
import { type CurrentUser, shownName } from '../accounts/user.ts';
import { dataLicence } from '../archive/data-licence.ts';
import type { Messages } from '../i18n/en.ts';
import { LANGS, type Lang } from '../i18n/i18n.ts';
import { CsrfField } from './csrf.tsx';

export interface PageProps {
  lang: Lang;
  t: Messages;
  title: string;
  /** The request path after the language prefix, with its query, for the language switch. */
  path: string;
  description?: string;
  /** JSON-LD for the record shown, if any. */
  jsonLd?: object;
  /** The signed-in user, named in the header with a way to sign out; null for a reader. */
  user?: CurrentUser | null;
  /** The CSRF token for the header's sign-out form (with a signed-in user). */
  csrf?: string;
  children: Child;
}

/** The signed-in user's bar above the header: who they are, administration, sign-out. */
function AccountBar({ lang, t, user, csrf }: { lang: Lang; t: Messages; user: CurrentUser; csrf: string }) {
  return (
    <div class="account-bar">
      <nav class="wrap" aria-label={t.auth.accountBar}>
        <ul>
          <li>
            <a href={`/${lang}/account`} class="account-name">
              {shownName(user)}
            </a>{' '}
            <span class="account-role">({t.auth.roles[user.role]})</span>
          </li>
          {hasRole(user.role, 'admin') && (
            <li>
              <a href={`/${lang}/admin/users`}>{t.admin.title}</a>
            </li>
          )}
          <li>
            <form method="post" action={`/${lang}/sign-out`} class="sign-out">
              <CsrfField token={csrf} />
              <button type="submit" class="link-button">
                {t.auth.signOut}
              </button>
            </form>
          </li>
        </ul>
      </nav>
    </div>
  );
}

const langNames: Record<Lang, string> = { en: 'English', de: 'Deutsch', ru: 'Русский' };

/** The data licence in a sentence, its name linked to its text. */
function LicenceStatement({ t }: { t: Messages }) {
  const licence = dataLicence();
  const [before, after] = t.openData.licenceText.split('{licence}');
  return (
    <p class="licence">
      {before}
      {licence.url ? (
        <a rel="license" href={licence.url}>
          {licence.name}
        </a>
      ) : (
        licence.name
      )}
      {after} <a href="/api/v1/openapi.json">{t.openData.apiDocs}</a> ·{' '}
      <a href="/oai?verb=Identify">{t.openData.harvest}</a>
    </p>
  );
}

export function Layout({ lang, t, title, path, description, jsonLd, user, csrf, children }: PageProps) {
  const licence = dataLicence();
  const nav = t.site.nav;
  const links: [string, string][] = [
    ['/persons', nav.persons],
    ['/places', nav.places],
    ['/organizations', nav.organizations],
    ['/sources', nav.sources],
    ['/about', nav.about],
  ];
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t.site.name}`}</title>
        {description && <meta name="description" content={description} />}
        <link rel="stylesheet" href="/static/style.css" />
        {licence.url && <link rel="license" href={licence.url} />}
        {LANGS.filter((l) => l !== lang).map((l) => (
          <link rel="alternate" hreflang={l} href={`/${l}${path}`} />
        ))}
        {jsonLd && (
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }}
          />
        )}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.site.skip}
        </a>
        <header class="site-header">
          {user && csrf && <AccountBar lang={lang} t={t} user={user} csrf={csrf} />}
          <div class="wrap header-row">
            <a class="brand" href={`/${lang}/`}>
              <span class="brand-name">{t.site.name}</span>
              <span class="brand-tagline">{t.site.tagline}</span>
            </a>
            <nav aria-label={t.site.language} class="langs">
              {LANGS.map((l) =>
                l === lang ? (
                  <span aria-current="true" lang={l}>
                    {langNames[l]}
                  </span>
                ) : (
                  <a href={`/${l}${path}`} hreflang={l} lang={l}>
                    {langNames[l]}
                  </a>
                ),
              )}
            </nav>
          </div>
          <nav class="wrap main-nav" aria-label={t.site.name}>
            <ul>
              {links.map(([href, text]) => (
                <li>
                  <a href={`/${lang}${href}`} aria-current={path.split('?')[0]?.startsWith(href) ? 'page' : undefined}>
                    {text}
                  </a>
                </li>
              ))}
            </ul>
            <form
              class="header-search"
              role="search"
              aria-label={t.search.quick}
              action={`/${lang}/persons`}
              method="get"
            >
              <label for="header-q" class="visually-hidden">
                {t.search.label}
              </label>
              <input
                id="header-q"
                type="search"
                name="q"
                placeholder={t.search.placeholder}
                autocomplete="off"
                data-autocomplete="/api/v1/persons"
              />
              <button type="submit">{t.home.searchButton}</button>
            </form>
          </nav>
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        <script src="/static/autocomplete.js" defer />
        <footer class="site-footer">
          <div class="wrap">
            <p>{t.site.footer}</p>
            {!user && !path.startsWith('/sign-in') && (
              <p class="footer-sign-in">
                <a href={`/${lang}/sign-in?next=${encodeURIComponent(`/${lang}${path}`)}`} rel="nofollow">
                  {t.auth.footerSignIn}
                </a>
              </p>
            )}
            <LicenceStatement t={t} />
          </div>
        </footer>
      </body>
    </html>
  );
}
