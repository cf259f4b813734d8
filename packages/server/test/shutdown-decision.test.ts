import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { send, tempDir, token, writeSites } from './helpers.ts';
import { killServers, spawnServer } from './process.ts';
import { until } from './receiver.ts';
import { SlowBilling } from './slow-billing.ts';

afterEach(killServers);

const headers = { 'content-type': 'application/json', origin: 'https://hooked.example' };

/**
 * SIGTERM (a deploy, `docker stop`) while billing is still working on a subscriber's cancel: the
 * server stops taking requests but finishes the decision in flight — billing's answer is recorded
 * and the subscriber gets the receipt — before it closes the database and exits 0. A retry after the
 * restart (the widget's, same key) gets the same receipt; billing was told once.
 */
describe('SIGTERM during a decision', () => {
  it('finishes the cancel billing is working on, answers it, then exits 0', async () => {
    const dir = tempDir();
    const billing = new SlowBilling();
    await billing.up();
    billing.delayMs = () => 0;
    let release = () => {};
    billing.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      const env = {
        CANCELFLOW_DB: `${dir.path}/cf.sqlite`,
        CANCELFLOW_SITES: writeSites(dir.path, { billingUrl: billing.url }),
      };
      const first = await spawnServer(env);
      const started = await send(`${first.url}/v1/sessions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ token: await token({ sub: 'cus_term' }, { site: 'hooked' }), locale: {} }),
      });
      const { sessionId, sessionKey } = started.body as { sessionId: string; sessionKey: string };
      const cancel = (url: string) =>
        send(`${url}/v1/sessions/${sessionId}/cancel`, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': 'cancel-term' },
          body: JSON.stringify({ sessionKey }),
        });
      const answer = cancel(first.url);
      await until(() => billing.callsFor(sessionId).length === 1, 30_000, 'the billing call');

      const exited = first.stop();
      await until(() => first.stdout().includes('"msg":"shutting down"'), 30_000, 'the shutdown to begin');
      // Billing answers only now, while the server is stopping.
      release();
      const receipt = await answer;
      expect(receipt.status, receipt.text).toBe(200);
      expect(receipt.body.sessionId).toBe(sessionId);
      expect(await exited).toBe(0);

      const db = new SQLite(`${dir.path}/cf.sqlite`, { readonly: true });
      try {
        expect(db.prepare('select status from sessions where id = ?').get(sessionId)).toEqual({ status: 'cancelled' });
        expect(db.prepare('select state from session_decisions where session_id = ?').all(sessionId)).toEqual([
          { state: 'applied' },
        ]);
      } finally {
        db.close();
      }

      const second = await spawnServer(env);
      const retry = await cancel(second.url);
      expect(retry.status, retry.text).toBe(200);
      expect(retry.body.id).toBe(receipt.body.id);
      expect(billing.callsFor(sessionId)).toHaveLength(1);
      expect(await second.stop()).toBe(0);
    } finally {
      killServers();
      await billing.down();
      dir.remove();
    }
  }, 120_000);
});
