import type { PathSegment } from '../problems.ts';
import type { CheckContext } from './context.ts';

interface Identified {
  readonly id: string;
}

/** Ids must be unique where they are looked up: analytics, swaps and `next` would be ambiguous. */
export function checkDuplicates({ config, report }: CheckContext): void {
  const unique = (items: readonly Identified[] | undefined, base: PathSegment[], what: string) => {
    const first = new Map<string, number>();
    items?.forEach((item, index) => {
      const earlier = first.get(item.id);
      if (earlier === undefined) first.set(item.id, index);
      else
        report.error(
          [...base, index, 'id'],
          `repeats the ${what} id "${item.id}" of ${formatIndex(base, earlier)}; ${what} ids must be unique`,
        );
    });
  };

  unique(config.steps, ['steps'], 'step');
  config.steps.forEach((step, index) => {
    if (step.type === 'survey') unique(step.reasons, ['steps', index, 'reasons'], 'reason');
  });
  for (const [id, offer] of Object.entries(config.offers)) {
    if (offer.type === 'plan_change') unique(offer.plans, ['offers', id, 'plans'], 'plan');
  }
  unique(config.targeting, ['targeting'], 'targeting rule');
  unique(config.experiments, ['experiments'], 'experiment');
  config.experiments?.forEach((experiment, index) => {
    unique(experiment.variants, ['experiments', index, 'variants'], 'variant');
  });
}

function formatIndex(base: PathSegment[], index: number): string {
  const last = base[base.length - 1];
  return `${String(last)}[${index}]`;
}
