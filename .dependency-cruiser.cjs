/**
 * The walls of the codebase, checked by `npm run check:deps` (part of `npm test`).
 * See docs/ARCHITECTURE.md, "Layers and walls".
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles, type-only ones included: a cycle hides which module owns what.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain holds pure rules shared by server, console and phone pages: it imports neither.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(server|web)/' },
    },
    {
      name: 'domain-has-no-io',
      severity: 'error',
      comment: 'src/domain does no I/O: no database, network or file system packages.',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['npm', 'core'] },
    },
    {
      name: 'web-imports-server-types-only',
      severity: 'error',
      comment: 'The console and phone pages know the server only through types (the API contract).',
      from: { path: '^src/web/' },
      to: { path: '^src/server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'module-walls',
      severity: 'error',
      comment: 'A module uses another module only through its public face (index.ts), never its internals.',
      from: { path: '^src/server/modules/([^/]+)/([^/]+)/' },
      to: {
        path: '^src/server/modules/',
        pathNot: ['^src/server/modules/$1/$2/', '^src/server/modules/[^/]+/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'faces-from-outside',
      severity: 'error',
      comment: 'Outside the modules (composition, jobs, demo, tests, benches) a module is reached through its face.',
      from: { pathNot: '^src/server/modules/' },
      to: { path: '^src/server/modules/[^/]+/[^/]+/(?!index\\.ts$)' },
    },
    {
      name: 'kernel-below-modules',
      severity: 'error',
      comment: 'The kernel, HTTP plumbing, database layer and job machinery know no module.',
      from: { path: '^src/server/(kernel|http|db)/|^src/server/jobs/(queue|runner)\\.ts$' },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'db-below-kernel',
      severity: 'error',
      comment: 'The database layer (connection, migrations, types) knows nothing above it.',
      from: { path: '^src/server/db/' },
      to: { path: '^src/server/(kernel|http|jobs|modules|demo)/|^src/server/(app|api|platform|main)\\.ts$' },
    },
    {
      name: 'kernel-below-http',
      severity: 'error',
      comment: 'The kernel is what HTTP and jobs share: it does not depend on either.',
      from: { path: '^src/server/kernel/' },
      to: { path: '^src/server/(http|jobs)/' },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      comment: 'Production code does not import tests or test support.',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^test/|\\.test\\.tsx?$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|data|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    moduleSystems: ['es6'],
  },
};
