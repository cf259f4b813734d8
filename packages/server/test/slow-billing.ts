import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BillingCall {
  readonly type: string;
  readonly sessionId: string;
  readonly idempotencyKey: string;
  // biome-ignore lint/suspicious/noExplicitAny: the call's JSON data
  readonly data: any;
}

/**
 * A site's billing endpoint for the `webhook` billing plugin that takes its time, as a real provider
 * does: each call is answered after `delayMs()` (default 200–500 ms). Every call is recorded when it
 * arrives, so a test sees calls that were still in flight when the server gave up on them.
 */
export class SlowBilling {
  readonly calls: BillingCall[] = [];
  delayMs: () => number = () => 200 + Math.random() * 300;
  /** While set, every answer waits for it too (after `delayMs`): a call held until the test lets it go. */
  gate: Promise<void> | undefined;
  /** The answer's status, content type and body; status 0 resets the connection instead of answering. */
  answer: (call: BillingCall) => { status: number; type?: string; body?: string } = () => ({
    status: 200,
    type: 'application/json',
    body: '{}',
  });
  private server: Server | undefined;

  async up(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const parsed = JSON.parse(body);
        const call: BillingCall = {
          type: parsed.type,
          sessionId: parsed.data.sessionId,
          idempotencyKey: String(req.headers['cancelflow-idempotency-key']),
          data: parsed.data,
        };
        this.calls.push(call);
        const gate = this.gate;
        setTimeout(async () => {
          await gate;
          const { status, type, body: answer } = this.answer(call);
          if (status === 0) {
            req.socket.resetAndDestroy();
            return;
          }
          res.writeHead(status, type ? { 'content-type': type } : {}).end(answer ?? '');
        }, this.delayMs());
      });
    });
    // Like a real endpoint behind a balancer, keep idle connections longer than the caller's fetch
    // does (4 s): closing first races the caller's next request on that socket ("other side closed").
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  callsFor(sessionId: string): BillingCall[] {
    return this.calls.filter((c) => c.sessionId === sessionId);
  }

  get url(): string {
    if (!this.server) throw new Error('SlowBilling is not up');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/billing`;
  }

  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
