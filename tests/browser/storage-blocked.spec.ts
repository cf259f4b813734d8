/**
 * The real modal (built loader and UI, `data-endpoint`) against the real reference server, in a page
 * whose storage is hostile: localStorage and sessionStorage that throw on every access (a sandboxed
 * iframe without allow-same-origin, privacy settings), a localStorage holding cancelflow entries no
 * widget wrote, or one that is full. The flow runs, the cancel goes through and navigates, nothing
 * throws, and the session's events reach the server.
 */
import { join } from 'node:path';
import { originOf } from './delivery-page.ts';
import { expect, test } from './fixtures.ts';
import { confirmAndClose, dialog } from './flow.ts';
import { referenceServer, siteToken } from './reference-server.ts';

const here = new URL('.', import.meta.url).pathname;

const HOSTILE = {
  'throws on every access': () => {
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, {
        get() {
          throw new DOMException(`The document is sandboxed and lacks the 'allow-same-origin' flag.`, 'SecurityError');
        },
      });
    }
  },
  'holds hostile cancelflow entries': () => {
    // Bad JSON, JSON of the wrong shape, a huge array, __proto__ keys, a foreign lock: none a widget wrote.
    const entries: Record<string, string> = {
      'cancelflow:e:1:5:bad': '{not ',
      'cancelflow:e:2:4:null': 'null',
      'cancelflow:e:3:2:obj': '{"0":{"id":"x"}}',
      'cancelflow:e:4:900001:big': JSON.stringify(Array.from({ length: 150_000 }, (_, i) => i)),
      'cancelflow:e:__proto__': '[{"id":"__proto__","sessionId":"__proto__"},"k"]',
      'cancelflow:__proto__': '{"polluted":true}',
      'cancelflow:lock': 'someone 99999999999999',
    };
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  },
  'is full': () => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  },
};

for (const [what, script] of Object.entries(HOSTILE)) {
  test(`storage that ${what}: the flow runs, the cancel goes through, and its events arrive`, async ({
    page,
    baseURL,
  }) => {
    const server = await referenceServer(originOf(baseURL), join(here, 'pages/flow-rich.json'));
    try {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.addInitScript(script);
      const token = siteToken({
        sub: `cus_${crypto.randomUUID()}`,
        plan: 'pro',
        price: 29,
        currency: 'USD',
        periodEnd: '2099-12-31',
      });
      await page.goto(`/pages/rich.html?endpoint=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`);
      await page.waitForFunction(
        () => typeof (window as { cancelflow?: { version?: string } }).cancelflow?.version === 'string',
      );
      await page.locator('#link').click();
      const survey = dialog(page, 'Why are you leaving?');
      await survey.locator('input[value="missing_features"]').check();
      await survey.getByRole('button', { name: 'Continue to cancel' }).click();
      await confirmAndClose(page);
      await page.waitForURL('**/account/cancelled?via=rich');
      const [id] = server.sessionIds();
      await expect
        .poll(() => server.events(id as string).map((e) => e.type))
        .toEqual(expect.arrayContaining(['reason_selected', 'cancel_confirmed', 'session_completed']));
      expect(errors).toEqual([]);
    } finally {
      await server.close();
    }
  });
}
