/** Kinds of name statement; `as-written` is a spelling found in one source. */
export const NAME_KINDS = ['birth', 'married', 'used', 'alias', 'pseudonym', 'as-written', 'transliteration'] as const;
export type NameKind = (typeof NAME_KINDS)[number];
