/** @jsxImportSource #vdom */
import type { StepOfType } from '@cancelflow/core';
import { NextActions } from '../Actions.tsx';
import { CustomMount } from '../CustomMount.tsx';
import { Heading } from '../Heading.tsx';
import type { StepProps } from '../types.ts';

/** A step the site renders itself (`renderers.steps[kind]`), framed like every other step. */
export function CustomStep({ step, ui: { engine, t, renderers } }: StepProps<StepOfType<'custom'>>) {
  const render = renderers.steps?.[step.kind];
  return (
    <>
      <Heading title={t.text(step.title)} description={step.description && t.text(step.description)} />
      {render && (
        <CustomMount
          render={render}
          context={{ kind: step.kind, locale: t.locale, data: step.data, next: () => engine.next() }}
        />
      )}
      <NextActions ui={{ engine, t }} />
    </>
  );
}
