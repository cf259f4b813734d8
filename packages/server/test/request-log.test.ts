import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/http/log.ts';
import { startTestServer, type TestServer, token } from './helpers.ts';

describe('the request log', () => {
  const logs: LogEntry[] = [];
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ log: (entry) => logs.push(entry) });
  });
  afterAll(() => t?.close());

  /** The `request` line of the one request `act` makes. */
  async function requestLine(act: () => Promise<unknown>): Promise<LogEntry | undefined> {
    logs.length = 0;
    await act();
    return logs.find((entry) => entry.msg === 'request');
  }

  it('says why a request was refused: an origin the site does not list', async () => {
    const tok = await token({ sub: 'cus_log' });
    const line = await requestLine(() =>
      t.call('POST', '/v1/sessions', { token: tok, locale: {} }, { origin: 'https://evil.example' }),
    );
    expect(line).toMatchObject({
      route: '/v1/sessions',
      status: 403,
      reason: 'origin https://evil.example is not allowed for this site',
    });
  });

  it('says why a token was refused, and never logs the token', async () => {
    const tok = await token({ sub: 'cus_log' }, { secret: 'another-secret-0123456789abcdef0123' });
    const line = await requestLine(() => t.call('POST', '/v1/sessions', { token: tok, locale: {} }));
    expect(line).toMatchObject({ status: 401, reason: 'the token signature is invalid' });
    expect(JSON.stringify(logs)).not.toContain(tok.split('.')[2]);
  });

  it('gives no reason for an answer that was not a refusal', async () => {
    const line = await requestLine(() => t.call('POST', '/v1/sessions', { locale: {} }));
    expect(line?.status).toBe(422);
    expect(line).not.toHaveProperty('reason');
  });
});
