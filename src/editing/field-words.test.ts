import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { messages } from '../i18n/i18n.ts';
import { type Doc, diffDocuments } from '../revisions/document-diff.ts';
import { changeRows, documentRows, formPath, pathWords, placePath } from './field-words.ts';

const before: Doc = {
  sex: 'male',
  roles: ['victim'],
  biography: { en: 'Miner.' },
  names: [
    { id: 11, kind: 'birth', given: 'Willi', surname: 'Harzheim', citations: [{ id: 7, source: 3, locator: 'p. 1' }] },
    { id: 12, kind: 'alias', given: 'Hans', surname: 'Schwarz', citations: [] },
  ],
};

describe('field words', () => {
  it('puts statement paths into words, placing each statement in its list', () => {
    const path = placePath(['names', { id: 12 }, 'surname'], [before]);
    expect(path).toEqual(['names', { n: 2 }, 'surname']);
    expect(pathWords(path, en)).toBe('Name 2, surname');
    expect(pathWords(placePath(['names', { id: 11 }, 'citations', { id: 7 }, 'locator'], [before]), en)).toBe(
      'Name 1, source 1, where in the source',
    );
    expect(pathWords(['biography', 'de'], messages('de'))).toBe('Biografie (Deutsch)');
    expect(pathWords(['names', '#order'], en)).toBe('Names: order');
    expect(pathWords(['details', 'people'], en)).toBe('Details: people');
    expect(pathWords([], en)).toBe('Whole record');
    expect(pathWords(formPath('relationships.0.relatedPerson'), messages('ru'))).toBe(
      'Связь 1, связанное лицо (номер)',
    );
  });

  it('reads a diff as rows of words, a new statement field by field and vocabulary in the reader’s language', () => {
    const after = structuredClone(before);
    after.sex = 'female';
    (after.names as Doc[])[1]!.surname = 'Schwarze';
    (after.names as Doc[]).push({ id: 13, kind: 'as-written', full: 'Гарцгейм В.', citations: [] });
    after.roles = ['victim', 'witness'];
    const rows = changeRows('person', diffDocuments(before, after), before, after, messages('de'));
    expect(rows).toEqual([
      { field: 'Geschlecht', before: 'männlich', after: 'weiblich', kind: 'changed' },
      { field: 'Rollen', before: 'Opfer', after: 'Opfer, Zeuge', kind: 'changed' },
      { field: 'Name 2, Nachname', before: 'Schwarz', after: 'Schwarze', kind: 'changed' },
      { field: 'Name 3, Art', before: '—', after: 'Schreibung in einer Quelle', kind: 'added' },
      { field: 'Name 3, wie geschrieben', before: '—', after: 'Гарцгейм В.', kind: 'added' },
    ]);
  });

  it('names a removed statement by where it stood', () => {
    const after = { ...structuredClone(before), names: [(before.names as Doc[])[0]!] };
    const rows = changeRows('person', diffDocuments(before, after), before, after, en);
    expect(rows.map((r) => [r.field, r.before, r.kind])).toEqual([
      ['Name 2, kind', 'alias / party name', 'removed'],
      ['Name 2, given name', 'Hans', 'removed'],
      ['Name 2, surname', 'Schwarz', 'removed'],
    ]);
  });

  it('lists a whole document, ids and empty fields left out', () => {
    expect(documentRows('person', before, en).slice(0, 4)).toEqual([
      { field: 'Sex', value: 'male' },
      { field: 'Roles', value: 'victim' },
      { field: 'Biography (English)', value: 'Miner.' },
      { field: 'Name 1, kind', value: 'birth name' },
    ]);
  });
});
