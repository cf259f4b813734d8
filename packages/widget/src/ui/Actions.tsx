import type { ComponentChildren } from 'preact';
import type { Ui } from './types.ts';

export interface ActionProps {
  readonly onClick: () => void;
  readonly disabled?: boolean;
  readonly busy?: boolean;
  readonly children: ComponentChildren;
}

/**
 * The step's choices. Every choice is the same kind of button — same size, border and weight — so
 * "Continue to cancel" never looks smaller or weaker than an offer.
 */
export function Action({ onClick, disabled, busy, children }: ActionProps) {
  return (
    <button type="button" class="choice" onClick={onClick} disabled={disabled} aria-busy={busy ? 'true' : undefined}>
      {children}
    </button>
  );
}

export function Actions({ children }: { readonly children: ComponentChildren }) {
  return <div class="actions">{children}</div>;
}

/** Under a question (survey, feedback, custom step): move on, or — before the cancel — go straight to it. */
export function NextActions({ ui: { engine, t } }: { readonly ui: Pick<Ui, 'engine' | 't'> }) {
  return (
    <Actions>
      <Action onClick={() => engine.next()}>{t.t('dialog.next')}</Action>
      {engine.state.peek().status === 'running' && (
        <Action onClick={() => engine.continueToCancel()}>{t.t('dialog.continueToCancel')}</Action>
      )}
    </Actions>
  );
}
