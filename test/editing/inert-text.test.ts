import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../src/editing/editing.service.ts';
import { upsertDuplicatePair } from '../../src/merges/merge.repository.ts';
import { mergePersons } from '../../src/merges/merge.service.ts';
import { type EditingArchive, openEditingArchive, submitForm } from '../support/editing.ts';
import { ENGINES } from '../support/storage.ts';

/*
 * Script and markup typed into any text field stay text wherever they are shown: every free-text
 * field of every kind of record holds a canary, and every page that shows them is read for it.
 */

const CANARY = '<script>alert("qzx")</script><b>qzx</b><img src=x onerror=alert(1)>';
const RAW = ['<script>alert("qzx")', '<b>qzx</b>', '<img src=x'];
const c = (field: string) => `${field} ${CANARY}`;

for (const engine of ENGINES) {
  describe(`script and markup stay text on ${engine}`, () => {
    let archive: EditingArchive;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      archive = await openEditingArchive(engine);
      const s = archive.storage;
      const save = async (type: Parameters<typeof saveRecord>[2]['type'], doc: Record<string, unknown>) =>
        (await saveRecord(s, { userId: archive.userIds.editor }, { type, doc, reason: c('reason') })).id;
      ids.source = await save('source', {
        kind: 'list',
        status: 'published',
        title: c('title'),
        authors: c('authors'),
        container: c('container'),
        publisher: c('publisher'),
        publicationPlace: c('place'),
        archive: c('archive'),
        fond: c('fond'),
        opis: c('opis'),
        delo: c('delo'),
        folios: c('folios'),
        note: c('note'),
        columns: [{ key: 'name', label: c('label') }],
        texts: [{ kind: 'transcription', lang: 'ru', text: c('text'), note: c('text note') }],
      });
      ids.place = await save('place', {
        kind: 'city',
        status: 'published',
        note: c('note'),
        names: [{ name: c('placename'), lang: 'en' }],
      });
      ids.org = await save('organization', {
        kind: c('kind'),
        status: 'published',
        place: ids.place,
        note: c('note'),
        names: [{ name: c('orgname'), abbreviation: c('abbr') }],
      });
      const cite = { source: ids.source, locator: c('locator'), quote: c('quote'), note: c('cite note') };
      ids.person = await save('person', {
        status: 'published',
        display: c('Qzxcanary display'),
        sort: c('sort'),
        roles: ['victim'],
        biography: { en: c('bio en'), de: c('bio de'), ru: c('bio ru') },
        names: [
          {
            given: c('given'),
            surname: 'Qzxcanary',
            patronymic: c('patronymic'),
            note: c('name note'),
            citations: [cite],
          },
          { kind: 'as-written', full: c('full'), rank: 'deprecated', note: c('correction') },
        ],
        attributes: [
          { type: 'occupation', value: c('value'), note: c('attr note'), organization: ids.org, citations: [cite] },
        ],
        relationships: [{ type: 'friend', relatedName: c('related'), note: c('rel note') }],
        citations: [cite],
      });
      ids.event = await save('event', {
        type: 'arrest',
        date: '1938-03-01',
        dateText: c('date text'),
        place: ids.place,
        placeText: c('place text'),
        organization: ids.org,
        status: 'published',
        note: c('event note'),
        details: { [c('key')]: c('detail') },
        description: { en: c('description') },
        participants: [{ person: ids.person, role: 'subject', note: c('participant note') }],
        citations: [cite],
        variants: [{ date: '1938-03-02', note: c('variant note'), placeText: c('variant place'), citations: [cite] }],
      });
      // A second revision, for the diffs, and a reviewer's proposal.
      const person = ids.person;
      await submitForm(archive.editor, `/en/persons/${person}/edit`, {
        'names.0.given': c('edited given'),
        _reason: c('form reason'),
      });
      await submitForm(archive.reviewer, `/en/persons/${person}/edit`, { 'names.0.note': c('proposal') });
      // Two more to merge, and a likely duplicate pair whose evidence holds one too.
      ids.twin = await save('person', { status: 'published', names: [{ given: c('twin'), surname: 'Qzxtwin' }] });
      const merged = await save('person', { status: 'published', names: [{ given: c('merged'), surname: 'Qzxtwin' }] });
      ids.merge = (
        await mergePersons(
          s,
          { userId: archive.userIds.editor },
          { source: merged, target: ids.twin, reason: c('merge') },
        )
      ).mergeId;
      await upsertDuplicatePair(s.db, {
        person_a: person,
        person_b: ids.twin,
        weight: 5,
        evidence: JSON.stringify([{ comparison: c('comparison'), level: c('level'), weight: 5, detail: c('detail') }]),
      });
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('escapes every canary on every page that shows it', async () => {
      const { person, event, place, org, source } = ids;
      const proposal = (await archive.storage.db.selectFrom('proposals').select('id').executeTakeFirstOrThrow()).id;
      const pages: [string, 'anonymous' | 'editor'][] = [
        [`/en/persons/${person}`, 'anonymous'],
        [`/de/persons/${person}`, 'anonymous'],
        [`/en/events/${event}`, 'anonymous'],
        [`/en/places/${place}`, 'anonymous'],
        [`/en/organizations/${org}`, 'anonymous'],
        [`/en/sources/${source}`, 'anonymous'],
        ['/en/persons?q=Qzxcanary', 'anonymous'],
        ['/en/search?q=description', 'anonymous'],
        ['/en/search?q=qzx', 'anonymous'],
        ['/en/places', 'anonymous'],
        ['/en/organizations', 'anonymous'],
        ['/en/sources', 'anonymous'],
        [`/en/persons/${person}/edit`, 'editor'],
        [`/en/events/${event}/edit`, 'editor'],
        [`/en/places/${place}/edit`, 'editor'],
        [`/en/organizations/${org}/edit`, 'editor'],
        [`/en/sources/${source}/edit`, 'editor'],
        [`/en/persons/${person}/history`, 'editor'],
        [`/en/persons/${person}/compare`, 'editor'],
        [`/en/events/${event}/history`, 'editor'],
        [`/en/events/${event}/compare`, 'editor'],
        [`/en/sources/${source}/compare`, 'editor'],
        ['/en/changes', 'editor'],
        ['/en/proposals', 'editor'],
        [`/en/proposals/${proposal}`, 'editor'],
        [`/en/persons/${person}/merge`, 'editor'],
        [`/en/persons/${person}/merge?into=${ids.twin}`, 'editor'],
        [`/en/merges/${ids.merge}`, 'editor'],
        ['/en/duplicates', 'editor'],
      ];
      for (const [path, who] of pages) {
        const page = await archive[who].get(path);
        expect(page.status, path).toBe(200);
        for (const raw of RAW) expect(page.text.includes(raw), `${path} shows ${raw}`).toBe(false);
        // Each page does show a canary, as text: the test reads what it means to.
        if (!path.includes('/search?'))
          expect(page.text.includes('&lt;b&gt;qzx&lt;/b&gt;'), `${path} shows no canary`).toBe(true);
      }
      // The canary is there, as text.
      const edit = await archive.editor.get(`/en/persons/${person}/edit`);
      expect(edit.text).toContain('&lt;script&gt;alert(&quot;qzx&quot;)&lt;/script&gt;');
      // JSON answers are JSON: the canary is a string in them, never markup a browser would run.
      for (const path of [
        '/api/v1/persons?q=Qzxcanary',
        '/api/v1/texts?q=description',
        `/api/v1/persons/${person}/history`,
        `/api/v1/lookup?type=source&q=title`,
      ]) {
        const res = await archive.editor.get(path);
        expect(res.status, path).toBe(200);
        expect(res.res.headers.get('content-type'), path).toMatch(/^application\/json/);
      }
    });
  });
}
