/**
 * Brings the rows a record owns in one table to a wanted list, keeping the ids of the rows it
 * keeps (citations and history point at them): a wanted item with the id of an existing row
 * updates it, one without (or with an id the record does not own) is inserted, and existing rows
 * no item names are deleted. Returns the ids in the wanted order.
 */
export async function syncRows<T extends { id?: number | null }>(
  existing: readonly number[],
  wanted: readonly T[],
  ops: {
    insert(item: T, position: number): Promise<number>;
    update(id: number, item: T, position: number): Promise<void>;
    remove(ids: number[]): Promise<void>;
  },
): Promise<number[]> {
  const owned = new Set(existing);
  const kept = new Set(wanted.flatMap((w) => (w.id != null && owned.has(w.id) ? [w.id] : [])));
  const gone = existing.filter((id) => !kept.has(id));
  if (gone.length > 0) await ops.remove(gone);
  const ids: number[] = [];
  for (const [position, item] of wanted.entries()) {
    if (item.id != null && kept.has(item.id)) {
      await ops.update(item.id, item, position);
      ids.push(item.id);
    } else {
      ids.push(await ops.insert(item, position));
    }
  }
  return ids;
}
