// The import rules `pnpm test` checks (its `deps` step, scripts/check.mjs): the direction of imports
// between packages that docs/development.md describes, and no import cycles. Type-only imports count:
// a cycle through types still ties the modules together.
const CORE = '^packages/core/src/';
/** What core may import besides itself: pure libraries, nothing that reaches a DOM, Node or a network. */
const CORE_LIBRARIES = ['zod', 'jsonc-parser', '@preact/signals-core'];

export default {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'An import cycle anywhere in packages/*/src: move what both sides need into a module of its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment:
        'core runs in browsers and on servers alike: no Node built-ins, no DOM, no network, only its pure libraries.',
      severity: 'error',
      from: { path: CORE },
      to: {
        pathNot: [CORE, ...CORE_LIBRARIES.map((name) => `node_modules/${name}/`)],
      },
    },
    {
      name: 'widget-not-server',
      comment: 'The widget runs in subscribers’ browsers: it talks to the server over HTTP, never by import.',
      severity: 'error',
      from: { path: '^packages/widget/src/' },
      to: { path: '^(packages/server/|@cancelflow/server)' },
    },
    {
      name: 'server-not-widget',
      comment: 'The server serves the widget’s built files; it never imports the widget’s source.',
      severity: 'error',
      from: { path: '^packages/server/src/' },
      to: { path: '^(packages/widget/|@cancelflow/widget)' },
    },
    {
      name: 'dashboard-not-server',
      comment: 'The dashboard is a browser app that reads the admin API over HTTP; it never imports server source.',
      severity: 'error',
      from: { path: '^packages/dashboard/src/' },
      to: { path: '^(packages/server/|@cancelflow/server)' },
    },
    {
      name: 'resolvable',
      comment: 'Every import resolves (a typo, or a package missing from package.json, fails here first).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API yet, so swc parses the sources (it keeps type-only imports).
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    // Workspace packages resolve to their sources, as in the typecheck and in tests.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
  },
};
