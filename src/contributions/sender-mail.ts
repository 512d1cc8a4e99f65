import type { Db } from '../db/connection.ts';
import { type Lang, messages } from '../i18n/i18n.ts';
import type { Mail, Mailer } from './mail.ts';
import type { ContributionSettings } from './settings.ts';

/** What the contribution services need besides the database. */
export interface ContributionContext {
  settings: ContributionSettings;
  mailer: Mailer;
  /** The site's origin, for links in mail (PUBLIC_URL, or the request's). */
  origin: string;
  now?: Date;
}

/** Sends what was queued in a committed transaction. */
export async function deliver(ctx: ContributionContext, db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await ctx.mailer.deliver(db, ids);
}

/** Queues a message to a contribution's sender in their language; null when the address was erased. */
export async function queueToSender(
  db: Db,
  ctx: ContributionContext,
  row: { id: number; sender_email: string | null; lang: string },
  compose: (t: ReturnType<typeof messages>['contribute']['mail']) => Omit<Mail, 'to' | 'contributionId'>,
  at: string,
): Promise<number | null> {
  if (!row.sender_email) return null;
  const t = messages(row.lang as Lang).contribute.mail;
  return ctx.mailer.queue(db, { ...compose(t), to: row.sender_email, contributionId: row.id }, at);
}
