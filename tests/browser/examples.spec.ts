/**
 * Every example, run with the one command its README gives, end to end in Chromium: open the flow,
 * save with an offer, then cancel, and find each outcome in the reference server's insights. Each
 * example is a child process stopped with SIGINT at the end, which must exit cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { expect, type Page, test } from './fixtures.ts';
import { cancelFromSurvey } from './flow.ts';

const repo = new URL('../../', import.meta.url).pathname;

interface Running {
  readonly child: ChildProcess;
  readonly page: string;
  readonly server: string;
  readonly adminKey: string;
}

/** Starts `node <script> --port 0 --server-port 0` and waits for the JSON line it prints once serving. */
async function startExample(script: string): Promise<Running> {
  const child = spawn(process.execPath, [script, '--port', '0', '--server-port', '0'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    if (line.startsWith('{')) return { child, ...JSON.parse(line) };
  }
  throw new Error(`${script} exited before serving: ${stderr}`);
}

async function stop(example: Running): Promise<void> {
  const exited = once(example.child, 'exit');
  example.child.kill('SIGINT');
  const [code] = await exited;
  expect(code, 'a clean exit on Ctrl-C').toBe(0);
}

async function insights(example: Running) {
  const response = await fetch(`${example.server}/v1/admin/insights/summary`, {
    headers: { authorization: `Bearer ${example.adminKey}` },
  });
  return (await response.json()) as { saved: number; cancelled: number; sessions: number };
}

/** "Not using it enough" → the pause offer → accepted: a save. */
async function saveWithPause(page: Page, trigger: string): Promise<void> {
  await page.locator(trigger).click();
  const survey = page.getByRole('dialog', { name: 'Why are you leaving?' });
  await survey.locator('input[value="not_using"]').check();
  await survey.getByRole('button', { name: 'Continue', exact: true }).click();
  const offer = page.getByRole('dialog', { name: 'Before you go' });
  await offer.getByRole('button', { name: 'Pause subscription' }).click();
  await page.getByRole('dialog', { name: 'Thank you for staying' }).getByRole('button', { name: 'Done' }).click();
}

/** "Continue to cancel" from the first step, then confirm: a cancel in two clicks. */
async function cancel(page: Page, trigger: string): Promise<void> {
  await page.locator(trigger).click();
  await cancelFromSurvey(page);
}

/** The react example needs react, react-dom and @vitejs/plugin-react, which the workspace may not have yet. */
function reactInstalled(): boolean {
  try {
    const require = createRequire(`${repo}examples/react/`);
    for (const name of ['react', 'react-dom', '@vitejs/plugin-react']) require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * One example, started once for its tests, which run in order: a save with the pause offer, then a
 * cancel, each on a fresh page, each a test of its own (an example's start, a save and a cancel are
 * each a real amount of work on a slow machine). The example is stopped with Ctrl-C at the end.
 */
function exampleTests(
  title: string,
  script: string,
  tests: {
    save: (page: Page, example: Running) => Promise<void>;
    cancel: (page: Page, example: Running) => Promise<void>;
  },
  skip?: () => string | undefined,
): void {
  test.describe(title, () => {
    test.describe.configure({ mode: 'serial' });
    const why = skip?.();
    test.skip(why !== undefined, why);
    let example: Running | undefined;
    test.beforeAll(async () => {
      example = await startExample(script);
    });
    test.afterAll(async () => {
      if (example) await stop(example);
    });
    const running = () => {
      if (!example) throw new Error(`${script} did not start`);
      return example;
    };

    test('a save with the pause offer', async ({ page }) => {
      // Clicked once the app has settled (its token fetched, a dev server's first transforms done): a
      // click before that is the cancel test's case, and on a slow machine can outlast the flow's 4 s
      // timeout, which then rightly fails open instead of showing the flow.
      await page.goto(running().page, { waitUntil: 'networkidle' });
      await tests.save(page, running());
      await expect.poll(() => insights(running())).toMatchObject({ sessions: 1, saved: 1, cancelled: 0 });
    });

    test("a cancel: the site's own action follows", async ({ page }) => {
      await page.goto(running().page);
      await tests.cancel(page, running());
      await expect.poll(() => insights(running())).toMatchObject({ sessions: 2, saved: 1, cancelled: 1 });
    });
  });
}

exampleTests('script-tag: the pasted tag against the reference server', 'examples/script-tag/serve.mjs', {
  async save(page) {
    await saveWithPause(page, '#cancel-button');
    await expect(page.locator('#result')).toHaveText('Outcome: saved (pause)');
  },
  async cancel(page) {
    await cancel(page, 'a[data-cancelflow]');
    await expect(page.getByRole('heading', { name: 'Subscription cancelled' })).toBeVisible(); // the link proceeded
    await expect(page.locator('main')).toContainText('via link');
  },
});

exampleTests('vite-ts: createCancelFlow in a Vite + TypeScript app', 'examples/vite-ts/dev.mjs', {
  async save(page) {
    await saveWithPause(page, '#cancel');
    await expect(page.locator('#status')).toHaveText('Outcome: saved (pause)');
  },
  async cancel(page) {
    await cancel(page, '#cancel');
    await expect(page.locator('#status')).toHaveText('Outcome: cancelled — the app cancelled.'); // the click replayed
  },
});

exampleTests(
  'site-backend: its token, and its own billing through signed webhook calls',
  'examples/site-backend/server.mjs',
  {
    async save(page) {
      // The page logs in as cus_42.
      await saveWithPause(page, 'a[data-cancelflow]');
      await expect(page.locator('#subscription')).toContainText('"status":"paused"');
    },
    async cancel(page, example) {
      await cancel(page, 'a[data-cancelflow]');
      await expect(page.getByRole('heading', { name: 'Your subscription is cancelled' })).toBeVisible();
      const record = await page.request.get(new URL('/api/subscription', example.page).href);
      expect(await record.json()).toMatchObject({ status: 'cancelling' });

      // A forged billing call is refused: the signature is checked.
      const forged = await fetch(new URL('/cancelflow/billing', example.page), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'cancelflow-signature': `t=${Math.floor(Date.now() / 1000)},v1=00`,
        },
        body: JSON.stringify({ type: 'subscription.cancel', data: { subscriber: { sid: 'sub_42' } } }),
      });
      expect(forged.status).toBe(401);

      // The signed outbound webhooks arrive too (delivered asynchronously, at least once).
      await expect
        .poll(async () =>
          Object.values(await (await page.request.get(new URL('/api/webhooks-received', example.page).href)).json()),
        )
        .toEqual(expect.arrayContaining(['offer.accepted', 'subscription.cancelled']));
    },
  },
);

exampleTests(
  'react: useCancelFlow from @cancelflow/react in a React 19 app',
  'examples/react/dev.mjs',
  {
    async save(page) {
      await saveWithPause(page, '#cancel');
      await expect(page.locator('#status')).toHaveText('Outcome: saved (pause)');
      await expect(page.locator('#subscription')).toHaveText('kept (pause)');
    },
    async cancel(page) {
      // The click comes before the app has its token: the flow opens once the token arrives.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/api/cancelflow', async (route) => {
        await held;
        await route.continue();
      });
      await page.reload();
      await page.locator('#cancel').click();
      release();
      await cancelFromSurvey(page);
      await expect(page.locator('#subscription')).toHaveText('cancelled');
    },
  },
  () => (reactInstalled() ? undefined : 'examples/react waits for its dependencies (see its README)'),
);

// `pnpm demo` and the examples have neighbouring default ports, and one left running is the usual way
// into this: each example used to end with Node's or Vite's stack trace instead of the option to change.
test.describe('a port in use', () => {
  const examples = ['examples/script-tag/serve.mjs', 'examples/site-backend/server.mjs', 'examples/vite-ts/dev.mjs'];
  for (const script of examples) {
    test(`${script} ends with one line naming the option to change`, async () => {
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = String((taken.address() as AddressInfo).port);
      try {
        for (const [flag, args] of [
          ['--port', ['--port', port, '--server-port', '0']],
          ['--server-port', ['--port', '0', '--server-port', port]],
        ] as const) {
          const child = spawn(process.execPath, [script, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
          let stderr = '';
          child.stderr?.on('data', (chunk) => {
            stderr += chunk;
          });
          const [code] = await once(child, 'exit');
          expect([flag, code]).toEqual([flag, 1]);
          expect(stderr).toBe(
            `port ${port} is in use (pnpm demo or another example?): stop that, or pick another with ${flag} (0: any free one)\n`,
          );
        }
      } finally {
        taken.close();
      }
    });
  }
});
