import nodemailer from 'nodemailer';
import type { Db } from '../db/connection.ts';
import { deleteOutbox, findOutbox, insertOutbox, setOutboxError } from './outbox.repository.ts';
import type { ContributionSettings } from './settings.ts';

/** A plain-text message to one recipient, about a contribution (erased with it). */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  contributionId: number | null;
}

/**
 * Mail goes through the outbox table: written in the same transaction as what it reports, then,
 * after the commit, handed to the SMTP server of SMTP_URL and removed once accepted. Without
 * SMTP_URL (the embedded default), or while delivery fails, it waits in the outbox for an
 * administrator to read (/admin/outbox), so nothing is lost and nothing needs setting up.
 */
export interface Mailer {
  /** Writes a message into the outbox, in the caller's transaction; returns its id for `deliver`. */
  queue(db: Db, mail: Mail, at: string): Promise<number>;
  /** Sends queued messages now, where a server is set; failures stay in the outbox with their reason. */
  deliver(db: Db, ids: number[]): Promise<void>;
}

export function createMailer(settings: ContributionSettings['mail']): Mailer {
  const transport = settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : null;
  return {
    queue: (db, mail, at) =>
      insertOutbox(db, {
        contribution_id: mail.contributionId,
        recipient: mail.to,
        subject: mail.subject,
        body: mail.text,
        created_at: at,
        error: null,
      }),
    async deliver(db, ids) {
      if (!transport) return;
      for (const id of ids) {
        const mail = await findOutbox(db, id);
        if (!mail) continue;
        try {
          await transport.sendMail({ from: settings.from, to: mail.recipient, subject: mail.subject, text: mail.body });
          await deleteOutbox(db, id);
        } catch (error) {
          // The server's words may name the recipient: they go to the outbox, which only admins read, not to the log.
          const reason = error instanceof Error ? error.message.slice(0, 500) : 'unknown';
          await setOutboxError(db, id, reason);
          console.warn(
            `fates: message ${id} of the outbox could not be delivered; it waits there for an administrator.`,
          );
        }
      }
    },
  };
}
