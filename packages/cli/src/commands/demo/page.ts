import type { FlowConfig, ResolvedFlow, SubscriberClaims } from '@cancelflow/core';
import { Html, html } from './html.ts';
import { DEMO_SUBSCRIBERS, type DemoSubscriber } from './subscribers.ts';

/** What the demo billing ledger holds for a subscription (the server's admin export), and the last receipt. */
export interface LedgerState {
  readonly subscription?: {
    status: string;
    plan: string | null;
    paused_until: string | null;
    discount: { percentOff?: number; months?: number; coupon?: string; until?: string } | null;
    trial_end: string | null;
    cancel_at: string | null;
    updated_at: string;
  };
  readonly receiptUrl?: string;
  /** The demo's outbox page for this subscriber, when the server kept mail for them. */
  readonly emails?: { readonly url: string; readonly count: number };
}

export const LANGUAGES: Readonly<Record<string, string>> = { en: 'English', de: 'Deutsch' };

export function page(title: string, body: Html, lang = 'en'): string {
  return html`<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="stylesheet" href="/demo.css" />
  </head>
  <body>
    <header class="bar"><strong>Acme Analytics</strong> <span class="tag">cancelflow demo</span>
      <nav><a href="/">Account</a> <a href="/insights">Insights</a></nav></header>
    ${body}
  </body>
</html>
`.value;
}

/** The subscription as the demo billing ledger has it now. */
export function ledgerPanel(state: LedgerState): Html {
  const s = state.subscription;
  if (!s) return html`<p>No subscription in the ledger (reset this subscriber).</p>`;
  const rows: [string, string | Html][] = [
    ['Status', html`<strong data-status="${s.status}">${s.status}</strong>`],
    ['Plan', s.plan ?? '—'],
  ];
  if (s.discount)
    rows.push([
      'Discount',
      `${s.discount.percentOff ?? ''}% off until ${s.discount.until ?? '?'} (${s.discount.coupon ?? ''})`,
    ]);
  if (s.paused_until) rows.push(['Paused until', s.paused_until]);
  if (s.trial_end) rows.push(['Trial ends', s.trial_end]);
  if (s.cancel_at) rows.push(['Access ends', s.cancel_at]);
  if (state.receiptUrl) rows.push(['Receipt', html`<a href="${state.receiptUrl}">cancellation receipt</a>`]);
  if (state.emails) rows.push(['Emails', html`<a href="${state.emails.url}">${state.emails.count} in the outbox</a>`]);
  rows.push(['Updated', s.updated_at.replace('T', ' ').slice(0, 19)]);
  return html`<dl class="ledger">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

/** What cancelflow will do for this subscriber: the same resolution the server runs when the flow opens. */
function expectations(flow: ResolvedFlow): Html {
  const offer = flow.reasonOffers.too_expensive;
  const firstStep = flow.steps[0]?.type ?? '?';
  return html`<ul class="facts">
    <li>Compliance profiles in force: <code>${flow.profiles.join(', ')}</code></li>
    <li>Experiment <code>${flow.experiment?.id ?? '—'}</code>: variant <code data-variant>${flow.experiment?.variant ?? '—'}</code>${flow.experiment?.holdout ? ' (holdout: no offers)' : ''}</li>
    ${flow.targetingRule ? html`<li>Targeting rule: <code>${flow.targetingRule}</code></li>` : ''}
    <li>First step: <code>${firstStep}</code>; "It's too expensive" →
      <code data-offer>${offer ? `${offer.id} (${offer.type})` : 'no offer'}</code></li>
    ${flow.withdrawal ? html`<li>EU withdrawal possible until ${flow.withdrawal.until}</li>` : ''}
  </ul>`;
}

export interface AccountPageInput {
  readonly subscriber: DemoSubscriber;
  readonly claims: SubscriberClaims;
  readonly lang: string;
  readonly flow: ResolvedFlow;
  readonly config: FlowConfig;
  readonly token: string;
  readonly serverUrl: string;
  readonly ledger: LedgerState;
  readonly notice?: string;
}

export function accountPage(input: AccountPageInput): string {
  const { subscriber: s, claims, lang, flow, token, serverUrl } = input;
  const q = `as=${encodeURIComponent(s.id)}${lang ? `&lang=${lang}` : ''}`;
  const options = DEMO_SUBSCRIBERS.map(
    (o) =>
      html`<option value="${o.id}" ${o.id === s.id ? new Html('selected') : ''}>${o.name} — ${o.place}, ${o.plan}, ${tenure(o.tenureDays)}</option>`,
  );
  const body = html`<main data-subscriber="${s.id}">
  <section class="switcher" aria-labelledby="switch-title">
    <h2 id="switch-title">Demo: be another subscriber</h2>
    <form method="get" action="/">
      <label>Subscriber <select name="as" id="as">${options}</select></label>
      <label>Language <select name="lang" id="lang">
        <option value="">their own (${s.locale})</option>
        ${Object.entries(LANGUAGES).map(([code, name]) => html`<option value="${code}" ${code === lang ? new Html('selected') : ''}>${name}</option>`)}
      </select></label>
      <button type="submit">Switch</button>
    </form>
    <p class="expect">${s.expect}</p>
    ${expectations(flow)}
    <p class="small">Token claims for this page view: <code>${JSON.stringify(claims)}</code></p>
  </section>

  <h1>Your account</h1>
  <p>Signed in as <strong>${s.name}</strong> (${s.place}) · ${s.plan} plan, ${claims.currency} ${s.mrr}/month ·
    customer for ${tenure(s.tenureDays)}</p>
  ${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''}

  <h2>Subscription</h2>
  <div id="subscription" aria-live="polite">${ledgerPanel(input.ledger)}</div>
  <p id="outcome" role="status"></p>

  <h2>Cancel</h2>
  <p>Three ways a site may cancel; each is marked <code>data-cancelflow</code>.</p>
  <p><a id="cancel-link" href="/account/cancel?${q}&amp;via=link" data-cancelflow>Cancel subscription</a></p>
  <p><button type="button" id="cancel-button" data-cancelflow>Cancel my subscription</button></p>
  <form method="post" action="/account/cancel?${q}&amp;via=form" data-cancelflow>
    <button type="submit" id="cancel-form-submit">Cancel via form</button>
  </form>
  <form method="post" action="/reset?${q}" class="reset">
    <button type="submit" id="reset">Reset ${s.name} (erase their sessions, reactivate)</button>
  </form>
</main>
<script src="${serverUrl}/cancelflow.js" async data-endpoint="${serverUrl}" data-token="${token}"></script>
<script src="/demo.js" defer></script>`;
  return page(`Account — ${s.name} — Acme Analytics (cancelflow demo)`, body, lang || s.locale);
}

function tenure(days: number): string {
  if (days < 60) return `${days} days`;
  if (days < 730) return `${Math.round(days / 30)} months`;
  return `${Math.round(days / 365)} years`;
}
