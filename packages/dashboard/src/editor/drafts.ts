/**
 * Drafts are kept in this browser's localStorage per site, so a reload or a sign-in again loses no
 * edit; nothing of a draft reaches the server before it is published. With each draft goes its base,
 * the version it was edited from: publishing sends it, so a version someone else published in the
 * meantime is not silently replaced (docs/dashboard.md, _Two people, one flow_).
 */
const key = (siteId: string) => `cancelflow-draft:${siteId}`;
const baseKey = (siteId: string) => `cancelflow-draft-base:${siteId}`;

function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined; // blocked by the browser's settings: drafts last as long as the page
  }
}

export interface Draft {
  readonly text: string;
  /** Undefined for a draft saved before bases were kept: the version live when it is opened stands in. */
  readonly base: number | undefined;
}

export function loadDraft(siteId: string): Draft | undefined {
  const text = storage()?.getItem(key(siteId));
  if (text === null || text === undefined) return undefined;
  const base = storage()?.getItem(baseKey(siteId));
  return { text, base: base && /^\d+$/.test(base) ? Number(base) : undefined };
}

export function saveDraft(siteId: string, text: string, live: string, base: number): void {
  if (text === live) {
    storage()?.removeItem(key(siteId));
    storage()?.removeItem(baseKey(siteId));
  } else {
    storage()?.setItem(key(siteId), text);
    storage()?.setItem(baseKey(siteId), String(base));
  }
}

export const loadAuthor = (): string => storage()?.getItem('cancelflow-author') ?? '';
export const saveAuthor = (name: string): void => storage()?.setItem('cancelflow-author', name);
