/**
 * A loopback proxy in front of a reference server that records every `POST /v1/events` it receives,
 * however it was sent (fetch, keepalive fetch or beacon: Playwright's own request events miss the
 * beacons a page sends as it goes away). While `hold` is on, those requests are recorded and never
 * answered, as by a server that takes events and stalls; everything else passes through unchanged.
 */
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function eventsTap(target: string) {
  const to = new URL(target);
  /** The event ids of each `POST /v1/events`, in the order they arrived. */
  const batches: string[][] = [];
  let hold = false;
  const proxy = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (incoming.method === 'POST' && incoming.url === '/v1/events') {
        const { events = [] } = JSON.parse(body.toString() || '{}') as { events?: { id: string }[] };
        batches.push(events.map((event) => event.id));
        if (hold) return; // taken, never answered
      }
      const upstream = forward(
        { host: to.hostname, port: to.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', () => outgoing.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    batches,
    hold(on: boolean) {
      hold = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
