/**
 * `pnpm --filter @cancelflow/server bench` (root: `pnpm bench:server`): event ingest throughput and
 * latency over loopback with autocannon, next to a bare Hono endpoint measured in the same run, and
 * the insights summary over 1 million generated sessions. Prints a Markdown table for
 * docs/benchmarks.md. Numbers depend on the machine; tests never assert them.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { Hono } from 'hono';
import { SignJWT } from 'jose';
import { startServer } from '../src/index.ts';
import { mainFlow } from '../test/fixtures/flows.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const BATCH = Number(process.env.BENCH_BATCH ?? 20);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1_000_000);
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const ADMIN = 'bench-admin-key';

const dir = mkdtempSync(join(tmpdir(), 'cancelflow-bench-'));
writeFileSync(join(dir, 'flow.json'), JSON.stringify(mainFlow));
writeFileSync(
  join(dir, 'sites.json'),
  JSON.stringify([
    { id: 'bench', secret: SECRET, origins: ['https://bench.example'], flow: 'flow.json', billing: { type: 'demo' } },
  ]),
);
const dbFile = join(dir, 'bench.sqlite');
const unlimited = { burst: 1e9, perSecond: 1e9 };

async function run(url: string, body: () => string) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

try {
  const server = await startServer({
    port: 0,
    db: dbFile,
    sitesFile: join(dir, 'sites.json'),
    adminKey: ADMIN,
    handleSignals: false,
    log: false,
    env: {},
    rateLimits: { perIp: unlimited, perSession: unlimited },
  });
  const token = await new SignJWT({ sub: 'cus_bench', mrr: 10, currency: 'USD' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('bench')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
  const session = (await (
    await fetch(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, locale: {} }),
    })
  ).json()) as { sessionId: string; sessionKey: string };
  const keys = { [session.sessionId]: session.sessionKey };
  const batch = () =>
    JSON.stringify({
      keys,
      events: Array.from({ length: BATCH }, () => ({
        id: randomUUID(),
        sessionId: session.sessionId,
        at: new Date().toISOString(),
        type: 'step_viewed',
        payload: { stepId: 'why', stepType: 'survey' },
      })),
    });

  const bare = new Hono().post('/bare', async (c) =>
    c.json({ stored: ((await c.req.json()) as { events: unknown[] }).events.length }),
  );
  const bareServer = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => bareServer.once('listening', resolve));
  const barePort = (bareServer.address() as { port: number }).port;

  const bareResult = await run(`http://127.0.0.1:${barePort}/bare`, batch);
  const ingest = await run(`${server.url}/v1/events`, batch);
  bareServer.close();

  // 1 million sessions straight into the table (what a year of a large site looks like).
  const db = new SQLite(dbFile);
  const insert = db.prepare(
    `insert into sessions (id, site_id, flow_id, flow_version, subscriber_id, plan, mrr, currency, locale, holdout, claims_json, flow_json, key_hash, status, reason_id, created_at, created_day, created_week)
     values (?, 'bench', 'acme-main', 1, ?, 'pro', ?, 'USD', 'en', 0, '{}', '{}', '', ?, ?, ?, ?, ?)`,
  );
  const statuses = ['saved', 'cancelled', 'cancelled', 'abandoned', 'open'];
  const reasons = ['too_expensive', 'not_using', 'missing', null];
  const start = Date.UTC(2024, 0, 1);
  db.transaction(() => {
    for (let i = 0; i < SESSIONS; i++) {
      const at = new Date(start + Math.floor((i / SESSIONS) * 365 * 86_400_000));
      const day = at.toISOString().slice(0, 10);
      insert.run(
        `gen_${i}`,
        `cus_${i % 200_000}`,
        10 + (i % 90),
        statuses[i % 5],
        reasons[i % 4],
        at.toISOString(),
        day,
        day,
      );
    }
  })();
  db.close();
  const summaryTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const reply = await fetch(`${server.url}/v1/admin/insights/summary?flowId=acme-main&siteId=bench`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    await reply.json();
    summaryTimes.push(performance.now() - t0);
  }
  summaryTimes.sort((a, b) => a - b);
  await server.close();

  const row = (name: string, r: autocannon.Result, eventsPerRequest: number) =>
    `| ${name} | ${Math.round(r.requests.average * eventsPerRequest).toLocaleString('en')} | ${Math.round(r.requests.average).toLocaleString('en')} | ${r.latency.p50} | ${r.latency.p99} |`;
  console.log(
    `\nMachine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${CONNECTIONS} connections, ${DURATION_S} s, ${BATCH} events per request\n`,
  );
  console.log('| endpoint | events/s | requests/s | p50 ms | p99 ms |\n|---|---|---|---|---|');
  console.log(row('bare Hono endpoint (parse JSON, answer)', bareResult, BATCH));
  console.log(row('POST /v1/events (SQLite, synchronous=FULL)', ingest, BATCH));
  console.log(
    `\nInsights summary over ${SESSIONS.toLocaleString('en')} sessions: median ${summaryTimes[3]?.toFixed(1)} ms, min ${summaryTimes[0]?.toFixed(1)} ms, max ${summaryTimes[6]?.toFixed(1)} ms (7 runs, over HTTP)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
