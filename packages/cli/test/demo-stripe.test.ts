import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBanner } from '../src/commands/demo.ts';
import { demoToken, runDemo } from './demo-run.ts';

let demo: Awaited<ReturnType<typeof runDemo>>;

beforeAll(async () => {
  demo = await runDemo({ billing: 'stripe-sim' });
}, 60_000);
afterAll(() => demo?.remove());

interface Exported {
  subscriptions: { status: string; billing_event_at: string | null; plan: string | null }[];
  billingStatusChanges: { status: string; source: string }[];
}
const exported = async (sub: string): Promise<Exported> =>
  (await fetch(`${demo.serverUrl}/v1/admin/subscribers/${sub}/export`, {
    headers: { authorization: `Bearer ${demo.adminKey}` },
  }).then((r) => r.json())) as Exported;

/** Polls the subscriber's export until `check` holds: Stripe's webhooks arrive after the call returns. */
async function eventually(sub: string, check: (e: Exported) => boolean): Promise<Exported> {
  const deadline = Date.now() + 30_000;
  let last = await exported(sub);
  while (!check(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await exported(sub);
  }
  return last;
}

async function session(sub: string) {
  const token = await demoToken(demo, sub);
  const origin = new URL(demo.pageUrl).origin;
  const post = (path: string, body: unknown) =>
    fetch(`${demo.serverUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(body),
    });
  const started = (await (await post('/v1/sessions', { token, locale: { browser: ['en'] } })).json()) as {
    sessionId: string;
    sessionKey: string;
  };
  return { ...started, post };
}

describe('pnpm demo --billing stripe-sim', () => {
  it('runs the stripe plugin against the simulated Stripe, whose webhooks keep the ledger and verify the save', async () => {
    expect(demoBanner(demo)).toMatch(
      /Billing +the stripe plugin against a simulated Stripe at http:\/\/127\.0\.0\.1:\d+\n/,
    );
    // Seeded in the simulated account and sent to the server as Stripe events before any session.
    const seeded = await eventually('cus_dana', (e) => e.subscriptions[0]?.billing_event_at != null);
    expect(seeded.subscriptions[0]).toMatchObject({ status: 'active', plan: 'pro' });

    const first = await session('cus_dana');
    const accepted = await first.post(`/v1/sessions/${first.sessionId}/accept`, {
      sessionKey: first.sessionKey,
      offerId: 'discount_30',
      reasonId: 'too_expensive',
    });
    expect(accepted.status, await accepted.clone().text()).toBe(200);

    const second = await session('cus_dana');
    const cancelled = await second.post(`/v1/sessions/${second.sessionId}/cancel`, { sessionKey: second.sessionKey });
    expect(cancelled.status).toBe(200);
    const after = await eventually('cus_dana', (e) => e.subscriptions[0]?.status === 'cancelling');
    expect(after.subscriptions[0]?.status).toBe('cancelling');
    // The save is told by Stripe's event: it no longer counts as paying.
    expect(after.billingStatusChanges.filter((c) => c.source === 'stripe').map((c) => c.status)).toContain(
      'cancelling',
    );
    const summary = await fetch(`${demo.serverUrl}/v1/admin/insights/summary`, {
      headers: { authorization: `Bearer ${demo.adminKey}` },
    }).then((r) => r.json());
    expect(summary).toMatchObject({ saved: 1, pending: 1 });
    const saves = (await exported('cus_dana')) as unknown as { saves: { paying: number }[] };
    expect(saves.saves).toEqual([expect.objectContaining({ paying: 0 })]);

    // The account page's reset puts the Stripe subscription back to active.
    await fetch(`${demo.pageUrl}reset?as=cus_dana`, { method: 'POST', redirect: 'manual' });
    const reset = await eventually('cus_dana', (e) => e.subscriptions[0]?.status === 'active');
    expect(reset.subscriptions[0]?.status).toBe('active');
  }, 90_000);
});
