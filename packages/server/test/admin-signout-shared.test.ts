import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_COOKIE } from '../src/http/admin-cookie.ts';
import { type RunningServer, startServer } from '../src/index.ts';
import { TEST_PG } from './backends.ts';
import { ADMIN_KEY, send, startTestServer, type TestServer } from './helpers.ts';

// Signing out of the dashboard on one server process signs that cookie out of every process on the
// same database: two real servers over HTTP. On Postgres only: a SQLite file serves one server
// process, and a second one is refused at start (one-process.test.ts).
describe.skipIf(!TEST_PG)('dashboard sign-out across processes (postgres)', () => {
  const backend = 'postgres';
  let first: TestServer;
  let second: RunningServer;

  beforeAll(async () => {
    first = await startTestServer({ backend });
    second = await startServer({
      port: 0,
      db: first.dbFile,
      sitesFile: `${first.dir}/sites.json`,
      adminKey: ADMIN_KEY,
      handleSignals: false,
      log: false,
      env: {},
    });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const cookieFrom = async (url: string) => {
    const reply = await send(`${url}/v1/admin/session`, {
      method: 'POST',
      headers: { origin: new URL(url).origin, 'content-type': 'application/json' },
      body: JSON.stringify({ key: ADMIN_KEY }),
    });
    const value = new RegExp(`${ADMIN_COOKIE}=([^;]*)`).exec(reply.headers.get('set-cookie') ?? '')?.[1];
    if (!value) throw new Error(`no cookie: ${reply.status} ${reply.text}`);
    return `${ADMIN_COOKIE}=${value}`;
  };
  const summary = (url: string, cookie: string) => send(`${url}/v1/admin/insights/summary`, { headers: { cookie } });

  it('refuses a cookie on every process once it signed out on one', async () => {
    const cookie = await cookieFrom(first.url);
    const other = await cookieFrom(first.url);
    expect((await summary(second.url, cookie)).status).toBe(200); // the same admin key signs it
    const out = await send(`${first.url}/v1/admin/session`, {
      method: 'DELETE',
      headers: { cookie, origin: new URL(first.url).origin },
    });
    expect(out.status).toBe(200);
    expect((await summary(first.url, cookie)).status).toBe(401);
    expect((await summary(second.url, cookie)).status).toBe(401);
    // Another sign-in is its own: it stays signed in.
    expect((await summary(second.url, other)).status).toBe(200);
  });
});
