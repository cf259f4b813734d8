import { defineConfig } from 'vitest/config';

// Two projects: Node for everything without a DOM (core, server, CLI, scripts) and happy-dom for
// Preact components. Real-browser behaviour is tested by Playwright in tests/browser.
// Workspace packages resolve to their TypeScript sources (the `source` export condition), in the DOM
// project and in the Node project alike: tests never run against a stale dist/.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
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
          include: ['packages/*/test/**/*.test.ts', 'scripts/**/*.test.mjs'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          setupFiles: ['tests/setup/dom.ts'],
          include: ['packages/*/test/**/*.test.tsx'],
        },
      },
    ],
  },
});
