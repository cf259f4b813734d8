import { createCancelFlow, type Outcome } from '@cancelflow/widget';

/** Your backend signs a token for the logged-in user (see examples/site-backend). */
async function cancelflowSession(): Promise<{ endpoint: string; token: string }> {
  const response = await fetch('/api/cancelflow');
  if (!response.ok) throw new Error(`GET /api/cancelflow answered ${response.status}`);
  return response.json() as Promise<{ endpoint: string; token: string }>;
}

const status = document.querySelector<HTMLElement>('#status');
const show = (outcome: Outcome) => {
  if (!status) return;
  const detail = outcome.offer ?? outcome.reason ?? outcome.error ?? '';
  status.textContent = `Outcome: ${outcome.status}${detail ? ` (${detail})` : ''}`;
};

const { endpoint, token } = await cancelflowSession();
const flow = createCancelFlow({ endpoint, token });

// The button becomes a trigger: its click opens the flow; after a confirmed cancel the click is
// replayed, so this handler is where the app's own cancel logic would run.
flow.attach('#cancel');
document
  .querySelector('#cancel')
  ?.addEventListener('cancelflow:saved', (event) => show((event as CustomEvent<Outcome>).detail));
document.querySelector('#cancel')?.addEventListener('click', () => {
  if (status?.textContent?.startsWith('Outcome: cancelled')) status.textContent += ' — the app cancelled.';
});
document.addEventListener('cancelflow:cancelled', (event) => show((event as CustomEvent<Outcome>).detail));
