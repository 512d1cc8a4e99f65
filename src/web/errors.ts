/** No record at this address: rendered as the 404 page (or JSON 404 under /api). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** The request's parameters are malformed: rendered as a 400 with the message. */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
}
