/**
 * Below this, a batch's `receivedAt − sentAt` is delivery time, not a wrong clock: the http adapter's
 * three attempts of 8 s with up to 10 s of Retry-After between them take up to 44 s, and `sentAt` is
 * written once per batch. Correcting by delivery time would reorder a session's events across batches
 * (a slow first batch's events would move after a fast second batch's), so it is left alone.
 */
export const CLOCK_TOLERANCE_MS = 60_000;

/**
 * Each event's time in the server's clock, from a batch that says when it was sent by the sender's
 * clock (`sentAt`, as analytics pipelines do: Segment's sentAt/receivedAt). The widget stamps events
 * with the device's clock, which may be minutes or years off: its events would then sort wrongly
 * against the server's own (the offer an accept records as shown) and count wrongly in offer
 * frequency windows. Without a usable `sentAt` (an API client, an older widget) times are kept as sent.
 * A time after the server received it cannot be true: it becomes the receive time.
 */
export function eventClock(sentAt: unknown, received: Date): (at: string) => string {
  const sent = typeof sentAt === 'string' ? Date.parse(sentAt) : Number.NaN;
  if (Number.isNaN(sent)) return (at) => new Date(at).toISOString();
  const skew = received.getTime() - sent;
  const shift = Math.abs(skew) >= CLOCK_TOLERANCE_MS ? skew : 0;
  return (at) => new Date(Math.min(Date.parse(at) + shift, received.getTime())).toISOString();
}
