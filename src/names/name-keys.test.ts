import { describe, expect, it } from 'vitest';
import {
  analyzeName,
  analyzeQuery,
  type KeyKind,
  KIND_STRENGTH,
  type NameInput,
  type NameKey,
  nameFieldKeyMaps,
  trigrams,
} from './name-keys.ts';

const KINDS = Object.keys(KIND_STRENGTH) as KeyKind[];

/**
 * How an index that follows the documented intent would rank one query word against a stored
 * name: the strongest level at which any key string is shared, each match counting at the
 * weaker of its two kinds. null = no key shared (left to trigram similarity).
 */
function matchLevel(stored: NameKey[], query: string): KeyKind | null {
  const [term] = analyzeQuery(query);
  let best: number | null = null;
  for (const q of term?.keys ?? []) {
    for (const s of stored) {
      if (s.key !== q.key) continue;
      const level = Math.max(KIND_STRENGTH[q.kind], KIND_STRENGTH[s.kind]);
      if (best === null || level < best) best = level;
    }
  }
  return best === null ? null : KINDS[best]!;
}

const person = (name: NameInput) => analyzeName(name);
const keysOf = (keys: NameKey[], field: NameKey['field'], kind: KeyKind) =>
  keys.filter((k) => k.field === field && k.kind === kind).map((k) => k.key);

describe('analyzeName', () => {
  it('indexes each part of a double surname and the joined form, exactly', () => {
    const keys = person({ given: 'Margarete', surname: 'Buber-Neumann' });
    expect(keysOf(keys, 'surname', 'exact')).toEqual(['buber', 'neumann', 'buberneumann']);
    expect(keysOf(keys, 'given', 'exact')).toEqual(['margarete']);
    expect(keysOf(keys, 'given', 'variant')).toContain('g:margarete');
    expect(keysOf(keys, 'surname', 'phonetic')).toEqual(expect.arrayContaining(['dm:666000', 'k:666']));
  });

  it('joins a double surname written with a space', () => {
    expect(keysOf(person({ surname: 'Buber Neumann' }), 'surname', 'exact')).toContain('buberneumann');
  });

  it('gives a Cyrillic name its folded transliterations in every scheme', () => {
    const translit = keysOf(person({ surname: 'Ежов' }), 'surname', 'translit');
    expect(translit).toEqual(
      expect.arrayContaining(['jeschow', 'yezhov', 'ezhov', 'ezov', 'jezow', 'jezov', 's:exev']),
    );
  });

  it('indexes umlaut spellings as variants', () => {
    expect(keysOf(person({ surname: 'Thüring' }), 'surname', 'variant')).toEqual(['thuering']);
    expect(keysOf(person({ surname: 'Thuering' }), 'surname', 'variant')).toEqual(['thuring']);
  });

  it('gives patronymics no phonetic keys, and splits "Surname, Given"', () => {
    const keys = person({ full: 'Ежов, Николай', patronymic: 'Иванович' });
    expect(keysOf(keys, 'surname', 'exact')).toEqual(['ежов']);
    expect(keysOf(keys, 'given', 'variant')).toContain('g:nikolai');
    expect(keys.filter((k) => k.field === 'other' && k.kind === 'phonetic')).toEqual([]);
  });

  it('puts an unsplit full name under other, given-name groups included', () => {
    const keys = person({ full: 'Willi Harzheim' });
    expect(keysOf(keys, 'other', 'exact')).toEqual(['willi', 'harzheim']);
    expect(keysOf(keys, 'other', 'variant')).toContain('g:wilhelm');
  });

  it('reads a Cyrillic name tagged uk as Ukrainian (г = h)', () => {
    expect(keysOf(person({ surname: 'Грищенко', lang: 'uk' }), 'surname', 'translit')).toContain('hryshchenko');
    expect(keysOf(person({ surname: 'Грищенко', lang: 'ru' }), 'surname', 'translit')).not.toContain('hryshchenko');
  });

  it('lists each field and key once, at its strongest kind', () => {
    const keys = person({ surname: 'Klein', given: 'Klein', full: null, patronymic: '' });
    const ids = keys.map((k) => `${k.field} ${k.key}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('returns nothing for an empty name', () => {
    expect(person({})).toEqual([]);
    expect(person({ surname: null, given: '  ', full: '' })).toEqual([]);
  });
});

describe('nameFieldKeyMaps', () => {
  it('holds the same keys per field, at the same kinds, as analyzeName', () => {
    const names: NameInput[] = [
      { given: 'Margarete', surname: 'Buber-Neumann' },
      { full: 'Николай Иванович Ежов', lang: 'ru' },
      { given: 'Николай', surname: 'Ежов', patronymic: 'Иванович', lang: 'ru' },
      { full: 'Harzheim, Willi' },
      { given: 'Heinz-Werner', surname: 'Thüring' },
    ];
    for (const name of names) {
      const expected = new Map<string, KeyKind>();
      for (const k of analyzeName(name)) expected.set(`${k.field} ${k.key}`, k.kind);
      const actual = new Map<string, KeyKind>();
      for (const [field, keys] of nameFieldKeyMaps(name)) {
        for (const [key, kind] of keys) {
          const id = `${field} ${key}`;
          const seen = actual.get(id);
          if (seen === undefined || KIND_STRENGTH[kind] < KIND_STRENGTH[seen]) actual.set(id, kind);
        }
      }
      expect(actual, JSON.stringify(name)).toEqual(expected);
    }
  });
});

describe('query against stored name: match levels (exact > variant > translit > phonetic)', () => {
  it.each<[string, NameInput, KeyKind]>([
    ['Buber-Neumann', { surname: 'Buber-Neumann' }, 'exact'],
    ['buber', { surname: 'Buber-Neumann' }, 'exact'],
    ['Thuring', { surname: 'Thüring' }, 'exact'],
    ['Thuering', { surname: 'Thüring' }, 'variant'],
    ['Thüring', { surname: 'Thuering' }, 'variant'],
    ['Willi', { given: 'Wilhelm' }, 'variant'],
    ['Вилли', { given: 'Willi' }, 'variant'],
    ['Heinz', { given: 'Генрих' }, 'variant'],
    ['Jeschow', { surname: 'Ежов' }, 'translit'],
    ['Yezhov', { surname: 'Ежов' }, 'translit'],
    ['Ежов', { surname: 'Yezhov' }, 'translit'],
    ['Jeschow', { surname: 'Yezhov' }, 'translit'],
    ['Wyschinski', { surname: 'Vyshinsky' }, 'translit'],
    ['Vyshinsky', { surname: 'Вышинский' }, 'translit'],
    ['Бубер-Нейман', { surname: 'Buber-Neumann' }, 'translit'],
    ['Фабиш', { surname: 'Fabisch' }, 'translit'],
    ['Fabish', { surname: 'Fabisch' }, 'translit'],
    ['Цукер', { surname: 'Zucker' }, 'translit'],
    ['Харцхайм', { surname: 'Harzheim' }, 'translit'],
    ['Нейман', { surname: 'Neumann' }, 'translit'],
    ['Blizniak', { surname: 'Близняк' }, 'translit'],
    ['Blizniak', { surname: 'Bliznyak' }, 'translit'],
    ['Neuman', { surname: 'Neumann' }, 'translit'],
    ['Naumann', { surname: 'Neumann' }, 'phonetic'],
    ['Zuker', { surname: 'Cukier' }, 'translit'],
  ])('%s → %j: %s', (query, stored, level) => {
    expect(matchLevel(person(stored), query)).toBe(level);
  });

  it.each<[string, NameInput]>([
    ['Fischer', { surname: 'Fabisch' }],
    ['Walter', { surname: 'Baltes' }],
    ['Margarete', { surname: 'Buber-Neumann' }],
  ])('%s does not match %j', (query, stored) => {
    expect(matchLevel(person(stored), query)).toBeNull();
  });
});

describe('analyzeQuery', () => {
  it('gives one term per word, hyphenated words joined, in order', () => {
    expect(analyzeQuery('Margarete Buber-Neumann').map((t) => t.text)).toEqual(['margarete', 'buberneumann']);
    expect(analyzeQuery('Neumann,Heinz').map((t) => t.text)).toEqual(['neumann', 'heinz']);
  });

  it('keys a given name by its group and a Cyrillic word by its transliterations', () => {
    const [willi, yezhov] = analyzeQuery('Willi Ежов');
    expect(willi?.keys).toContainEqual({ kind: 'variant', key: 'g:wilhelm' });
    expect(yezhov?.keys).toContainEqual({ kind: 'translit', key: 'jeschow' });
  });

  it('reads a Cyrillic query word in the Hungarian conventions too, without adding them to stored names', () => {
    const keysOf = (q: string) => analyzeQuery(q)[0]?.keys.map((k) => k.key) ?? [];
    expect(keysOf('Сабо')).toContain('szabo');
    expect(keysOf('Шандор')).toContain('sandor');
    expect(keysOf('Манкович')).toEqual(expect.arrayContaining(['mankovics', 'mankovits']));
    // A stored Cyrillic name is indexed in the conventions stored names are read in, and the
    // query's keys are its own: asking for them leaves the stored name's keys as they were.
    const stored = () => JSON.stringify(analyzeName({ full: 'Манкович', lang: 'ru' }));
    const before = stored();
    expect(before).not.toContain('mankovits');
    keysOf('Манкович');
    expect(stored()).toBe(before);
  });

  it('drops search-operator words typed in capitals', () => {
    expect(analyzeQuery('Neumann AND Buber OR NOT NEAR Klein').map((t) => t.text)).toEqual([
      'neumann',
      'buber',
      'klein',
    ]);
  });

  const hostile = [
    '',
    '   ',
    '"Neumann" * NEAR(Buber, 2) ^ AND OR NOT',
    "'; DROP TABLE persons; -- %_\\",
    'Neu\u0000mann\u0007\u001b[31m\u202e\u200b',
    '\ud800\udc00\udbff \ud800 lone surrogates',
    '🙂 👨‍👩‍👧 ☭',
    'x'.repeat(10_000),
    'Ежов '.repeat(2_000),
    'a-'.repeat(5_000),
    '\u0301\u0308\u0306',
  ];
  it.each(hostile.map((q) => [JSON.stringify(q).slice(0, 40), q]))('never throws on %s', (_, q) => {
    const terms = analyzeQuery(q);
    expect(terms.length).toBeLessThanOrEqual(8);
    for (const term of terms) {
      expect(term.text.length).toBeLessThanOrEqual(100);
      for (const { key } of term.keys) expect(key).toMatch(/^[\p{L}\p{N}:]+$/u);
    }
  });

  it('accepts a non-string at run time without throwing', () => {
    expect(analyzeQuery(undefined as unknown as string)).toEqual([]);
    expect(analyzeQuery(42 as unknown as string)).toEqual([]);
  });
});

describe('trigrams', () => {
  it('pads like pg_trgm and folds first', () => {
    expect(trigrams('Neuman')).toEqual(['  n', ' ne', 'neu', 'eum', 'uma', 'man', 'an ']);
    expect(trigrams('Öd')).toEqual(['  o', ' od', 'od ']);
    expect(trigrams('')).toEqual([]);
  });

  it('shares most trigrams between a name and its typo', () => {
    const a = new Set(trigrams('Neumann'));
    const shared = trigrams('Neuman').filter((t) => a.has(t));
    expect(shared.length).toBeGreaterThanOrEqual(5);
  });
});
