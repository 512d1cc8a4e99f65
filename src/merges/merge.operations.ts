import { mergeBody, mergeResponse, unmergeBody, unmergeResponse } from './merge.schemas.ts';

/* The merge API's operations, in the shape of src/api/openapi.ts's ApiOperation (not imported, as in src/editing/editing.operations.ts). */

export const MERGE_OPERATIONS = [
  {
    method: 'post',
    path: '/persons/:id/merge',
    summary:
      'Merge this person into another: every statement, citation, event participation and list row moves to it, and this address answers 301 there',
    body: { schema: mergeBody, types: ['application/json'], description: 'The person that stays and why.' },
    response: mergeResponse,
    errors: {
      400: 'No reason, the same person, a person merged already, or a removed one.',
      404: 'No such person.',
    },
    auth: 'editor',
  },
  {
    method: 'post',
    path: '/persons/:id/unmerge',
    summary: 'Undo the merge of this (merged) person: both records as they were, with their events and list rows',
    body: { schema: unmergeBody, types: ['application/json'], description: 'An optional reason.' },
    response: unmergeResponse,
    errors: {
      400: 'The person is not merged, or the person it was merged into was merged on since.',
      404: 'No such person.',
    },
    auth: 'editor',
  },
] as const;
