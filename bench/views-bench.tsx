// The maps' and statistics' part of the benchmark (bench/bench.ts): the statistics page and the
// map of a search for a mix of filters, in-process through the app as a visitor asks for them, and
// a person's road of life (the itinerary map) alone.

import { sql } from 'kysely';
import type { Storage } from '../src/db/connection.ts';
import { messages } from '../src/i18n/i18n.ts';
import { ItinerarySection } from '../src/maps/itinerary.views.tsx';
import { getItinerary } from '../src/maps/itinerary-view.ts';
import { FATES } from '../src/persons/person.ts';
import { getPersonPage } from '../src/persons/person-page.ts';
import { factColumns } from '../src/search/facts/fact-columns.ts';
import { tallyFacts } from '../src/search/facts/fact-tally.ts';
import { searchPersons } from '../src/search/names/search-persons.ts';
import type { createApp } from '../src/web/app.tsx';

/** A search's parameters as a query string. */
type Query = Record<string, string>;

/**
 * The searches measured: the whole archive, each fate, handovers and arrests by year and month,
 * a broad place, a sex, a role, and common surnames: from a few hundred persons to all of them.
 */
async function viewQueries(storage: Storage): Promise<Query[]> {
  const moscow = await storage.db.selectFrom('places').select('id').where('key', '=', 'moscow').executeTakeFirst();
  const brest = await storage.db.selectFrom('places').select('id').where('key', '=', 'brest').executeTakeFirst();
  const surnames = (
    await sql<{
      surname: string;
    }>`SELECT surname FROM names WHERE surname IS NOT NULL AND person_id % 97 = 0 GROUP BY surname ORDER BY count(*) DESC LIMIT 3`.execute(
      storage.db,
    )
  ).rows.map((r) => r.surname);
  const out: Query[] = [{}];
  for (const fate of FATES.filter((f) => f !== 'unknown')) out.push({ fate });
  for (const year of ['1939', '1940', '1941']) out.push({ event: 'handover', from: year, to: year });
  for (const year of ['1936', '1937', '1938', '1939', '1940']) out.push({ event: 'arrest', from: year, to: year });
  out.push({ event: 'arrest', from: '1937-08', to: '1937-08' }, { event: 'handover', from: '1940-02', to: '1940-03' });
  out.push(
    { fate: 'shot_in_ussr', event: 'arrest', from: '1938', to: '1938' },
    { sex: 'female' },
    { role: 'perpetrator' },
  );
  if (moscow) out.push({ place: String(moscow.id) });
  if (brest) out.push({ place: String(brest.id), fate: 'handed_to_gestapo' });
  for (const q of surnames) out.push({ q });
  return out;
}

const queryString = (q: Query) => {
  const s = new URLSearchParams(q).toString();
  return s ? `?${s}` : '';
};

/** Requests of each kind measured: the queries taken in turn until this many, after one round to warm. */
const ROUNDS_OF = (n: number, queries: number) => Math.max(1, Math.ceil(n / queries));

/** Milliseconds of each request measured. */
export interface ViewsResult {
  /** Reading every person's facts into the process (what a server does once at start). */
  factsLoadSeconds: number;
  /** Persons each measured search counts, smallest and largest. */
  personsCounted: { min: number; max: number };
  statistics: number[];
  searchMap: number[];
  /** Map requests whose search counts at least 100,000 persons (none at a small size). */
  searchMap100k: number[];
  itinerary: number[];
  /** Paths of the statistics and map pages, for the load test over HTTP. */
  paths: string[];
}

export async function measureViews(
  storage: Storage,
  app: ReturnType<typeof createApp>,
  samples: number,
  personIds: number[],
): Promise<ViewsResult> {
  const t0 = performance.now();
  await factColumns(storage.db);
  const factsLoadSeconds = Math.round((performance.now() - t0) / 100) / 10;
  console.log(`  facts read into memory in ${factsLoadSeconds} s`);

  const queries = await viewQueries(storage);
  const counted = new Map<Query, number>();
  for (const q of queries) {
    const { set } = await searchPersons(storage, q);
    counted.set(q, (await tallyFacts(storage.db, set, [])).persons);
  }
  const counts = [...counted.values()];
  const time = async (path: string) => {
    const started = performance.now();
    const res = await app.request(path);
    await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return performance.now() - started;
  };
  const statistics: number[] = [];
  const maps: number[] = [];
  const maps100k: number[] = [];
  for (const q of queries) {
    await time(`/en/statistics${queryString(q)}`);
    await time(`/en/map${queryString(q)}`);
  }
  for (let round = 0; round < ROUNDS_OF(samples, queries.length); round++) {
    for (const q of queries) {
      statistics.push(await time(`/en/statistics${queryString(q)}`));
      const ms = await time(`/en/map${queryString(q)}`);
      maps.push(ms);
      if ((counted.get(q) ?? 0) >= 100_000) maps100k.push(ms);
    }
  }

  const t = messages('en');
  const itinerary: number[] = [];
  for (const id of personIds) {
    const page = await getPersonPage(storage.db, id, 'en').catch(() => null);
    if (!page) continue;
    const started = performance.now();
    const view = await getItinerary(storage.db, page.events, 'en');
    await (
      <ItinerarySection itinerary={view.itinerary} names={view.names} name={page.displayName} lang="en" t={t} />
    ).toString();
    itinerary.push(performance.now() - started);
  }
  const result: ViewsResult = {
    factsLoadSeconds,
    personsCounted: { min: Math.min(...counts), max: Math.max(...counts) },
    statistics,
    searchMap: maps,
    searchMap100k: maps100k,
    itinerary,
    paths: queries.flatMap((q) => [`/en/statistics${queryString(q)}`, `/en/map${queryString(q)}`]),
  };
  return result;
}
