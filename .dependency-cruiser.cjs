/**
 * The layering the code is written to (docs/design.md, "Code layout"), checked in `npm test`
 * (test/architecture.test.ts): the domain is pure, the database has one door, the pages share
 * the server's types but none of its code, and nothing imports itself round a cycle.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'aggregator/ holds the domain as pure functions; the server, the pages, the benchmark and the tests build on it, never the other way.',
      severity: 'error',
      from: { path: '^aggregator/' },
      to: { path: '^(server|web|bench|test)/' },
    },
    {
      name: 'one-door-to-the-database',
      comment: 'Only the store opens SQLite, so what is kept at rest (I1–I3) is decided in one file. The benchmark and the tests read the files as an auditor would, from outside.',
      severity: 'error',
      from: { path: '^(aggregator|server|web)/', pathNot: '^aggregator/store\\.ts$' },
      to: { path: 'node_modules/better-sqlite3/' },
    },
    {
      name: 'pages-share-types-only',
      comment: 'web/ runs in the browser: it may take the server’s types (its contract), never its code.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-cycle',
      comment: 'A cycle makes the order of module evaluation matter and hides which part depends on which.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
