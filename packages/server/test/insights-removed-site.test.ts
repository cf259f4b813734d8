import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/index.ts';
import { BACKENDS } from './backends.ts';
import { experimentFlow } from './fixtures/flows.ts';
import { ADMIN_KEY, openSession, send, startTestServer, type TestServer } from './helpers.ts';

// A site taken out of the sites file: its sessions stay in the database, and a product manager still
// reads their history. The server is restarted on the same database with the shortened sites file
// (stopped first: a SQLite file serves one server process).
describe.each(BACKENDS)('insights for a site no longer in the sites file (%s)', (backend) => {
  let t: TestServer;
  let trimmed: RunningServer;
  const admin = async (path: string) =>
    send(`${trimmed.url}/v1/admin${path}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });

  beforeAll(async () => {
    t = await startTestServer({ backend });
    await openSession(t, { sub: 'e1' }, 'exp');
    await openSession(t, { sub: 'e2' }, 'exp');
    await openSession(t, { sub: 'a1' }, 'acme');
    const sites = JSON.parse(readFileSync(join(t.dir, 'sites.json'), 'utf8')) as { id: string }[];
    const without = join(t.dir, 'sites-without-exp.json');
    writeFileSync(without, JSON.stringify(sites.filter((s) => s.id !== 'exp')));
    await t.server.close(); // its database and folder stay until t.close()
    trimmed = await restart(without);
  });
  const restart = (sitesFile: string) =>
    startServer({ port: 0, db: t.dbFile, sitesFile, adminKey: ADMIN_KEY, handleSignals: false, log: false, env: {} });
  afterAll(async () => {
    await trimmed?.close();
    await t?.close();
  });

  it("serves the removed site's stored sessions on every report", async () => {
    const summary = await admin('/insights/summary?siteId=exp');
    expect([summary.status, summary.body.sessions]).toEqual([200, 2]);
    const sessions = await admin('/insights/sessions?siteId=exp');
    expect(sessions.body.sessions.map((s: { siteId: string }) => s.siteId)).toEqual(['exp', 'exp']);
    expect((await admin('/insights/trends?siteId=exp&format=csv')).status).toBe(200);
    // An id neither configured nor stored is still refused, and the answer says why.
    const unknown = await admin('/insights/summary?siteId=nope');
    expect([unknown.status, unknown.body.error.message]).toEqual([
      404,
      'no site "nope": it is not in the sites file and no session of it is stored',
    ]);
  });

  it('lists the removed site after the configured ones, marked configured: false, for the site picker', async () => {
    const { sites } = (await admin('/sites')).body as { sites: { id: string; configured: boolean }[] };
    expect(sites.map((s) => [s.id, s.configured])).toEqual([
      ['acme', true],
      ['hooked', true],
      ['exp', false],
    ]);
    expect(sites[2]).toEqual({
      id: 'exp',
      origins: [],
      flowId: experimentFlow.id,
      flowVersion: null,
      experiments: [],
      configured: false,
    });
    // Restarted with it configured again, the server lists it once, as configured.
    await trimmed.close();
    const full = await restart(join(t.dir, 'sites.json'));
    try {
      const all = await send(`${full.url}/v1/admin/sites`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(all.body.sites.map((s: { id: string; configured: boolean }) => [s.id, s.configured])).toEqual([
        ['acme', true],
        ['exp', true],
        ['hooked', true],
      ]);
    } finally {
      await full.close();
    }
  });
});
