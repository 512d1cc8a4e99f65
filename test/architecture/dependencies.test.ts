import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering rules live in .dependency-cruiser.cjs and `npm test` checks the tree against them
// before vitest runs. This shows that each rule catches what it names, on a tree that breaks each once.
const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'test/fixtures/architecture');

interface CruiseOutput {
  modules: { source: string; dependencies: { resolved: string }[] }[];
  summary: { violations: { rule: { name: string }; from: string }[] };
}

function cruise(cwd: string): CruiseOutput {
  const json = execFileSync(
    path.join(root, 'node_modules/.bin/depcruise'),
    ['src', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 },
  );
  return JSON.parse(json) as CruiseOutput;
}

function violations(cwd: string): string[] {
  return cruise(cwd).summary.violations.map((v) => `${v.rule.name} ${v.from}`);
}

/** A module's folder: `src/persons/…` is `persons`; search's rooms count apart (`search/index`). */
function folderOf(file: string): string | null {
  return /^src\/(search\/[a-z]+|[a-z-]+)\//.exec(file)?.[1] ?? null;
}

/**
 * Pages compose the domains (a place page lists its events, an event names its places), and the
 * app and the schema type gather every folder; beneath them, folders depend one way only.
 */
const COMPOSERS = /(-page|-view)\.ts$|\.(views|routes)\.tsx?$|^src\/web\/app\.tsx$|^src\/db\/database\.ts$/;

/** Groups of folders that import each other, through modules other than the composers. */
function folderCycles(output: CruiseOutput): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const m of output.modules) {
    const from = folderOf(m.source);
    if (!from || COMPOSERS.test(m.source)) continue;
    for (const d of m.dependencies) {
      const to = folderOf(d.resolved);
      if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  const reaches = (a: string, b: string, seen = new Set<string>()): boolean => {
    for (const next of edges.get(a) ?? []) {
      if (next === b) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      if (reaches(next, b, seen)) return true;
    }
    return false;
  };
  const cycles: string[][] = [];
  for (const [from, tos] of edges) {
    for (const to of tos) if (from < to && reaches(to, from)) cycles.push([from, to]);
  }
  return cycles;
}

describe('the architecture rules', () => {
  it('catch each kind of violation', () => {
    expect(violations(fixture).sort()).toEqual([
      'domain-knows-no-web src/persons/person-page.ts',
      'drivers-only-in-storage src/places/place.repository.ts',
      'generator-spells-on-its-own src/generate/clerk.ts',
      'migrations-frozen src/db/migrations/0001-x.ts',
      'no-cycles src/search/first.ts',
      'server-never-loads-the-generator src/cli/main.ts',
      'services-and-repositories-know-no-http src/persons/person.service.ts',
      'src-never-loads-tests-or-benchmarks src/search/helper.ts',
    ]);
  });

  it('hold in the project itself', () => {
    const output = cruise(root);
    expect(output.summary.violations.map((v) => `${v.rule.name} ${v.from}`)).toEqual([]);
    expect(folderCycles(output)).toEqual([]);
  });

  it('find folders that import each other', () => {
    const output: CruiseOutput = {
      summary: { violations: [] },
      modules: [
        { source: 'src/events/event.repository.ts', dependencies: [{ resolved: 'src/persons/person.ts' }] },
        { source: 'src/persons/person.service.ts', dependencies: [{ resolved: 'src/events/event.repository.ts' }] },
        { source: 'src/places/place-page.ts', dependencies: [{ resolved: 'src/events/event.repository.ts' }] },
        { source: 'src/events/event.service.ts', dependencies: [{ resolved: 'src/places/place.repository.ts' }] },
      ],
    };
    expect(folderCycles(output)).toEqual([['events', 'persons']]);
  });
});
