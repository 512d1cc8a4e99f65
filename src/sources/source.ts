export const SOURCE_KINDS = ['book', 'article', 'web', 'interview', 'archival', 'list', 'document', 'note'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
