import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, TEST_PG } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { event, type Reply, send, tempDir, token, WEBHOOK_SECRET } from './helpers.ts';
import { killServers, NET_ORIGIN as ORIGIN, type ServerProcess, spawnServer, writeProcessSites } from './process.ts';
import { Receiver, until } from './receiver.ts';
import { type BillingCall, SlowBilling } from './slow-billing.ts';

/**
 * One subscriber's decisions sent ten times at once, spread over three server processes on one
 * Postgres, while the site's billing endpoint takes 1–3 s and fails each decision's first call (a 500,
 * or a reset connection: either way its outcome is unknown, and the request is retried as the widget
 * does). Whatever mix of keys and processes: billing applies each decision under one key, the database
 * stores it once, one mail and one of each webhook go out, and every answer agrees with the records.
 */
describe.runIf(TEST_PG)('decisions ten times at once over three processes, with a slow and failing billing', () => {
  const temp = tempDir();
  const billing = new SlowBilling();
  const hooks = new Receiver();
  let servers: ServerProcess[] = [];
  let database: { url: string; drop(): Promise<void> };
  let client: pg.Client;
  /** Every billing answer: the call's key and the status (0: the connection was reset). */
  const answered: { key: string; type: string; status: number }[] = [];

  beforeAll(async () => {
    billing.delayMs = () => 1000 + Math.random() * 2000;
    let n = 0;
    const tries = new Map<string, number>();
    billing.answer = (call: BillingCall) => {
      n += 1;
      const tried = (tries.get(call.idempotencyKey) ?? 0) + 1;
      tries.set(call.idempotencyKey, tried);
      // A fixed pattern, not chance: each decision's first call fails, alternately with a 500 and a reset.
      const status = tried === 1 ? (n % 2 === 0 ? 500 : 0) : 200;
      answered.push({ key: call.idempotencyKey, type: call.type, status });
      return { status, type: 'application/json', body: '{}' };
    };
    await Promise.all([billing.up(), hooks.up()]);
    const sites = writeProcessSites(temp.path, mainFlow, billing.url, {
      mail: { type: 'outbox' },
      webhooks: { url: hooks.url, secret: WEBHOOK_SECRET },
    });
    database = await createPgDatabase();
    const env = { CANCELFLOW_DB: database.url, CANCELFLOW_SITES: sites, CANCELFLOW_WEBHOOK_POLL_MS: '50' };
    servers = [await spawnServer(env)];
    servers.push(...(await Promise.all([spawnServer(env), spawnServer(env)])));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    killServers();
    await client?.end();
    await database?.drop();
    await Promise.all([billing.down(), hooks.down()]);
    temp.remove();
  });

  const post = (n: number, path: string, body: unknown, key?: string): Promise<Reply> =>
    send(`${servers[n % servers.length]?.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });

  /**
   * As the widget does: a 409 with Retry-After is polled, and a 502 that asks to retry the same
   * request is retried (the subscriber clicks again), until a final answer.
   */
  async function settled(n: number, path: string, body: unknown, key?: string): Promise<Reply> {
    for (let i = 0; ; i++) {
      const reply = await post(n + i, path, body, key);
      const again =
        (reply.status === 409 && reply.headers.get('retry-after')) ||
        (reply.status === 502 && /retry the same request/.test(reply.body?.error?.message ?? ''));
      if (!again || i > 600) return reply;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  let count = 0;
  async function start(sub = `cus_f${++count}`) {
    const reply = await post(0, '/v1/sessions', {
      token: await token({ sub, sid: `sub_${sub}`, email: `${sub}@example.com` }),
      locale: {},
    });
    expect(reply.status, reply.text).toBe(201);
    const { sessionId, sessionKey } = reply.body as { sessionId: string; sessionKey: string };
    const reason = event(sessionId, 'reason_selected', { stepId: 'why', reasonId: 'too_expensive' });
    expect((await post(1, '/v1/events', { events: [reason], keys: { [sessionId]: sessionKey } })).status).toBe(200);
    return { sub, sessionId, sessionKey };
  }

  async function stored(sessionId: string) {
    const q = async (text: string) => (await client.query(text, [sessionId])).rows;
    await until(
      async () =>
        (await q("select 1 from webhook_outbox where delivered_at is null and body like '%' || $1 || '%'")).length ===
        0,
      60_000,
      'the outbox to drain',
    );
    return {
      session: (await q('select status, offer_id from sessions where id = $1'))[0],
      accepted: await q('select offer_id, stage from offers_accepted where session_id = $1'),
      cancellations: await q('select id from cancellations where session_id = $1'),
      mail: (await q('select kind from mail_outbox where session_id = $1 order by kind')).map((r) => r.kind),
      webhooks: hooks.received
        .filter((d) => d.body.includes(sessionId))
        .map((d) => (JSON.parse(d.body) as { type: string }).type)
        .sort(),
    };
  }

  /** What billing applied for a session: each decision's key that got a 200 at least once. */
  const applied = (sessionId: string) =>
    [...new Set(answered.filter((a) => a.key.includes(sessionId) && a.status === 200).map((a) => a.key))].sort();

  it('an accept sent ten times at once, with the widget key and with others', async () => {
    const s = await start();
    const path = `/v1/sessions/${s.sessionId}/accept`;
    const body = { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' };
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => settled(i, path, body, i < 5 ? `${s.sessionId}:accept` : `other-${i}`)),
    );
    const state = await stored(s.sessionId);
    expect(applied(s.sessionId)).toEqual([`accept:${s.sessionId}`]);
    expect(state.accepted).toHaveLength(1);
    for (const r of replies) {
      if (r.status === 200) expect(r.body.offerId).toBe('discount_30');
      else expect(r.body.error.accepted?.offerId, r.text).toBe('discount_30');
    }
    expect(state.mail).toEqual(['saved']);
    expect(state.webhooks).toEqual(['offer.accepted', 'session.completed']);
  }, 180_000);

  it('a cancel sent ten times at once, with the widget key and with others', async () => {
    const s = await start();
    const path = `/v1/sessions/${s.sessionId}/cancel`;
    const body = { sessionKey: s.sessionKey };
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => settled(i, path, body, i < 5 ? `${s.sessionId}:cancel` : `other-${i}`)),
    );
    const state = await stored(s.sessionId);
    expect(applied(s.sessionId)).toEqual([`cancel:${s.sessionId}`]);
    expect(state.cancellations).toHaveLength(1);
    for (const r of replies) expect(r.status, r.text).toBe(200);
    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
    expect(state.mail).toEqual(['cancellation']);
    expect(state.webhooks).toEqual(['session.completed', 'subscription.cancelled']);
  }, 180_000);

  /**
   * A pause accepted in one tab (the even requests) and a cancel in another (the odd ones): the cancel
   * is never refused; the pause was applied by billing if and only if it is recorded (after a cancel
   * that came first it is refused before billing, after a save the cancel undoes it), and each tab's
   * answers say the same as the records.
   */
  function agree(accepts: Reply[], cancels: Reply[], saving: Awaited<ReturnType<typeof stored>>, sessionId: string) {
    for (const r of cancels) expect(r.status, r.text).toBe(200);
    expect(new Set(cancels.map((r) => r.body.id)).size).toBe(1);
    const paused = applied(sessionId).includes(`accept:${sessionId}`);
    expect(saving.accepted.map((a) => a.offer_id)).toEqual(paused ? ['pause'] : []);
    for (const r of accepts) {
      if (paused) expect(r.body, r.text).toMatchObject({ offerId: 'pause', applied: true });
      else expect(r.body.error?.code, r.text).toBe('conflict');
    }
  }

  it('a pause in one tab and a cancel in another, five times each at once', async () => {
    const s = await start();
    const accept = { sessionKey: s.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } };
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? settled(i, `/v1/sessions/${s.sessionId}/accept`, accept, `${s.sessionId}:accept`)
          : settled(i, `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey }, `${s.sessionId}:cancel`),
      ),
    );
    const state = await stored(s.sessionId);
    agree(
      replies.filter((_, i) => i % 2 === 0),
      replies.filter((_, i) => i % 2 === 1),
      state,
      s.sessionId,
    );
    expect(state.session.status).toBe('cancelled');
    expect(state.cancellations).toHaveLength(1);
    expect(applied(s.sessionId)).toContain(`cancel:${s.sessionId}`);
    // One confirmation; a "saved" email queued before the cancel is stopped when it is due (mail.test.ts).
    expect(state.mail.filter((kind) => kind === 'cancellation')).toHaveLength(1);
    expect(state.mail.filter((kind) => kind === 'saved').length).toBeLessThanOrEqual(1);
  }, 180_000);

  it('two sessions of one subscriber: a pause in one, a cancel in the other, five times each at once', async () => {
    const a = await start('cus_twotabs');
    const b = await start('cus_twotabs');
    const accept = { sessionKey: a.sessionKey, offerId: 'pause', reasonId: 'not_using', choice: { months: 1 } };
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? settled(i, `/v1/sessions/${a.sessionId}/accept`, accept, `${a.sessionId}:accept`)
          : settled(i, `/v1/sessions/${b.sessionId}/cancel`, { sessionKey: b.sessionKey }, `${b.sessionId}:cancel`),
      ),
    );
    const [saving, cancelling] = [await stored(a.sessionId), await stored(b.sessionId)];
    agree(
      replies.filter((_, i) => i % 2 === 0),
      replies.filter((_, i) => i % 2 === 1),
      saving,
      a.sessionId,
    );
    expect(cancelling.cancellations).toHaveLength(1);
    expect(applied(b.sessionId)).toEqual([`cancel:${b.sessionId}`]);
    expect(cancelling.mail).toEqual(['cancellation']);
    expect(cancelling.webhooks).toEqual(['session.completed', 'subscription.cancelled']);
  }, 180_000);
});
