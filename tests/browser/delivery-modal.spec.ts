/**
 * Loss-free delivery through the real modal: the built loader and UI (`data-endpoint`, `data-token`)
 * against the real reference server (packages/server, SQLite file) on loopback, driven by clicks.
 * (a) The server goes down after the session starts: the subscriber answers (with a written
 *     follow-up), declines the offer by continuing to cancel, and leaves; the next page load's
 *     loader sends every event, exactly once.
 * (b) A confirmed cancel lets the link navigate at once: every event of the session still arrives.
 * (c) The outbox's code fails to load the first time: the next event tries again, and every event of
 *     the session arrives, with one warning.
 * (d) The modal opened and closed several times on one page: leaving hands each waiting event to the
 *     browser once, not once per open.
 */
import { join } from 'node:path';
import { eventsTap } from './events-tap.ts';
import { expect, type Page, test } from './fixtures.ts';
import { cancelflowWarnings } from './flow.ts';
import { type ReferenceServer, referenceServer, siteToken } from './reference-server.ts';

const here = new URL('.', import.meta.url).pathname;

/** A new subscriber each time, as the site's server signs them. */
const token = () =>
  siteToken({ sub: `cus_${crypto.randomUUID()}`, plan: 'pro', price: 29, currency: 'USD', periodEnd: '2099-12-31' });

type Server = ReferenceServer;

async function openSite(page: Page, server: Server, jwt: string): Promise<void> {
  await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(jwt)}`);
  await page.waitForFunction(
    () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
  );
  await page.evaluate(() => {
    document.addEventListener('cancelflow:close', (event) => {
      sessionStorage.setItem('cf-close', JSON.stringify((event as CustomEvent).detail));
    });
  });
}

/** The events waiting in this origin's outbox (localStorage), as the delivery code stores them. */
function outbox(page: Page): Promise<{ id: string; type: string }[]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('cancelflow:e:'))
      .map((key) => JSON.parse(localStorage.getItem(key) ?? '[]')[0] as { id: string; type: string })
      .map(({ id, type }) => ({ id, type })),
  );
}

const originOf = (baseURL: string | undefined) => new URL(baseURL ?? 'http://127.0.0.1:4310').origin;

test('(a) the server goes down mid-flow: the next page load delivers every event of the modal exactly once', async ({
  context,
  baseURL,
}) => {
  const server = await referenceServer(originOf(baseURL), join(here, 'pages/flow-rich.json'));
  try {
    const page = await context.newPage();
    await openSite(page, server, token());
    await page.locator('#link').click();
    const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
    await expect(survey).toBeVisible();
    // The first screen may be drawn before the session is stored (from the page's preview): wait for it.
    await expect.poll(() => server.sessionIds().length, { timeout: 20_000 }).toBe(1);
    await server.stop(); // the session exists; from here on nothing reaches the server

    await survey.locator('input[value="technical"]').check();
    await survey.getByRole('textbox', { name: 'What went wrong?' }).fill('Exports time out');
    await survey.getByRole('button', { name: 'Continue', exact: true }).click();
    const offer = page.getByRole('dialog', { name: 'Before you go' });
    await expect(offer.getByRole('heading', { name: 'Talk to us' })).toBeVisible();
    await offer.getByRole('button', { name: 'Continue to cancel' }).click();
    await expect(page.getByRole('dialog', { name: 'Confirm cancellation' })).toBeVisible();
    await page.keyboard.press('Escape'); // leaves without cancelling
    await expect(page.locator('cancelflow-modal')).toHaveCount(0);

    const { sessionId, status } = await page.evaluate(() => JSON.parse(sessionStorage.getItem('cf-close') ?? '{}'));
    expect(status).toBe('abandoned');
    // Give the outbox its chance to try (and fail) before the tab goes away.
    await expect.poll(async () => (await outbox(page)).map((e) => e.type)).toContain('session_abandoned');
    const waiting = await outbox(page);
    expect(waiting.map((e) => e.type)).toEqual(
      expect.arrayContaining(['reason_selected', 'offer_shown', 'offer_declined', 'feedback_submitted']),
    );
    const before = server.events(sessionId).map((e) => e.id);
    await page.close(); // the tab is closed while the server is still down
    expect(server.events(sessionId).map((e) => e.id)).toEqual(before);

    await server.start(); // back, same port, same database
    const next = await context.newPage(); // the next visit: the loader finds the outbox at idle
    await openSite(next, server, token());
    await expect.poll(() => outbox(next)).toEqual([]);
    const stored = server.events(sessionId);
    expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length); // nothing twice
    expect(stored.map((e) => e.id)).toEqual(expect.arrayContaining(waiting.map((e) => e.id))); // nothing lost
    expect(stored.map((e) => e.type)).toEqual(
      expect.arrayContaining(['reason_selected', 'offer_declined', 'feedback_submitted', 'session_abandoned']),
    );
    await expect(next.locator('cancelflow-modal')).toHaveCount(0); // resuming shows nothing
  } finally {
    await server.close();
  }
});

test('(b) a confirmed cancel navigates at once: every event of the session reaches the server once', async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(originOf(baseURL), join(here, 'pages/flow-rich.json'));
  try {
    await openSite(page, server, token());
    await page.locator('#link').click();
    const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
    await survey.locator('input[value="missing_features"]').check();
    await survey.getByRole('button', { name: 'Continue to cancel' }).click();
    const confirm = page.getByRole('dialog', { name: 'Confirm cancellation' });
    await confirm.getByRole('button', { name: 'Cancel subscription' }).click();
    const done = page.getByRole('dialog', { name: 'Your subscription is cancelled' });
    await expect(done.getByText(/^Reference: /)).toBeVisible();
    await done.getByRole('button', { name: 'Done' }).click();
    await page.waitForURL('**/account/cancelled?via=rich'); // the page with the widget is gone

    // The close event (kept in sessionStorage across the navigation) carries the session id.
    const { sessionId: id } = await page.evaluate(() => JSON.parse(sessionStorage.getItem('cf-close') ?? '{}'));
    expect(id).toBeTruthy();
    await expect
      .poll(() => server.events(id).map((e) => e.type))
      .toEqual(expect.arrayContaining(['reason_selected', 'cancel_confirmed', 'session_completed']));
    const stored = server.events(id);
    expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
  } finally {
    await server.close();
  }
});

test("(c) the outbox's code fails to load at first: the next answer tries again, and every event arrives once", async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(originOf(baseURL), join(here, 'pages/flow-rich.json'));
  try {
    const warnings = cancelflowWarnings(page);
    let asked = 0;
    await page.route('**/chunks/delivery-*.js', (route) =>
      ++asked === 1 ? route.abort('connectionfailed') : route.continue(),
    );
    await openSite(page, server, token());
    await page.locator('#link').click();
    const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
    await expect(survey).toBeVisible();
    await expect.poll(() => warnings).toHaveLength(1); // the first load failed
    expect(warnings[0]).toContain('delivery did not load');

    await survey.locator('input[value="missing_features"]').check(); // the next event
    await expect.poll(() => asked).toBe(2);
    await page.keyboard.press('Escape');
    await expect(page.locator('cancelflow-modal')).toHaveCount(0);
    const { sessionId } = await page.evaluate(() => JSON.parse(sessionStorage.getItem('cf-close') ?? '{}'));
    expect(sessionId).toBeTruthy();
    await expect
      .poll(() => server.events(sessionId).map((e) => e.type))
      .toEqual(expect.arrayContaining(['session_started', 'step_viewed', 'reason_selected', 'session_abandoned']));
    const stored = server.events(sessionId);
    expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
    expect(warnings).toHaveLength(1);
  } finally {
    await server.close();
  }
});

test('(d) opened three times on one page, then left while events wait: they leave in one request, not one per open', async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(originOf(baseURL), join(here, 'pages/flow-rich.json'));
  const tap = await eventsTap(server.url);
  try {
    await openSite(page, { ...server, url: tap.url }, token());
    const openAndClose = async () => {
      await page.locator('#link').click();
      await expect(page.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.locator('cancelflow-modal')).toHaveCount(0);
      return (await page.evaluate(() => JSON.parse(sessionStorage.getItem('cf-close') ?? '{}'))).sessionId as string;
    };
    for (const _ of [1, 2]) {
      const id = await openAndClose();
      await expect.poll(() => server.events(id).map((e) => e.type)).toContain('session_abandoned');
    }
    await expect.poll(() => outbox(page)).toEqual([]);

    tap.hold(true); // from now on events are taken and never answered: they wait in the outbox
    await openAndClose();
    await expect.poll(async () => (await outbox(page)).map((e) => e.type)).toContain('session_abandoned');
    const waiting = (await outbox(page)).map((e) => e.id).sort();
    expect(tap.beacons).toEqual([]); // nothing left the page yet: the tries so far went as fetches

    await page.goto('/account/cancelled?via=test'); // the page goes away: its pagehide hands the outbox over
    // A beacon that carries them all has arrived; one per open would have sent three at the same moment.
    await expect
      .poll(() => tap.beacons.some((ids) => waiting.every((id) => ids.includes(id))), { timeout: 20_000 })
      .toBe(true);
    await page.goto('/account/cancelled?via=settled'); // one more round trip for any later copy to arrive
    expect(tap.beacons).toHaveLength(1);
  } finally {
    await tap.close();
    await server.close();
  }
});
