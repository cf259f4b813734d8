import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, TEST_PG } from './backends.ts';
import { event, ORIGIN, type Reply, send, tempDir, token, writeSites } from './helpers.ts';
import { killServers, type ServerProcess, spawnServer } from './process.ts';
import { Receiver, until } from './receiver.ts';

/**
 * Two `cancelflow serve` processes on one Postgres, as behind a load balancer: they migrate the same
 * empty database at once, share rate limits, each webhook goes out once though both run senders, and
 * events sent to either (and re-sent to the other) are stored exactly once.
 */
describe.runIf(TEST_PG)('two server processes on one Postgres', () => {
  const temp = tempDir();
  const hooks = new Receiver();
  let servers: ServerProcess[] = [];
  let database: { url: string; drop(): Promise<void> };
  let client: pg.Client;

  beforeAll(async () => {
    await hooks.up();
    database = await createPgDatabase();
    const sitesFile = writeSites(temp.path, { webhookUrl: hooks.url });
    const env = {
      CANCELFLOW_DB: database.url,
      CANCELFLOW_SITES: sitesFile,
      CANCELFLOW_TRUST_PROXY: '1',
      CANCELFLOW_RATE_LIMIT_IP: '50/0.01',
      CANCELFLOW_WEBHOOK_POLL_MS: '50',
    };
    // Both start on the empty database at the same moment: one migrates, the other waits for it.
    servers = await Promise.all([spawnServer(env), spawnServer(env)]);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    killServers();
    await client?.end();
    await database?.drop();
    await hooks.down();
    temp.remove();
  });

  /** A request from client `ip` (behind the trusted proxy) to server `n`. */
  const post = (n: number, ip: string, path: string, body: unknown): Promise<Reply> =>
    send(`${servers[n % 2]?.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    });

  it('migrated once: both run on one schema', async () => {
    const applied = await client.query('select name from kysely_migration order by name');
    expect(applied.rows.length).toBeGreaterThan(5);
    expect(new Set(applied.rows.map((r) => r.name)).size).toBe(applied.rows.length);
  });

  it('shares the per-address rate limit: 100 requests from one address over both get 50 through', async () => {
    const replies: Reply[] = [];
    for (let i = 0; i < 100; i++) replies.push(await post(i, '10.9.9.9', '/v1/events', { events: [], keys: {} }));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(replies.find((r) => r.status === 429)?.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('stores 10,000 events sent over both, a tenth of them twice, exactly once each, with no 5xx', async () => {
    const sessions = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const reply = await post(i, `10.1.${i}.1`, '/v1/sessions', {
          token: await token({ sub: `scale_${i}` }),
          locale: {},
        });
        expect(reply.status).toBe(201);
        return reply.body as { sessionId: string; sessionKey: string };
      }),
    );
    const batches = Array.from({ length: 200 }, (_, b) => {
      const s = sessions[b % sessions.length] as { sessionId: string; sessionKey: string };
      const events = Array.from({ length: 50 }, (_, i) =>
        event(s.sessionId, 'step_viewed', { stepId: `s${i}`, stepType: 'survey' }, `scale_${b}_${i}`),
      );
      return { ip: `10.2.${b % 20}.${Math.floor(b / 20)}`, body: { events, keys: { [s.sessionId]: s.sessionKey } } };
    });
    // Eight clients at a time, alternating servers; every tenth batch is sent again to the other one.
    const statuses: number[] = [];
    for (let i = 0; i < batches.length; i += 8) {
      const wave = batches.slice(i, i + 8).flatMap((batch, j) => {
        const n = i + j;
        const sends = [post(n, batch.ip, '/v1/events', batch.body)];
        if (n % 10 === 0) sends.push(post(n + 1, `${batch.ip}9`, '/v1/events', batch.body));
        return sends;
      });
      for (const reply of await Promise.all(wave)) statuses.push(reply.status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const stored = await client.query(
      "select count(*)::int as n, count(distinct id)::int as ids from events where id like 'scale\\_%'",
    );
    expect(stored.rows[0]).toEqual({ n: 10_000, ids: 10_000 });
  }, 180_000);

  it('delivers each webhook once, with both processes sending', async () => {
    const sessions = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const reply = await post(i, `10.3.${i}.1`, '/v1/sessions', {
          token: await token({ sub: `hook_${i}` }),
          locale: {},
        });
        return { n: i, ...(reply.body as { sessionId: string; sessionKey: string }) };
      }),
    );
    const cancels = await Promise.all(
      sessions.map((s) =>
        post(s.n, `10.3.${s.n}.2`, `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey }),
      ),
    );
    expect(cancels.map((r) => r.status)).toEqual(cancels.map(() => 200));
    const ids = sessions.map((s) => s.sessionId);
    const expected = 2 * ids.length; // subscription.cancelled and session.completed for each
    const mine = () => hooks.received.filter((d) => ids.some((id) => d.body.includes(id)));
    await until(() => mine().length >= expected, 30_000, 'webhooks');
    await until(
      async () => {
        const pending = await client.query('select count(*)::int as n from webhook_outbox where delivered_at is null');
        return pending.rows[0].n === 0;
      },
      30_000,
      'the outbox to drain',
    );
    const deliveries = mine().map((d) => String(d.headers['cancelflow-delivery']));
    expect(deliveries).toHaveLength(expected);
    expect(new Set(deliveries).size).toBe(expected);
  }, 120_000);
});
