import type { Messages } from '../i18n/en.ts';
import { fill } from '../i18n/i18n.ts';

/*
 * The documents' schemas and the reference check word their problems in English (the API answers
 * with them); a form shows each in the reader's language, matched by what it says.
 */

type ProblemKey = keyof Messages['edit']['problemTexts'];

const PATTERNS: [RegExp, ProblemKey][] = [
  [/^required$|^Invalid input: expected string, received undefined$/, 'required'],
  [/^at most (\d+) characters$|^Too big: expected string to have <=(\d+) characters$/, 'tooLong'],
  [/^not a valid EDTF date/, 'edtf'],
  [/^a language tag/, 'langTag'],
  [/^a (record|source) number$|^Invalid input: expected number/, 'number'],
  [/^Invalid option/, 'option'],
  [/^there is no [\w ]+ with the number (\d+)$/, 'noRecord'],
  [/^[\w ]+ (\d+) was removed$/, 'removedRecord'],
  [/^[\w ]+ \d+ was merged into (\d+)/, 'mergedRecord'],
  [/^list row \d+ belongs to another source/, 'rowOfOther'],
  [/^give at least a surname/, 'nameNeeded'],
  [/^give either the related person/, 'relatedEither'],
  [/^give both latitude and longitude/, 'latLon'],
  [/needs at least one name$/, 'oneName'],
  [/cannot lie within itself|cannot belong to itself|cannot be part of itself/, 'cycle'],
  [/cannot be related to themselves/, 'selfRelation'],
  [/^an ISO 3166 country code/, 'country'],
  [/^a (GeoNames number|Wikidata item|GND number)/, 'identifier'],
  [/^a web address$|^Invalid URL/, 'url'],
  [/^lower-case letters, digits and _$/, 'columnKey'],
  [/^Too big: expected array to have <=(\d+) items$/, 'tooMany'],
  [/^Too (big|small): expected number to be/, 'outOfRange'],
];

/** A problem's message in the reader's language; one not recognised is shown as it is. */
export function problemWords(message: string, t: Messages): string {
  for (const [pattern, key] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return fill(t.edit.problemTexts[key], { n: m.slice(1).find(Boolean) ?? '' });
  }
  return message;
}
