/**
 * What a flow's author or a subscriber can put in front of the people reading the dashboard: markup
 * in a reason's label, an offer's title, a plan claim and feedback (shown as text, never run: no
 * dialog, no CSP violation), bidi overrides in a plan and feedback (kept to their own cell), and a reason label of 10,000
 * characters without a space. That label widened its column to 80,000 px: the feedback itself and
 * every number of the reasons and sessions tables sat off screen.
 */
import { createHmac } from 'node:crypto';
import { DASHBOARD_ADMIN_KEY, DASHBOARD_SITE, type DashboardServer, dashboardServer } from './dashboard-server.ts';
import { expect, type Page, test } from './fixtures.ts';

const MARKUP = '<img src=x onerror=alert(1)></script><script>alert(2)</script><svg onload=alert(3)>';
const LONG = 'L'.repeat(10_000);
const RLO = '\u202E';

let server: DashboardServer;

/** A session of the site `demo` as the widget would open it, with feedback, then cancelled. */
async function hostileSession(sub: string, plan: string, reasonId: string, text: string) {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: 'demo', sub, plan, mrr: 10, currency: 'USD', exp: Math.floor(Date.now() / 1000) + 600 };
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  const token = `${unsigned}.${createHmac('sha256', DASHBOARD_SITE.secret).update(unsigned).digest('base64url')}`;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: DASHBOARD_SITE.origin,
        'idempotency-key': `${sub}${path}`,
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { sessionId: string; sessionKey: string };
  };
  const { sessionId, sessionKey } = await post('/v1/sessions', { token, locale: { browser: ['en-US'] } });
  const event = (n: number, type: string, payload: object) => ({
    id: `evt_${sub}_${n}`,
    sessionId,
    at: new Date().toISOString(),
    type,
    payload,
  });
  await post('/v1/events', {
    events: [event(1, 'reason_selected', { reasonId }), event(2, 'feedback_submitted', { stepId: 'feedback', text })],
    keys: { [sessionId]: sessionKey },
  });
  await post(`/v1/sessions/${sessionId}/cancel`, { sessionKey, reasonId });
}

test.beforeAll(async () => {
  server = await dashboardServer(0, {
    edit: (flow) => {
      // (A bidi override in the flow's copy is the validator's to refuse; subscribers' text may hold one.)
      const [markup, , long] = flow.steps[0].reasons;
      markup.label = { en: MARKUP, de: MARKUP };
      long.label = { en: LONG, de: LONG };
      flow.offers.export.title = { en: MARKUP, de: MARKUP };
    },
  });
  const [markup, bidi, long] = ['too_expensive', 'not_using', 'technical'];
  await hostileSession('sub-markup', `pro${MARKUP}`, markup, `${MARKUP} javascript:alert(4)`);
  await hostileSession('sub-bidi', `${RLO}orp`, bidi, `I love it ${RLO},lecnac ton od`);
  await hostileSession('sub-long', 'pro', long, `${'A'.repeat(2000)} the end`);
});
test.afterAll(async () => {
  await server?.close();
});

/** Each table's overflow past its scrolling box, in px (0: it fits). */
const tableOverflow = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('.table-scroll')].map((box) => box.scrollWidth - box.clientWidth));

test('markup, bidi overrides and a 10,000-character label: shown as text, nothing runs, every table fits', async ({
  page,
}) => {
  test.slow(); // three reports and their tables on a busy machine
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Admin key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.getByRole('link', { name: 'Reasons', exact: true }).click();
  const reasons = page.getByRole('table', { name: 'Why subscribers wanted to cancel' });
  await expect(reasons.getByRole('cell', { name: MARKUP })).toBeVisible();
  await expect(reasons.getByRole('cell', { name: LONG })).toBeVisible();
  expect(await tableOverflow(page)).toEqual([0, 0]);

  await page.getByRole('link', { name: 'Feedback' }).click();
  await expect(page.getByText(`${MARKUP} javascript:alert(4)`)).toBeVisible();
  await expect(page.getByText(/ the end$/)).toBeVisible();
  expect(await tableOverflow(page)).toEqual([0]);

  await page.getByRole('link', { name: 'Sessions' }).click();
  await expect(page.getByRole('cell', { name: `pro${MARKUP}` })).toBeVisible();
  expect(await tableOverflow(page)).toEqual([0]);
  // The override reverses its own cell's text and no other: the outcome beside it reads as it is.
  await expect(page.getByRole('cell', { name: 'cancelled' })).toHaveCount(3);

  expect(await page.locator('[onerror], [onload], script:not([src])').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
});
