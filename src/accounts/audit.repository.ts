import type { Insertable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { AuditLogTable } from './audit.table.ts';

export async function insertAuditEntry(db: Db, entry: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
}

export interface AuditFilter {
  /** Entries with a smaller id than this (the next page of a newest-first list). */
  before?: number;
  actorId?: number;
  action?: string;
  limit: number;
}

/** Entries newest first. */
export async function listAuditEntries(db: Db, filter: AuditFilter) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  return query.execute();
}

/** Every action the log holds, for filtering. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
