import { hash32 } from '../experiments/hash.ts';

/** mulberry32: a tiny seeded generator; the order only needs to look random and be reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * Shuffles `items` in a way that is stable for one seed (a subscriber and a step: the server and the
 * browser show the same order, and so does a second visit). The last `pinLast` items stay in place.
 */
export function stableShuffle<T>(items: readonly T[], seed: string, pinLast = 0): T[] {
  const out = [...items];
  const random = seeded(hash32(seed));
  const movable = Math.max(0, out.length - pinLast);
  for (let i = movable - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
