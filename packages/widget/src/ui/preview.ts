import type { SessionPreview } from '@cancelflow/core';
import { previewRemoteSession } from '../adapters/start-remote.ts';
import type { OpenOptions } from '../runner/contract.ts';
import { preloadFirstStep } from './App.tsx';
import { localePreferences } from './started.ts';
import { translatorFor } from './translator.ts';

/**
 * How long a preview is trusted to be what a session would get: a flow may be published, a token may
 * expire. Older ones are fetched again; an open never uses one (it waits for the session instead).
 */
const FRESH_MS = 300_000;

/** The page's preview: what the server would resolve a session to (an open of this page draws it at once). */
let kept:
  | { readonly key: string; readonly at: number; readonly pending?: Promise<unknown>; value?: SessionPreview }
  | undefined;

const keyOf = (options: OpenOptions) => JSON.stringify([options.endpoint, options.token, localePreferences(options)]);
const fresh = (options: OpenOptions) =>
  kept?.key === keyOf(options) && Date.now() - kept.at < FRESH_MS ? kept : undefined;

/**
 * Forgets the preview once a session has decided (an offer taken, a cancel): what the server would
 * answer now differs (a cooldown began, the subscription changed), so the next open asks again.
 */
export function forgetPreview(): void {
  kept = undefined;
}

/** Keeps what a session answered, as the preview for the next open (the freshest there is). */
export function keepPreview(options: OpenOptions, value: SessionPreview): void {
  kept = { key: keyOf(options), at: Date.now(), value };
}

/**
 * Fetches the preview (`POST /v1/preview`, which the server neither stores nor counts) unless a
 * fresh one is kept, with the strings of its language. A failure is kept too, so hovering again does
 * not ask again: the next open just waits for its session, as without a preview.
 */
export function fetchPreview(options: OpenOptions & { endpoint: string; token: string }): void {
  if (fresh(options)) return;
  const answer = previewRemoteSession(
    options.endpoint,
    { token: options.token, locale: localePreferences(options) },
    AbortSignal.timeout(8000),
  );
  const entry: NonNullable<typeof kept> = {
    key: keyOf(options),
    at: Date.now(),
    pending: answer.then(
      (value) => {
        entry.value = value;
        translatorFor(value.locale, value.flow.config.defaultLocale)
          .then((t) => preloadFirstStep(value.flow, t))
          .catch(() => {});
      },
      () => {},
    ),
  };
  kept = entry;
}

/** The fresh preview for these options: arrived (`value`), on its way (`pending`), or none. */
export const keptPreview = (
  options: OpenOptions,
): { readonly value?: SessionPreview; readonly pending?: Promise<unknown> } | undefined => fresh(options);
