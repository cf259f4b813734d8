/**
 * What real host pages do to the widget beyond their CSS (isolation.spec.ts): the loader pasted twice,
 * an SPA that swaps its <body> while the modal is open, a Content-Security-Policy that blocks the flow or
 * enforces Trusted Types, a script that broke a built-in the widget needs.
 * Whatever the page does, the site's own cancel action must still run, the subscriber's answers must
 * not be lost, and the developer gets a console message that says what is wrong and where.
 */
import { expect, test } from './fixtures.ts';
import { cancelflowWarnings, confirmStatic, dialog, loaderReady } from './flow.ts';

test('the loader on the page twice: a confirmed cancel runs the site’s action once, and the second copy says it is ignored', async ({
  page,
}) => {
  const warnings = cancelflowWarnings(page);
  await page.goto('/pages/two-loaders.html');
  await loaderReady(page);

  // A button: the site's own handler runs once after the confirmed cancel, and no second modal opens
  // (each copy used to intercept the click the other replayed: the flow opened again, every time).
  await page.locator('#button').click();
  await confirmStatic(page);
  await expect(page.locator('#button-result')).toHaveText('site handler ran;');
  await expect(page.locator('cancelflow-modal')).toHaveCount(0);

  // A link navigates.
  await page.locator('#link').click();
  await dialog(page).getByRole('button', { name: 'Cancel subscription' }).click();
  await page.waitForURL('**/account/cancelled?via=two-loaders');
  // One warning, from the copy that stood aside, naming it.
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/^cancelflow: http:\/\/127\.0\.0\.1:\d+\/cancelflow\.js loaded twice, ignored$/);
});

test('an SPA that swaps the loader tag (another subscriber signed in): the flow opens with the new tag’s attributes', async ({
  page,
}) => {
  const warnings = cancelflowWarnings(page);
  await page.goto('/pages/triggers.html');
  await loaderReady(page);
  await expect(page.locator('script[src="/cancelflow.js"]')).toHaveAttribute('data-flow', '/pages/flow-confirm.json');

  // Subscriber A signs out and B signs in: the app removes A's tag and inserts B's (with server mode,
  // B's data-token). The copy the new tag loads stands aside, as a second copy does.
  await page.evaluate(() => {
    document.querySelector('script[src="/cancelflow.js"]')?.remove();
    const tag = document.createElement('script');
    tag.src = '/cancelflow.js';
    tag.dataset.flow = '/pages/flow-rich.json';
    document.head.append(tag);
  });
  await expect.poll(() => warnings).toEqual([expect.stringMatching(/cancelflow\.js loaded twice, ignored$/)]);

  // B's click opens B's flow (its survey), not A's (whose flow opens on its confirm step): the first
  // copy used to keep reading the removed tag's attributes.
  await page.locator('#button').click();
  await expect(dialog(page, 'Why are you leaving?')).toBeVisible();
});

test('a page whose script broke Promise.prototype.then: the link navigates and the form submits at the first click', async ({
  page,
}) => {
  await page.addInitScript(() => {
    // biome-ignore lint/suspicious/noThenProperty: the page under test breaks it on purpose
    Promise.prototype.then = () => {
      throw new Error('then is broken on this page');
    };
  });
  await page.goto('/pages/triggers.html');
  await loaderReady(page);
  // The flow cannot start; the trigger's own action is not held back for it (it used to be: the click
  // was swallowed, no modal, no navigation).
  await page.locator('#form-later').click();
  await page.waitForURL('**/account/cancelled?via=form');
  await page.goBack();
  await loaderReady(page);
  await page.locator('#link').click();
  await page.waitForURL('**/account/cancelled?via=link');
});

test('an SPA replaces <body> while the modal is open: the modal stays with the answer given, and the cancel goes through', async ({
  page,
}) => {
  await page.goto('/pages/rich.html');
  await loaderReady(page);
  await page.locator('#link').click();
  const survey = dialog(page, 'Why are you leaving?');
  await expect(survey).toBeVisible();
  await survey.getByRole('radio', { name: "I'm not using it enough" }).check();

  // What Turbo does on a visit or a restore, and what a framework rendering into <body> does.
  await page.evaluate(() => {
    const next = document.createElement('body');
    next.innerHTML =
      '<main><h1>Your account</h1><p><a id="link" href="/account/cancelled?via=rich" data-cancelflow>Cancel subscription</a></p></main>';
    document.body = next;
    document.body.innerHTML = next.innerHTML;
  });
  await expect(survey).toBeVisible();
  await expect(survey).toBeInViewport({ ratio: 1 });
  await expect(survey.getByRole('radio', { name: "I'm not using it enough" })).toBeChecked();
  await survey.getByRole('button', { name: 'Continue to cancel' }).click();
  await confirmStatic(page);
  await page.waitForURL('**/account/cancelled?via=rich');
});

test('a CSP whose connect-src blocks the static flow: the link navigates, and the warning names the file and connect-src', async ({
  page,
}) => {
  const warnings = cancelflowWarnings(page);
  const response = await page.goto('/pages/csp-connect.html');
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
  await loaderReady(page);
  await page.locator('#link').click();
  await page.waitForURL('**/account/cancelled?via=csp-connect');
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(
    /^cancelflow: could not load the flow http:\/\/localhost:\d+\/pages\/flow-confirm\.json \(TypeError: Failed to fetch\); does the page's CSP connect-src allow it\?/,
  );
});

test('a page that enforces Trusted Types and allows no policy: the flow runs with zero violations, and the cancel goes through', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Trusted ?Type|Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Refused to (CSP): ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const response = await page.goto('/pages/trusted-types.html');
  expect(response?.headers()['content-security-policy']).toContain(
    "require-trusted-types-for 'script'; trusted-types 'none'",
  );
  // The policy is on: a string into a script sink throws here, as it would in the widget's code.
  expect(
    await page.evaluate(() => {
      try {
        document.createElement('script').src = '/x.js';
        return 'assigned';
      } catch (error) {
        return (error as Error).name;
      }
    }),
  ).toBe('TypeError');
  // That probe's own report arrives; what follows must add none.
  await expect.poll(() => violations.some((text) => text.includes('trusted-types-sink'))).toBe(true);
  violations.length = 0;
  await loaderReady(page);
  await page.locator('#link').click();
  await expect(dialog(page)).toBeVisible();
  await confirmStatic(page);
  await page.waitForURL('**/account/cancelled?via=trusted-types');
  expect(violations).toEqual([]);
});

test('a script replaced window.setTimeout after the loader ran, with fake timers that never fire: a confirmed cancel still runs the site’s action', async ({
  page,
}) => {
  await page.goto('/pages/triggers.html');
  await loaderReady(page);
  // What fake timers or a wrapper that drops callbacks do once the page has loaded. The loader waits
  // for a task of its own before the site's action (a form cannot submit again inside its own submit
  // event): with the page's setTimeout that task never came, and the confirmed cancel was lost.
  await page.evaluate(() => {
    window.setTimeout = (() => 0) as unknown as typeof setTimeout;
  });
  await page.locator('#button').click();
  await confirmStatic(page);
  await expect(page.locator('#button-result')).toHaveText('site handler ran');
  await page.locator('#form-now').click();
  await confirmStatic(page);
  await page.waitForURL('**/account/cancelled?via=form');
});

test('a script replaced window.setTimeout after the loader ran, with a wrapper that throws: every confirmed cancel runs the site’s action', async ({
  page,
}) => {
  const warnings = cancelflowWarnings(page);
  await page.goto('/pages/triggers.html');
  await loaderReady(page);
  await page.evaluate(() => {
    window.setTimeout = (() => {
      throw new Error('setTimeout is wrapped badly on this page');
    }) as unknown as typeof setTimeout;
  });
  // The widget's own waits fail, and each flow ends failing open; the site's action runs every time.
  // The loader's task for it used to throw (no action at all), and the engine's timer for a slow
  // decision too: the second cancel stayed pending, its buttons disabled, for good.
  for (const round of [1, 2]) {
    await page.locator('#button').click();
    await confirmStatic(page);
    await expect(page.locator('#button-result')).toHaveText(`site handler ran`);
    await page.locator('#button-result').evaluate((output, n) => {
      output.textContent = `round ${n} done`;
    }, round);
  }
  await page.locator('#form-now').click();
  await confirmStatic(page);
  await page.waitForURL('**/account/cancelled?via=form');
  // Failing open says why (the flows that end cleanly say nothing).
  for (const warning of warnings) {
    expect(warning).toBe(
      "cancelflow: setTimeout is wrapped badly on this page. The site's own cancel action proceeds.",
    );
  }
});
