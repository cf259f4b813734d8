import type { Adapter, SessionStart, Translator } from '@cancelflow/core';
import type { OpenOptions } from '../runner/contract.ts';
import { translatorFor } from './translator.ts';

/** A session ready to show: where its decisions go, what the server (or this page) resolved, and its words. */
export interface Started {
  readonly adapter: Adapter;
  readonly session: SessionStart;
  readonly t: Translator;
  /**
   * The session's key, when the session is drawn before the server has answered (else
   * `session.sessionKey`); each call after a failed answer asks the server again.
   */
  readonly key?: () => Promise<string>;
  /** Settles once the server has answered such a session: with the session to start over with if it differs. */
  readonly restart?: Promise<Started | undefined>;
  /** The time the subscriber's dates count from: the server's, when a server answers (else this device's). */
  readonly now?: () => Date;
  /**
   * A static flow with no adapter: nothing is cancelled or applied until the site acts, after the flow,
   * so the flow ends as soon as the subscriber decides (`EngineOptions.endAtDecision`).
   */
  readonly endAtDecision?: boolean;
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

/** A session with its adapter and the translator of its language. */
export const startedWith = (adapter: Adapter, session: SessionStart): Promise<Started> =>
  translatorFor(session.locale, session.flow.config.defaultLocale).then((t) => ({ adapter, session, t }));
