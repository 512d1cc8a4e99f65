import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../src/editing/editing.service.ts';
import { insertUser } from '../support/accounts.ts';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { ENGINES } from '../support/storage.ts';

/*
 * Drafts, of records and of statements, are the editors' alone: no public page, search, facet,
 * count or API answer for anonymous callers may show them. Every draft here carries "Qzx", and
 * every public place is read for it.
 */

const editor = { userId: null };

for (const engine of ENGINES) {
  describe(`drafts stay with the editors on ${engine}`, () => {
    let archive: TestArchive;
    const ids: Record<string, number> = {};
    let countsBefore = '';

    const counts = (html: string) => /<p class="counts">[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';

    beforeAll(async () => {
      archive = await openTestArchive(engine);
      countsBefore = counts((await archive.get('/en/')).text);
      const s = archive.storage;
      const save = async (type: Parameters<typeof saveRecord>[2]['type'], doc: Record<string, unknown>) =>
        (await saveRecord(s, editor, { type, doc })).id;
      const moscow = await idOf(s, 'places', 'moscow');
      const nkvd = (await s.db.selectFrom('organizations').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      const research = await idOf(s, 'sources', 'research-note');
      ids.nkvd = nkvd;
      ids.research = research;
      ids.source = await save('source', { kind: 'book', title: 'Qzxsource book', status: 'draft' });
      ids.place = await save('place', {
        kind: 'prison',
        parent: moscow,
        status: 'draft',
        names: [{ name: 'Qzxplace prison', lang: 'en' }],
      });
      ids.org = await save('organization', { kind: 'party', status: 'draft', names: [{ name: 'Qzxorg party' }] });
      ids.draftPerson = await save('person', {
        status: 'draft',
        roles: ['victim'],
        biography: { en: 'Qzxbio Qzxbiotoo of a draft person.' },
        names: [{ given: 'Qzxgiven', surname: 'Qzxdraftperson' }],
      });
      ids.person = await save('person', {
        status: 'published',
        roles: ['victim'],
        names: [
          { given: 'Paula', surname: 'Wqzkpublic' },
          {
            kind: 'alias',
            given: 'Qzxalias',
            surname: 'Qzxaliassurname',
            status: 'draft',
            citations: [{ source: research, quote: 'Qzxquote' }],
          },
        ],
        attributes: [
          { type: 'occupation', value: 'Qzxjob', organization: nkvd, status: 'draft' },
          {
            type: 'party',
            value: 'KPD',
            organization: nkvd,
            citations: [{ source: ids.source, locator: 'Qzxlocator' }],
          },
        ],
        relationships: [
          { type: 'spouse', relatedPerson: ids.draftPerson },
          { type: 'friend', relatedName: 'Qzxfriend', status: 'draft' },
        ],
      });
      ids.draftEvent = await save('event', {
        type: 'arrest',
        date: '1938-03-01',
        status: 'draft',
        description: { en: 'Qzxevent Qzxeventtoo arrest' },
        participants: [{ person: ids.person, role: 'subject' }],
      });
      await save('event', {
        type: 'birth',
        date: '1899',
        status: 'draft',
        participants: [{ person: ids.person, role: 'subject' }],
        citations: [{ source: research, quote: 'Qzxbirthquote' }],
      });
      ids.event = await save('event', {
        type: 'imprisonment',
        date: '1938-04',
        place: ids.place,
        organization: ids.org,
        status: 'published',
        description: { en: 'Held in prison.' },
        participants: [
          { person: ids.person, role: 'subject' },
          { person: ids.draftPerson, role: 'companion' },
        ],
        variants: [{ date: '1938-05', note: 'Qzxvariant note', status: 'draft' }],
      });
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('shows none of them on public pages, in search, facets, counts or the API', async () => {
      const paths = [
        '/en/',
        '/en/persons',
        '/en/persons?q=Qzxdraftperson',
        '/en/persons?q=Qzxaliassurname',
        '/en/persons?q=Wqzkpublic',
        '/en/persons?q=Wqzkpublic&event=arrest',
        '/en/persons?role=victim',
        `/en/persons/${ids.person}`,
        `/en/events/${ids.event}`,
        `/en/places/${await idOf(archive.storage, 'places', 'moscow')}`,
        `/en/organizations/${ids.nkvd}`,
        `/en/sources/${ids.research}`,
        '/en/places',
        '/en/organizations',
        '/en/sources',
        '/en/search?q=Qzxevent',
        '/en/search?q=Qzxbio',
        '/api/v1/persons?q=Qzxdraftperson',
        '/api/v1/persons?q=Qzxaliassurname',
        '/api/v1/persons?q=Wqzkpublic',
        '/api/v1/persons?limit=100',
        '/api/v1/texts?q=Qzxevent',
        '/api/v1/texts?q=Qzxbio',
      ];
      const anonymous = new Client(archive.app);
      for (const path of paths) {
        const page = await anonymous.get(path);
        expect(page.status, path).toBe(200);
        // A search page repeats its query; everything else about a draft must be absent.
        const q = new URL(path, 'http://x').searchParams.get('q');
        const text = q ? page.text.replaceAll(q, '') : page.text;
        expect(text.match(/.{0,80}Qzx.{0,80}/)?.[0] ?? null, path).toBeNull();
      }
      // The published person is found, without the draft event's facet.
      const found = JSON.parse((await anonymous.get('/api/v1/persons?q=Wqzkpublic')).text);
      expect(found.results.map((r: { id: number }) => r.id)).toEqual([ids.person]);
      expect(found.facets.event.map((f: { value: string }) => f.value)).not.toContain('arrest');
      expect(found.results[0].born).toBeNull();
      // One published person and one published event were added; no draft is counted.
      const numbers = (html: string) => counts(html).match(/\d+/g)?.map(Number) ?? [];
      const [persons, events, sources, places] = numbers(countsBefore);
      expect(numbers((await anonymous.get('/en/')).text)).toEqual([persons! + 1, events! + 1, sources, places]);
      for (const [path, status] of [
        [`/en/persons/${ids.draftPerson}`, 404],
        [`/en/events/${ids.draftEvent}`, 404],
        [`/en/places/${ids.place}`, 404],
        [`/en/organizations/${ids.org}`, 404],
        [`/en/sources/${ids.source}`, 404],
        [`/api/v1/persons/${ids.draftPerson}/history`, 401],
        [`/api/v1/persons/${ids.draftPerson}/document`, 401],
      ] as const) {
        expect((await anonymous.get(path)).status, path).toBe(status);
      }
    });

    it('shows them to editors, marked as drafts, on the edit pages', async () => {
      const user = await insertUser(archive.storage.db, { name: 'drafts-editor', role: 'editor' });
      const browser = new Client(archive.app);
      await browser.signIn(user.name, user.password);
      const person = await browser.get(`/en/persons/${ids.person}/edit`);
      expect(person.text).toMatch(/<legend>Name 2<span class="badge badge-draft">draft<\/span><\/legend>/);
      expect(person.text).toContain('value="Qzxaliassurname"');
      expect(person.text).toMatch(/arrest, 1 March 1938<\/a> \(subject\)<span class="badge badge-draft">draft<\/span>/);
      const draft = await browser.get(`/en/persons/${ids.draftPerson}/edit`);
      expect(draft.text).toMatch(
        /<h1>Edit: Qzxgiven Qzxdraftperson<span class="badge badge-draft">draft<\/span><\/h1>/,
      );
      const event = await browser.get(`/en/events/${ids.event}/edit`);
      expect(event.text).toContain('Qzxplace prison</a><span class="badge badge-draft">draft</span>');
    });
  });
}
