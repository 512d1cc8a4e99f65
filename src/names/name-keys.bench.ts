/**
 * Micro-benchmark of analyzeName, the per-row cost of indexing. Not a test:
 *   npx tsx src/names/name-keys.bench.ts [names]
 * "repeating" draws surnames from fixed lists (as real imports do: surnames repeat, so the token
 * cache helps); "unique" gives every surname a new spelling, the cache's worst case.
 */
import { analyzeName, type NameInput } from './name-keys.ts';
import { givenNameTable } from './spelling/given-names.ts';
import {
  GERMAN_SURNAMES,
  nameList,
  POLISH_SURNAMES,
  RUSSIAN_SURNAMES,
  YIDDISH_SURNAMES,
} from './spelling/name-lists.fixture.ts';

const count = Number(process.argv[2] ?? 200_000);
const surnames = [GERMAN_SURNAMES, RUSSIAN_SURNAMES, POLISH_SURNAMES, YIDDISH_SURNAMES].flatMap(nameList);
const givenNames = [...givenNameTable().groups.values()].flat();
const letters = 'abcdefghiklmnoprstuvwz';

/** Deterministic pseudo-random numbers (a linear congruential generator), so runs compare. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function names(unique: boolean): NameInput[] {
  const next = random(1937);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, () => {
    let surname = pick(surnames);
    if (unique) for (let i = 0; i < 3; i++) surname += pick([...letters]);
    if (next() < 0.1) surname += `-${pick(surnames)}`;
    const cyrillic = /[\u0400-\u04ff]/.test(surname);
    return { given: pick(givenNames), surname, patronymic: cyrillic ? 'Иванович' : null, lang: cyrillic ? 'ru' : 'de' };
  });
}

for (const unique of [false, true]) {
  const rows = names(unique);
  let keys = 0;
  const start = performance.now();
  for (const row of rows) keys += analyzeName(row).length;
  const seconds = (performance.now() - start) / 1000;
  const label = unique ? 'unique   ' : 'repeating';
  console.log(
    `${label} ${count} names in ${seconds.toFixed(2)} s: ${Math.round(count / seconds).toLocaleString('en')} names/s, ` +
      `${(keys / count).toFixed(1)} keys/name`,
  );
}
