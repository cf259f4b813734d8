import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { BACKENDS, type Backend, createPgDatabase } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { ADMIN_KEY, browserPost, send, tempDir, token, WEBHOOK_SECRET } from './helpers.ts';
import { MailCatcher } from './mail-catcher.ts';
import { killServers, NET_ORIGIN as ORIGIN, type ServerProcess, spawnServer, writeProcessSites } from './process.ts';
import { Receiver, until } from './receiver.ts';
import { SlowBilling } from './slow-billing.ts';

afterEach(killServers);

const PAUSE = { offerId: 'pause', reasonId: 'not_using', choice: { months: 2 } };

/** Holds every billing answer until `release()`: a call the test lets go of once it has seen it arrive. */
function hold(billing: SlowBilling): () => void {
  let release = () => {};
  billing.gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    billing.gate = undefined;
    release();
  };
}

/**
 * A server process killed while billing applies an accepted offer (a pause): billing may have paused
 * the subscription, but nothing was recorded. A subscriber who closed the tab never retries; the
 * server must finish the accept itself — the offer recorded, the save counted, `offer.accepted`,
 * `session.completed` and the "saved" mail — once, telling billing the same under the same key.
 * On Postgres two processes look for it at once; on SQLite the restarted one does.
 */
describe.each(BACKENDS)('an accept left unfinished by a SIGKILL (%s)', (backend: Backend) => {
  async function killedMidAccept(
    run: (w: {
      post: ReturnType<typeof browserPost>;
      sessionId: string;
      sessionKey: string;
      billing: SlowBilling;
      mine: () => string[];
      catcher: MailCatcher;
      servers: ServerProcess[];
      dbUrl: string;
      /** Lets billing answer the call held after the restart (with `heldAfterRestart`). */
      releaseHeld: () => void;
    }) => Promise<void>,
    heldAfterRestart: boolean,
  ) {
    const temp = tempDir();
    const billing = new SlowBilling();
    const hooks = new Receiver();
    const catcher = new MailCatcher();
    await Promise.all([billing.up(), hooks.up(), catcher.up()]);
    billing.delayMs = () => 0;
    const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
    try {
      const sitesFile = writeProcessSites(temp.path, mainFlow, billing.url, {
        webhooks: { url: hooks.url, secret: WEBHOOK_SECRET },
        mail: { smtp: catcher.url, from: 'Acme <billing@acme.example>' },
      });
      const dbUrl = pg?.url ?? join(temp.path, 'stranded.sqlite');
      const env = {
        CANCELFLOW_DB: dbUrl,
        CANCELFLOW_SITES: sitesFile,
        // The lease outlasts a try of the server's (billing answers at once, or when the test lets it go):
        // a claim is not renewed while billing is told, so a shorter one lets another process take it
        // over mid-try and tell billing a third time (which its key dedupes, but the count would vary).
        CANCELFLOW_LEASE_MS: '2000',
        CANCELFLOW_WEBHOOK_POLL_MS: '50',
        CANCELFLOW_MAIL_POLL_MS: '50',
      };
      const first = await spawnServer(env);
      const started = await browserPost(() => first.url, ORIGIN)('/v1/sessions', {
        token: await token({ sub: 'stranded', sid: 'sub_stranded', email: 'stranded@example.com' }),
        locale: {},
      });
      expect(started.status).toBe(201);
      const { sessionId, sessionKey } = started.body as { sessionId: string; sessionKey: string };

      // Billing holds the accept; the process dies while it does (billing goes on and applies it).
      const release = hold(billing);
      const dying = browserPost(() => first.url, ORIGIN)(
        `/v1/sessions/${sessionId}/accept`,
        { sessionKey, ...PAUSE },
        'click-1',
      ).catch((error: unknown) => error);
      await until(() => billing.callsFor(sessionId).length === 1, 30_000, 'billing to be told');
      first.child.kill('SIGKILL');
      await dying;
      release();
      const releaseHeld = heldAfterRestart ? hold(billing) : () => {};

      const servers: ServerProcess[] = [await spawnServer(env)];
      if (backend === 'postgres') servers.push(await spawnServer(env));
      const post = browserPost(() => (servers[0] as ServerProcess).url, ORIGIN);
      const mine = () => hooks.received.filter((d) => d.body.includes(sessionId)).map((d) => JSON.parse(d.body).type);
      await run({ post, sessionId, sessionKey, billing, mine, catcher, servers, dbUrl, releaseHeld });
    } finally {
      killServers();
      await pg?.drop();
      await Promise.all([billing.down(), hooks.down(), catcher.down()]);
      temp.remove();
    }
  }

  /** Once the accept is finished: it was applied once, and recorded, counted, announced and mailed once. */
  async function finishedOnce({
    sessionId,
    billing,
    mine,
    catcher,
    servers,
    dbUrl,
  }: {
    sessionId: string;
    billing: SlowBilling;
    mine: () => string[];
    catcher: MailCatcher;
    servers: ServerProcess[];
    dbUrl: string;
  }) {
    await until(() => mine().length >= 2 && catcher.accepted.length >= 1, 60_000, 'the webhooks and the mail');
    const summary = await send(`${(servers[0] as ServerProcess).url}/v1/admin/insights/summary?siteId=acme`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(summary.status).toBe(200);
    expect([summary.body.sessions, summary.body.saved, summary.body.mrrSaved]).toEqual([1, 1, { USD: 49 }]);
    // Stopped (each drains what it has in flight): nothing more can be sent, so the counts are final.
    for (const server of servers) expect(await server.stop()).toBe(0);
    // Billing was told the same accept again, under the same idempotency key: the dead call and one more.
    expect(billing.callsFor(sessionId).map((c) => [c.type, c.idempotencyKey, c.data.choice])).toEqual([
      ['offer.apply', `accept:${sessionId}`, { months: 2 }],
      ['offer.apply', `accept:${sessionId}`, { months: 2 }],
    ]);
    expect(mine().sort()).toEqual(['offer.accepted', 'session.completed']);
    expect(catcher.accepted.map((m) => m.to)).toEqual(['stranded@example.com']);
    const db = await openDatabase(dbUrl);
    try {
      const offers = await db.kysely
        .selectFrom('offers_accepted')
        .select(['offer_id', 'idempotency_key', 'stage'])
        .where('session_id', '=', sessionId)
        .execute();
      expect(offers).toEqual([{ offer_id: 'pause', idempotency_key: 'click-1', stage: 'before_cancel' }]);
      const session = await db.kysely
        .selectFrom('sessions')
        .select(['status', 'reason_id'])
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow();
      expect(session).toEqual({ status: 'saved', reason_id: 'not_using' });
      expect(await db.kysely.selectFrom('saves').select('session_id').execute()).toEqual([{ session_id: sessionId }]);
    } finally {
      await db.close();
    }
  }

  it('is finished by the server without a retry: billing told under the same key, the save recorded and counted once, each webhook and the mail once', async () => {
    await killedMidAccept(async (w) => {
      await until(
        () => w.servers.some((s) => s.stdout().includes('"msg":"finished an unfinished accept"')),
        60_000,
        'the server to finish the accept',
      );
      await finishedOnce(w);
    }, false);
  }, 180_000);

  const finishedLine = (servers: ServerProcess[]) =>
    until(
      () => servers.some((s) => s.stdout().includes('"msg":"finished an unfinished accept"')),
      60_000,
      'the server to finish the accept',
    );

  it("the subscriber's retry after the server finished it gets the offer's answer, not 409 'already accepted'", async () => {
    await killedMidAccept(async (w) => {
      await finishedLine(w.servers);
      const retry = await w.post(
        `/v1/sessions/${w.sessionId}/accept`,
        { sessionKey: w.sessionKey, ...PAUSE },
        'click-1',
      );
      expect([retry.status, retry.body]).toEqual([200, { offerId: 'pause', applied: true }]);
      // Another request (another key) is still told the session took an offer, and which.
      const other = await w.post(
        `/v1/sessions/${w.sessionId}/accept`,
        { sessionKey: w.sessionKey, ...PAUSE },
        'click-2',
      );
      expect([other.status, other.body.error.accepted?.offerId]).toEqual([409, 'pause']);
      await finishedOnce(w);
    }, false);
  }, 180_000);

  it("the subscriber's retry while billing holds the server's own try: billing told once more, the retry gets the answer", async () => {
    await killedMidAccept(async (w) => {
      // Nobody retried yet: the call billing holds now is a process's own try.
      await until(() => w.billing.callsFor(w.sessionId).length === 2, 60_000, 'the server to tell billing again');
      const accept = () =>
        w.post(`/v1/sessions/${w.sessionId}/accept`, { sessionKey: w.sessionKey, ...PAUSE }, 'click-1');
      // Sent while it is held: it joins the try in that process, or meets its claim in another (409).
      let retry = accept();
      w.releaseHeld();
      await until(
        async () => {
          const reply = await retry;
          if (reply.status !== 409) return true;
          expect(reply.body.error.code).toBe('in_progress');
          retry = accept();
          return false;
        },
        60_000,
        'the retry',
      );
      const answer = await retry;
      expect([answer.status, answer.body]).toEqual([200, { offerId: 'pause', applied: true }]);
      await finishedOnce(w);
    }, true);
  }, 180_000);
});
