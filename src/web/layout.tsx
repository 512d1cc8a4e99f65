import type { Child } from 'hono/jsx';
import type { Messages } from '../i18n/en.ts';
import { LANGS, type Lang } from '../i18n/i18n.ts';

export interface PageProps {
  lang: Lang;
  t: Messages;
  title: string;
  /** The request path after the language prefix, with its query, for the language switch. */
  path: string;
  description?: string;
  /** JSON-LD for the record shown, if any. */
  jsonLd?: object;
  children: Child;
}

const langNames: Record<Lang, string> = { en: 'English', de: 'Deutsch', ru: 'Русский' };

export function Layout({ lang, t, title, path, description, jsonLd, children }: PageProps) {
  const nav = t.site.nav;
  const links: [string, string][] = [
    ['/persons', nav.persons],
    ['/places', nav.places],
    ['/organizations', nav.organizations],
    ['/sources', nav.sources],
    ['/map', t.views.navMap],
    ['/chronology', t.views.navChronology],
    ['/statistics', t.views.navStatistics],
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
          </div>
        </footer>
      </body>
    </html>
  );
}
