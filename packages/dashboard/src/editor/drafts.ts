/**
 * Drafts are kept in this browser's localStorage per site, so a reload or a sign-in again loses no
 * edit; nothing of a draft reaches the server before it is published.
 */
const key = (siteId: string) => `cancelflow-draft:${siteId}`;

function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined; // blocked by the browser's settings: drafts last as long as the page
  }
}

export const loadDraft = (siteId: string): string | undefined => storage()?.getItem(key(siteId)) ?? undefined;

export function saveDraft(siteId: string, text: string, live: string): void {
  if (text === live) storage()?.removeItem(key(siteId));
  else storage()?.setItem(key(siteId), text);
}

export const loadAuthor = (): string => storage()?.getItem('cancelflow-author') ?? '';
export const saveAuthor = (name: string): void => storage()?.setItem('cancelflow-author', name);
