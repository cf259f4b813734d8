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
