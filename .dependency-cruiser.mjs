// The import rules `pnpm test` checks (its `deps` step, scripts/check.mjs): the direction of imports
// between packages that docs/development.md describes, and no import cycles. Type-only imports count:
// a cycle through types still ties the modules together.
const CORE = '^packages/core/src/';
/** What core may import besides itself: pure libraries, nothing that reaches a DOM, Node or a network. */
const CORE_LIBRARIES = ['zod', 'jsonc-parser'];

/** A rule that `from`'s sources never import package `to`, by path or by package name. */
function apart(name, from, to, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: `^packages/${from}/src/` },
    to: { path: `^(packages/${to}/|@cancelflow/${to})` },
  };
}

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
    apart(
      'widget-not-server',
      'widget',
      'server',
      'The widget runs in subscribers’ browsers: it talks to the server over HTTP.',
    ),
    apart('server-not-widget', 'server', 'widget', 'The server serves the widget’s built files, never its source.'),
    apart(
      'dashboard-not-server',
      'dashboard',
      'server',
      'The dashboard is a browser app that reads the admin API over HTTP.',
    ),
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
