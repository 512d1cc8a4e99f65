/**
 * The text-analysis API of name search: the keys a stored name is indexed under, and the keys a
 * query word is looked up by.
 *
 * Keys live in four namespaces:
 * - bare folded words: `neumann`, `ежов`, and the folded transliterations of Cyrillic (`jeschow`)
 *   and umlaut spellings (`thuering`), so a typed spelling meets a stored one directly;
 * - `g:<group>` given-name groups (`g:wilhelm`);
 * - `s:<skeleton>` cross-script skeletons (`s:exev`);
 * - `dm:<code>` Daitch–Mokotoff and `k:<code>` Cologne codes.
 *
 * Ranking intent: exact > variant > translit > phonetic > fuzzy (trigrams, done by the index).
 * A query key and a stored key with the same string match at the weaker of their two kinds (a
 * query's exact `jeschow` meeting a stored Ежов's translit `jeschow` is a translit match). Score a
 * person by the best level each query term reaches, summed over terms, surname matches above
 * given-name ones, and let trigram similarity on the folded surname rank what no key reaches.
 */
import { parseNameForm, type WordRole } from './name-form.ts';
import { givenNameGroup } from './spelling/given-names.ts';
import { foldName, hasCyrillic, type Token, umlautVariants, words } from './spelling/normalize.ts';
import { phoneticKeys } from './spelling/phonetic.ts';
import { skeletonKeys } from './spelling/skeleton.ts';
import { QUERY_SCHEME_IDS, SCHEME_IDS, transliterate } from './spelling/transliterate.ts';

export { trigrams } from './spelling/trigrams.ts';

export type KeyKind = 'exact' | 'variant' | 'translit' | 'phonetic';
/** Which part of a stored name a key comes from; `other` is a name not split into parts. */
export type NameField = 'surname' | 'given' | 'patronymic' | 'other';
export interface NameKey {
  field: NameField;
  kind: KeyKind;
  key: string;
}
export interface NameInput {
  given?: string | null;
  surname?: string | null;
  patronymic?: string | null;
  /** A name not split into parts; "Surname, Given" is split at the comma. */
  full?: string | null;
  /** BCP 47 tag; only `uk`/`be` matter (a Cyrillic name is then read as Ukrainian/Belarusian). */
  lang?: string | null;
}
/** A stored name as the analyzer takes it: the unsplit full name stands in when it has no parts. */
export function nameInput(n: {
  given: string | null;
  surname: string | null;
  patronymic: string | null;
  full_name: string;
  lang: string | null;
}): NameInput {
  const full = n.given || n.surname || n.patronymic ? null : n.full_name;
  return { given: n.given, surname: n.surname, patronymic: n.patronymic, full, lang: n.lang };
}

export interface QueryTerm {
  /** The folded query word. */
  text: string;
  /** Its keys and those of the other spellings the form gives for it (brackets). */
  keys: { kind: KeyKind; key: string }[];
  /** What the form says the word is (see name-form.ts). */
  role: WordRole;
}

/** Lower is stronger. */
export const KIND_STRENGTH: Record<KeyKind, number> = { exact: 0, variant: 1, translit: 2, phonetic: 3 };

const MAX_QUERY_WORDS = 8;
const MAX_WORD_CHARS = 100;
const MAX_QUERY_CHARS = 2_000;
/** Query syntax people type out of habit; a name in capitals alone is not worth the confusion. */
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

type KeyList = { kind: KeyKind; key: string }[];

/** Texts each cache below keeps at most per combination of options; past it, it starts over. */
const TOKEN_CACHE_LIMIT = 200_000;

/**
 * One cache of texts per combination of options, so that a lookup hashes the text as it came
 * rather than a new string of the options and the text: millions of lookups in a rebuild.
 */
class CacheByOptions<T> {
  private readonly caches: Map<string, T>[] = [];

  get(options: number, text: string): T | undefined {
    return this.caches[options]?.get(text);
  }

  set(options: number, text: string, value: T): void {
    let cache = this.caches[options];
    if (cache === undefined) {
      cache = new Map();
      this.caches[options] = cache;
    }
    if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear();
    cache.set(text, value);
  }
}

/** Keys of one token, without field: cached because surnames repeat across millions of rows. */
const tokenCache = new CacheByOptions<KeyList>();

function tokenKeys(token: Token, ukrainian: boolean, phonetic: boolean): KeyList {
  const options = (ukrainian ? 1 : 0) | (phonetic ? 2 : 0);
  const cached = tokenCache.get(options, token.raw);
  if (cached) return cached;
  const keys: KeyList = [{ kind: 'exact', key: token.folded }];
  for (const key of umlautVariants(token.raw)) keys.push({ kind: 'variant', key });
  if (hasCyrillic(token.folded)) {
    for (const scheme of SCHEME_IDS) {
      // From the raw token: folding first would turn ё into е (Chruschtschow, not Chruschtschew).
      keys.push({ kind: 'translit', key: foldName(transliterate(token.raw, scheme, { ukrainian })) });
    }
  }
  for (const key of skeletonKeys(token.raw, { ukrainian })) keys.push({ kind: 'translit', key: `s:${key}` });
  if (phonetic) for (const key of phoneticKeys(token.raw, { ukrainian })) keys.push({ kind: 'phonetic', key });
  const deduped = strongest(keys);
  tokenCache.set(options, token.raw, deduped);
  return deduped;
}

/** One entry per key string, at its strongest kind, in first-seen order. */
function strongest(keys: KeyList): KeyList {
  const best = new Map<string, KeyKind>();
  for (const { kind, key } of keys) {
    if (key === '' || key.endsWith(':')) continue;
    const seen = best.get(key);
    if (seen === undefined || KIND_STRENGTH[kind] < KIND_STRENGTH[seen]) best.set(key, kind);
  }
  return [...best].map(([key, kind]) => ({ kind, key }));
}

/**
 * Feminine surname endings and their masculine forms: Иванова = Иванов, Вышинская = Вышинский,
 * Kowalska = Kowalski. -ина is left out: it ends as many given names and surnames as it marks
 * women (Galina, Katharina, Malina).
 */
const FEMININE_ENDINGS: readonly [RegExp, string][] = [
  [/ова$/, 'ов'],
  [/ева$/, 'ев'],
  [/ёва$/, 'ёв'],
  [/ская$/, 'ский'],
  [/цкая$/, 'цкий'],
  [/(ov|ev|ow|ew|off)a$/, '$1'],
  [/(sk|ck|dz)a$/, '$1i'],
  [/(sk|ck)aya$/, '$1iy'],
  [/(sk|ck)aja$/, '$1ij'],
];

/** The masculine form of a feminine surname, or null: "ivanova" → "ivanov". */
export function masculineForm(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length < 5) return null;
  for (const [ending, masculine] of FEMININE_ENDINGS) if (ending.test(lower)) return lower.replace(ending, masculine);
  return null;
}

/** A surname token's keys with those of its masculine form, at the variant level at best. */
function withMasculine(keys: KeyList, token: Token, ukrainian: boolean, phonetic: boolean): KeyList {
  const masculine = masculineForm(token.raw);
  if (masculine === null) return keys;
  const extra = tokenKeys({ folded: foldName(masculine), raw: masculine, joined: false }, ukrainian, phonetic).map(
    (k) => ({
      kind: KIND_STRENGTH[k.kind] < KIND_STRENGTH.variant ? ('variant' as const) : k.kind,
      key: k.key,
    }),
  );
  return strongest([...keys, ...extra]);
}

interface FieldOptions {
  /** Add the joined form of all words (double surnames written with a space: "Buber Neumann"). */
  joinWords?: boolean;
  /** Look tokens up in the given-name groups. */
  givenNames?: boolean;
  /** Key a feminine surname form by its masculine form too (Иванова, Kowalska). */
  gendered?: boolean;
  phonetic?: boolean;
}

/** Keys of a whole field, per token: cached too, since given names and surnames repeat even more than words. */
const fieldCache = new CacheByOptions<KeyList[]>();
/** One list for every empty field, so that its key map (below) is built once. */
const NO_KEYS: KeyList = [];
const NO_TOKENS: KeyList[] = [];

function fieldTokenKeys(text: string | null | undefined, ukrainian: boolean, options: FieldOptions): KeyList[] {
  if (!text) return NO_TOKENS;
  const flags =
    (ukrainian ? 1 : 0) |
    (options.joinWords ? 2 : 0) |
    (options.givenNames ? 4 : 0) |
    (options.gendered ? 8 : 0) |
    (options.phonetic === false ? 16 : 0);
  const cached = fieldCache.get(flags, text);
  if (cached) return cached;
  const tokenList = words(text);
  const all = tokenList.flat();
  const singles = all.filter((t) => !t.joined);
  if (options.joinWords && tokenList.length > 1 && singles.length <= 4) {
    all.push({ folded: singles.map((t) => t.folded).join(''), raw: singles.map((t) => t.raw).join(''), joined: true });
  }
  const perToken = all.map((token) => {
    let keys = tokenKeys(token, ukrainian, options.phonetic ?? true);
    if (options.gendered) keys = withMasculine(keys, token, ukrainian, options.phonetic ?? true);
    const group = options.givenNames ? givenNameGroup(token.folded, token.raw) : null;
    return group === null ? keys : [...keys, { kind: 'variant' as const, key: `g:${group}` }];
  });
  fieldCache.set(flags, text, perToken);
  return perToken;
}

/** The keys of a whole field, one list (cached with it: scoring asks for it per candidate name). */
const flatCache = new WeakMap<KeyList[], KeyList>();

function fieldKeys(text: string | null | undefined, ukrainian: boolean, options: FieldOptions): KeyList {
  const perToken = fieldTokenKeys(text, ukrainian, options);
  if (perToken.length === 0) return NO_KEYS;
  let flat = flatCache.get(perToken);
  if (!flat) {
    flat = perToken.flat();
    flatCache.set(perToken, flat);
  }
  return flat;
}

type FieldAnalyzer<T> = (text: string | null | undefined, ukrainian: boolean, options: FieldOptions) => T;

/** Each field of a stored name, analysed by `analyze`: its keys, or its keys per token. */
function byField<T>(name: NameInput, analyze: FieldAnalyzer<T>): [NameField, T][] {
  const lang = name.lang?.toLowerCase() ?? '';
  const ukrainian = lang.startsWith('uk') || lang.startsWith('be');
  let { surname, given } = name;
  let other = name.full;
  if (!surname && !given && other?.includes(',')) {
    [surname, given] = [other.slice(0, other.indexOf(',')), other.slice(other.indexOf(',') + 1)];
    other = null;
  }
  return [
    ['surname', analyze(surname, ukrainian, { joinWords: true, gendered: true })],
    ['given', analyze(given, ukrainian, { givenNames: true })],
    ['patronymic', analyze(name.patronymic, ukrainian, { phonetic: false })],
    ['other', analyze(other, ukrainian, { givenNames: true })],
  ];
}

/** The keys of each field of a stored name, before merging; the same key may recur. */
function nameFields(name: NameInput): [NameField, KeyList][] {
  return byField(name, fieldKeys);
}

/**
 * The keys of each word of a stored name (a double surname's joined form counts as a word):
 * every key the index holds for the name comes from one of them. What one word gives, the index
 * holds together (see key-implications.ts).
 */
export function forEachWordKeys(name: NameInput, add: (keys: readonly { key: string }[]) => void): void {
  for (const [, perToken] of byField(name, fieldTokenKeys)) for (const keys of perToken) add(keys);
}

/**
 * Calls `add` with the words of each field of a stored name that has any, each word's keys as
 * forEachWordKeys gives them: one list per field, cached with the field's text like its keys.
 */
export function forEachFieldWords(
  name: NameInput,
  add: (words: readonly (readonly { key: string }[])[]) => void,
): void {
  for (const [, perToken] of byField(name, fieldTokenKeys)) if (perToken.length > 0) add(perToken);
}

/** A field's keys by key string, each at its strongest kind: what scoring looks query keys up in. */
export type FieldKeyMap = ReadonlyMap<string, KeyKind>;

const keyMapCache = new WeakMap<KeyList, FieldKeyMap>();

function keyMap(keys: KeyList): FieldKeyMap {
  let map = keyMapCache.get(keys);
  if (!map) {
    const m = new Map<string, KeyKind>();
    for (const { kind, key } of keys) {
      const seen = m.get(key);
      if (seen === undefined || KIND_STRENGTH[kind] < KIND_STRENGTH[seen]) m.set(key, kind);
    }
    map = m;
    keyMapCache.set(keys, map);
  }
  return map;
}

/**
 * The keys of each field of a stored name as maps, for scoring: the same keys as analyzeName,
 * without building them per name. The maps belong to the cached field keys, so a surname shared
 * by thousands of candidates is analysed once.
 */
export function nameFieldKeyMaps(name: NameInput): [NameField, FieldKeyMap][] {
  return nameFields(name).map(([field, keys]) => [field, keyMap(keys)]);
}

/**
 * Calls `add` with the keys of each field of a stored name that has any, one list per field. The
 * lists are cached with the fields' text, so a caller may keep what it derives from a list by the
 * list itself (a name shared by thousands of persons is then turned into index tokens once).
 */
export function forEachFieldKeys(name: NameInput, add: (keys: readonly { key: string }[]) => void): void {
  for (const [, keys] of nameFields(name)) if (keys.length > 0) add(keys);
}

/**
 * Every key string of a stored name, whatever its field and kind: what the index holds. Calls
 * `add` once per key occurrence (callers collect them in a set); the same as the keys of
 * analyzeName, without building them.
 */
export function forEachIndexKey(name: NameInput, add: (key: string) => void): void {
  for (const [, keys] of nameFields(name)) for (const k of keys) add(k.key);
}

/**
 * Index keys of a stored name. Patronymics get no phonetic keys (they would match half of all
 * Ivanovich-es); an unsplit `full` name goes to `other`, given-name groups included.
 */
export function analyzeName(name: NameInput): NameKey[] {
  const fields = nameFields(name);
  const out: NameKey[] = [];
  const seen = new Map<string, NameKey>();
  for (const [field, keys] of fields) {
    for (const { kind, key } of keys) {
      const id = `${field}\u0000${key}`;
      const previous = seen.get(id);
      if (previous === undefined) {
        const entry = { field, kind, key };
        seen.set(id, entry);
        out.push(entry);
      } else if (KIND_STRENGTH[kind] < KIND_STRENGTH[previous.kind]) {
        previous.kind = kind;
      }
    }
  }
  return out;
}

/** The keys a query token is looked up by: every spelling, its given-name group, its masculine form. */
function queryTokenKeys(token: Token): KeyList {
  // A copy: tokenKeys's lists are cached and shared with the index's keys.
  const keys = [...withMasculine(tokenKeys(token, false, true), token, false, true)];
  // A Cyrillic word may also be a clerk's writing of a Latin name of a convention stored names are
  // not indexed under (Hungarian): its spellings there meet the stored name itself.
  if (hasCyrillic(token.folded))
    for (const scheme of QUERY_SCHEME_IDS)
      keys.push({ kind: 'translit', key: foldName(transliterate(token.raw, scheme)) });
  const group = givenNameGroup(token.folded, token.raw);
  const all = group === null ? keys : [...keys, { kind: 'variant' as const, key: `g:${group}` }];
  return strongest(all);
}

/**
 * One term per query word (at most 8 words, 100 characters each), read as a name form: a
 * hyphenated word is one term keyed by its joined form, a bracketed spelling adds its keys to the
 * word it stands for, and each term carries the role the form gives it (see name-form.ts). Never
 * throws: any input, however hostile, gives a list of terms whose keys contain only letters,
 * digits and the namespace colon.
 */
export function analyzeQuery(q: string): QueryTerm[] {
  if (typeof q !== 'string') return [];
  const terms: QueryTerm[] = [];
  for (const word of parseNameForm(q.slice(0, MAX_QUERY_CHARS)).words) {
    if (terms.length >= MAX_QUERY_WORDS) break;
    const [first = '', ...alternatives] = word.spellings;
    let last: QueryTerm | null = null;
    for (const parts of words(first.slice(0, MAX_WORD_CHARS))) {
      if (terms.length >= MAX_QUERY_WORDS) break;
      const token = parts[parts.length - 1]!;
      if (parts.length === 1 && OPERATORS.has(token.raw)) continue;
      last = { text: token.folded, keys: queryTokenKeys(token), role: word.role };
      terms.push(last);
    }
    if (last === null) continue;
    const keys = [...last.keys];
    for (const alternative of alternatives.slice(0, MAX_QUERY_WORDS)) {
      for (const parts of words(alternative.slice(0, MAX_WORD_CHARS)))
        keys.push(...queryTokenKeys(parts[parts.length - 1]!));
    }
    last.keys = strongest(keys);
  }
  return terms;
}

/**
 * Query terms of a name given in parts (a list's surname, given-name and patronymic columns),
 * each word with the role its column gives it; `full`, a name written in one cell, is read as a
 * name form (see analyzeQuery). Hyphenated words are one term, as in a query.
 */
export function analyzeNameParts(parts: {
  surname?: string | null;
  given?: string | null;
  patronymic?: string | null;
  full?: string | null;
}): QueryTerm[] {
  if (!parts.surname && !parts.given && !parts.patronymic) return analyzeQuery(parts.full ?? '');
  const terms: QueryTerm[] = [];
  const add = (text: string | null | undefined, role: WordRole) => {
    for (const word of parseNameForm(text ?? '').words) {
      const [first = '', ...alternatives] = word.spellings;
      const wordRole = word.role === 'initial' ? 'initial' : role;
      for (const token of words(first.slice(0, MAX_WORD_CHARS)).map((p) => p[p.length - 1]!)) {
        if (terms.length >= MAX_QUERY_WORDS) return;
        const keys = [...queryTokenKeys(token)];
        for (const alt of alternatives) for (const w of words(alt)) keys.push(...queryTokenKeys(w[w.length - 1]!));
        terms.push({ text: token.folded, keys: strongest(keys), role: wordRole });
      }
    }
  };
  add(parts.surname, 'surname');
  add(parts.given, 'given');
  add(parts.patronymic, 'patronymic');
  return terms;
}
