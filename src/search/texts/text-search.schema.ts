import { z } from 'zod';

/** The prose search's one parameter, shared by the search page and the API. */
export const textQuery = z.object({
  q: z
    .string()
    .max(500, 'at most 500 characters')
    .default('')
    .describe('Words that must all occur; case and accents ignored.'),
});
