// A plain Vite + TypeScript app using @cancelflow/widget as installed from its tarball.
import { createCancelFlow, type Outcome } from '@cancelflow/widget';

const params = new URLSearchParams(location.search);
const flow = createCancelFlow({ endpoint: params.get('endpoint') ?? '', token: params.get('token') ?? '' });
flow.attach('#cancel');
document.addEventListener('cancelflow:cancelled', (event) => {
  const outcome = (event as CustomEvent<Outcome>).detail;
  const status = document.querySelector('#status');
  if (status) status.textContent = `Outcome: ${outcome.status}`;
});
