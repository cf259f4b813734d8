/**
 * Loss-free delivery in real Chromium against the real reference server (packages/server, SQLite file):
 * the widget's http adapter and outbox, bundled from source, on a host page of another origin. The
 * page plays the part of the UI: it starts a session, emits events through adapterEffects, and on
 * every load calls resumeDelivery as the loader does.
 */
import { join } from 'node:path';
import { bundleLibrary, openPage as openWith, originOf, repo, startSession } from './delivery-page.ts';
import { expect, type Page, test } from './fixtures.ts';
import { referenceServer } from './reference-server.ts';

let library: string;
test.beforeAll(async () => {
  library = await bundleLibrary();
});

const openPage = (page: Page, endpoint: string) => openWith(page, endpoint, library);

test('(a) the server is down for the whole flow; on the next page load every event arrives exactly once', async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(originOf(baseURL), join(repo, 'examples/flows/saas.json'));
  try {
    await openPage(page, server.url);
    const sessionId = await startSession(page);
    await server.stop();

    const flow = await page.evaluate(async () => {
      const { session, adapter, delivery } = window;
      const effects = window.cancelflowDelivery.adapterEffects(adapter, session, delivery);
      const ids: string[] = [];
      const emit = (type: string, payload: object) => {
        const id = crypto.randomUUID();
        ids.push(id);
        effects.emit({ id, sessionId: session.sessionId, at: new Date().toISOString(), type, payload });
      };
      emit('step_viewed', { stepId: 'why', stepType: 'survey' });
      emit('reason_selected', { reasonId: 'not_using' });
      emit('offer_shown', { offerId: 'pause', offerType: 'pause' });
      emit('offer_declined', { offerId: 'pause', offerType: 'pause' });
      emit('feedback_submitted', { stepId: 'feedback', text: 'Too busy this quarter' });
      const failure = await effects.confirmCancel({ sessionId: session.sessionId, reasonId: 'not_using' }).then(
        () => 'no failure',
        (error: { code: string }) => error.code,
      );
      await delivery.flush();
      return { ids, failure, pending: delivery.pending() as number };
    });
    expect(flow.failure).toBe('unavailable');
    expect(flow.pending).toBe(flow.ids.length + 1); // and the cancel failure, recorded as action_failed
    expect(server.events(sessionId)).toEqual([]);

    await server.start(); // back, on the same port, with the same database
    await page.reload(); // the next page load
    await expect.poll(() => page.evaluate(() => window.delivery.pending())).toBe(0);
    const stored = server.events(sessionId);
    expect(stored).toHaveLength(flow.ids.length + 1);
    expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
    expect(stored.map((e) => e.id)).toEqual(expect.arrayContaining(flow.ids));
    expect(stored.filter((e) => e.type === 'action_failed')).toHaveLength(1);
  } finally {
    await server.close();
  }
});

test('(b) the subscriber confirms and the page navigates away at once: the confirm event still arrives', async ({
  page,
  baseURL,
}) => {
  const server = await referenceServer(originOf(baseURL), join(repo, 'examples/flows/saas.json'));
  try {
    await openPage(page, server.url);
    const sessionId = await startSession(page);
    const id = crypto.randomUUID();
    await page
      .evaluate((eventId) => {
        const { session, adapter, delivery } = window;
        const effects = window.cancelflowDelivery.adapterEffects(adapter, session, delivery);
        effects.emit({
          id: eventId,
          sessionId: session.sessionId,
          at: new Date().toISOString(),
          type: 'cancel_confirmed',
          payload: { reasonId: 'not_using' },
        });
        location.href = '/account/cancelled?via=delivery'; // the trigger's own action, right away
      }, id)
      .catch(() => {}); // the page may be gone before evaluate returns
    await page.waitForURL('**/account/cancelled?via=delivery');
    // The new page runs no cancelflow code: only what left with the old page (the beacon) can deliver it.
    await expect.poll(() => server.events(sessionId).map((e) => e.id)).toEqual([id]);
  } finally {
    await server.close();
  }
});

test('(c) the tab is closed right after an answer: the answer arrives on the next visit', async ({
  context,
  baseURL,
}) => {
  const server = await referenceServer(originOf(baseURL), join(repo, 'examples/flows/saas.json'));
  try {
    const first = await context.newPage();
    await openPage(first, server.url);
    const sessionId = await startSession(first);
    // The network is gone from the moment of the answer until the tab closes: nothing can leave.
    await context.setOffline(true);
    const id = crypto.randomUUID();
    await first.evaluate((eventId) => {
      const { session, adapter, delivery } = window;
      window.cancelflowDelivery.adapterEffects(adapter, session, delivery).emit({
        id: eventId,
        sessionId: session.sessionId,
        at: new Date().toISOString(),
        type: 'reason_selected',
        payload: { reasonId: 'too_expensive' },
      });
    }, id);
    await first.close();
    expect(server.events(sessionId)).toEqual([]);

    await context.setOffline(false);
    const next = await context.newPage(); // the next visit, same site storage
    await openPage(next, server.url);
    await expect.poll(() => server.events(sessionId).map((e) => e.id)).toEqual([id]);
    await expect.poll(() => next.evaluate(() => window.delivery.pending())).toBe(0);
  } finally {
    await server.close();
  }
});
