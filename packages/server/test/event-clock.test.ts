import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { openSession, startTestServer, type TestServer } from './helpers.ts';

// The widget stamps events with the device's clock. A device years ahead (or minutes behind) put its
// events after (or before) the offer the server records as shown when the subscriber takes it, so
// the sessions list read "was offered discount_30 → picked too_expensive", and its times were the
// device's. A batch that says when it was sent (`sentAt`, by the same clock) is corrected by how far
// that is from the server's receive time (docs/server.md, "Event times").
const NOW = new Date('2026-12-02T12:00:00Z');

describe.each(BACKENDS)('event times from a device with a wrong clock (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend, now: () => NOW });
  });
  afterAll(() => t?.close());

  /** A session whose step view and reason were sent in one batch from a device `ahead` ms off, then accepted. */
  async function sessionFrom(sub: string, ahead: number, batch: { sentAt?: unknown; late?: number } = {}) {
    const s = await openSession(t, { sub });
    // The device sent its batch 2 s after the reason, which came 30 s after the step view (real time).
    const device = (ms: number) => new Date(NOW.getTime() + ahead + ms).toISOString();
    const sent = await t.call('POST', '/v1/events', {
      events: [
        {
          id: `${sub}-1`,
          sessionId: s.sessionId,
          at: device(-32_000),
          type: 'step_viewed',
          payload: { stepId: 'why', stepType: 'survey' },
        },
        {
          id: `${sub}-2`,
          sessionId: s.sessionId,
          at: device(-2_000 + (batch.late ?? 0)),
          type: 'reason_selected',
          payload: { reasonId: 'too_expensive' },
        },
      ],
      keys: { [s.sessionId]: s.sessionKey },
      ...('sentAt' in batch ? { sentAt: batch.sentAt } : { sentAt: device(0) }),
    });
    expect(sent.body).toMatchObject({ stored: [`${sub}-1`, `${sub}-2`], rejected: [] });
    const accepted = await t.call(
      'POST',
      `/v1/sessions/${s.sessionId}/accept`,
      { sessionKey: s.sessionKey, offerId: 'discount_30', reasonId: 'too_expensive' },
      { 'idempotency-key': `${sub}-accept` },
    );
    expect(accepted.status, accepted.text).toBe(200);
    const { body } = await t.admin('GET', '/v1/admin/insights/sessions?limit=1000');
    return body.sessions.find((x: { sessionId: string }) => x.sessionId === s.sessionId).path;
  }

  const corrected = [
    { at: '2026-12-02T11:59:28.000Z', type: 'step_viewed', detail: 'why' },
    { at: '2026-12-02T11:59:58.000Z', type: 'reason_selected', detail: 'too_expensive' },
    { at: '2026-12-02T12:00:00.000Z', type: 'offer_shown', detail: 'discount_30' },
  ];

  it('moves the events of a device three years ahead to the server clock', async () => {
    expect(await sessionFrom('ahead-years', 3 * 365 * 86_400_000)).toEqual(corrected);
  });

  it('moves the events of a device five minutes behind to the server clock', async () => {
    expect(await sessionFrom('behind-minutes', -5 * 60_000)).toEqual(corrected);
  });

  it('keeps the times of a batch that took less than a minute (delivery time, not a wrong clock)', async () => {
    // Sent 40 s before the server got it (retries): correcting would move the events 40 s later.
    const path = await sessionFrom('slow-delivery', -40_000);
    expect(path.map((s: { at: string }) => s.at)).toEqual([
      '2026-12-02T11:58:48.000Z',
      '2026-12-02T11:59:18.000Z',
      '2026-12-02T12:00:00.000Z',
    ]);
  });

  it('keeps the times as sent without a usable sentAt (an API client, an older widget)', async () => {
    const ahead = 3600_000;
    const none = await sessionFrom('no-sent-at', ahead, { sentAt: undefined });
    const garbage = await sessionFrom('bad-sent-at', ahead, { sentAt: 'yesterday' });
    for (const path of [none, garbage]) {
      expect(path.map((s: { type: string }) => s.type)).toEqual(['offer_shown', 'step_viewed', 'reason_selected']);
      expect(path[1].at).toBe('2026-12-02T12:59:28.000Z');
    }
  });

  it('never stores an event as later than the server received it', async () => {
    // An event stamped an hour after its own batch was sent (a tampered body) cannot have happened yet.
    const path = await sessionFrom('after-sent', 0, { late: 3600_000 });
    expect(path[1]).toEqual({ at: '2026-12-02T12:00:00.000Z', type: 'reason_selected', detail: 'too_expensive' });
  });
});
