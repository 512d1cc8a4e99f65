/** The terms under which the archive's data may be reused, stated on every page and in every export. */
export interface DataLicence {
  /** SPDX identifier when the licence is a known one (`CC-BY-4.0`), else null. */
  spdx: string | null;
  /** Short name for people: `CC BY 4.0`. */
  name: string;
  /** Where the licence text is; null when only a name was configured. */
  url: string | null;
}

const KNOWN: Record<string, Omit<DataLicence, 'spdx'>> = {
  'CC-BY-4.0': { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  'CC-BY-SA-4.0': { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
  'CC-BY-NC-4.0': { name: 'CC BY-NC 4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/' },
  'CC0-1.0': { name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'ODbL-1.0': { name: 'ODbL 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' },
};

export const DEFAULT_LICENCE = 'CC-BY-4.0';

/**
 * Reads `FATES_DATA_LICENCE`: an SPDX identifier of a common data licence (`CC-BY-SA-4.0`), or
 * any name followed by the address of its text (`Own terms https://example.org/terms`).
 */
export function parseLicence(value: string | undefined): DataLicence {
  const raw = value?.trim() || DEFAULT_LICENCE;
  const known = Object.entries(KNOWN).find(([id]) => id.toLowerCase() === raw.toLowerCase());
  if (known) return { spdx: known[0], ...known[1] };
  const match = /^(.*?)\s*(https?:\/\/\S+)$/.exec(raw);
  if (match) return { spdx: null, name: match[1] || match[2] || raw, url: match[2] ?? null };
  return { spdx: null, name: raw, url: null };
}

let current: DataLicence | undefined;

/** The configured licence, read from the environment once per process. */
export function dataLicence(): DataLicence {
  current ??= parseLicence(process.env.FATES_DATA_LICENCE);
  return current;
}

/** One line for plain-text exports: `Data: CC BY 4.0 (https://…)`. */
export function licenceLine(licence: DataLicence = dataLicence()): string {
  return licence.url ? `${licence.name} (${licence.url})` : licence.name;
}

/** The HTTP `Link` header naming the licence, for answers whose body has no place for it. */
export function licenceLinkHeader(licence: DataLicence = dataLicence()): Record<string, string> {
  return licence.url ? { link: `<${licence.url}>; rel="license"` } : {};
}
