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
