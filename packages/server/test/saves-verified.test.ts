import { utcDay } from '@cancelflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldRollup } from '../src/db/rollup.ts';
import { openDatabase } from '../src/index.ts';
import { SAVE_ROLLUP } from '../src/saves/schema.ts';
import { signatureHeader } from '../src/webhooks/sign.ts';
import { BACKENDS } from './backends.ts';
import { ADMIN_KEY, type Reply, SECRETS, send, startTestServer, type TestServer, token } from './helpers.ts';
import { Receiver } from './receiver.ts';

const DAY = 86_400_000;
const HOOKED = 'https://hooked.example';

/**
 * Saves verified against billing (docs/billing.md): a save is retained only if the subscriber still
 * pays 30 days later. Billing's word comes from the `webhook` site's signed status callback and from
 * the demo plugin's own ledger; the server's clock is moved forward to the due day.
 */
describe.each(BACKENDS)('saves verified (%s)', (backend) => {
  let t: TestServer;
  const billing = new Receiver();
  let clock = Date.now();
  const at = (days: number) => new Date(start + days * DAY).toISOString();
  const start = clock;

  beforeAll(async () => {
    await billing.up();
    t = await startTestServer({ backend, billingUrl: billing.url, now: () => new Date(clock) });
  });
  afterAll(async () => {
    await t?.close();
    await billing.down();
  });

  /** A session on `site` whose subscriber accepts `offerId` for `reasonId`. */
  async function save(site: 'acme' | 'hooked', claims: Record<string, unknown>, reasonId: string, offerId: string) {
    const headers: Record<string, string> = site === 'hooked' ? { origin: HOOKED } : {};
    const jwt = await token(claims, { site, at: new Date(clock) });
    const started = await t.call('POST', '/v1/sessions', { token: jwt, locale: { browser: ['en'] } }, headers);
    expect(started.status).toBe(201);
    const { sessionId, sessionKey } = started.body;
    const choice = offerId === 'pause' ? { months: 1 } : undefined;
    const accepted = await t.call(
      'POST',
      `/v1/sessions/${sessionId}/accept`,
      { sessionKey, offerId, reasonId, ...(choice && { choice }) },
      headers,
    );
    expect(accepted.status, accepted.text).toBe(200);
    return { sessionId: sessionId as string, claims, headers };
  }

  /** The site's status callback, signed with its secret (or sent with `auth`). */
  function status(body: Record<string, unknown>, auth: Record<string, string> | 'sign' = 'sign'): Promise<Reply> {
    const raw = JSON.stringify(body);
    const headers =
      auth === 'sign'
        ? { 'cancelflow-signature': signatureHeader(SECRETS.hooked, raw, Math.floor(clock / 1000)) }
        : auth;
    return send(`${t.url}/v1/billing/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: raw,
    });
  }
  const insights = async (report: string, query = '') =>
    (await t.admin('GET', `/v1/admin/insights/${report}?${query}`)).body;

  it('counts a save retained only while the subscriber still pays on its due day', async () => {
    // Four saves on the webhook site, one on the demo site.
    await save(
      'hooked',
      { sub: 'cus_lost', sid: 'sub_lost', mrr: 49, currency: 'USD' },
      'too_expensive',
      'discount_30',
    );
    await save(
      'hooked',
      { sub: 'cus_back', sid: 'sub_back', mrr: 20, currency: 'EUR' },
      'too_expensive',
      'discount_30',
    );
    await save('hooked', { sub: 'cus_quiet', mrr: 9, currency: 'USD' }, 'too_expensive', 'discount_30');
    await save('hooked', { sub: 'cus_late', sid: 'sub_late', mrr: 100, currency: 'USD' }, 'not_using', 'pause');
    const demo = await save(
      'acme',
      { sub: 'cus_demo', sid: 'sub_demo', mrr: 30, currency: 'USD' },
      'too_expensive',
      'discount_30',
    );

    let summary = await insights('summary');
    expect(summary).toMatchObject({
      saved: 5,
      retained: 0,
      lost: 0,
      pending: 5,
      retainedRate: null,
      retainedAfterDays: 30,
    });

    clock = start + 5 * DAY;
    // cus_lost cancels in billing on day 3.
    const cancelled = {
      id: 'chg_1',
      siteId: 'hooked',
      subscriber: { sub: 'cus_lost', sid: 'sub_lost' },
      status: 'cancelled',
      at: at(3),
    };
    expect((await status(cancelled)).body).toEqual({ received: true, outcome: 'applied', saves: 1 });
    // A retry of the same change changes nothing, even with another body.
    expect((await status({ ...cancelled, status: 'active' })).body).toEqual({ received: true, outcome: 'duplicate' });
    // cus_back's payment failed on day 2 and was paid on day 4; the site's calls arrive in the other order.
    const back = { siteId: 'hooked', subscriber: { sub: 'cus_back', sid: 'sub_back' } };
    expect((await status({ ...back, id: 'chg_3', status: 'active', at: at(4) })).body.saves).toBe(1);
    expect((await status({ ...back, id: 'chg_2', status: 'past_due', at: at(2) })).body.saves).toBe(0);
    // cus_quiet's token had no sid: its sub names the subscription. Paused on day 1, active on day 2.
    expect(
      (await status({ id: 'chg_4', siteId: 'hooked', subscriber: { sub: 'cus_quiet' }, status: 'paused', at: at(1) }))
        .status,
    ).toBe(200);
    // cus_late paused for a month (its save): paused is not a loss before the pause ends.
    const late = { siteId: 'hooked', subscriber: { sub: 'cus_late', sid: 'sub_late' } };
    expect((await status({ ...late, id: 'chg_5', status: 'paused', at: at(1) })).body.saves).toBe(1);
    // The demo subscriber cancels in a second session on day 5: the demo ledger tells its save.
    const again = await t.call('POST', '/v1/sessions', {
      token: await token(demo.claims, { at: new Date(clock) }),
      locale: { browser: ['en'] },
    });
    const cancel = await t.call('POST', `/v1/sessions/${again.body.sessionId}/cancel`, {
      sessionKey: again.body.sessionKey,
    });
    expect(cancel.status, cancel.text).toBe(200);

    summary = await insights('summary');
    expect(summary).toMatchObject({ saved: 5, retained: 0, lost: 0, pending: 5 });

    // Day 31: the discount saves are due; the pause save (resumes on day ~30) is due 30 days after it.
    clock = start + 31 * DAY;
    expect(
      (await status({ id: 'chg_6', siteId: 'hooked', subscriber: { sub: 'cus_quiet' }, status: 'active', at: at(2) }))
        .body.saves,
    ).toBe(1);
    // A cancel after the due day does not undo a retained save.
    expect((await status({ ...back, id: 'chg_7', status: 'cancelled', at: at(30.5) })).body.saves).toBe(0);
    summary = await insights('summary');
    expect(summary).toMatchObject({ saved: 5, retained: 2, lost: 2, pending: 1, retainedRate: 0.5 });
    // Per currency, never added up: cus_back (EUR 20) and cus_quiet (USD 9).
    expect(summary.mrrRetained).toEqual({ EUR: 20, USD: 9 });

    const { offers } = await insights('offers');
    const byId = Object.fromEntries(offers.map((o: { offerId: string }) => [o.offerId, o]));
    expect(byId.discount_30).toMatchObject({
      accepted: 4,
      retained: 2,
      lost: 2,
      pending: 0,
      mrrRetained: { EUR: 20, USD: 9 },
    });
    expect(byId.pause).toMatchObject({ accepted: 1, retained: 0, lost: 0, pending: 1, mrrRetained: {} });

    const { days } = await insights('trends', 'by=day');
    const today = days.find((d: { day: string }) => d.day === utcDay(new Date(start)));
    expect(today).toMatchObject({ saved: 5, retained: 2, lost: 2, pending: 1 });

    // Day 70: the pause save is due; it was paused only within its pause, and then paid.
    clock = start + 70 * DAY;
    summary = await insights('summary', 'siteId=hooked');
    expect(summary).toMatchObject({ saved: 4, retained: 3, lost: 1, pending: 0, retainedRate: 0.75 });
    expect(summary.mrrRetained).toEqual({ EUR: 20, USD: 109 });

    const csv = await t.admin('GET', '/v1/admin/insights/summary?format=csv');
    expect(csv.text.split('\n')[0]).toContain('retained,lost,pending,retainedRate,mrrRetained');
  });

  it('counts from the rollup what counting every save gives, before and after the deltas are folded', async () => {
    const db = await openDatabase(t.dbFile);
    try {
      const today = utcDay(new Date(clock));
      const rows = await db.kysely.selectFrom('saves').selectAll().execute();
      const due = rows.filter((r) => r.due_day <= today);
      const direct = {
        saved: rows.length,
        retained: due.filter((r) => r.paying === 1).length,
        lost: due.filter((r) => r.paying === 0).length,
        pending: rows.length - due.length,
      };
      const pick = ({ retained, lost, pending, saved }: Record<string, number>) => ({ retained, lost, pending, saved });
      expect(pick(await insights('summary'))).toEqual(direct);
      // The server folds every few seconds too; either way no delta is left after this.
      await foldRollup(db.kysely, db.kind, SAVE_ROLLUP);
      const pending = await db.kysely
        .selectFrom('save_rollup_delta')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      expect(Number(pending?.n)).toBe(0);
      expect(pick(await insights('summary'))).toEqual(direct);
    } finally {
      await db.close();
    }
  });

  it('erasing a subscriber deletes their saves and status changes, and the insights no longer count them', async () => {
    const before = await insights('summary', 'siteId=hooked');
    const erased = await t.admin('DELETE', '/v1/admin/subscribers/cus_back');
    expect(erased.body.deleted).toMatchObject({ saves: 1, billing_status_changes: 3 });
    const after = await insights('summary', 'siteId=hooked');
    expect(after).toMatchObject({ saved: before.saved - 1, retained: before.retained - 1, lost: before.lost });
    expect(after.mrrRetained).toEqual({ USD: 109 });
    const left = (await t.admin('GET', '/v1/admin/subscribers/cus_back/export')).body;
    expect([left.saves, left.billingStatusChanges]).toEqual([[], []]);
  });

  it('refuses a status callback that is not signed with the site secret, and names a bad field', async () => {
    const body = {
      id: 'chg_x',
      siteId: 'hooked',
      subscriber: { sub: 'cus_x' },
      status: 'cancelled',
      at: new Date(clock).toISOString(),
    };
    const raw = JSON.stringify(body);
    const wrong = signatureHeader(SECRETS.acme, raw, Math.floor(clock / 1000));
    expect((await status(body, { 'cancelflow-signature': wrong })).status).toBe(401);
    const old = signatureHeader(SECRETS.hooked, raw, Math.floor(clock / 1000) - 600);
    expect((await status(body, { 'cancelflow-signature': old })).status).toBe(401);
    expect((await status(body, {})).status).toBe(401);
    expect((await status(body, { authorization: 'Bearer not-the-key' })).status).toBe(401);
    expect((await status(body, { authorization: `Bearer ${ADMIN_KEY}` })).body.outcome).toBe('applied');

    const bad = await status({ ...body, id: 'chg_y', status: 'gone' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/^status must be one of active, paused/);
    const future = await status({ ...body, id: 'chg_z', at: new Date(clock + DAY).toISOString() });
    expect(future.body.error.message).toBe('at is in the future');
    expect(
      (await status({ ...body, id: 'chg_w', siteId: 'nosuch' }, { authorization: `Bearer ${ADMIN_KEY}` })).status,
    ).toBe(404);
    const audit = await t.admin('GET', '/v1/admin/subscribers/cus_x/export');
    expect(audit.body.billingStatusChanges).toHaveLength(1);
  });
});
