import { createMailer } from '../../src/contributions/mail.ts';
import type { ContributionContext } from '../../src/contributions/sender-mail.ts';
import { type ContributionSettings, DEFAULT_CONTRIBUTION_SETTINGS } from '../../src/contributions/settings.ts';
import type { Db, Storage } from '../../src/db/connection.ts';
import { createApp } from '../../src/web/app.tsx';
import { testSettings } from './accounts.ts';

/** The default contribution settings with some changed (a smaller rate limit, an SMTP server). */
export function contributionSettings(
  change: {
    rate?: Partial<ContributionSettings['rate']>;
    files?: Partial<ContributionSettings['files']>;
    smtpUrl?: string;
    retentionDays?: number;
  } = {},
): ContributionSettings {
  const d = DEFAULT_CONTRIBUTION_SETTINGS;
  return {
    retentionDays: change.retentionDays ?? d.retentionDays,
    files: { ...d.files, ...change.files },
    rate: { ...d.rate, ...change.rate },
    mail: { ...d.mail, smtpUrl: change.smtpUrl ?? null },
  };
}

/** What the services need, with mail going to the outbox (or the given SMTP server). */
export function contributionContext(settings = contributionSettings()): ContributionContext {
  return { settings, mailer: createMailer(settings.mail), origin: 'http://archive.test' };
}

/** The app over a storage, with contribution settings of the test's own. */
export function contributionApp(storage: Storage, settings = contributionSettings(), trustProxy = false) {
  return createApp(storage, { accounts: { ...testSettings(), trustProxy }, contributions: settings });
}

/** The private links in the outbox's mail, oldest first. */
export async function outboxLinks(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('mail_outbox').select('body').orderBy('id').execute();
  return rows.flatMap((r) => [...r.body.matchAll(/https?:\/\/\S+\/contribute\/mine\/(c_[\w-]+)/g)].map((m) => m[0]));
}

/** The path of a private link. */
export function pathOf(link: string): string {
  return new URL(link).pathname;
}

/** A contribution form filled in as a visitor would, with changes. */
export function formFields(change: Record<string, string> = {}): Record<string, string> {
  return {
    relation: 'relative',
    relationDetail: 'granddaughter',
    message: 'My grandfather was arrested in Moscow in November 1937.',
    'dates.0.edtf': '1937-11-20',
    'dates.0.what': 'arrested',
    places: 'Moscow',
    names: 'Ганс',
    name: 'Anna Beispiel',
    email: 'anna@example.org',
    consentPublish: 'on',
    licence: 'cc-by-4.0',
    ...change,
  };
}

/** Rows in the contribution tables, to show that a refused request stored nothing. */
export async function contributionRows(db: Db): Promise<number> {
  let n = 0;
  for (const table of ['contributions', 'contribution_files', 'contribution_messages', 'mail_outbox'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    n += Number(row.n);
  }
  return n;
}

/**
 * One row in each contribution and media table, bytes included, for tests that want every table
 * to hold something (the copy round trip): written directly, as a restore would.
 */
export async function insertContributionRows(db: Db, personId: number): Promise<void> {
  const at = '2026-12-07 10:00:00';
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01, 0x02, 0xfe, 0xff, 0x00]);
  const media = await db
    .insertInto('media')
    .values({
      record_type: 'person',
      record_id: personId,
      kind: 'photo',
      mime: 'image/jpeg',
      width: 2,
      height: 1,
      bytes: bytes.length,
      caption: 'Zoë',
      date_edtf: '1936',
      credit: 'Private collection',
      licence: 'cc-by-4.0',
      source_id: null,
      status: 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('media_files')
    .values({
      media_id: media.id,
      variant: 'original',
      mime: 'image/jpeg',
      width: 2,
      height: 1,
      bytes: bytes.length,
      sha256: 'x',
      data: bytes,
    })
    .execute();
  const contribution = await db
    .insertInto('contributions')
    .values({
      person_id: personId,
      subject_name: null,
      relation: 'relative',
      relation_detail: 'Enkelin',
      message: 'Er schrieb „Briefe“.',
      dates: '[{"edtf":"1937~","what":null}]',
      places: null,
      names: null,
      sender_name: 'Anna',
      sender_email: 'anna@example.org',
      consent_name: 1,
      consent_contact: 0,
      consent_publish: 1,
      licence: 'cc-by-4.0',
      lang: 'de',
      status: 'new',
      token_hash: 'digest',
      received_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('contribution_messages')
    .values({ contribution_id: contribution.id, author: 'sender', user_id: null, body: 'Noch etwas', created_at: at })
    .execute();
  await db
    .insertInto('contribution_files')
    .values({
      contribution_id: contribution.id,
      name: 'a.jpg',
      mime: 'image/jpeg',
      width: 2,
      height: 1,
      bytes: bytes.length,
      sha256: 'x',
      data: bytes,
      thumb: bytes,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('contribution_proposals')
    .values({
      contribution_id: contribution.id,
      kind: 'event',
      record_type: 'event',
      record_id: 1,
      statement_id: null,
      summary: '{}',
      payload: null,
      proposed_by: null,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('mail_outbox')
    .values({
      contribution_id: contribution.id,
      recipient: 'anna@example.org',
      subject: 'Ihr Beitrag',
      body: 'Danke',
      created_at: at,
      error: null,
    })
    .execute();
}
