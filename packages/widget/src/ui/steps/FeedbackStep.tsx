/** @jsxImportSource #vdom */
import type { StepOfType } from '@cancelflow/core';
import { NextActions } from '../Actions.tsx';
import { Heading } from '../Heading.tsx';
import { laterStyles } from '../styles-later.ts';
import type { StepProps } from '../types.ts';

/** Free-text feedback, always optional, with a character counter when the flow asks for one. */
export function FeedbackStep({ step, ui: { engine, t } }: StepProps<StepOfType<'feedback'>>) {
  laterStyles();
  const state = engine.state.peek();
  const max = step.maxLength ?? 1000;
  return (
    <>
      <Heading
        title={t.text(step.title, 'feedback.title')}
        description={t.text(step.description, 'feedback.description')}
      />
      <label class="field">
        <span lang={t.lang}>
          {t.t('feedback.label')} <span class="muted">({t.t('feedback.optional')})</span>
        </span>
        <textarea
          rows={4}
          maxLength={max}
          placeholder={t.text(step.placeholder, 'feedback.placeholder')}
          value={state.feedback}
          aria-describedby={step.counter ? 'cf-counter' : undefined}
          onInput={(event) => engine.writeFeedback(event.currentTarget.value)}
        />
      </label>
      {step.counter && (
        <p id="cf-counter" class="counter" aria-live="polite" lang={t.lang}>
          {t.t('feedback.counter', { count: state.feedback.length, max })}
        </p>
      )}
      <NextActions ui={{ engine, t }} />
    </>
  );
}
