import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { openSession, startTestServer, type TestServer } from './helpers.ts';

/**
 * One subscriber with the flow open in two windows: a cancel confirmed in one stands. An offer taken
 * afterwards in the other used to be applied, and that window thanked them for staying while the
 * first one's receipt said cancelled (billing then held both). The other order — an offer taken,
 * then a cancel in the other window — ends cancelled: the subscriber's last word.
 */
describe.each(BACKENDS)('two windows of one subscriber (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ backend });
  });
  afterAll(() => t?.close());

  const accept = (s: { sessionId: string; sessionKey: string }) =>
    t.call('POST', `/v1/sessions/${s.sessionId}/accept`, {
      sessionKey: s.sessionKey,
      offerId: 'pause',
      reasonId: 'not_using',
      choice: { months: 2 },
    });
  const cancel = (s: { sessionId: string; sessionKey: string }) =>
    t.call('POST', `/v1/sessions/${s.sessionId}/cancel`, { sessionKey: s.sessionKey, reasonId: 'not_using' });

  it('an offer taken after a cancel confirmed in the other window is refused, naming that cancel', async () => {
    const claims = { sub: 'two_windows', sid: 'sub_two_windows' };
    const [first, second] = [await openSession(t, claims), await openSession(t, claims)];
    expect((await cancel(first)).status).toBe(200);
    const taken = await accept(second);
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toMatch(
      /^this subscription was cancelled in another window at .+; that cancel stands$/,
    );
    const status = await t.admin('GET', `/v1/admin/insights/sessions?siteId=acme`);
    const mine = status.body.sessions.filter((s: { sessionId: string }) =>
      [first.sessionId, second.sessionId].includes(s.sessionId),
    );
    expect(mine.map((s: { status: string }) => s.status).sort()).toEqual(['cancelled', 'open']);
  });

  it("with no sid in either token (the customer's only subscription), the cancel in the other window stands too", async () => {
    const claims = { sub: 'two_windows_no_sid' };
    const [first, second] = [await openSession(t, claims), await openSession(t, claims)];
    expect((await cancel(first)).status).toBe(200);
    expect((await accept(second)).status).toBe(409);
    // A session naming a subscription is another one than the sid-less one, both ways: not affected.
    const named = await openSession(t, { sub: 'two_windows_no_sid', sid: 'sub_named' });
    expect((await accept(named)).status).toBe(200);
    const [namedCancelled, unnamed] = [
      await openSession(t, { sub: 'named_then_unnamed', sid: 'sub_named' }),
      await openSession(t, { sub: 'named_then_unnamed' }),
    ];
    expect((await cancel(namedCancelled)).status).toBe(200);
    expect((await accept(unnamed)).status).toBe(200);
  });

  it('another subscription of the same subscriber, or an offer taken before the cancel, is not affected', async () => {
    const [cancelled, other] = [
      await openSession(t, { sub: 'two_subs', sid: 'sub_a' }),
      await openSession(t, { sub: 'two_subs', sid: 'sub_b' }),
    ];
    expect((await cancel(cancelled)).status).toBe(200);
    expect((await accept(other)).status).toBe(200);

    const [saved, leaving] = [
      await openSession(t, { sub: 'stays_then_leaves', sid: 'sub_c' }),
      await openSession(t, { sub: 'stays_then_leaves', sid: 'sub_c' }),
    ];
    expect((await accept(saved)).status).toBe(200);
    expect((await cancel(leaving)).status).toBe(200);
  });
});
