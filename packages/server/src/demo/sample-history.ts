import {
  type OfferChoice,
  type OfferType,
  type ResolvedOffer,
  type SubscriberClaims,
  seededRandom,
  shiftDays,
  utcDay,
} from '@cancelflow/core';
import type { Insertable, Kysely } from 'kysely';
import type { SiteConfig } from '../config/sites.ts';
import type { Database, EventsTable, SessionStatus } from '../db/tables.ts';
import { resolveForSubscriber } from '../sessions/resolve.ts';
import { startedSessionRow } from '../sessions/row.ts';
import { samplePick } from './sample-pick.ts';
import { seedSampleSaves } from './sample-saves.ts';

/** Every id the sample writes starts with this, so it is told apart from real data at a glance. */
export const SAMPLE_PREFIX = 'sample_';

export interface SampleHistoryOptions {
  /** How many past sessions (default 3000). */
  readonly sessions?: number;
  /** Spread over this many days before `now` (default 84: twelve weeks of trends). */
  readonly days?: number;
  /** The random seed: the same seed, `now` and flow give the same history (default 1). */
  readonly seed?: number;
  readonly now?: Date;
}

export interface SampleHistoryResult {
  readonly sessions: number;
  readonly from: string;
  readonly to: string;
}

/**
 * How likely a subscriber shown an offer of each type takes it. Invented for the demo (roughly the
 * ranges the market study quotes), so that the insights and the experiment have something to show.
 */
const ACCEPT_RATE: Record<OfferType, number> = {
  discount: 0.3,
  pause: 0.26,
  plan_change: 0.32,
  trial_extension: 0.3,
  // Never: the server refuses to accept a contact offer (following its links is not a decision to stay),
  // so a sample that took one would show the dashboard what no real server records.
  contact: 0,
  redirect: 0.06,
  custom: 0.1,
};
const ABANDON_RATE = 0.08;
const NO_REASON_RATE = 0.12;

type Weighted<T> = readonly { readonly value: T; readonly weight: number }[];

const PLANS: Weighted<{ plan: string; mrr: number }> = [
  { value: { plan: 'starter', mrr: 9 }, weight: 35 },
  { value: { plan: 'pro', mrr: 49 }, weight: 45 },
  { value: { plan: 'team', mrr: 199 }, weight: 15 },
  { value: { plan: 'enterprise', mrr: 900 }, weight: 5 },
];

const PLACES: Weighted<{ country: string; region: string | undefined; currency: string }> = [
  { value: { country: 'US', region: 'NY', currency: 'USD' }, weight: 30 },
  { value: { country: 'US', region: 'CA', currency: 'USD' }, weight: 14 },
  { value: { country: 'US', region: 'MN', currency: 'USD' }, weight: 3 },
  { value: { country: 'GB', region: undefined, currency: 'USD' }, weight: 12 },
  { value: { country: 'DE', region: undefined, currency: 'EUR' }, weight: 12 },
  { value: { country: 'FR', region: undefined, currency: 'EUR' }, weight: 8 },
  { value: { country: 'CA', region: 'ON', currency: 'USD' }, weight: 8 },
  { value: { country: 'BR', region: undefined, currency: 'USD' }, weight: 6 },
  { value: { country: 'JP', region: undefined, currency: 'USD' }, weight: 7 },
];

/** Free text the sample subscribers "wrote", by reason; every line is marked as sample data. */
const FEEDBACK: Readonly<Record<string, readonly string[]>> = {
  too_expensive: ['Too pricey for a team of two', 'The Pro plan jumped in price this year', 'We only need one seat'],
  not_using: ['Project ended, will be back', 'Seasonal business, quiet until spring'],
  technical: ['The CSV export times out on big projects', 'SSO login fails every other day', 'Dashboards load slowly'],
  missing_features: ['No Slack integration', 'Need custom retention periods', 'Missing a Looker connector'],
  switching: ['Moving to our data warehouse', 'Our company standardised on another tool'],
  other: ['Company closed', 'Budget freeze until next year'],
};

function surveyReasons(steps: readonly { type: string; reasons?: readonly { id: string }[] }[]): string[] {
  return steps.flatMap((s) => (s.type === 'survey' ? (s.reasons ?? []).map((r) => r.id) : []));
}

function choiceFor(offer: ResolvedOffer): OfferChoice | undefined {
  if (offer.type === 'pause') return offer.unit === 'week' ? { weeks: 1 } : { months: 1 };
  if (offer.type === 'plan_change') return offer.plans[0] ? { planId: offer.plans[0].id } : undefined;
  return undefined;
}

interface Rows {
  sessions: Insertable<Database['sessions']>[];
  events: Insertable<EventsTable>[];
  offers: Insertable<Database['offers_accepted']>[];
  cancellations: Insertable<Database['cancellations']>[];
  feedback: Insertable<Database['feedback']>[];
}

/**
 * Writes a clearly labelled SAMPLE history of past sessions for one site: each sample subscriber's
 * flow is resolved with the same core function a real session uses (targeting, experiment variant,
 * compliance profiles), then a reason, an offer and an outcome are drawn from a seeded generator.
 * Ids start with `sample_` (sessions `ses_sample_…`, subscribers `sample_cus_…`) and every feedback
 * text with `[sample]`. For demos only: it makes the insights show trends, reasons and lift.
 */
export async function seedSampleHistory(
  db: Kysely<Database>,
  site: SiteConfig,
  options: SampleHistoryOptions = {},
): Promise<SampleHistoryResult> {
  const count = options.sessions ?? 3000;
  const days = options.days ?? 84;
  const now = options.now ?? new Date();
  const random = seededRandom(options.seed ?? 1);
  const config = site.flow;
  const rows: Rows = { sessions: [], events: [], offers: [], cancellations: [], feedback: [] };
  let from = utcDay(now);

  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(6, '0');
    const started = new Date(now.getTime() - Math.floor(random() * days * 86_400_000) - 60_000);
    if (utcDay(started) < from) from = utcDay(started);
    const { plan, mrr } = samplePick(random, PLANS);
    const place = samplePick(random, PLACES);
    const claims: SubscriberClaims = {
      sub: `${SAMPLE_PREFIX}cus_${n}`,
      sid: `${SAMPLE_PREFIX}sub_${n}`,
      plan,
      mrr,
      currency: place.currency,
      country: place.country,
      ...(place.region ? { region: place.region } : {}),
      since: utcDay(shiftDays(started, -Math.floor(20 + random() * 1400))),
      periodEnd: utcDay(shiftDays(started, Math.floor(1 + random() * 29))),
    };
    const flow = resolveForSubscriber({ config, subscriber: claims, history: [], now: started });
    const reasons = surveyReasons(flow.steps);
    const reasonId = reasons.length > 0 && random() >= NO_REASON_RATE ? samplePick(random, weighted(reasons)) : null;
    const offer = reasonId ? flow.reasonOffers[reasonId] : undefined;
    const roll = random();
    const status: SessionStatus =
      offer && roll < ACCEPT_RATE[offer.type] ? 'saved' : roll > 1 - ABANDON_RATE ? 'abandoned' : 'cancelled';
    const sessionId = `ses_${SAMPLE_PREFIX}${n}`;
    const at = (seconds: number) => new Date(started.getTime() + seconds * 1000).toISOString();
    const ended = at(40 + Math.floor(random() * 200));
    const event = (k: number, type: string, payload: object, ids: { offer?: string; reason?: string } = {}) =>
      rows.events.push({
        id: `evt_${SAMPLE_PREFIX}${n}_${k}`,
        session_id: sessionId,
        type,
        at: at(k * 8),
        received_at: at(k * 8 + 1),
        payload_json: JSON.stringify(payload),
        offer_id: ids.offer ?? null,
        reason_id: ids.reason ?? null,
      });

    rows.sessions.push({
      ...startedSessionRow({
        id: sessionId,
        siteId: site.id,
        config,
        claims,
        flow,
        locale: config.defaultLocale,
        keyHash: 'sample',
        startedAt: started,
      }),
      // A sample session has ended, so no re-check reads its resolution: it keeps the experiment and the
      // profiles, marked as a sample.
      flow_json: JSON.stringify({ sample: true, experiment: flow.experiment, profiles: flow.profiles }),
      status,
      reason_id: reasonId,
      offer_id: status === 'saved' && offer ? offer.id : null,
      ended_at: ended,
    });
    event(0, 'session_started', {
      flowId: config.id,
      flowVersion: config.version,
      locale: config.defaultLocale,
      profiles: flow.profiles,
      ...(flow.experiment ? { variant: flow.experiment.variant } : {}),
    });
    if (reasonId) event(1, 'reason_selected', { reasonId }, { reason: reasonId });
    if (offer) event(2, 'offer_shown', { offerId: offer.id, offerType: offer.type }, { offer: offer.id });
    if (status === 'saved' && offer) {
      const choice = choiceFor(offer);
      event(
        3,
        'offer_accepted',
        { offerId: offer.id, offerType: offer.type, ...(choice ? { choice } : {}) },
        {
          offer: offer.id,
        },
      );
      rows.offers.push({
        session_id: sessionId,
        site_id: site.id,
        subscriber_id: claims.sub,
        offer_id: offer.id,
        offer_type: offer.type,
        choice_json: choice ? JSON.stringify(choice) : null,
        idempotency_key: `${SAMPLE_PREFIX}${n}`,
        state: 'applied',
        result_json: '{}',
        accepted_at: ended,
      });
    } else if (status === 'cancelled') {
      if (offer) event(3, 'offer_declined', { offerId: offer.id, offerType: offer.type }, { offer: offer.id });
      const receiptId = `rcp_${SAMPLE_PREFIX}${n}`;
      event(4, 'cancel_confirmed', { ...(reasonId ? { reasonId } : {}), receiptId });
      rows.cancellations.push({
        id: receiptId,
        session_id: sessionId,
        site_id: site.id,
        subscriber_id: claims.sub,
        subscription_id: claims.sid ?? null,
        plan,
        reason_id: reasonId,
        locale: config.defaultLocale,
        confirmed_at: ended,
        effective_on: claims.periodEnd ?? utcDay(started),
        refund: 'Sample data: no refund.',
        withdrawal: 0,
        state: 'applied',
      });
      const texts = reasonId ? FEEDBACK[reasonId] : undefined;
      if (texts && random() < 0.35) {
        rows.feedback.push({
          id: `fbk_${SAMPLE_PREFIX}${n}`,
          session_id: sessionId,
          site_id: site.id,
          flow_id: config.id,
          subscriber_id: claims.sub,
          reason_id: reasonId,
          source: 'follow_up',
          text: `[sample] ${samplePick(random, weighted(texts))}`,
          created_at: ended,
        });
      }
    }
    if (status === 'abandoned') event(5, 'session_abandoned', {});
    else event(5, 'session_completed', { status });
  }

  await db.transaction().execute(async (trx) => {
    // Batches keep each statement under SQLite's limit on bound parameters.
    const batches = async <T>(list: T[], insert: (batch: T[]) => Promise<unknown>) => {
      for (let i = 0; i < list.length; i += 200) await insert(list.slice(i, i + 200));
    };
    await batches(rows.sessions, (b) => trx.insertInto('sessions').values(b).execute());
    await batches(rows.events, (b) => trx.insertInto('events').values(b).execute());
    await batches(rows.offers, (b) => trx.insertInto('offers_accepted').values(b).execute());
    await batches(rows.cancellations, (b) => trx.insertInto('cancellations').values(b).execute());
    await batches(rows.feedback, (b) => trx.insertInto('feedback').values(b).execute());
    const saved = rows.offers.map((o) => o.session_id);
    await seedSampleSaves(trx, site, saved, { now, seed: options.seed ?? 1 });
  });
  return { sessions: count, from, to: utcDay(now) };
}

/** Equal weights, except that the first reasons (the common ones: price, not using) come up more often. */
function weighted<T>(values: readonly T[]): { value: T; weight: number }[] {
  return values.map((value, i) => ({ value, weight: Math.max(1, values.length - i) }));
}
