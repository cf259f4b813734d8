/**
 * A decision that waits long for the server, in real Chromium against the real reference server: after
 * 3 s a polite live line under the step says it is still being made (with the browser offline: that it
 * waits for the connection), and it goes when the answer comes; it never hides the control Tab reaches.
 * The server's slowness is a loopback proxy that holds the cancel until the test lets it through.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { upstreamFor } from './events-tap.ts';
import { expect, type Page, test } from './fixtures.ts';
import { dialog, loaderReady } from './flow.ts';
import { type ReferenceServer, referenceServer, siteToken } from './reference-server.ts';

const here = new URL('.', import.meta.url).pathname;

/** A proxy in front of `target` that holds every `POST …/cancel` until `release()`; the rest passes through. */
async function cancelGate(target: string) {
  const to = new URL(target);
  const held: (() => void)[] = [];
  let holding = true;
  const proxy = createServer((incoming, outgoing) => {
    const pass = () => {
      incoming.pipe(upstreamFor(to, incoming, outgoing));
    };
    if (holding && incoming.method === 'POST' && incoming.url?.endsWith('/cancel')) held.push(pass);
    else pass();
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    held: () => held.length,
    release() {
      holding = false;
      for (const pass of held.splice(0)) pass();
    },
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

/** On the confirm step with the outbox's and the decisions' code loaded (they come after the first screen). */
async function toConfirmStep(page: Page, endpoint: string, locale = 'en'): Promise<void> {
  const token = siteToken({ sub: `cus_${crypto.randomUUID()}`, plan: 'pro', periodEnd: '2099-12-31' });
  const deliveryLoaded = page.waitForResponse((response) => /\/chunks\/delivery-[\w-]+\.js$/.test(response.url()), {
    timeout: 60_000,
  });
  await page.goto(
    `/pages/rich.html?endpoint=${encodeURIComponent(endpoint)}&token=${encodeURIComponent(token)}&locale=${locale}`,
  );
  await loaderReady(page);
  await page.locator('#link').click();
  // Language-independent: the survey's last choice is "Continue to cancel".
  await page.locator('cancelflow-modal .dialog > .actions .choice').last().click();
  await expect(page.locator('cancelflow-modal .terms')).toBeVisible();
  await deliveryLoaded;
}

const cancelButton = (page: Page) => page.locator('cancelflow-modal .dialog > .actions .choice').first();
const line = (page: Page) => page.locator('cancelflow-modal p.slow[role="status"]');

async function servers(
  baseURL: string | undefined,
): Promise<[ReferenceServer, Awaited<ReturnType<typeof cancelGate>>]> {
  const server = await referenceServer(new URL(baseURL ?? '').origin, join(here, 'pages/flow-rich.json'));
  return [server, await cancelGate(server.url)];
}

test('a cancel the server is slow to answer: the line says it is still being made, and goes with the receipt', async ({
  page,
  baseURL,
}) => {
  const [server, gate] = await servers(baseURL);
  try {
    await toConfirmStep(page, gate.url);
    await cancelButton(page).click();
    await expect.poll(() => gate.held()).toBe(1);
    await expect(line(page)).toHaveText('Still working on it. This can take a few more seconds.');
    await expect(cancelButton(page)).toHaveAttribute('aria-busy', 'true');
    // A busy dialog may hold its live regions' news back from a screen reader: not while the line speaks.
    await expect(dialog(page)).not.toHaveAttribute('aria-busy', 'true');

    gate.release();
    await expect(dialog(page, 'Your subscription is cancelled')).toBeVisible();
    await expect(line(page)).toHaveCount(0);
  } finally {
    await gate.close();
    await server.close();
  }
});

test('offline as the subscriber confirms: the line says it waits for the connection; back online, the receipt', async ({
  page,
  context,
  baseURL,
}) => {
  const [server, gate] = await servers(baseURL);
  gate.release(); // the server answers at once: only the connection is missing
  try {
    await toConfirmStep(page, gate.url);
    await context.setOffline(true);
    await cancelButton(page).click();
    await expect(line(page)).toHaveText('Waiting for your internet connection to come back…');
    await context.setOffline(false);
    await expect(dialog(page, 'Your subscription is cancelled')).toBeVisible();
    await expect(line(page)).toHaveCount(0);
    expect(server.outcome(server.sessionIds()[0] ?? '').status).toBe('cancelled');
  } finally {
    await context.setOffline(false);
    await gate.close();
    await server.close();
  }
});

for (const locale of ['en', 'ar']) {
  test(`${locale}, at 400 % zoom (320 × 256 CSS px): while the line speaks, every control Tab reaches is scrolled into view above it, none behind it`, async ({
    page,
    baseURL,
  }) => {
    await page.setViewportSize({ width: 320, height: 256 }); // a 1280 × 1024 window at 400 %
    const [server, gate] = await servers(baseURL);
    try {
      await toConfirmStep(page, gate.url, locale);
      await cancelButton(page).click();
      await expect.poll(() => gate.held()).toBe(1);
      await expect(line(page)).not.toBeEmpty();
      await expect(page.locator('cancelflow-modal [role="dialog"]')).toHaveAttribute('lang', locale);
      // Twice around the dialog: its last stops are the support links, under the line as the sheet scrolls.
      for (let i = 0; i < 16; i++) {
        await page.keyboard.press('Tab');
        const seen = await page.evaluate(() => {
          const root = document.querySelector('cancelflow-modal')?.shadowRoot;
          const focused = root?.activeElement?.getBoundingClientRect();
          const slow = root?.querySelector('.slow')?.getBoundingClientRect();
          const dialog = root?.querySelector('.dialog')?.getBoundingClientRect();
          return { focused: focused?.toJSON(), slow: slow?.toJSON(), dialog: dialog?.toJSON() };
        });
        const what = `stop ${i + 1}: ${JSON.stringify(seen)}`;
        expect(seen.focused, what).toBeDefined();
        expect(seen.focused.top, what).toBeGreaterThanOrEqual(seen.dialog.top - 0.5);
        expect(seen.focused.bottom, what).toBeLessThanOrEqual(seen.slow.top + 0.5);
      }
    } finally {
      gate.release();
      await gate.close();
      await server.close();
    }
  });
}

// Screenshots of the line for review (desktop, 390 px, dark, Arabic): `UX_SHOTS=<folder>`.
test('screenshots of the line', async ({ page, baseURL }) => {
  const dir = process.env.UX_SHOTS;
  test.skip(!dir, 'screenshots only with UX_SHOTS=<folder>');
  mkdirSync(dir as string, { recursive: true });
  const variants = [
    { name: 'desktop', width: 1280, height: 800, scheme: 'light', locale: 'en' },
    { name: 'mobile-390', width: 390, height: 844, scheme: 'light', locale: 'en' },
    { name: 'mobile-390-short', width: 390, height: 560, scheme: 'light', locale: 'en' },
    { name: 'dark', width: 1280, height: 800, scheme: 'dark', locale: 'en' },
    { name: 'ar', width: 1280, height: 800, scheme: 'light', locale: 'ar' },
  ] as const;
  for (const variant of variants) {
    const [server, gate] = await servers(baseURL);
    try {
      await page.setViewportSize({ width: variant.width, height: variant.height });
      await page.emulateMedia({ colorScheme: variant.scheme });
      await toConfirmStep(page, gate.url, variant.locale);
      await cancelButton(page).click();
      await expect(line(page)).not.toHaveText('');
      await page.screenshot({ path: join(dir as string, `slow-${variant.name}.png`) });
      gate.release();
      await expect(line(page)).toHaveCount(0);
    } finally {
      await gate.close();
      await server.close();
    }
  }
});
