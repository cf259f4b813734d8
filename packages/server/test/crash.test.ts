import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { event, ORIGIN, send, tempDir, token, writeSites } from './helpers.ts';
import { killServers, spawnServer } from './process.ts';

afterEach(killServers);

const spawn = (dir: string, sitesFile: string) =>
  spawnServer({ CANCELFLOW_DB: `${dir}/crash.sqlite`, CANCELFLOW_SITES: sitesFile });

describe('crash safety', () => {
  it('after a SIGKILL during ingest, no acknowledged event is missing and none is stored twice', async () => {
    const dir = tempDir();
    try {
      const sitesFile = writeSites(dir.path);
      const first = await spawn(dir.path, sitesFile);
      const sessions = await Promise.all(
        [1, 2, 3, 4].map(async (i) => {
          const reply = await send(`${first.url}/v1/sessions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: ORIGIN },
            body: JSON.stringify({ token: await token({ sub: `crash_${i}` }), locale: {} }),
          });
          return reply.body as { sessionId: string; sessionKey: string };
        }),
      );
      const keys = Object.fromEntries(sessions.map((s) => [s.sessionId, s.sessionKey]));

      const acknowledged = new Map<string, ReturnType<typeof event>>();
      let killed = false;
      let batches = 0;
      const worker = async (w: number) => {
        for (let b = 0; !killed; b++) {
          const session = sessions[(w + b) % sessions.length] as { sessionId: string };
          const batch = Array.from({ length: 25 }, (_, i) =>
            event(session.sessionId, 'step_viewed', { stepId: `s${i}`, stepType: 'survey' }, `crash_${w}_${b}_${i}`),
          );
          try {
            const reply = await send(`${first.url}/v1/events`, {
              method: 'POST',
              headers: { 'content-type': 'text/plain', origin: ORIGIN },
              body: JSON.stringify({ events: batch, keys }),
            });
            if (reply.status === 200) {
              for (const e of batch)
                if ([...reply.body.stored, ...reply.body.duplicates].includes(e.id)) acknowledged.set(e.id, e);
              batches++;
            }
          } catch {
            // The server died under this request: not acknowledged, so nothing is promised.
          }
        }
      };
      const workers = Array.from({ length: 8 }, (_, w) => worker(w));
      // Kill while batches are still flowing.
      while (batches < 40) await new Promise((resolve) => setTimeout(resolve, 5));
      first.child.kill('SIGKILL');
      killed = true;
      await Promise.all(workers);
      expect(acknowledged.size).toBeGreaterThanOrEqual(40 * 25);

      const second = await spawn(dir.path, sitesFile);
      // Re-sending every acknowledged event: all must already be there (duplicates), none stored anew.
      const all = [...acknowledged.values()];
      for (let i = 0; i < all.length; i += 500) {
        const chunk = all.slice(i, i + 500);
        const reply = await send(`${second.url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN },
          body: JSON.stringify({ events: chunk, keys }),
        });
        expect(reply.status).toBe(200);
        expect(reply.body.stored).toEqual([]);
        expect(reply.body.duplicates).toHaveLength(chunk.length);
      }
      expect(await second.stop()).toBe(0);

      const db = new SQLite(`${dir.path}/crash.sqlite`, { readonly: true });
      const ids = new Set((db.prepare('select id from events').all() as { id: string }[]).map((r) => r.id));
      const total = (db.prepare('select count(*) as n from events').get() as { n: number }).n;
      db.close();
      expect(total).toBe(ids.size);
      for (const id of acknowledged.keys()) expect(ids.has(id)).toBe(true);
    } finally {
      dir.remove();
    }
  }, 30_000);
});
