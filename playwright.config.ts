import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, cpuThrottleRate } from './scripts/chromium.mjs';

const port = Number(process.env.BROWSER_TEST_PORT ?? 4310);

// Time budgets for a machine several times slower than a developer's: the slowest test takes a few
// seconds here (one axe scan, one example app, one flow), so the limits only end tests that hang. On CI
// (CI=1, set by .ci/run) they are 3× larger, for a slower, shared machine; with
// CANCELFLOW_CPU_THROTTLE=N (tests/browser/fixtures.ts) N× larger again. Tests wait for conditions,
// never for time, so generous limits cost nothing when all is well.
const slowdown = (process.env.CI ? 3 : 1) * cpuThrottleRate;

export default defineConfig({
  testDir: 'tests/browser',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000 * slowdown,
  // On CI, a suite that hangs ends inside the job's 90 minutes, with a report. The whole suite took 7
  // minutes on a busy 2-core machine, 23 to more than 45 there with CANCELFLOW_CPU_THROTTLE=4 (opt-in).
  globalTimeout: process.env.CI ? (cpuThrottleRate > 1 ? 75 : 45) * 60_000 : undefined,
  expect: { timeout: 10_000 * slowdown },
  use: {
    // A click or a navigation that waits for something that never comes fails with its call log after a
    // limit of its own (an expectation's, twice that for a page load), not at the end of the test's time.
    actionTimeout: 10_000 * slowdown,
    navigationTimeout: 20_000 * slowdown,
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `node tests/browser/host-server.mjs ${port}`,
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
