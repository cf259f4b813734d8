import { useEffect, useState } from 'preact/hooks';
import { CsvLink } from '../components/CsvLink.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Pager } from '../components/Pager.tsx';
import { Status } from '../components/Status.tsx';
import { day, reasonName } from '../format.ts';
import { grouping, hashFor, viewParams } from '../state.ts';
import type { FeedbackRow, Filters, ReasonRow } from '../types.ts';
import { useReport } from '../use-report.ts';

const PAGE = 50;
const SOURCES: Record<string, string> = {
  feedback_step: 'Feedback step',
  follow_up: 'Reason follow-up',
  cancel: 'Cancel step',
};

/** Free-text answers, newest first: search (case-insensitive substring), filter by reason, page through. */
export function Feedback({ filters }: { filters: Filters }) {
  // In the link, as the filter bar's filters (state.ts): a reload or a shared link keeps the search.
  const { q = '', reasonId = '', plan = '', locale = '' } = viewParams.value;
  const [offset, setOffset] = useState(0);
  const search = (next: Record<string, string>) => {
    location.hash = hashFor('feedback', filters, grouping.value, { q, reasonId, plan, locale, ...next });
    setOffset(0);
  };
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]); // another link, or Back, changed the search
  const reasons = useReport<{ reasons: ReasonRow[] }>('reasons', filters);
  const params = {
    ...(q ? { q } : {}),
    ...(reasonId ? { reasonId } : {}),
    ...(plan ? { plan } : {}),
    ...(locale ? { locale } : {}),
  };
  const loaded = useReport<{ feedback: FeedbackRow[]; hasMore: boolean }>('feedback', filters, {
    ...params,
    limit: PAGE,
    offset,
  });
  const choices = reasons.state === 'ready' ? reasons.data.reasons.filter((r) => r.reasonId !== '(none)') : [];

  return (
    <section aria-labelledby="feedback-title">
      <div class="section-head">
        <h2 id="feedback-title">Feedback</h2>
        <CsvLink report="feedback" params={{ ...filters, ...params, limit: 1000 }} what="the matching feedback" />
      </div>
      <form
        class="toolbar"
        aria-label="Search the feedback"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          search({
            q: draft.trim(),
            plan: String(form.get('plan') ?? '').trim(),
            locale: String(form.get('locale') ?? '').trim(),
          });
        }}
      >
        <label>
          Search the text
          <input type="search" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} maxLength={200} />
        </label>
        <label>
          Reason
          <select value={reasonId} onChange={(e) => search({ reasonId: e.currentTarget.value })}>
            <option value="">All reasons</option>
            {choices.map((r) => (
              <option key={r.reasonId} value={r.reasonId}>
                {reasonName(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Plan
          <input name="plan" key={`plan:${plan}`} defaultValue={plan} maxLength={200} size={10} />
        </label>
        <label>
          Locale
          <input name="locale" key={`locale:${locale}`} defaultValue={locale} maxLength={35} size={6} />
        </label>
        <button type="submit">Search</button>
      </form>
      <Status loaded={loaded}>
        {(data) => (
          <>
            <DataTable
              caption={q ? `Feedback containing “${q}”` : 'Feedback, newest first'}
              rows={data.feedback}
              rowKey={(f) => f.id}
              empty="No feedback matches."
              columns={[
                { label: 'Date', render: (f) => day(f.createdAt) },
                { label: 'Reason', wrap: true, render: (f) => reasonName(f) },
                { label: 'Where', render: (f) => SOURCES[f.source] ?? f.source },
                { label: 'Feedback', wrap: true, render: (f) => <span class="text">{f.text}</span> },
              ]}
            />
            <Pager
              label="Feedback pages"
              offset={offset}
              shown={data.feedback.length}
              pageSize={PAGE}
              hasMore={data.hasMore}
              onOffset={setOffset}
            />
          </>
        )}
      </Status>
    </section>
  );
}
