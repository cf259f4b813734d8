/**
 * A seeded generator (mulberry32) of numbers in [0, 1): tiny, and the same sequence for the same seed,
 * wherever it runs. For orders and sample data that must look random and be reproducible, never for
 * secrets.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
