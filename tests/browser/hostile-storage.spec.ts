/**
 * The outbox in a hostile localStorage, in real Chromium against the real reference server: entries
 * under cancelflow:e: that no widget wrote as they are (another version's, a tampered one) must not keep
 * the subscriber's own events from arriving.
 */
import { join } from 'node:path';
import { bundleLibrary, openPage, originOf, repo, startSession } from './delivery-page.ts';
import { expect, test } from './fixtures.ts';
import { referenceServer } from './reference-server.ts';

let library: string;
test.beforeAll(async () => {
  library = await bundleLibrary();
});

test('outbox entries the server cannot name (an id that is a number, one of 200 characters) are dropped, and the flow’s events arrive', async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(originOf(baseURL), join(repo, 'examples/flows/saas.json'));
  try {
    await openPage(page, server.url, library);
    const sessionId = await startSession(page);
    const sent = await page.evaluate(async () => {
      // Older than anything this page writes, so the outbox sends them first, in the same batch.
      const hostile = [
        [{ id: 123, sessionId: 'ses_x', type: 'step_viewed' }, 'key'],
        [{ id: 'x'.repeat(200), sessionId: 'ses_x', type: 'step_viewed' }, 'key'],
      ];
      hostile.forEach((value, i) => {
        const json = JSON.stringify(value);
        localStorage.setItem(`cancelflow:e:${1 + i}:${json.length}:h${i}`, json);
      });
      const { session, adapter, delivery } = window;
      const effects = window.cancelflowDelivery.adapterEffects(adapter, session, delivery);
      const id = crypto.randomUUID();
      effects.emit({
        id,
        sessionId: session.sessionId,
        at: new Date().toISOString(),
        type: 'step_viewed',
        payload: { stepId: 'why', stepType: 'survey' },
      });
      await delivery.flush();
      return id;
    });
    await expect.poll(() => page.evaluate(() => window.delivery.pending())).toBe(0);
    expect(server.events(sessionId).map((event) => event.id)).toEqual([sent]);
  } finally {
    await server.close();
  }
});

test('two tabs of the site with events waiting in their shared outbox: each event is sent to the server once', async ({
  context,
  baseURL,
}) => {
  const server = await referenceServer(originOf(baseURL), join(repo, 'examples/flows/saas.json'));
  try {
    // Every event id each POST /v1/events that reached the server carried, from either tab.
    const sent: string[] = [];
    await context.route('**/v1/events', async (route) => {
      const response = await route.fetch().catch(() => undefined);
      if (!response) return route.abort('connectionrefused');
      const body = JSON.parse(route.request().postData() ?? '{}') as { events?: { id: string }[] };
      sent.push(...(body.events ?? []).map((event) => event.id));
      return route.fulfill({ response });
    });
    const [one, two] = [await context.newPage(), await context.newPage()];
    await openPage(one, server.url, library);
    await openPage(two, server.url, library);
    const sessionId = await startSession(one);
    await server.stop();
    // Tab one records six events while the server is down; they wait in localStorage, which tab two shares.
    const ids = await one.evaluate(async () => {
      const { session, adapter, delivery } = window;
      const effects = window.cancelflowDelivery.adapterEffects(adapter, session, delivery);
      const made: string[] = [];
      for (let i = 0; i < 6; i++) {
        const id = crypto.randomUUID();
        made.push(id);
        effects.emit({
          id,
          sessionId: session.sessionId,
          at: new Date().toISOString(),
          type: 'step_viewed',
          payload: { stepId: 'why', stepType: 'survey' },
        });
      }
      await delivery.flush();
      return made;
    });
    expect(await two.evaluate(() => window.delivery.pending())).toBe(6);
    await server.start();
    // Both tabs try at once; the tab lock lets one send, and the other finds the outbox empty after it.
    await Promise.all([one, two].map((tab) => tab.evaluate(() => window.delivery.flush())));
    await expect
      .poll(() => Promise.all([one, two].map((tab) => tab.evaluate(() => window.delivery.pending()))))
      .toEqual([0, 0]);
    expect(
      server
        .events(sessionId)
        .map((event) => event.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(sent.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  } finally {
    await server.close();
  }
});

test('events waiting for one endpoint are left for it by a page of another endpoint on the same site', async ({
  page,
  baseURL,
}) => {
  const [a, b] = [
    await referenceServer(originOf(baseURL), join(repo, 'examples/flows/saas.json')),
    await referenceServer(originOf(baseURL), join(repo, 'examples/flows/saas.json')),
  ];
  try {
    await openPage(page, a.url, library);
    const sessionId = await startSession(page);
    await a.stop();
    const id = await page.evaluate(async () => {
      const { session, adapter, delivery } = window;
      const effects = window.cancelflowDelivery.adapterEffects(adapter, session, delivery);
      const eventId = crypto.randomUUID();
      const payload = { stepId: 'why', stepType: 'survey' };
      effects.emit({
        id: eventId,
        sessionId: session.sessionId,
        at: new Date().toISOString(),
        type: 'step_viewed',
        payload,
      });
      await delivery.flush();
      return eventId;
    });
    // A page of the site's other cancelflow server (another product, a move to a new server) loads first:
    // B does not know A's session and would reject its event for good.
    await openPage(page, b.url, library);
    await page.evaluate(() => window.delivery.flush());
    await a.start();
    await openPage(page, a.url, library);
    await expect.poll(() => a.events(sessionId).map((event) => event.id)).toEqual([id]);
  } finally {
    await a.close();
    await b.close();
  }
});
