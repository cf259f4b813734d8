import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { ADMIN_KEY, event, send, startTestServer, type TestServer, token } from './helpers.ts';

// The sessions list with each session's path, the reasons trend, and feedback by plan and locale,
// over real HTTP on every database the server supports.
describe.each(BACKENDS)('insights: sessions, reason trends, feedback filters (%s)', (backend) => {
  let t: TestServer;
  const admin = async (path: string) =>
    send(`${t.url}/v1/admin/insights/${path}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });

  /** A session by `sub` on `plan`, in `language`, that picks a reason, sees its offer and cancels with feedback. */
  async function cancelled(sub: string, plan: string, language: string, feedback: string) {
    const start = await t.call('POST', '/v1/sessions', {
      token: await token({ sub, plan }),
      locale: { browser: [language] },
    });
    expect(start.status).toBe(201);
    const { sessionId, sessionKey } = start.body as { sessionId: string; sessionKey: string };
    const sent = await t.call('POST', '/v1/events', {
      events: [
        event(sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' }),
        event(sessionId, 'reason_selected', { reasonId: 'too_expensive' }),
        event(sessionId, 'offer_shown', { offerId: 'discount_30', offerType: 'discount' }),
        event(sessionId, 'offer_declined', { offerId: 'discount_30', offerType: 'discount' }),
        event(sessionId, 'feedback_submitted', { stepId: 'feedback', text: feedback }),
      ],
      keys: { [sessionId]: sessionKey },
    });
    expect(sent.body.rejected).toEqual([]);
    const end = await t.call(
      'POST',
      `/v1/sessions/${sessionId}/cancel`,
      { sessionKey, reasonId: 'too_expensive' },
      { 'idempotency-key': `${sub}-cancel` },
    );
    expect(end.status).toBe(200);
    return sessionId;
  }

  let english: string;
  let german: string;
  beforeAll(async () => {
    t = await startTestServer({ backend });
    english = await cancelled('p1', 'pro', 'en-US', 'Too pricey for our team');
    german = await cancelled('p2', 'basic', 'de-DE', 'Zu teuer für uns');
  });
  afterAll(() => t?.close());

  it('lists sessions newest first, each with its path through the flow in order', async () => {
    const reply = await admin('sessions');
    expect(reply.status).toBe(200);
    const [newest, older] = reply.body.sessions;
    expect([newest.sessionId, older.sessionId]).toEqual([german, english]);
    expect(older).toMatchObject({ status: 'cancelled', plan: 'pro', locale: 'en', reasonId: 'too_expensive' });
    expect(older.reasonLabel).toBe('Too expensive');
    const path = older.path.map((s: { type: string; detail: string | null }) => [s.type, s.detail]);
    expect(path.slice(0, 5)).toEqual([
      ['step_viewed', 'why'],
      ['reason_selected', 'too_expensive'],
      ['offer_shown', 'discount_30'],
      ['offer_declined', 'discount_30'],
      ['feedback_submitted', 'feedback'],
    ]);
    expect(JSON.stringify(older.path)).not.toContain('Too pricey'); // free text stays in feedback
    expect((await admin('sessions?status=saved')).body.sessions).toEqual([]);
    expect((await admin('sessions?status=nope')).status).toBe(400);
    expect(
      (await admin('sessions?limit=1&offset=1')).body.sessions.map((s: { sessionId: string }) => s.sessionId),
    ).toEqual([english]);
  });

  it('exports the sessions with their paths as CSV', async () => {
    const reply = await admin('sessions?format=csv');
    expect(reply.headers.get('content-type')).toContain('text/csv');
    const [header, , row] = reply.text.trim().split(/\r?\n/);
    expect(header).toContain('path');
    expect(row).toContain('step_viewed why → reason_selected too_expensive → offer_shown discount_30');
  });

  it("trends each reason's outcomes by period", async () => {
    const reply = await admin('reason-trends?by=day');
    expect(reply.status).toBe(200);
    expect(reply.body.periods).toEqual([
      expect.objectContaining({ reasonId: 'too_expensive', reasonLabel: 'Too expensive', sessions: 2, cancelled: 2 }),
    ]);
    expect(reply.body.periods[0].period).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await admin('reason-trends?by=month')).body.periods[0].period).toMatch(/^\d{4}-\d{2}$/);
    expect((await admin('reason-trends?by=year')).status).toBe(400);
    expect((await admin('reason-trends?format=csv')).text.split(/\r?\n/)[0]).toBe(
      'period,reasonId,reasonLabel,sessions,saved,cancelled,abandoned,open,saveRate',
    );
  });

  it('filters feedback by the plan and locale of its session', async () => {
    const byPlan = await admin('feedback?plan=basic');
    expect(byPlan.body.feedback.map((f: { text: string }) => f.text)).toEqual(['Zu teuer für uns']);
    expect(byPlan.body.feedback[0]).toMatchObject({ plan: 'basic', locale: 'de' });
    const byLocale = await admin('feedback?locale=en');
    expect(byLocale.body.feedback.map((f: { text: string }) => f.text)).toEqual(['Too pricey for our team']);
    expect((await admin('feedback?plan=pro&locale=de')).body.feedback).toEqual([]);
  });
  it('says whether rows exist past the page (hasMore), also when the page is exactly full', async () => {
    // Two sessions and two answers: a page of two holds them all, and nothing older exists.
    const full = await admin('sessions?limit=2');
    expect([full.body.sessions.length, full.body.hasMore]).toEqual([2, false]);
    expect((await admin('sessions?limit=1')).body.hasMore).toBe(true);
    expect((await admin('sessions?limit=1&offset=1')).body.hasMore).toBe(false);
    const answers = await admin('feedback?limit=2');
    expect([answers.body.feedback.length, answers.body.hasMore]).toEqual([2, false]);
    expect((await admin('feedback?limit=1')).body.hasMore).toBe(true);
    // The CSV holds the page only, not the row read to answer `hasMore`.
    expect((await admin('sessions?limit=1&format=csv')).text.trim().split(/\r?\n/)).toHaveLength(2);
  });
  // Last: it adds a saved session, which the counts above do not expect.
  it('shows a taken offer once in the path, though the server records it as shown too', async () => {
    const start = await t.call('POST', '/v1/sessions', { token: await token({ sub: 'p3' }), locale: {} });
    const { sessionId, sessionKey } = start.body as { sessionId: string; sessionKey: string };
    await t.call('POST', '/v1/events', {
      events: [
        event(sessionId, 'reason_selected', { reasonId: 'too_expensive' }),
        event(sessionId, 'offer_shown', { offerId: 'discount_30', offerType: 'discount' }),
      ],
      keys: { [sessionId]: sessionKey },
    });
    const taken = await t.call('POST', `/v1/sessions/${sessionId}/accept`, {
      sessionKey,
      offerId: 'discount_30',
      reasonId: 'too_expensive',
    });
    expect(taken.status).toBe(200);
    const listed = (await admin('sessions?status=saved')).body.sessions as { path: { type: string }[] }[];
    expect(listed[0]?.path.filter((step) => step.type === 'offer_shown')).toHaveLength(1);
  });
});
