import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importList } from '../../src/lists/list-import.service.ts';
import { fileOf } from '../lists/list-files.ts';
import { type EditingArchive, openEditingArchive, submitForm } from '../support/editing.ts';
import { ENGINES } from '../support/storage.ts';

const LIST = `Name;Geboren
Zzyzxa Quorvel;1901
Zzyzxb Quorvel;1902
Zzyzxc Quorvel;1903
`;

for (const engine of ENGINES) {
  describe(`the list page's "Propose links" on ${engine}`, () => {
    let archive: EditingArchive;
    let listId: number;

    beforeAll(async () => {
      archive = await openEditingArchive(engine);
      listId = (await importList(archive.storage, { userId: null }, fileOf('next.csv', LIST), { title: 'Next' }))
        .listId;
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('goes on after the row where the last press stopped, not over the rows it found no one for', async () => {
      const page = `/en/lists/${listId}`;
      const first = await submitForm(archive.editor, page, {}, { action: `${page}/link`, which: /\/link"/ });
      expect(first.status).toBe(303);
      // Every row looked at, none left: nothing to go on from.
      expect(first.location).toBe(`${page}?done=linked-3`);
      const next = await submitForm(
        archive.editor,
        `${page}?after=2`,
        {},
        { action: `${page}/link`, which: /\/link"/ },
      );
      expect(next.location).toBe(`${page}?done=linked-1`);
      expect((await archive.editor.get(`${page}?after=2`)).text).toContain('Propose links for the rows after row 2');
      const bad = await submitForm(archive.editor, page, { after: 'x' }, { action: `${page}/link`, which: /\/link"/ });
      expect(bad.status).toBe(400);
    });
  });
}
