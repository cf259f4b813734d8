/** Numbers as the dashboard shows them: one place, so every view says the same thing the same way. */

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

export const count = (n: number): string => integer.format(n);

/** 0.4213 → "42.1%"; a rate with no denominator → "—". */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** A difference of two rates in percentage points, signed: 0.106 → "+10.6". Uses a real minus sign. */
export function points(diff: number): string {
  const value = (diff * 100).toFixed(1);
  if (value === '0.0' || value === '-0.0') return '0.0';
  return diff > 0 ? `+${value}` : `−${value.slice(1)}`;
}

/** A point value without a sign for positives: −3.2, 6.3. */
export function unsignedPoints(value: number): string {
  const text = (value * 100).toFixed(1);
  return text.startsWith('-') && text !== '-0.0' ? `−${text.slice(1)}` : text.replace('-', '');
}

/** A 95% interval of rates: "6.3–14.1%", or "−3.0 to 5.4" for points that may be negative. */
export function interval(ci: readonly [number, number] | null | undefined, unit: '%' | 'points' = '%'): string {
  if (!ci) return '—';
  if (unit === '%') return `${(ci[0] * 100).toFixed(1)}–${(ci[1] * 100).toFixed(1)}%`;
  const [low, high] = ci.map(unsignedPoints);
  return ci[0] < 0 ? `${low} to ${high}` : `${low}–${high}`;
}

/** One amount in its own currency: "$49.00", "€50.00"; a code Intl does not know is written out. */
export function money(amount: number, currency: string): string {
  if (/^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
    } catch {
      // fall through
    }
  }
  return `${amount.toFixed(2)} (${currency === 'unknown' ? 'no currency given' : currency})`;
}

/** Each currency on its own, by code (amounts without a currency last): never added together. */
export function moneyList(sums: Readonly<Record<string, number>>): { currency: string; text: string }[] {
  const rank = (code: string) => (code === 'unknown' ? `~${code}` : code);
  return Object.entries(sums)
    .sort((a, b) => (rank(a[0]) < rank(b[0]) ? -1 : 1))
    .map(([currency, amount]) => ({ currency, text: money(amount, currency) }));
}

/** Unix seconds → "23 Nov" (UTC), for chart axes. */
export function dayMonth(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** 2026-11 → "Nov 2026". */
export function month(iso: string): string {
  const date = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** 2026-11-23 → "23 Nov 2026" (UTC, as the API's days are). */
export function day(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** The reason's label from the flow, or its id when the flow no longer has it. */
export const reasonName = (r: { reasonId: string | null; reasonLabel: string | null }) =>
  r.reasonId === '(none)' || r.reasonId === null ? 'No reason given' : (r.reasonLabel ?? r.reasonId);
