/** What a medium shows: a photograph, a scan of a paper (letter, certificate), or a document file (PDF). */
export const MEDIA_KINDS = ['photo', 'scan', 'document'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * The licences a contributor may grant for publishing what they sent; `archive-only` lets this
 * archive show it and reserves every other right.
 */
export const LICENCES = ['cc-by-4.0', 'cc-by-sa-4.0', 'cc0-1.0', 'archive-only'] as const;
export type Licence = (typeof LICENCES)[number];

/** Each licence's key in the message catalogs (contribute.licences, contribute.licenceShort). */
export const LICENCE_KEYS = {
  'cc-by-4.0': 'ccBy',
  'cc-by-sa-4.0': 'ccBySa',
  'cc0-1.0': 'cc0',
  'archive-only': 'archiveOnly',
} as const satisfies Record<Licence, string>;

/** A licence's key in the message catalogs; unknown values read as `archive-only`, the narrowest. */
export function licenceKey(licence: string): (typeof LICENCE_KEYS)[Licence] {
  return LICENCE_KEYS[licence as Licence] ?? 'archiveOnly';
}

/** Where each licence's terms are, for the link beside a credit. */
export const LICENCE_URLS: Record<Licence, string | null> = {
  'cc-by-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'cc-by-sa-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'cc0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'archive-only': null,
};

/** The file types accepted, told from their content, never from their name. */
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

export const EXTENSIONS: Record<AcceptedType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** The sizes a medium is kept in. */
export const VARIANTS = ['original', 'web', 'thumb'] as const;
export type Variant = (typeof VARIANTS)[number];

export function isImage(mime: string): boolean {
  return mime.startsWith('image/');
}
