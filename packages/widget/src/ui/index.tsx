/**
 * The lazily loaded UI chunk (`cancelflow-ui.js`). `open()` renders the flow into a Shadow DOM and
 * resolves with the outcome. A crash while rendering resolves as `error`, so the loader fails open.
 */
import type { Outcome, OutcomeStatus } from '@cancelflow/core';
import { Component, type ComponentChildren, render } from 'preact';
import type { OpenOptions } from '../shared/contract.ts';
import { ConfirmStep } from './ConfirmStep.tsx';
import { mountShadow } from './shadow.ts';
import css from './styles.css?inline';

class CrashGuard extends Component<{ onCrash: (error: unknown) => void; children: ComponentChildren }> {
  override componentDidCatch(error: unknown) {
    this.props.onCrash(error);
  }
  render() {
    return this.props.children;
  }
}

export function open(options: OpenOptions): Promise<Outcome> {
  const previousFocus = document.activeElement as HTMLElement | null;
  const mount = mountShadow(css, options.nonce);
  return new Promise<Outcome>((resolve) => {
    let done = false;
    const finish = (outcome: Outcome) => {
      if (done) return;
      done = true;
      render(null, mount.root);
      mount.remove();
      previousFocus?.focus?.();
      resolve(outcome);
    };
    const onClose = (status: OutcomeStatus) => finish({ status, sessionId: '' });
    const onCrash = (error: unknown) =>
      finish({
        status: 'error',
        sessionId: '',
        error: `its UI crashed: ${error instanceof Error ? error.message : String(error)}`,
      });
    try {
      render(
        <CrashGuard onCrash={onCrash}>
          <ConfirmStep onClose={onClose} />
        </CrashGuard>,
        mount.root,
      );
    } catch (error) {
      onCrash(error);
    }
  });
}
