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
