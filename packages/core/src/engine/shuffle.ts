import { hash32 } from '../experiments/hash.ts';
import { seededRandom } from '../seeded-random.ts';

/**
 * Shuffles `items` in a way that is stable for one seed (a subscriber and a step: the server and the
 * browser show the same order, and so does a second visit). The last `pinLast` items stay in place.
 */
export function stableShuffle<T>(items: readonly T[], seed: string, pinLast = 0): T[] {
  const out = [...items];
  const random = seededRandom(hash32(seed));
  const movable = Math.max(0, out.length - pinLast);
  for (let i = movable - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
