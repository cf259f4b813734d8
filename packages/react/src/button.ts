import type { CancelFlowOptions, Outcome } from '@cancelflow/widget';
import { type ButtonHTMLAttributes, createElement, type ReactElement, useState } from 'react';
import { useCancelFlow } from './use-cancel-flow.ts';

export interface CancelFlowButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type'> {
  /** `null` while they are loading: a click then waits for them (see `useCancelFlow`). */
  readonly options: CancelFlowOptions | null | undefined;
  /**
   * Called with every outcome. On `cancelled` and `error` your own cancel should proceed (for `error`,
   * the flow could not run: fail open); on `saved` the subscriber stayed; `abandoned` changes nothing.
   */
  readonly onOutcome: (outcome: Outcome) => void;
}

/** A button that runs the cancel flow when clicked; busy (and disabled) while the flow is open. */
export function CancelFlowButton({ options, onOutcome, disabled, ...rest }: CancelFlowButtonProps): ReactElement {
  const flow = useCancelFlow(options);
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      onOutcome(await flow.open());
    } finally {
      setBusy(false);
    }
  };
  return createElement('button', {
    ...rest,
    type: 'button',
    disabled: disabled || busy,
    'aria-busy': busy || undefined,
    onClick,
  });
}
