/*
 * What the error boundary writes to the log. A contributor's name, address and words travel
 * through the contribution pages, and a driver's or mail server's message may repeat any of them,
 * so failures there are logged by kind and place only; a sender's private link is a key to their
 * data and is cut from every logged path.
 */

/** Pages whose requests or answers may carry a contributor's data. */
const PRIVATE_PAGES = /^\/[a-z]{2}\/(contribute|review|admin\/outbox)(\/|$)/;

/** A request path fit for the log, with the token of a sender's private link cut out. */
export function loggedPath(path: string): string {
  return path.replace(/\/contribute\/mine\/[^/]+/, '/contribute/mine/…');
}

/** Logs an unexpected failure while answering `path`, without its message where that may hold private data. */
export function logFailure(error: unknown, path: string): void {
  if (!PRIVATE_PAGES.test(path)) {
    console.error(error);
    return;
  }
  const name = error instanceof Error ? error.name : typeof error;
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
  console.error(
    [`fates: ${name} while answering ${loggedPath(path)} (its message is withheld: it may repeat a contributor's data)`]
      .concat(frames)
      .join('\n'),
  );
}
