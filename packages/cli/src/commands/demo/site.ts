import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FlowConfig, resolveFlow } from '@cancelflow/core';
import { SignJWT } from 'jose';
import { DEMO_CSS, DEMO_JS } from './assets.ts';
import { type InsightsData, insightsPage } from './insights.ts';
import { type OutboxMail, outboxPage } from './outbox.ts';
import { accountPage, LANGUAGES, type LedgerState, ledgerPanel } from './page.ts';
import { demoClaims, demoSubscriber } from './subscribers.ts';

export interface DemoSiteOptions {
  readonly port: number;
  readonly secret: string;
  readonly adminKey: string;
  readonly siteId: string;
  readonly now: () => Date;
}

export interface DemoBackend {
  readonly serverUrl: string;
  /** The site's flow as the server loaded it, to show each subscriber what it resolves to. */
  readonly flow: FlowConfig;
  /** Puts the subscriber's subscription back to active in the ledger. */
  readonly reset: (sub: string) => Promise<void>;
}

/** The parts of the admin export (`GET /v1/admin/subscribers/:sub/export`) the page shows. */
interface SubscriberExport {
  subscriptions: NonNullable<LedgerState['subscription']>[];
  cancellations: { id: string; confirmed_at: string }[];
  mail: unknown[];
}

export interface DemoSite {
  /** e.g. `http://127.0.0.1:5173/` */
  readonly url: string;
  /** e.g. `http://127.0.0.1:5173`: what the sites file allows. */
  readonly origin: string;
  /** Called once the reference server runs: where the page points the widget, and how to reset a subscriber. */
  connect(backend: DemoBackend): void;
  close(): Promise<void>;
}

/**
 * The demo site: a SaaS account page as a site owner would build it. Its "server" knows who is logged
 * in (the switcher), mints a token per page view with the site's secret, and reads the subscription's
 * state from the demo billing ledger through the reference server's admin API.
 */
export async function startDemoSite(options: DemoSiteOptions): Promise<DemoSite> {
  let backend: DemoBackend | undefined;

  const admin = async <T>(method: string, path: string): Promise<T> => {
    if (!backend) throw new Error('the reference server is not running yet');
    const response = await fetch(`${backend.serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${options.adminKey}` },
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  const ledger = async (sub: string): Promise<LedgerState> => {
    const data = await admin<SubscriberExport>(
      'GET',
      `/v1/admin/subscribers/${encodeURIComponent(sub)}/export?siteId=${options.siteId}`,
    );
    const receipts = [...data.cancellations].sort((a, b) => (a.confirmed_at < b.confirmed_at ? 1 : -1));
    return {
      subscription: data.subscriptions[0],
      ...(receipts[0] ? { receiptUrl: `${backend?.serverUrl}/v1/receipts/${receipts[0].id}` } : {}),
      ...(data.mail.length > 0
        ? { emails: { url: `/emails?as=${encodeURIComponent(sub)}`, count: data.mail.length } }
        : {}),
    };
  };

  const token = (claims: object) =>
    new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(options.siteId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(options.secret));

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!backend) throw new Error('the reference server is not running yet');
    const { flow, serverUrl } = backend;
    const subscriber = demoSubscriber(url.searchParams.get('as'));
    const lang = Object.hasOwn(LANGUAGES, url.searchParams.get('lang') ?? '')
      ? (url.searchParams.get('lang') ?? '')
      : '';
    const back = `/?as=${encodeURIComponent(subscriber.id)}${lang ? `&lang=${lang}` : ''}`;
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /': {
        const now = options.now();
        const claims = demoClaims(subscriber, now, lang);
        const via = url.searchParams.get('via');
        const state = await ledger(subscriber.id);
        const confirmed = state.subscription?.status === 'cancelling' || state.subscription?.status === 'cancelled';
        return send(
          200,
          'text/html; charset=utf-8',
          accountPage({
            subscriber,
            claims,
            lang,
            config: flow,
            flow: resolveFlow({ config: flow, subscriber: claims, now }),
            token: await token(claims),
            serverUrl,
            ledger: state,
            ...(via
              ? {
                  notice: confirmed
                    ? `The site's own cancel action ran (via ${via}) after cancelflow confirmed the cancellation.`
                    : `The site's own cancel action ran (via ${via}) without a cancellation confirmed by cancelflow (it failed open): a real site cancels in its own billing here; this demo's endpoint changes nothing.`,
                }
              : url.searchParams.has('reset')
                ? { notice: `${subscriber.name} was reset: sessions erased, subscription active again.` }
                : {}),
          }),
        );
      }
      case 'GET /emails': {
        const { mail } = await admin<{ mail: OutboxMail[] }>(
          'GET',
          `/v1/admin/mail?siteId=${options.siteId}&sub=${encodeURIComponent(subscriber.id)}`,
        );
        return send(200, 'text/html; charset=utf-8', outboxPage(subscriber.name, mail, back));
      }
      case 'GET /state':
        return send(200, 'text/html; charset=utf-8', ledgerPanel(await ledger(subscriber.id)).value);
      case 'GET /account/cancel':
      case 'POST /account/cancel':
        // The site's own cancel endpoint: the trigger's action that proceeds after a confirmed cancel.
        res.writeHead(303, { location: `${back}&via=${encodeURIComponent(url.searchParams.get('via') ?? 'link')}` });
        return void res.end();
      case 'POST /reset':
        await admin('DELETE', `/v1/admin/subscribers/${encodeURIComponent(subscriber.id)}?siteId=${options.siteId}`);
        await backend.reset(subscriber.id);
        res.writeHead(303, { location: `${back}&reset=1` });
        return void res.end();
      case 'GET /insights': {
        const get = <K extends keyof InsightsData>(report: string, key: K) =>
          admin<Record<K, InsightsData[K]>>('GET', `/v1/admin/insights/${report}?siteId=${options.siteId}`).then(
            (body) => body[key],
          );
        const [summary, reasons, offers, experiments, weeks, feedback] = await Promise.all([
          admin<InsightsData['summary']>('GET', `/v1/admin/insights/summary?siteId=${options.siteId}`),
          get('reasons', 'reasons'),
          get('offers', 'offers'),
          get('experiments', 'experiments'),
          get('trends', 'weeks'),
          get('feedback', 'feedback'),
        ]);
        const data: InsightsData = { summary, reasons, offers, experiments, weeks, feedback };
        return send(200, 'text/html; charset=utf-8', insightsPage(data, serverUrl));
      }
      case 'GET /favicon.ico':
        res.writeHead(204);
        return void res.end();
      case 'GET /demo.css':
        return send(200, 'text/css; charset=utf-8', DEMO_CSS);
      case 'GET /demo.js':
        return send(200, 'text/javascript; charset=utf-8', DEMO_JS);
      default:
        return send(404, 'text/plain; charset=utf-8', 'not found');
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    handle(req, res, url).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`demo site error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    connect(b) {
      backend = b;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
