/**
 * Writes GEDCOM 7 lines (https://gedcom.io/specifications/FamilySearchGEDCOMv7.html): `level
 * [@xref@] TAG [payload]`, a payload's line breaks as CONT lines, a payload's leading `@` doubled.
 */
export class GedcomWriter {
  private readonly lines: string[] = [];

  /** Adds a structure that has no payload, only substructures (HEAD, a record, MARR). */
  open(level: number, tag: string, xref?: string): void {
    this.lines.push(xref ? `${level} @${xref}@ ${tag}` : `${level} ${tag}`);
  }

  /** Adds a structure with a payload; without one (null, empty) it is left out unless `always` is set. */
  line(level: number, tag: string, payload: string | null | undefined, options: { always?: boolean } = {}): boolean {
    const text = payload?.replace(/\r\n?/g, '\n') ?? '';
    if (!text && !options.always) return false;
    const [first = '', ...rest] = text.split('\n');
    this.lines.push(first ? `${level} ${tag} ${escapeAt(first)}` : `${level} ${tag}`);
    for (const more of rest) this.lines.push(more ? `${level + 1} CONT ${escapeAt(more)}` : `${level + 1} CONT`);
    return true;
  }

  /** A pointer to a record: `1 FAMS @F1@`. */
  pointer(level: number, tag: string, xref: string): void {
    this.lines.push(`${level} ${tag} @${xref}@`);
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** A payload may not begin with `@`, which would read as a pointer: it is written `@@`. */
function escapeAt(text: string): string {
  return text.startsWith('@') ? `@${text}` : text;
}
