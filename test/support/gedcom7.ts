/*
 * A structural validator for GEDCOM 7.0 files, written for these tests from the FamilySearch
 * GEDCOM 7.0 specification (https://gedcom.io/specifications/FamilySearchGEDCOMv7.html): the line
 * grammar of chapter 1, the date, age, language and coordinate grammars of chapter 2, and, for
 * the structures Fates writes, the substructures, cardinalities and payload types of chapter 3
 * (the same rules FamilySearch publishes as data in its repository's `extracted-files` and in
 * g7validation.json). No npm package reads GEDCOM 7: those there read GEDCOM 5.5.x.
 *
 * It knows a subset of the standard: a structure it does not know is reported as an error, so a
 * file that passes uses only structures checked here.
 */

type Payload =
  | 'none'
  | 'text'
  | 'special'
  | 'y-or-null'
  | 'date-value'
  | 'date-exact'
  | 'date-period'
  | 'language'
  | 'latitude'
  | 'longitude'
  | 'uri'
  | 'version'
  | { enum: readonly string[] }
  | { pointer: 'INDI' | 'FAM' | 'SOUR' | 'REPO' };

interface Rule {
  payload: Payload;
  /** Substructures by tag: the structure each is, its least and most number of occurrences. */
  children: Record<string, [structure: string, min: number, max: number]>;
}

const M = Number.POSITIVE_INFINITY;

const NOTE: Rule['children'] = { NOTE: ['NOTE', 0, M] };
const CITATION: Rule['children'] = { SOUR: ['SOURCE_CITATION', 0, M] };
const DATE_VALUE: Rule['children'] = { DATE: ['DATE', 0, 1] };
const EVENT_DETAIL: Rule['children'] = {
  ...DATE_VALUE,
  PLAC: ['PLAC', 0, 1],
  AGNC: ['TEXT', 0, 1],
  CAUS: ['TEXT', 0, 1],
  ASSO: ['ASSO', 0, M],
  ...NOTE,
  ...CITATION,
};
const INDI_EVENT: Rule = { payload: 'y-or-null', children: { TYPE: ['TEXT', 0, 1], ...EVENT_DETAIL } };
const INDI_EVEN: Rule = { payload: 'text', children: { TYPE: ['TEXT', 1, 1], ...EVENT_DETAIL } };
const INDI_ATTRIBUTE: Rule = { payload: 'text', children: { TYPE: ['TEXT', 0, 1], ...EVENT_DETAIL } };
const INDI_FACT: Rule = { payload: 'text', children: { TYPE: ['TEXT', 1, 1], ...EVENT_DETAIL } };
const FAM_EVENT: Rule = { payload: 'y-or-null', children: { TYPE: ['TEXT', 0, 1], ...EVENT_DETAIL } };
const IDENTIFIERS: Rule['children'] = { EXID: ['EXID', 0, M], REFN: ['REFN', 0, M], UID: ['SPECIAL', 0, M] };

const NAME_TYPES = ['AKA', 'BIRTH', 'IMMIGRANT', 'MAIDEN', 'MARRIED', 'PROFESSIONAL', 'OTHER'] as const;
const ROLES = [
  'CHIL',
  'CLERGY',
  'FATH',
  'FRIEND',
  'GODP',
  'HUSB',
  'MOTH',
  'MULTIPLE',
  'NGHBR',
  'OFFICIATOR',
  'PARENT',
  'SPOU',
  'WIFE',
  'WITN',
  'OTHER',
] as const;

const RULES: Record<string, Rule> = {
  DATASET: {
    payload: 'none',
    children: {
      HEAD: ['HEAD', 1, 1],
      INDI: ['INDI', 0, M],
      FAM: ['FAM', 0, M],
      SOUR: ['SOUR', 0, M],
      REPO: ['REPO', 0, M],
      TRLR: ['TRLR', 1, 1],
    },
  },
  HEAD: {
    payload: 'none',
    children: {
      GEDC: ['GEDC', 1, 1],
      SOUR: ['HEAD-SOUR', 0, 1],
      DEST: ['SPECIAL', 0, 1],
      DATE: ['HEAD-DATE', 0, 1],
      COPR: ['TEXT', 0, 1],
      LANG: ['LANG', 0, 1],
      NOTE: ['NOTE', 0, 1],
    },
  },
  GEDC: { payload: 'none', children: { VERS: ['GEDC-VERS', 1, 1] } },
  'GEDC-VERS': { payload: 'version', children: {} },
  'HEAD-SOUR': {
    payload: 'special',
    children: { VERS: ['SPECIAL', 0, 1], NAME: ['TEXT', 0, 1], CORP: ['TEXT', 0, 1] },
  },
  'HEAD-DATE': { payload: 'date-exact', children: { TIME: ['SPECIAL', 0, 1] } },
  TRLR: { payload: 'none', children: {} },
  INDI: {
    payload: 'none',
    children: {
      NAME: ['INDI-NAME', 0, M],
      SEX: ['SEX', 0, 1],
      BIRT: ['INDI-EVENT', 0, M],
      DEAT: ['INDI-EVENT', 0, M],
      EMIG: ['INDI-EVENT', 0, M],
      IMMI: ['INDI-EVENT', 0, M],
      EVEN: ['INDI-EVEN', 0, M],
      OCCU: ['INDI-ATTRIBUTE', 0, M],
      RELI: ['INDI-ATTRIBUTE', 0, M],
      NATI: ['INDI-ATTRIBUTE', 0, M],
      EDUC: ['INDI-ATTRIBUTE', 0, M],
      RESI: ['INDI-ATTRIBUTE', 0, M],
      FACT: ['INDI-FACT', 0, M],
      FAMC: ['INDI-FAMC', 0, M],
      FAMS: ['FAMS', 0, M],
      ASSO: ['ASSO', 0, M],
      ...IDENTIFIERS,
      ...NOTE,
      ...CITATION,
    },
  },
  'INDI-NAME': {
    payload: 'text',
    children: {
      TYPE: ['NAME-TYPE', 0, 1],
      NPFX: ['TEXT', 0, M],
      GIVN: ['TEXT', 0, M],
      NICK: ['TEXT', 0, M],
      SPFX: ['TEXT', 0, M],
      SURN: ['TEXT', 0, M],
      NSFX: ['TEXT', 0, M],
      ...NOTE,
      ...CITATION,
    },
  },
  'NAME-TYPE': { payload: { enum: NAME_TYPES }, children: { PHRASE: ['TEXT', 0, 1] } },
  SEX: { payload: { enum: ['M', 'F', 'X', 'U'] }, children: {} },
  'INDI-EVENT': INDI_EVENT,
  'INDI-EVEN': INDI_EVEN,
  'INDI-ATTRIBUTE': INDI_ATTRIBUTE,
  'INDI-FACT': INDI_FACT,
  'INDI-FAMC': { payload: { pointer: 'FAM' }, children: { ...NOTE } },
  FAMS: { payload: { pointer: 'FAM' }, children: { ...NOTE } },
  ASSO: {
    payload: { pointer: 'INDI' },
    children: { PHRASE: ['TEXT', 0, 1], ROLE: ['ROLE', 1, 1], ...NOTE, ...CITATION },
  },
  ROLE: { payload: { enum: ROLES }, children: { PHRASE: ['TEXT', 0, 1] } },
  DATE: { payload: 'date-value', children: { TIME: ['SPECIAL', 0, 1], PHRASE: ['TEXT', 0, 1] } },
  PLAC: {
    payload: 'text',
    children: { FORM: ['TEXT', 0, 1], LANG: ['LANG', 0, 1], MAP: ['MAP', 0, 1], EXID: ['EXID', 0, M], ...NOTE },
  },
  MAP: { payload: 'none', children: { LATI: ['LATI', 1, 1], LONG: ['LONG', 1, 1] } },
  LATI: { payload: 'latitude', children: {} },
  LONG: { payload: 'longitude', children: {} },
  LANG: { payload: 'language', children: {} },
  EXID: { payload: 'special', children: { TYPE: ['URI', 0, 1] } },
  REFN: { payload: 'special', children: { TYPE: ['TEXT', 0, 1] } },
  URI: { payload: 'uri', children: {} },
  NOTE: { payload: 'text', children: { LANG: ['LANG', 0, 1], ...CITATION } },
  TEXT: { payload: 'text', children: {} },
  SPECIAL: { payload: 'special', children: {} },
  SOURCE_CITATION: {
    payload: { pointer: 'SOUR' },
    children: { PAGE: ['TEXT', 0, 1], DATA: ['SOUR-DATA', 0, 1], QUAY: ['SPECIAL', 0, 1], ...NOTE },
  },
  'SOUR-DATA': { payload: 'none', children: { ...DATE_VALUE, TEXT: ['DATA-TEXT', 0, M] } },
  'DATA-TEXT': { payload: 'text', children: { LANG: ['LANG', 0, 1] } },
  FAM: {
    payload: 'none',
    children: {
      HUSB: ['FAM-PARTNER', 0, 1],
      WIFE: ['FAM-PARTNER', 0, 1],
      CHIL: ['FAM-PARTNER', 0, M],
      MARR: ['FAM-EVENT', 0, M],
      DIV: ['FAM-EVENT', 0, M],
      EVEN: ['FAM-EVEN', 0, M],
      ASSO: ['ASSO', 0, M],
      ...IDENTIFIERS,
      ...NOTE,
      ...CITATION,
    },
  },
  'FAM-PARTNER': { payload: { pointer: 'INDI' }, children: { PHRASE: ['TEXT', 0, 1] } },
  'FAM-EVENT': FAM_EVENT,
  'FAM-EVEN': { payload: 'text', children: { TYPE: ['TEXT', 1, 1], ...EVENT_DETAIL } },
  SOUR: {
    payload: 'none',
    children: {
      AUTH: ['TEXT', 0, 1],
      TITL: ['TEXT', 0, 1],
      ABBR: ['TEXT', 0, 1],
      PUBL: ['TEXT', 0, 1],
      TEXT: ['DATA-TEXT', 0, 1],
      REPO: ['SOURCE_REPOSITORY_CITATION', 0, M],
      ...IDENTIFIERS,
      ...NOTE,
    },
  },
  SOURCE_REPOSITORY_CITATION: { payload: { pointer: 'REPO' }, children: { CALN: ['SPECIAL', 0, M], ...NOTE } },
  REPO: { payload: 'none', children: { NAME: ['TEXT', 1, 1], ...IDENTIFIERS, ...NOTE } },
};

const MONTH = '(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)';
const DATE = `(?:(?:\\d+ )?${MONTH} )?\\d+(?: BCE)?`;
const PATTERNS: Record<string, RegExp> = {
  'date-value': new RegExp(
    `^(?:${DATE}|(?:BET ${DATE} AND ${DATE})|(?:(?:AFT|BEF|ABT|CAL|EST) ${DATE})|(?:FROM ${DATE}(?: TO ${DATE})?)|(?:TO ${DATE}))?$`,
  ),
  'date-exact': new RegExp(`^\\d+ ${MONTH} \\d+$`),
  language: /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/,
  latitude: /^[NS]\d{1,2}(?:\.\d+)?$/,
  longitude: /^[EW]\d{1,3}(?:\.\d+)?$/,
  uri: /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/,
  version: /^\d+\.\d+(?:\.\d+)?$/,
};

interface Node {
  line: number;
  level: number;
  xref?: string;
  tag: string;
  value: string | null;
  children: Node[];
}

const LINE = /^(0|[1-9]\d*) (?:(@[A-Z0-9_]+@) )?([A-Z_][A-Z0-9_]*)(?: (.*))?$/;
/** C0 controls but tab, LF and CR, and DEL: GEDCOM 7 bans them from a file. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding these characters is the point.
const BANNED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Reads the lines of a GEDCOM 7 file into structures, joining CONT lines; line errors go to `errors`. */
function readTree(text: string, errors: string[]): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (BANNED.test(raw)) errors.push(`line ${n}: a control character`);
    const m = LINE.exec(raw);
    if (!m) {
      errors.push(`line ${n}: not a GEDCOM line: ${JSON.stringify(raw)}`);
      return;
    }
    const level = Number(m[1]);
    const tag = m[3] ?? '';
    const value = m[4] ?? null;
    if (value === '') errors.push(`line ${n}: a space with no payload after it`);
    if (value?.startsWith('@') && !/^@[A-Z0-9_]+@$/.test(value) && !value.startsWith('@@'))
      errors.push(`line ${n}: a payload starting with a single @ is neither pointer nor text`);
    const parent = stack[level - 1];
    if (level > 0 && (!parent || stack.length < level)) {
      errors.push(`line ${n}: level ${level} does not follow a line of level ${level - 1}`);
      return;
    }
    stack.length = level;
    if (tag === 'CONT') {
      if (!parent) errors.push(`line ${n}: CONT with nothing to continue`);
      else parent.value = `${parent.value ?? ''}\n${(value ?? '').replace(/^@@/, '@')}`;
      return;
    }
    const node: Node = { line: n, level, xref: m[2], tag, value, children: [] };
    (parent ? parent.children : roots).push(node);
    stack.push(node);
  });
  return roots;
}

function checkPayload(node: Node, payload: Payload, records: Map<string, string>, errors: string[]) {
  const at = `line ${node.line} (${node.tag})`;
  const value = node.value;
  if (typeof payload === 'object') {
    if ('enum' in payload) {
      if (!value || !payload.enum.includes(value))
        errors.push(`${at}: ${value} is not one of ${payload.enum.join(' ')}`);
      return;
    }
    const target = value ? records.get(value) : undefined;
    if (!value || !/^@[A-Z0-9_]+@$/.test(value)) errors.push(`${at}: needs a pointer to a ${payload.pointer} record`);
    else if (target !== payload.pointer) errors.push(`${at}: ${value} is no ${payload.pointer} record`);
    return;
  }
  if (payload === 'none') {
    if (value !== null) errors.push(`${at}: has a payload it may not have`);
    return;
  }
  if (payload === 'y-or-null') {
    if (value !== null && value !== 'Y') errors.push(`${at}: payload must be Y or empty`);
    return;
  }
  if (value !== null && /^@[A-Z0-9_]+@$/.test(value)) {
    errors.push(`${at}: a pointer where text belongs`);
    return;
  }
  const pattern = PATTERNS[payload];
  if (pattern && !pattern.test(value ?? '')) errors.push(`${at}: “${value}” is not a valid ${payload}`);
  if (!pattern && payload !== 'text' && (value === null || value === '')) errors.push(`${at}: needs a payload`);
}

function checkStructure(node: Node, type: string, records: Map<string, string>, errors: string[]) {
  const rule = RULES[type];
  if (!rule) {
    errors.push(`line ${node.line}: no rule for ${type}`);
    return;
  }
  checkPayload(node, rule.payload, records, errors);
  // Chapter 1: a structure has a payload or substructures (TRLR is a pseudo-structure).
  if (node.tag !== 'TRLR' && !node.value && node.children.length === 0)
    errors.push(`line ${node.line} (${node.tag}): neither payload nor substructures`);
  checkChildren(node.children, rule, `line ${node.line} (${node.tag})`, records, errors);
}

function checkChildren(children: Node[], rule: Rule, where: string, records: Map<string, string>, errors: string[]) {
  const counts = new Map<string, number>();
  for (const child of children) {
    const spec = rule.children[child.tag];
    if (!spec) {
      errors.push(`line ${child.line}: ${child.tag} may not stand in ${where}`);
      continue;
    }
    counts.set(child.tag, (counts.get(child.tag) ?? 0) + 1);
    checkStructure(child, spec[0], records, errors);
  }
  for (const [tag, [, min, max]] of Object.entries(rule.children)) {
    const n = counts.get(tag) ?? 0;
    if (n < min || n > max) errors.push(`${where}: ${tag} ${n} times, allowed ${min} to ${max}`);
  }
}

/** Every way a GEDCOM 7 text breaks the standard's rules, as far as this validator knows them; none when valid. */
export function validateGedcom7(text: string): string[] {
  const errors: string[] = [];
  const roots = readTree(text, errors);
  const records = new Map<string, string>();
  for (const r of roots) {
    if (r.xref) {
      if (records.has(r.xref)) errors.push(`line ${r.line}: ${r.xref} names two records`);
      records.set(r.xref, r.tag);
    } else if (['INDI', 'FAM', 'SOUR', 'REPO'].includes(r.tag))
      errors.push(`line ${r.line}: a record without its xref`);
  }
  if (roots[0]?.tag !== 'HEAD') errors.push('the file does not begin with HEAD');
  if (roots.at(-1)?.tag !== 'TRLR') errors.push('the file does not end with TRLR');
  if (
    roots
      .find((r) => r.tag === 'HEAD')
      ?.children.find((c) => c.tag === 'GEDC')
      ?.children[0]?.value?.startsWith('7.') !== true
  )
    errors.push('HEAD.GEDC.VERS is not 7.x');
  const dataset = RULES.DATASET as Rule;
  checkChildren(roots, dataset, 'the dataset', records, errors);
  checkFamilyLinks(roots, errors);
  return errors;
}

/** FAMC and FAMS of individuals and CHIL, HUSB and WIFE of families point at each other, both ways. */
function checkFamilyLinks(roots: Node[], errors: string[]) {
  const KIND: Record<string, string> = {
    FAMC: 'child',
    CHIL: 'child',
    FAMS: 'partner',
    HUSB: 'partner',
    WIFE: 'partner',
  };
  const links = (tags: string[]) =>
    new Set(
      roots.flatMap((r) =>
        r.children
          .filter((c) => tags.includes(c.tag))
          .map((c) => {
            const [person, family] = r.tag === 'FAM' ? [c.value, r.xref] : [r.xref, c.value];
            return `${person} ${KIND[c.tag]} of ${family}`;
          }),
      ),
    );
  const fromIndividuals = links(['FAMC', 'FAMS']);
  const fromFamilies = links(['CHIL', 'HUSB', 'WIFE']);
  for (const l of fromIndividuals) if (!fromFamilies.has(l)) errors.push(`${l}: the family does not point back`);
  for (const l of fromFamilies) if (!fromIndividuals.has(l)) errors.push(`${l}: the individual does not point back`);
}

/** The structures of a GEDCOM 7 text as a tree, for reading values in tests. */
export function gedcomTree(text: string): Node[] {
  return readTree(text, []);
}
