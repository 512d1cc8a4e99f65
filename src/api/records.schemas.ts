import { z } from 'zod';
import { LANGS } from '../i18n/i18n.ts';
import { FATES, SEXES } from '../persons/person.ts';
import { RANKS } from '../statements/rank.ts';
import { limitParam } from './api.schemas.ts';

/*
 * Requests and responses of the record reads (/persons/{id}, /events/{id}, /places …). Every
 * record carries its permanent page address and the data licence.
 */

const blank = (v: unknown) => (v === '' ? undefined : v);
const edtf = z.string().nullable().describe('EDTF date (1937-11-20, 1940-05, 1931~, 193X, 1939/1940).');

export const langQuery = z.object({
  lang: z
    .preprocess(blank, z.enum(LANGS).default('en'))
    .describe('Language of labels, place names, biographies and descriptions.'),
});

export const pageQuery = langQuery.extend({
  limit: limitParam(50),
  offset: z
    .preprocess(blank, z.coerce.number().int('a whole number').min(0, 'not negative').default(0))
    .describe('Records to skip.'),
});

export const licence = z
  .object({ name: z.string(), url: z.url().nullable() })
  .describe('The terms under which the data may be reused.');

const ref = z.object({ id: z.number().int(), name: z.string() });

export const citation = z
  .object({
    source: z.number().int().describe('Id of the source (see /sources/{id}).'),
    locator: z.string().nullable().describe('Page, folio or other place in the source.'),
    listRow: z.number().int().nullable().describe('Position of the supporting row, when the source is a list.'),
    quote: z.string().nullable(),
    note: z.string().nullable(),
  })
  .describe('Where a statement is found.');

/** What every statement has: a rank among conflicting statements, a note, its citations. */
const statement = z.object({
  id: z.number().int(),
  rank: z.enum(RANKS).describe('preferred, normal, or deprecated (a known error in a source).'),
  note: z.string().nullable(),
  citations: z.array(citation),
});

export const sourceSummary = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  reference: z.string().describe('The full reference as text; archival form for archival units.'),
  externalUrl: z.string().nullable().describe('Where the source itself is online.'),
});

const eventCore = statement.extend({
  type: z.string(),
  date: edtf,
  dateText: z.string().nullable().describe('The date in the words of the source, where it gives words.'),
  place: z
    .object({ id: z.number().int(), name: z.string(), today: z.string().nullable() })
    .nullable()
    .describe('Named as it was called at the time; today’s name beside it when different.'),
  placeText: z.string().nullable().describe('The place as the source writes it.'),
  organization: ref.extend({ abbreviation: z.string().nullable() }).nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  description: z.string().nullable(),
  participants: z.array(
    z.object({ person: z.number().int(), name: z.string(), role: z.string(), note: z.string().nullable() }),
  ),
  participantCount: z.number().int().describe('Published participants in all (a timeline lists the first few).'),
});

export const event = eventCore.extend({
  variants: z.array(eventCore).describe('Other sources’ accounts of the same event, best rank first.'),
});

export const personRecord = z.object({
  id: z.number().int(),
  url: z.url().describe('The permanent address of the person’s page.'),
  name: z.string(),
  sortName: z.string(),
  sex: z.enum(SEXES),
  fate: z.enum(FATES).nullable(),
  roles: z.array(z.string()),
  biography: z.string().nullable(),
  updatedAt: z.string(),
  names: z.array(
    statement.extend({
      kind: z.string().describe('birth, married, used, alias, pseudonym, as-written, transliteration …'),
      full: z.string(),
      given: z.string().nullable(),
      surname: z.string().nullable(),
      patronymic: z.string().nullable(),
      lang: z.string().nullable().describe('BCP 47 tag of the name’s language and script.'),
      valid: edtf,
    }),
  ),
  events: z.array(event),
  attributes: z.array(
    statement.extend({
      type: z.string(),
      value: z.string(),
      date: edtf,
      organization: ref.nullable(),
      variants: z.array(statement.extend({ value: z.string(), date: edtf })),
    }),
  ),
  relationships: z.array(
    statement.extend({
      type: z.string().describe('Seen from this person: parent, child, spouse, partner, sibling …'),
      person: ref.nullable().describe('The related person, when recorded in the archive.'),
      name: z.string().nullable().describe('The related person’s name, when not recorded in the archive.'),
      date: edtf,
      variants: z.array(statement.extend({ type: z.string(), date: edtf })),
    }),
  ),
  listRows: z.array(
    z.object({
      list: z.number().int(),
      listTitle: z.string(),
      position: z.number().int(),
      cells: z.array(z.object({ label: z.string(), value: z.string() })),
      status: z.string().nullable().describe('suggested or confirmed link to this person.'),
    }),
  ),
  sources: z.array(sourceSummary),
  licence,
});

export const eventRecord = event.extend({ url: z.url(), sources: z.array(sourceSummary), licence });

const placeSummary = z.object({ id: z.number().int(), kind: z.string(), name: z.string() });

export const placeRecord = placeSummary.extend({
  url: z.url(),
  names: z.array(
    z.object({
      name: z.string(),
      lang: z.string(),
      kind: z.string().describe('current, historical or variant.'),
      valid: edtf,
    }),
  ),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  wikidata: z.string().nullable(),
  geonames: z.string().nullable(),
  note: z.string().nullable(),
  parent: placeSummary.nullable(),
  children: z.array(placeSummary),
  events: z.array(event).describe('What happened there, earliest first (at most 200).'),
  licence,
});

const organizationSummary = placeSummary.extend({ abbreviation: z.string().nullable() });

export const organizationRecord = organizationSummary.extend({
  url: z.url(),
  names: z.array(z.object({ name: z.string(), abbreviation: z.string().nullable(), lang: z.string() })),
  wikidata: z.string().nullable(),
  gnd: z.string().nullable(),
  note: z.string().nullable(),
  parent: organizationSummary.nullable(),
  events: z.array(event),
  members: z.array(z.object({ person: z.number().int(), name: z.string(), type: z.string(), value: z.string() })),
  licence,
});

const listColumn = z.object({
  key: z.string(),
  label: z.string(),
  role: z
    .string()
    .nullable()
    .optional()
    .describe('What the column holds (surname, given, birth …); absent: kept as written only.'),
});

export const sourceRecord = sourceSummary.extend({
  url: z.url(),
  asOf: z.string().nullable().describe('For a list: the EDTF date it gives as its state.'),
  authors: z.string().nullable(),
  container: z.string().nullable(),
  date: edtf,
  archival: z.string().nullable().describe('Archive, fond, opis, delo, folios, as archivists cite them.'),
  accessed: z.string().nullable(),
  language: z.string().nullable(),
  note: z.string().nullable(),
  columns: z.array(listColumn).describe('A list’s columns; its rows are at /lists/{id}/rows.'),
  rowCount: z.number().int(),
  texts: z.array(z.object({ kind: z.string(), lang: z.string(), text: z.string(), note: z.string().nullable() })),
  citedBy: z.array(
    z.object({
      type: z.string().describe('The kind of statement: person (biography), name, event, attribute, relationship.'),
      record: z.object({ kind: z.enum(['persons', 'events']), id: z.number().int() }),
      label: z.string(),
      eventType: z.string().nullable(),
      date: edtf,
      locator: z.string().nullable(),
      quote: z.string().nullable(),
    }),
  ),
  licence,
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), results: z.array(item) });

export const placesResponse = page(placeSummary.extend({ url: z.url() }));
export const organizationsResponse = page(organizationSummary.extend({ url: z.url() }));
export const sourcesResponse = page(sourceSummary.extend({ url: z.url() }));

export const sourcesQuery = pageQuery.extend({
  kind: z.preprocess(blank, z.string().max(40).optional()).describe('Only sources of this kind (book, list …).'),
});

export const listRowsQuery = pageQuery.extend({
  format: z
    .preprocess(blank, z.enum(['json', 'csv']).default('json'))
    .describe('csv: every row as RFC 4180 CSV, streamed (limit and offset do not apply).'),
  bom: z
    .preprocess(blank, z.enum(['0', '1', 'true', 'false']).optional())
    .describe('With format=csv: start with a byte-order mark, for spreadsheet programs.'),
});

export const listRowsResponse = page(
  z.object({
    position: z.number().int(),
    folio: z.string().nullable().describe('The page or folio the row is on, where known.'),
    cells: z.record(z.string(), z.string()).describe('Cell values by column key, exactly as written.'),
    person: ref.nullable().describe('The first person the row names (see links for all of them).'),
    status: z.string().nullable().describe('That link’s status: suggested or confirmed.'),
    links: z
      .array(
        z.object({
          person: z.number().int().describe('The person’s id.'),
          name: z.string(),
          status: z.enum(['suggested', 'confirmed']),
          weight: z.number().nullable().describe('The match weight (log2) when the machine proposed the link.'),
        }),
      )
      .describe('Every published person the row names (a row may name several), by suggested and confirmed links.'),
    note: z.string().nullable(),
  }),
).extend({ list: z.number().int(), columns: z.array(listColumn) });
