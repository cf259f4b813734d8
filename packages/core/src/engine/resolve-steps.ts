import { labelMeets } from '../compliance/confirm-label.ts';
import type { ProfileId } from '../compliance/ids.ts';
import type { Step, TargetingRule } from '../config/index.ts';
import type { SubscriberClaims } from '../subscriber.ts';
import { stableShuffle } from './shuffle.ts';

type CopySwaps = NonNullable<TargetingRule['copy']>;

/** Applies copy swaps (targeting first, then the experiment variant, which wins) to one step. */
function withCopy(step: Step, swaps: readonly (CopySwaps | undefined)[]): Step {
  let out = step;
  for (const swap of swaps) {
    const copy = swap && Object.hasOwn(swap, step.id) ? swap[step.id] : undefined;
    if (copy?.title !== undefined) out = { ...out, title: copy.title };
    if (copy?.description !== undefined) out = { ...out, description: copy.description };
  }
  return out;
}

function withShuffle(step: Step, subscriber: SubscriberClaims): Step {
  if (step.type !== 'survey' || !step.shuffle) return step;
  return { ...step, reasons: stableShuffle(step.reasons, `${subscriber.sub}\u0000${step.id}`, step.pinLast ?? 0) };
}

function freeId(steps: readonly Step[], wanted: string): string {
  const taken = new Set(steps.map((s) => s.id));
  let id = wanted;
  for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
  return id;
}

/**
 * Makes sure a confirm and a done step exist. The validator rejects flows without them; the
 * engine adds them anyway, because a flow that cannot be cancelled must never reach a subscriber.
 */
function withCancelPath(steps: readonly Step[]): Step[] {
  const out = [...steps];
  if (!out.some((s) => s.type === 'confirm')) {
    const firstDone = out.findIndex((s) => s.type === 'done');
    const confirm: Step = { id: freeId(out, 'confirm'), type: 'confirm' };
    out.splice(firstDone === -1 ? out.length : firstDone, 0, confirm);
  }
  if (!out.some((s) => s.type === 'done')) out.push({ id: freeId(out, 'done'), type: 'done' });
  return out;
}

/**
 * `de` (§312k BGB): the confirm page comes first, with no question before it. The other steps keep
 * their order after it (the engine asks them after the cancel, answers optional, no offers), and
 * the done step comes last.
 */
function confirmFirst(steps: readonly Step[]): Step[] {
  const confirm = steps.filter((s) => s.type === 'confirm');
  const done = steps.filter((s) => s.type === 'done');
  const rest = steps.filter((s) => s.type !== 'confirm' && s.type !== 'done');
  return [...confirm, ...rest, ...done];
}

/**
 * `de` and `fr`: a confirm button whose own label, in the profile's language, does not say plainly
 * that it cancels ("Weiter", "Continuer") gives way to the built-in one ("Jetzt kündigen", "Confirmer
 * ma demande de résiliation"). The validator refuses such a label only in a flow that declares the
 * profile; a subscriber from Germany or France brings it to any flow.
 */
function withPlainLabels(steps: Step[], profiles: readonly ProfileId[], defaultLocale: string): Step[] {
  return steps.map((s) =>
    s.type !== 'confirm' || labelMeets(s.confirmLabel, profiles, defaultLocale) ? s : { ...s, confirmLabel: undefined },
  );
}

export function resolveSteps(
  steps: readonly Step[],
  subscriber: SubscriberClaims,
  copy: readonly (CopySwaps | undefined)[],
  reorderConfirmFirst: boolean,
  defaultLocale: string,
  profiles: readonly ProfileId[],
): Step[] {
  const prepared = withPlainLabels(
    withCancelPath(steps.map((s) => withShuffle(withCopy(s, copy), subscriber))),
    profiles,
    defaultLocale,
  );
  return reorderConfirmFirst ? confirmFirst(prepared) : prepared;
}
