import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSitesFile, SiteRegistry } from '../src/config/sites.ts';
import type { Db } from '../src/db/connect.ts';
import { openDatabase } from '../src/index.ts';
import { runRetention } from '../src/privacy/retention.ts';
import { BACKENDS } from './backends.ts';
import { openSession, startTestServer, type TestServer } from './helpers.ts';

const DAY = 86_400_000;

// A site taken out of the sites file keeps its stored sessions (its insights stay readable). Its
// flow's retentionDays is then unknown, so its personal data goes after the schema's default, 365 days.
describe.each(BACKENDS)('retention for a site no longer in the sites file (%s)', (backend) => {
  let t: TestServer;
  let db: Db;
  let remaining: SiteRegistry;
  beforeAll(async () => {
    t = await startTestServer({ backend });
    await openSession(t, { sub: 'gone_1', email: 'gone_1@example.com', attrs: { seats: 3 } }, 'exp');
    await openSession(t, { sub: 'kept_1', email: 'kept_1@example.com' }, 'acme');
    db = await openDatabase(t.dbFile);
    const sites = JSON.parse(readFileSync(join(t.dir, 'sites.json'), 'utf8')) as { id: string }[];
    const file = join(t.dir, 'sites-without-exp.json');
    writeFileSync(file, JSON.stringify(sites.filter((s) => s.id !== 'exp')));
    remaining = new SiteRegistry(loadSitesFile(file));
  });
  afterAll(async () => {
    await db?.close();
    await t?.close();
  });

  const claimsOf = async (sub: string) => {
    const rows = await db.kysely.selectFrom('sessions').select('claims_json').execute();
    return rows.map((row) => JSON.parse(row.claims_json) as Record<string, unknown>).find((c) => c.sub === sub);
  };

  it('reduces its sessions’ stored claims after 365 days, not before', async () => {
    expect(remaining.get('exp')).toBeUndefined();
    await runRetention(db.kysely, remaining, new Date(Date.now() + 300 * DAY));
    expect(await claimsOf('gone_1')).toMatchObject({ email: 'gone_1@example.com' });

    const result = await runRetention(db.kysely, remaining, new Date(Date.now() + 400 * DAY));
    expect(result.claimsMinimized).toBeGreaterThanOrEqual(1);
    const gone = await claimsOf('gone_1');
    expect(gone).toMatchObject({ sub: 'gone_1' });
    expect(gone).not.toHaveProperty('email');
    expect(gone).not.toHaveProperty('attrs');
  });
});
