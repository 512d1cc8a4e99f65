import anyAscii from 'any-ascii';
import { isListColumnRole, type ListColumnRole } from '../sources/list-row.ts';

/*
 * A list's columns as a file's header gives them: a key each (what cells are stored under), the
 * label as written, and a role, guessed from the label or chosen by the editor.
 */

export interface ColumnPlan {
  key: string;
  label: string;
  role: ListColumnRole | null;
  /** The role was guessed from the label, not chosen. */
  guessed: boolean;
}

/** Column headings in English, German and Russian, folded, by the role they name. */
const HEADINGS: Record<ListColumnRole, string[]> = {
  no: [
    'no',
    'nr',
    'n',
    '#',
    '№',
    'number',
    'nummer',
    'lfd nr',
    'lfd',
    'laufende nummer',
    'номер',
    '№ п/п',
    'п/п',
    'no.',
  ],
  name: ['name', 'full name', 'names', 'name vorname', 'name, vorname', 'фио', 'ф.и.о.', 'ф и о', 'имя и фамилия'],
  surname: ['surname', 'last name', 'family name', 'nachname', 'familienname', 'zuname', 'фамилия'],
  given: ['given', 'given name', 'given names', 'first name', 'forename', 'vorname', 'vornamen', 'имя'],
  patronymic: ['patronymic', 'vatersname', 'отчество'],
  birth: [
    'born',
    'birth',
    'date of birth',
    'year of birth',
    'geboren',
    'geb',
    'geb.',
    'geburtsdatum',
    'geburtsjahr',
    'год рождения',
    'дата рождения',
    'г.р.',
    'год рожд.',
  ],
  birth_place: ['birthplace', 'birth place', 'place of birth', 'geburtsort', 'место рождения'],
  arrest: ['arrest', 'arrested', 'date of arrest', 'verhaftet', 'verhaftung', 'festnahme', 'арестован', 'дата ареста'],
  death: [
    'death',
    'died',
    'date of death',
    'gestorben',
    'tod',
    'todesdatum',
    'умер',
    'дата смерти',
    'расстрелян',
    'дата расстрела',
  ],
  file_no: ['file', 'file no', 'file number', 'akte', 'aktenzeichen', 'signatur', 'дело', '№ дела', 'архивное дело'],
  folio: ['page', 'folio', 'seite', 'blatt', 'bl.', 'лист', 'л.'],
  remark: ['remark', 'remarks', 'note', 'notes', 'bemerkung', 'bemerkungen', 'anmerkung', 'примечание', 'примечания'],
};

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[:]+$/, '');

const BY_HEADING = new Map<string, ListColumnRole>(
  Object.entries(HEADINGS).flatMap(([role, words]) => words.map((w) => [fold(w), role as ListColumnRole] as const)),
);

/** The role a column's heading names, if it is one of the usual headings. */
export function guessRole(label: string): ListColumnRole | null {
  const folded = fold(label);
  return BY_HEADING.get(folded) ?? BY_HEADING.get(folded.replace(/[.]/g, '')) ?? null;
}

/** A key for a column from its label: lower-case ASCII letters, digits and _, unique among `taken`. */
export function columnKey(label: string, index: number, taken: Set<string>): string {
  const base =
    anyAscii(label)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 32) || `column_${index + 1}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

/** Columns from a header row, each with a key and the role chosen for it or guessed. */
export function planColumns(
  header: readonly string[],
  chosen: ReadonlyMap<number, ListColumnRole | null>,
  guess: boolean,
): ColumnPlan[] {
  const taken = new Set<string>();
  return header.map((raw, i) => {
    const label = raw.trim() || `(${i + 1})`;
    const key = columnKey(raw.trim(), i, taken);
    if (chosen.has(i)) return { key, label, role: chosen.get(i) ?? null, guessed: false };
    const role = guess ? guessRole(label) : null;
    return { key, label, role, guessed: role !== null };
  });
}

/** A role as written in a `--columns` spec or a form: a role, or `none`/empty for "as written only". */
export function parseRole(value: string): ListColumnRole | null | undefined {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'none' || v === '-') return null;
  return isListColumnRole(v) ? v : undefined;
}

/** `"Фамилия=surname,Имя=given,#3=birth"` as pairs of heading (or `#n`, from 1) and role text. */
export function parseColumnSpec(spec: string): { column: string; role: string }[] {
  return spec
    .split(/,(?=[^,=]*=)/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.lastIndexOf('=');
      return at < 0
        ? { column: part, role: '' }
        : { column: part.slice(0, at).trim(), role: part.slice(at + 1).trim() };
    });
}

/** Which column of the header a spec's column names: `#n`, or the heading (case and spaces aside). */
export function findColumn(header: readonly string[], column: string): number | null {
  const numbered = /^#(\d+)$/.exec(column);
  if (numbered) {
    const n = Number(numbered[1]) - 1;
    return n >= 0 && n < header.length ? n : null;
  }
  const i = header.findIndex((h) => fold(h) === fold(column));
  return i >= 0 ? i : null;
}
