import { z } from 'zod';
import { LANGS } from '../i18n/i18n.ts';
import { MATCH_HOWS } from '../names/name-match.ts';
import { FATES } from '../persons/person.ts';
import { searchFiltersSchema } from '../search/names/person-search.schema.ts';
import { TEXT_KINDS } from '../search/texts/text-index.ts';

/*
 * The API's requests and responses as zod schemas: routes validate with them and type their
 * answers by them, and the OpenAPI document (openapi.ts) is generated from them.
 */

export const MAX_LIMIT = 100;

const blank = (v: unknown) => (v === '' ? undefined : v);

/** A page size; larger ones are capped rather than refused, so a client asking for "all" still gets a page. */
export const limitParam = (byDefault: number) =>
  z
    .preprocess(blank, z.coerce.number().int('a whole number').min(1, 'at least 1').default(byDefault))
    .transform((n) => Math.min(n, MAX_LIMIT))
    .describe(`Page size, 1–${MAX_LIMIT} (larger values are capped).`);

export const personsQuery = searchFiltersSchema.extend({
  limit: limitParam(20),
  offset: z
    .preprocess(
      blank,
      z.coerce.number().int('a whole number').min(0, 'not negative').max(10_000, 'at most 10000').default(0),
    )
    .describe('Results to skip, 0–10000.'),
  lang: z
    .preprocess(blank, z.enum(LANGS).default('en'))
    .describe('Language in which places (the birth place) are named.'),
  format: z
    .preprocess(blank, z.enum(['json', 'csv']).default('json'))
    .describe(
      'csv: every result as RFC 4180 CSV, streamed, in the order of the page, as far as the search pages (limit and offset do not apply).',
    ),
  bom: z
    .preprocess(blank, z.enum(['0', '1', 'true', 'false']).optional())
    .describe('With format=csv: start with a byte-order mark, for spreadsheet programs.'),
});

/** A facet's values with their counts; the values are those of the filter of the same name. */
const facet = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const personsResponse = z.object({
  total: z
    .number()
    .int()
    .describe('Matches counted: spellings of the name up to 10,000, sound-alikes and near spellings as far as read.'),
  totalIsLowerBound: z
    .boolean()
    .describe('True when there are more matches than counted: more than 10,000, or more sound-alikes than were read.'),
  limit: z.number().int(),
  offset: z.number().int(),
  results: z.array(
    z.object({
      id: z.number().int(),
      url: z.url().describe('The permanent address of the person’s page.'),
      name: z.string(),
      sortName: z.string(),
      fate: z.enum(FATES).nullable(),
      born: z
        .string()
        .nullable()
        .describe('Date of birth as EDTF (1910-11-12, 1910, 1910~), as the main account gives it.'),
      died: z.string().nullable().describe('Date of death or execution as EDTF.'),
      birthPlace: z.string().nullable().describe('Place of birth, named as it was called then.'),
      matched: z
        .object({ name: z.string().describe('The stored name that matched best.'), how: z.enum(MATCH_HOWS) })
        .nullable(),
    }),
  ),
  facets: z.object({ fate: facet, role: facet, sex: facet, event: facet }),
  facetBase: z.number().int().describe('How many matches the facet counts cover (all of them when equal to total).'),
});

export const textsResponse = z.object({
  total: z.number().int(),
  results: z.array(
    z.object({
      kind: z.enum(TEXT_KINDS),
      href: z.object({
        kind: z.enum(['persons', 'events', 'sources']),
        id: z.number().int(),
        anchor: z.string().optional(),
      }),
      title: z.string(),
      eventDate: z.string().nullable().describe('EDTF date of an event.'),
      rowPosition: z.number().int().nullable().describe('Position of a list row in its list.'),
      person: z.object({ id: z.number().int(), name: z.string() }).nullable(),
      lang: z.string().nullable(),
      snippet: z.string().describe('The matching passage, the matched words in [brackets].'),
    }),
  ),
});

export const errorResponse = z.object({
  error: z.object({
    code: z.enum([
      'bad_request',
      'unauthorized',
      'invalid_token',
      'forbidden',
      'csrf',
      'not_found',
      'not_acceptable',
      'gone',
      'conflict',
      'precondition_failed',
      'too_large',
      'too_many_requests',
      'unavailable',
      'internal',
    ]),
    message: z.string(),
  }),
});

export const datesQuery = z.object({
  edtf: z
    .string()
    .max(100, 'at most 100 characters')
    .describe('A date in EDTF (1937-11-20, 1940-05, 1931~, 1939/1940).'),
});

export const datesResponse = z.object({
  edtf: z.string(),
  valid: z.boolean().describe('False when the value is not a possible EDTF date.'),
  min: z.string().nullable().describe('The earliest day the date can mean, YYYY-MM-DD.'),
  max: z.string().nullable().describe('The latest day the date can mean, YYYY-MM-DD.'),
  words: z
    .object({ en: z.string(), de: z.string(), ru: z.string() })
    .nullable()
    .describe('How the date reads in English, German and Russian.'),
});
