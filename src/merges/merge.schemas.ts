import { z } from 'zod';

/* The merge API's request and response bodies (src/merges/merge.api.ts), for validation and the OpenAPI document. */

const reason = z.string().trim().min(1).max(500);

export const mergeBody = z.object({
  into: z.number().int().positive().describe('The person that stays; the one in the path is merged into it.'),
  reason: reason.describe('Why the two records are one person.'),
});

export const unmergeBody = z.object({ reason: reason.optional() });

export const mergeResponse = z.object({
  merge: z.number().int().describe('The merge, to unmerge by.'),
  changeSet: z.number().int(),
  source: z.number().int().describe('The merged person; its address now answers 301 to the target.'),
  target: z.number().int(),
  url: z.string(),
});

export const unmergeResponse = z.object({
  merge: z.number().int(),
  changeSet: z.number().int(),
  source: z.number().int(),
  target: z.number().int(),
});
