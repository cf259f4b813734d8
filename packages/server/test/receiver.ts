import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A site owner's webhook endpoint that can go down and come back on the same port. `respond`
 * decides each answer's status (e.g. 500 for the first request, to exercise retries).
 */
export class Receiver {
  readonly received: Delivery[] = [];
  port = 0;
  private server: Server | undefined;
  respond: (delivery: Delivery, index: number) => number = () => 200;
  /** A JSON body for an answer (a billing endpoint's result), or none. */
  answer: (delivery: Delivery) => unknown = () => undefined;

  async up(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const delivery = { headers: req.headers, body };
        const status = this.respond(delivery, this.received.length);
        this.received.push(delivery);
        const answer = this.answer(delivery);
        if (answer === undefined) res.writeHead(status).end();
        else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    // Like a real endpoint behind a balancer, keep idle connections longer than the caller's fetch
    // does (4 s): closing first races the caller's next request on that socket ("other side closed").
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }
}

/** Polls `check` until it returns true (or fails after `timeoutMs`). */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
