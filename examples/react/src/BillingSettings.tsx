import { type CancelFlow, createCancelFlow, type Outcome } from '@cancelflow/widget';
import { useEffect, useRef, useState } from 'react';

/** Your backend signs a token for the logged-in user (see examples/site-backend). */
async function cancelflowSession(): Promise<{ endpoint: string; token: string }> {
  const response = await fetch('/api/cancelflow');
  if (!response.ok) throw new Error(`GET /api/cancelflow answered ${response.status}`);
  return response.json() as Promise<{ endpoint: string; token: string }>;
}

/**
 * No wrapper component needed: `createCancelFlow` in an effect, `flow.open()` from a handler, and
 * `destroy()` on unmount. The Promise resolves with the outcome and never rejects.
 */
export function BillingSettings() {
  const flow = useRef<CancelFlow | null>(null);
  const [status, setStatus] = useState('active');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    let cancelled = false;
    cancelflowSession().then(({ endpoint, token }) => {
      if (!cancelled) flow.current = createCancelFlow({ endpoint, token });
    });
    return () => {
      cancelled = true;
      flow.current?.destroy();
      flow.current = null;
    };
  }, []);

  async function cancelSubscription() {
    // If the flow is not ready (or fails), cancelling must still work: fail open.
    const result = flow.current ? await flow.current.open() : null;
    setOutcome(result);
    if (!result || result.status === 'cancelled' || result.status === 'error') setStatus('cancelled');
    else if (result.status === 'saved') setStatus(`kept (${result.offer ?? 'offer'})`);
  }

  return (
    <main>
      <h1>Billing settings</h1>
      <p>
        Plan: <strong>Pro</strong> · Subscription: <output id="subscription">{status}</output>
      </p>
      <button type="button" id="cancel" onClick={cancelSubscription} disabled={status === 'cancelled'}>
        Cancel subscription
      </button>
      {outcome && (
        <p id="status" role="status">
          Outcome: {outcome.status}
          {outcome.offer ? ` (${outcome.offer})` : outcome.reason ? ` (${outcome.reason})` : ''}
        </p>
      )}
    </main>
  );
}
