/** @jsxImportSource #vdom */
import type { Ui } from './types.ts';
import type { ComponentChildren } from './vdom/types.ts';

export interface ActionProps {
  /**
   * A button that takes a decision (an offer, the cancel) ignores a click whose `event.detail` is 2 or
   * more: the second tap of a double tap on the previous step's button, which landed on this one because
   * the step changed under the finger. The subscriber never saw what it would decide.
   */
  readonly onClick: (event: MouseEvent) => void;
  readonly disabled?: boolean;
  readonly busy?: boolean;
  readonly children: ComponentChildren;
}

/**
 * The step's choices. Every choice is the same kind of button — same size, border and weight — so
 * "Continue to cancel" never looks smaller or weaker than an offer. One that is unavailable while a
 * decision is applied stays focusable (`aria-disabled`): a `disabled` button drops the keyboard's
 * focus to the page's body, outside the dialog, where Escape and Tab are not handled. (Its click
 * reaches the engine, which ignores every action, a close included, while a decision is applied.)
 */
export function Action({ onClick, disabled, busy, children }: ActionProps) {
  return (
    <button
      type="button"
      class="choice"
      onClick={onClick}
      aria-disabled={disabled ? 'true' : undefined}
      aria-busy={busy ? 'true' : undefined}
    >
      {children}
    </button>
  );
}

export function Actions({ children }: { readonly children: ComponentChildren }) {
  return <div class="actions">{children}</div>;
}

/**
 * Under a question (survey, feedback, custom step): move on, or — before the cancel — go straight to
 * it; the engine's `exits` say which, so two buttons never lead to the same step.
 */
export function NextActions({ ui: { engine, t } }: { readonly ui: Pick<Ui, 'engine' | 't'> }) {
  const exits = engine.exits.peek();
  return (
    <div class="actions" lang={t.lang}>
      {exits.next && <Action onClick={() => engine.next()}>{t.t('dialog.next')}</Action>}
      {exits.cancel && <Action onClick={() => engine.continueToCancel()}>{t.t('dialog.continueToCancel')}</Action>}
    </div>
  );
}
