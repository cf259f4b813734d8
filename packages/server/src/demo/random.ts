/** A seeded generator (mulberry32): the demo's sample data is the same on every run with the same seed. */
export function sampleRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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
