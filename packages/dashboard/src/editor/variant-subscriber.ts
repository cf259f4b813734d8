import { assignVariant } from '@cancelflow/core';

interface Experiment {
  readonly id: string;
  readonly variants: readonly { readonly id: string; readonly weight: number }[];
}

/**
 * A subscriber id that core's assignment puts in the chosen variant of each experiment (the same hash
 * the widget and server use), so the preview shows that variant without changing the flow. Undefined
 * when no id among the first few thousand fits every choice at once.
 */
export function subscriberForVariants(
  experiments: readonly Experiment[],
  chosen: Readonly<Record<string, string>>,
): string | undefined {
  const wanted = experiments.filter((e) => chosen[e.id]);
  for (let i = 0; i < 5000; i++) {
    const sub = `preview-${i}`;
    if (wanted.every((e) => assignVariant(e.id, sub, e.variants)?.id === chosen[e.id])) return sub;
  }
  return undefined;
}
