import { dayOf, type Precision } from './dates.ts';
import { type Rng, weightedKeys } from './prng.ts';

/*
 * The numbers behind a synthetic life: when things happened, how precisely sources date them,
 * how lives ended, and the typed details events carry.
 */

export const D = (y: number, m: number, d: number) => dayOf(y, m, d);
export const TERROR_START = D(1937, 7, 15);
export const TERROR_END = D(1938, 11, 17);
export const FIRST_ARREST = D(1936, 1, 1);
export const LAST_ARREST = D(1941, 6, 21);
export const YEAR = 365;

const precisionTable = (w: Partial<Record<Precision, number>>) => weightedKeys(w as Record<Precision, number>);
export const PRECISE = precisionTable({ day: 68, 'day?': 4, 'day~': 3, month: 14, 'month~': 3, year: 5, months: 3 });
export const BIRTH = precisionTable({ day: 55, 'day?': 3, month: 8, year: 22, 'year~': 6, 'year?': 3, years: 3 });
export const VAGUE = precisionTable({ day: 25, month: 25, 'month~': 5, year: 30, 'year~': 7, 'year?': 3, years: 5 });
export const SPAN = precisionTable({ year: 55, years: 30, 'year~': 15 });

export const OUTCOMES = weightedKeys({ shot: 36, camp: 26, handover: 14, expelled: 13, released: 8, unknown: 3 });
export const AFTER_CAMP = weightedKeys({ death: 35, release: 30, handover: 12, none: 23 });
export const NOT_ARRESTED = weightedKeys({ remigration: 40, death: 30, deportation: 20, none: 10 });

const json = (o: Record<string, string>) => JSON.stringify(o);
/** Typed details, made once: they repeat across millions of events. */
export const DETAILS = {
  death: json({ penalty: 'death' }),
  expulsion: json({ penalty: 'expulsion from the USSR' }),
  camp: ['5 years', '8 years', '10 years', '10 years', '15 years'].map((term) =>
    json({ penalty: 'corrective labour camp', term }),
  ),
  articles: ['58-6', '58-6', '58-10', '58-11', '58-1a', '58-8', '58-9'],
};
const ARTICLE_DETAILS = new Map<string, string>();
export function sentenceDetails(rng: Rng, base: string): string {
  const article = rng.pick(DETAILS.articles);
  const key = `${base}|${article}`;
  let out = ARTICLE_DETAILS.get(key);
  if (!out) {
    out = JSON.stringify({ ...JSON.parse(base), article });
    ARTICLE_DETAILS.set(key, out);
  }
  return out;
}
export const POSITIONS = [
  'miner',
  'miner',
  'fitter',
  'turner',
  'locksmith',
  'electrician',
  'engineer',
  'bricklayer',
  'carpenter',
  'tailor',
  'seamstress',
  'typist',
  'translator',
  'teacher',
  'journalist',
  'physician',
  'actor',
  'student',
  'party functionary',
  'Comintern employee',
  'factory worker',
  'chemist',
  'architect',
  'musician',
].map((position) => json({ position }));
export const STAFF_POSITIONS = [
  'investigator',
  'investigator',
  'senior investigator',
  'interrogator',
  'head of department',
  'deputy head of board',
  'sergeant of state security',
  'lieutenant of state security',
  'prosecutor',
  'clerk',
  'prison commandant',
].map((position) => json({ position }));
export const GESTAPO_POSITIONS = [
  'Kriminalsekretär',
  'Kriminalkommissar',
  'Kriminalassistent',
  'Grenzpolizeikommissar',
].map((position) => json({ position }));
