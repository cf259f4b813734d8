import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripeClient } from '../../packages/server/src/billing/stripe/client.ts';
import { STRIPE_KEY, StripeServer } from '../../packages/server/src/billing/stripe/simulator/server.ts';
import { expect, test } from './fixtures.ts';
import { dialog, offerFirst } from './flow.ts';
import { referenceServer, siteToken } from './reference-server.ts';

/**
 * What the modal tells a subscriber when Stripe holds something else than the flow expects: the real
 * widget in Chromium, the reference server with the `stripe` plugin (the official SDK), and the
 * simulated Stripe on loopback, changed behind the flow's back as the Dashboard would.
 */
test('cancelled in the Stripe Dashboard while the modal is open: the offer is not said to be applied, and the cancel still ends with its receipt', async ({
  page,
  baseURL,
}) => {
  test.slow();
  const stripe = new StripeServer();
  await stripe.up();
  stripe.addCoupon('STAY25', { percent_off: 25 });
  const id = `sub_${crypto.randomUUID().replaceAll('-', '')}`;
  stripe.addSubscription({ id, paid: { amount: 2900, on: new Date().toISOString().slice(0, 10) } });
  const folder = mkdtempSync(join(tmpdir(), 'cancelflow-stripe-truth-'));
  writeFileSync(join(folder, 'flow.json'), JSON.stringify(offerFirst));
  const billing = {
    type: 'stripe' as const,
    secretKey: STRIPE_KEY,
    webhookSecret: 'whsec_browser_tests',
    prices: {},
    apiBase: stripe.url,
  };
  const server = await referenceServer(
    new URL(baseURL ?? 'http://127.0.0.1:4310').origin,
    join(folder, 'flow.json'),
    billing,
  );
  try {
    const customer = stripe.subscriptionObject(id).customer as string;
    const token = siteToken({ sub: customer, sid: id });
    await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`);
    await page.locator('#link').click();
    const offer = dialog(page, 'Before you go');
    await expect(offer.getByRole('button', { name: 'Accept discount' })).toBeVisible();

    // Meanwhile, in the Dashboard: "cancel at the end of the period".
    const dashboard = stripeClient(billing);
    await dashboard.subscriptions.update(id, { cancel_at_period_end: true });

    await offer.getByRole('button', { name: 'Accept discount' }).click();
    await expect(offer.getByRole('alert')).toHaveText(
      "We couldn't confirm that this offer was applied. Try again, or continue to cancel.",
    );
    // Nothing of the offer in Stripe, and the modal did not thank them for staying.
    expect(stripe.subscriptionObject(id).discounts).toEqual([]);
    expect(stripe.mutationsFor(`accept:`).filter((m) => m.path.endsWith(id))).toEqual([]);
    await expect(page.getByText(/Thank you for staying|Your change has been applied/)).toHaveCount(0);

    await offer.getByRole('button', { name: 'Continue to cancel' }).click();
    await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
    await expect(dialog(page, 'Your subscription is cancelled')).toBeVisible();
    const sessionId = server.sessionIds().at(-1) as string;
    expect(server.outcome(sessionId)).toEqual({ status: 'cancelled', offers: [] });
    expect(stripe.subscriptionObject(id)).toMatchObject({ status: 'active', cancel_at_period_end: true });
  } finally {
    await server.close();
    await stripe.down();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('ended now in the Stripe Dashboard while the modal is open: the receipt says access ended today, not on the period end', async ({
  page,
  baseURL,
}) => {
  test.slow();
  const stripe = new StripeServer();
  await stripe.up();
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const long = (iso: string) =>
    new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  const id = `sub_${crypto.randomUUID().replaceAll('-', '')}`;
  stripe.addSubscription({ id, periodEnd: day(20), paid: { amount: 2900, on: day(-10) } });
  const folder = mkdtempSync(join(tmpdir(), 'cancelflow-stripe-truth-'));
  writeFileSync(join(folder, 'flow.json'), JSON.stringify(offerFirst));
  const billing = {
    type: 'stripe' as const,
    secretKey: STRIPE_KEY,
    webhookSecret: 'whsec_browser_tests',
    prices: {},
    apiBase: stripe.url,
  };
  const server = await referenceServer(
    new URL(baseURL ?? 'http://127.0.0.1:4310').origin,
    join(folder, 'flow.json'),
    billing,
  );
  try {
    const customer = stripe.subscriptionObject(id).customer as string;
    const token = siteToken({ sub: customer, sid: id });
    await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`);
    await page.locator('#link').click();
    const offer = dialog(page, 'Before you go');
    await expect(offer.getByRole('button', { name: 'Continue to cancel' })).toBeVisible();

    // Meanwhile, in the Dashboard: "cancel immediately".
    await stripeClient(billing).subscriptions.cancel(id);

    await offer.getByRole('button', { name: 'Continue to cancel' }).click();
    await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
    const done = dialog(page, 'Your subscription is cancelled');
    await expect(done.getByText(`Access ends on ${long(day(0))}`)).toBeVisible();
    await expect(done.getByText(long(day(20)))).toHaveCount(0);
  } finally {
    await server.close();
    await stripe.down();
    rmSync(folder, { recursive: true, force: true });
  }
});
