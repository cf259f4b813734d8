/** @jsxImportSource #vdom */
import type { StepOfType } from '@cancelflow/core';
import { NextActions } from '../Actions.tsx';
import { Heading } from '../Heading.tsx';
import type { StepProps } from '../types.ts';

/**
 * Why are you leaving: a native radio group (Tab enters it, arrows move the choice) and, for reasons
 * that have one, an optional follow-up question. Nothing here is required to move on.
 */
export function SurveyStep({ step, ui: { engine, t } }: StepProps<StepOfType<'survey'>>) {
  const state = engine.state.peek();
  const reason = step.reasons.find((r) => r.id === state.reasonId);
  return (
    <>
      <Heading
        title={t.text(step.title, 'survey.title')}
        description={t.text(step.description, 'survey.description')}
      />
      <fieldset class="options">
        <legend class="sr-only" lang={t.lang}>
          {t.t('survey.reasonsLabel')}
        </legend>
        {step.reasons.map((r) => (
          <label class="option" key={r.id}>
            <input
              type="radio"
              name="cf-reason"
              value={r.id}
              checked={state.reasonId === r.id}
              onChange={() => engine.selectReason(r.id)}
            />
            <span>{t.text(r.label)}</span>
          </label>
        ))}
      </fieldset>
      {reason?.followUp && (
        <label class="field">
          <span>{t.text(reason.followUp.prompt)}</span>
          <textarea
            rows={3}
            maxLength={reason.followUp.maxLength}
            placeholder={t.t('survey.followUpPlaceholder')}
            value={state.followUp}
            onInput={(event) => engine.writeFollowUp(event.currentTarget.value)}
          />
        </label>
      )}
      <NextActions ui={{ engine, t }} />
    </>
  );
}
