import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { event, openSession, startTestServer, type TestServer } from './helpers.ts';

// What the widget sends for one cancellation: the answers as `feedback_submitted` events, and the
// same text, joined, in the cancel body (adapters other than the reference server's may need it there).
describe.each(BACKENDS)('%s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  it('stores each answer once, with the step it was written on, however it arrived', async () => {
    const s = await openSession(t, { sub: 'cus_writes' });
    const keys = { [s.sessionId]: s.sessionKey };
    await t.call('POST', '/v1/events', {
      events: [
        event(s.sessionId, 'reason_selected', { reasonId: 'missing' }),
        event(s.sessionId, 'feedback_submitted', { stepId: 'why', text: 'No SSO' }),
        event(s.sessionId, 'feedback_submitted', { stepId: 'feedback', text: 'Add SAML, please' }),
      ],
      keys,
    });
    const cancelled = await t.call(
      'POST',
      `/v1/sessions/${s.sessionId}/cancel`,
      { sessionKey: s.sessionKey, reasonId: 'missing', feedback: 'No SSO\n\nAdd SAML, please' },
      { 'idempotency-key': 'once' },
    );
    expect(cancelled.status).toBe(200);

    const exported = (await t.admin('GET', '/v1/admin/subscribers/cus_writes/export')).body;
    expect(exported.feedback.map((f: { text: string; source: string }) => [f.source, f.text]).sort()).toEqual([
      ['feedback_step', 'Add SAML, please'],
      ['follow_up', 'No SSO'],
    ]);
    const insights = await t.admin('GET', '/v1/admin/insights/feedback?q=sso');
    expect(insights.body.feedback).toHaveLength(1);
  });
});
