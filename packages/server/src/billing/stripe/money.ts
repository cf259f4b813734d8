/**
 * Stripe counts amounts in the currency's smallest unit, and for a few currencies that is not a
 * hundredth (https://docs.stripe.com/currencies#zero-decimal): ¥500 is `500`, $5 is `500`, 5 KWD is `5000`.
 * The flow and the claims speak in the major unit.
 */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

function scale(currency: string): number {
  const c = currency.toLowerCase();
  return ZERO_DECIMAL.has(c) ? 1 : THREE_DECIMAL.has(c) ? 1000 : 100;
}

export function toMinor(amount: number, currency: string): number {
  const minor = Math.round(amount * scale(currency));
  // Stripe accepts three-decimal amounts only in multiples of 10.
  return THREE_DECIMAL.has(currency.toLowerCase()) ? Math.round(minor / 10) * 10 : minor;
}

export function toMajor(minor: number, currency: string): number {
  return minor / scale(currency);
}
