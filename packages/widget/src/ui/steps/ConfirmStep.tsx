/** @jsxImportSource #vdom */
import { accessText, cancellationTerms, refundText, type StepOfType } from '@cancelflow/core';
import { Action, Actions } from '../Actions.tsx';
import { Heading } from '../Heading.tsx';
import { lazyView } from '../lazy.ts';
import type { StepProps } from '../types.ts';

// Support links sit below the choices, so they may arrive a moment after the step. Their labels are the
// contact offer's ("Email us"), in the offer strings: a flow that opens on this step has not fetched those.
const Support = lazyView(() => import('./SupportSection.tsx').then((m) => m.SupportSection), {
  parts: ['confirm', 'offer'],
});

/**
 * The recap: when access ends and which refund applies, from the flow's policy, then the two choices
 * with the same weight. The cancel button says plainly that it cancels.
 */
export function ConfirmStep({ step, ui }: StepProps<StepOfType<'confirm'>>) {
  const { engine, flow, t, subscriber, now } = ui;
  const state = engine.state.peek();
  const policy = flow.config.policy;
  const terms = cancellationTerms(policy, subscriber, now());
  const busy = state.pending === 'cancel';
  // The server refused a withdrawal: its period ended while the dialog was open (`message`: the last day).
  const ended = state.error?.code === 'withdrawal_ended' && state.error.message;
  return (
    <>
      <Heading
        title={t.text(step.title, 'confirm.title')}
        description={t.text(step.description, 'confirm.description')}
      />
      <ul class="terms" lang={t.lang}>
        <li>{accessText(t, terms)}</li>
        <li>{refundText(t, terms)}</li>
      </ul>
      {ended && (
        <p class="error" role="alert">
          {t.t('confirm.withdrawEnded', { date: t.date(ended, 'long') })}
        </p>
      )}
      {flow.withdrawal && !ended && (
        <section class="withdrawal">
          <p>{t.t('confirm.withdrawExplain', { days: flow.withdrawal.days })}</p>
          <Actions>
            <Action onClick={(event) => event.detail < 2 && engine.confirmCancel({ withdraw: true })} disabled={busy}>
              {t.t('confirm.withdraw')}
            </Action>
          </Actions>
        </section>
      )}
      {state.error?.code === 'cancel_failed' && (
        <p class="error" role="alert">
          {t.t('error.cancel')}
        </p>
      )}
      <Actions>
        {/* Neither takes the second tap of a double tap on the step before (see ActionProps.onClick). */}
        <Action onClick={(event) => event.detail < 2 && engine.confirmCancel()} disabled={busy} busy={busy}>
          {t.text(step.confirmLabel, 'confirm.button')}
        </Action>
        <Action onClick={() => engine.close()} disabled={busy}>
          {t.text(step.keepLabel, 'confirm.keep')}
        </Action>
      </Actions>
      {policy.support && <Support ui={ui} />}
    </>
  );
}
// Preloaded with the step after the first screen (App.tsx), so that a connection that drops when the
// subscriber gets here costs them nothing; if the links cannot load even then, the step shows without them.
ConfirmStep.nested = [Support];
