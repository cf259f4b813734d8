import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { startTestServer, type TestServer } from './helpers.ts';

// Refusals are recorded in `audit`, which nothing prunes: what the browser put in the URL must not
// make a row as large as the request line (an unauthenticated way to fill the disk).
describe('audit rows of refused session writes', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('keeps a session id longer than any real one only as a short hash', async () => {
    const huge = `ses_${'x'.repeat(15_000)}`;
    for (const path of ['cancel', 'accept']) {
      const reply = await t.call('POST', `/v1/sessions/${huge}/${path}`, { sessionKey: 'k', offerId: 'o' });
      expect(reply.status).toBe(401);
    }
    const db = await openDatabase(t.dbFile);
    try {
      const rows = await db.kysely.selectFrom('audit').select(['route', 'session_id']).execute();
      // Lengths first: a failure then prints two numbers, not the 15,000-character id.
      expect(rows.map((row) => row.session_id?.length)).toEqual([17, 17]);
      for (const row of rows) expect(row.session_id).toMatch(/^#[0-9a-f]{16}$/);
      expect(new Set(rows.map((row) => row.session_id)).size).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('keeps a session id of a real length as it is', async () => {
    const id = 'ses_00000000-0000-4000-8000-000000000000';
    expect((await t.call('POST', `/v1/sessions/${id}/cancel`, { sessionKey: 'k' })).status).toBe(401);
    const db = await openDatabase(t.dbFile);
    try {
      const row = await db.kysely
        .selectFrom('audit')
        .select('session_id')
        .where('session_id', '=', id)
        .executeTakeFirst();
      expect(row?.session_id).toBe(id);
    } finally {
      await db.close();
    }
  });
});
