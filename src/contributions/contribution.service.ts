import { minutesBefore, secondsUntil, timestamp } from '../accounts/clock.ts';
import { digest, newSecret } from '../accounts/secret.ts';
import type { Db, Storage } from '../db/connection.ts';
import { takeLock } from '../db/engine.ts';
import { InputError, NotFoundError, TooManyRequestsError } from '../errors.ts';
import { fill, type Lang } from '../i18n/i18n.ts';
import type { CheckedFile } from '../media/file-check.ts';
import { resizeImage, SIZES } from '../media/image.ts';
import { isImage } from '../media/media.ts';
import { findPersonById } from '../persons/person.repository.ts';
import { countAttempts, deleteAttemptsBefore, insertAttempt } from './attempt.repository.ts';
import {
  eraseContribution,
  findContribution,
  findContributionByToken,
  insertContribution,
  insertFile,
  insertMessage,
  listExpired,
  listFiles,
  listMessages,
  listProposals,
  updateContribution,
} from './contribution.repository.ts';
import { CLOSED_STATES, type ContributionInput } from './contribution.ts';
import { forgetSender, settlePendingProposals } from './proposal.service.ts';
import { type ContributionContext, deliver, queueToSender } from './sender-mail.ts';
import type { ContributionSettings } from './settings.ts';

/** Too many contributions from one address, or from everyone, within the window; nothing was stored. */
export class ContributionThrottledError extends TooManyRequestsError {
  override name = 'ContributionThrottledError';
  constructor(
    message: string,
    retryAfterSeconds: number,
    /** Whether the sender's address reached its limit, or everyone's together did. */
    readonly scope: 'address' | 'all',
  ) {
    super(message, retryAfterSeconds);
  }
}

/** The hidden field only programs fill in was filled in; nothing was stored. */
export class HoneypotError extends InputError {
  override name = 'HoneypotError';
  constructor() {
    super('The form was filled in by a program.');
  }
}

/** A private link that leads to no contribution (mistyped, cut short or made up). */
export class UnknownLinkError extends NotFoundError {
  override name = 'UnknownLinkError';
  constructor() {
    super('no contribution has this link');
  }
}

/** The contribution behind a private link was withdrawn and its data erased: the link shows nothing more. */
export class WithdrawnError extends Error {
  override name = 'WithdrawnError';
}

const TOKEN = /^c_[A-Za-z0-9_-]{43}$/;

/** The private link of a contribution, in its sender's language. */
export function privateLink(origin: string, lang: string, token: string): string {
  return `${origin}/${lang}/contribute/mine/${token}`;
}

/**
 * The published person a contribution about `id` is for: the record that stays when `id` was merged
 * (a form opened before a merge and sent after it loses nothing); null when there is none.
 */
export async function personNow(db: Db, id: number): Promise<{ id: number; name: string } | null> {
  let person = await findPersonById(db, id);
  for (let hops = 0; person?.merged_into != null && hops < 20; hops++)
    person = await findPersonById(db, person.merged_into);
  if (person?.status !== 'published' || person.merged_into !== null) return null;
  return { id: person.id, name: person.display_name };
}

/**
 * Counts one contribution (or addition) from `address`, refusing it when the address, or everyone
 * together, sent the most the window allows. Under a lock, so that a burst sent at once is
 * counted one by one. The address is kept only as a digest, and only for the window.
 */
export async function reserveAttempt(db: Db, address: string, settings: ContributionSettings, now: Date) {
  const { windowMinutes, perAddress, total } = settings.rate;
  const since = minutesBefore(now, windowMinutes);
  const key = digest(`contribute:${address}`);
  await db.transaction().execute(async (trx) => {
    await takeLock(trx, 'contribute');
    for (const [addressKey, limit] of [
      [key, perAddress],
      [null, total],
    ] as const) {
      const { n, oldest } = await countAttempts(trx, addressKey, since);
      if (n >= limit && oldest) {
        const until = timestamp(new Date(Date.parse(`${oldest.replace(' ', 'T')}Z`) + windowMinutes * 60_000));
        const seconds = secondsUntil(now, until);
        const minutes = Math.ceil(seconds / 60);
        throw addressKey === null
          ? new ContributionThrottledError(
              `Too many contributions in all; try again in ${minutes} minutes.`,
              seconds,
              'all',
            )
          : new ContributionThrottledError(
              `Too many contributions from this address; try again in ${minutes} minutes.`,
              seconds,
              'address',
            );
      }
    }
    await deleteAttemptsBefore(trx, since);
    await insertAttempt(trx, timestamp(now), key);
  });
}

/** A checked file with the small preview reviewers see, made before any transaction. */
async function withThumb(file: CheckedFile) {
  return { ...file, thumb: isImage(file.mime) ? (await resizeImage(file.data, SIZES.thumb)).data : null };
}

async function storeFiles(db: Db, contributionId: number, files: Awaited<ReturnType<typeof withThumb>>[], at: string) {
  for (const f of files) {
    await insertFile(db, {
      contribution_id: contributionId,
      name: f.name,
      mime: f.mime,
      width: f.width,
      height: f.height,
      bytes: f.data.length,
      sha256: f.sha256,
      data: f.data,
      thumb: f.thumb,
      created_at: at,
    });
  }
}

/**
 * Stores a contribution with its files in one transaction, and the confirmation with the
 * sender's private link in the outbox; then hands the mail to the server. Returns the id. The link's
 * token is in the mail only: the database keeps its digest.
 */
export async function submitContribution(
  storage: Storage,
  ctx: ContributionContext,
  input: ContributionInput & { lang: Lang },
  files: CheckedFile[],
): Promise<{ id: number }> {
  const now = ctx.now ?? new Date();
  const at = timestamp(now);
  let about: string | null = null;
  let personId: number | null = null;
  if (input.person !== null) {
    const person = await personNow(storage.db, input.person);
    if (!person) throw new NotFoundError(`person ${input.person}`);
    [about, personId] = [person.name, person.id];
  }
  const prepared = await Promise.all(files.map(withThumb));
  const token = newSecret('c_');
  const dates = input.dates.filter((d) => d.edtf || d.what);
  const { id, mail } = await storage.db.transaction().execute(async (trx) => {
    const id = await insertContribution(trx, {
      person_id: personId,
      subject_name: input.person === null ? input.subject : null,
      relation: input.relation,
      relation_detail: input.relationDetail,
      message: input.message,
      dates: dates.length ? JSON.stringify(dates) : null,
      places: input.places,
      names: input.names,
      sender_name: input.name,
      sender_email: input.email,
      consent_name: input.consentName ? 1 : 0,
      consent_contact: input.consentContact ? 1 : 0,
      consent_publish: input.consentPublish ? 1 : 0,
      licence: input.consentPublish ? input.licence : null,
      lang: input.lang,
      status: 'new',
      token_hash: digest(token),
      received_at: at,
      updated_at: at,
    });
    await storeFiles(trx, id, prepared, at);
    const link = privateLink(ctx.origin, input.lang, token);
    const subject = about ?? input.subject;
    const mail = await queueToSender(
      trx,
      ctx,
      { id, sender_email: input.email, lang: input.lang },
      (t) => ({
        subject: t.confirmSubject,
        text: fill(t.confirm, { about: subject ? fill(t.about, { name: subject }) : '', link }),
      }),
      at,
    );
    return { id, mail };
  });
  await deliver(ctx, storage.db, mail === null ? [] : [mail]);
  return { id };
}

/** The contribution a private link leads to; UnknownLinkError or WithdrawnError otherwise. */
export async function findByLink(db: Db, token: string) {
  if (!TOKEN.test(token)) throw new UnknownLinkError();
  const row = await findContributionByToken(db, digest(token));
  if (!row) throw new UnknownLinkError();
  if (row.erased_at !== null) throw new WithdrawnError('withdrawn');
  return row;
}

/** Everything the sender's private page shows. */
export async function senderView(db: Db, token: string) {
  const row = await findByLink(db, token);
  const [messagesOf, files, proposals, person] = await Promise.all([
    listMessages(db, row.id),
    listFiles(db, row.id),
    listProposals(db, row.id),
    row.person_id === null ? undefined : findPersonById(db, row.person_id),
  ]);
  return {
    contribution: row,
    person: person && person.status === 'published' ? { id: person.id, name: person.display_name } : null,
    messages: messagesOf.map((m) => ({ id: m.id, author: m.author, body: m.body, at: m.created_at })),
    files,
    proposals: proposals.map((p) => ({ id: p.id, kind: p.kind, status: p.status, summary: p.summary })),
  };
}

/** What a sender adds through their link: a message and files, stored together. */
export async function addToContribution(
  storage: Storage,
  ctx: ContributionContext,
  token: string,
  input: { message: string },
  files: CheckedFile[],
): Promise<void> {
  const row = await findByLink(storage.db, token);
  if (row.status === 'withdrawn') throw new WithdrawnError('withdrawn');
  const prepared = await Promise.all(files.map(withThumb));
  const at = timestamp(ctx.now ?? new Date());
  await storage.db.transaction().execute(async (trx) => {
    await insertMessage(trx, {
      contribution_id: row.id,
      author: 'sender',
      user_id: null,
      body: input.message,
      created_at: at,
    });
    await storeFiles(trx, row.id, prepared, at);
    await updateContribution(trx, row.id, {
      updated_at: at,
      // An answer from the sender puts it back before the reviewers.
      ...(row.status === 'answered' ? { status: 'in_review' } : {}),
    });
  });
}

/**
 * Withdraws a contribution at its sender's wish and erases their data at once: proposals not yet
 * accepted are taken out of the records, accepted ones stay (their source names no one), and the
 * sender's name leaves the source where they had allowed it.
 */
export async function withdrawContribution(storage: Storage, ctx: ContributionContext, token: string): Promise<void> {
  const row = await findByLink(storage.db, token);
  const at = timestamp(ctx.now ?? new Date());
  await settlePendingProposals(storage, row.id, { userId: null }, 'withdrawn by the sender');
  await forgetSender(storage, row);
  await storage.db.transaction().execute(async (trx) => {
    await updateContribution(trx, row.id, { status: 'withdrawn', closed_at: at });
    await eraseContribution(trx, row.id, at);
  });
}

/**
 * Erases the senders' data of contributions withdrawn or declined more than `retentionDays` ago.
 * Returns how many were erased. Run by `fates contributions purge` and by each server process
 * at start and every few hours.
 */
export async function purgeContributions(
  storage: Storage,
  settings: Pick<ContributionSettings, 'retentionDays'>,
  now = new Date(),
): Promise<number> {
  const before = timestamp(new Date(now.getTime() - settings.retentionDays * 86_400_000));
  const at = timestamp(now);
  let erased = 0;
  // A cut-off of "now" must include what closed this very second.
  const cutoff = settings.retentionDays === 0 ? timestamp(new Date(now.getTime() + 1000)) : before;
  for (const row of await listExpired(storage.db, CLOSED_STATES, cutoff)) {
    const full = await findContribution(storage.db, row.id);
    if (!full) continue;
    await settlePendingProposals(storage, row.id, { userId: null }, 'contribution closed');
    await forgetSender(storage, full);
    await storage.db.transaction().execute((trx) => eraseContribution(trx, row.id, at));
    erased++;
  }
  return erased;
}
