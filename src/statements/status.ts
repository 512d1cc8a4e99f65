/** Publication status of a record or statement: a draft is seen only by signed-in editors. */
export const STATUSES = ['draft', 'published'] as const;
export type Status = (typeof STATUSES)[number];
