import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/http/log.ts';
import { ConfigError, startServer } from '../src/index.ts';
import { createPgDatabase, TEST_PG } from './backends.ts';
import { send, startRefusal } from './helpers.ts';

/**
 * A Postgres that takes connections but never answers: what a firewall dropping packets, a network
 * cut without a reset, or another service on the port look like to the server. pg waits for ever by
 * default, so start-up hung without a word and the health check never answered.
 */

const relays: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of relays.splice(0)) await close();
});

/**
 * A TCP relay to `target` (a port on 127.0.0.1), or, with no target, a listener that never answers.
 * `silence()` stops passing bytes either way, on open connections and new ones, as a network cut
 * does; `restore()` passes them again, what was held included.
 */
async function relay(target?: number) {
  let silent = target === undefined;
  const pairs: Socket[] = [];
  const held: (() => void)[] = [];
  const server = createServer((client) => {
    pairs.push(client);
    client.on('error', () => {});
    if (target === undefined) return; // never answers
    const open = () => {
      const upstream = connect(target, '127.0.0.1');
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      pairs.push(upstream);
      client.pipe(upstream).pipe(client);
    };
    if (silent) {
      client.pause();
      held.push(open);
    } else open();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  relays.push(async () => {
    // Its open connections first: a server closes once they have.
    for (const socket of pairs) socket.destroy();
    server.close();
    await once(server, 'close');
  });
  return {
    port: (server.address() as AddressInfo).port,
    silence() {
      silent = true;
      for (const socket of pairs) socket.pause();
    },
    restore() {
      silent = false;
      for (const socket of pairs) socket.resume();
      for (const open of held.splice(0)) open();
    },
  };
}

describe('a Postgres that never answers', () => {
  it('refuses start-up, naming the database and what to check, instead of waiting for ever', async () => {
    const { port } = await relay();
    const error = await startRefusal({
      port: 0,
      db: `postgres://cancelflow:hunter2@127.0.0.1:${port}/cancelflow`,
      widgetDir: false,
      handleSignals: false,
      log: false,
      env: {},
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^cannot connect to the database postgres://cancelflow:\\*\\*\\*@127\\.0\\.0\\.1:${port}/cancelflow: no answer within 10 s .*is the host and port right`,
      ),
    );
  }, 60_000);

  it.skipIf(!TEST_PG)(
    'a running server: the health check answers 503 and logs why, and 200 once Postgres answers again',
    async () => {
      const database = await createPgDatabase();
      const url = new URL(database.url);
      const cut = await relay(Number(url.port));
      url.host = `127.0.0.1:${cut.port}`;
      const entries: LogEntry[] = [];
      const server = await startServer({
        port: 0,
        db: url.toString(),
        widgetDir: false,
        handleSignals: false,
        log: (entry) => entries.push(entry),
        env: {},
      });
      try {
        expect((await send(`${server.url}/v1/health`, {})).status).toBe(200);
        cut.silence();
        const health = await send(`${server.url}/v1/health`, {});
        expect(health.status).toBe(503);
        expect(entries).toContainEqual(
          expect.objectContaining({
            level: 'error',
            msg: 'health check: the database is not reachable',
            error: 'Error: no answer within 3 s',
          }),
        );
        cut.restore();
        expect((await send(`${server.url}/v1/health`, {})).status).toBe(200);
      } finally {
        cut.restore();
        await server.close();
        await database.drop();
      }
    },
    60_000,
  );
});
