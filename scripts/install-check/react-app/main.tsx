// A React 19 app built by Vite, using @cancelflow/react as installed from its tarball.
import { CancelFlowButton, type Outcome } from '@cancelflow/react';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(location.search);
const options = { endpoint: params.get('endpoint') ?? '', token: params.get('token') ?? '' };

function Billing() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <main>
      <h1>Billing settings</h1>
      <CancelFlowButton options={options} onOutcome={setOutcome}>
        Cancel subscription
      </CancelFlowButton>
      <p role="status">{outcome ? `Outcome: ${outcome.status}` : ''}</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Billing />);
