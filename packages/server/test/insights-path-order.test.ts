import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { openSession, startTestServer, type TestServer } from './helpers.ts';

// A session's path is ordered by when each event happened. The browser sends that time with a UTC
// offset if it likes (the wire schema takes any ISO offset); the server writes its own events (the
// offer a taken accept records as shown) in UTC. Ordered as text, "16:59:30+05:00" (11:59:30 UTC)
// came after "12:00:00.000Z": the sessions list said the offer was shown before the reason it
// answered was picked.
describe.each(BACKENDS)('a session path with times in several offsets (%s)', (backend) => {
  let t: TestServer;
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestServer({ backend, now: () => new Date('2026-12-02T12:00:00Z') });
    const s = await openSession(t, { sub: 'offset-1' });
    sessionId = s.sessionId;
    const at = (id: string, when: string, type: string, payload: object) => ({
      id,
      sessionId,
      at: when,
      type,
      payload,
    });
    const sent = await t.call('POST', '/v1/events', {
      events: [
        at('o1', '2026-12-02T11:59:00Z', 'step_viewed', { stepId: 'why', stepType: 'survey' }),
        at('o2', '2026-12-02T16:59:30+05:00', 'reason_selected', { reasonId: 'too_expensive' }),
      ],
      keys: { [sessionId]: s.sessionKey },
    });
    expect(sent.body.rejected).toEqual([]);
    const accepted = await t.call(
      'POST',
      `/v1/sessions/${sessionId}/accept`,
      { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' },
      { 'idempotency-key': 'offset-1-accept' },
    );
    expect(accepted.status, accepted.text).toBe(200);
  });
  afterAll(() => t?.close());

  it('orders the steps by the moment they name, and says each moment in UTC', async () => {
    const { body } = await t.admin('GET', '/v1/admin/insights/sessions');
    const session = body.sessions.find((s: { sessionId: string }) => s.sessionId === sessionId);
    expect(session.path).toEqual([
      { at: '2026-12-02T11:59:00.000Z', type: 'step_viewed', detail: 'why' },
      { at: '2026-12-02T11:59:30.000Z', type: 'reason_selected', detail: 'too_expensive' },
      { at: '2026-12-02T12:00:00.000Z', type: 'offer_shown', detail: 'discount_30' },
    ]);
  });
});
