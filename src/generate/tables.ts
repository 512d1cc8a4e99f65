import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WeightedTable } from './prng.ts';

/** The frequency tables, places and organizations under data/generate. */
export const GENERATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/generate');

/** Where a synthetic person's names come from; also the file suffix of its tables. */
export const ORIGINS = ['de', 'at', 'pl', 'yi', 'hu', 'ru', 'uk'] as const;
export type Origin = (typeof ORIGINS)[number];

export type Sex = 'male' | 'female';

export interface Surname {
  name: string;
  /** A conventional Cyrillic form where the clerk's rules would get it wrong (Cohen → Коган). */
  cyrillic: string | null;
}

export interface GivenName {
  sex: Sex;
  name: string;
  /** The conventional Russian form (Johann → Иоганн, Микола → Николай). */
  cyrillic: string | null;
  /** The forms Soviet files used where they differ from `cyrillic`, the usual one first (Johann → Иоган). */
  written: string[];
  /** The Russian name a clerk put in a patronymic in its place (Johann → Иван, so Иванович). */
  russified: string | null;
  /** The patronymic a child of this man gets, male and female, in the name's own language. */
  patronymic: [string, string] | null;
  diminutives: string[];
  /** The Yiddish form (YIVO romanization), for Jewish names. */
  yiddish: string | null;
}

export interface OriginTables {
  surnames: WeightedTable<Surname>;
  given: Record<Sex, WeightedTable<GivenName>>;
  /** Russian given names by name, for patronymics of Ukrainian names' Russian forms. */
  givenByName: Map<string, GivenName>;
  heads: string[];
  tails: string[];
}

export interface PlaceNameSpec {
  lang: string;
  kind: 'current' | 'historical' | 'variant';
  name: string;
  valid: string | null;
}

export interface PlaceSpec {
  key: string;
  kind: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  parent: string | null;
  uses: string[];
  names: PlaceNameSpec[];
}

export interface OrganizationSpec {
  key: string;
  kind: string;
  place: string | null;
  uses: string[];
  names: { lang: string; name: string; abbreviation: string | null }[];
}

export interface Tables {
  origins: Record<Origin, OriginTables>;
  places: PlaceSpec[];
  organizations: OrganizationSpec[];
  /** Folded surname fragments that are never generated (see reserved-surnames.tsv). */
  reserved: string[];
}

type Row = Record<string, string>;

/** Rows of a tab-separated file with a header line; `#` lines and blank lines are comments. */
export function readTsv(file: string): Row[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    const row: Row = {};
    header.forEach((h, i) => {
      row[h] = (cells[i] ?? '').trim();
    });
    return row;
  });
}

const orNull = (s: string | undefined) => (s ? s : null);
const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

/**
 * Lowercase without diacritics, as reserved-surnames.tsv is written. The generator keeps its own
 * folding apart from the search's (src/names/spelling/), which it must not be built from.
 */
function fold(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

function isReserved(name: string, reserved: string[]): boolean {
  const folded = fold(name);
  return reserved.some((r) => folded.includes(r));
}

function weighted<T>(rows: { item: T; weight: number }[]): WeightedTable<T> {
  return new WeightedTable(
    rows.map((r) => r.item),
    rows.map((r) => r.weight),
  );
}

function loadOrigin(dir: string, origin: Origin, reserved: string[], parts: Row[]): OriginTables {
  const surnames = readTsv(path.join(dir, `surnames-${origin}.tsv`))
    .filter((r) => r.name && !isReserved(r.name, reserved))
    .map((r) => ({ item: { name: r.name as string, cyrillic: orNull(r.cyrillic) }, weight: Number(r.weight) }));
  const given = readTsv(path.join(dir, `given-${origin}.tsv`)).map((r) => {
    const [m, f] = (r.patronymic ?? '').split('/');
    const item: GivenName = {
      sex: r.sex === 'f' ? 'female' : 'male',
      name: r.name as string,
      cyrillic: orNull(r.cyrillic ?? r.russian),
      written: list(r.written),
      russified: orNull(r.russified),
      patronymic: m && f !== undefined ? [m, f] : null,
      diminutives: list(r.diminutives),
      yiddish: orNull(r.yiddish),
    };
    return { item, weight: Number(r.weight) };
  });
  const mine = parts.filter((p) => p.group === origin);
  return {
    surnames: weighted(surnames),
    given: {
      male: weighted(given.filter((g) => g.item.sex === 'male')),
      female: weighted(given.filter((g) => g.item.sex === 'female')),
    },
    givenByName: new Map(given.map((g) => [g.item.name, g.item])),
    heads: mine.filter((p) => p.slot === 'head').map((p) => p.text as string),
    tails: mine.filter((p) => p.slot === 'tail').map((p) => p.text as string),
  };
}

function parsePlaceNames(spec: string): PlaceNameSpec[] {
  return spec.split(';').map((entry) => {
    const eq = entry.indexOf('=');
    let lang = entry.slice(0, eq);
    let kind: PlaceNameSpec['kind'] = 'current';
    if (lang.endsWith('*')) kind = 'historical';
    if (lang.endsWith('+')) kind = 'variant';
    lang = lang.replace(/[*+]$/, '');
    const [name, valid] = entry.slice(eq + 1).split('@');
    return { lang, kind, name: (name ?? '').trim(), valid: orNull(valid) };
  });
}

function loadPlaces(file: string): PlaceSpec[] {
  return readTsv(file).map((r) => ({
    key: r.key as string,
    kind: r.kind as string,
    country: orNull(r.country),
    lat: r.lat ? Number(r.lat) : null,
    lon: r.lon ? Number(r.lon) : null,
    parent: orNull(r.parent),
    uses: list(r.uses),
    names: parsePlaceNames(r.names as string),
  }));
}

function loadOrganizations(file: string): OrganizationSpec[] {
  return readTsv(file).map((r) => ({
    key: r.key as string,
    kind: r.kind as string,
    place: orNull(r.place),
    uses: list(r.uses),
    names: (r.names as string).split(';').map((entry) => {
      const eq = entry.indexOf('=');
      const [name, abbreviation] = entry.slice(eq + 1).split('|');
      return { lang: entry.slice(0, eq), name: (name ?? '').trim(), abbreviation: orNull(abbreviation) };
    }),
  }));
}

const cache = new Map<string, Tables>();

/** Reads every table once per process. */
export function loadTables(dir: string = GENERATE_DIR): Tables {
  const cached = cache.get(dir);
  if (cached) return cached;
  const reserved = readTsv(path.join(dir, 'reserved-surnames.tsv')).map((r) => r.folded as string);
  const parts = readTsv(path.join(dir, 'surname-parts.tsv'));
  const origins = Object.fromEntries(ORIGINS.map((o) => [o, loadOrigin(dir, o, reserved, parts)])) as Record<
    Origin,
    OriginTables
  >;
  const tables: Tables = {
    origins,
    places: loadPlaces(path.join(dir, 'places.tsv')),
    organizations: loadOrganizations(path.join(dir, 'organizations.tsv')),
    reserved,
  };
  cache.set(dir, tables);
  return tables;
}
