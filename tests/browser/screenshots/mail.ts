// The default emails as a mail client shows their HTML part, for docs/follow-up.md:
//   node --conditions=source --experimental-transform-types --no-warnings tests/browser/screenshots/mail.ts
// Composes each with fixed data through the same code the sender uses, then shoots it with Debian's
// Chromium (CHROMIUM_PATH overrides /usr/bin/chromium) into docs/images/mail-*.png.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FlowConfigInput, resolveFlow, withFlowDefaults } from '../../../packages/core/src/index.ts';
import { type ComposeInput, composeMail } from '../../../packages/server/src/mail/compose.ts';

const repo = new URL('../../../', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(repo, 'examples/flows/saas.json'), 'utf8')) as FlowConfigInput;
const withWinback = { ...config, winback: { steps: [{ afterDays: 14, offer: 'discount_30' }] } } as FlowConfigInput;
const claims = { sub: 'cus_lena', sid: 'sub_1042', plan: 'pro' };
const at = new Date('2027-03-01T09:30:00Z');
const flow = (input: FlowConfigInput) => resolveFlow({ config: withFlowDefaults(input), subscriber: claims, now: at });
const links = (extra: Partial<ComposeInput['links']> = {}) => ({
  unsubscribe: 'https://cancel.acme.example/v1/mail/unsubscribe?t=…',
  ...extra,
});

const mails: Record<string, ComposeInput> = {
  'mail-cancellation-de': {
    kind: 'cancellation',
    locale: 'de',
    payload: {
      receipt: {
        id: 'rcp_Qm3x8TzK',
        sessionId: 'ses_1',
        confirmedAt: at.toISOString(),
        effectiveOn: '2027-03-31',
        subscriptionId: 'sub_1042',
        plan: 'pro',
        refund: 'Keine Erstattung.',
        url: 'https://cancel.acme.example/v1/receipts/rcp_Qm3x8TzK',
      },
    },
    flow: flow(config),
    claims,
    at,
    links: links({ undo: { url: 'https://cancel.acme.example/v1/mail/undo?t=…', lastDay: '2027-03-30' } }),
    templates: undefined,
  },
  'mail-saved-en': {
    kind: 'saved',
    locale: 'en',
    payload: { offerId: 'pause', choice: { months: 2 }, result: { resumesOn: '2027-05-01' } },
    flow: flow(config),
    claims,
    at,
    links: links(),
    templates: undefined,
  },
  'mail-winback-en': {
    kind: 'winback_1',
    locale: 'en',
    payload: { step: 1 },
    flow: flow(withWinback),
    claims,
    at,
    links: links({ reactivate: 'https://cancel.acme.example/v1/mail/reactivate?t=…' }),
    templates: undefined,
  },
};

const dir = mkdtempSync(join(tmpdir(), 'cancelflow-mail-shots-'));
try {
  for (const [name, input] of Object.entries(mails)) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, (await composeMail(input)).html);
    const out = join(repo, 'docs/images', `${name}.png`);
    const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    const args = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=640,720'];
    const run = spawnSync(chromium, [...args, `--screenshot=${out}`, `file://${file}`], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`chromium failed for ${name}: ${run.stderr}`);
    console.log(`wrote docs/images/${name}.png`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
