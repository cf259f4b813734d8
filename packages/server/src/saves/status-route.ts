import type { Hono } from 'hono';
import { recordRejection } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import type { AdminKeyGuesses } from '../http/key-guesses.ts';
import { badTextAt } from '../http/text.ts';
import { verifySignature } from '../webhooks/sign.ts';
import { recordStatusChange } from './record.ts';
import { BILLING_STATUSES, type BillingStatus } from './schema.ts';

export const STATUS_CALLBACK_PATH = '/v1/billing/status';

/** A change dated further ahead than this is refused: clocks drift, but billing does not report the future. */
const FUTURE_SKEW_MS = 5 * 60_000;

/** The callback's body (docs/billing.md, "The status callback"); `?` fields are optional. */
export const STATUS_CALLBACK_FIELDS = ['id', 'siteId', 'subscriber', 'status', 'at'] as const;

interface StatusCallback {
  readonly id: string;
  readonly siteId: string;
  readonly subscriber: { readonly sub: string; readonly sid?: string };
  readonly status: BillingStatus;
  readonly at: string;
}

const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** The body, checked field by field; the first problem is named. */
function parseCallback(value: unknown, now: Date): StatusCallback {
  const bad = (field: string, problem: string): never => {
    throw new HttpError('unprocessable', `${field} ${problem}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('the body', 'must be a JSON object');
  const b = value as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (!(STATUS_CALLBACK_FIELDS as readonly string[]).includes(key)) bad(key, 'is not a field of the status callback');
  }
  const unstorable = badTextAt(b);
  if (unstorable) bad(unstorable.path, `contains ${unstorable.problem}`);
  if (!text(b.id, 200)) bad('id', 'must be a string of 1–200 characters, the same on every retry');
  if (!text(b.siteId, 64)) bad('siteId', 'must be the site id');
  const s = b.subscriber as Record<string, unknown> | undefined;
  if (typeof s !== 'object' || s === null || !text(s.sub, 200)) bad('subscriber.sub', "must be the token's sub");
  const subscriber = s as Record<string, unknown>;
  if (subscriber.sid !== undefined && !text(subscriber.sid, 200)) bad('subscriber.sid', "must be the token's sid");
  if (!BILLING_STATUSES.includes(b.status as BillingStatus))
    bad('status', `must be one of ${BILLING_STATUSES.join(', ')}`);
  const at = typeof b.at === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(b.at) ? Date.parse(b.at) : Number.NaN;
  if (Number.isNaN(at)) bad('at', 'must be an ISO date-time such as 2026-12-01T10:00:00Z');
  if (at > now.getTime() + FUTURE_SKEW_MS) bad('at', 'is in the future');
  return {
    id: b.id as string,
    siteId: b.siteId as string,
    subscriber: { sub: subscriber.sub as string, ...(subscriber.sid ? { sid: subscriber.sid as string } : {}) },
    status: b.status as BillingStatus,
    at: new Date(at).toISOString(),
  };
}

/**
 * `POST /v1/billing/status`: the site tells the server what its billing system now says about a
 * subscription (the `webhook` billing plugin's way back; any site may use it). Signed like outbound
 * webhooks with the site's own `secret` (`Cancelflow-Signature`, 5-minute tolerance), or sent with the
 * admin key. Idempotent by `(siteId, id)`: a retry is answered 200 and changes nothing.
 */
export function statusCallbackRoutes(app: Hono, deps: AppDeps, guesses: AdminKeyGuesses): void {
  app.post(STATUS_CALLBACK_PATH, async (c) => {
    const now = deps.now();
    const raw = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new HttpError('bad_request', 'the body is not JSON');
    }
    // As every other body (readJsonText): parseCallback walks it recursively, and a deep one overflowed the stack (500).
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      throw new HttpError('bad_request', `the body nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    const siteId = (body as { siteId?: unknown } | null)?.siteId;
    const site = typeof siteId === 'string' ? deps.sites.get(siteId) : undefined;
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const signature = c.req.header('cancelflow-signature');
    const authorised =
      (bearer !== undefined && deps.adminKey !== undefined && (await guesses.matches(c, bearer, deps.adminKey))) ||
      (site !== undefined &&
        signature !== undefined &&
        verifySignature(site.secret, raw, signature, Math.floor(now.getTime() / 1000)));
    if (!authorised) {
      const error = new HttpError(
        'unauthorized',
        "sign the body with the site's secret (Cancelflow-Signature) or send the admin key",
      );
      await recordRejection(deps.db, deps.log, now, error, {
        route: STATUS_CALLBACK_PATH,
        siteId: site?.id,
        // The body's own claim: anyone can name a site, so this refusal is counted, not a row each.
        unverified: true,
        detail: 'status_signature',
      });
      throw error;
    }
    if (!site) throw new HttpError('not_found', `no site "${String(siteId)}"`);
    const callback = parseCallback(body, now);
    const result = await deps.db.transaction().execute((trx) =>
      recordStatusChange(
        trx,
        {
          site_id: site.id,
          change_id: callback.id,
          subscription_id: callback.subscriber.sid ?? callback.subscriber.sub,
          subscriber_id: callback.subscriber.sub,
          status: callback.status,
          at: callback.at,
          source: 'webhook',
        },
        now,
      ),
    );
    return c.json(
      result.duplicate
        ? { received: true, outcome: 'duplicate' }
        : { received: true, outcome: 'applied', saves: result.saves },
    );
  });
}
