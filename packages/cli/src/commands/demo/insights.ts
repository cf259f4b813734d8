import { type Html, html } from './html.ts';
import { page } from './page.ts';

type Rates = { sessions: number; saved: number; cancelled: number; abandoned: number; saveRate: number | null };
type Interval = readonly [number, number] | null;

/** The admin insights reports the page shows: the server's JSON (docs/server.md), read with the admin key. */
export interface InsightsData {
  readonly summary: Rates & { mrrSaved: Record<string, number> };
  readonly reasons: readonly (Rates & { reasonId: string })[];
  readonly offers: readonly {
    offerId: string;
    offerType: string | null;
    shown: number;
    accepted: number;
    acceptanceRate: number | null;
    mrrSaved: Record<string, number>;
  }[];
  readonly experiments: readonly {
    experimentId: string;
    variants: readonly (Rates & {
      variantId: string;
      holdout: boolean;
      keptRate: number | null;
      keptRateCi95: Interval;
      liftVsHoldout: { diff: number; ci95: Interval } | null;
    })[];
  }[];
  readonly weeks: readonly (Rates & { week: string })[];
  readonly feedback: readonly { reasonId: string | null; text: string }[];
}

const pct = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
/** Money per currency, never summed across currencies: "USD 49 · EUR 50". */
const money = (sums: Record<string, number> | undefined) =>
  Object.entries(sums ?? {})
    .map(([c, v]) => `${c} ${Math.round(Number(v))}`)
    .join(' · ');
/** A difference of two rates, in percentage points: "+12.0 pts". */
const points = (diff: number) => `${diff >= 0 ? '+' : '−'}${Math.abs(diff * 100).toFixed(1)} pts`;
const interval = (ci: Interval | undefined) =>
  ci ? `[${(Number(ci[0]) * 100).toFixed(1)}, ${(Number(ci[1]) * 100).toFixed(1)}]` : '—';

function table(head: readonly string[], rows: readonly (readonly (string | number | Html)[])[]): Html {
  return html`<table><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>`;
}

/** A read-only view of the insights API for the demo (the dashboard package will replace it). */
export function insightsPage(data: InsightsData, serverUrl: string): string {
  const s = data.summary;
  const maxWeek = Math.max(1, ...data.weeks.map((w) => Number(w.sessions)));
  const body = html`<main class="insights">
  <h1>Insights</h1>
  <p class="notice">Includes a SAMPLE history of generated sessions (ids <code>sample_…</code>, feedback marked
    <code>[sample]</code>) so there is something to show; your own demo sessions are added live.
    The JSON: <code>${serverUrl}/v1/admin/insights/summary</code> with the admin key.</p>
  <section class="cards">
    <div><span>Sessions</span><strong id="sessions">${s.sessions}</strong></div>
    <div><span>Saved</span><strong id="saved">${s.saved}</strong></div>
    <div><span>Cancelled</span><strong id="cancelled">${s.cancelled}</strong></div>
    <div><span>Abandoned</span><strong>${s.abandoned}</strong></div>
    <div><span>Save rate</span><strong>${pct(s.saveRate)}</strong></div>
    <div><span>MRR saved</span><strong>${money(s.mrrSaved)}</strong></div>
  </section>
  <h2>Weekly trend</h2>
  ${table(
    ['week', 'sessions', '', 'saved', 'save rate'],
    data.weeks.map((w) => [
      w.week,
      w.sessions,
      html`<meter min="0" max="${maxWeek}" value="${w.sessions}"></meter>`,
      w.saved,
      pct(w.saveRate),
    ]),
  )}
  <h2>Reasons</h2>
  ${table(
    ['reason', 'sessions', 'saved', 'cancelled', 'abandoned', 'save rate'],
    data.reasons.map((r) => [r.reasonId, r.sessions, r.saved, r.cancelled, r.abandoned, pct(r.saveRate)]),
  )}
  <h2>Offers</h2>
  ${table(
    ['offer', 'type', 'shown', 'accepted', 'acceptance', 'MRR saved'],
    data.offers.map((o) => [
      o.offerId,
      o.offerType ?? '—',
      o.shown,
      o.accepted,
      pct(o.acceptanceRate),
      money(o.mrrSaved),
    ]),
  )}
  <h2>Experiments</h2>
  ${data.experiments.map(
    (
      e,
    ) => html`<h3>${e.experimentId} <small>(metric: kept rate; lift vs holdout in percentage points, 95% CI)</small></h3>
    ${table(
      ['variant', 'sessions', 'kept rate', '95% CI', 'lift vs holdout', 'lift 95% CI'],
      e.variants.map((v) => [
        v.holdout && !/holdout/i.test(v.variantId) ? `${v.variantId} (holdout)` : v.variantId,
        v.sessions,
        pct(v.keptRate),
        interval(v.keptRateCi95),
        v.liftVsHoldout ? points(v.liftVsHoldout.diff) : '—',
        interval(v.liftVsHoldout?.ci95),
      ]),
    )}`,
  )}
  <h2>Latest feedback</h2>
  <ul class="feedback">${data.feedback.slice(0, 12).map((f) => html`<li><code>${f.reasonId ?? '—'}</code> ${f.text}</li>`)}</ul>
</main>`;
  return page('Insights — Acme Analytics (cancelflow demo)', body);
}
