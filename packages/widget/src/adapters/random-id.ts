/**
 * 128 random bits as 32 hex characters. `crypto.randomUUID` exists only in secure contexts; a site
 * served over plain http still has `getRandomValues`.
 */
export function randomId(): string {
  let id = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) id += (byte | 256).toString(16).slice(1);
  return id;
}
