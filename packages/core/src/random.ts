interface CryptoLike {
  randomUUID?: () => string;
  getRandomValues?: <T extends Uint8Array>(array: T) => T;
}

let counter = 0;

/**
 * A random id for events and sessions. `crypto.randomUUID` exists in Node and in browsers, but only
 * in secure contexts there (a site served over plain http lacks it); `getRandomValues` does not have
 * that limit. Ids must be unique, not secret, so the last resort is time, Math.random and a counter.
 */
export function randomId(): string {
  const crypto = (globalThis as { crypto?: CryptoLike }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  if (typeof crypto?.getRandomValues === 'function') {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  counter = (counter + 1) % 0x1_0000;
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}-${counter.toString(36)}`;
}
