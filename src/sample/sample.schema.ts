import { z } from 'zod';
import { isValidEdtf } from '../dates/edtf.ts';
import { EVENT_TYPES, PARTICIPANT_ROLES } from '../events/event.ts';
import { NAME_KINDS } from '../names/name.ts';
import { ATTRIBUTE_TYPES, FATES, PERSON_ROLES, RELATIONSHIP_TYPES } from '../persons/person.ts';
import { PLACE_KINDS } from '../places/place.ts';
import { SOURCE_KINDS } from '../sources/source.ts';
import { RANKS } from '../statements/rank.ts';

/*
 * The format of the human-editable files in data/sample/. Records refer to each other by `key`
 * (lower-case, hyphenated), never by database id, so files stay readable and reviewable.
 */

const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');
const text = z.string().trim().min(1);
const edtf = z.string().refine(isValidEdtf, { message: 'not a valid EDTF date' });
const lang = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'use a BCP 47 tag such as de, ru or ru-Latn');
const localized = z.partialRecord(z.enum(['en', 'de', 'ru']), text);

/** A citation: a source key alone, or the source with a locator, list row, quote and note. */
export const citationSchema = z.union([
  key,
  z.strictObject({
    source: key,
    locator: text.optional(),
    /** Position of the supporting row when the source is a list. */
    row: z.number().int().positive().optional(),
    quote: text.optional(),
    note: text.optional(),
  }),
]);
const cites = z.array(citationSchema).optional();

const statement = {
  rank: z.enum(RANKS).optional(),
  /** Editorial note; for a deprecated statement, the correction. */
  note: text.optional(),
  cite: cites,
};

export const nameSchema = z.strictObject({
  kind: z.enum(NAME_KINDS),
  given: text.optional(),
  surname: text.optional(),
  patronymic: text.optional(),
  /** The name exactly as written, when it is not simply "given patronymic surname". */
  full: text.optional(),
  lang: lang.optional(),
  valid: edtf.optional(),
  ...statement,
});

const participantSchema = z.strictObject({
  person: key,
  role: z.enum(PARTICIPANT_ROLES),
  note: text.optional(),
});

const eventFields = {
  type: z.enum(EVENT_TYPES),
  date: edtf.optional(),
  /** The date in the source's own words. */
  date_text: text.optional(),
  place: key.optional(),
  /** The place as the source writes it (for errors such as "Ravensburg"). */
  place_text: text.optional(),
  organization: key.optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  description: localized.optional(),
  ...statement,
};

/** Another source's differing account of an event: only the fields that differ. */
export const eventVariantSchema = z.strictObject({
  ...eventFields,
  type: z.enum(EVENT_TYPES).optional(),
});

export const eventSchema = z.strictObject({
  key,
  ...eventFields,
  /** May be empty for events whose participants no source names (a conference, a resolution). */
  participants: z.array(participantSchema),
  variants: z.array(eventVariantSchema).optional(),
});

/** An event inside a person's file: the person is its subject unless `role` says otherwise. */
export const personEventSchema = z.strictObject({
  key: key.optional(),
  ...eventFields,
  role: z.enum(PARTICIPANT_ROLES).optional(),
  participants: z.array(participantSchema).optional(),
  variants: z.array(eventVariantSchema).optional(),
});

const attributeFields = {
  type: z.enum(ATTRIBUTE_TYPES),
  value: text,
  organization: key.optional(),
  place: key.optional(),
  date: edtf.optional(),
  ...statement,
};
export const attributeSchema = z.strictObject({
  ...attributeFields,
  variants: z
    .array(z.strictObject({ ...attributeFields, type: z.enum(ATTRIBUTE_TYPES).optional(), value: text.optional() }))
    .optional(),
});

const relationshipFields = {
  type: z.enum(RELATIONSHIP_TYPES),
  person: key.optional(),
  /** A relative without a record of their own. */
  name: text.optional(),
  date: edtf.optional(),
  ...statement,
};
export const relationshipSchema = z
  .strictObject({
    ...relationshipFields,
    variants: z
      .array(z.strictObject({ ...relationshipFields, type: z.enum(RELATIONSHIP_TYPES).optional() }))
      .optional(),
  })
  .refine((r) => Boolean(r.person) !== Boolean(r.name), {
    message: 'give either person (a key) or name, not both',
  });

export const personSchema = z.strictObject({
  key,
  display: text,
  /** "Surname, Given" for the alphabetical index. */
  sort: text,
  sex: z.enum(['male', 'female', 'unknown']),
  roles: z.array(z.enum(PERSON_ROLES)).min(1),
  status: z.enum(['draft', 'published']).optional(),
  fate: z.enum(FATES).optional(),
  biography: localized.optional(),
  cite: cites,
  names: z.array(nameSchema).min(1),
  events: z.array(personEventSchema).optional(),
  attributes: z.array(attributeSchema).optional(),
  relationships: z.array(relationshipSchema).optional(),
});

export const placeSchema = z.strictObject({
  key,
  kind: z.enum(PLACE_KINDS),
  parent: key.optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  geonames: z.string().regex(/^\d+$/).optional(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/)
    .optional(),
  note: text.optional(),
  names: z
    .array(
      z.strictObject({
        name: text,
        lang,
        kind: z.enum(['current', 'historical', 'variant']),
        valid: edtf.optional(),
      }),
    )
    .min(1),
});

export const organizationSchema = z.strictObject({
  key,
  kind: text,
  parent: key.optional(),
  place: key.optional(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/)
    .optional(),
  gnd: text.optional(),
  note: text.optional(),
  names: z.array(z.strictObject({ name: text, abbreviation: text.optional(), lang })).min(1),
});

const listColumn = z.strictObject({ key, label: text });

export const sourceSchema = z
  .strictObject({
    key,
    kind: z.enum(SOURCE_KINDS),
    title: text,
    authors: text.optional(),
    container: text.optional(),
    publisher: text.optional(),
    publication_place: text.optional(),
    date: edtf.optional(),
    url: z.url().optional(),
    accessed: edtf.optional(),
    language: lang.optional(),
    archive: text.optional(),
    fond: text.optional(),
    opis: text.optional(),
    delo: text.optional(),
    folios: text.optional(),
    parent: key.optional(),
    note: text.optional(),
    columns: z.array(listColumn).min(1).optional(),
    rows: z
      .array(
        z
          .strictObject({
            cells: z.record(z.string(), z.string()),
            /** The one person the row names (with `link`), or `links` for several. */
            person: key.optional(),
            link: z.enum(['suggested', 'confirmed', 'rejected']).optional(),
            links: z
              .array(z.strictObject({ person: key, status: z.enum(['suggested', 'confirmed', 'rejected']).optional() }))
              .min(1)
              .optional(),
            folio: text.optional(),
            note: text.optional(),
          })
          .refine((r) => !(r.person && r.links), { message: 'give person or links, not both', path: ['links'] }),
      )
      .optional(),
    texts: z
      .array(
        z.strictObject({
          kind: z.enum(['transcription', 'translation']),
          lang,
          text,
          note: text.optional(),
        }),
      )
      .optional(),
  })
  .refine((s) => (s.kind === 'list') === Boolean(s.columns), {
    message: 'a list needs columns, and only a list has them',
    path: ['columns'],
  });

export type SampleCitation = z.infer<typeof citationSchema>;
export type SampleName = z.infer<typeof nameSchema>;
export type SampleEvent = z.infer<typeof eventSchema>;
export type SamplePersonEvent = z.infer<typeof personEventSchema>;
export type SampleEventVariant = z.infer<typeof eventVariantSchema>;
export type SamplePerson = z.infer<typeof personSchema>;
export type SamplePlace = z.infer<typeof placeSchema>;
export type SampleOrganization = z.infer<typeof organizationSchema>;
export type SampleSource = z.infer<typeof sourceSchema>;
