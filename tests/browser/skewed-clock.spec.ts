/**
 * A subscriber whose device clock is years off the server's, in a time zone far from UTC, against the
 * real reference server: the confirm step and the receipt show the server's truth — the access end
 * day and the refund that the server's today gives — not the device's, and no day shifted; and the
 * events it sent are stored at the server's time, not the device's.
 */
import { join } from 'node:path';
import { originOf } from './delivery-page.ts';
import { expect, test } from './fixtures.ts';
import { dialog } from './flow.ts';
import { referenceServer, siteToken } from './reference-server.ts';

const here = new URL('.', import.meta.url).pathname;
const DAY = 86_400_000;
const MINUTE = 60_000;
/** The server's calendar day `days` from its today, as a token's date-only claim. */
const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

const CASES = [
  // Years ahead: the device would think the period long over and the 14-day refund window closed.
  { zone: 'Pacific/Kiritimati', skewYears: 3, periodEnd: day(30), access: `Your access ends on ${longDate(day(30))}.` },
  // Years behind: the device would think a period that ended two days ago still runs.
  { zone: 'Pacific/Pago_Pago', skewYears: -3, periodEnd: day(-2), access: 'Your access ends now.' },
];

for (const { zone, skewYears, periodEnd, access } of CASES) {
  test.describe(`a subscriber in ${zone}`, () => {
    test.use({ timezoneId: zone });

    test(`whose clock is ${Math.abs(skewYears)} years ${skewYears > 0 ? 'ahead' : 'behind'}: the confirm step and the receipt count from the server's today`, async ({
      page,
      baseURL,
    }) => {
      const started = Date.now();
      const server = await referenceServer(originOf(baseURL), join(here, 'pages/flow-rich.json'));
      try {
        await page.clock.setFixedTime(new Date(Date.now() + skewYears * 365 * DAY));
        const token = siteToken({
          sub: `cus_${crypto.randomUUID()}`,
          plan: 'pro',
          currency: 'USD',
          periodEnd,
          lastPaymentOn: day(-3),
          lastPaymentAmount: 29,
        });
        await page.goto(
          `/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`,
        );
        await page.waitForFunction(
          () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
        );
        await page.locator('#link').click();
        const survey = dialog(page, 'Why are you leaving?');
        await survey.locator('input[value="missing_features"]').check();
        await survey.getByRole('button', { name: 'Continue to cancel' }).click();
        const confirm = dialog(page);
        await expect(confirm.getByText(access)).toBeVisible();
        await expect(confirm.getByText('You will be refunded $29.')).toBeVisible();
        await confirm.getByRole('button', { name: 'Cancel subscription' }).click();
        const done = dialog(page, 'Your subscription is cancelled');
        await expect(done.getByText(/^Reference: /)).toBeVisible();
        const text = (await done.textContent()) ?? '';
        if (skewYears > 0) expect(text).toContain(`Access ends on ${longDate(day(30))}`);
        expect(text).not.toContain(String(new Date(Date.now() + skewYears * 365 * DAY).getUTCFullYear()));
        // The events the widget stamped with the device's clock are stored in the server's time: each
        // batch says when it was sent by that clock, and the server corrects by it (docs/server.md).
        const [sessionId = ''] = server.sessionIds();
        await expect
          .poll(() => server.events(sessionId).map((e) => e.type))
          .toEqual(expect.arrayContaining(['reason_selected', 'cancel_confirmed']));
        for (const { type, at } of server.events(sessionId)) {
          expect(Date.parse(at), `${type} at ${at}`).toBeGreaterThanOrEqual(started - MINUTE);
          expect(Date.parse(at), `${type} at ${at}`).toBeLessThanOrEqual(Date.now() + MINUTE);
        }
      } finally {
        await server.close();
      }
    });
  });
}
