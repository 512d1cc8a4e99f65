import { parse } from 'parse-gedcom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCitation } from '../../src/citations/citation.service.ts';
import { addRelationship } from '../../src/persons/statement.service.ts';
import { createSource } from '../../src/sources/source.service.ts';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { insertPerson } from '../support/factories.ts';
import { gedcomTree, validateGedcom7 } from '../support/gedcom7.ts';
import { ENGINES } from '../support/storage.ts';

type Tree = ReturnType<typeof gedcomTree>;
const find = (nodes: Tree, tag: string) => nodes.filter((n) => n.tag === tag);
const value = (nodes: Tree, ...path: string[]): string | null => {
  let level = nodes;
  for (const tag of path.slice(0, -1)) level = find(level, tag)[0]?.children ?? [];
  return find(level, path.at(-1) ?? '')[0]?.value ?? null;
};

for (const engine of ENGINES) {
  describe(`GEDCOM 7 export on ${engine}`, () => {
    let archive: TestArchive;
    const gedcom = async (id: number) => {
      const res = await archive.app.request(`/api/v1/persons/${id}/gedcom`);
      expect(res.status).toBe(200);
      return res;
    };
    beforeAll(async () => {
      archive = await openTestArchive(engine);
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('exports a person with names, events, families, friends and sources that the standard’s rules accept', async () => {
      const id = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const res = await gedcom(id);
      expect(res.headers.get('content-type')).toBe('text/vnd.familysearch.gedcom; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="fates-person-${id}.ged"`);
      const text = await res.text();
      expect(validateGedcom7(text)).toEqual([]);

      // A GEDCOM reader from npm (parse-gedcom) reads the same file.
      const read = parse(text) as unknown as { children: { type: string; data: { xref_id?: string } }[] };
      expect(read.children[0]?.type).toBe('HEAD');
      expect(read.children.at(-1)?.type).toBe('TRLR');

      const tree = gedcomTree(text);
      expect(value(tree, 'HEAD', 'GEDC', 'VERS')).toBe('7.0');
      expect(value(tree, 'HEAD', 'COPR')).toMatch(/CC BY 4\.0/);
      const [self] = find(tree, 'INDI').filter((i) => i.xref === `@I${id}@`);
      const names = find(self?.children ?? [], 'NAME');
      expect(names.map((n) => n.value)).toEqual(
        expect.arrayContaining(['Margarete /Buber-Neumann/', 'Margarete /Thüring/', 'Маргарита /Бубер-Нейман/']),
      );
      expect(
        value(
          names.filter((n) => n.value === 'Margarete /Thüring/'),
          'NAME',
          'TYPE',
        ),
      ).toBe('BIRTH');
      expect(value(self?.children ?? [], 'BIRT', 'DATE')).toBe('21 OCT 1901');
      expect(value(self?.children ?? [], 'BIRT', 'PLAC')).toBe('Potsdam');
      expect(value(self?.children ?? [], 'DEAT', 'DATE')).toBe('6 NOV 1989');
      const camp = find(self?.children ?? [], 'EVEN').find((e) => value(e.children, 'TYPE') === 'camp');
      expect(value(camp?.children ?? [], 'DATE')).toBe('FROM 1938 TO 1940');
      // The deprecated "Ravensburg" account is not exported as a fact.
      expect(text).not.toMatch(/PLAC Ravensburg/);

      // Spouse Rafael Buber (married 1922, divorced 1929) and partner Heinz Neumann are families.
      const families = find(tree, 'FAM');
      const marriage = families.find((f) => find(f.children, 'MARR').length === 1);
      expect(value(marriage?.children ?? [], 'MARR', 'DATE')).toBe('1922');
      expect(value(marriage?.children ?? [], 'DIV', 'DATE')).toBe('1929');
      const individuals = new Map(find(tree, 'INDI').map((i) => [i.xref, value(i.children, 'NAME')]));
      const partnersOf = (f: Tree[number] | undefined) =>
        [...find(f?.children ?? [], 'HUSB'), ...find(f?.children ?? [], 'WIFE')].map((p) =>
          individuals.get(p.value ?? ''),
        );
      expect(partnersOf(marriage)).toEqual(expect.arrayContaining(['Rafael /Buber/']));
      expect(families.flatMap(partnersOf)).toContain('Heinz /Neumann/');
      // Milena Jesenská, a friend, is an association.
      const friend = find(self?.children ?? [], 'ASSO').find((a) => value(a.children, 'ROLE') === 'FRIEND');
      expect(individuals.get(friend?.value ?? '')).toMatch(/Jesensk/);

      // Every source cited is a record, with its title.
      const cited = new Set([...text.matchAll(/ SOUR (@S\d+@)/g)].map((m) => m[1]));
      const records = find(tree, 'SOUR').filter((s) => s.level === 0);
      expect(new Set(records.map((s) => s.xref))).toEqual(cited);
      expect(records.every((s) => value(s.children, 'TITL'))).toBe(true);
    });

    it('puts parents, children and siblings in families, keeps drafts out, and names unrecorded relatives', async () => {
      const db = archive.storage.db;
      const person = await insertPerson(archive.storage, {
        names: [{ given: 'Emil', surname: 'Kind' }],
        sex: 'male',
        events: [{ type: 'birth', date: '1905?' }],
      });
      const mother = await insertPerson(archive.storage, {
        names: [{ given: 'Berta', surname: 'Kind' }],
        sex: 'female',
      });
      const father = await insertPerson(archive.storage, { names: [{ given: 'Otto', surname: 'Kind' }], sex: 'male' });
      const sister = await insertPerson(archive.storage, {
        names: [{ given: 'Lotte', surname: 'Kind' }],
        sex: 'female',
      });
      const hidden = await insertPerson(archive.storage, {
        names: [{ given: 'Geheim', surname: 'Entwurf' }],
        status: 'draft',
      });
      const source = await createSource(db, {
        kind: 'archival',
        title: 'Akte Kind',
        archive: 'ГА РФ',
        fond: '10035',
        delo: '12',
      });
      const rel = await addRelationship(db, person, { type: 'parent', relatedPersonId: mother });
      await addCitation(db, { statementType: 'relationship', statementId: rel, sourceId: source, locator: 'Bl. 3' });
      await addRelationship(db, person, { type: 'parent', relatedPersonId: father });
      await addRelationship(db, person, { type: 'sibling', relatedPersonId: sister });
      await addRelationship(db, person, { type: 'child', relatedName: 'Hans Kind' });
      await addRelationship(db, person, { type: 'colleague', relatedPersonId: hidden });

      const text = await (await gedcom(person)).text();
      expect(validateGedcom7(text)).toEqual([]);
      const tree = gedcomTree(text);
      const families = find(tree, 'FAM');
      const parents = families.find(
        (f) => find(f.children, 'CHIL').some((c) => c.value === `@I${person}@`) && find(f.children, 'HUSB').length,
      );
      expect(value(parents?.children ?? [], 'HUSB')).toBe(`@I${father}@`);
      expect(value(parents?.children ?? [], 'WIFE')).toBe(`@I${mother}@`);
      const siblings = families.find((f) => find(f.children, 'CHIL').some((c) => c.value === `@I${sister}@`));
      expect(find(siblings?.children ?? [], 'CHIL').map((c) => c.value)).toContain(`@I${person}@`);
      const children = families.find((f) => value(f.children, 'HUSB') === `@I${person}@`);
      const child = find(tree, 'INDI').find((i) => i.xref === value(children?.children ?? [], 'CHIL'));
      expect(value(child?.children ?? [], 'NAME')).toBe('Hans Kind');
      expect(text).not.toContain('Entwurf');
      expect(text).toContain(`1 BIRT\n2 DATE ABT 1905\n3 PHRASE`);
      expect(text).toMatch(/0 @R1@ REPO\n1 NAME ГА РФ/);
    });

    it('refuses drafts, sends merged ids to the survivor’s file, and 404s unknown ids', async () => {
      const draft = await insertPerson(archive.storage, { names: [{ given: 'D', surname: 'Raft' }], status: 'draft' });
      expect((await archive.app.request(`/api/v1/persons/${draft}/gedcom`)).status).toBe(404);
      const survivor = await idOf(archive.storage, 'persons', 'ernst-fabisch');
      const merged = await insertPerson(archive.storage, { names: [{ given: 'E', surname: 'Fabisch' }] });
      await archive.storage.db.updateTable('persons').set({ merged_into: survivor }).where('id', '=', merged).execute();
      const res = await archive.app.request(`/api/v1/persons/${merged}/gedcom`);
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(`/api/v1/persons/${survivor}/gedcom`);
      expect((await archive.app.request('/api/v1/persons/999999/gedcom')).status).toBe(404);
    });
  });
}

describe('the GEDCOM 7 validator', () => {
  const valid = [
    '0 HEAD',
    '1 GEDC',
    '2 VERS 7.0',
    '0 @I1@ INDI',
    '1 NAME Anna /Kind/',
    '1 BIRT',
    '2 DATE 12 NOV 1910',
    '1 FAMC @F1@',
    '0 @F1@ FAM',
    '1 CHIL @I1@',
    '0 TRLR',
  ];
  const broken = (change: (lines: string[]) => string[]) => validateGedcom7(`${change([...valid]).join('\n')}\n`);

  it('accepts a small valid file and finds each kind of mistake', () => {
    expect(validateGedcom7(`${valid.join('\n')}\n`)).toEqual([]);
    expect(broken((l) => l.slice(0, -1))).toContain('the file does not end with TRLR');
    expect(broken((l) => l.map((x) => x.replace('12 NOV 1910', '12 Nov 1910'))).join()).toMatch(
      /not a valid date-value/,
    );
    expect(broken((l) => l.map((x) => x.replace('1 CHIL @I1@', '1 CHIL @I9@'))).join()).toMatch(/no INDI record/);
    expect(broken((l) => l.map((x) => x.replace('1 BIRT', '1 EVEN'))).join()).toMatch(/TYPE 0 times/);
    expect(broken((l) => l.map((x) => x.replace('2 DATE', '3 DATE'))).join()).toMatch(/does not follow/);
    expect(broken((l) => l.map((x) => x.replace('1 FAMC @F1@', '1 FAMS @F1@'))).join()).toMatch(
      /not back|does not point back/,
    );
    expect(broken((l) => l.map((x) => x.replace('2 VERS 7.0', '2 VERS 5.5.1'))).join()).toMatch(/not 7/);
    expect(broken((l) => [...l.slice(0, 5), '1 _CUSTOM x', ...l.slice(5)]).join()).toMatch(/_CUSTOM may not stand/);
  });
});
