import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { LANGS } from '../i18n/i18n.ts';
import { csrfToken } from './csrf.tsx';
import type { Env } from './env.ts';
import { Layout } from './layout.tsx';

export interface RenderOptions {
  title: string;
  description?: string;
  jsonLd?: object;
  status?: ContentfulStatusCode;
}

const LANG_PREFIX = new RegExp(`^/(${LANGS.join('|')})(?=/|$)`);

/** The request path without its language prefix (`/en`, `/de`, …), query included. */
export function pathWithoutLang(c: Context<Env>): string {
  const url = new URL(c.req.url);
  return (url.pathname.replace(LANG_PREFIX, '') || '/') + url.search;
}

/** Renders a page inside the site layout, with the doctype Hono's JSX leaves out. */
export async function renderPage(c: Context<Env>, body: Child, options: RenderOptions) {
  const page = (
    <Layout
      lang={c.get('lang')}
      t={c.get('t')}
      title={options.title}
      path={pathWithoutLang(c)}
      description={options.description}
      jsonLd={options.jsonLd}
      user={c.var.user}
      csrf={c.var.credential?.kind === 'session' ? csrfToken(c) : undefined}
    >
      {body}
    </Layout>
  );
  return c.html(`<!DOCTYPE html>${await page.toString()}`, options.status ?? 200);
}
