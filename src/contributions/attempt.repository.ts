import type { Db } from '../db/connection.ts';

/** Contributions counted in the window: from one address (`addressKey`), or from all when null. */
export async function countAttempts(db: Db, addressKey: string | null, since: string) {
  let q = db
    .selectFrom('contribution_attempts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .where('at', '>=', since);
  if (addressKey !== null) q = q.where('address_key', '=', addressKey);
  const row = await q.executeTakeFirst();
  return { n: Number(row?.n ?? 0), oldest: (row?.oldest as string | null | undefined) ?? null };
}

export async function insertAttempt(db: Db, at: string, addressKey: string): Promise<void> {
  await db.insertInto('contribution_attempts').values({ at, address_key: addressKey }).execute();
}

export async function deleteAttemptsBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('contribution_attempts').where('at', '<', before).execute();
}
