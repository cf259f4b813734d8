import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, event, ORIGIN, send, tempDir, token, writeSites } from './helpers.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Runs the server as its own process, as `node dist/main.js` would, and resolves with its URL. */
function spawnServer(dir: string, sitesFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--experimental-transform-types', '--no-warnings', MAIN],
    {
      env: {
        ...process.env,
        CANCELFLOW_DB: `${dir}/crash.sqlite`,
        CANCELFLOW_SITES: sitesFile,
        CANCELFLOW_PORT: '0',
        CANCELFLOW_ADMIN_KEY: ADMIN_KEY,
        CANCELFLOW_RATE_LIMIT_IP: '1000000/1000000',
        CANCELFLOW_RATE_LIMIT_SESSION: '1000000/1000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk) => {
      err += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      for (const line of out.split('\n')) {
        if (line.includes('"msg":"listening"')) resolve({ child, url: JSON.parse(line).url });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}

describe('crash safety', () => {
  it('after a SIGKILL during ingest, no acknowledged event is missing and none is stored twice', async () => {
    const dir = tempDir();
    try {
      const sitesFile = writeSites(dir.path);
      const first = await spawnServer(dir.path, sitesFile);
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

      const second = await spawnServer(dir.path, sitesFile);
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
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
      expect(second.child.exitCode).toBe(0);

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
