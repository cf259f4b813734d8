import { Money } from '../components/Money.tsx';
import { count, percent } from '../format.ts';
import type { Summary as SummaryData } from '../types.ts';

/**
 * The headline numbers, each as the API computes it (docs/server.md, "Definitions"): saved,
 * cancelled, abandoned and open kept apart; save rate = saved / (saved + cancelled); retained = saves
 * still paying N days later (docs/billing.md).
 */
export function SummaryCards({ summary }: { summary: SummaryData }) {
  const cards = [
    { id: 'sessions', label: 'Sessions', value: count(summary.sessions) },
    { id: 'saved', label: 'Saved', value: count(summary.saved) },
    { id: 'cancelled', label: 'Cancelled', value: count(summary.cancelled) },
    { id: 'abandoned', label: 'Abandoned', value: count(summary.abandoned), note: 'closed without deciding' },
    { id: 'open', label: 'Open', value: count(summary.open), note: 'still in the flow' },
    { id: 'save-rate', label: 'Save rate', value: percent(summary.saveRate), note: 'saved ÷ (saved + cancelled)' },
  ];
  return (
    <dl class="cards" aria-label="Summary">
      {cards.map((c) => (
        <div key={c.id} class="card" data-card={c.id}>
          <dt>{c.label}</dt>
          <dd>
            <strong>{c.value}</strong>
            {c.note ? <span class="note">{c.note}</span> : null}
          </dd>
        </div>
      ))}
      <div class="card" data-card="mrr-saved">
        <dt>MRR saved</dt>
        <dd>
          <Money sums={summary.mrrSaved} />
          <span class="note">per currency, never added up</span>
        </dd>
      </div>
      {summary.retained === undefined ? null : <RetainedCards summary={summary} />}
    </dl>
  );
}

/** Saves verified against billing: how many still paid on their due day, and the MRR they kept. */
function RetainedCards({ summary }: { summary: SummaryData }) {
  const days = summary.retainedAfterDays ? `${summary.retainedAfterDays} days` : 'N days';
  const verified = (summary.retained ?? 0) + (summary.lost ?? 0);
  return (
    <>
      <div class="card" data-card="retained">
        <dt>Retained</dt>
        <dd>
          <strong>{count(summary.retained ?? 0)}</strong>
          <span class="note">
            {verified === 0
              ? `no save due yet (saves are checked ${days} on); ${count(summary.pending ?? 0)} not due yet`
              : `${percent(summary.retainedRate)} of ${count(verified)} due still paid ${days} on; ${count(summary.pending ?? 0)} not due yet`}
          </span>
        </dd>
      </div>
      <div class="card" data-card="mrr-retained">
        <dt>MRR retained</dt>
        <dd>
          <Money sums={summary.mrrRetained ?? {}} />
          <span class="note">of retained saves, per currency</span>
        </dd>
      </div>
    </>
  );
}
