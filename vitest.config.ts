import { configDefaults, defineConfig } from 'vitest/config';

// A test's folder says where it runs, never its file extension:
//   packages/<name>/test/dom/**  happy-dom (+ Testing Library's cleanup): components and page APIs
//   packages/<name>/test/**      everything else runs in Node (core, server, CLI, scripts, SSR)
// Real-browser behaviour is tested by Playwright in tests/browser. docs/development.md says which level
// owns which assertion.
// Workspace packages resolve to their TypeScript sources (the `source` export condition), in the DOM
// project and in the Node project alike: tests never run against a stale dist/.
const DOM_TESTS = 'packages/*/test/dom/**/*.test.{ts,tsx}';

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  // JSX: each package's tsconfig names its runtime (`jsxImportSource`: Preact, or the widget's own).
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    // Limits that only end a test that hangs, never one on a slow machine: the slowest tests without a
    // limit of their own take under a second here, and waits in tests are for conditions, not for time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { inline: [/@cancelflow\//] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/test/**/*.test.{ts,tsx}', 'scripts/**/*.test.mjs'],
          exclude: [...configDefaults.exclude, DOM_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          setupFiles: ['tests/setup/dom.ts'],
          include: [DOM_TESTS],
        },
      },
    ],
  },
});
