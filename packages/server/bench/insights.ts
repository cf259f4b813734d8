/**
 * Every insights report the dashboard reads, over 1,000,000 sessions (BENCH_SESSIONS), each fetched 7
 * times over HTTP from a real server on SQLite: `pnpm bench:insights`. Each session has up to three
 * events (its start, its reason, the offer shown: the sessions list reads them as its path), one in
 * ten a feedback text; the saved sessions that were shown an offer accepted it.
 * Figures in docs/benchmarks.md; timings belong here, never in tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { utcDay, weekStart } from '@cancelflow/core';
import SQLite from 'better-sqlite3';
import { foldAllRollups } from '../src/db/rollup.ts';
import { openDatabase, startServer } from '../src/index.ts';
import { mainFlow } from '../test/fixtures/flows.ts';
import { timed, timingRow } from './timed.ts';

const ADMIN = 'bench-admin-key-0123456789abcdef';
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1_000_000);
/** The flow's offer for each reason (test/fixtures/flows.ts). */
const OFFERS: Record<string, string> = {
  too_expensive: 'discount_30',
  not_using: 'pause',
  missing: 'downgrade',
  technical: 'vip_talk',
};
const OFFER_TYPES = new Map(Object.entries(mainFlow.offers).map(([id, offer]) => [id, offer.type]));

const dir = mkdtempSync(join(tmpdir(), 'cancelflow-bench-insights-'));
writeFileSync(join(dir, 'flow.json'), JSON.stringify(mainFlow));
const site = { id: 'bench', secret: 'bench-secret-0123456789abcdef0123456789', flow: 'flow.json' };
writeFileSync(
  join(dir, 'sites.json'),
  JSON.stringify([{ ...site, origins: ['http://localhost'], billing: { type: 'demo' } }]),
);
const dbFile = join(dir, 'cancelflow.sqlite');

/** A year of sessions written straight into the tables; the rollup's triggers see them as the server's own. */
function seed(): number {
  const db = new SQLite(dbFile);
  const session = db.prepare(
    `insert into sessions (id, site_id, flow_id, flow_version, subscriber_id, plan, mrr, currency, locale, experiment_id, variant, holdout, claims_json, flow_json, key_hash, status, reason_id, created_at, created_day, created_week)
     values (?, 'bench', 'acme-main', 1, ?, ?, ?, ?, ?, ?, ?, ?, '{}', '{}', '', ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare(
    `insert into events (id, session_id, type, at, received_at, payload_json, offer_id, reason_id) values (?, ?, ?, ?, ?, '{}', ?, ?)`,
  );
  const accepted = db.prepare(
    `insert into offers_accepted (session_id, site_id, subscriber_id, offer_id, offer_type, idempotency_key, state, accepted_at)
     values (?, 'bench', ?, ?, ?, ?, 'applied', ?)`,
  );
  const feedback = db.prepare(
    `insert into feedback (id, session_id, subscriber_id, site_id, flow_id, reason_id, source, text, created_at)
     values (?, ?, ?, 'bench', 'acme-main', ?, 'feedback_step', ?, ?)`,
  );
  const statuses = ['saved', 'cancelled', 'cancelled', 'abandoned', 'open'];
  const reasons = ['too_expensive', 'not_using', 'missing', 'technical', 'other', null];
  const plans = ['starter', 'pro', 'team'];
  const variants = [null, null, 'offers', 'holdout'];
  const start = Date.UTC(2024, 0, 1);
  const t0 = performance.now();
  db.transaction(() => {
    for (let i = 0; i < SESSIONS; i++) {
      const at = new Date(start + Math.floor((i / SESSIONS) * 365 * 86_400_000));
      const iso = at.toISOString();
      const variant = variants[i % 4] ?? null;
      const [id, sub, reason] = [`gen_${i}`, `cus_${i % 200_000}`, reasons[i % 6] ?? null];
      session.run(
        id,
        sub,
        plans[i % 3],
        10 + (i % 90),
        i % 5 === 0 ? 'EUR' : 'USD',
        i % 7 === 0 ? 'de' : 'en',
        variant && 'offers_vs_none',
        variant,
        variant === 'holdout' ? 1 : 0,
        statuses[i % 5],
        reason,
        iso,
        utcDay(at),
        weekStart(at),
      );
      event.run(`evs_${i}`, id, 'session_started', iso, iso, null, null);
      if (reason) event.run(`evr_${i}`, id, 'reason_selected', iso, iso, null, reason);
      // Every reason but "other" has an offer: shown, and taken by the sessions that were saved.
      const offer = reason && reason !== 'other' ? OFFERS[reason] : undefined;
      if (offer) event.run(`evo_${i}`, id, 'offer_shown', iso, iso, offer, null);
      if (offer && statuses[i % 5] === 'saved') {
        accepted.run(id, sub, offer, OFFER_TYPES.get(offer) ?? 'unknown', `idem_${i}`, iso);
      }
      if (i % 10 === 0) feedback.run(`fb_${i}`, id, sub, reason, `feedback number ${i}`, iso);
    }
  })();
  db.close();
  return (performance.now() - t0) / 1000;
}

const REPORTS = [
  'summary',
  'reasons',
  'offers',
  'experiments',
  'trends',
  'trends?by=day',
  'reason-trends',
  'reason-trends?by=day',
  'feedback?limit=50',
  'feedback?limit=50&plan=pro&locale=de',
  'sessions',
  'sessions?status=saved',
  'sessions?from=2024-06-01&to=2024-06-30',
  'sessions?format=csv&limit=1000',
];

try {
  const load = loadavg()[0] ?? 0;
  const server = await startServer({
    port: 0,
    db: dbFile,
    sitesFile: join(dir, 'sites.json'),
    adminKey: ADMIN,
    // 196 requests from one address: the per-address limit must not be what is measured.
    rateLimits: { perIp: { burst: 100_000, perSecond: 100_000 }, perSession: { burst: 100, perSecond: 100 } },
    handleSignals: false,
    log: false,
    env: {},
  });
  const seconds = seed();
  const folding = await openDatabase(dbFile);
  await foldAllRollups(folding.kysely, folding.kind);
  await folding.close();
  const rows: string[] = [];
  for (const report of REPORTS) {
    for (const scope of ['siteId=bench', '']) {
      const [path, query = ''] = report.split('?');
      const params = [query, scope].filter(Boolean).join('&');
      const target = `${path}${params ? `?${params}` : ''}`;
      rows.push(timingRow(`\`${target}\``, await timed(`${server.url}/v1/admin/insights/${target}`, ADMIN)));
    }
  }
  await server.close();
  console.log(
    `\nMachine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${load.toFixed(2)} at start; ${SESSIONS.toLocaleString('en')} sessions seeded in ${seconds.toFixed(0)} s\n`,
  );
  console.log(`| report | median ms | min ms | max ms |\n|---|---|---|---|\n${rows.join('\n')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
