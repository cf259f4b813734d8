import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.ts';
import { mainFlow } from '../test/fixtures/flows.ts';

const db = await openDatabase(`/tmp/mb/mb-${Date.now()}.sqlite`);
const k = db.kysely;
if (process.argv[2] === 'cache') await sql`pragma cache_size = -65536`.execute(k);
await k
  .insertInto('sessions')
  .values({
    id: 'ses_x',
    site_id: 'bench',
    flow_id: 'f',
    flow_version: 1,
    subscriber_id: 'c',
    subscription_id: null,
    plan: null,
    mrr: 1,
    currency: 'USD',
    locale: 'en',
    experiment_id: null,
    variant: null,
    holdout: 0,
    claims_json: '{}',
    flow_json: JSON.stringify({ ...mainFlow, pad: 'x'.repeat(6000) }),
    key_hash: 'h',
    status: 'open',
    reason_id: null,
    offer_id: null,
    created_at: '',
    created_day: '',
    created_week: '',
  })
  .execute();
const rows = () =>
  Array.from({ length: 20 }, () => ({
    id: randomUUID(),
    session_id: 'ses_x',
    type: 'step_viewed',
    at: new Date().toISOString(),
    received_at: new Date().toISOString(),
    payload_json: '{"stepId":"why","stepType":"survey"}',
    offer_id: null,
    reason_id: null,
  }));
const t = { select: [] as number[], insert: [] as number[], commit: [] as number[], total: [] as number[] };
const N = 3000;
for (let i = 0; i < N; i++) {
  const t0 = performance.now();
  const s = await k
    .selectFrom('sessions')
    .select(['id', 'site_id', 'flow_id', 'subscriber_id', 'subscription_id', 'key_hash', 'flow_json'])
    .where('id', 'in', ['ses_x'])
    .execute();
  JSON.parse(s[0]!.flow_json);
  const t1 = performance.now();
  let t2 = 0;
  await k.transaction().execute(async (trx) => {
    for (let g = 0; g < 4; g++)
      await trx
        .insertInto('events')
        .values(rows())
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
    t2 = performance.now();
  });
  const t3 = performance.now();
  t.select.push(t1 - t0);
  t.insert.push(t2 - t1);
  t.commit.push(t3 - t2);
  t.total.push(t3 - t0);
}
const cpu = process.cpuUsage();
for (const [name, a] of Object.entries(t)) {
  a.sort((x, y) => x - y);
  console.log(
    name.padEnd(7),
    'p50',
    a[N / 2]!.toFixed(3),
    'p90',
    a[Math.floor(N * 0.9)]!.toFixed(3),
    'p99',
    a[Math.floor(N * 0.99)]!.toFixed(3),
    'max',
    a[N - 1]!.toFixed(1),
  );
}
console.log('cpu ms per group of 4', ((cpu.user + cpu.system) / 1000 / N).toFixed(3));
await db.close();
