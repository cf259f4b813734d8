import { AdapterError, type FlowEvent } from '@cancelflow/core';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { type HttpAdapterOptions, httpAdapter } from '../src/adapters/http.ts';

const API = 'https://cancel.example.com';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Answers each request to `path` with the next of `answers` (the last one repeats) and records what it saw. */
function route(path: string, ...answers: (() => Response | Promise<Response>)[]): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.all(`${API}${path}`, async ({ request }) => {
      const text = await request.text();
      seen.push({
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body: text ? JSON.parse(text) : undefined,
      });
      const answer = answers[Math.min(seen.length, answers.length) - 1];
      return answer ? answer() : HttpResponse.json({});
    }),
  );
  return seen;
}

/** Backoff waits are recorded instead of slept, so tests never depend on the clock. */
function adapter(options: Partial<HttpAdapterOptions> = {}) {
  const waits: number[] = [];
  const instance = httpAdapter({
    endpoint: `${API}/`,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { adapter: instance, waits };
}

const event = (id: string, sessionId = 's1'): FlowEvent => ({
  id,
  sessionId,
  at: '2026-03-01T10:00:00.000Z',
  type: 'reason_selected',
  payload: { reasonId: 'too_expensive' },
});

const start = { sessionId: 's1', sessionKey: 'k1', flow: {}, subscriber: { sub: 'c1' }, locale: 'en' };
const receipt = {
  id: 'r1',
  sessionId: 's1',
  confirmedAt: '2026-03-01T10:00:00.000Z',
  effectiveOn: '2026-03-31',
  refund: 'No refund',
};

const error =
  (status: number, message: string, init: ResponseInit = {}) =>
  () =>
    HttpResponse.json({ error: { code: 'x', message } }, { status, ...init });

describe('request shapes', () => {
  test('startSession POSTs the token and locale preferences as JSON to /v1/sessions', async () => {
    const seen = route('/v1/sessions', () => HttpResponse.json(start, { status: 201 }));
    const result = await adapter().adapter.startSession({ token: 'jwt', locale: { explicit: 'de', browser: ['en'] } });
    expect(result).toEqual(start);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe(`${API}/v1/sessions`);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.body).toEqual({ token: 'jwt', locale: { explicit: 'de', browser: ['en'] } });
  });

  test('sendEvents POSTs the batch with the session keys and this clock at sending to /v1/events', async () => {
    // The server corrects the events' times by how far `sentAt` is from its own clock (a device years off).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2029-03-01T10:00:05.000Z') });
    try {
      const seen = route('/v1/events', () => HttpResponse.json({ stored: ['e1'], duplicates: ['e2'] }));
      await adapter().adapter.sendEvents([event('e1'), event('e2', 's2')], { s1: 'k1', s2: 'k2' });
      expect(seen[0]?.url).toBe(`${API}/v1/events`);
      expect(seen[0]?.body).toEqual({
        events: [event('e1'), event('e2', 's2')],
        keys: { s1: 'k1', s2: 'k2' },
        sentAt: '2029-03-01T10:00:05.000Z',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  test('acceptOffer POSTs the session key, offer and choice with the caller idempotency key', async () => {
    const seen = route('/v1/sessions/s%201/accept', () => HttpResponse.json({ offerId: 'pause', applied: true }));
    await adapter().adapter.acceptOffer({
      sessionId: 's 1',
      sessionKey: 'k1',
      offerId: 'pause',
      choice: { months: 2 },
      idempotencyKey: 'key-accept',
    });
    expect(seen[0]?.url).toBe(`${API}/v1/sessions/s%201/accept`);
    expect(seen[0]?.headers['idempotency-key']).toBe('key-accept');
    expect(seen[0]?.body).toEqual({ sessionKey: 'k1', offerId: 'pause', choice: { months: 2 } });
  });

  test("acceptOffer resolves with billing's result, which the done step shows", async () => {
    const result = { resumesOn: '2026-02-28', message: 'Paused in Acme Billing.' };
    route('/v1/sessions/s1/accept', () => HttpResponse.json({ offerId: 'pause', applied: true, result }));
    const answer = await adapter().adapter.acceptOffer({
      sessionId: 's1',
      sessionKey: 'k1',
      offerId: 'pause',
      idempotencyKey: 'k',
    });
    expect(answer).toEqual(result);
  });

  test('confirmCancel POSTs reason and withdrawal, not the free text (the server stores it once, from the events), and resolves with the receipt', async () => {
    const seen = route('/v1/sessions/s1/cancel', () => HttpResponse.json(receipt));
    const result = await adapter().adapter.confirmCancel({
      sessionId: 's1',
      sessionKey: 'k1',
      reasonId: 'too_expensive',
      feedback: 'costly',
      withdraw: true,
      idempotencyKey: 'key-cancel',
    });
    expect(result).toEqual(receipt);
    expect(seen[0]?.headers['idempotency-key']).toBe('key-cancel');
    expect(seen[0]?.body).toEqual({ sessionKey: 'k1', reasonId: 'too_expensive', withdraw: true });
  });
});

describe('retries and backoff', () => {
  test('network errors, 5xx and 429 are retried with growing, jittered waits; the idempotency key stays', async () => {
    const seen = route(
      '/v1/sessions/s1/cancel',
      () => HttpResponse.error(),
      error(503, 'down'),
      error(500, 'oops'),
      () => HttpResponse.json(receipt),
    );
    const { adapter: a, waits } = adapter({ retries: 3, random: () => 0.5 });
    await expect(a.confirmCancel({ sessionId: 's1', sessionKey: 'k1', idempotencyKey: 'same-key' })).resolves.toEqual(
      receipt,
    );
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((s) => s.headers['idempotency-key']))).toEqual(new Set(['same-key']));
    // 250 ms doubling, half fixed and half random (random() = 0.5 → three quarters of each).
    expect(waits).toEqual([187.5, 375, 750]);
  });

  test('jitter spreads the wait between half and all of the exponential delay', async () => {
    route('/v1/events', error(500, 'x'));
    const low = adapter({ retries: 1, random: () => 0 });
    const high = adapter({ retries: 1, random: () => 0.999 });
    await expect(low.adapter.sendEvents([event('e1')], {})).rejects.toThrow(AdapterError);
    await expect(high.adapter.sendEvents([event('e1')], {})).rejects.toThrow(AdapterError);
    expect(low.waits[0]).toBe(125);
    expect(high.waits[0]).toBeGreaterThan(249);
    expect(high.waits[0]).toBeLessThan(250);
  });

  test('a 429 waits as long as Retry-After says, in seconds or as an HTTP date', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    try {
      route(
        '/v1/events',
        error(429, 'slow down', { headers: { 'retry-after': '3' } }),
        error(429, 'slow down', { headers: { 'retry-after': 'Sun, 01 Mar 2026 10:00:05 GMT' } }),
        () => HttpResponse.json({ stored: ['e1'] }),
      );
      const { adapter: a, waits } = adapter({ retries: 2 });
      await a.sendEvents([event('e1')], {});
      expect(waits).toEqual([3000, 5000]);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a Retry-After beyond 10 s is not waited for: unavailable at once', async () => {
    const seen = route('/v1/events', error(429, 'slow down', { headers: { 'retry-after': '120' } }));
    const { adapter: a, waits } = adapter({ retries: 5 });
    await expect(a.sendEvents([event('e1')], {})).rejects.toMatchObject({ code: 'unavailable', status: 429 });
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  test('a 409 in_progress with Retry-After (another server process is applying it) is waited for', async () => {
    const seen = route(
      '/v1/sessions/s1/accept',
      () =>
        HttpResponse.json(
          { error: { code: 'in_progress', message: 'still being applied' } },
          { status: 409, headers: { 'retry-after': '1' } },
        ),
      () => HttpResponse.json({ offerId: 'o', applied: true, result: { resumesOn: '2027-03-05' } }),
    );
    const { adapter: a, waits } = adapter({ retries: 2 });
    const result = await a.acceptOffer({ sessionId: 's1', sessionKey: 'k', offerId: 'o', idempotencyKey: 'i' });
    expect(result).toEqual({ resumesOn: '2027-03-05' });
    expect(waits).toEqual([1000]);
    expect(seen.map((r) => r.headers['idempotency-key'])).toEqual(['i', 'i']);
  });

  test("'still being applied' is polled as long as it lasts, up to 15 s in all, without using up a retry", async () => {
    const applying = () =>
      HttpResponse.json(
        { error: { code: 'in_progress', message: 'still being applied' } },
        { status: 409, headers: { 'retry-after': '1' } },
      );
    const answers = [
      ...Array.from({ length: 12 }, () => applying),
      () => HttpResponse.json({ offerId: 'o', applied: true }),
    ];
    const seen = route('/v1/sessions/s1/accept', ...answers);
    const { adapter: a, waits } = adapter({ retries: 2 });
    await a.acceptOffer({ sessionId: 's1', sessionKey: 'k', offerId: 'o', idempotencyKey: 'i' });
    expect(seen).toHaveLength(13);
    expect(waits).toEqual(Array.from({ length: 12 }, () => 1000));

    server.resetHandlers();
    const forever = route('/v1/sessions/s1/accept', applying);
    const polling = adapter({ retries: 2 });
    await expect(
      polling.adapter.acceptOffer({ sessionId: 's1', sessionKey: 'k', offerId: 'o', idempotencyKey: 'i' }),
    ).rejects.toMatchObject({ code: 'conflict', status: 409 });
    expect(polling.waits).toEqual(Array.from({ length: 15 }, () => 1000));
    expect(forever).toHaveLength(16);
  });

  test('a 409 naming this offer as already taken (an earlier answer was lost) is that save, with its result', async () => {
    const taken = (offerId: string) => () =>
      HttpResponse.json(
        {
          error: {
            code: 'conflict',
            message: 'an offer was already accepted in this session',
            accepted: { offerId, choice: { months: 1 }, result: { resumesOn: '2027-01-02' } },
          },
        },
        { status: 409 },
      );
    route('/v1/sessions/s1/accept', taken('pause'));
    const request = { sessionId: 's1', sessionKey: 'k', offerId: 'pause', choice: { months: 2 }, idempotencyKey: 'i' };
    await expect(adapter().adapter.acceptOffer(request)).resolves.toEqual({ resumesOn: '2027-01-02' });
    // Another offer taken: this one was not, and the refusal stands.
    server.resetHandlers();
    route('/v1/sessions/s1/accept', taken('discount'));
    await expect(adapter().adapter.acceptOffer(request)).rejects.toMatchObject({ code: 'conflict', status: 409 });
  });

  test('4xx answers are final: no retry', async () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      const seen = route('/v1/sessions', error(status, 'no'));
      await expect(adapter({ retries: 3 }).adapter.startSession({ token: 't', locale: {} })).rejects.toThrow(
        AdapterError,
      );
      expect(seen).toHaveLength(1);
      server.resetHandlers();
    }
  });

  test('after the last retry the error is unavailable and says so', async () => {
    const seen = route('/v1/events', error(502, 'bad gateway'));
    const { adapter: a, waits } = adapter({ retries: 2 });
    const failure = await a.sendEvents([event('e1')], {}).catch((e: unknown) => e);
    expect(seen).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(failure).toMatchObject({ code: 'unavailable', status: 502 });
    expect((failure as Error).message).toContain(`${API}/v1/events answered 502`);
    expect((failure as Error).message).toContain('bad gateway');
  });
});

describe('a connection that drops during a decision', () => {
  const cancel = { sessionId: 's1', sessionKey: 'k1', idempotencyKey: 'key-cancel' };

  /** The browser offline (as `navigator.onLine` says) until `back()`; `online` waits are recorded. */
  function offlinePage() {
    const navigator = { onLine: false };
    vi.stubGlobal('navigator', navigator);
    const onlineWaits: number[] = [];
    return {
      onlineWaits,
      back: () => {
        navigator.onLine = true;
      },
    };
  }
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test('a cancel sent while offline waits for the connection, then goes out again without spending a retry', async () => {
    const page = offlinePage();
    const seen = route(
      '/v1/sessions/s1/cancel',
      () => HttpResponse.error(),
      () => HttpResponse.json(receipt),
    );
    const { adapter: a, waits } = adapter({
      online: async (ms) => {
        page.onlineWaits.push(ms);
        page.back(); // the connection comes back while the decision waits
      },
    });
    expect(await a.confirmCancel(cancel)).toEqual(receipt);
    expect(page.onlineWaits).toHaveLength(1);
    expect(waits, 'no backoff: the gap was not a failed attempt').toEqual([]);
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual(['key-cancel', 'key-cancel']);
  });

  test('an accept waits the same way', async () => {
    const page = offlinePage();
    const seen = route(
      '/v1/sessions/s1/accept',
      () => HttpResponse.error(),
      () => HttpResponse.json({}),
    );
    const { adapter: a, waits } = adapter({ online: async () => page.back() });
    await a.acceptOffer({ ...cancel, offerId: 'discount', idempotencyKey: 'key-accept' });
    expect(seen).toHaveLength(2);
    expect(waits).toEqual([]);
  });

  test('still offline after the wait: the retries as usual, then unavailable, saying the browser is offline', async () => {
    const page = offlinePage();
    const seen = route('/v1/sessions/s1/cancel', () => HttpResponse.error());
    const { adapter: a, waits } = adapter({
      retries: 2,
      online: async (ms) => {
        page.onlineWaits.push(ms);
      },
    });
    const failure = await a.confirmCancel(cancel).catch((e: unknown) => e);
    expect(page.onlineWaits, 'one wait per decision').toHaveLength(1);
    expect(seen).toHaveLength(4); // the first attempt, once more after the wait, and 2 retries
    expect(waits).toHaveLength(2);
    expect(failure).toMatchObject({ code: 'unavailable' });
    expect((failure as Error).message).toBe(`POST ${API}/v1/sessions/s1/cancel failed: the browser is offline`);
  });

  test('events and the session start do not wait: the outbox tries again at the online event, and a late session start would count a modal that failed open', async () => {
    offlinePage();
    const online = vi.fn(async () => {});
    route('/v1/events', () => HttpResponse.error());
    route('/v1/sessions', () => HttpResponse.error());
    const { adapter: a } = adapter({ retries: 0, online });
    await expect(a.sendEvents([event('e1')], {})).rejects.toMatchObject({ code: 'unavailable' });
    await expect(a.startSession({ token: 't', locale: {} })).rejects.toMatchObject({ code: 'unavailable' });
    expect(online).not.toHaveBeenCalled();
  });
});

describe('idempotency keys', () => {
  test('each write gets its own key; every retry of one write repeats it', async () => {
    let calls = 0;
    const seen = route('/v1/sessions', () => (++calls % 2 ? HttpResponse.error() : HttpResponse.json(start)));
    const { adapter: a } = adapter({ retries: 1 });
    await a.startSession({ token: 't', locale: {} });
    await a.startSession({ token: 't', locale: {} });
    const keys = seen.map((s) => s.headers['idempotency-key']);
    expect(keys).toHaveLength(4);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).toBe(keys[3]);
    expect(keys[0]).not.toBe(keys[2]);
  });

  test('event batches carry a fresh key per batch', async () => {
    const seen = route('/v1/events', () => HttpResponse.json({ stored: ['e1'] }));
    const { adapter: a } = adapter();
    await a.sendEvents([event('e1')], {});
    await a.sendEvents([event('e1')], {});
    expect(seen[0]?.headers['idempotency-key']).not.toBe(seen[1]?.headers['idempotency-key']);
  });
});

describe('header hook', () => {
  test('adds headers to every request, may be async, and sees the method, URL and body', async () => {
    const seen = route(
      '/v1/sessions',
      () => HttpResponse.error(),
      () => HttpResponse.json(start),
    );
    const hook = vi.fn(async (request: { method: string; url: string; body: unknown }) => ({
      'x-csrf': 'abc',
      'x-url': request.url,
    }));
    await adapter({ retries: 1, headers: hook }).adapter.startSession({ token: 't', locale: {} });
    expect(hook).toHaveBeenCalledTimes(2);
    expect(hook.mock.calls[0]?.[0]).toEqual({
      method: 'POST',
      url: `${API}/v1/sessions`,
      body: { token: 't', locale: {} },
    });
    expect(seen.map((s) => s.headers['x-csrf'])).toEqual(['abc', 'abc']);
    expect(seen[1]?.headers['x-url']).toBe(`${API}/v1/sessions`);
  });
});

describe('timeouts', () => {
  test('an attempt that does not answer in time is aborted and retried; then unavailable', async () => {
    const seen = route('/v1/events', async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const { adapter: a, waits } = adapter({ retries: 1, timeoutMs: 20 });
    const failure = await a.sendEvents([event('e1')], {}).catch((e: unknown) => e);
    expect(seen).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(failure).toMatchObject({ code: 'unavailable' });
    expect((failure as Error).message).toBe(`POST ${API}/v1/events timed out after 20 ms`);
  });
});

describe('typed errors', () => {
  test.each([
    [400, 'invalid'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'invalid'],
    [409, 'conflict'],
    [413, 'invalid'],
    [422, 'invalid'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [429, 'unavailable'],
  ] as const)('%i → %s, with the URL, status and the server message', async (status, code) => {
    route('/v1/sessions/s1/accept', error(status, `server says ${status}`));
    const failure = await adapter({ retries: 0 })
      .adapter.acceptOffer({ sessionId: 's1', sessionKey: 'k', offerId: 'o', idempotencyKey: 'i' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AdapterError);
    expect(failure).toMatchObject({ code, status });
    const message = (failure as Error).message;
    expect(message).toContain(`POST ${API}/v1/sessions/s1/accept answered ${status}`);
    expect(message).toContain(`The server said: "server says ${status}"`);
  });

  test('a network error is unavailable and suggests what to check', async () => {
    route('/v1/sessions', () => HttpResponse.error());
    const failure = await adapter({ retries: 0 })
      .adapter.startSession({ token: 't', locale: {} })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'unavailable', status: undefined });
    expect((failure as Error).message).toMatch(/POST https:\/\/cancel\.example\.com\/v1\/sessions failed .*CORS/);
  });

  test('a 200 that is not JSON (an endpoint pointing at the wrong server) is invalid, not retried', async () => {
    const seen = route('/v1/sessions', () => new HttpResponse('<!doctype html><p>hello', { status: 200 }));
    const failure = await adapter({ retries: 3 })
      .adapter.startSession({ token: 't', locale: {} })
      .catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(failure).toMatchObject({ code: 'invalid', status: 200 });
    expect((failure as Error).message).toContain('is the endpoint a cancelflow server?');
  });

  test('an error body without a message still names URL and status', async () => {
    route('/v1/sessions', () => new HttpResponse('nope', { status: 401 }));
    const failure = await adapter()
      .adapter.startSession({ token: 't', locale: {} })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'unauthorized', status: 401 });
    expect((failure as Error).message).toContain(`${API}/v1/sessions answered 401`);
    expect((failure as Error).message).not.toContain('The server said');
  });
});

describe('event acknowledgements', () => {
  test('a batch the server acknowledged only in part is unavailable, so the outbox keeps it', async () => {
    route('/v1/events', () => HttpResponse.json({ stored: ['e1'], duplicates: [] }));
    await expect(adapter().adapter.sendEvents([event('e1'), event('e2')], {})).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('acknowledged 1 of 2 events'),
    });
  });

  test('events the server rejects for good count as done and are reported once on the console', async () => {
    route('/v1/events', () =>
      HttpResponse.json({ stored: ['e1'], duplicates: [], rejected: [{ id: 'e2', code: 'unknown_session' }] }),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await adapter().adapter.sendEvents([event('e1'), event('e2')], {});
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('e2 (unknown_session)');
    warn.mockRestore();
  });

  test('an event rejected by its index (`#1`: its id is not one the server can name) counts as done', async () => {
    route('/v1/events', () =>
      HttpResponse.json({ stored: ['e1'], duplicates: [], rejected: [{ id: '#1', code: 'invalid_event' }] }),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const foreign = { ...event('e2'), id: 123 as unknown as string };
    await adapter().adapter.sendEvents([event('e1'), foreign], {});
    expect(warn.mock.calls[0]?.[0]).toContain('#1 (invalid_event)');
    warn.mockRestore();
  });
});

describe('beacon', () => {
  test('without sendBeacon it falls back to a keepalive fetch with a text/plain body', async () => {
    const calls: [string, RequestInit][] = [];
    const fakeFetch = async (url: string | URL | Request, init?: RequestInit) => {
      calls.push([String(url), init ?? {}]);
      return new Response('{}');
    };
    const { adapter: a } = adapter({ fetch: fakeFetch as typeof fetch });
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2029-03-01T10:00:05.000Z') });
    try {
      expect(a.beacon([event('e1')], { s1: 'k1' })).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] ?? ['', {}];
    expect(url).toBe(`${API}/v1/events`);
    expect(init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'content-type': 'text/plain' } });
    // With the clock at sending, as sendEvents: the server corrects a wrong device clock by it.
    expect(JSON.parse(String(init.body))).toEqual({
      events: [event('e1')],
      keys: { s1: 'k1' },
      sentAt: '2029-03-01T10:00:05.000Z',
    });
  });

  test('uses navigator.sendBeacon when the browser has it', () => {
    const sent: [string, unknown][] = [];
    vi.stubGlobal('navigator', {
      sendBeacon: (url: string, body: unknown) => {
        sent.push([url, body]);
        return true;
      },
    });
    try {
      const fakeFetch = vi.fn();
      const { adapter: a } = adapter({ fetch: fakeFetch as unknown as typeof fetch });
      expect(a.beacon([event('e1')], { s1: 'k1' })).toBe(true);
      expect(fakeFetch).not.toHaveBeenCalled();
      expect(sent[0]?.[0]).toBe(`${API}/v1/events`);
      expect(typeof sent[0]?.[1]).toBe('string'); // a string body is sent as text/plain: no preflight
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
