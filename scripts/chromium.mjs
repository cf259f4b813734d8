// @ts-check
// How every browser run here starts Chromium: Debian's build (Playwright cannot download its own on
// these machines), headless, and with the background services off that would otherwise try the
// network this machine does not have.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/**
 * How much the browser tests slow Chromium's CPU down (CDP `Emulation.setCPUThrottlingRate`, applied
 * to every page by tests/browser/fixtures.ts): `CANCELFLOW_CPU_THROTTLE=4` runs the suite as on a
 * machine 4× slower. 1 (no throttling) unless that variable is a number above 1.
 */
export const cpuThrottleRate = (() => {
  const rate = Number(process.env.CANCELFLOW_CPU_THROTTLE ?? 1);
  return Number.isFinite(rate) && rate > 1 ? rate : 1;
})();
