import { type Atom, dateAtom, nodeAtom } from './edtf-atoms.ts';
import { spanOf } from './edtf-bounds.ts';
import type { EndWords, Lexicon, Slot } from './edtf-lexicon.ts';
import { type Component, type DateNode, type EdtfNode, type End, type Qualifiers, readEdtf } from './edtf-tree.ts';
import { de } from './edtf-words-de.ts';
import { en } from './edtf-words-en.ts';
import { ru } from './edtf-words-ru.ts';

export type DateLang = 'en' | 'de' | 'ru';

const LEXICONS: Record<DateLang, Lexicon> = { en, de, ru };

const PRECISION: Component[] = ['year', 'month', 'day'];

function qualified(atom: Atom, q: Qualifiers, precision: number, lex: Lexicon, slot: Slot): string {
  const specified = PRECISION.slice(0, precision);
  const whole = (parts: Component[]) => specified.every((c) => parts.includes(c));
  const approximate = q.approximate.length > 0 && whole(q.approximate);
  const prefixed = approximate ? lex.approximate(atom, slot) : null;
  const text = prefixed ?? lex.atom(atom, slot);
  const notes: string[] = [];
  if (approximate && !prefixed) notes.push(lex.note('approximate', 'all'));
  if (q.approximate.length && !approximate) notes.push(lex.note('approximate', q.approximate));
  if (q.uncertain.length) notes.push(lex.note('uncertain', whole(q.uncertain) ? 'all' : q.uncertain));
  return notes.length ? `${text} (${notes.join(', ')})` : text;
}

function dateWords(node: DateNode, lex: Lexicon, slot: Slot): string {
  const precision = node.pattern.day ? 3 : node.pattern.month ? 2 : 1;
  return qualified(dateAtom(node.pattern), node.qualifiers, precision, lex, slot);
}

function endWords(end: End, lex: Lexicon, slot: Slot): EndWords {
  if (end === 'open' || end === 'unknown') return end;
  // `XXXX/1940` says no more than `/1940`.
  if (dateAtom(end.pattern).kind === 'unknown') return 'unknown';
  return { text: dateWords(end, lex, slot) };
}

function words(node: EdtfNode, lex: Lexicon): string {
  switch (node.kind) {
    case 'interval': {
      const start = endWords(node.start, lex, node.end === 'open' ? 'since' : 'from');
      const end = endWords(node.end, lex, node.start === 'open' ? 'until' : 'to');
      return lex.interval(start, end);
    }
    case 'set':
    case 'list': {
      const items = node.members.map((m) => {
        if (m.kind === 'date') return dateWords(m, lex, 'item');
        if (node.kind === 'set')
          return lex.between(dateWords(m.first, lex, 'between'), dateWords(m.last, lex, 'between'));
        return lex.interval({ text: dateWords(m.first, lex, 'from') }, { text: dateWords(m.last, lex, 'to') });
      });
      return node.kind === 'set'
        ? lex.oneOf(items, node.earlier, node.later)
        : lex.allOf(items, node.earlier, node.later);
    }
    case 'date':
      return dateWords(node, lex, 'alone');
    case 'decade':
    case 'century':
      return qualified(nodeAtom(node), node.qualifiers, 1, lex, 'alone');
    default:
      return lex.atom(nodeAtom(node), 'alone');
  }
}

/**
 * An EDTF date in words: `1937-11-20` is "20 November 1937", "20. November 1937",
 * "20 ноября 1937". Anything that is not valid EDTF comes back unchanged; this never throws, so
 * pages can show whatever an editor typed.
 */
export function formatEdtf(value: string, lang: DateLang): string {
  try {
    const node = readEdtf(value);
    if (!node || !spanOf(node)) return value;
    return words(node, LEXICONS[lang]);
  } catch {
    return value;
  }
}
