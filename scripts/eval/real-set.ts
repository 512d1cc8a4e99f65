// The real evaluation set (bench/eval/real/) as sample data: the sample archive plus its persons,
// each under the German names a German-language archive holds, written as sample person files so
// that they enter the archive through the sample loader like every curated record.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { SAMPLE_DIR } from '../../src/sample/sample-loader.ts';

const PERSONS = path.resolve('bench/eval/real/persons.tsv');

interface RealPerson {
  key: string;
  given: string;
  surname: string;
  birth_surname: string;
  sex: string;
  born: string;
  birth_place: string;
  died: string;
}

/** The lines of a tab-separated file with a header, each by its columns' names; `least` cells a line. */
export function readTsv(file: string, least = 1): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const columns = (header ?? '').split('\t');
  return lines.map((line, i) => {
    const cells = line.split('\t');
    if (cells.length < least) throw new Error(`${file} line ${i + 2}: expected ${columns.length} columns`);
    return Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? '']));
  });
}

/** The real set's persons (bench/eval/real/persons.tsv). */
export function readRealPersons(): RealPerson[] {
  return readTsv(PERSONS, 8) as unknown as RealPerson[];
}

/** A sample person file for one person of the real set. */
function personFile(p: RealPerson) {
  const names = [{ kind: 'birth', given: p.given, surname: p.birth_surname || p.surname, lang: 'de' }];
  if (p.birth_surname && p.birth_surname !== p.surname)
    names.unshift({ kind: 'married', given: p.given, surname: p.surname, lang: 'de' });
  const events = [
    ...(p.born ? [{ type: 'birth', date: p.born, ...(p.birth_place ? { place_text: p.birth_place } : {}) }] : []),
    ...(p.died ? [{ type: 'death', date: p.died }] : []),
  ];
  return {
    key: p.key,
    display: `${p.given} ${p.surname}`,
    sort: `${p.surname}, ${p.given}`,
    sex: p.sex === 'female' ? 'female' : p.sex === 'male' ? 'male' : 'unknown',
    roles: ['victim'],
    names,
    ...(events.length ? { events } : {}),
  };
}

/** Writes the sample data with the real set's persons into `dir` (emptied first); returns it. */
export function writeRealSampleDir(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(SAMPLE_DIR, dir, { recursive: true });
  for (const p of readRealPersons()) {
    fs.writeFileSync(path.join(dir, 'persons', `${p.key}.yaml`), stringify(personFile(p)));
  }
  return dir;
}
