import type { Step } from '../../config/steps.ts';
import type { CheckContext } from './context.ts';

/**
 * Whether a `next` from step `from` to `target` is an edge the flow can take. Broken ones (unknown,
 * backwards, or straight to the done step) are reported on their own; the walk then follows the
 * default order, so one mistake is not echoed as "never shown" on every later step.
 */
function usable(steps: readonly Step[], from: number, target: number, confirmIndex: number | undefined): boolean {
  if (target <= from) return false;
  return !(steps[target]?.type === 'done' && (confirmIndex === undefined || from < confirmIndex));
}

/** Where "Next" (or a reason's `next`) can lead from a step, as step indexes. */
function successors(steps: readonly Step[], index: number, confirmIndex: number | undefined): number[] {
  const step = steps[index];
  if (!step) return [];
  const follow = (id: string | undefined) => {
    const target = id === undefined ? -1 : steps.findIndex((candidate) => candidate.id === id);
    return usable(steps, index, target, confirmIndex) ? target : index + 1;
  };
  let targets: number[];
  switch (step.type) {
    case 'done':
      return [];
    case 'confirm': {
      // A confirmed cancel goes to the receipt.
      const done = steps.findIndex((candidate, i) => i > index && candidate.type === 'done');
      return done === -1 ? [] : [done];
    }
    case 'survey':
      targets = [follow(step.next), ...step.reasons.map((reason) => follow(reason.next))];
      break;
    case 'offer':
    case 'feedback':
    case 'custom':
      targets = [follow(step.next)];
  }
  return targets.filter((target) => target < steps.length);
}

/**
 * The order of steps: exactly one confirm step, the done step (the receipt) after it and nothing
 * else after it; `next` only forward (no loops); every step reachable from the first; and a
 * confirmed cancel at most 2 clicks from every step.
 */
export function checkFlowGraph({ config, report, confirmIndex }: CheckContext): void {
  const steps = config.steps;
  if (confirmIndex === undefined) {
    report.error(
      ['steps'],
      'has no confirm step; every flow needs exactly one: "Continue to cancel" leads there, and it states the terms',
    );
  }
  steps.forEach((step, index) => {
    if (step.type === 'confirm' && index !== confirmIndex)
      report.error(
        ['steps', index, 'type'],
        `is a second confirm step (the first is steps[${confirmIndex}]); a flow has exactly one`,
      );
  });
  const doneIndexes = steps.flatMap((step, index) => (step.type === 'done' ? [index] : []));
  for (const index of doneIndexes.slice(1))
    report.error(
      ['steps', index, 'type'],
      `is a second done step (the first is steps[${doneIndexes[0]}]); a flow has at most one`,
    );

  if (confirmIndex !== undefined) {
    steps.forEach((step, index) => {
      if (index < confirmIndex && step.type === 'done')
        report.error(
          ['steps', index, 'type'],
          'comes before the confirm step; the done step is the receipt of a confirmed cancel and must come after it',
        );
      if (index > confirmIndex && step.type !== 'done' && step.type !== 'confirm')
        report.error(
          ['steps', index, 'type'],
          `is ${/^[aeiou]/.test(step.type) ? 'an' : 'a'} ${step.type} step after the confirm step; it would never be shown, because a confirmed cancel goes straight to the done step`,
        );
    });
  }

  // `next` may only point forward: a step pointing back makes a loop the subscriber cannot leave by "Next".
  steps.forEach((step, index) => {
    const nexts: { path: (string | number)[]; id: string }[] = [];
    if ('next' in step && step.next !== undefined) nexts.push({ path: ['steps', index, 'next'], id: step.next });
    if (step.type === 'survey')
      step.reasons.forEach((reason, r) => {
        if (reason.next !== undefined) nexts.push({ path: ['steps', index, 'reasons', r, 'next'], id: reason.next });
      });
    for (const { path, id } of nexts) {
      const target = steps.findIndex((candidate) => candidate.id === id);
      if (target === -1) continue;
      if (target <= index)
        report.error(
          path,
          `points back to steps[${target}] ("${id}"), which makes a loop; next may only point forward`,
        );
      else if (steps[target]?.type === 'done' && (confirmIndex === undefined || index < confirmIndex))
        // "Continue to cancel" makes every step before the confirmation 2 clicks from a confirmed
        // cancel; landing on the done step without confirming is the one way to lose that.
        report.error(
          path,
          `leads to the done step "${id}" without passing the confirm step, so the flow ends without a cancel; a confirmed cancel must stay within 2 clicks of every step ("Continue to cancel" → confirm → confirm button)`,
        );
    }
  });

  const reached = new Set<number>();
  const queue = steps.length > 0 ? [0] : [];
  while (queue.length > 0) {
    const index = queue.shift() as number;
    if (reached.has(index)) continue;
    reached.add(index);
    queue.push(...successors(steps, index, confirmIndex));
  }
  steps.forEach((step, index) => {
    if (reached.has(index)) return;
    // Steps in the wrong place were reported above; reachability would only repeat it.
    if (confirmIndex !== undefined && index > confirmIndex && step.type !== 'done') return;
    const what = step.type === 'confirm' ? 'the confirm step' : `step "${step.id}"`;
    report.error(
      ['steps', index],
      `is never shown: no step leads to ${what} from the first step (check the "next" fields before it)`,
    );
  });
}
