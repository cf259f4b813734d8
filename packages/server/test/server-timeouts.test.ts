import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, startTestServer, type TestServer, token } from './helpers.ts';

/** What a raw connection got back by the time the server closed it. */
function closed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      got += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(got));
  });
}

// The API's bodies are small: a client trickling one keeps a connection (and a socket) for as long
// as Node lets it, 300 s by default. The server's request and header timeouts bound that.
describe('slow clients', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ requestTimeoutMs: 500, headersTimeoutMs: 300 });
  });
  afterAll(() => t?.close());

  const open = async (): Promise<Socket> => {
    const socket = connect(t.server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return socket;
  };

  it('answers 408 and closes the connection of a body trickled byte by byte', async () => {
    const body = JSON.stringify({ token: await token({ sub: 'slow' }), locale: { browser: ['en-US'] } });
    const socket = await open();
    const outcome = closed(socket);
    socket.write(
      `POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    // One byte at a time, each before an idle timer would notice: only a limit on the whole request ends it.
    let sent = 0;
    const trickle = setInterval(() => {
      if (!socket.destroyed && sent < body.length - 1) socket.write(body[sent++] as string);
    }, 50);
    try {
      const got = await outcome;
      expect(got).toMatch(/^HTTP\/1\.1 408 /);
      expect(sent).toBeLessThan(body.length - 1);
    } finally {
      clearInterval(trickle);
    }
  });

  it('answers 408 and closes a connection whose headers never end', async () => {
    const socket = await open();
    const outcome = closed(socket);
    socket.write('GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect(await outcome).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection that never sends a byte, and many of them at once', async () => {
    // Sockets opened and left silent hold no request yet: the header timeout still ends each one.
    const sockets = await Promise.all(Array.from({ length: 50 }, () => open()));
    const outcomes = await Promise.all(sockets.map((socket) => closed(socket)));
    for (const got of outcomes) expect(got).toMatch(/^HTTP\/1\.1 408 /);
    expect((await fetch(`${t.url}/v1/health`)).status).toBe(200);
  });

  it('answers a request sent at once as before', async () => {
    const r = await t.call('POST', '/v1/sessions', {
      token: await token({ sub: 'quick' }),
      locale: { browser: ['en-US'] },
    });
    expect(r.status).toBe(201);
    expect((await fetch(`${t.url}/v1/health`)).status).toBe(200);
  });
});
