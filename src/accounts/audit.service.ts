import type { Db } from '../db/connection.ts';
import { type AuditFilter, insertAuditEntry, listAuditActions, listAuditEntries } from './audit.repository.ts';
import { ACCOUNT_ACTIONS, type AuditEntry, type AuditRecord, type Via } from './audit.ts';

/** Notes and targets are cut to this many characters, so the log cannot be flooded through them. */
const MAX_TEXT = 500;

const clip = (text: string | null | undefined) => (text == null ? null : [...text].slice(0, MAX_TEXT).join(''));

/**
 * Records what someone did, in the caller's transaction where it has one, so the entry is written
 * exactly when the change is:
 *
 * ```ts
 * await recordAudit(trx, { actor: auditActor(c), action: 'person_merge', target: `person:${from}`, detail: `into person:${into}` });
 * ```
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(db, {
    actor_id: entry.actor.user?.id ?? null,
    actor_name: entry.actor.user?.name ?? null,
    via: entry.actor.via,
    action: entry.action,
    target: clip(entry.target),
    detail: clip(entry.detail),
    address: entry.actor.address ?? null,
  });
}

/** A page of the audit log, newest first, and the id to continue before (null on the last page). */
export async function listAudit(
  db: Db,
  filter: AuditFilter,
): Promise<{ entries: AuditRecord[]; before: number | null }> {
  const rows = await listAuditEntries(db, { ...filter, limit: filter.limit + 1 });
  const entries = rows.slice(0, filter.limit).map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    via: r.via as Via,
    action: r.action,
    target: r.target,
    detail: r.detail,
    address: r.address,
  }));
  return { entries, before: rows.length > filter.limit ? (entries.at(-1)?.id ?? null) : null };
}

/** The actions to filter the log by: the accounts domain's and any other the log holds. */
export async function auditActions(db: Db): Promise<string[]> {
  return [...new Set([...ACCOUNT_ACTIONS, ...(await listAuditActions(db))])];
}
