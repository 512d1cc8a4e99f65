/**
 * The architecture's rules, checked by `npm test` (see README "Layout"). Each rule names what it
 * protects; `npx depcruise src bin --config .dependency-cruiser.cjs` lists the violations.
 */
const DOMAIN =
  '^src/(accounts|archive|citations|contributions|dates|editing|events|i18n|linkage|lists|media|names|organizations|persons|places|revisions|sample|search|sources|statements)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules form no cycle, type-only imports included: a cycle hides which layer depends on which.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'services-and-repositories-know-no-http',
      severity: 'error',
      comment: 'Services hold rules and repositories hold SQL; neither knows the web framework.',
      from: { path: '\\.(service|repository)\\.tsx?$' },
      to: { path: '(^|/)node_modules/hono/|^hono$|@hono/' },
    },
    {
      name: 'drivers-only-in-storage',
      severity: 'error',
      comment: 'Only src/db/ and engine-named files (*.sqlite.ts, *.postgres.ts) talk to a database driver.',
      from: { path: '^src/', pathNot: ['^src/db/', '\\.(sqlite|postgres)\\.tsx?$'] },
      to: { path: '(^|/)node_modules/(better-sqlite3|pg|pg-copy-streams)/' },
    },
    {
      name: 'server-never-loads-the-generator',
      severity: 'error',
      comment: 'src/generate/ builds synthetic archives for benchmarks and demos; bin/fates.js wires its command in.',
      from: { path: '^src/', pathNot: '^src/generate/' },
      to: { path: '^src/generate/' },
    },
    {
      name: 'generator-spells-on-its-own',
      severity: 'error',
      comment:
        "The generator writes names as Soviet files did without the search's spelling code, so that the search evaluation on generated names measures forms the search was not built from. The row writer stores each name's folded key as the app computes it.",
      from: { path: '^src/generate/', pathNot: '^src/generate/person-writer\\.ts$' },
      to: { path: '^src/(names/spelling|search)/' },
    },
    {
      name: 'src-never-loads-tests-or-benchmarks',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'domain-knows-no-web',
      severity: 'error',
      comment: 'Domain code (rules, SQL, page models) does not import src/web/; only routes and views do.',
      from: { path: DOMAIN, pathNot: '\\.(routes|views)(\\.test)?\\.tsx?$' },
      to: { path: '^src/web/' },
    },
    {
      name: 'migrations-frozen',
      severity: 'error',
      comment: 'A migration never changes once released, so it imports no application code.',
      from: { path: '^src/db/migrations/' },
      to: { path: '^src/', pathNot: '^src/db/migrations/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '\\.test\\.tsx?$' },
  },
};
