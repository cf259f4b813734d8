/** @jsxImportSource #vdom */
import type { StepOfType } from '@cancelflow/core';
import { Heading } from '../Heading.tsx';
import { OfferCard } from '../offers/OfferCard.tsx';
import type { StepProps } from '../types.ts';

export function OfferStep({ step, ui }: StepProps<StepOfType<'offer'>>) {
  const { engine, t } = ui;
  const offer = engine.offer.peek();
  return (
    <>
      <Heading title={t.text(step.title, 'offer.title')} description={step.description && t.text(step.description)} />
      {offer && <OfferCard offer={offer} ui={ui} />}
    </>
  );
}
