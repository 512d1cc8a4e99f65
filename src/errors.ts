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
