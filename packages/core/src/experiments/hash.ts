/**
 * A stable 32-bit hash of a string (FNV-1a followed by a murmur3 finaliser).
 * FNV-1a alone clusters on short, similar ids such as "cus_1", "cus_2"; the finaliser
 * spreads them so that weighted buckets match their weights.
 */
export function hash32(input: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Maps a string to a number in [0, 1), the same on every machine and every run. */
export function unitInterval(input: string): number {
  return hash32(input) / 0x1_0000_0000;
}
