import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  eventSchema,
  organizationSchema,
  personSchema,
  placeSchema,
  type SampleCitation,
  type SampleEvent,
  type SampleOrganization,
  type SamplePerson,
  type SamplePlace,
  type SampleSource,
  sourceSchema,
} from './sample.schema.ts';

export interface SampleData {
  places: SamplePlace[];
  organizations: SampleOrganization[];
  sources: SampleSource[];
  events: SampleEvent[];
  persons: SamplePerson[];
}

export interface SampleIssue {
  file: string;
  line: number | null;
  field: string;
  message: string;
}

/** The sample files are invalid; `issues` name each file, line and field. Nothing was loaded. */
export class SampleDataError extends Error {
  override name = 'SampleDataError';
  constructor(readonly issues: SampleIssue[]) {
    super(
      `The sample data has ${issues.length} error(s):\n${issues
        .map((i) => `  ${i.file}${i.line ? `:${i.line}` : ''}: ${i.field || '(file)'}: ${i.message}`)
        .join('\n')}`,
    );
  }
}

type Located<T> = { value: T; file: string; lineOf: (p: (string | number)[]) => number | null };

function parseFile<T>(file: string, display: string, schema: z.ZodType<T>, issues: SampleIssue[]): Located<T> | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      issues.push({ file: display, line: e.linePos?.[0]?.line ?? null, field: '', message: e.message });
    }
    return null;
  }
  const lineOf = (p: (string | number)[]): number | null => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const p = issue.path.filter((x): x is string | number => typeof x !== 'symbol');
      issues.push({ file: display, line: lineOf(p), field: p.join('.'), message: issue.message });
    }
    return null;
  }
  return { value: parsed.data, file: display, lineOf };
}

/**
 * Reads and validates every file of a sample directory: each against its schema, then all
 * cross-file references (keys must exist and be unique). Throws SampleDataError listing every
 * problem found, so one run shows them all.
 */
export function readSampleDir(dir: string): SampleData {
  const issues: SampleIssue[] = [];
  const rel = (f: string) => {
    const r = path.relative(process.cwd(), f);
    return r && !r.startsWith('..') ? r : f;
  };
  const seq = <T>(name: string, schema: z.ZodType<T>) => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) return null;
    return parseFile(file, rel(file), schema.array(), issues);
  };
  const places = seq('places.yaml', placeSchema);
  const organizations = seq('organizations.yaml', organizationSchema);
  const sources = seq('sources.yaml', sourceSchema);
  const events = seq('events.yaml', eventSchema);
  const personDir = path.join(dir, 'persons');
  const persons = fs.existsSync(personDir)
    ? fs
        .readdirSync(personDir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => parseFile(path.join(personDir, f), rel(path.join(personDir, f)), personSchema, issues))
    : [];
  if (issues.length > 0) throw new SampleDataError(issues);

  const data: SampleData = {
    places: places?.value ?? [],
    organizations: organizations?.value ?? [],
    sources: sources?.value ?? [],
    events: events?.value ?? [],
    persons: persons.flatMap((p) => (p ? [p.value] : [])),
  };
  checkReferences(
    data,
    {
      places,
      organizations,
      sources,
      events,
      persons: persons.filter((p): p is Located<SamplePerson> => p !== null),
    },
    issues,
  );
  if (issues.length > 0) throw new SampleDataError(issues);
  return data;
}

function checkReferences(
  data: SampleData,
  files: {
    places: Located<SamplePlace[]> | null;
    organizations: Located<SampleOrganization[]> | null;
    sources: Located<SampleSource[]> | null;
    events: Located<SampleEvent[]> | null;
    persons: Located<SamplePerson>[];
  },
  issues: SampleIssue[],
): void {
  const keysOf = (
    label: string,
    records: { key: string }[],
    file: Located<unknown> | null,
    prefix: (i: number) => (string | number)[],
  ) => {
    const seen = new Set<string>();
    records.forEach((r, i) => {
      if (seen.has(r.key)) {
        issues.push({
          file: file?.file ?? '',
          line: file?.lineOf([...prefix(i), 'key']) ?? null,
          field: `${prefix(i).join('.')}.key`.replace(/^\./, ''),
          message: `duplicate ${label} key "${r.key}"`,
        });
      }
      seen.add(r.key);
    });
    return seen;
  };
  const places = keysOf('place', data.places, files.places, (i) => [i]);
  const orgs = keysOf('organization', data.organizations, files.organizations, (i) => [i]);
  const sources = keysOf('source', data.sources, files.sources, (i) => [i]);
  const personKeys = new Set<string>();
  for (const p of files.persons) {
    if (personKeys.has(p.value.key)) {
      issues.push({
        file: p.file,
        line: p.lineOf(['key']),
        field: 'key',
        message: `duplicate person key "${p.value.key}"`,
      });
    }
    personKeys.add(p.value.key);
  }
  const eventKeys = keysOf('event', data.events, files.events, (i) => [i]);
  const listRows = new Map(data.sources.map((s) => [s.key, s.rows?.length ?? 0]));

  const check = (
    file: Located<unknown> | null | undefined,
    at: (string | number)[],
    kind: string,
    set: Set<string>,
    key: string | undefined,
  ) => {
    if (key !== undefined && !set.has(key)) {
      issues.push({
        file: file?.file ?? '',
        line: file?.lineOf(at) ?? null,
        field: at.join('.'),
        message: `unknown ${kind} "${key}"`,
      });
    }
  };
  const checkCites = (
    file: Located<unknown> | null | undefined,
    at: (string | number)[],
    cites: SampleCitation[] | undefined,
  ) => {
    (cites ?? []).forEach((c, i) => {
      const sourceKey = typeof c === 'string' ? c : c.source;
      const p = typeof c === 'string' ? [...at, i] : [...at, i, 'source'];
      check(file, p, 'source', sources, sourceKey);
      if (typeof c !== 'string' && c.row !== undefined && c.row > (listRows.get(sourceKey) ?? 0)) {
        issues.push({
          file: file?.file ?? '',
          line: file?.lineOf([...at, i, 'row']) ?? null,
          field: [...at, i, 'row'].join('.'),
          message: `source "${sourceKey}" has no row ${c.row}`,
        });
      }
    });
  };
  type EventLike = {
    place?: string;
    organization?: string;
    cite?: SampleCitation[];
    participants?: { person: string }[];
    variants?: { place?: string; organization?: string; cite?: SampleCitation[] }[];
  };
  const checkEvent = (file: Located<unknown> | null | undefined, at: (string | number)[], e: EventLike) => {
    check(file, [...at, 'place'], 'place', places, e.place);
    check(file, [...at, 'organization'], 'organization', orgs, e.organization);
    checkCites(file, [...at, 'cite'], e.cite);
    e.participants?.forEach((p, i) => {
      check(file, [...at, 'participants', i, 'person'], 'person', personKeys, p.person);
    });
    e.variants?.forEach((v, i) => {
      checkEvent(file, [...at, 'variants', i], v);
    });
  };

  data.places.forEach((p, i) => {
    check(files.places, [i, 'parent'], 'place', places, p.parent);
  });
  data.organizations.forEach((o, i) => {
    check(files.organizations, [i, 'parent'], 'organization', orgs, o.parent);
    check(files.organizations, [i, 'place'], 'place', places, o.place);
  });
  data.sources.forEach((s, i) => {
    check(files.sources, [i, 'parent'], 'source', sources, s.parent);
    s.rows?.forEach((r, j) => {
      check(files.sources, [i, 'rows', j, 'person'], 'person', personKeys, r.person);
      r.links?.forEach((l, k) => {
        check(files.sources, [i, 'rows', j, 'links', k, 'person'], 'person', personKeys, l.person);
      });
    });
  });
  data.events.forEach((e, i) => {
    checkEvent(files.events, [i], e);
  });
  for (const file of files.persons) {
    const p = file.value;
    checkCites(file, ['cite'], p.cite);
    p.names.forEach((n, i) => {
      checkCites(file, ['names', i, 'cite'], n.cite);
    });
    p.events?.forEach((e, i) => {
      checkEvent(file, ['events', i], e);
      if (e.key && eventKeys.has(e.key)) {
        issues.push({
          file: file.file,
          line: file.lineOf(['events', i, 'key']),
          field: `events.${i}.key`,
          message: `duplicate event key "${e.key}"`,
        });
      }
      if (e.key) eventKeys.add(e.key);
    });
    p.attributes?.forEach((a, i) => {
      check(file, ['attributes', i, 'organization'], 'organization', orgs, a.organization);
      check(file, ['attributes', i, 'place'], 'place', places, a.place);
      checkCites(file, ['attributes', i, 'cite'], a.cite);
      a.variants?.forEach((v, j) => {
        checkCites(file, ['attributes', i, 'variants', j, 'cite'], v.cite);
      });
    });
    p.relationships?.forEach((r, i) => {
      check(file, ['relationships', i, 'person'], 'person', personKeys, r.person);
      checkCites(file, ['relationships', i, 'cite'], r.cite);
      r.variants?.forEach((v, j) => {
        checkCites(file, ['relationships', i, 'variants', j, 'cite'], v.cite);
      });
    });
  }
}
