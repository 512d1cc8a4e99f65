import { dataLicence, licenceLine } from '../archive/data-licence.ts';
import type { CiteMark } from '../citations/citation-index.ts';
import type { Db } from '../db/connection.ts';
import { MergedError, NotFoundError } from '../errors.ts';
import type { EventView } from '../events/event-view.ts';
import { type Lang, label, messages } from '../i18n/i18n.ts';
import { getPersonPage, type PersonPage } from '../persons/person-page.ts';
import { listPlacesByIds } from '../places/place.repository.ts';
import { listSourcesByIds } from '../sources/source.repository.ts';
import { byRank } from '../statements/rank.ts';
import { GedcomWriter } from './gedcom.ts';
import { gedcomDate } from './gedcom-date.ts';

/*
 * A person and their recorded relatives as a GEDCOM 7 file for family-tree programs: names with
 * their kinds, the person's own events and facts with dates, places and sources, families for
 * spouses, partners, parents, children and siblings, and a source record for every source cited.
 * Statements marked as errors in their source (rank deprecated) are left out.
 */

export const GEDCOM_TYPE = 'text/vnd.familysearch.gedcom';

const EVENT_TAGS: Record<string, string> = {
  birth: 'BIRT',
  death: 'DEAT',
  execution: 'DEAT',
  emigration: 'EMIG',
  arrival: 'IMMI',
};

/** Events that last (a camp, a membership): their EDTF intervals are periods, not uncertainty. */
const LASTING = new Set([
  'work',
  'membership',
  'imprisonment',
  'camp',
  'gestapo-custody',
  'concentration-camp',
  'ghetto',
  'military-service',
  'residence',
  'education',
]);

const ATTRIBUTE_TAGS: Record<string, string> = {
  occupation: 'OCCU',
  religion: 'RELI',
  nationality: 'NATI',
  education: 'EDUC',
  residence: 'RESI',
};

/** GEDCOM's name types; kinds without one are OTHER with the kind as its phrase. */
const NAME_TYPES: Record<string, string | null> = {
  used: null,
  birth: 'BIRTH',
  married: 'MARRIED',
  alias: 'AKA',
  pseudonym: 'PROFESSIONAL',
};

const SEX: Record<string, string> = { male: 'M', female: 'F', unknown: 'U' };

interface Family {
  xref: string;
  partners: string[];
  children: string[];
  /** Citations of the relationships the family was made from (a couple's are on its union). */
  cites: CiteMark[];
  /** For a couple: MARR for spouses, a dated partnership otherwise. */
  union?: { married: boolean; edtf: string | null; cites: CiteMark[] };
}

interface Loaded {
  focus: PersonPage;
  relatives: Map<number, PersonPage>;
  places: Map<number, { lat: number | null; lon: number | null }>;
  sources: Awaited<ReturnType<typeof listSourcesByIds>>;
}

async function load(db: Db, id: number, lang: Lang): Promise<Loaded> {
  const focus = await getPersonPage(db, id, lang);
  const relatives = new Map<number, PersonPage>();
  for (const r of focus.relationships) {
    if (!r.person || relatives.has(r.person.id)) continue;
    try {
      relatives.set(r.person.id, await getPersonPage(db, r.person.id, lang));
    } catch (error) {
      // A relative who is not public (a draft) is left out, as on the page.
      if (!(error instanceof NotFoundError || error instanceof MergedError)) throw error;
    }
  }
  const people = [focus, ...relatives.values()];
  const events = people.flatMap((p) => p.events.flatMap((e) => [e, ...e.variants]));
  const placeIds = [...new Set(events.flatMap((e) => (e.place ? [e.place.id] : [])))];
  const places = new Map((await listPlacesByIds(db, placeIds)).map((p) => [p.id, { lat: p.lat, lon: p.lon }]));
  const sourceIds = new Set<number>();
  const collect = (cites: CiteMark[]) => {
    for (const c of cites) sourceIds.add(c.sourceId);
  };
  for (const p of people) {
    for (const s of [...p.names, ...p.attributes, ...p.relationships, ...events]) collect(s.cites);
  }
  return { focus, relatives, places, sources: await listSourcesByIds(db, [...sourceIds]) };
}

/** The GEDCOM 7 file of a person with their recorded relatives; NotFoundError for a draft. */
export async function personGedcom(
  db: Db,
  id: number,
  options: { origin: string; lang: Lang; today: Date },
): Promise<string> {
  return new GedcomFile(await load(db, id, options.lang), options).write();
}

class GedcomFile {
  private readonly out = new GedcomWriter();
  private readonly t;
  private readonly families: Family[] = [];
  /** Relatives known only by name, as written in the relationship. */
  private readonly named: { xref: string; name: string }[] = [];
  private readonly repositories = new Map<string, string>();
  /** Sources the written statements cite: each gets a source record. */
  private readonly cited = new Set<number>();

  constructor(
    private readonly data: Loaded,
    private readonly options: { origin: string; lang: Lang; today: Date },
  ) {
    this.t = messages(options.lang);
  }

  write(): string {
    const { focus, relatives } = this.data;
    const associations = this.relate();
    this.header();
    this.individual(focus, true, associations);
    for (const r of relatives.values()) this.individual(r, false, []);
    for (const n of this.named) {
      this.out.open(0, 'INDI', n.xref);
      this.out.line(1, 'NAME', n.name);
      for (const f of this.families) this.familyPointers(n.xref, f);
    }
    for (const f of this.families) this.family(f);
    this.sourceRecords();
    this.out.open(0, 'TRLR');
    return this.out.toString();
  }

  private header() {
    const { out, options } = this;
    out.open(0, 'HEAD');
    out.open(1, 'GEDC');
    out.line(2, 'VERS', '7.0');
    out.line(1, 'SOUR', 'FATES');
    out.line(2, 'NAME', this.t.site.name);
    out.line(1, 'DATE', gedcomDate(options.today.toISOString().slice(0, 10)).value);
    out.line(1, 'COPR', `${this.t.openData.licence}: ${licenceLine(dataLicence())}. ${options.origin}/`);
    out.line(1, 'LANG', options.lang);
  }

  private personXref(id: number): string {
    return `I${id}`;
  }

  /** Turns the focus person's relationships into families and associations. */
  private relate(): { xref: string; role: string; phrase: string | null; cites: CiteMark[] }[] {
    const { focus, relatives } = this.data;
    const self = this.personXref(focus.id);
    const associations: { xref: string; role: string; phrase: string | null; cites: CiteMark[] }[] = [];
    const shared = new Map<string, Family>();
    let parents = 0;
    const family = (key: string, init: () => Omit<Family, 'xref' | 'cites'>) => {
      let f = shared.get(key);
      if (!f) {
        f = { xref: `F${this.families.length + 1}`, cites: [], ...init() };
        shared.set(key, f);
        this.families.push(f);
      }
      return f;
    };
    for (const r of focus.relationships) {
      if (r.rank === 'deprecated') continue;
      const other =
        r.person && relatives.has(r.person.id) ? this.personXref(r.person.id) : r.name ? this.nameOnly(r.name) : null;
      if (!other) continue;
      if (r.type === 'spouse' || r.type === 'partner') {
        const f = family(`couple:${other}`, () => ({ partners: [self, other], children: [] }));
        f.union = { married: r.type === 'spouse', edtf: r.edtf, cites: r.cites };
      } else if (r.type === 'parent') {
        // A family has two partner slots; further parents (a step-parent) make another family.
        parents += 1;
        const f = family(`parents:${Math.floor((parents - 1) / 2)}`, () => ({ partners: [], children: [self] }));
        f.partners.push(other);
        f.cites.push(...r.cites);
      } else if (r.type === 'child' || r.type === 'sibling') {
        const f = family(r.type, () =>
          r.type === 'child' ? { partners: [self], children: [] } : { partners: [], children: [self] },
        );
        f.children.push(other);
        f.cites.push(...r.cites);
      } else {
        const friend = r.type === 'friend';
        const phrase = friend ? null : label(this.t.relationshipTypes, r.type);
        associations.push({ xref: other, role: friend ? 'FRIEND' : 'OTHER', phrase, cites: r.cites });
      }
    }
    return associations;
  }

  private nameOnly(name: string): string {
    const xref = `X${this.named.length + 1}`;
    this.named.push({ xref, name });
    return xref;
  }

  private individual(
    p: PersonPage,
    focus: boolean,
    associations: { xref: string; role: string; phrase: string | null; cites: CiteMark[] }[],
  ) {
    const { out } = this;
    const xref = this.personXref(p.id);
    out.open(0, 'INDI', xref);
    this.names(p);
    out.line(1, 'SEX', SEX[p.sex] ?? 'U');
    const own = new Set(p.subjectOf);
    for (const e of p.events) {
      if (!own.has(e.id)) continue;
      // A relative's record holds only their birth and death; the focus person's every event.
      if (!focus && !['birth', 'death', 'execution'].includes(e.type)) continue;
      for (const account of [e, ...e.variants].filter((a) => a.rank !== 'deprecated').sort(byRank)) this.event(account);
    }
    if (focus) this.attributes(p);
    for (const f of this.families) this.familyPointers(xref, f);
    for (const a of associations) {
      out.pointer(1, 'ASSO', a.xref);
      out.line(2, 'ROLE', a.role);
      out.line(3, 'PHRASE', a.phrase);
      this.citations(2, a.cites);
    }
    out.line(1, 'EXID', String(p.id));
    out.line(2, 'TYPE', `${this.options.origin}/persons/`);
    if (focus) out.line(1, 'NOTE', p.biography);
  }

  private names(p: PersonPage) {
    const { out } = this;
    for (const n of p.names) {
      if (n.rank === 'deprecated') continue;
      const given = [n.given, n.patronymic].filter(Boolean).join(' ');
      const value = n.surname ? [given, `/${n.surname}/`].filter(Boolean).join(' ') : n.full.replace(/\//g, ' ');
      out.line(1, 'NAME', value);
      const type = n.kind in NAME_TYPES ? NAME_TYPES[n.kind] : 'OTHER';
      if (type) {
        out.line(2, 'TYPE', type);
        if (type === 'OTHER') out.line(3, 'PHRASE', label(this.t.nameKinds, n.kind));
      }
      out.line(2, 'GIVN', n.given);
      out.line(2, 'SURN', n.surname);
      out.line(2, 'NOTE', n.note);
      this.citations(2, n.cites);
    }
  }

  private date(level: number, edtf: string | null, words: string | null, lasting: boolean) {
    if (!edtf && !words) return;
    const date = edtf ? gedcomDate(edtf, { lasting }) : { value: '', phrase: null };
    this.out.line(level, 'DATE', date.value, { always: true });
    this.out.line(level + 1, 'PHRASE', words ?? date.phrase);
  }

  private event(e: EventView) {
    const { out, t } = this;
    const tag = EVENT_TAGS[e.type];
    // Y says the event happened, where no date or place says it (GEDCOM 7 §3, Events).
    if (tag && !e.edtf && !e.dateText && !e.place && !e.placeText) out.line(1, tag, 'Y');
    else out.open(1, tag ?? 'EVEN');
    if (!tag || e.type === 'execution') out.line(2, 'TYPE', label(t.eventTypes, e.type));
    this.date(2, e.edtf, e.dateText, LASTING.has(e.type));
    const placeName = e.place?.name ?? e.placeText;
    if (out.line(2, 'PLAC', placeName)) {
      const at = e.place ? this.data.places.get(e.place.id) : undefined;
      if (at && at.lat !== null && at.lon !== null) {
        out.open(3, 'MAP');
        out.line(4, 'LATI', `${at.lat < 0 ? 'S' : 'N'}${Math.abs(at.lat)}`);
        out.line(4, 'LONG', `${at.lon < 0 ? 'W' : 'E'}${Math.abs(at.lon)}`);
      }
    }
    out.line(2, 'AGNC', e.organization?.name);
    const details = Object.entries(e.details ?? {}).map(([k, v]) => `${label(t.detailKeys, k)}: ${v}`);
    out.line(2, 'NOTE', [e.description, ...details, e.note].filter(Boolean).join('\n'));
    this.citations(2, e.cites);
  }

  private attributes(p: PersonPage) {
    const { out, t } = this;
    for (const a of p.attributes) {
      if (a.rank === 'deprecated') continue;
      const tag = ATTRIBUTE_TAGS[a.type];
      out.line(1, tag ?? 'FACT', a.value, { always: true });
      if (!tag) out.line(2, 'TYPE', label(t.attributeTypes, a.type));
      this.date(2, a.edtf, null, true);
      out.line(2, 'AGNC', a.organization?.name);
      out.line(2, 'NOTE', a.note);
      this.citations(2, a.cites);
    }
  }

  private familyPointers(xref: string, f: Family) {
    if (f.partners.includes(xref)) this.out.pointer(1, 'FAMS', f.xref);
    if (f.children.includes(xref)) this.out.pointer(1, 'FAMC', f.xref);
  }

  private family(f: Family) {
    const { out } = this;
    out.open(0, 'FAM', f.xref);
    const sexOf = (xref: string) => {
      const id = Number(xref.slice(1));
      return xref.startsWith('I')
        ? (id === this.data.focus.id ? this.data.focus : this.data.relatives.get(id))?.sex
        : undefined;
    };
    // HUSB and WIFE are GEDCOM's two partner slots; a woman takes WIFE where the slot is free.
    const [a, b] = f.partners;
    const wifeFirst = a !== undefined && sexOf(a) === 'female' && (b === undefined || sexOf(b) !== 'female');
    const [husb, wife] = wifeFirst ? [b, a] : [a, b];
    if (husb) out.pointer(1, 'HUSB', husb);
    if (wife) out.pointer(1, 'WIFE', wife);
    for (const c of f.children) out.pointer(1, 'CHIL', c);
    this.citations(1, f.cites);
    if (f.union) {
      const [start, end] = (f.union.edtf ?? '').split('/');
      if (f.union.married) {
        out.line(1, 'MARR', 'Y');
        this.date(2, start || null, null, false);
        this.citations(2, f.union.cites);
        if (end && end !== '..') {
          out.open(1, 'DIV');
          this.date(2, end, null, false);
        }
      } else {
        out.open(1, 'EVEN');
        out.line(2, 'TYPE', label(this.t.relationshipTypes, 'partner'));
        this.date(2, f.union.edtf, null, true);
        this.citations(2, f.union.cites);
      }
    }
  }

  private citations(level: number, cites: CiteMark[]) {
    const { out } = this;
    for (const c of cites) {
      this.cited.add(c.sourceId);
      out.pointer(level, 'SOUR', `S${c.sourceId}`);
      out.line(level + 1, 'PAGE', [c.locator, c.row === null ? null : `row ${c.row}`].filter(Boolean).join(', '));
      if (c.quote) {
        out.open(level + 1, 'DATA');
        out.line(level + 2, 'TEXT', c.quote);
      }
      out.line(level + 1, 'NOTE', c.note);
    }
  }

  private sourceRecords() {
    const { out } = this;
    for (const s of this.data.sources) {
      if (!this.cited.has(s.id)) continue;
      out.open(0, 'SOUR', `S${s.id}`);
      out.line(1, 'AUTH', s.authors);
      out.line(1, 'TITL', s.title);
      const imprint = [[s.publication_place, s.publisher].filter(Boolean).join(': '), s.date_edtf]
        .filter(Boolean)
        .join(', ');
      out.line(1, 'PUBL', [s.container_title, imprint].filter(Boolean).join('. '));
      if (s.archive) {
        out.pointer(1, 'REPO', this.repository(s.archive));
        out.line(2, 'CALN', [s.fond, s.opis, s.delo, s.folios].filter(Boolean).join(' / '));
      }
      out.line(1, 'EXID', String(s.id));
      out.line(2, 'TYPE', `${this.options.origin}/sources/`);
      out.line(1, 'NOTE', [s.url, s.note].filter(Boolean).join('\n'));
    }
    for (const [name, xref] of this.repositories) {
      out.open(0, 'REPO', xref);
      out.line(1, 'NAME', name);
    }
  }

  private repository(name: string): string {
    let xref = this.repositories.get(name);
    if (!xref) {
      xref = `R${this.repositories.size + 1}`;
      this.repositories.set(name, xref);
    }
    return xref;
  }
}
