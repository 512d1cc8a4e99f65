import type { Storage } from '../../src/db/connection.ts';
import { createEvent } from '../../src/events/event.service.ts';
import type { EventType } from '../../src/events/event.ts';
import type { NewName } from '../../src/names/name.rows.ts';
import type { NameKind } from '../../src/names/name.ts';
import { createPerson } from '../../src/persons/person.service.ts';
import type { Fate, PersonRole, Sex } from '../../src/persons/person.ts';

/** A name of a test person: a birth name unless `kind` says otherwise. */
export type NameSpec = Omit<NewName, 'kind'> & { kind?: NameKind };

export interface PersonSpec {
  names: NameSpec[];
  /** Published unless said otherwise. */
  status?: 'published' | 'draft';
  fate?: Fate;
  sex?: Sex;
  roles?: PersonRole[];
  biography?: string;
  events?: { type: EventType; date?: string; placeId?: number }[];
}

/**
 * Creates a person (published, a victim by default) with names and events, each the subject of
 * its event, through the services the app writes with; returns the id. Index it afterwards.
 */
export async function insertPerson(storage: Storage, spec: PersonSpec): Promise<number> {
  const db = storage.db;
  const person = await createPerson(db, {
    names: spec.names.map((n) => ({ ...n, kind: n.kind ?? 'birth' })),
    sex: spec.sex,
    status: spec.status,
    fate: spec.fate ?? null,
    roles: spec.roles ?? ['victim'],
    biography: spec.biography ? { en: spec.biography } : undefined,
  });
  for (const e of spec.events ?? []) {
    await createEvent(db, {
      type: e.type,
      date: e.date,
      placeId: e.placeId,
      participants: [{ personId: person, role: 'subject' }],
    });
  }
  return person;
}
