import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainFlow } from './fixtures/flows.ts';
import { ORIGIN, openSession, SECRETS, send, startTestServer, type TestServer, tempDir } from './helpers.ts';

/** A flow that names its company and plans, as a receipt (a legal record) should. */
const namedFlow = {
  ...mainFlow,
  policy: {
    ...mainFlow.policy,
    company: {
      name: { en: 'Acme Inc.', de: 'Acme GmbH' },
      address: { en: '1 Main Street, Springfield', de: '1 Main Street, Springfield, USA' },
    },
    planNames: { pro: { en: 'Pro', de: 'Pro' } },
  },
};

describe('the printable receipt page', () => {
  const dir = tempDir();
  let t: TestServer;
  beforeAll(async () => {
    writeFileSync(join(dir.path, 'named.json'), JSON.stringify(namedFlow));
    const sitesFile = join(dir.path, 'named-sites.json'); // the harness writes its own sites.json
    const site = { id: 'acme', secret: SECRETS.acme, origins: [ORIGIN], flow: 'named.json', billing: { type: 'demo' } };
    writeFileSync(sitesFile, JSON.stringify([site]));
    t = await startTestServer({ dir: dir.path, sitesFile });
  });
  afterAll(async () => {
    await t?.close();
    dir.remove();
  });

  it("names the company, its address and the plan by the flow's display names, not raw ids", async () => {
    const s = await openSession(t, { sub: 'cus_ruth', sid: 'sub_ruth', plan: 'pro' });
    const receipt = (await t.call('POST', `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey })).body;
    const page = await send(receipt.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<li>Acme Inc.</li>');
    expect(page.text).toContain('<li>1 Main Street, Springfield</li>');
    expect(page.text).toContain('<li>Plan: Pro</li>');
    expect(page.text).not.toContain('Plan: pro');
  });
});

/** A flow written in Hebrew, a language cancelflow has no built-in strings for. */
const hebrewFlow = {
  id: 'acme-he',
  version: 1,
  defaultLocale: 'he',
  policy: { effective: 'immediately', refund: { type: 'prorated' }, retentionDays: 30 },
  offers: {},
  steps: [
    { id: 'why', type: 'survey', reasons: [{ id: 'price', label: 'יקר מדי' }] },
    { id: 'confirm', type: 'confirm' },
    { id: 'done', type: 'done' },
  ],
};

describe('the printable receipt in a language without built-in strings', () => {
  const dir = tempDir();
  let t: TestServer;
  beforeAll(async () => {
    writeFileSync(join(dir.path, 'he.json'), JSON.stringify(hebrewFlow));
    const sitesFile = join(dir.path, 'he-sites.json');
    const site = { id: 'acme', secret: SECRETS.acme, origins: [ORIGIN], flow: 'he.json', billing: { type: 'demo' } };
    writeFileSync(sitesFile, JSON.stringify([site]));
    t = await startTestServer({ dir: dir.path, sitesFile });
  });
  afterAll(async () => {
    await t?.close();
    dir.remove();
  });

  it('is English throughout, dates, amounts and direction too, not English words around Hebrew dates', async () => {
    const s = await openSession(t, {
      sub: 'cus_he',
      locale: 'he',
      periodEnd: new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10),
      lastPaymentOn: new Date(Date.now() - 15 * 86_400_000).toISOString().slice(0, 10),
      lastPaymentAmount: 30,
      currency: 'EUR',
    });
    expect(s.body.locale).toBe('he');
    const receipt = (await t.call('POST', `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey })).body;
    const page = await send(receipt.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="en" dir="ltr">');
    // "Cancelled on December 2, 2026 at 4:20 PM UTC", not "Cancelled on 2 בדצמבר 2026 בשעה 16:20 UTC".
    expect(page.text).toMatch(/<li>Cancelled on [A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2}\s[AP]M UTC<\/li>/);
    expect(page.text).toMatch(/<li>Refund: You will be refunded €\d+(\.\d\d)?\.<\/li>/);
    // No Hebrew letters and no direction marks or isolates anywhere on the page.
    expect(page.text).not.toMatch(/[\u0590-\u05ff\u200e\u200f\u2066-\u2069]/);
  });
});

describe('the printable receipt in Arabic', () => {
  const dir = tempDir();
  let t: TestServer;
  beforeAll(async () => {
    const arabicFlow = {
      ...hebrewFlow,
      id: 'acme-ar',
      defaultLocale: 'ar',
      policy: { ...hebrewFlow.policy, company: { name: 'Acme Inc.', address: '1 Main Street, Springfield' } },
      steps: [
        { id: 'why', type: 'survey', reasons: [{ id: 'price', label: 'السعر مرتفع' }] },
        ...hebrewFlow.steps.slice(1),
      ],
    };
    writeFileSync(join(dir.path, 'ar.json'), JSON.stringify(arabicFlow));
    const sitesFile = join(dir.path, 'ar-sites.json');
    const site = { id: 'acme', secret: SECRETS.acme, origins: [ORIGIN], flow: 'ar.json', billing: { type: 'demo' } };
    writeFileSync(sitesFile, JSON.stringify([site]));
    t = await startTestServer({ dir: dir.path, sitesFile });
  });
  afterAll(async () => {
    await t?.close();
    dir.remove();
  });

  it('is right to left, each line isolated, so "Acme Inc." does not show as ".Acme Inc"', async () => {
    const s = await openSession(t, { sub: 'cus_ar', plan: 'Pro', locale: 'ar' });
    const receipt = (await t.call('POST', `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey })).body;
    const page = await send(receipt.url, { headers: { accept: 'text/html' } });
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    expect(page.text).toContain('<li><bdi>Acme Inc.</bdi></li>');
    expect(page.text).toContain('<li><bdi>1 Main Street, Springfield</bdi></li>');
    expect(page.text).toContain('<li><bdi>الخطة: \u2068Pro\u2069</bdi></li>');
    expect(page.text).not.toMatch(/<li>(?!<bdi>)/);
  });
});
