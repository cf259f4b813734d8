import type { OutcomeStatus } from '@cancelflow/core';
import { Dialog } from './Dialog.tsx';

export interface ConfirmStepProps {
  readonly onClose: (status: OutcomeStatus) => void;
}

/** The confirm step: both choices carry the same visual weight, and cancelling is one click. */
export function ConfirmStep({ onClose }: ConfirmStepProps) {
  return (
    <Dialog
      title="Cancel your subscription?"
      description="Your subscription ends and you will not be charged again."
      onClose={onClose}
    >
      <div class="actions">
        <button type="button" onClick={() => onClose('abandoned')}>
          Keep my subscription
        </button>
        <button type="button" class="primary" onClick={() => onClose('cancelled')}>
          Cancel subscription
        </button>
      </div>
    </Dialog>
  );
}
