/**
 * Server mode draws the first screen from a preview (docs/widget.md): fetched once the page is idle
 * and stored nowhere, it lets a click show the first step at once under a session id the widget
 * chose, while `POST /v1/sessions` stores the session under that id. Against the real reference
 * server on loopback; the session's answer is held back on purpose (a slow peer), released by the
 * test once it has seen what the subscriber sees meanwhile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from '@playwright/test';
import { expect, type Page, test } from './fixtures.ts';
import { type ReferenceServer, referenceServer, siteToken } from './reference-server.ts';

const here = new URL('.', import.meta.url).pathname;
const flowFile = join(here, 'pages/flow-rich.json');
const token = () =>
  siteToken({ sub: `cus_${crypto.randomUUID()}`, plan: 'pro', price: 29, currency: 'USD', periodEnd: '2099-12-31' });
const originOf = (baseURL: string | undefined) => new URL(baseURL ?? 'http://127.0.0.1:4310').origin;

const accountPage = (server: ReferenceServer) =>
  `/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token())}`;

/** Opens the account page against `server` and waits for its preview to arrive (the page is then prepared). */
async function openPrepared(page: Page, server: ReferenceServer): Promise<void> {
  const preview = page.waitForResponse((r) => r.url().endsWith('/v1/preview'), { timeout: 30_000 });
  await page.goto(accountPage(server));
  expect((await preview).status()).toBe(200);
  await page.evaluate(() => {
    document.addEventListener('cancelflow:close', (event) => {
      sessionStorage.setItem('cf-close', JSON.stringify((event as CustomEvent).detail));
    });
  });
}

/** A reference server for one test, closed after it. */
async function withServer(baseURL: string | undefined, run: (server: ReferenceServer) => Promise<void>) {
  const server = await referenceServer(originOf(baseURL), flowFile);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

/**
 * Holds every request to `url` until `release()`, then passes it on to the server (or `answer`s it
 * otherwise); `bodies` are what the widget sent.
 */
async function hold(page: Page, url: string, answer = (route: Route) => route.continue()) {
  const bodies: { sessionId?: string }[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(url, async (route) => {
    bodies.push(JSON.parse(route.request().postData() ?? '{}'));
    await released;
    await answer(route);
  });
  return { bodies, release };
}
const holdSessions = (page: Page, answer?: (route: Route) => Promise<void>) => hold(page, '**/v1/sessions', answer);

/** Opens the account page with its preview asked and held back (`release()` lets it through). */
async function openWithPreviewHeld(page: Page, server: ReferenceServer) {
  const preview = await hold(page, '**/v1/preview');
  const asked = page.waitForRequest('**/v1/preview', { timeout: 30_000 });
  await page.goto(accountPage(server));
  await asked;
  return preview;
}

/** Opens the prepared account page with its session start refused, and clicks the link: the preview draws the survey. */
async function openWithSessionRefused(page: Page, server: ReferenceServer) {
  await openPrepared(page, server);
  const held = await holdSessions(page, (route) => route.abort('connectionrefused'));
  await page.locator('#link').click();
  return held;
}

/** From the survey: "too expensive", and the discount it offers taken; returns the offer's dialog. */
async function takeDiscount(page: Page) {
  const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
  await survey.locator('input[value="too_expensive"]').check();
  await survey.getByRole('button', { name: 'Continue', exact: true }).click();
  const offer = page.getByRole('dialog', { name: 'Before you go' });
  await offer.getByRole('button', { name: 'Accept discount' }).click();
  return offer;
}

const closed = (page: Page) =>
  page.evaluate(
    () => JSON.parse(sessionStorage.getItem('cf-close') ?? 'null') as { sessionId: string; status: string },
  );

test('the first screen waits for no answer; the session is stored under the id the modal used, with its events once', async ({
  page,
  baseURL,
}) => {
  await withServer(baseURL, async (server) => {
    await openPrepared(page, server);
    expect(server.sessionIds()).toEqual([]); // the preview stored nothing
    const held = await holdSessions(page);
    await page.locator('#link').click();

    // Nothing has answered the session yet, and the subscriber already answers the survey.
    const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
    await expect(survey).toBeVisible();
    await survey.locator('input[value="technical"]').check();
    await survey.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Before you go' })).toBeVisible();
    expect(held.bodies).toHaveLength(1);
    const proposed = held.bodies[0]?.sessionId;
    expect(proposed).toMatch(/^ses_[0-9a-f-]{36}$/);
    expect(server.sessionIds()).toEqual([]);

    held.release();
    await expect.poll(() => server.sessionIds(), { timeout: 20_000 }).toEqual([proposed]);
    await page.keyboard.press('Escape');
    await expect(page.locator('cancelflow-modal')).toHaveCount(0);
    expect(await closed(page)).toMatchObject({ status: 'abandoned', sessionId: proposed });

    const types = () => server.events(proposed ?? '').map((e) => e.type);
    await expect.poll(types, { timeout: 20_000 }).toContain('session_abandoned');
    expect(types().sort()).toEqual(
      [
        'session_started',
        'step_viewed',
        'reason_selected',
        'step_viewed',
        'offer_shown',
        'session_abandoned',
        'session_completed',
      ].sort(),
    );
  });
});

test('a session the server resolves differently starts over from its answer, and only that one is counted', async ({
  page,
  baseURL,
}) => {
  await withServer(baseURL, async (server) => {
    await openPrepared(page, server);
    // Published after the preview: the session will get a survey with another title.
    const flow = JSON.parse(readFileSync(flowFile, 'utf8'));
    flow.version += 1;
    flow.steps = flow.steps.map((step: { type: string }) =>
      step.type === 'survey' ? { ...step, title: { en: 'What made you decide?', ar: 'ما الذي جعلك تقرر؟' } } : step,
    );
    await server.publish(JSON.stringify(flow));
    const held = await holdSessions(page);
    await page.locator('#link').click();

    await expect(page.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
    held.release();
    const fresh = page.getByRole('dialog', { name: 'What made you decide?' });
    await expect(fresh).toBeVisible();
    await expect(fresh.getByRole('heading', { name: 'What made you decide?' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.locator('cancelflow-modal')).toHaveCount(0);

    const { sessionId, status } = await closed(page);
    expect(status).toBe('abandoned');
    expect(server.sessionIds()).toEqual([sessionId]);
    const types = () => server.events(sessionId).map((e) => e.type);
    await expect.poll(types, { timeout: 20_000 }).toContain('session_abandoned');
    expect(types().filter((type) => type === 'session_started')).toHaveLength(1);
  });
});

test('a session that cannot be stored after the first screen is up closes the modal, and the site cancels', async ({
  page,
  baseURL,
}) => {
  await withServer(baseURL, async (server) => {
    const held = await openWithSessionRefused(page, server);
    await expect(page.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
    held.release();
    await page.waitForURL('**/account/cancelled?via=rich', { timeout: 20_000 });
    expect(server.sessionIds()).toEqual([]);
  });
});

test('a subscriber who took an offer while the session could not be stored is not cancelled: the offer shows its error', async ({
  page,
  baseURL,
}) => {
  await withServer(baseURL, async (server) => {
    const held = await openWithSessionRefused(page, server);
    const offer = await takeDiscount(page);
    // The accept waits for the session; the session never comes.
    held.release();
    await expect(offer.getByText("We couldn't confirm that this offer was applied.")).toBeVisible({ timeout: 20_000 });
    expect(page.url()).toContain('/pages/rich.html');
    expect(server.sessionIds()).toEqual([]);
    // Cancelling is still one step away, and then the site's own cancel runs.
    await offer.getByRole('button', { name: 'Continue to cancel' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel subscription' }).click();
    await page.waitForURL('**/account/cancelled?via=rich', { timeout: 20_000 });
  });
});

test('an accept the server applied but whose answers were lost, then "Continue to cancel": the cancel is confirmed, and the records say so', async ({
  page,
  baseURL,
}) => {
  await withServer(baseURL, async (server) => {
    await openPrepared(page, server);
    // Every attempt reaches the server, which applies the offer once; no answer reaches the page.
    let attempts = 0;
    await page.route('**/v1/sessions/*/accept', async (route) => {
      attempts += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.locator('#link').click();
    const offer = await takeDiscount(page);
    await expect(offer.getByText("We couldn't confirm that this offer was applied.")).toBeVisible({ timeout: 60_000 });
    expect(attempts).toBeGreaterThan(0);
    await offer.getByRole('button', { name: 'Continue to cancel' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel subscription' }).click();
    // Confirmed by the server, not failed open: a receipt, and the outcome is "cancelled".
    const done = page.getByRole('dialog', { name: 'Your subscription is cancelled' });
    await expect(done.getByRole('region', { name: 'Cancellation receipt' })).toBeVisible({ timeout: 20_000 });
    await done.getByRole('button', { name: 'Done' }).click();
    await page.waitForURL('**/account/cancelled?via=rich', { timeout: 20_000 });
    const { sessionId, status } = await closed(page);
    expect(status).toBe('cancelled');
    expect(server.outcome(sessionId)).toEqual({ status: 'cancelled', offers: ['discount:cancelled_after'] });
  });
});

test('after a decision the preview is stale: the next intent asks for a fresh one', async ({ page, baseURL }) => {
  await withServer(baseURL, async (server) => {
    await openPrepared(page, server);
    await page.locator('#link').click();
    await takeDiscount(page);
    await expect(page.getByRole('dialog', { name: 'Thank you for staying' })).toBeVisible();
    // The discount taken may have begun a cooldown: the page's preview no longer says what a session
    // gets. Closing returns the focus to the link, which is intent again.
    const fresh = page.waitForRequest('**/v1/preview', { timeout: 10_000 });
    await page.keyboard.press('Escape');
    await expect(page.locator('cancelflow-modal')).toHaveCount(0);
    await fresh;
  });
});

test("the confirm step's terms count from the server's clock, not from a device clock two days ahead", async ({
  page,
  baseURL,
}) => {
  await withServer(baseURL, async (server) => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.addInitScript(() => {
      const Real = Date;
      const ahead = 2 * 86_400_000;
      class Skewed extends Real {
        constructor(...args: ConstructorParameters<DateConstructor> | []) {
          if (args.length === 0) super(Real.now() + ahead);
          else super(...(args as ConstructorParameters<DateConstructor>));
        }
        static override now() {
          return Real.now() + ahead;
        }
      }
      window.Date = Skewed as DateConstructor;
    });
    const subscriber = siteToken({ sub: `cus_${crypto.randomUUID()}`, plan: 'pro', periodEnd: tomorrow });
    await page.goto(
      `/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(subscriber)}`,
    );
    await page.locator('#link').click();
    await page
      .getByRole('dialog', { name: 'Why are you leaving?' })
      .getByRole('button', { name: 'Continue to cancel' })
      .click();
    const confirm = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Cancel subscription' }) });
    const ends = new Date(`${tomorrow}T00:00:00Z`).toLocaleDateString('en', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await expect(confirm.getByText(`Your access ends on ${ends}.`)).toBeVisible();
    await expect(confirm.getByText('Your access ends now.')).toHaveCount(0);
  });
});

test.describe('a subscriber fourteen hours ahead of UTC', () => {
  test.use({ timezoneId: 'Pacific/Kiritimati' });

  test("reads the receipt's time as the server's printable receipt and email give it, in UTC", async ({
    page,
    baseURL,
  }) => {
    await withServer(baseURL, async (server) => {
      await page.goto(accountPage(server));
      await page.locator('#link').click();
      await page
        .getByRole('dialog', { name: 'Why are you leaving?' })
        .getByRole('button', { name: 'Continue to cancel' })
        .click();
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel subscription' }).click();
      await expect(page.getByRole('dialog').getByText(/^Cancelled on .+ UTC$/)).toBeVisible();
    });
  });
});

test('a click while the preview is on its way: the preview draws the first screen if it comes first', async ({
  page,
  baseURL,
}) => {
  await withServer(baseURL, async (server) => {
    const preview = await openWithPreviewHeld(page, server);
    const sessions = await holdSessions(page);
    await page.locator('#link').click();
    await expect.poll(() => sessions.bodies.length, { timeout: 20_000 }).toBe(1); // asked at the click

    preview.release();
    await expect(page.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
    expect(server.sessionIds()).toEqual([]); // the session is still held back
    sessions.release();
    await expect.poll(() => server.sessionIds(), { timeout: 20_000 }).toEqual([sessions.bodies[0]?.sessionId]);
  });
});

test('a click while the preview is on its way: the session draws the first screen if it answers first', async ({
  page,
  baseURL,
}) => {
  await withServer(baseURL, async (server) => {
    const preview = await openWithPreviewHeld(page, server);
    await page.locator('#link').click();
    await expect(page.getByRole('dialog', { name: 'Why are you leaving?' })).toBeVisible();
    expect(server.sessionIds()).toHaveLength(1);
    preview.release();
  });
});

test('a session whose start the server answers too late, while the subscriber takes an offer: the retry asks again, and the offer is taken', async ({
  page,
  baseURL,
}) => {
  await withServer(baseURL, async (server) => {
    await openPrepared(page, server);
    // The first start of the session gets no answer before the first screen's deadline (4 s), and the
    // widget gives up on it; the server never sees it. Later ones go through.
    let starts = 0;
    await page.route('**/v1/sessions', async (route) => {
      starts += 1;
      if (starts === 1) return; // never answered
      await route.continue();
    });
    await page.locator('#link').click();
    await takeDiscount(page);
    // Not failed open (the subscriber chose to stay): the accept, waiting for the session's key, asks
    // the server again under the same id once the first start is given up, and goes through.
    await expect(page.getByRole('dialog', { name: 'Thank you for staying' })).toBeVisible({ timeout: 60_000 });
    expect(page.url()).toContain('/pages/rich.html');
    expect(starts).toBe(2);
    const [sessionId] = server.sessionIds();
    expect(server.outcome(sessionId ?? '')).toEqual({ status: 'saved', offers: ['discount:before_cancel'] });
  });
});
