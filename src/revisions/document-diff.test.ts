import { describe, expect, it } from 'vitest';
import { applyChanges, type Doc, diffDocuments, formatPath, overlaps } from './document-diff.ts';

const before: Doc = {
  sex: 'male',
  roles: ['victim'],
  biography: { en: 'Miner.' },
  names: [
    { id: 1, given: 'Willi', surname: 'Harzheim', citations: [{ id: 7, source: 3, locator: 'p. 1' }] },
    { id: 2, given: 'Wilhelm', surname: 'Harzheim', citations: [] },
  ],
};

describe('diffDocuments', () => {
  it('names each changed field by its path, statements by their id', () => {
    const after = structuredClone(before);
    after.sex = 'unknown';
    (after.names as Doc[])[0]!.surname = 'Harzheym';
    ((after.names as Doc[])[0]!.citations as Doc[])[0]!.locator = 'p. 2';
    (after.biography as Doc).de = 'Bergmann.';
    const changes = diffDocuments(before, after);
    expect(changes.map((c) => formatPath(c.path))).toEqual([
      'sex',
      'biography.de',
      'names[#1].surname',
      'names[#1].citations[#7].locator',
    ]);
    expect(changes[2]).toMatchObject({ before: 'Harzheim', after: 'Harzheym' });
  });

  it('gives an added or removed statement as one change, and a new order as one', () => {
    const after = structuredClone(before);
    after.names = [(before.names as Doc[])[1]!, (before.names as Doc[])[0]!, { id: 3, given: 'Willy', surname: 'H.' }];
    const changes = diffDocuments(before, after);
    expect(changes.map((c) => formatPath(c.path))).toEqual(['names[#3]', 'names.#order']);
    expect(diffDocuments(null, before)[0]).toMatchObject({ path: [], before: undefined, after: before });
  });

  it('takes a list of plain values as one value', () => {
    const after = { ...structuredClone(before), roles: ['victim', 'witness'] };
    expect(diffDocuments(before, after)).toEqual([
      { path: ['roles'], before: ['victim'], after: ['victim', 'witness'] },
    ]);
  });
});

describe('applyChanges', () => {
  it('undoes and redoes changes, putting a removed statement back', () => {
    const after = structuredClone(before);
    after.names = [(before.names as Doc[])[0]!];
    after.sex = 'unknown';
    const changes = diffDocuments(before, after);
    expect(applyChanges(after, changes, 'before')).toEqual(before);
    expect(applyChanges(before, changes, 'after')).toEqual(after);
  });

  it('undoes one change on a document that changed elsewhere since', () => {
    const v2: Doc = { ...structuredClone(before), sex: 'unknown' };
    const first = diffDocuments(before, v2);
    const v3 = structuredClone(v2);
    (v3.names as Doc[])[1]!.given = 'Wilhelm Heinrich';
    const undone = applyChanges(v3, first, 'before');
    expect(undone.sex).toBe('male');
    expect((undone.names as Doc[])[1]!.given).toBe('Wilhelm Heinrich');
  });
});

describe('overlaps', () => {
  it('tells whether two changes touch the same data', () => {
    expect(overlaps(['names', { id: 1 }], ['names', { id: 1 }, 'surname'])).toBe(true);
    expect(overlaps(['names', { id: 1 }, 'given'], ['names', { id: 1 }, 'surname'])).toBe(false);
    expect(overlaps(['names', { id: 1 }], ['names', { id: 2 }])).toBe(false);
    expect(overlaps(['names', '#order'], ['names', { id: 2 }])).toBe(true);
    expect(overlaps(['sex'], ['names'])).toBe(false);
  });
});
