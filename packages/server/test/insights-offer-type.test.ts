import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { event, openSession, startTestServer, type TestServer } from './helpers.ts';

// The offers report took an offer's type from the offers taken: one shown but never taken had none,
// and the dashboard's Type column read "—" for it — always for a contact offer, which is never taken.
describe.each(BACKENDS)('the type of an offer nobody took (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
    const s = await openSession(t, { sub: 'vip-1', plan: 'vip' });
    const sent = await t.call('POST', '/v1/events', {
      events: [
        event(s.sessionId, 'reason_selected', { reasonId: 'too_expensive' }),
        event(s.sessionId, 'offer_shown', { offerId: 'vip_talk', offerType: 'contact' }),
      ],
      keys: { [s.sessionId]: s.sessionKey },
    });
    expect(sent.body.rejected).toEqual([]);
  });
  afterAll(() => t?.close());

  it('comes from the flow', async () => {
    const { body } = await t.admin('GET', '/v1/admin/insights/offers');
    expect(body.offers).toEqual([
      expect.objectContaining({ offerId: 'vip_talk', offerType: 'contact', shown: 1, accepted: 0 }),
    ]);
  });
});
