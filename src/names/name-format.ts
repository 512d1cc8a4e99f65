/** Parts of a name as stored. */
export interface NameParts {
  given?: string | null;
  surname?: string | null;
  patronymic?: string | null;
}

/** "Given Patronymic Surname", the usual order in German, English and Russian running text. */
export function composeFullName(n: NameParts): string {
  return [n.given, n.patronymic, n.surname].filter(Boolean).join(' ');
}

/** "Surname, Given Patronymic" for alphabetical lists. */
export function composeSortName(n: NameParts): string {
  const rest = [n.given, n.patronymic].filter(Boolean).join(' ');
  return n.surname ? (rest ? `${n.surname}, ${rest}` : n.surname) : rest;
}
