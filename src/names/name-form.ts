/**
 * A name as written, read into its parts: how lists, files and searchers write names.
 *
 * Soviet files write "Surname Given Patronymic" (Краус Леопольд Яковлевич), often with a second
 * spelling in brackets (Фридель (Фридль) Франц Леопольдович), several given names (Ганс Густав
 * Адольф Гельман), initials (М. Альберт) or a comma after the surname (Гельман, Ганс); German
 * sources write "Given Surname". The parts a form gives are hints for comparing it with stored
 * names: a patronymic is weak evidence that German records lack, an initial only narrows a given
 * name, and the order says which word is most likely the surname.
 */
import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import { foldName } from './spelling/normalize.ts';

export type WordRole = 'surname' | 'given' | 'patronymic' | 'initial' | 'unknown';

/** One word of the form with the spellings the source offers for it (the first as written). */
export interface FormWord {
  /** The word as written, then its alternatives from brackets. */
  spellings: string[];
  /** What the form says this word is; `unknown` where the order does not tell. */
  role: WordRole;
}

export interface NameForm {
  words: FormWord[];
  /** The form puts the surname first (a comma after it, or the order of a Soviet file). */
  surnameFirst: boolean;
}

const CYRILLIC_PATRONYMIC = /(ович|евич|ьич|ич|овна|евна|ична|инична)$/;
const LATIN_PATRONYMIC = /(ovich|evich|ovitch|evitch|owitsch|ewitsch|ovič|evič|owicz|ovna|evna|owna|ewna|ichna)$/;
/** -ич alone ends many surnames (Kowalewitsch aside, Ильич is a patronymic, Попович a surname). */
const MIN_PATRONYMIC_LENGTH = 6;

/** Whether a word reads as a patronymic: Яковлевич, Оттовна, Maximilianowitsch. */
export function isPatronymic(word: string): boolean {
  const folded = foldName(word).replace(/\s/g, '');
  // Ильич, Кузьмич: a soft sign before -ич makes a short word a patronymic too.
  if (folded.length < MIN_PATRONYMIC_LENGTH && !(folded.length >= 5 && folded.endsWith('ьич'))) return false;
  return CYRILLIC_PATRONYMIC.test(folded) || LATIN_PATRONYMIC.test(folded);
}

/** Whether a word is an initial: "M.", "М", "Fr." is not (two letters are a short name). */
function isInitial(word: string): boolean {
  return /^\p{L}\.?$/u.test(word);
}

interface Piece {
  text: string;
  /** Inside brackets: an alternative spelling of the word before it. */
  bracketed: boolean;
  /**
   * The words of one bracket up to a comma share a number: "(Фридрих Иоганович)" is one group of
   * two, "(Финценцер, Франценц)" two groups of one. -1 outside brackets.
   */
  group: number;
  /** Followed by a comma. */
  comma: boolean;
}

/** Splits a form into words, brackets and commas kept apart. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let group = -1;
  for (const match of text.matchAll(/[([{]|[)\]}]|,|[^\s()[\]{},]+/g)) {
    const token = match[0];
    if ('([{'.includes(token)) {
      if (depth === 0) group++;
      depth++;
    } else if (')]}'.includes(token)) depth = Math.max(0, depth - 1);
    else if (token === ',') {
      const last = out[out.length - 1];
      if (last) last.comma = true;
      if (depth > 0) group++;
    } else out.push({ text: token, bracketed: depth > 0, group: depth > 0 ? group : -1, comma: false });
  }
  return out;
}

/**
 * The words a bracketed group of several words stands for, word by word: the same number of words
 * just before the bracket, when their kinds (patronymic or not) agree. "Фердини Фриц Фридрихович
 * (Фридрих Давыдович)" gives the given name and the patronymic again; "Штальцер Эмерих (Дернов
 * Григорий Павлович)" names someone else (an alias) and pairs with nothing.
 */
function pairedWords(words: readonly FormWord[], group: readonly Piece[], before: number): FormWord[] | null {
  if (group.length < 2 || group.length > before) return null;
  const paired = words.slice(before - group.length, before);
  const agree = paired.every((w, i) => isPatronymic(w.spellings[0]!) === isPatronymic(group[i]!.text));
  return agree ? paired : null;
}

/** How alike two spellings are, 0–1: what pairs a bracketed spelling with the word it stands for. */
function likeness(a: string, b: string): number {
  const x = foldName(a);
  const y = foldName(b);
  return 1 - damerauLevenshtein(x, y) / Math.max(x.length, y.length, 1);
}

/**
 * Reads a name as written into its words and their likely roles. Never throws; any input gives a
 * form, perhaps without words.
 */
export function parseNameForm(text: string): NameForm {
  const words: FormWord[] = [];
  let commaAfter = -1;
  const all = pieces(typeof text === 'string' ? text : '');
  /** Words before the bracket group being read, and the words that group pairs with. */
  let groupSeen = -1;
  let paired: FormWord[] | null = null;
  let pairedAt = 0;
  for (const piece of all) {
    if (piece.bracketed && piece.group !== groupSeen) {
      groupSeen = piece.group;
      paired = pairedWords(
        words,
        all.filter((p) => p.group === piece.group),
        words.length,
      );
      pairedAt = 0;
    }
    if (piece.bracketed && paired) {
      const word = paired[pairedAt++]!;
      if (!word.spellings.includes(piece.text)) word.spellings.push(piece.text);
      continue;
    }
    if (piece.bracketed && words.length > 0) {
      // Another spelling of a word before it: "Фридель (Фридль)", "Вельфель Иосиф Иоганович
      // (Вольфель)", "Бауэр Фриц Иванович (Фридрих Иоганович)". It belongs to the likeliest word
      // of the same kind (patronymic or not).
      const patronymic = isPatronymic(piece.text);
      let best: FormWord | null = null;
      let bestLikeness = -1;
      for (const w of words) {
        if (isPatronymic(w.spellings[0]!) !== patronymic) continue;
        const l = likeness(w.spellings[0]!, piece.text);
        // On a tie the word nearer the bracket wins: Фердини Фриц (Фридрих) gives Фриц again.
        if (l >= bestLikeness) [best, bestLikeness] = [w, l];
      }
      if (best) {
        if (!best.spellings.includes(piece.text)) best.spellings.push(piece.text);
        continue;
      }
    }
    words.push({ spellings: [piece.text], role: 'unknown' });
    if (piece.comma && commaAfter < 0) commaAfter = words.length - 1;
  }
  for (const [i, w] of words.entries()) {
    const first = w.spellings[0]!;
    if (isInitial(first)) w.role = 'initial';
    // No order of a name puts the patronymic first: a first word ending in -ович before others is
    // a surname (Манкович Фридрих Мартынович, Petrowitsch Iwan).
    else if (isPatronymic(first) && !(i === 0 && words.length > 1)) w.role = 'patronymic';
  }
  const named = words.filter((w) => w.role === 'unknown');
  const hasPatronymic = words.some((w) => w.role === 'patronymic');
  // A comma after the first word marks it as the surname; so does the order of a Soviet file,
  // where a patronymic follows the given name and the surname comes first.
  const surnameFirst =
    (commaAfter === 0 && words.length > 1) ||
    (hasPatronymic && named.length >= 2 && words[0]?.role === 'unknown' && words[words.length - 1]?.role !== 'unknown');
  if (surnameFirst) {
    named.forEach((w, i) => {
      w.role = i === 0 ? 'surname' : 'given';
    });
  } else if (hasPatronymic && named.length >= 2) {
    // "Фридрих Оттович Хоутерманс": given names before the patronymic, the surname after it.
    const p = words.findIndex((w) => w.role === 'patronymic');
    for (const [i, w] of words.entries()) if (w.role === 'unknown') w.role = i < p ? 'given' : 'surname';
  }
  return { words, surnameFirst };
}
