import type { Adapter, SessionStart, Translator } from '@cancelflow/core';
import type { OpenOptions } from '../runner/contract.ts';

/** A session ready to show: where its decisions go, what the server (or this page) resolved, and its words. */
export interface Started {
  readonly adapter: Adapter;
  readonly session: SessionStart;
  readonly t: Translator;
}

/** The languages the subscriber may read, strongest first, for the session's locale negotiation. */
export const localePreferences = (options: OpenOptions) => ({
  explicit: options.locale,
  page: document.documentElement.lang || undefined,
  browser: navigator.languages,
});

/** The language the session will most likely be in, guessed before it starts (to fetch its strings early). */
export function likelyLocale(options: OpenOptions): string {
  const { explicit, page, browser } = localePreferences(options);
  return explicit ?? page ?? browser[0] ?? 'en';
}
