// Record-linkage quality and speed: a synthetic list of rows made from archive persons with the
// corruption real lists show (Soviet file forms with patronymics, surname first, clerks' and
// typists' slips, a birth year one off, names missing, party names), plus rows of people the
// archive does not hold, linked by candidatesForRows; precision, recall and F1 of the suggested
// links and of the review band, and rows per second. Results go to bench/results/.
//
//   npm run eval:linkage                          # 10,000 rows against sample + 1,000,000
//   npm run eval:linkage -- --persons 100000 --rows 2000
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { patronymicFrom, toCyrillic } from '../src/generate/cyrillic.ts';
import { misspellCyrillic, typo } from '../src/generate/misspell.ts';
import { Rng } from '../src/generate/prng.ts';
import { COMPARISONS } from '../src/linkage/comparisons.ts';
import {
  candidatesForRows,
  FIT_ROWS,
  fitModel,
  fitToRows,
  type LinkCandidate,
  LinkingThread,
  type RowForLinkage,
  THRESHOLDS,
} from '../src/linkage/link.ts';
import { listLifeEvents } from '../src/persons/person-index.repository.ts';
import { listPlaceNames } from '../src/places/place.repository.ts';
import { listStoredDocs } from '../src/search/index/stored-doc.repository.ts';
import { openEvalArchive } from './eval/archive.ts';
import { readRealPersons, readTsv } from './eval/real-set.ts';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    rows: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench/results' },
    /** Writes this many rows of each kind that were not suggested right, with their candidates, to examples.json. */
    examples: { type: 'string', default: '0' },
    /** Weighs the rows with the archive's model alone, not fitted to the list's first rows. */
    'no-list-fit': { type: 'boolean', default: false },
  },
});

const persons = Number(values.persons);
const rowCount = Number(values.rows);
const rng = new Rng(Number(values.seed) * 7919);
/** Share of rows naming people the archive does not hold. */
const STRANGERS = 0.2;
const FATHERS = ['Johann', 'Josef', 'Karl', 'Franz', 'Wilhelm', 'Friedrich', 'Heinrich', 'Jakob', 'Anton', 'Leopold'];
/** Every candidate of a row is kept, to tell rows nothing can decide from rows the model fails. */
const EVERY_CANDIDATE = 1_000;

const storage = await openEvalArchive(persons, Number(values.seed));
const maxId = Number(
  (
    await storage.db
      .selectFrom('persons')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirstOrThrow()
  ).m,
);

const pick = <T>(items: readonly T[]): T => items[rng.int(items.length)] as T;

function dotted(edtf: string): string {
  const [y, m, d] = edtf.split('-');
  return d ? `${d}.${m}.${y}` : m ? `${m}.${y}` : (y as string);
}

/** The list's columns: a name as written, a date of birth and a place of birth. */
const ROLES = { name: 'name', born: 'birth', place: 'birth_place' };

interface Truth {
  row: RowForLinkage;
  /** The person the row is about, or null for someone the archive does not hold. */
  personId: number | null;
  kind: string;
}

async function makeRows(): Promise<Truth[]> {
  const out: Truth[] = [];
  while (out.length < rowCount) {
    const ids = Array.from({ length: 400 }, () => 1 + rng.int(maxId));
    const docs = await listStoredDocs(storage.db, ids);
    const events = await listLifeEvents(storage.db, [...docs.keys()]);
    const places = new Map<number, string>();
    for (const n of await listPlaceNames(storage.db, [...new Set(events.flatMap((e) => e.place_id ?? []))]))
      if (!places.has(n.place_id)) places.set(n.place_id, n.name);
    for (const [id, doc] of docs) {
      if (out.length >= rowCount) break;
      const latin = doc.names.find((n) => n.surname && n.given && !/[\u0400-\u04ff]/.test(n.full_name));
      if (!latin?.surname || !latin.given) continue;
      const stranger = rng.chance(STRANGERS);
      // Someone the archive does not hold bears a name as common as anyone's: an archive person's
      // name, with the birth date and place of another person drawn at random.
      const bornOf = stranger ? pick([...docs.keys()].filter((other) => other !== id)) : id;
      const birth = events.find((e) => e.person_id === bornOf && e.type === 'birth');
      const surname = latin.surname;
      const given = latin.given;
      // A Soviet file gives the father's name: the one the archive knows, else an unknown father's.
      const known = doc.names.find((n) => n.patronymic)?.patronymic;
      const patronymic =
        known && !stranger
          ? /[\u0400-\u04ff]/.test(known)
            ? known
            : toCyrillic(known, 'de')
          : patronymicFrom(toCyrillic(pick(FATHERS), 'de'), doc.sex === 'female' ? 'female' : 'male');
      let name: string;
      let kind: string;
      const r = rng.next();
      if (r < 0.45) {
        // A Soviet file: surname first, Cyrillic, a patronymic.
        kind = 'soviet file form';
        const cyr = `${toCyrillic(surname, 'de')} ${toCyrillic(given, 'de')} ${patronymic}`;
        name = rng.chance(0.25) ? (misspellCyrillic(cyr, rng) ?? cyr) : cyr;
      } else if (r < 0.65) {
        kind = 'typing slip';
        name = `${typo(surname, rng) ?? surname} ${given}`;
      } else if (r < 0.8) {
        kind = 'surname first';
        name = `${surname}, ${rng.chance(0.3) ? `${given[0]}.` : given}`;
      } else {
        const alias = doc.names.find((n) => n.kind === 'alias');
        kind = alias && !stranger ? 'party name' : 'as in the archive';
        name = alias && !stranger ? alias.full_name : `${given} ${surname}`;
      }
      let born = '';
      if (birth?.date_edtf && /^\d{4}/.test(birth.date_edtf) && rng.chance(0.75)) {
        const year = Number(birth.date_edtf.slice(0, 4));
        born = rng.chance(0.15)
          ? String(year + (rng.chance(0.5) ? 1 : -1))
          : rng.chance(0.5)
            ? dotted(birth.date_edtf)
            : String(year);
      }
      const place = birth?.place_id && rng.chance(0.3) ? (places.get(birth.place_id) ?? '') : '';
      out.push({
        row: { id: out.length + 1, cells: { name, born, place }, roles: ROLES },
        personId: stranger ? null : id,
        kind: stranger ? 'not in the archive' : kind,
      });
    }
  }
  return out;
}

const truths = await makeRows();
let started = performance.now();
const model = await fitModel(storage);
const fitSeconds = (performance.now() - started) / 1000;
// As a linking run does (src/lists/list-linking.service.ts): the model fitted to the list's first
// rows, then every row weighed with it; both are timed as linking.
started = performance.now();
// One second thread for the run's two calls, as a linking run keeps one (list-linking.service.ts).
const thread = LinkingThread.start(storage);
const head = truths.slice(0, values['no-list-fit'] ? 0 : FIT_ROWS).map((t) => t.row);
const fitted = await fitToRows(storage, head, model, { limit: EVERY_CANDIDATE, thread });
const listModel = fitted.model;
const listFitSeconds = (performance.now() - started) / 1000;
const candidates = new Map([
  ...fitted.candidates,
  ...(await candidatesForRows(
    storage,
    truths.slice(head.length).map((t) => t.row),
    { limit: EVERY_CANDIDATE, model: listModel, thread },
  )),
]);
const seconds = (performance.now() - started) / 1000;
await thread?.close();

/**
 * Levels of one comparison from best to worst, a value missing on either side placed between
 * agreement and disagreement: what "fits the row at least as well" compares by.
 */
function levelOrder(comparison: string): readonly string[] {
  const levels = (COMPARISONS as Record<string, readonly string[]>)[comparison] ?? [];
  return [...levels.filter((l) => l !== 'different' && l !== 'missing'), 'missing', 'different'];
}

function levelsOf(c: LinkCandidate): Map<string, string> {
  return new Map(c.evidence.filter((e) => e.comparison in COMPARISONS).map((e) => [e.comparison, e.level]));
}

/**
 * Whether another candidate fits the row at least as well as the right person on every
 * comparison: then nothing the row says tells them apart, and no model of these comparisons can
 * suggest the right one at 0.99 precision.
 */
function ambiguous(list: readonly LinkCandidate[], right: LinkCandidate): boolean {
  const mine = levelsOf(right);
  return list.some((other) => {
    if (other === right) return false;
    const theirs = levelsOf(other);
    return Object.keys(COMPARISONS).every((comparison) => {
      const order = levelOrder(comparison);
      return order.indexOf(theirs.get(comparison) ?? 'missing') <= order.indexOf(mine.get(comparison) ?? 'missing');
    });
  });
}

interface KindTally {
  rows: number;
  suggestedRight: number;
  wrong: number;
  reviewRight: number;
  topRight: number;
  notCandidate: number;
  ambiguous: number;
  /** Rows whose right person is a candidate that no other fits as well. */
  distinct: number;
  distinctSuggested: number;
}

const newTally = () => ({
  suggested: 0,
  suggestedRight: 0,
  review: 0,
  reviewRight: 0,
  inArchive: 0,
  topRight: 0,
  notCandidate: 0,
  ambiguous: 0,
  distinct: 0,
  distinctSuggested: 0,
});
const tally = newTally();
const byKind = new Map<string, KindTally>();
const examples = new Map<string, unknown[]>();
function keepExample(key: string, example: unknown) {
  const kept = examples.get(key) ?? [];
  if (kept.length < Number(values.examples)) kept.push(example);
  examples.set(key, kept);
}
type Tally = ReturnType<typeof newTally>;
const newKindTally = (): KindTally => ({
  rows: 0,
  suggestedRight: 0,
  wrong: 0,
  reviewRight: 0,
  topRight: 0,
  notCandidate: 0,
  ambiguous: 0,
  distinct: 0,
  distinctSuggested: 0,
});
/** Counts one row's outcome into the run's tally and its kind's. */
function count(t: Truth, list: readonly LinkCandidate[], tally: Tally, byKind: Map<string, KindTally>): void {
  const best = list[0];
  const k = byKind.get(t.kind) ?? newKindTally();
  k.rows++;
  byKind.set(t.kind, k);
  const suggested = best !== undefined && best.weight >= THRESHOLDS.suggest;
  if (suggested) {
    tally.suggested++;
    if (best.personId === t.personId) {
      tally.suggestedRight++;
      k.suggestedRight++;
    } else k.wrong++;
  } else if (best && best.weight >= THRESHOLDS.review) {
    tally.review++;
    if (best.personId === t.personId) {
      tally.reviewRight++;
      k.reviewRight++;
    }
  }
  if (suggested && best.personId !== t.personId)
    keepExample(`${t.kind}: suggested wrong`, {
      cells: t.row.cells,
      personId: t.personId,
      candidates: list.slice(0, 3),
    });
  if (t.personId === null) return;
  const right = list.find((c) => c.personId === t.personId);
  const standing = !right ? 'not a candidate' : ambiguous(list, right) ? 'ambiguous' : 'distinct';
  if (!(suggested && best.personId === t.personId))
    keepExample(`${t.kind}: ${standing}`, {
      cells: t.row.cells,
      personId: t.personId,
      candidates: [...list.slice(0, 3), ...(right ? [right] : [])],
    });
  tally.inArchive++;
  if (best && best.personId === t.personId) {
    tally.topRight++;
    k.topRight++;
  }
  if (!right) {
    tally.notCandidate++;
    k.notCandidate++;
  } else if (standing === 'ambiguous') {
    tally.ambiguous++;
    k.ambiguous++;
  } else {
    tally.distinct++;
    k.distinct++;
    if (suggested && best.personId === t.personId) {
      tally.distinctSuggested++;
      k.distinctSuggested++;
    }
  }
}
for (const t of truths) count(t, candidates.get(t.row.id) ?? [], tally, byKind);

// Real Soviet-file spellings (bench/eval/real/queries.tsv: names as Soviet files and
// Russian-language databases wrote them, each with its source) as rows of a list giving the year
// of birth the sources give (persons.tsv), linked as a list of their own and counted apart from
// the synthetic one. Only spellings the archive can know are asked (not unknown party names).
const realBorn = new Map(readRealPersons().map((p) => [p.key, /^\d{4}/.exec(p.born)?.[0] ?? '']));
const realIds = new Map(
  (await storage.db.selectFrom('persons').select(['id', 'key']).where('key', 'like', 'real-%').execute()).map((p) => [
    p.key,
    Number(p.id),
  ]),
);
const realTruths: Truth[] = readTsv('bench/eval/real/queries.tsv')
  .filter((q) => q.knowable === 'yes' && realIds.has(q.key ?? ''))
  .map((q, i) => ({
    row: {
      id: rowCount + 1 + i,
      cells: {
        name: q.query ?? '',
        born: realBorn.get(q.key!) ?? '',
        place: '',
      },
      roles: ROLES,
    },
    personId: realIds.get(q.key!)!,
    kind: 'real Soviet-file spelling',
  }));
// As a linking run of that list would: the archive's model fitted to the list's own rows.
const realFit = await fitToRows(
  storage,
  realTruths.map((t) => t.row),
  model,
  { limit: EVERY_CANDIDATE },
);
const realCandidates = realFit.candidates;
const realTally = newTally();
const realKinds = new Map<string, KindTally>();
for (const t of realTruths) count(t, realCandidates.get(t.row.id) ?? [], realTally, realKinds);
const realKind = realKinds.get('real Soviet-file spelling') ?? newKindTally();
for (const t of realTruths) {
  const list = realCandidates.get(t.row.id) ?? [];
  if (list[0]?.personId !== t.personId || list[0].weight < THRESHOLDS.suggest)
    keepExample('real Soviet-file spelling: not suggested right', {
      cells: t.row.cells,
      personId: t.personId,
      candidates: [...list.slice(0, 3), ...list.filter((c) => c.personId === t.personId)],
    });
}

/** Precision and recall had the suggestion threshold been elsewhere: how well the weights order the rows. */
const CURVE = [-4, -2, 0, 2, 4, THRESHOLDS.suggest, 8, 10, 12];
const curve = CURVE.map((threshold) => {
  let suggested = 0;
  let right = 0;
  for (const t of truths) {
    const best = candidates.get(t.row.id)?.[0];
    if (!best || best.weight < threshold) continue;
    suggested++;
    if (best.personId === t.personId) right++;
  }
  return {
    threshold,
    suggested,
    precision: right / Math.max(1, suggested),
    recall: right / Math.max(1, tally.inArchive),
  };
});
const precision = tally.suggestedRight / Math.max(1, tally.suggested);
const recall = tally.suggestedRight / Math.max(1, tally.inArchive);
const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
const reviewRecall = (tally.suggestedRight + tally.reviewRight) / Math.max(1, tally.inArchive);
const report = {
  persons,
  rows: truths.length,
  thresholds: THRESHOLDS,
  model: {
    fitSeconds,
    listFit: values['no-list-fit']
      ? null
      : { rows: head.length, seconds: listFitSeconds, inArchive: listModel.inArchive },
  },
  suggested: { count: tally.suggested, precision, recall, f1 },
  review: { count: tally.review, right: tally.reviewRight, recallWithSuggested: reviewRecall },
  topCandidateRight: tally.topRight / Math.max(1, tally.inArchive),
  rowsInArchive: {
    total: tally.inArchive,
    notACandidate: tally.notCandidate,
    ambiguous: tally.ambiguous,
    distinct: tally.distinct,
    recallAmongDistinct: tally.distinctSuggested / Math.max(1, tally.distinct),
  },
  rowsPerSecond: truths.length / seconds,
  byKind: Object.fromEntries(byKind),
  realSpellings: { ...realKind, inArchive: realFit.model.inArchive },
  curve,
  date: new Date().toISOString().slice(0, 10),
};
console.log(JSON.stringify(report, null, 2));
fs.mkdirSync(values.out, { recursive: true });
const engine = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
fs.writeFileSync(path.join(values.out, `linkage-eval-${engine}.json`), `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(
  path.join(values.out, `linkage-eval-${engine}.md`),
  [
    `# Record-linkage evaluation (${engine})`,
    '',
    `${truths.length.toLocaleString('en')} synthetic list rows (${Math.round(STRANGERS * 100)} % of people not in the archive) against the sample data, the real set and ${persons.toLocaleString('en')} generated persons; thresholds: suggest ≥ ${THRESHOLDS.suggest}, review ≥ ${THRESHOLDS.review}. Run ${report.date}.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| suggested links | ${tally.suggested} |`,
    `| precision of suggested links | ${precision.toFixed(4)} |`,
    `| recall of suggested links | ${recall.toFixed(4)} |`,
    `| F1 | ${f1.toFixed(4)} |`,
    `| rows in the review band (right among them) | ${tally.review} (${tally.reviewRight}) |`,
    `| recall with the review band | ${reviewRecall.toFixed(4)} |`,
    `| right person the best candidate | ${report.topCandidateRight.toFixed(4)} |`,
    `| rows per second | ${report.rowsPerSecond.toFixed(0)} |`,
    `| fitting the model to the archive | ${fitSeconds.toFixed(1)} s |`,
    report.model.listFit
      ? `| fitting it to the list's first ${report.model.listFit.rows} rows, and linking them (counted in rows per second) | ${listFitSeconds.toFixed(1)} s; rows taken to name someone in the archive: ${(listModel.inArchive * 100).toFixed(1)} % (${Math.round((1 - STRANGERS) * 100)} % do) |`
      : '| fitting it to the list | not done (`--no-list-fit`) |',
    '',
    `Of the ${tally.inArchive} rows about someone in the archive, the right person is not among the candidates for ${tally.notCandidate}; for ${tally.ambiguous} another candidate fits the row at least as well on every comparison (nothing the row says tells them apart); ${tally.distinct} are distinct, and ${tally.distinctSuggested} of these are suggested right (recall among distinct rows ${report.rowsInArchive.recallAmongDistinct.toFixed(4)}).`,
    '',
    '| suggestion threshold | suggested | precision | recall |',
    '|---|---|---|---|',
    ...curve.map(
      (c) => `| ${c.threshold.toFixed(2)} | ${c.suggested} | ${c.precision.toFixed(4)} | ${c.recall.toFixed(4)} |`,
    ),
    '',
    '| kind of row | rows | suggested right | suggested wrong | right in review | right the best candidate | right not a candidate | ambiguous | distinct (suggested right) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...[...byKind, ...realKinds].map(
      ([k, v]) =>
        `| ${k} | ${v.rows} | ${v.suggestedRight} | ${v.wrong} | ${v.reviewRight} | ${v.topRight} | ${v.notCandidate} | ${v.ambiguous} | ${v.distinct} (${v.distinctSuggested}) |`,
    ),
    '',
    `The last kind is not synthetic and not counted above: the ${realKind.rows} spellings of bench/eval/real/queries.tsv that the archive can know, each written as the Soviet file or Russian-language database wrote it, with the year of birth its source gives, linked as a list of their own (the model fitted to them: rows taken to name someone in the archive ${(realFit.model.inArchive * 100).toFixed(1)} %).`,
    '',
  ].join('\n'),
);
if (Number(values.examples) > 0)
  fs.writeFileSync(
    path.join(values.out, 'examples.json'),
    `${JSON.stringify(Object.fromEntries(examples), null, 1)}\n`,
  );
await storage.close();
