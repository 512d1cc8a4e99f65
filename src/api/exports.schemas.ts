import { z } from 'zod';
import { CITATION_FORMATS } from '../citations/citation-formats.ts';
import { langQuery } from './records.schemas.ts';

/** Requests and responses of the downloads: citations and GEDCOM. */

const blank = (v: unknown) => (v === '' ? undefined : v);

export const citationQuery = langQuery.extend({
  format: z
    .preprocess(blank, z.enum(Object.keys(CITATION_FORMATS) as [keyof typeof CITATION_FORMATS]).default('csl-json'))
    .describe('csl-json (Citation Style Language 1.0.2), bibtex or ris.'),
});

const cslName = z.object({
  family: z.string().optional(),
  given: z.string().optional(),
  literal: z.string().optional(),
});
const cslDate = z.object({
  'date-parts': z.array(z.array(z.union([z.number(), z.string()]))).optional(),
  circa: z.boolean().optional(),
  literal: z.string().optional(),
  raw: z.string().optional(),
});

export const cslItems = z
  .array(
    z
      .object({
        id: z.string(),
        type: z.string(),
        title: z.string(),
        author: z.array(cslName).optional(),
        'container-title': z.string().optional(),
        publisher: z.string().optional(),
        'publisher-place': z.string().optional(),
        issued: cslDate.optional(),
        accessed: cslDate.optional(),
        URL: z.string().optional(),
        language: z.string().optional(),
        archive: z.string().optional(),
        archive_location: z.string().optional(),
        note: z.string().optional(),
        license: z.string().optional(),
      })
      .describe('A CSL-JSON item.'),
  )
  .describe('CSL-JSON: an array of one item.');

export const gedcomQuery = langQuery;
