/**
 * A loopback proxy in front of a reference server that records every `POST /v1/events` it receives,
 * however it was sent (fetch, keepalive fetch or beacon: Playwright's own request events miss the
 * beacons a page sends as it goes away). While `hold` is on, those requests are recorded and never
 * answered, as by a server that takes events and stalls; everything else passes through unchanged.
 */
import {
  type ClientRequest,
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export async function eventsTap(target: string) {
  const to = new URL(target);
  /** The event ids of each `POST /v1/events`, in the order they arrived. */
  const batches: string[][] = [];
  /**
   * The same, of those a leaving page handed to the browser (beacon, or its keepalive fallback): they
   * go as text/plain, the outbox's own tries as JSON. A try the page made earlier can still arrive
   * after the page left (a held request's retry), so counting these, not arrivals, is what says how
   * often the leaving sent.
   */
  const beacons: string[][] = [];
  let hold = false;
  const proxy = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      if (incoming.method === 'POST' && incoming.url === '/v1/events') {
        const { events = [] } = JSON.parse(body.toString() || '{}') as { events?: { id: string }[] };
        const ids = events.map((event) => event.id);
        batches.push(ids);
        if (incoming.headers['content-type']?.startsWith('text/plain')) beacons.push(ids);
        if (hold) return; // taken, never answered
      }
      upstreamFor(to, incoming, outgoing).end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    batches,
    beacons,
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

/**
 * A test proxy's request to `to` for `incoming`, whose answer is passed back on `outgoing` (an error
 * upstream drops the connection); the caller writes the body (`pipe`, or `end(body)`).
 */
export function upstreamFor(to: URL, incoming: IncomingMessage, outgoing: ServerResponse): ClientRequest {
  const upstream = forward(
    { host: to.hostname, port: to.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  upstream.on('error', () => outgoing.destroy());
  return upstream;
}
