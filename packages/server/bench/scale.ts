/**
 * `pnpm --filter @cancelflow/server bench:scale` (root: `pnpm bench:scale`): event ingest with 1 and 2
 * `cancelflow serve` processes, on SQLite (1 process only: one process per file) and on Postgres
 * (BENCH_PG, e.g. the test server of scripts/pg-test-db.sh), and the insights reports over 1 million
 * sessions on Postgres. Each server process gets its own load generator at an equal share of the load.
 * Prints Markdown for docs/benchmarks.md and docs/scaling.md; tests never assert these numbers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { foldAllRollups, ROLLUPS } from '../src/db/rollup.ts';
import { openDatabase } from '../src/index.ts';
import { mainFlow } from '../test/fixtures/flows.ts';
import { runLoad } from './run-load.ts';
import { timed, timingRow } from './timed.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const BATCH = 20;
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1_000_000);
const PG_ADMIN = process.env.BENCH_PG ?? process.env.CANCELFLOW_TEST_PG;
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const ADMIN = 'bench-admin-key';
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cancelflow-scale-'));
writeFileSync(join(dir, 'flow.json'), JSON.stringify(mainFlow));
const sites = [
  { id: 'bench', secret: SECRET, origins: ['https://b.example'], flow: 'flow.json', billing: { type: 'demo' } },
];
writeFileSync(join(dir, 'sites.json'), JSON.stringify(sites));
const children: ChildProcess[] = [];

function startServer(db: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--experimental-transform-types', '--no-warnings', MAIN],
    {
      env: {
        ...process.env,
        CANCELFLOW_DB: db,
        CANCELFLOW_SITES: join(dir, 'sites.json'),
        CANCELFLOW_PORT: '0',
        CANCELFLOW_ADMIN_KEY: ADMIN,
        CANCELFLOW_RATE_LIMIT_IP: '1000000000/1000000000',
        CANCELFLOW_RATE_LIMIT_SESSION: '1000000000/1000000000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) resolve(JSON.parse(line).url);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function newSession(url: string) {
  const token = await new SignJWT({ sub: `cus_${Math.random()}`, mrr: 10, currency: 'USD' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('bench')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
  const reply = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, locale: {} }),
  });
  return (await reply.json()) as { sessionId: string; sessionKey: string };
}

/** One generator per server, each at its share of `rate` (or flat out); events/s summed, worst p99. */
async function measure(urls: string[], rate: number | undefined, durationS: number) {
  const sessions = await Promise.all(urls.map(newSession));
  const results = await Promise.all(
    urls.map((url, i) =>
      runLoad({
        url: `${url}/v1/events`,
        connections: 8,
        durationS,
        batch: BATCH,
        ...(sessions[i] as { sessionId: string; sessionKey: string }),
        ...(rate ? { rate: rate / BATCH / urls.length } : {}),
      }),
    ),
  );
  return {
    eventsPerS: results.reduce((sum, r) => sum + r.requests.average * BATCH, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
  };
}

async function insightsOnPostgres(url: string, dbUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  // 1M sessions written by Postgres itself; the rollup's triggers append a delta for each.
  await client.query(
    `insert into sessions (id, site_id, flow_id, flow_version, subscriber_id, plan, mrr, currency, locale,
       experiment_id, variant, holdout, claims_json, flow_json, key_hash, status, reason_id, created_at, created_day, created_week)
     select 'gen_' || i, 'bench', 'acme-main', 1, 'cus_' || (i % 200000), 'pro', 10 + i % 90,
       (array['USD','USD','EUR','GBP',null])[1 + i % 5], 'en',
       case when i % 4 >= 2 then 'offers_vs_none' end, (array[null,null,'offers','holdout'])[1 + i % 4], case when i % 4 = 3 then 1 else 0 end,
       '{}', '{}', '', (array['saved','cancelled','cancelled','abandoned','open'])[1 + i % 5],
       (array['too_expensive','not_using','missing','technical','other',null])[1 + i % 6],
       to_char(d, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), to_char(d, 'YYYY-MM-DD'), to_char(date_trunc('week', d), 'YYYY-MM-DD')
     from generate_series(0, $1 - 1) as i, lateral (select timestamp '2024-01-01' + (i::float8 / $1) * interval '365 days' as d) t`,
    [SESSIONS],
  );
  // As in bench/insights.ts: every reason but "other" has an offer, shown once in its session, and
  // taken by the sessions that were saved.
  await client.query(
    `insert into events (id, session_id, type, at, received_at, payload_json, offer_id)
     select 'evo_' || i, 'gen_' || i, 'offer_shown', s.created_at, s.created_at, '{}', o.offer
     from generate_series(0, $1 - 1) as i
       cross join lateral (select (array['discount_30','pause','downgrade','vip_talk',null,null])[1 + i % 6] as offer) o
       join sessions s on s.id = 'gen_' || i
     where o.offer is not null`,
    [SESSIONS],
  );
  await client.query(
    `insert into offers_accepted (session_id, site_id, subscriber_id, offer_id, offer_type, idempotency_key, state, accepted_at)
     select e.session_id, s.site_id, s.subscriber_id, e.offer_id, 'discount', 'idem_' || e.session_id, 'applied', s.created_at
     from events e join sessions s on s.id = e.session_id where e.type = 'offer_shown' and s.status = 'saved'`,
  );
  await client.end();
  // Move the deltas into the rollups now (the servers' folders would within seconds), then time the reports.
  const db = await openDatabase(dbUrl);
  while ((await foldAllRollups(db.kysely, db.kind)) > 0 || (await pendingDeltas(dbUrl)) > 0) {}
  await db.close();
  const rows: string[] = [];
  // One site's flow (as the dashboard opens), and every site at once.
  for (const report of ['summary', 'reasons', 'trends', 'experiments', 'offers']) {
    for (const scope of ['flowId=acme-main&siteId=bench', '']) {
      const target = `${report}${scope ? `?${scope}` : ''}`;
      rows.push(timingRow(`\`${target}\``, await timed(`${url}/v1/admin/insights/${target}`, ADMIN)));
    }
  }
  return rows;
}

async function pendingDeltas(dbUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  let pending = 0;
  for (const { table } of ROLLUPS) {
    const { rows } = await client.query(`select count(*)::int as n from ${table}_delta`);
    pending += rows[0].n;
  }
  await client.end();
  return pending;
}

async function pgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!PG_ADMIN) throw new Error('set BENCH_PG (or CANCELFLOW_TEST_PG) to a Postgres server');
  const name = `cancelflow_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const stopAll = async () => {
  for (const child of children.splice(0)) {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
};

try {
  const rows: string[] = [];
  const row = (setup: string, what: string, m: { eventsPerS: number; p99: number }) =>
    rows.push(`| ${setup} | ${what} | ${Math.round(m.eventsPerS).toLocaleString('en')} | ${m.p99} |`);
  const started = loadavg()[0] ?? 0;
  {
    const urls = [await startServer(join(dir, 'bench.sqlite'))];
    await measure(urls, undefined, 2); // warm-up
    row('SQLite, 1 process', `at ${RATE.toLocaleString('en')} events/s`, await measure(urls, RATE, DURATION_S));
    row('SQLite, 1 process', 'flat out', await measure(urls, undefined, DURATION_S));
    await stopAll();
  }
  let insights: string[] = [];
  for (const processes of [1, 2]) {
    const db = await pgDatabase();
    try {
      const urls = [await startServer(db.url)];
      if (processes === 2) urls.push(await startServer(db.url));
      await measure(urls, undefined, 2);
      const setup = `Postgres, ${processes} process${processes === 2 ? 'es' : ''}`;
      row(setup, `at ${RATE.toLocaleString('en')} events/s`, await measure(urls, RATE, DURATION_S));
      row(setup, 'flat out', await measure(urls, undefined, DURATION_S));
      if (processes === 1) insights = await insightsOnPostgres(urls[0] as string, db.url);
    } finally {
      await stopAll();
      await db.drop();
    }
  }
  console.log(
    `\nMachine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${started.toFixed(2)} at start; ${DURATION_S} s per run, ${BATCH} events per request, 8 connections per process\n`,
  );
  console.log('| setup | load | events/s | p99 ms |\n|---|---|---|---|');
  console.log(rows.join('\n'));
  console.log(
    `\nInsights over ${SESSIONS.toLocaleString('en')} sessions on Postgres (7 requests each, over HTTP):\n\n| report | median ms | min ms | max ms |\n|---|---|---|---|`,
  );
  console.log(insights.join('\n'));
} finally {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
}
