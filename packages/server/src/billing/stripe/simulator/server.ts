import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StripeCalls } from './calls.ts';
import { parseForm } from './form.ts';
import { type Fault, newId, StripeFailure } from './state.ts';

/** The only API key the simulator takes (a test key in Stripe's format). */
export const STRIPE_KEY = 'sk_test_cancelflow_0123456789abcdef';

/**
 * A Stripe-protocol server on loopback: the `stripe` plugin's tests and `cancelflow demo --billing stripe-sim` run against it: the official SDK talks to it
 * over real HTTP (`host`, `port`, `protocol: 'http'`). It keeps subscriptions, coupons, invoices,
 * refunds and balance credits in memory and answers with Stripe's own example objects
 * (examples.ts) with the fields it tracks filled in. Like Stripe
 * (https://docs.stripe.com/api/idempotent_requests) it saves the status and body of each POST under
 * its `Idempotency-Key` once execution began, replays them for the same key and parameters, answers
 * 400 `idempotency_error` for the same key with other parameters and 409 while the first is running.
 * `mutations` records every change actually made. Faults make the next matching request fail.
 */
export class StripeServer extends StripeCalls {
  /** Every request received: method, path and idempotency key. */
  readonly requests: { method: string; path: string; idempotencyKey: string | undefined }[] = [];
  private readonly saved = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  private readonly running = new Set<string>();
  private readonly faults: { method: string; path: RegExp; fault: Fault }[] = [];
  /** Answers never sent (`lost_answer`), closed when the server stops. */
  private readonly held = new Set<ServerResponse>();
  private server: Server | undefined;
  url = '';

  /** Listens on loopback, on `port` (0: a free one); rejects with the listen error (e.g. EADDRINUSE). */
  async up(port = 0): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async down(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The next request matching `method` and `path` meets `fault` (once). */
  fail(method: string, path: RegExp, fault: Fault): void {
    this.faults.push({ method, path, fault });
  }

  /**
   * The next request matching `method` and `path` is carried out, and its answer held until
   * `release()`: `arrived` settles once it has been carried out (see the `hold` fault).
   */
  hold(method: string, path: RegExp): { arrived: Promise<void>; release: () => void } {
    let reached = () => {};
    let release = () => {};
    const arrived = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const until = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.fail(method, path, { kind: 'hold', until, arrived: reached });
    return { arrived, release };
  }

  /** Sends `body` a byte at a time (see the `trickle` fault); stops when the server does. */
  private trickle(res: ServerResponse, status: number, body: string, everyMs: number): void {
    this.held.add(res);
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req') });
    let at = 0;
    const timer = setInterval(() => {
      if (res.destroyed || at >= body.length) {
        clearInterval(timer);
        this.held.delete(res);
        res.end();
        return;
      }
      res.write(body[at++]);
    }, everyMs);
    res.once('close', () => clearInterval(timer));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? 'GET';
    // The SDK puts GET and DELETE parameters in the query, others in the body.
    const params = { ...parseForm(url.search.slice(1)), ...parseForm(Buffer.concat(chunks).toString()) };
    const key = req.headers['idempotency-key'] as string | undefined;
    this.requests.push({ method, path: url.pathname, idempotencyKey: key });
    const send = (status: number, body: unknown, replayed = false) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': newId('req'),
        ...(replayed && { 'idempotent-replayed': 'true' }),
        ...(key && method === 'POST' && { 'idempotency-key': key }),
      });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${STRIPE_KEY}`) {
      send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      return;
    }
    const at = this.faults.findIndex((f) => f.method === method && f.path.test(url.pathname));
    const fault = at >= 0 ? this.faults.splice(at, 1)[0]?.fault : undefined;
    if (fault?.kind === 'error500') {
      send(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
      return;
    }
    if (fault?.kind === 'rate_limit') {
      send(429, { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' } });
      return;
    }
    const idempotent = method === 'POST' && key !== undefined;
    const fingerprint = JSON.stringify([method, url.pathname, params]);
    if (idempotent) {
      const stored = this.saved.get(key);
      if (stored && stored.fingerprint !== fingerprint) {
        send(400, {
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        });
        return;
      }
      if (stored) {
        send(stored.status, stored.body, true);
        return;
      }
      if (this.running.has(key)) {
        send(409, {
          error: {
            type: 'idempotency_error',
            message: 'There is currently another in-progress request using this Stripe API Idempotency Key.',
          },
        });
        return;
      }
      this.running.add(key);
    }
    let status: number;
    let body: unknown;
    try {
      if (fault?.kind === 'card_declined') {
        throw new StripeFailure(402, {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'generic_decline',
          message: 'Your card was declined.',
        });
      }
      body = this.route(method, url.pathname, params, key);
      status = 200;
    } catch (error) {
      if (!(error instanceof StripeFailure)) throw error;
      status = error.status;
      body = { error: error.body };
    }
    if (idempotent) {
      this.saved.set(key, { fingerprint, status, body });
      this.running.delete(key);
    }
    if (fault?.kind === 'lost_answer') {
      this.held.add(res);
      return;
    }
    if (fault?.kind === 'hold') {
      this.held.add(res);
      fault.arrived();
      await fault.until;
      this.held.delete(res);
      if (!res.destroyed) send(status, body);
      return;
    }
    if (fault?.kind === 'trickle') {
      this.trickle(res, status, JSON.stringify(body), fault.everyMs);
      return;
    }
    send(status, body);
  }
}
