import { recordAudit } from '../accounts/audit.service.ts';
import type { AuditActor } from '../accounts/audit.ts';
import { timestamp } from '../accounts/clock.ts';
import type { Db, Storage } from '../db/connection.ts';
import { type Actor, loadForEditing, removeRecord, saveRecord } from '../editing/editing.service.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { fill, type Lang, messages } from '../i18n/i18n.ts';
import { addMedia, prepareMediaFiles, recreditSourceMedia } from '../media/media.service.ts';
import type { Licence } from '../media/media.ts';
import type { Doc, Json } from '../revisions/document-diff.ts';
import { listRecordSnapshots, replaceSnapshot } from '../revisions/revision.repository.ts';
import {
  findContribution,
  findFile,
  findProposal,
  insertProposal,
  listProposals,
  updateContribution,
  updateProposal,
} from './contribution.repository.ts';
import type { ContributionState } from './contribution.ts';
import type { MediaPayload, ProposalInput, ProposalSummary } from './proposal.ts';
import { type ContributionContext, deliver, queueToSender } from './sender-mail.ts';

/*
 * Proposals: a reviewer turns part of a contribution into a statement, written through the editing
 * core into the record as a draft (so with a revision) and citing the contribution's source; an
 * editor accepts it (the draft is published, another revision) or declines it (the draft is taken
 * out again). A proposed medium waits in its proposal until accepted. The record change and the
 * proposal's row are two transactions, as the editing core opens its own: a draft left without a
 * proposal by a crash in between still cites the contribution's source, and shows nowhere public.
 */

/** Who acts: their user id for revisions, and how the audit log names them. */
export interface ReviewActor extends Actor {
  audit: AuditActor;
}

type ContributionRow = NonNullable<Awaited<ReturnType<typeof findContribution>>>;

const STATEMENT_LISTS = { name: 'names', attribute: 'attributes', relationship: 'relationships' } as const;

async function contributionOrFail(db: Db, id: number): Promise<ContributionRow> {
  const row = await findContribution(db, id);
  if (!row) throw new NotFoundError(`contribution ${id}`);
  return row;
}

function ensureOpen(row: ContributionRow): void {
  if (row.status === 'withdrawn' || row.erased_at !== null)
    throw new InputError('This contribution was withdrawn; nothing more can be made of it.');
}

/**
 * The source that statements made from a contribution cite, created (as a draft) with the first
 * proposal: a communication of kind `note`, titled by the sender's relation and the day it came,
 * and naming the sender only where they allowed it. It holds nothing else of theirs.
 */
async function ensureSource(storage: Storage, row: ContributionRow, actor: ReviewActor, lang: Lang): Promise<number> {
  if (row.source_id !== null) return row.source_id;
  const t = messages(lang).contribute;
  const day = row.received_at.slice(0, 10);
  const relation = (row.relation in t.sourceTitle ? row.relation : 'other') as keyof typeof t.sourceTitle;
  const saved = await saveRecord(storage, actor, {
    type: 'source',
    doc: {
      kind: 'note',
      title: fill(t.sourceTitle[relation], { date: day }),
      authors: row.consent_name && row.sender_name ? row.sender_name : null,
      date: day,
      status: 'draft',
    },
    reason: `source of contribution ${row.id}`,
  });
  await updateContribution(storage.db, row.id, { source_id: saved.id });
  return saved.id;
}

/** Publishes the contribution's source once something citing it is accepted. */
async function publishSource(storage: Storage, sourceId: number | null, actor: Actor): Promise<void> {
  if (sourceId === null) return;
  const { doc, revision, state } = await loadForEditing(storage.db, 'source', sourceId);
  if (state !== 'draft') return;
  await saveRecord(storage, actor, {
    type: 'source',
    id: sourceId,
    doc: { ...doc, status: 'published' },
    baseRevision: revision,
    reason: 'a statement citing it was accepted',
  });
}

function cite(sourceId: number): Json {
  return [{ source: sourceId }];
}

/** The statements of one kind in a person's document. */
function statementsOf(doc: Doc, kind: keyof typeof STATEMENT_LISTS): Doc[] {
  return (doc[STATEMENT_LISTS[kind]] as Doc[] | undefined) ?? [];
}

/**
 * Writes a reviewer's proposal into the record as a draft citing the contribution, and records
 * the proposal. A contribution about someone not in the archive first needs a `person` proposal,
 * which makes a draft person the contribution then belongs to.
 */
export async function propose(
  storage: Storage,
  contributionId: number,
  input: ProposalInput,
  actor: ReviewActor,
  lang: Lang,
): Promise<number> {
  const row = await contributionOrFail(storage.db, contributionId);
  ensureOpen(row);
  const reason = `proposed from contribution ${row.id}`;
  const at = timestamp(new Date());
  let target: { type: string; id: number; statement: number | null; payload: string | null };
  let summary: ProposalSummary;

  if (input.kind === 'media') {
    if (row.person_id === null) throw new InputError('Propose the person first: a medium needs a record to go on.');
    if (!row.consent_publish || !row.licence)
      throw new InputError('The sender did not allow their files to be published.');
    const file = await findFile(storage.db, row.id, input.file);
    if (!file) throw new InputError('No such file in this contribution.');
    const payload: MediaPayload = {
      file: file.id,
      kind: input.mediaKind,
      caption: input.caption ?? null,
      date: input.date ?? null,
      credit: input.credit ?? null,
    };
    await ensureSource(storage, row, actor, lang);
    target = { type: 'person', id: row.person_id, statement: null, payload: JSON.stringify(payload) };
    summary = { type: input.mediaKind, text: input.caption ?? file.name, date: input.date ?? undefined };
  } else if (input.kind === 'person') {
    if (row.person_id !== null) throw new InputError('This contribution is about a person in the archive already.');
    const source = await ensureSource(storage, row, actor, lang);
    const saved = await saveRecord(storage, actor, {
      type: 'person',
      doc: {
        sex: input.sex,
        status: 'draft',
        names: [{ kind: 'birth', given: input.given ?? null, surname: input.surname ?? null, citations: cite(source) }],
        citations: cite(source),
      },
      reason,
    });
    await updateContribution(storage.db, row.id, { person_id: saved.id });
    target = { type: 'person', id: saved.id, statement: null, payload: null };
    summary = { text: [input.given, input.surname].filter(Boolean).join(' ') };
  } else if (input.kind === 'event') {
    if (row.person_id === null)
      throw new InputError('Propose the person first: an event needs someone it happened to.');
    const source = await ensureSource(storage, row, actor, lang);
    const saved = await saveRecord(storage, actor, {
      type: 'event',
      doc: {
        type: input.type,
        date: input.date ?? null,
        placeText: input.placeText ?? null,
        status: 'draft',
        note: input.note ?? null,
        participants: [{ person: row.person_id, role: 'subject' }],
        citations: cite(source),
      },
      reason,
    });
    target = { type: 'event', id: saved.id, statement: null, payload: null };
    summary = { type: input.type, text: input.placeText ?? undefined, date: input.date ?? undefined };
  } else {
    if (row.person_id === null) throw new InputError('Propose the person first: a statement needs a record to go on.');
    const source = await ensureSource(storage, row, actor, lang);
    const { doc, revision } = await loadForEditing(storage.db, 'person', row.person_id);
    const statement: Doc =
      input.kind === 'name'
        ? {
            kind: input.nameKind,
            given: input.given ?? null,
            surname: input.surname ?? null,
            patronymic: input.patronymic ?? null,
            full: input.full ?? null,
          }
        : input.kind === 'attribute'
          ? { type: input.type, value: input.value, date: input.date ?? null }
          : { type: input.type, relatedName: input.relatedName, date: input.date ?? null };
    const list = statementsOf(doc, input.kind);
    const known = new Set(list.map((s) => s.id));
    const saved = await saveRecord(storage, actor, {
      type: 'person',
      id: row.person_id,
      doc: {
        ...doc,
        [STATEMENT_LISTS[input.kind]]: [...list, { ...statement, status: 'draft', citations: cite(source) }],
      },
      baseRevision: revision,
      reason,
    });
    const added = statementsOf(saved.doc, input.kind).find((s) => !known.has(s.id));
    target = { type: 'person', id: row.person_id, statement: Number(added?.id), payload: null };
    summary =
      input.kind === 'name'
        ? {
            type: input.nameKind,
            text: input.full ?? [input.given, input.patronymic, input.surname].filter(Boolean).join(' '),
          }
        : input.kind === 'attribute'
          ? { type: input.type, text: input.value, date: input.date ?? undefined }
          : { type: input.type, text: input.relatedName, date: input.date ?? undefined };
  }

  return storage.db.transaction().execute(async (trx) => {
    const id = await insertProposal(trx, {
      contribution_id: row.id,
      kind: input.kind,
      record_type: target.type,
      record_id: target.id,
      statement_id: target.statement,
      summary: JSON.stringify(summary),
      payload: target.payload,
      proposed_by: actor.userId,
      created_at: at,
    });
    if (row.status === 'new') await updateContribution(trx, row.id, { status: 'in_review', updated_at: at });
    await recordAudit(trx, {
      actor: actor.audit,
      action: 'proposal_create',
      target: `contribution:${row.id}`,
      detail: `${input.kind} on ${target.type}:${target.id}`,
    });
    return id;
  });
}

async function proposalOrFail(db: Db, contributionId: number, id: number) {
  const proposal = await findProposal(db, contributionId, id);
  if (!proposal) throw new NotFoundError(`proposal ${id}`);
  if (proposal.status !== 'proposed') throw new InputError('This proposal was decided already.');
  return proposal;
}

/** Publishes a draft statement in a person's document; false when it is no longer there. */
async function publishStatement(
  storage: Storage,
  actor: Actor,
  proposal: { record_id: number; kind: string; statement_id: number | null },
  reason: string,
) {
  const { doc, revision } = await loadForEditing(storage.db, 'person', proposal.record_id);
  const kind = proposal.kind as keyof typeof STATEMENT_LISTS;
  const list = statementsOf(doc, kind);
  if (!list.some((s) => s.id === proposal.statement_id)) return false;
  await saveRecord(storage, actor, {
    type: 'person',
    id: proposal.record_id,
    doc: {
      ...doc,
      [STATEMENT_LISTS[kind]]: list.map((s) => (s.id === proposal.statement_id ? { ...s, status: 'published' } : s)),
    },
    baseRevision: revision,
    reason,
  });
  return true;
}

/** Publishes a draft record (a proposed person or event). */
async function publishRecord(storage: Storage, actor: Actor, type: 'person' | 'event', id: number, reason: string) {
  const { doc, revision, state } = await loadForEditing(storage.db, type, id);
  if (state === 'removed') return false;
  if (state === 'draft') {
    await saveRecord(storage, actor, {
      type,
      id,
      doc: { ...doc, status: 'published' },
      baseRevision: revision,
      reason,
    });
  }
  return true;
}

/**
 * An editor accepts a proposal: its draft is published in the record (a revision), a medium is
 * made from the file with its sizes, the contribution's source is published, and the contribution
 * counts as used (its sender is told, the first time).
 */
export async function acceptProposal(
  storage: Storage,
  ctx: ContributionContext,
  contributionId: number,
  proposalId: number,
  actor: ReviewActor,
): Promise<void> {
  const row = await contributionOrFail(storage.db, contributionId);
  ensureOpen(row);
  const proposal = await proposalOrFail(storage.db, row.id, proposalId);
  const reason = `accepted from contribution ${row.id}`;
  let mediaId: number | null = null;
  if (proposal.kind === 'media') {
    const payload = JSON.parse(proposal.payload ?? '{}') as MediaPayload;
    const file = await findFile(storage.db, row.id, payload.file);
    if (!file || !row.licence) throw new InputError('The file of this proposal is no longer there.');
    const files = await prepareMediaFiles(file);
    const credit =
      payload.credit ??
      (row.consent_name && row.sender_name ? row.sender_name : messages(row.lang as Lang).contribute.anonymousCredit);
    mediaId = await storage.db.transaction().execute((trx) =>
      addMedia(trx, {
        recordType: 'person',
        recordId: proposal.record_id,
        kind: payload.kind,
        caption: payload.caption,
        date: payload.date,
        credit,
        licence: row.licence as Licence,
        sourceId: row.source_id,
        files,
      }),
    );
  } else {
    const done =
      proposal.kind === 'person' || proposal.kind === 'event'
        ? await publishRecord(storage, actor, proposal.record_type as 'person' | 'event', proposal.record_id, reason)
        : await publishStatement(storage, actor, proposal, reason);
    if (!done) throw new InputError('The draft of this proposal is no longer in the record; decline it.');
  }
  await publishSource(storage, row.source_id, actor);

  const at = timestamp(ctx.now ?? new Date());
  const firstUse = row.status !== 'used';
  const person = row.person_id;
  const mail = await storage.db.transaction().execute(async (trx) => {
    await updateProposal(trx, proposal.id, {
      status: 'accepted',
      decided_by: actor.userId,
      decided_at: at,
      ...(mediaId !== null ? { statement_id: mediaId } : {}),
    });
    await updateContribution(trx, row.id, { status: 'used', updated_at: at });
    await recordAudit(trx, {
      actor: actor.audit,
      action: 'proposal_accept',
      target: `contribution:${row.id}`,
      detail:
        mediaId !== null
          ? `media:${mediaId} on person:${proposal.record_id}`
          : `${proposal.kind} on ${proposal.record_type}:${proposal.record_id}`,
    });
    if (!firstUse || person === null) return null;
    const url = `${ctx.origin}/${row.lang}/persons/${person}`;
    return queueToSender(
      trx,
      ctx,
      row,
      (t) => ({ subject: t.usedSubject, text: fill(t.used, { about: '', url }) }),
      at,
    );
  });
  await deliver(ctx, storage.db, mail === null ? [] : [mail]);
}

/** Takes a proposal's draft out of the record again (a revision), where it is still there. */
async function withdrawDraft(
  storage: Storage,
  actor: Actor,
  proposal: { kind: string; record_type: string; record_id: number; statement_id: number | null },
  reason: string,
) {
  if (proposal.kind === 'media') return;
  if (proposal.kind === 'person' || proposal.kind === 'event') {
    const { state } = await loadForEditing(
      storage.db,
      proposal.record_type as 'person' | 'event',
      proposal.record_id,
    ).catch(() => ({ state: 'gone' }));
    if (state === 'draft')
      await removeRecord(storage, actor, {
        type: proposal.record_type as 'person' | 'event',
        id: proposal.record_id,
        reason,
      });
    return;
  }
  const { doc, revision } = await loadForEditing(storage.db, 'person', proposal.record_id);
  const kind = proposal.kind as keyof typeof STATEMENT_LISTS;
  const list = statementsOf(doc, kind);
  const draft = list.find((s) => s.id === proposal.statement_id);
  if (draft?.status !== 'draft') return;
  await saveRecord(storage, actor, {
    type: 'person',
    id: proposal.record_id,
    doc: { ...doc, [STATEMENT_LISTS[kind]]: list.filter((s) => s.id !== proposal.statement_id) },
    baseRevision: revision,
    reason,
  });
}

/** An editor declines a proposal, with a reason: its draft leaves the record. */
export async function declineProposal(
  storage: Storage,
  contributionId: number,
  proposalId: number,
  actor: ReviewActor,
  reason: string,
): Promise<void> {
  const row = await contributionOrFail(storage.db, contributionId);
  const proposal = await proposalOrFail(storage.db, row.id, proposalId);
  await withdrawDraft(storage, actor, proposal, `declined: ${reason}`.slice(0, 500));
  await storage.db.transaction().execute(async (trx) => {
    await updateProposal(trx, proposal.id, {
      status: 'declined',
      decline_reason: reason,
      decided_by: actor.userId,
      decided_at: timestamp(new Date()),
    });
    await recordAudit(trx, {
      actor: actor.audit,
      action: 'proposal_decline',
      target: `contribution:${row.id}`,
      detail: proposal.kind,
    });
  });
}

/** Declines every proposal still open, taking their drafts out of the records (withdrawal, purge, a declined contribution). */
export async function settlePendingProposals(
  storage: Storage,
  contributionId: number,
  actor: Actor,
  reason: string,
): Promise<void> {
  for (const proposal of await listProposals(storage.db, contributionId)) {
    if (proposal.status !== 'proposed') continue;
    await withdrawDraft(storage, actor, proposal, reason);
    await updateProposal(storage.db, proposal.id, {
      status: 'declined',
      decline_reason: reason,
      decided_by: actor.userId,
      decided_at: timestamp(new Date()),
      summary: '{}',
    });
  }
}

/**
 * Takes the sender's name off the contribution's source where they had allowed it there, and out
 * of what else repeats it: the source's earlier revisions and the credit of the media it gave.
 */
export async function forgetSender(
  storage: Storage,
  row: { source_id: number | null; consent_name: number; sender_name: string | null; lang: string },
): Promise<void> {
  if (row.source_id === null || !row.consent_name || !row.sender_name) return;
  const [sourceId, name] = [row.source_id, row.sender_name];
  const { doc, revision, state } = await loadForEditing(storage.db, 'source', sourceId);
  if (state !== 'removed' && doc.authors === name)
    await saveRecord(
      storage,
      { userId: null },
      {
        type: 'source',
        id: sourceId,
        doc: { ...doc, authors: null },
        baseRevision: revision,
        reason: 'the contributor withdrew',
      },
    );
  await storage.db.transaction().execute(async (trx) => {
    for (const r of await listRecordSnapshots(trx, 'source', sourceId)) {
      const snapshot = r.snapshot ? (JSON.parse(r.snapshot) as Record<string, unknown>) : null;
      if (snapshot?.authors === name) await replaceSnapshot(trx, r.id, JSON.stringify({ ...snapshot, authors: null }));
    }
    await recreditSourceMedia(trx, sourceId, name, messages(row.lang as Lang).contribute.anonymousCredit);
  });
}

/** A reviewer takes a new contribution up. */
export async function setInReview(db: Db, contributionId: number, actor: ReviewActor): Promise<void> {
  const row = await contributionOrFail(db, contributionId);
  ensureOpen(row);
  if (row.status !== 'new') return;
  await db.transaction().execute(async (trx) => {
    await updateContribution(trx, row.id, { status: 'in_review', updated_at: timestamp(new Date()) });
    await recordAudit(trx, { actor: actor.audit, action: 'contribution_review', target: `contribution:${row.id}` });
  });
}

/** The archive replies to the sender: a message on their page and by mail. */
export async function replyToSender(
  storage: Storage,
  ctx: ContributionContext,
  contributionId: number,
  text: string,
  actor: ReviewActor,
): Promise<void> {
  const row = await contributionOrFail(storage.db, contributionId);
  ensureOpen(row);
  const at = timestamp(ctx.now ?? new Date());
  const keep: ContributionState[] = ['used', 'declined'];
  const mail = await storage.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('contribution_messages')
      .values({ contribution_id: row.id, author: 'archive', user_id: actor.userId, body: text, created_at: at })
      .execute();
    await updateContribution(trx, row.id, {
      updated_at: at,
      ...(keep.includes(row.status as ContributionState) ? {} : { status: 'answered' }),
    });
    await recordAudit(trx, { actor: actor.audit, action: 'contribution_reply', target: `contribution:${row.id}` });
    return queueToSender(trx, ctx, row, (t) => ({ subject: t.replySubject, text: fill(t.reply, { text }) }), at);
  });
  await deliver(ctx, storage.db, mail === null ? [] : [mail]);
}

/**
 * Declines a whole contribution with a reason the sender reads: its open proposals leave the
 * records, and the retention period for the sender's data begins.
 */
export async function declineContribution(
  storage: Storage,
  ctx: ContributionContext,
  contributionId: number,
  reason: string,
  actor: ReviewActor,
): Promise<void> {
  const row = await contributionOrFail(storage.db, contributionId);
  ensureOpen(row);
  if (row.status === 'declined') return;
  await settlePendingProposals(storage, row.id, actor, 'contribution declined');
  const at = timestamp(ctx.now ?? new Date());
  const mail = await storage.db.transaction().execute(async (trx) => {
    await updateContribution(trx, row.id, {
      status: 'declined',
      decline_reason: reason,
      closed_at: at,
      updated_at: at,
    });
    await recordAudit(trx, { actor: actor.audit, action: 'contribution_decline', target: `contribution:${row.id}` });
    return queueToSender(
      trx,
      ctx,
      row,
      (t) => ({ subject: t.declinedSubject, text: fill(t.declined, { reason }) }),
      at,
    );
  });
  await deliver(ctx, storage.db, mail === null ? [] : [mail]);
}
