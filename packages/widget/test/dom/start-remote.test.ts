import { afterEach, expect, test, vi } from 'vitest';
import { startRemoteSession } from '../../src/adapters/start-remote.ts';

// The first thing a newcomer's data-endpoint does: its failures must name the address really asked.

afterEach(() => vi.unstubAllGlobals());

test("an endpoint written without its scheme is reported as the path on the page's own site it became", async () => {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    return new Response('<h1>Not found</h1>', { status: 404, headers: { 'content-type': 'text/html' } });
  });
  const started = startRemoteSession('127.0.0.1:8787', { token: 't', locale: {} }, new AbortController().signal);
  const page = new URL('127.0.0.1:8787/v1/sessions', location.href).href;
  await expect(started).rejects.toThrow(`POST ${page} answered 404: no JSON body`);
  expect(asked).toEqual([page]);
  expect(page.startsWith(location.origin)).toBe(true);
});

test.each([
  ['an object of another API', '{"ok":true}'],
  ['an array', '[1,2]'],
  ['a string', '"ok"'],
  ['a flow without steps', '{"sessionId":"ses_1","flow":{"config":{}}}'],
])('a 200 whose JSON is %s is refused as not a session, not handed to the UI', async (_, body) => {
  vi.stubGlobal(
    'fetch',
    async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
  );
  const started = startRemoteSession('https://api.example', { token: 't', locale: {} }, new AbortController().signal);
  await expect(started).rejects.toThrow(
    'POST https://api.example/v1/sessions answered 200 with JSON that is not a session (is the endpoint a cancelflow server?)',
  );
});
