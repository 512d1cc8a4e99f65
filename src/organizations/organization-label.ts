import type { Lang } from '../i18n/i18n.ts';

export interface OrganizationName {
  organization_id: number;
  name: string;
  abbreviation: string | null;
  lang: string;
}

/** The organization's name in the reader's language, else English, else the first recorded. */
export function organizationLabel(
  names: OrganizationName[],
  lang: Lang,
): { name: string; abbreviation: string | null } {
  const n = names.find((x) => x.lang === lang) ?? names.find((x) => x.lang === 'en') ?? names[0];
  return n ? { name: n.name, abbreviation: n.abbreviation } : { name: '?', abbreviation: null };
}
