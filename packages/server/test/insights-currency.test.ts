import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { event, openSession, startTestServer, type TestServer } from './helpers.ts';

// Revenue saved is money in several currencies: every report keeps each currency apart, and the
// dashboard's names and site list come from the configured flows.
describe.each(BACKENDS)('insights per currency, periods, display names and the site list (%s)', (backend) => {
  let t: TestServer;

  async function saveWith(sub: string, mrr: number, currency: string) {
    const s = await openSession(t, { sub, mrr, currency });
    const events = [
      event(s.sessionId, 'reason_selected', { reasonId: 'too_expensive' }),
      event(s.sessionId, 'offer_shown', { offerId: 'discount_30', offerType: 'discount' }),
    ];
    await t.call('POST', '/v1/events', { events, keys: { [s.sessionId]: s.sessionKey } });
    const reply = await t.call(
      'POST',
      `/v1/sessions/${s.sessionId}/accept`,
      { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' },
      { 'idempotency-key': `${sub}-accept` },
    );
    expect(reply.status).toBe(200);
  }

  beforeAll(async () => {
    t = await startTestServer({ backend });
    await saveWith('c1', 49, 'USD');
    await saveWith('c2', 30, 'EUR');
    await saveWith('c3', 20, 'EUR');
  });
  afterAll(() => t?.close());

  it('offers and trends sum MRR saved per currency, never across currencies', async () => {
    const offers = await t.admin('GET', '/v1/admin/insights/offers');
    expect(offers.body.offers).toEqual([
      expect.objectContaining({ offerId: 'discount_30', accepted: 3, mrrSaved: { USD: 49, EUR: 50 } }),
    ]);
    const trends = await t.admin('GET', '/v1/admin/insights/trends');
    expect(trends.body.weeks).toEqual([expect.objectContaining({ saved: 3, mrrSaved: { USD: 49, EUR: 50 } })]);
    const summary = await t.admin('GET', '/v1/admin/insights/summary');
    expect(summary.body.mrrSaved).toEqual({ USD: 49, EUR: 50 });
  });

  // A cell of JSON ("{""USD"":49,""EUR"":50}") neither read as money nor summed in a spreadsheet.
  it('the CSV has a column per currency, of plain amounts, for MRR saved and retained', async () => {
    const offers = (await t.admin('GET', '/v1/admin/insights/offers?format=csv')).text.split('\r\n');
    expect(offers[0]).toBe(
      'offerId,offerName,offerType,shown,accepted,acceptanceRate,mrrSaved_EUR,mrrSaved_USD,retained,lost,pending,retainedRate',
    );
    expect(offers[1]).toBe('discount_30,30% off for 3 months,discount,3,3,1,50.00,49.00,0,0,3,');
    const summary = (await t.admin('GET', '/v1/admin/insights/summary?format=csv')).text.split('\r\n');
    const cells = Object.fromEntries(summary[0]?.split(',').map((c, i) => [c, summary[1]?.split(',')[i]]) ?? []);
    expect(cells).toMatchObject({ mrrSaved_EUR: '50.00', mrrSaved_USD: '49.00' });
    expect(summary[0]).not.toMatch(/mrrSaved,|mrrRetained/); // no save is due yet: nothing retained in any currency
  });

  it('trends by day, week or month count the same sessions, keyed by the period', async () => {
    const days = await t.admin('GET', '/v1/admin/insights/trends?by=day');
    expect(days.body.days).toEqual([expect.objectContaining({ saved: 3, mrrSaved: { USD: 49, EUR: 50 } })]);
    const [{ day }] = days.body.days;
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const months = await t.admin('GET', '/v1/admin/insights/trends?by=month');
    expect(months.body.months).toEqual([expect.objectContaining({ month: day.slice(0, 7), saved: 3 })]);
    const csv = await t.admin('GET', '/v1/admin/insights/trends?by=month&format=csv');
    expect(csv.text.split('\r\n')[0]).toMatch(/^month,sessions,/);
    expect((await t.admin('GET', '/v1/admin/insights/trends?by=year')).status).toBe(400);
  });

  it('names offers and reasons as the flow does, in the JSON and the CSV', async () => {
    const offers = await t.admin('GET', '/v1/admin/insights/offers?siteId=acme');
    expect(offers.body.offers[0].offerName).toBe('30% off for 3 months');
    const csv = await t.admin('GET', '/v1/admin/insights/reasons?format=csv');
    expect(csv.text.split('\r\n')[0]).toMatch(/^reasonId,reasonLabel,/);
    expect(csv.text).toContain('too_expensive,Too expensive,');
  });

  it('lists the sites and their flows for the selector', async () => {
    const { body } = await t.admin('GET', '/v1/admin/sites');
    expect(body.sites.map((s: { id: string; flowId: string }) => [s.id, s.flowId])).toEqual([
      ['acme', 'acme-main'],
      ['exp', 'acme-exp'],
      ['hooked', 'acme-main'],
    ]);
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});
