import { CITATION_COLUMNS, citationRow, type NewCitation } from '../citations/citation.rows.ts';
import type { StatementType } from '../citations/citation.table.ts';
import type { BulkTable, RowQueue, TableName } from '../db/bulk.ts';
import {
  EVENT_COLUMNS,
  type EventFields,
  eventRow,
  type NewParticipant,
  PARTICIPANT_COLUMNS,
  participantRow,
} from '../events/event.rows.ts';
import type { EventType, ParticipantRole } from '../events/event.ts';
import { NAME_COLUMNS, nameRow } from '../names/name.rows.ts';
import { ORGANIZATION_COLUMNS, ORGANIZATION_NAME_COLUMNS } from '../organizations/organization.rows.ts';
import { deriveFate } from '../persons/fate.ts';
import {
  PERSON_COLUMNS,
  PERSON_ROLE_COLUMNS,
  type PersonFields,
  personRoleRow,
  personRow,
} from '../persons/person.rows.ts';
import type { Fate, PersonRole } from '../persons/person.ts';
import { PLACE_COLUMNS, PLACE_NAME_COLUMNS } from '../places/place.rows.ts';
import { INDEX_QUEUE_TABLE, queueBulkBatch } from '../search/index/index-queue.ts';
import {
  LIST_ROW_COLUMNS,
  LIST_ROW_LINK_COLUMNS,
  listRowLinkRow,
  listRowRow,
  type NewListRow,
  type NewListRowLink,
  SOURCE_COLUMNS,
} from '../sources/source.rows.ts';
import { Careers } from './career.ts';
import { dottedDay } from './dates.ts';
import type { LifeEvent, StaffKind } from './life.ts';
import { type GeneratedName, NameMaker } from './person-names.ts';
import { type Rng, weightedKeys } from './prng.ts';
import type { IdCounters, ListSource, ListTheme, References } from './references.ts';
import { loadTables, type Origin, type Sex } from './tables.ts';
import { VictimLives } from './victim-life.ts';

/**
 * The tables a run writes, in the order they are written, each with its domain's columns (led by
 * the id the run assigns) and the values every row shares.
 */
export function generatedTables(now: string): BulkTable[] {
  const stamped = { created_at: now, updated_at: now };
  const withId = (columns: readonly string[]) => ['id', ...columns];
  return [
    { table: 'places', columns: withId(PLACE_COLUMNS), fixed: stamped },
    { table: 'place_names', columns: withId(PLACE_NAME_COLUMNS) },
    { table: 'organizations', columns: withId(ORGANIZATION_COLUMNS), fixed: stamped },
    { table: 'organization_names', columns: withId(ORGANIZATION_NAME_COLUMNS) },
    { table: 'sources', columns: withId(SOURCE_COLUMNS), fixed: stamped },
    { table: 'persons', columns: withId(PERSON_COLUMNS), fixed: stamped },
    { table: 'person_roles', columns: PERSON_ROLE_COLUMNS },
    { table: 'names', columns: withId(NAME_COLUMNS) },
    { table: 'events', columns: withId(EVENT_COLUMNS), fixed: stamped },
    { table: 'event_participants', columns: PARTICIPANT_COLUMNS },
    { table: 'list_rows', columns: withId(LIST_ROW_COLUMNS) },
    // A link's own id is the database's to give: nothing refers to it.
    { table: 'list_row_links', columns: LIST_ROW_LINK_COLUMNS },
    { table: 'citations', columns: withId(CITATION_COLUMNS) },
    INDEX_QUEUE_TABLE,
  ];
}

/** Share of persons who are NKVD or Gestapo staff; they come first, so victims can name them. */
const STAFF_SHARE = 0.04;
const VICTIM_ORIGINS = weightedKeys<Origin>({ de: 30, at: 8, pl: 14, yi: 16, hu: 7, ru: 15, uk: 10 });
const NKVD_ORIGINS = weightedKeys<Origin>({ ru: 65, uk: 25, pl: 4, yi: 4, hu: 1, de: 1, at: 0 });
const STAFF_KINDS = weightedKeys<StaffKind>({ 'nkvd-perpetrator': 70, 'nkvd-official': 15, 'gestapo-official': 15 });
const LIST_ROWS_PER_PERSON = weightedKeys({ 1: 85, 2: 12, 3: 3 });
const MAX_CITATIONS = 3;

const REMARKS: Record<ListTheme, [ru: string, de: string]> = {
  shot: ['расстрелян', 'erschossen'],
  camp: ['осуждён к ИТЛ', 'Lagerhaft'],
  handover: ['передан гестапо', 'an die Gestapo übergeben'],
  expelled: ['выслан из СССР', 'ausgewiesen'],
  arrested: ['арестован', 'verhaftet'],
  emigrants: ['', ''],
};
const THEME_EVENT: Record<ListTheme, EventType> = {
  shot: 'execution',
  camp: 'camp',
  handover: 'handover',
  expelled: 'expulsion',
  arrested: 'arrest',
  emigrants: 'arrival',
};

const THEME_ORDER: readonly [EventType, ListTheme][] = [
  ['handover', 'handover'],
  ['execution', 'shot'],
  ['camp', 'camp'],
  ['expulsion', 'expelled'],
  ['arrest', 'arrested'],
];

function themeOf(life: readonly LifeEvent[]): ListTheme {
  for (const [type, theme] of THEME_ORDER) if (life.some((e) => e.type === type)) return theme;
  return 'emigrants';
}

/**
 * deriveFate, remembered by the order of event types it sees. A fate depends only on that order,
 * and a population has a few hundred distinct ones; deriving each of millions afresh is wasteful.
 * The order is deriveFate's own: by earliest day, then as given.
 */
class FateMemo {
  private readonly memo = new Map<string, Fate | null>();

  fate(life: readonly LifeEvent[], isVictim: boolean): Fate | null {
    const order = life
      .map((_, i) => i)
      .sort((a, b) => {
        const x = (life[a] as LifeEvent).date.min;
        const y = (life[b] as LifeEvent).date.min;
        return x < y ? -1 : x > y ? 1 : a - b;
      });
    const key = `${isVictim ? 'v' : ''}${order.map((i) => (life[i] as LifeEvent).type).join(',')}`;
    let fate = this.memo.get(key);
    if (fate === undefined) {
      fate = deriveFate(
        life.map((e) => ({ type: e.type, date_min: e.date.min, rank: 'normal' })),
        isVictim,
      );
      this.memo.set(key, fate);
    }
    return fate;
  }
}

/** How many of `total` persons are staff (written first). */
export function staffCount(total: number): number {
  return Math.floor(total * STAFF_SHARE);
}

/** The queues a person writer fills: a bulk writer's, or a worker's own. */
export interface RowSink {
  queue(table: TableName): RowQueue;
}

/**
 * Makes persons one after another and queues their rows: the person, roles, names, events with
 * participants, list rows and citations. Holds what persons refer to across the run (the staff
 * victims name, witnesses, list positions), so one writer makes one run's persons in order.
 */
export class PersonWriter {
  private readonly names: NameMaker;
  private readonly lives: VictimLives;
  private readonly careers: Careers;
  private readonly perpetrators: number[] = [];
  private readonly officials: number[] = [];
  private readonly gestapo: number[] = [];
  private readonly witnesses: number[] = [];
  private readonly groupSort: Int32Array;
  private readonly fates = new FateMemo();
  private readonly q: Record<
    | 'persons'
    | 'person_roles'
    | 'names'
    | 'events'
    | 'event_participants'
    | 'list_rows'
    | 'list_row_links'
    | 'citations',
    RowQueue
  >;
  readonly counts = { person_roles: 0, event_participants: 0 };
  /**
   * The row builders' inputs, filled anew for each row rather than made: a run makes tens of
   * millions of rows, and the builders' arrays are the only objects it allocates for them.
   */
  private readonly input: {
    person: PersonFields;
    event: EventFields;
    participant: NewParticipant;
    listRow: NewListRow;
    link: NewListRowLink;
    citation: NewCitation;
  } = {
    person: { display: '', sort: '', sex: 'male', fate: null },
    event: { type: 'other', date: null, placeId: null, organizationId: null, details: null },
    participant: { personId: 0, role: 'subject' },
    listRow: { position: 0, folio: null, cells: {}, note: null },
    link: { personId: 0, status: 'confirmed' },
    citation: { statementType: 'name', statementId: 0, sourceId: 0, listRowId: null },
  };

  constructor(
    private readonly rng: Rng,
    private readonly refs: References,
    private readonly ids: IdCounters,
    writer: RowSink,
    readonly staffCount: number,
  ) {
    const tables = loadTables();
    this.names = new NameMaker(tables);
    this.lives = new VictimLives(refs.life);
    this.careers = new Careers(refs.life);
    this.groupSort = new Int32Array(refs.groupEventIds.length);
    this.q = {
      persons: writer.queue('persons'),
      person_roles: writer.queue('person_roles'),
      names: writer.queue('names'),
      events: writer.queue('events'),
      event_participants: writer.queue('event_participants'),
      list_rows: writer.queue('list_rows'),
      list_row_links: writer.queue('list_row_links'),
      citations: writer.queue('citations'),
    };
  }

  private participant(eventId: number, personId: number, role: ParticipantRole, sort: number): void {
    const p = this.input.participant;
    p.personId = personId;
    p.role = role;
    this.q.event_participants.pushRow(participantRow(eventId, sort, p));
    this.counts.event_participants++;
  }

  private citation(type: StatementType, statementId: number, sourceId: number, listRowId: number): void {
    const c = this.input.citation;
    c.statementType = type;
    c.statementId = statementId;
    c.sourceId = sourceId;
    c.listRowId = listRowId;
    this.q.citations.pushRowWithId(this.ids.citations++, citationRow(c));
  }

  /** Writes person number `i` of the run (staff first). */
  person(i: number): void {
    const { rng, ids, refs } = this;
    const id = ids.persons++;
    const staff = i < this.staffCount ? STAFF_KINDS.draw(rng) : null;
    let origin: Origin;
    let sex: Sex;
    const roles: PersonRole[] = [];
    if (staff) {
      origin = staff === 'gestapo-official' ? (rng.chance(0.9) ? 'de' : 'at') : NKVD_ORIGINS.draw(rng);
      sex = staff === 'gestapo-official' || rng.chance(0.97) ? 'male' : 'female';
      roles.push(staff === 'nkvd-perpetrator' ? 'perpetrator' : 'official');
    } else {
      origin = VICTIM_ORIGINS.draw(rng);
      sex = rng.chance(0.78) ? 'male' : 'female';
      roles.push('victim');
      if (rng.chance(0.02)) roles.push('witness');
    }

    const named = this.names.person(rng, origin, sex, { aliasChance: staff ? 0.03 : 0.08 });
    const life = staff ? this.careers.staff(rng, origin, staff) : this.lives.victim(rng, origin);
    const fate = this.fates.fate(life, roles.includes('victim'));

    const person = this.input.person;
    person.display = named.display;
    person.sort = named.sort;
    person.sex = sex;
    person.fate = fate;
    this.q.persons.pushRowWithId(id, personRow(person));
    for (const role of roles) this.q.person_roles.pushRow(personRoleRow(id, role));
    this.counts.person_roles += roles.length;

    const nameIds = named.names.map((n, sort) => {
      const nameId = ids.names++;
      this.q.names.pushRowWithId(nameId, nameRow(id, sort, n));
      return nameId;
    });

    const eventIds = life.map((e) => {
      if (e.group !== null) {
        const eventId = refs.groupEventIds[e.group] as number;
        this.groupSort[e.group] = (this.groupSort[e.group] as number) + 1;
        this.participant(eventId, id, 'subject', this.groupSort[e.group] as number);
        return eventId;
      }
      const eventId = ids.events++;
      const event = this.input.event;
      event.type = e.type;
      event.date = e.date;
      event.placeId = e.place === null ? null : (refs.placeIds.get(e.place) ?? null);
      event.organizationId = e.organization === null ? null : (refs.organizationIds.get(e.organization) ?? null);
      event.details = e.details;
      this.q.events.pushRowWithId(eventId, eventRow(event));
      this.participant(eventId, id, 'subject', 0);
      if (e.perpetrator && this.perpetrators.length > 0) {
        // Skewed towards the first officers: a few interrogators appear in thousands of cases.
        const k = Math.floor(this.perpetrators.length * rng.next() ** 3);
        this.participant(eventId, this.perpetrators[k] as number, 'perpetrator', 1);
      }
      if (e.witness && this.witnesses.length > 0) {
        this.participant(eventId, rng.pick(this.witnesses), 'witness', 2);
      }
      return eventId;
    });

    this.listRows(id, named.names, nameIds, life, eventIds);

    if (staff === 'nkvd-perpetrator') this.perpetrators.push(id);
    else if (staff === 'nkvd-official') this.officials.push(id);
    else if (staff === 'gestapo-official') this.gestapo.push(id);
    if (roles.includes('witness')) this.witnesses.push(id);
    if (i === this.staffCount - 1) this.signHandovers();
  }

  /** Each shared handover is signed by an NKVD officer and received by a Gestapo official. */
  private signHandovers(): void {
    const nkvd = this.officials.length > 0 ? this.officials : this.perpetrators;
    this.refs.groupEventIds.forEach((eventId) => {
      if (nkvd.length > 0) this.participant(eventId, this.rng.pick(nkvd), 'signatory', 0);
      if (this.gestapo.length > 0) this.participant(eventId, this.rng.pick(this.gestapo), 'participant', 0);
    });
  }

  private listRows(
    personId: number,
    names: readonly GeneratedName[],
    nameIds: readonly number[],
    life: readonly LifeEvent[],
    eventIds: readonly number[],
  ): void {
    const { rng, ids, refs } = this;
    const theme = themeOf(life);
    const themed = life.findIndex((e) => e.type === THEME_EVENT[theme]);
    const birth = life[0]?.type === 'birth' ? life[0] : null;
    let citations = 0;
    const rows = Number(LIST_ROWS_PER_PERSON.draw(rng));
    for (let r = 0; r < rows; r++) {
      const candidates = refs.listsByTheme.get(theme);
      const list: ListSource =
        r === 0 && candidates && candidates.length > 0 && rng.chance(0.75)
          ? rng.pick(candidates)
          : rng.pick(refs.lists);
      const position = list.next++;
      const spelling = this.names.listSpelling(rng, names, list.cyrillic);
      const born = !birth ? '' : birth.date.min === birth.date.max ? dottedDay(birth.day) : birth.date.edtf.slice(0, 4);
      const event = themed >= 0 ? life[themed] : undefined;
      const remark = REMARKS[theme][list.cyrillic ? 0 : 1];
      const remarks =
        event && remark && event.date.min === event.date.max ? `${remark} ${dottedDay(event.day)}` : remark;
      const rowId = ids.list_rows++;
      const row = this.input.listRow;
      row.position = position;
      row.cells = { no: String(position), name: spelling.text, born, remarks };
      this.q.list_rows.pushRowWithId(rowId, listRowRow(list.id, row));
      const link = this.input.link;
      link.personId = personId;
      link.status = rng.chance(0.8) ? 'confirmed' : 'suggested';
      this.q.list_row_links.pushRow(listRowLinkRow(rowId, link));
      if (citations < MAX_CITATIONS) {
        this.citation('name', nameIds[spelling.index] as number, list.id, rowId);
        citations++;
      }
      // The list also supports the event it is about (not a shared handover: thousands cite that).
      if (r === 0 && event && event.group === null && citations < MAX_CITATIONS && rng.chance(0.5)) {
        this.citation('event', eventIds[themed] as number, list.id, rowId);
        citations++;
      }
    }
  }
}

/**
 * Queues the index entries of the persons and list rows a batch adds, in the batch's transaction
 * (the row writer is the generator's one way into the search code, see .dependency-cruiser.cjs).
 */
export function queueBatchIndexing(writer: { queue(table: TableName): RowQueue }): void {
  queueBulkBatch(writer);
}
