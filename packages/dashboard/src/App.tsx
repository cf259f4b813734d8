import { useEffect, useState } from 'preact/hooks';
import { auth, checkSession, getJson, signOut } from './api.ts';
import { CsvLink } from './components/CsvLink.tsx';
import { FiltersBar } from './components/FiltersBar.tsx';
import { LazyFlowEditor } from './components/LazyFlowEditor.tsx';
import { NoSessions } from './components/NoSessions.tsx';
import { SignIn } from './components/SignIn.tsx';
import { Status } from './components/Status.tsx';
import { filters, hashFor, readHash, unknownView, VIEWS, view } from './state.ts';
import type { Filters, Site, Summary } from './types.ts';
import { useReport } from './use-report.ts';
import { Experiments } from './views/Experiments.tsx';
import { Feedback } from './views/Feedback.tsx';
import { Offers } from './views/Offers.tsx';
import { Overview } from './views/Overview.tsx';
import { Reasons } from './views/Reasons.tsx';
import { Sessions } from './views/Sessions.tsx';
import { SummaryCards } from './views/Summary.tsx';

export function App() {
  useEffect(() => {
    const sync = () => readHash(location.hash);
    sync();
    addEventListener('hashchange', sync);
    void checkSession();
    return () => removeEventListener('hashchange', sync);
  }, []);
  if (auth.value === 'checking')
    return (
      <p class="muted" role="status">
        Loading…
      </p>
    );
  if (auth.value === 'signed-out') return <SignIn />;
  return <Insights />;
}

const setFilters = (next: Filters) => {
  location.hash = hashFor(view.value, next);
};

function Insights() {
  const f = filters.value;
  const current = view.value;
  const [sites, setSites] = useState<readonly Site[]>([]);
  useEffect(() => {
    getJson<{ sites: Site[] }>('/v1/admin/sites').then(
      (d) => setSites(d.sites),
      () => setSites([]),
    );
  }, []);
  const summary = useReport<Summary>('summary', f);
  return (
    <>
      <header class="top">
        <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
          Skip to the insights
        </button>
        <h1>cancelflow insights</h1>
        <button type="button" class="quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <FiltersBar filters={f} sites={sites} onChange={setFilters} />
      <main id="main" tabIndex={-1}>
        {/* Above the reports; the flow editor starts at the top (on a phone, a screen further down otherwise). */}
        {current === 'flow' ? null : (
          <section aria-labelledby="summary-title">
            <div class="section-head">
              <h2 id="summary-title">Summary</h2>
              <CsvLink report="summary" params={{ ...f }} what="the summary" />
            </div>
            <Status loaded={summary}>
              {(s) => (
                <>
                  <SummaryCards summary={s} />
                  {s.sessions === 0 ? (
                    <NoSessions
                      filtered={Object.values(f).some(Boolean)}
                      site={f.siteId && !f.from && !f.to && !f.flowId ? f.siteId : undefined}
                    />
                  ) : null}
                </>
              )}
            </Status>
          </section>
        )}
        <nav class="views" aria-label="Views">
          {VIEWS.map((v) => (
            <a key={v.id} href={hashFor(v.id, f)} aria-current={v.id === current ? 'page' : undefined}>
              {v.label}
            </a>
          ))}
        </nav>
        {unknownView.value ? (
          <p class="muted" role="status">
            There is no view “{unknownView.value}”; this is the overview. The views are{' '}
            {VIEWS.map((v) => v.id).join(', ')}.
          </p>
        ) : null}
        {current === 'overview' ? <Overview filters={f} /> : null}
        {current === 'reasons' ? <Reasons filters={f} /> : null}
        {current === 'offers' ? <Offers filters={f} /> : null}
        {current === 'experiments' ? <Experiments filters={f} /> : null}
        {current === 'feedback' ? <Feedback filters={f} /> : null}
        {current === 'sessions' ? <Sessions filters={f} /> : null}
        {current === 'flow' ? <LazyFlowEditor siteId={f.siteId || sites[0]?.id} /> : null}
      </main>
    </>
  );
}
