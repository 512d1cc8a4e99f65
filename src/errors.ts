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

/** One field of a submitted record that cannot be saved, and why. */
export interface FieldProblem {
  /** Where in the document: `names.0.surname`. */
  path: string;
  message: string;
}

/** A submitted record does not validate; each problem names its field: 400. */
export class InvalidRecordError extends InputError {
  override name = 'InvalidRecordError';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.path || 'record'}: ${p.message}`).join('; '));
  }
}

/** Someone saved the record since the version the edit started from: 409, and 412 for If-Match. */
export class EditConflictError extends Error {
  override name = 'EditConflictError';
  constructor(
    /** The revision the record is at now. */
    readonly currentRevision: number | null,
    /** The revision the edit was made on. */
    readonly baseRevision: number | null,
  ) {
    super('The record was changed by someone else since you opened it.');
  }
}

/** The record was removed; editors see what was there: 410. */
export class GoneError extends Error {
  override name = 'GoneError';
  constructor(
    readonly kind: string,
    readonly id: number,
  ) {
    super(`${kind}/${id} was removed`);
  }
}

/**
 * The caller is not signed in, or its credentials (session, API token) are not valid: a page
 * sends the reader to the sign-in page, the API answers 401.
 */
export class UnauthenticatedError extends Error {
  override name = 'UnauthenticatedError';
  constructor(
    message = 'Sign in first.',
    /** For the API's `WWW-Authenticate`: `invalid_token` when a token was sent and refused. */
    readonly code: 'unauthenticated' | 'invalid_token' = 'unauthenticated',
  ) {
    super(message);
  }
}

/** The caller is signed in but may not do this (a reviewer on an admin page): 403. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

/** The request failed the check against cross-site request forgery (a missing or wrong token): 403. */
export class CsrfError extends ForbiddenError {
  override name = 'CsrfError';
}

/** Too many attempts (failed sign-ins): 429, with `Retry-After` set from `retryAfterSeconds`. */
export class TooManyRequestsError extends Error {
  override name = 'TooManyRequestsError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The request's body is larger than the route accepts (`limitBytes`); nothing was read or saved: 413. */
export class TooLargeError extends Error {
  override name = 'TooLargeError';
  constructor(readonly limitBytes: number) {
    super(`The request is too large: at most ${Math.round(limitBytes / 1024)} KiB are accepted.`);
  }
}

/** The caller accepts none of the media types this address can answer with: 406. */
export class NotAcceptableError extends Error {
  override name = 'NotAcceptableError';
  constructor(readonly offered: readonly string[]) {
    super(`This address answers with ${offered.join(', ')}.`);
  }
}
