import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { ADMIN_KEY, send, type TestServer } from './helpers.ts';
import { MailCatcher } from './mail-catcher.ts';
import { cancel, linkIn, pressButton, startWinbackServer } from './mail-sites.ts';
import { until } from './receiver.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setUp = (backend: (typeof BACKENDS)[number], sequence?: object) =>
  startWinbackServer(cleanups, backend, sequence);

const mailOf = async (t: TestServer, sub: string) =>
  (await t.admin('GET', `/v1/admin/subscribers/${sub}/export`)).body.mail as {
    kind: string;
    sent_at: string | null;
    stop_reason: string | null;
  }[];

const claimsOf = async (t: TestServer, sub: string) =>
  (await t.admin('GET', `/v1/admin/subscribers/${sub}/export`)).body.sessions[0].claims as { email?: string };

const stopped = async (t: TestServer, sub: string, kind: string) =>
  (await mailOf(t, sub)).find((m) => m.kind === kind)?.stop_reason ?? undefined;

describe.each(BACKENDS)('the win-back sequence (%s)', (backend) => {
  it('sends each step once when its day comes, with its offer and a reactivate link that works', async () => {
    const { catcher, t, clock } = await setUp(backend);
    await cancel(t, { sub: 'wb_1', email: 'wb1@example.com' });
    await until(() => catcher.accepted.length === 1, 10_000, 'the confirmation');
    expect(catcher.accepted[0]?.subject).toBe('Your cancellation is confirmed');

    clock.advanceDays(7);
    await until(() => catcher.accepted.length === 2, 10_000, 'the first win-back');
    const first = catcher.accepted[1];
    if (!first) throw new Error('unreachable');
    expect(first.subject).toBe("We'd love to have you back");
    expect(first.text).toContain('Come back now and get: 30% off for 3 months');
    expect(MailCatcher.header(first, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(first.html).toContain(`href="${linkIn(first.text, '/v1/mail/reactivate')}"`);

    clock.advanceDays(23);
    await until(() => catcher.accepted.length === 3, 10_000, 'the second win-back');
    expect(catcher.accepted[2]?.subject).toBe('Still thinking about it?');
    expect(catcher.accepted[2]?.text).not.toContain('Come back now and get');

    clock.advanceDays(400);
    await t.server.close(); // the sender has stopped: nothing else can arrive
    expect(catcher.accepted.map((m) => m.subject)).toEqual([
      'Your cancellation is confirmed',
      "We'd love to have you back",
      'Still thinking about it?',
    ]);
    expect(new Set(catcher.accepted.map((m) => m.messageId)).size).toBe(3);
  });

  it('stops once the subscriber comes back through the link, and billing applies the offer', async () => {
    const { catcher, t, clock } = await setUp(backend);
    await cancel(t, { sub: 'wb_back', email: 'back@example.com' });
    // Sent before the week passes, so that accepted[1] below is the win-back step.
    await until(() => catcher.accepted.length === 1, 10_000, 'the confirmation');
    clock.advanceDays(7);
    await until(() => catcher.accepted.length === 2, 10_000, 'the first win-back');
    const link = linkIn(catcher.accepted[1]?.text ?? '', '/v1/mail/reactivate');
    const page = await send(link, {});
    expect(page.text).toContain('<form method="post">'); // opening it changes nothing yet
    const pressed = await pressButton(link);
    expect(pressed.status).toBe(200);
    expect(pressed.text).toContain('Welcome back!');
    const ledger = (await t.admin('GET', '/v1/admin/subscribers/wb_back/export')).body.subscriptions[0];
    expect(ledger).toMatchObject({ status: 'active', cancel_at: null });
    expect(ledger.discount.coupon).toBe('STAY30');

    clock.advanceDays(30);
    await until(async () => (await stopped(t, 'wb_back', 'winback_2')) === 'came_back', 10_000, 'the stop');
    expect(catcher.accepted).toHaveLength(2);
  });

  it('stops once billing reports the subscription active again, resumed outside the mail (account page, billing portal)', async () => {
    const { catcher, t, clock } = await setUp(backend);
    await cancel(t, { sub: 'wb_portal', sid: 'sub_portal', email: 'portal@example.com' });
    await cancel(t, { sub: 'wb_gone', sid: 'sub_gone', email: 'gone@example.com' });
    await until(() => catcher.accepted.length === 2, 10_000, 'both confirmations');
    // Two days later the site's billing reports (POST /v1/billing/status): one subscriber resumed the
    // subscription in the site's own account page; the other's ended as planned.
    clock.advanceDays(2);
    const report = async (id: string, sub: string, sid: string, status: string) => {
      const body = JSON.stringify({
        id,
        siteId: 'acme',
        subscriber: { sub, sid },
        status,
        at: clock.now().toISOString(),
      });
      const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
      const reply = await send(`${t.url}/v1/billing/status`, { method: 'POST', headers, body });
      expect(reply.status, reply.text).toBe(200);
    };
    await report('chg_portal', 'wb_portal', 'sub_portal', 'active');
    await report('chg_gone', 'wb_gone', 'sub_gone', 'cancelled');

    clock.advanceDays(5);
    await until(async () => (await stopped(t, 'wb_portal', 'winback_1')) === 'came_back', 10_000, 'the stop');
    await until(() => catcher.accepted.length === 3, 10_000, "the other subscriber's win-back");
    expect(catcher.accepted.map((m) => [m.to, m.subject])).toContainEqual([
      'gone@example.com',
      "We'd love to have you back",
    ]);
    expect(catcher.accepted.filter((m) => m.to === 'portal@example.com')).toHaveLength(1);
  });

  it('stops after an unsubscribe, and is not sent for a reason it is not for', async () => {
    const { catcher, t, clock } = await setUp(backend);
    await cancel(t, { sub: 'wb_unsub', email: 'unsub@example.com' });
    await cancel(t, { sub: 'wb_other', email: 'other@example.com' }, 'en', 'missing');
    await until(() => catcher.accepted.length === 2, 10_000, 'both confirmations');
    const confirmation = catcher.accepted.find((m) => m.to === 'unsub@example.com');
    if (!confirmation) throw new Error('no confirmation for unsub@example.com');
    const url = (MailCatcher.header(confirmation, 'List-Unsubscribe') ?? '').slice(1, -1);
    const unsubscribed = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);

    clock.advanceDays(31);
    await until(async () => (await stopped(t, 'wb_unsub', 'winback_2')) === 'unsubscribed', 10_000, 'the stop');
    await until(async () => (await stopped(t, 'wb_other', 'winback_2')) === 'reason', 10_000, 'the other stop');
    expect(await stopped(t, 'wb_unsub', 'winback_1')).toBe('unsubscribed');
    expect(await stopped(t, 'wb_other', 'winback_1')).toBe('reason');
    expect(catcher.accepted).toHaveLength(2);
  });

  it("retention deletes finished messages after the flow's retentionDays, and keeps a step still due", async () => {
    // The test flow keeps personal data 30 days; this step is due after 60.
    const { catcher, t, clock } = await setUp(backend, { steps: [{ afterDays: 60 }] });
    await cancel(t, { sub: 'wb_kept', email: 'kept@example.com' });
    await until(() => catcher.accepted.length === 1, 10_000, 'the confirmation');
    clock.advanceDays(31);
    const run = await t.admin('POST', '/v1/admin/retention/run');
    expect(run.body.mailDeleted).toBe(1);
    expect((await mailOf(t, 'wb_kept')).map((m) => [m.kind, m.sent_at])).toEqual([['winback_1', null]]);
    // Building the step reads the session's claims: they are kept in full while it is due.
    expect(run.body.claimsMinimized).toBe(0);
    expect((await claimsOf(t, 'wb_kept')).email).toBe('kept@example.com');
    clock.advanceDays(30);
    await until(() => catcher.accepted.length === 2, 10_000, 'the step, on its day');
    expect(catcher.accepted[1]?.subject).toBe("We'd love to have you back");
    // Once it is sent, the address goes from the claims too.
    await until(async () => (await mailOf(t, 'wb_kept'))[0]?.sent_at != null, 10_000, 'the step marked sent');
    expect((await t.admin('POST', '/v1/admin/retention/run')).body.claimsMinimized).toBe(1);
    expect((await claimsOf(t, 'wb_kept')).email).toBeUndefined();
  });

  it("names the step's offer also to a subscriber whose session showed other offers (targeting, holdouts)", async () => {
    // The test flow's targeting gives VIPs a talk instead of the discount during the cancel.
    const { catcher, t, clock } = await setUp(backend);
    await cancel(t, { sub: 'wb_vip', plan: 'vip', email: 'vip@example.com' });
    await until(() => catcher.accepted.length === 1, 10_000, 'the confirmation');
    clock.advanceDays(7);
    await until(() => catcher.accepted.length === 2, 10_000, 'the first win-back');
    expect(catcher.accepted[1]?.text).toContain('Come back now and get: 30% off for 3 months');
  });
});
