// @ts-check
// A site owner's backend, the parts cancelflow needs from it:
//  1. it knows who is logged in, and signs a token for them (GET /, GET /api/cancelflow-token);
//  2. it is the billing system: the reference server's `webhook` billing provider POSTs signed
//     requests to /cancelflow/billing, which this server verifies and applies (offer or cancel);
//  3. it receives cancelflow's signed outbound webhooks at /cancelflow/webhooks.
//   node examples/site-backend/server.mjs [--port 5174] [--server-port 8788]
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintToken, startReferenceServer, stopOnSignal } from '../shared/backend.mjs';
import { listen, portInUse, portOption } from '../shared/ports.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '5174' }, 'server-port': { type: 'string', default: '8788' } },
});

/** The site's users and their subscriptions: its own billing records (a database in real life). */
const users = new Map([
  ['cus_42', { name: 'Grace', plan: 'pro', mrr: 49, since: '2025-03-01', country: 'US', region: 'NY' }],
]);
/** @type {Map<string, { status: string, plan: string, discount?: string, pausedUntil?: string, cancelAt?: string }>} */
const subscriptions = new Map([['sub_42', { status: 'active', plan: 'pro' }]]);
/** Billing operations already applied, by Cancelflow-Idempotency-Key: a retry gets the same answer. */
const applied = new Map();
/** Outbound webhook deliveries seen, by Cancelflow-Delivery: de-duplicated (delivery is at least once). */
const deliveries = new Map();
/** Logged-in sessions: cookie value → user id. */
const logins = new Map();

/** Shared with cancelflow (its sites file): one for billing requests, one for webhooks. */
const billingSecret = randomBytes(32).toString('base64url');
const webhookSecret = randomBytes(32).toString('base64url');

/**
 * `Cancelflow-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Refuse anything
 * unsigned, signed with another secret, or older than five minutes (a replay).
 * @param {string} secret @param {string} header @param {string} body
 */
function signatureValid(secret, header, body) {
  const fields = Object.fromEntries(header.split(',').map((part) => part.trim().split('=')));
  const t = Number(fields.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300 || typeof fields.v1 !== 'string') return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const given = Buffer.from(fields.v1);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** @param {{ type: string, data: any }} request */
function applyBilling({ type, data }) {
  const sid = data.subscriber.sid;
  const subscription = subscriptions.get(sid);
  if (!subscription) return { status: 404, body: { error: `no subscription ${sid}` } };
  if (type === 'subscription.cancel') {
    Object.assign(subscription, { status: 'cancelling', cancelAt: data.effectiveOn });
    return { status: 200, body: {} };
  }
  const offer = data.offer;
  if (offer.type === 'discount') {
    subscription.discount = `${offer.percentOff ?? offer.amountOff}${offer.percentOff ? '%' : ''} off for ${offer.months} months`;
    return { status: 200, body: {} }; // the done step names the discount itself
  }
  if (offer.type === 'pause') {
    const weeks = data.choice?.weeks;
    const until = weeks
      ? new Date(Date.now() + weeks * 7 * 86_400_000).toISOString().slice(0, 10)
      : monthsLater(data.choice?.months ?? 1);
    Object.assign(subscription, { status: 'paused', pausedUntil: until });
    return { status: 200, body: { resumesOn: until } }; // the done step shows this day
  }
  if (offer.type === 'plan_change') {
    subscription.plan = data.choice?.planId ?? offer.plans[0].id;
    return { status: 200, body: { planId: subscription.plan } };
  }
  return { status: 200, body: {} }; // redirect, custom: nothing to change in billing (a contact offer is never taken)
}

/** Months from today as billing providers count them: 31 January + 1 month is 28 February, not 3 March. */
function monthsLater(months) {
  const today = new Date();
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + months + 1, 0)); // the month's last day
  end.setUTCDate(Math.min(today.getUTCDate(), end.getUTCDate()));
  return end.toISOString().slice(0, 10);
}

/** @param {import('node:http').IncomingMessage} req */
async function rawBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** @param {string} userId */
const claimsFor = (userId) => {
  const user = users.get(userId);
  if (!user) throw new Error(`unknown user ${userId}`);
  const periodEnd = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  return {
    sub: userId,
    sid: 'sub_42',
    plan: user.plan,
    mrr: user.mrr,
    price: user.mrr,
    currency: 'USD',
    ...user,
    periodEnd,
  };
};

const page = (/** @type {string} */ userId) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Account</title>
<script src="${cancelflow.url}/cancelflow.js" async data-endpoint="${cancelflow.url}"
        data-token="${mintToken(cancelflow.secret, claimsFor(userId))}"></script></head>
<body><main>
  <h1>Hello, ${users.get(userId)?.name}</h1>
  <p>Your subscription: <output id="subscription">${JSON.stringify(subscriptions.get('sub_42'))}</output></p>
  <p><a href="/account/cancel" data-cancelflow>Cancel subscription</a></p>
</main>
<script>
  for (const name of ['saved', 'cancelled', 'close']) document.addEventListener('cancelflow:' + name, async () => {
    document.getElementById('subscription').textContent = JSON.stringify(await (await fetch('/api/subscription')).json());
  });
</script></body></html>`;

const site = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const cookie = /(?:^|;\s*)session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  const userId = cookie ? logins.get(cookie) : undefined;
  const json = (/** @type {number} */ status, /** @type {unknown} */ body) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  if (req.method === 'POST' && url.pathname === '/cancelflow/billing') {
    const body = await rawBody(req);
    if (!signatureValid(billingSecret, String(req.headers['cancelflow-signature'] ?? ''), body))
      return json(401, { error: 'bad signature' });
    const key = String(req.headers['cancelflow-idempotency-key'] ?? '');
    if (!applied.has(key)) applied.set(key, applyBilling(JSON.parse(body)));
    const { status, body: answer } = applied.get(key);
    return json(status, answer);
  }
  if (req.method === 'POST' && url.pathname === '/cancelflow/webhooks') {
    const body = await rawBody(req);
    if (!signatureValid(webhookSecret, String(req.headers['cancelflow-signature'] ?? ''), body))
      return json(401, { error: 'bad signature' });
    deliveries.set(String(req.headers['cancelflow-delivery']), JSON.parse(body).type);
    return json(200, { ok: true });
  }
  if (url.pathname === '/login') {
    // Stands in for your real login: the user is whoever your session says they are.
    const session = randomBytes(16).toString('base64url');
    logins.set(session, 'cus_42');
    res.writeHead(303, { location: '/', 'set-cookie': `session=${session}; HttpOnly; SameSite=Lax; Path=/` });
    return res.end();
  }
  if (!userId) {
    res.writeHead(303, { location: '/login' });
    return res.end();
  }
  if (url.pathname === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(userId));
  // For single-page apps: fetch a fresh token for the logged-in user (see the vite-ts and react examples).
  if (url.pathname === '/api/cancelflow-token')
    return json(200, { token: mintToken(cancelflow.secret, claimsFor(userId)) });
  if (url.pathname === '/api/subscription') return json(200, subscriptions.get('sub_42'));
  if (url.pathname === '/api/webhooks-received') return json(200, Object.fromEntries(deliveries));
  if (url.pathname === '/account/cancel')
    return res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<h1>Your subscription is cancelled</h1>');
  return json(404, { error: 'not found' });
});

const port = portOption(values.port, '--port');
const serverPort = portOption(values['server-port'], '--server-port');
await listen(site, port, '--port');
const address = site.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;

const cancelflow = await startReferenceServer({
  dataDir: join(new URL('.', import.meta.url).pathname, '../../.data/examples/site-backend'),
  origin,
  port: serverPort,
  billing: { type: 'webhook', url: `${origin}/cancelflow/billing`, secret: billingSecret },
  webhooks: { url: `${origin}/cancelflow/webhooks`, secret: webhookSecret },
}).catch(portInUse(serverPort, '--server-port'));

console.log(`Site (logs you in as cus_42): ${origin}/
cancelflow:                   ${cancelflow.url}
Insights:  curl -H "Authorization: Bearer ${cancelflow.adminKey}" ${cancelflow.url}/v1/admin/insights/summary
(Ctrl-C stops it)`);
console.log(JSON.stringify({ page: `${origin}/`, server: cancelflow.url, adminKey: cancelflow.adminKey }));
stopOnSignal(async () => {
  site.close();
  site.closeAllConnections();
  await cancelflow.close();
});
