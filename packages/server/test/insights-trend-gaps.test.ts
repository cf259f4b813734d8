import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { openSession, startTestServer, type TestServer } from './helpers.ts';

// Trends over weeks and days without a session, on a server whose clock the test moves: an empty
// period is a row of zeros (the dashboard charts it as a dip to zero), not left out; a session at
// 23:30 UTC on a Sunday counts in that Sunday's week, one at 00:30 on the Monday in the next.
describe.each(BACKENDS)('trends with empty periods (%s)', (backend) => {
  let t: TestServer;
  let clock = new Date();

  async function cancelledAt(iso: string) {
    clock = new Date(iso);
    const s = await openSession(t, { sub: `cus_${iso}` }, 'acme', clock);
    const reply = await t.call(
      'POST',
      `/v1/sessions/${s.sessionId}/cancel`,
      { sessionKey: s.sessionKey },
      { 'idempotency-key': iso },
    );
    expect(reply.status).toBe(200);
  }

  beforeAll(async () => {
    t = await startTestServer({ backend, now: () => clock });
    await cancelledAt('2026-11-01T23:30:00Z'); // Sunday, week of 26 October
    await cancelledAt('2026-11-02T00:30:00Z'); // Monday, week of 2 November
    await cancelledAt('2026-11-17T10:00:00Z'); // week of 16 November; 9 November has none
    clock = new Date('2026-12-02T12:00:00Z');
  });
  afterAll(() => t?.close());

  const trends = async (query: string) => (await t.admin('GET', `/v1/admin/insights/trends?${query}`)).body;

  it('lists an empty week between two with sessions as zeros', async () => {
    const { weeks } = await trends('by=week');
    expect(weeks.map((w: { week: string; sessions: number }) => [w.week, w.sessions])).toEqual([
      ['2026-10-26', 1],
      ['2026-11-02', 1],
      ['2026-11-09', 0],
      ['2026-11-16', 1],
    ]);
    expect(weeks[2]).toMatchObject({ saved: 0, cancelled: 0, abandoned: 0, saveRate: null, mrrSaved: {} });
  });

  it("runs to the range's last day (today at the latest), in the JSON and the CSV alike", async () => {
    const { days } = await trends('by=day&from=2026-11-15&to=2026-12-31');
    expect(days.map((d: { day: string }) => d.day)).toEqual(
      Array.from({ length: 18 }, (_, i) => new Date(Date.UTC(2026, 10, 15 + i)).toISOString().slice(0, 10)),
    );
    expect(days.filter((d: { sessions: number }) => d.sessions > 0).map((d: { day: string }) => d.day)).toEqual([
      '2026-11-17',
    ]);
    const csv = await t.admin('GET', '/v1/admin/insights/trends?by=day&from=2026-11-15&to=2026-12-31&format=csv');
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + 18);
  });

  it('lists every week of the reasons by week too, the empty one included', async () => {
    const body = (await t.admin('GET', '/v1/admin/insights/reason-trends?by=week')).body;
    expect(body.allPeriods).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16']);
    expect(body.periods.map((p: { period: string }) => p.period)).toEqual(['2026-10-26', '2026-11-02', '2026-11-16']);
  });
});
