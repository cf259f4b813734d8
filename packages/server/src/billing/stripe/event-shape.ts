import { textProblem } from '../../http/text.ts';

/** The last second a JavaScript Date holds (8.64e15 ms): a later one has no ISO form. */
const MAX_SECONDS = 8_640_000_000_000;

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A problem with an id that is stored (events.ts), or undefined. */
function idProblem(value: unknown, field: string): string | undefined {
  if (typeof value !== 'string' || value === '' || value.length > 255)
    return `${field} must be a string of 1–255 characters`;
  const problem = textProblem(value);
  return problem && `${field} contains ${problem}`;
}

/** An id, or an expanded object with its id (`customer`, `subscription`). */
const refProblem = (value: unknown, field: string) =>
  isObject(value) ? idProblem(value.id, `${field}.id`) : idProblem(value, field);

function timeProblem(value: unknown, field: string, optional = true): string | undefined {
  if (optional && (value === undefined || value === null)) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_SECONDS) return undefined;
  return `${field} must be a time in Unix seconds, not ${JSON.stringify(value)}`;
}

function subscriptionProblem(s: Fields): string | undefined {
  const field = (name: string) => `data.object.${name}`;
  const items = isObject(s.items) ? s.items.data : undefined;
  if (!Array.isArray(items)) return `${field('items.data')} must be an array`;
  const first = items[0] as unknown;
  const price = isObject(first) && isObject(first.price) ? first.price.id : undefined;
  const pause = s.pause_collection;
  if (pause !== undefined && pause !== null && !isObject(pause))
    return `${field('pause_collection')} must be an object or null`;
  return (
    idProblem(s.id, field('id')) ??
    refProblem(s.customer, field('customer')) ??
    (first === undefined ? undefined : idProblem(price, field('items.data[0].price.id'))) ??
    (typeof s.status === 'string' ? undefined : `${field('status')} must be a string`) ??
    timeProblem(isObject(pause) ? pause.resumes_at : undefined, field('pause_collection.resumes_at')) ??
    timeProblem(s.trial_end, field('trial_end')) ??
    timeProblem(s.ended_at, field('ended_at')) ??
    timeProblem(s.cancel_at, field('cancel_at'))
  );
}

function invoiceProblem(invoice: Fields): string | undefined {
  const parent = isObject(invoice.parent) ? invoice.parent.subscription_details : undefined;
  const current = isObject(parent) ? parent.subscription : undefined;
  const optionalRef = (value: unknown, field: string) =>
    value === undefined || value === null ? undefined : refProblem(value, `data.object.${field}`);
  return (
    optionalRef(current, 'parent.subscription_details.subscription') ??
    optionalRef(invoice.subscription, 'subscription') ??
    optionalRef(invoice.customer, 'customer')
  );
}

/**
 * What `takeStripeEvent` reads of a verified event, checked before any of it is used or stored: the
 * problem (`created must be a time in Unix seconds, not 1e+308`), or undefined. A signed event is
 * Stripe's word, but a time past what a Date holds, a missing `items` or an object where an id belongs
 * answered 500, so Stripe retried it for days; an id with U+0000 was stored on SQLite and refused on
 * Postgres; an object id was stored as `[object Object]` by one and as JSON by the other.
 */
export function stripeEventProblem(event: unknown): string | undefined {
  if (!isObject(event)) return 'body must be an object';
  const head =
    idProblem(event.id, 'id') ?? idProblem(event.type, 'type') ?? timeProblem(event.created, 'created', false);
  if (head) return head;
  const type = event.type as string;
  const subscription = type.startsWith('customer.subscription.');
  if (!subscription && type !== 'invoice.paid' && type !== 'invoice.payment_failed') return undefined;
  const object = isObject(event.data) ? event.data.object : undefined;
  if (!isObject(object)) return 'data.object must be an object';
  return subscription ? subscriptionProblem(object) : invoiceProblem(object);
}
