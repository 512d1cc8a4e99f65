import { z } from 'zod';
import { EVENT_TYPES } from '../../events/event.ts';
import { FATES, PERSON_ROLES, SEXES } from '../../persons/person.ts';

const blank = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const id = z.coerce.number().int('a whole number').min(1, 'a positive id').max(Number.MAX_SAFE_INTEGER);
const period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'a year (1940) or a month (1940-05)');

/** Search and filter parameters, shared by the persons page and the API; they document both. */
export const searchFiltersSchema = z.object({
  q: optional(z.string().max(500, 'at most 500 characters')).describe(
    'Name in any spelling or script; best match first.',
  ),
  fate: optional(z.enum(FATES)).describe('Fate.'),
  role: optional(z.enum(PERSON_ROLES)).describe('Role.'),
  sex: optional(z.enum(SEXES)).describe('Sex.'),
  event: optional(z.enum(EVENT_TYPES)).describe('Event type the person took part in.'),
  from: optional(period).describe('With event: start of the period (YYYY or YYYY-MM).'),
  to: optional(period).describe('With event: end of the period (YYYY or YYYY-MM).'),
  place: optional(id).describe('Place id; places within it count.'),
  organization: optional(id).describe('Organization id.'),
  source: optional(id).describe('Source or list id.'),
  sort: z
    .preprocess(blank, z.enum(['relevance', 'name']).optional())
    .describe('relevance (the default with q) or name.'),
});

export type SearchFiltersInput = z.infer<typeof searchFiltersSchema>;

export const FILTER_KEYS = ['fate', 'role', 'sex', 'event', 'from', 'to', 'place', 'organization', 'source'] as const;
