import * as z from 'zod/mini';
import type { EventPayloads, FlowEvent as FlowEventType } from './events.ts';

/**
 * Zod schemas of what crosses the wire between a widget and a backend (docs/protocol, packages/server):
 * the typed events and the bodies of the write requests. They live behind `@cancelflow/core/schema`
 * with the config schema, so the browser's click path never pulls zod in.
 */

const EventId = z.string().check(z.minLength(1), z.maxLength(100));
const RefId = z.string().check(z.minLength(1), z.maxLength(64));
/** Free text is capped at the largest `maxLength` a flow may set (5000). */
const FreeText = z.string().check(z.maxLength(5000));

export const OfferChoice = z.strictObject({
  months: z.optional(z.int().check(z.gte(1), z.lte(36))),
  weeks: z.optional(z.int().check(z.gte(1), z.lte(52))),
  planId: z.optional(RefId),
});

const offerRef = { offerId: RefId, offerType: RefId };

/** Payloads are `z.object` (unknown keys dropped), so an older server accepts a newer widget's events. */
const payloads = {
  session_started: z.object({
    flowId: RefId,
    flowVersion: z.int().check(z.gte(1)),
    locale: z.string().check(z.maxLength(35)),
    variant: z.optional(RefId),
    profiles: z.array(z.string().check(z.maxLength(16))).check(z.maxLength(10)),
  }),
  step_viewed: z.object({ stepId: RefId, stepType: RefId }),
  reason_selected: z.object({ reasonId: RefId }),
  offer_shown: z.object(offerRef),
  offer_accepted: z.object({ ...offerRef, choice: z.optional(OfferChoice) }),
  offer_declined: z.object(offerRef),
  feedback_submitted: z.object({ stepId: RefId, text: FreeText }),
  cancel_confirmed: z.object({
    reasonId: z.optional(RefId),
    receiptId: z.optional(z.string().check(z.maxLength(100))),
  }),
  session_abandoned: z.object({ stepId: z.optional(RefId) }),
  session_completed: z.object({ status: z.enum(['saved', 'cancelled', 'abandoned', 'error']) }),
  action_failed: z.object({
    action: z.enum(['accept_offer', 'confirm_cancel']),
    code: RefId,
    status: z.optional(z.int().check(z.gte(100), z.lte(599))),
  }),
} satisfies { [T in keyof EventPayloads]: z.ZodMiniType<EventPayloads[T]> };

type PayloadSchemas = typeof payloads;

function eventOf<T extends keyof PayloadSchemas>(type: T) {
  return z.object({
    id: EventId,
    sessionId: EventId,
    at: z.iso.datetime({ offset: true }),
    type: z.literal(type),
    payload: payloads[type],
  });
}

export const FlowEvent: z.ZodMiniType<FlowEventType> = z.discriminatedUnion('type', [
  eventOf('session_started'),
  eventOf('step_viewed'),
  eventOf('reason_selected'),
  eventOf('offer_shown'),
  eventOf('offer_accepted'),
  eventOf('offer_declined'),
  eventOf('feedback_submitted'),
  eventOf('cancel_confirmed'),
  eventOf('session_abandoned'),
  eventOf('session_completed'),
  eventOf('action_failed'),
]);

const LocalePreferences = z.object({
  explicit: z.optional(z.string().check(z.maxLength(35))),
  token: z.optional(z.string().check(z.maxLength(35))),
  page: z.optional(z.string().check(z.maxLength(35))),
  browser: z.optional(z.array(z.string().check(z.maxLength(35))).check(z.maxLength(20))),
});

const sessionRequest = {
  token: z.string().check(z.minLength(1), z.maxLength(8192)),
  locale: z._default(LocalePreferences, {}),
};

/** `POST /v1/preview`: what a session for this token would resolve to, stored nowhere. */
export const PreviewSessionBody = z.object(sessionRequest);

/**
 * `POST /v1/sessions`. `sessionId` is the id the widget proposes, so that it can draw the first
 * screen before the answer: `ses_` and a UUID, or the widget's fallback id (letters, digits, dashes).
 */
export const StartSessionBody = z.object({
  ...sessionRequest,
  sessionId: z.optional(
    z.string().check(z.regex(/^ses_[A-Za-z0-9-]{8,64}$/, 'expected ses_ and 8 to 64 letters, digits or dashes')),
  ),
});

export type { SessionPreview } from './adapter.ts';

/**
 * `POST /v1/events`. Events stay `unknown` here: each is checked on its own, so one malformed event
 * is rejected without losing the rest of a beacon.
 */
export const EventBatchBody = z.object({
  events: z.array(z.unknown()).check(z.maxLength(500)),
  keys: z.record(EventId, z.string().check(z.maxLength(100))),
  /**
   * When the sender's clock says the batch left (ISO 8601); the server corrects the events' times by
   * it. Not checked here: one that does not parse leaves the times as sent rather than losing a beacon.
   */
  sentAt: z.optional(z.unknown()),
});

const SessionKey = z.string().check(z.minLength(1), z.maxLength(100));

/** `POST /v1/sessions/:id/accept` */
export const AcceptOfferBody = z.object({
  sessionKey: SessionKey,
  offerId: RefId,
  choice: z.optional(OfferChoice),
  /** The reason the subscriber gave: the server accepts only an offer shown for it. */
  reasonId: z.optional(RefId),
});

/** `POST /v1/sessions/:id/cancel` */
export const ConfirmCancelBody = z.object({
  sessionKey: SessionKey,
  reasonId: z.optional(RefId),
  feedback: z.optional(FreeText),
  withdraw: z.optional(z.boolean()),
});
