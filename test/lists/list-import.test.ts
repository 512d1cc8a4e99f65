import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { revertChangeSet } from '../../src/editing/editing.service.ts';
import { messages } from '../../src/i18n/i18n.ts';
import { describeProblem, type ImportReport } from '../../src/lists/import-report.ts';
import { findFileOfList } from '../../src/lists/list-file.repository.ts';
import { readListFile } from '../../src/lists/list-file.ts';
import { analyzeListFile, ImportRefusedError, importList } from '../../src/lists/list-import.service.ts';
import { findSourceById } from '../../src/sources/source.repository.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';
import { fileOf } from './list-files.ts';

const RUSSIAN = `№;Фамилия;Имя;Отчество;Год рождения;Место рождения;Примечание
1;Цукер;Макс;Яковлевич;1898;Берлин;расстрелян 17.12.1937
2;Бубер-Нейман;Маргарита;Генриховна;1901;Потсдам;передана гестапо
3;Фабиш;Эрнст;Иосифович;1897;Бреслау;умер в заключении
`;
const GERMAN = `Nr.;Name;Vorname;Geburtsjahr;Geburtsort;Bemerkung
1;Müller;Jürgen;1901;München;an die Gestapo übergeben
2;Größer;Käthe;1903;Köln;ausgewiesen
`;

const en = messages('en');
const said = (r: ImportReport) => r.problems.map((p) => `${p.level} ${describeProblem(p, en)}`);

describe('reading a list’s file', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openTestStorage('sqlite');
  });
  afterAll(async () => {
    await storage.close();
  });
  const analyze = (name: string, bytes: Uint8Array | string, choices = {}) =>
    analyzeListFile(storage.db, fileOf(name, bytes), choices);

  it('reads UTF-8 with and without a byte-order mark, its columns’ roles guessed from their headings', async () => {
    for (const bytes of [RUSSIAN, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN)])]) {
      const r = await analyze('liste.csv', bytes);
      expect(r.errors).toBe(0);
      expect(r.file).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', encodingDetected: true });
      expect(r.columns.map((c) => [c.label, c.role])).toEqual([
        ['№', 'no'],
        ['Фамилия', 'surname'],
        ['Имя', 'given'],
        ['Отчество', 'patronymic'],
        ['Год рождения', 'birth'],
        ['Место рождения', 'birth_place'],
        ['Примечание', 'remark'],
      ]);
      expect(r.rows).toBe(3);
      expect(r.preview[0]).toEqual({
        line: 2,
        cells: ['1', 'Цукер', 'Макс', 'Яковлевич', '1898', 'Берлин', 'расстрелян 17.12.1937'],
      });
    }
  });

  it('detects Windows-1251, KOI8-R and Windows-1252, and reads each as written', async () => {
    for (const [text, encoding] of [
      [RUSSIAN, 'windows-1251'],
      [RUSSIAN, 'koi8-r'],
      [GERMAN, 'windows-1252'],
    ] as const) {
      const r = await analyze('liste.csv', iconv.encode(text, encoding));
      expect(r.file.encoding, encoding).toBe(encoding);
      expect(r.errors).toBe(0);
      expect(r.preview[1]?.cells.join(';')).toBe(text.split('\n')[2]);
    }
    // A short Cyrillic list still tells 1251 from KOI8-R.
    const short = 'Фамилия,Имя\nКраус,Леопольд\n';
    expect((await analyze('a.csv', iconv.encode(short, 'koi8-r'))).file.encoding).toBe('koi8-r');
    expect((await analyze('a.csv', iconv.encode(short, 'windows-1251'))).file.encoding).toBe('windows-1251');
  });

  it('reads an encoding chosen instead of detecting one, and names cells a wrong UTF-8 choice cannot read', async () => {
    const bytes = iconv.encode(RUSSIAN, 'windows-1251');
    const chosen = await analyze('liste.csv', bytes, { encoding: 'windows-1251' });
    expect(chosen.file).toMatchObject({ encoding: 'windows-1251', encodingDetected: false });
    const wrong = await analyze('liste.csv', bytes, { encoding: 'utf-8' });
    expect(said(wrong)[0]).toMatch(/^error Line 1, column .*: bytes that are not utf-8/);
  });

  it('reads TSV, quoted fields over several lines, and tells each record’s first line', async () => {
    const r = await analyze('liste.tsv', 'Name\tRemark\n"Baltes, Fritz"\t"two\nlines"\n\nWinter, Franz\tx "y" z\n');
    expect(r.errors).toBe(0);
    expect(r.preview).toEqual([
      { line: 2, cells: ['Baltes, Fritz', 'two\nlines'] },
      { line: 5, cells: ['Winter, Franz', 'x "y" z'] },
    ]);
  });

  it('reads the first sheet of an XLSX workbook, dates as dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Liste B');
    sheet.addRow(['Nr.', 'Name', 'Geboren']);
    sheet.addRow([1, 'Zucker, Max', new Date(Date.UTC(1898, 5, 1))]);
    sheet.addRow([2, { richText: [{ text: 'Buber-' }, { text: 'Neumann' }] }, 1901]);
    workbook.addWorksheet('Notes').addRow(['not a list']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const r = await analyze('liste.xlsx', bytes);
    expect(r.errors).toBe(0);
    expect(r.file.format).toBe('xlsx');
    expect(r.columns.map((c) => c.role)).toEqual(['no', 'name', 'birth']);
    expect(r.preview).toEqual([
      { line: 2, cells: ['1', 'Zucker, Max', '1898-06-01'] },
      { line: 3, cells: ['2', 'Buber-Neumann', '1901'] },
    ]);
  });

  it('applies the roles chosen by heading or number, and refuses a role given twice or no name column', async () => {
    const ok = await analyze('liste.csv', GERMAN, {
      roles: [
        { column: 'name', role: 'surname' },
        { column: '#6', role: 'none' },
      ],
    });
    expect(ok.columns.map((c) => c.role)).toEqual(['no', 'surname', 'given', 'birth', 'birth_place', null]);
    const twice = await analyze('liste.csv', GERMAN, { roles: [{ column: 'Vorname', role: 'name' }] });
    expect(said(twice)).toContain('error The role name is given to two columns, “Name” and “Vorname”; give it to one.');
    const nameless = await analyze('liste.csv', 'Nr.,Jahr\n1,1901\n');
    expect(said(nameless)).toEqual(['error No column holds names: give one column the role name or surname.']);
    const unknown = await analyze('liste.csv', GERMAN, {
      roles: [
        { column: 'Nachname', role: 'surname' },
        { column: 'Name', role: 'vorname' },
      ],
    });
    expect(said(unknown)).toEqual([
      'error There is no column “Nachname” in the file; its columns are: “Nr.”, “Name”, “Vorname”, “Geburtsjahr”, “Geburtsort”, “Bemerkung”.',
      expect.stringMatching(/^error “vorname” is not a role; the roles are: none, no, name, surname/),
    ]);
  });

  it('names the line and column of ragged rows: more cells an error, fewer a warning', async () => {
    const r = await analyze(
      'liste.csv',
      'Name,Born,Remark\nZucker,1898,x\nNeumann,1902,y,extra\nFabisch,1897\nA,B,C,,\n',
    );
    expect(said(r)).toEqual([
      'error Line 3, column 4: 4 cells, but the header has 3; the cells past it have no column.',
      'warning Line 4: 2 cells where the header has 3; the missing ones are left empty.',
    ]);
  });

  it('names the line where a quote opens and never closes, and keeps other quotes as written', async () => {
    const open = await analyze('liste.csv', 'Name,Remark\nZucker,x\n"Neumann,y\nFabisch,z\nKlein,w\n');
    expect(said(open)).toEqual(['error Line 3: a quoted field opens here and is never closed.']);
    // Quotes that open no field, or close one that goes on, are kept as written.
    const kept = await analyze('liste.csv', 'Name,Remark\nWilhelm "Willi" Harzheim,x\n"Neu"mann,y\n');
    expect(kept.errors).toBe(0);
    expect(kept.preview.map((r) => r.cells[0])).toEqual(['Wilhelm "Willi" Harzheim', '"Neu"mann']);
  });

  it('refuses a file that mixes encodings, naming the first line of the fewer kind', async () => {
    const bytes = Buffer.concat([Buffer.from(RUSSIAN), iconv.encode('4;Клейн;Арнольд;;1900;;\n', 'windows-1251')]);
    const r = await analyze('liste.csv', bytes);
    expect(said(r)).toEqual([
      'error Line 5: The file mixes encodings: 4 lines are UTF-8 and 1 lines are in another encoding; this line is the first of the fewer kind. Save the file in one encoding.',
    ]);
  });

  it('refuses an empty file, a header without rows, a binary file named .csv and an old .xls', async () => {
    expect(said(await analyze('liste.csv', ''))).toEqual(['error The file is empty.']);
    expect(said(await analyze('liste.csv', '\n\n  \n'))).toEqual(['error The file is empty.']);
    expect(said(await analyze('liste.csv', 'Name,Born\n'))).toEqual(['error The file has a header but no rows.']);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]);
    expect(said(await analyze('liste.csv', png))).toEqual([
      'error The file holds binary data (a NUL byte at byte 8), not text: is it really a CSV or TSV file?',
    ]);
    const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(said(await analyze('liste.xls', xls))).toEqual([
      'error This is an Excel file of the old kind (.xls): save it as .xlsx or as CSV.',
    ]);
    expect(said(await analyze('liste.xlsx', 'Name\nZucker\n'))).toEqual([
      'error The file is named .xlsx but is not a spreadsheet of that kind.',
    ]);
  });
});

for (const engine of ENGINES) {
  describe(`importing a list on ${engine}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openTestStorage(engine);
    });
    afterAll(async () => {
      await storage.close();
    });

    it('writes the list, its rows as written and its file with its SHA-256; the same file again is refused', async () => {
      const file = fileOf('moskau.csv', iconv.encode(RUSSIAN, 'windows-1251'));
      const progress: number[] = [];
      const result = await importList(
        storage,
        { userId: null },
        file,
        { title: 'Moskauer Liste', asOf: '1940-07-01', archive: 'ГА РФ', fond: '10035' },
        {},
        (n) => progress.push(n),
      );
      expect(result.rows).toBe(3);
      expect(progress.at(-1)).toBe(3);
      const list = await findSourceById(storage.db, result.listId);
      expect(list).toMatchObject({ kind: 'list', title: 'Moskauer Liste', as_of: '1940-07-01', status: 'published' });
      expect(JSON.parse(list?.columns ?? '[]')[1]).toEqual({ key: 'familiya', label: 'Фамилия', role: 'surname' });
      const rows = await storage.db
        .selectFrom('list_rows')
        .select(['position', 'cells'])
        .where('source_id', '=', result.listId)
        .orderBy('position')
        .execute();
      expect(rows.map((r) => [r.position, JSON.parse(r.cells).familiya, JSON.parse(r.cells).primechanie])).toEqual([
        [1, 'Цукер', 'расстрелян 17.12.1937'],
        [2, 'Бубер-Нейман', 'передана гестапо'],
        [3, 'Фабиш', 'умер в заключении'],
      ]);
      const stored = await findFileOfList(storage.db, result.listId);
      expect(stored).toMatchObject({ name: 'moskau.csv', sha256: result.report.file.sha256, complete: 1 });
      const bytes: Uint8Array[] = [];
      for await (const chunk of readListFile(storage.db, stored!.id)) bytes.push(chunk);
      expect(iconv.decode(Buffer.concat(bytes), 'windows-1251')).toBe(RUSSIAN);

      const again = importList(storage, { userId: null }, file, { title: 'Again' });
      await expect(again).rejects.toBeInstanceOf(ImportRefusedError);
      const report = (await again.catch((e: ImportRefusedError) => e.report)) as ImportReport;
      expect(report.duplicateOf).toEqual({ id: result.listId, title: 'Moskauer Liste' });
      const twice = await importList(storage, { userId: null }, file, { title: 'Again' }, { again: true });
      expect(twice.listId).toBeGreaterThan(result.listId);
    });

    it('writes nothing for a file with errors, and reverts an import as one change set', async () => {
      const count = async () =>
        Number(
          (
            await storage.db
              .selectFrom('sources')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      await expect(
        importList(storage, { userId: null }, fileOf('bad.csv', 'Name,Born\nA,1\n"B,2\nC,3\n'), { title: 'Bad' }),
      ).rejects.toBeInstanceOf(ImportRefusedError);
      expect(await count()).toBe(before);

      const result = await importList(storage, { userId: null }, fileOf('b.csv', GERMAN), { title: 'Liste B' });
      await revertChangeSet(storage, { userId: null }, { changeSetId: result.changeSet });
      expect((await findSourceById(storage.db, result.listId))?.status).toBe('removed');
      // Its file no longer counts as imported: importing it again is allowed.
      const again = await importList(storage, { userId: null }, fileOf('b.csv', GERMAN), { title: 'Liste B' });
      expect(again.rows).toBe(2);
    });
  });
}
