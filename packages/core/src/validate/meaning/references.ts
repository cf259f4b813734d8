import type { StepType } from '../../config/steps.ts';
import type { PathSegment } from '../problems.ts';
import { didYouMean } from '../words.ts';
import { type CheckContext, hasOwn, reasonsOf, swapsOf } from './context.ts';

/** Every id that refers to something else must name something that exists. */
export function checkReferences({ config, report }: CheckContext): void {
  const offerIds = Object.keys(config.offers);
  const stepIds = config.steps.map((step) => step.id);
  const reasonIds = reasonsOf(config.steps).map(({ reason }) => reason.id);

  const offer = (path: PathSegment[], id: string) => {
    if (!hasOwn(config.offers, id))
      report.error(path, `refers to offer "${id}", which is not defined in offers${didYouMean(id, offerIds)}`);
  };
  const step = (path: PathSegment[], id: string) => {
    if (!stepIds.includes(id))
      report.error(path, `refers to step "${id}", which is not one of the steps${didYouMean(id, stepIds)}`);
  };

  // Which fields of each step type refer to what; a new step type fails the build until listed here.
  const fields: Record<StepType, readonly ('offer' | 'next')[]> = {
    survey: ['next'],
    offer: ['offer', 'next'],
    feedback: ['next'],
    confirm: [],
    done: ['offer'],
    custom: ['next'],
  };
  config.steps.forEach((current, index) => {
    const values = current as Partial<Record<'offer' | 'next', string>>;
    for (const field of fields[current.type]) {
      const id = values[field];
      if (id === undefined) continue;
      (field === 'offer' ? offer : step)(['steps', index, field], id);
    }
  });
  for (const { reason, path } of reasonsOf(config.steps)) {
    if (reason.offer !== undefined) offer([...path, 'offer'], reason.offer);
    if (reason.next !== undefined) step([...path, 'next'], reason.next);
  }

  for (const swap of swapsOf(config)) {
    for (const [reasonId, offerId] of Object.entries(swap.offers ?? {})) {
      const path = [...swap.path, 'offers', reasonId];
      if (!reasonIds.includes(reasonId))
        report.error(
          path,
          `refers to reason "${reasonId}", which no survey step has${didYouMean(reasonId, reasonIds)}`,
          {
            at: 'key',
          },
        );
      if (offerId !== null) offer(path, offerId);
    }
    for (const stepId of Object.keys(swap.copy ?? {})) {
      if (!stepIds.includes(stepId))
        report.error(
          [...swap.path, 'copy', stepId],
          `refers to step "${stepId}", which is not one of the steps${didYouMean(stepId, stepIds)}`,
          { at: 'key' },
        );
    }
  }
}
