import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, openSession, startTestServer, type TestServer, token } from './helpers.ts';

// Request bodies an attacker shapes to trip the server's own objects: prototype keys, ids that are
// the names of Object's own methods, bodies in the encodings an HTML form can send. The server runs in
// this process, so a polluted Object.prototype would show here.
describe('hostile JSON on the public endpoints', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('takes __proto__ and constructor keys as plain data: nothing reaches Object.prototype', async () => {
    const body = `{"token":"${await token({ sub: 'cus_proto' })}","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}`;
    expect((await t.call('POST', '/v1/sessions', body)).status).toBe(201);
    const s = await openSession(t, { sub: 'cus_proto_events' });
    const e = event(s.sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' });
    // Written out: in an object literal, `__proto__` sets the prototype and JSON.stringify drops it.
    const withProto = JSON.stringify(e).replace('"payload":{', '"payload":{"__proto__":{"polluted":1},');
    const keys = `{"__proto__":{"polluted":1},"${s.sessionId}":"${s.sessionKey}"}`;
    const reply = await t.call('POST', '/v1/events', `{"events":[${withProto}],"keys":${keys}}`);
    expect(reply.body.stored).toEqual([e.id]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses events for sessions named like Object's own properties as unknown, not with a 500", async () => {
    for (const sessionId of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const e = event(sessionId, 'step_viewed', { stepId: 'why', stepType: 'survey' });
      const reply = await t.call('POST', '/v1/events', { events: [e], keys: {} });
      expect(reply.status, sessionId).toBe(200);
      expect(reply.body.rejected, sessionId).toEqual([{ id: e.id, code: 'unknown_session' }]);
    }
  });

  it('answers a form encoding with 415: only JSON, or JSON as text/plain (sendBeacon), is read', async () => {
    const tok = await token({ sub: 'cus_form' });
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const reply = await t.call('POST', '/v1/sessions', `token=${tok}`, { 'content-type': type });
      expect(reply.status, type).toBe(415);
    }
    const plain = await t.call('POST', '/v1/sessions', JSON.stringify({ token: tok }), {
      'content-type': 'text/plain',
    });
    expect(plain.status).toBe(201);
  });
});
