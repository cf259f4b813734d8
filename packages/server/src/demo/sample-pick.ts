/** Picks one value, with probability proportional to its weight. */
export function samplePick<T>(
  random: () => number,
  choices: readonly { readonly value: T; readonly weight: number }[],
): T {
  const total = choices.reduce((sum, c) => sum + c.weight, 0);
  let roll = random() * total;
  for (const choice of choices) {
    roll -= choice.weight;
    if (roll < 0) return choice.value;
  }
  const last = choices.at(-1);
  if (!last) throw new RangeError('samplePick needs at least one choice');
  return last.value;
}
