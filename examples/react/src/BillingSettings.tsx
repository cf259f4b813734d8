import { type CancelFlowOptions, type Outcome, useCancelFlow } from '@cancelflow/react';
import { useEffect, useState } from 'react';

/** Your backend signs a token for the logged-in user (see examples/site-backend). */
async function cancelflowSession(): Promise<CancelFlowOptions> {
  const response = await fetch('/api/cancelflow');
  if (!response.ok) throw new Error(`GET /api/cancelflow answered ${response.status}`);
  return response.json() as Promise<{ endpoint: string; token: string }>;
}

/**
 * `useCancelFlow` from @cancelflow/react: the flow is created once the token is here (in an effect, so
 * server rendering is safe), and a click that comes before that waits for it instead of skipping the
 * flow. `open()` resolves with the outcome and never rejects.
 */
export function BillingSettings() {
  const [options, setOptions] = useState<CancelFlowOptions | null>(null);
  const [status, setStatus] = useState('active');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const flow = useCancelFlow(options);

  useEffect(() => {
    cancelflowSession().then(setOptions, (error: unknown) => console.warn(error));
  }, []);

  async function cancelSubscription() {
    const result = await flow.open();
    setOutcome(result);
    // `error`: the flow could not run (no token, server down…): cancelling must still work (fail open).
    if (result.status === 'cancelled' || result.status === 'error') setStatus('cancelled');
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
