import type { Hono } from 'hono';

// biome-ignore lint/suspicious/noExplicitAny: any app's routes and variables.
type App = Hono<any>;

export interface Reply {
  status: number;
  text: string;
  res: Response;
  location: string | null;
}

/**
 * A browser in miniature over `app.request`: it keeps cookies as a browser would (set, replaced,
 * deleted by Max-Age=0) and the CSRF token of the last page it read, so that tests can sign in
 * and send forms as a reader does.
 */
export class Client {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  constructor(
    readonly app: App,
    readonly headers: Record<string, string> = {},
  ) {}

  async request(
    path: string,
    init: {
      method?: string;
      form?: Record<string, string>;
      headers?: Record<string, string>;
      body?: string;
      /** A multipart form (with files), as a browser sends a form with enctype="multipart/form-data". */
      multipart?: FormData;
    } = {},
  ): Promise<Reply> {
    const headers = new Headers({ ...this.headers, ...init.headers });
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    let body: string | FormData | undefined = init.body ?? init.multipart;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
    }
    const res = await this.app.request(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (attributes.some((a) => /^\s*max-age=0$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? this.csrf;
    return { status: res.status, text, res, location: res.headers.get('location') };
  }

  get(path: string, headers?: Record<string, string>): Promise<Reply> {
    return this.request(path, { headers });
  }

  /** Sends a form with the CSRF token of the last page read (unless `_csrf` is given). */
  post(path: string, form: Record<string, string> = {}, headers?: Record<string, string>): Promise<Reply> {
    return this.request(path, { form: { _csrf: this.csrf ?? '', ...form }, headers });
  }

  /**
   * Sends a multipart form with the CSRF token of the last page read: text fields, and files as
   * `[field, name, bytes]`.
   */
  upload(
    path: string,
    fields: Record<string, string>,
    files: [string, string, Uint8Array][] = [],
    headers?: Record<string, string>,
  ): Promise<Reply> {
    const form = new FormData();
    form.set('_csrf', this.csrf ?? '');
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    for (const [field, name, bytes] of files) form.append(field, new File([bytes], name));
    return this.request(path, { multipart: form, headers });
  }

  /** Signs in through the sign-in page; returns the answer to the form. */
  async signIn(name: string, password: string, next?: string): Promise<Reply> {
    await this.get(`/en/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    return this.post('/en/sign-in', { name, password, ...(next ? { next } : {}) });
  }
}
