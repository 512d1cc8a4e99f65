import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { givenNameGroup, givenNameTable, parseGivenNames } from './given-names.ts';
import { foldName } from './normalize.ts';

/** Group of a name as a user types it. */
const group = (name: string) => givenNameGroup(foldName(name), name);

describe('given-name table', () => {
  it('has at least 80 groups, each with a Cyrillic member', () => {
    const { groups } = givenNameTable();
    expect(groups.size).toBeGreaterThanOrEqual(80);
    for (const [id, names] of groups)
      expect(
        names.some((n) => /[\u0400-\u04ff]/.test(n)),
        id,
      ).toBe(true);
  });

  it('parses the file strictly (the real file passes the checks)', () => {
    const text = readFileSync(new URL('../../../data/given-names.tsv', import.meta.url), 'utf8');
    expect(() => parseGivenNames(text)).not.toThrow();
  });

  it('rejects a name in two groups, even when spelled differently', () => {
    expect(() => parseGivenNames('anna\tAnna|Hanna\nhanna\tHANNA')).toThrow(/in groups anna and hanna/);
    expect(() => parseGivenNames('kaethe\tKäthe\nkate\tKaethe')).toThrow(/in groups/);
  });

  it('rejects malformed lines and repeated ids', () => {
    expect(() => parseGivenNames('Anna|Hanna')).toThrow(/line 1/);
    expect(() => parseGivenNames('anna\tAnna\nanna\tHanna')).toThrow(/line 2/);
  });
});

describe('givenNameGroup', () => {
  it.each([
    ['wilhelm', ['Wilhelm', 'Willi', 'Willy', 'Willem', 'Вильгельм', 'Вилли', 'Vilgelm']],
    ['margarete', ['Margarete', 'Margarethe', 'Grete', 'Gretel', 'Margarita', 'Маргарита', 'Margit', 'Małgorzata']],
    ['johannes', ['Johannes', 'Hans', 'Johann', 'Jan', 'Иоганн', 'Ганс', 'Йоханнес', 'János']],
    ['ivan', ['Ivan', 'Иван', 'Iwan', 'Ваня']],
    ['heinrich', ['Heinrich', 'Heinz', 'Генрих', 'Гейнц', 'Henryk']],
    ['friedrich', ['Friedrich', 'Fritz', 'Фриц', 'Фридрих']],
    ['nikolaus', ['Nikolaus', 'Николаус', 'Mikołaj', 'Klaus']],
    ['nikolai', ['Nikolai', 'Николай', 'Kolja']],
    ['josef', ['Josef', 'Joseph', 'Иосиф', 'Osip', 'Józef', 'József', 'Jossel']],
    ['moses', ['Moshe', 'Moses', 'Moritz', 'Мойше', 'Мозес']],
    ['katharina', ['Katharina', 'Käthe', 'Kaethe', 'Kathe', 'Екатерина', 'Katarzyna', 'Katalin']],
    ['elisabeth', ['Elisabeth', 'Else', 'Elsa', 'Liesl', 'Елизавета', 'Elżbieta', 'Erzsébet']],
    ['georg', ['Georg', 'Jürgen', 'Jerzy', 'György', 'Георг']],
    ['juri', ['Jurij', 'Юрий', 'Georgi', 'Егор']],
    ['leo', ['Leo', 'Lev', 'Лев', 'Leon', 'Leib', 'Löw', 'Loew']],
    ['sophie', ['Sophie', 'Sofia', 'Софья', 'Zofia']],
  ])('%s', (id, names) => {
    for (const name of names) expect(group(name), name).toBe(id);
  });

  it('keeps names of one language apart from the native names of another (Ганс is not Иван)', () => {
    expect(group('Ганс')).not.toBe(group('Иван'));
    expect(group('Hans')).not.toBe(group('Ivan'));
    expect(group('Klaus')).not.toBe(group('Николай'));
    expect(group('Jürgen')).not.toBe(group('Юрий'));
  });

  it('finds an unlisted transliteration of a listed Cyrillic form by its skeleton', () => {
    expect(group('Gejnc')).toBe('heinrich'); // ISO 9 of Гейнц
    expect(group('Frantishek')).toBe('franz'); // BGN of Франтишек
    expect(group('Katerina')).toBe('katharina'); // Катерина
  });

  it('returns null for surnames and unknown names', () => {
    for (const name of ['Neumann', 'Harzheim', 'Ежов', 'Xyz', 'a', '']) expect(group(name), name).toBeNull();
  });
});
