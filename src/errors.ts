/*
 * The errors domain code throws for callers to act on. The one error boundary (src/web/app.tsx)
 * maps them to statuses: the site renders a page, the API answers `{ error: { code, message } }`.
 */

/** No record at this address, or none the caller may see: 404. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** Input the caller can correct; the message says how, in words fit to show: 400. */
export class InputError extends Error {
  override name = 'InputError';
}

/** The record was merged into another, which answers for it forever: 301 to `targetId`. */
export class MergedError extends Error {
  override name = 'MergedError';
  constructor(
    /** The record type's path segment, as in `/persons/12`. */
    readonly kind: string,
    readonly targetId: number,
  ) {
    super(`merged into ${kind}/${targetId}`);
  }
}

/** The caller accepts none of the media types this address can answer with: 406. */
export class NotAcceptableError extends Error {
  override name = 'NotAcceptableError';
  constructor(readonly offered: readonly string[]) {
    super(`This address answers with ${offered.join(', ')}.`);
  }
}
