import { useState } from 'preact/hooks';
import { CsvLink } from '../components/CsvLink.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Pager } from '../components/Pager.tsx';
import { Status } from '../components/Status.tsx';
import { reasonName } from '../format.ts';
import { grouping, hashFor, viewParams } from '../state.ts';
import type { Filters } from '../types.ts';
import { useReport } from '../use-report.ts';
import { stepWords } from './path-words.ts';

/** `GET /v1/admin/insights/sessions` (docs/server.md): a session and what happened in it, in order. */
interface SessionRow {
  readonly sessionId: string;
  readonly createdAt: string;
  readonly status: string;
  readonly plan: string | null;
  readonly locale: string;
  readonly variant: string | null;
  readonly reasonId: string | null;
  readonly reasonLabel: string | null;
  readonly offerName: string | null;
  readonly offerId: string | null;
  readonly path: readonly { at: string; type: string; detail: string | null }[];
}

const PAGE = 50;
const STATUSES = ['saved', 'cancelled', 'abandoned', 'open'];

/** The newest sessions with each one's path through the flow, filterable by outcome. */
export function Sessions({ filters }: { filters: Filters }) {
  // In the link, as the filter bar's filters (state.ts); one the report does not have reads as all.
  const status = STATUSES.includes(viewParams.value.status ?? '') ? (viewParams.value.status ?? '') : '';
  const setStatus = (next: string) => {
    location.hash = hashFor('sessions', filters, grouping.value, next ? { status: next } : {});
  };
  const [offset, setOffset] = useState(0);
  const params: Record<string, string> = status ? { status } : {};
  const loaded = useReport<{ sessions: SessionRow[]; hasMore: boolean }>('sessions', filters, {
    ...params,
    limit: PAGE,
    offset,
  });
  return (
    <section aria-labelledby="sessions-title">
      <div class="section-head">
        <h2 id="sessions-title">Sessions</h2>
        <CsvLink report="sessions" params={{ ...filters, ...params, limit: 1000 }} what="the matching sessions" />
      </div>
      <div class="toolbar">
        <label>
          Outcome
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value);
              setOffset(0);
            }}
          >
            <option value="">All outcomes</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Status loaded={loaded}>
        {(data) => (
          <>
            <DataTable
              caption="Sessions, newest first, with their path"
              rows={data.sessions}
              rowKey={(s) => s.sessionId}
              empty="No sessions match."
              columns={[
                { label: 'Started (UTC)', render: (s) => s.createdAt.slice(0, 16).replace('T', ' ') },
                { label: 'Outcome', render: (s) => s.status },
                { label: 'Plan', wrap: true, render: (s) => s.plan ?? '—' },
                { label: 'Locale', render: (s) => s.locale },
                { label: 'Variant', render: (s) => s.variant ?? '—' },
                { label: 'Reason', wrap: true, render: (s) => (s.reasonId ? reasonName(s) : '—') },
                { label: 'Offer', wrap: true, render: (s) => s.offerName ?? s.offerId ?? '—' },
                {
                  label: 'Path',
                  render: (s) => (
                    <ol class="path">
                      {s.path.map((step, i) => (
                        <li key={i}>
                          {stepWords(step)}
                          {step.detail ? <code> {step.detail}</code> : null}
                        </li>
                      ))}
                    </ol>
                  ),
                },
              ]}
            />
            <Pager
              label="Session pages"
              offset={offset}
              shown={data.sessions.length}
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
