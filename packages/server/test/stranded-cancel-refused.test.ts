import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { BACKENDS, type Backend, createPgDatabase } from './backends.ts';
import { mainFlow } from './fixtures/flows.ts';
import { browserPost, tempDir, token } from './helpers.ts';
import { killServers, NET_ORIGIN as ORIGIN, spawnServer, writeProcessSites } from './process.ts';
import { until } from './receiver.ts';
import { SlowBilling } from './slow-billing.ts';

afterEach(killServers);

/**
 * A cancel whose outcome billing left unknown (502, the claim kept), which billing then refuses when
 * the server tries it again itself (cancel/stranded.ts): nothing was cancelled and the claim is gone,
 * so there is no next try. The log said "cancel not finished yet: … next try in 0 s" (a try that never
 * came) as a warning; it now says what happened, as an error naming the session.
 */
describe.each(BACKENDS)('an unfinished cancel billing refuses (%s)', (backend: Backend) => {
  it('is logged once as an error saying nothing was cancelled, with no next try announced', async () => {
    const temp = tempDir();
    const billing = new SlowBilling();
    billing.delayMs = () => 0;
    billing.answer = () => ({ status: 503, body: 'down' });
    await billing.up();
    const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
    try {
      const dbUrl = pg?.url ?? join(temp.path, 'refused.sqlite');
      const server = await spawnServer({
        CANCELFLOW_DB: dbUrl,
        CANCELFLOW_SITES: writeProcessSites(temp.path, mainFlow, billing.url),
        CANCELFLOW_LEASE_MS: '300',
      });
      const post = browserPost(() => server.url, ORIGIN);
      const started = await post('/v1/sessions', { token: await token({ sub: 'refused', sid: 'sub_r' }), locale: {} });
      const { sessionId, sessionKey } = started.body as { sessionId: string; sessionKey: string };
      expect((await post(`/v1/sessions/${sessionId}/cancel`, { sessionKey })).status).toBe(502);
      billing.answer = () => ({ status: 400, body: 'no such subscription' });
      const lines = () =>
        server
          .stdout()
          .split('\n')
          .filter((line) => line.includes(sessionId) && line.includes('unfinished cancel refused by billing'))
          .map((line) => JSON.parse(line) as { level: string });
      await until(() => lines().length === 1, 60_000, 'the refusal to be logged');
      expect(lines().map((line) => line.level)).toEqual(['error']);
      const db = await openDatabase(dbUrl);
      try {
        const claims = await db.kysely
          .selectFrom('session_decisions')
          .select('state')
          .where('session_id', '=', sessionId)
          .execute();
        expect(claims).toEqual([]);
      } finally {
        await db.close();
      }
      expect(await server.stop()).toBe(0);
      // No try announced after the refusal: the last line about this cancel's tries is the refusal.
      const about = server
        .stdout()
        .split('\n')
        .filter((line) => line.includes(sessionId) && line.includes('cancel'));
      expect(about.at(-1)).toContain('unfinished cancel refused by billing');
    } finally {
      killServers();
      await pg?.drop();
      await billing.down();
      temp.remove();
    }
  }, 120_000);
});
