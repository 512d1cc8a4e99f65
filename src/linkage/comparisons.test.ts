import { describe, expect, it } from 'vitest';
import { compare } from './comparisons.ts';
import { type PersonRecord, placeKeys, rowRecord } from './records.ts';

/** A person with one name, born in Vienna on 3 May 1901. */
function person(given: string, surname: string, patronymic: string | null = null): PersonRecord {
  const full = [given, patronymic, surname].filter(Boolean).join(' ');
  return {
    id: 1,
    names: [{ full_name: full, given, surname, patronymic, kind: 'birth', lang: null, rank: 'preferred' }],
    birth: { year: 1901, month: 5, day: 3 },
    birthPlace: placeKeys(['Wien']),
    arrest: null,
    death: null,
  };
}

const ROLES = { s: 'surname', g: 'given', p: 'patronymic', b: 'birth', pl: 'birth_place' };
const levels = (cells: Record<string, string>, p: PersonRecord) => {
  const c = compare(rowRecord(cells, ROLES), p);
  return [c.surname.level, c.given.level, c.patronymic.level];
};

describe('the comparisons of record linkage', () => {
  const kraus = person('Leopold', 'Kraus');
  const vasilyev = person('Николай', 'Васильев', 'Яковлевич');

  it.each([
    [{ s: 'Kraus', g: 'Leopold' }, kraus, ['exact', 'exact', 'missing']],
    [{ s: 'Kraus', g: 'Poldi' }, kraus, ['exact', 'variant', 'missing']],
    [{ s: 'Краус', g: 'Леопольд' }, kraus, ['translit', 'variant', 'missing']],
    [{ s: 'Krais', g: 'Leopold' }, kraus, ['phonetic', 'exact', 'missing']],
    [{ s: 'Kaus', g: 'Leopold' }, kraus, ['near', 'exact', 'missing']],
    [{ s: 'Graus', g: 'L.' }, kraus, ['phonetic', 'initial', 'missing']],
    [{ s: 'Hellmann', g: 'M.' }, kraus, ['different', 'different', 'missing']],
    [{ s: 'Васильев', g: 'Николай', p: 'Яковлевич' }, vasilyev, ['exact', 'exact', 'exact']],
    [{ s: 'Wassiljew', g: 'Nikolai', p: 'Jakowlewitsch' }, vasilyev, ['translit', 'variant', 'translit']],
    [{ s: 'Васильев', g: 'Николай', p: 'Иванович' }, vasilyev, ['exact', 'exact', 'different']],
    // A surname meeting the person's given name (Франк, Franc-Iosif Fiszer) is no agreement of surnames.
    [{ s: 'Франк', g: 'Иосиф' }, person('Franc-Iosif', 'Fiszer'), ['different', 'variant', 'missing']],
    // A patronymic the person's record lacks is missing evidence, not disagreement.
    [{ s: 'Краус', g: 'Леопольд', p: 'Иванович' }, kraus, ['translit', 'variant', 'missing']],
  ] as const)('names: %j', (cells, p, expected) => {
    expect(levels(cells, p)).toEqual(expected);
  });

  it('says which word of the row met each name, for its frequency in the archive', () => {
    const c = compare(rowRecord({ s: 'Wassiljew', g: 'Nikolai' }, ROLES), vasilyev);
    expect([c.surname.word, c.given.word]).toEqual(['wassiljew', 'nikolai']);
    expect(compare(rowRecord({ s: 'Hellmann' }, ROLES), kraus).surname.word).toBeUndefined();
  });

  it.each([
    ['03.05.1901', 'day'],
    ['05.1901', 'month'],
    ['12.05.1901', 'month'],
    ['1901', 'year'],
    ['1902', 'year±1'],
    ['1898', 'year±3'],
    ['1910', 'different'],
    ['04.1901', 'different'],
    ['', 'missing'],
  ])('birth: %s', (b, level) => {
    expect(compare(rowRecord({ s: 'Kraus', b }, ROLES), kraus).birth.level).toBe(level);
  });

  it.each([
    ['Wien', 'same'],
    ['Wien (Österreich)', 'same'],
    ['Graz', 'different'],
    ['', 'missing'],
  ])('birth place: %s', (pl, level) => {
    expect(compare(rowRecord({ s: 'Kraus', pl }, ROLES), kraus).birthPlace.level).toBe(level);
  });
});
