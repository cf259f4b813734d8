import type { Outcome } from '@cancelflow/core';

/** What the loader (or the npm API) passes to the lazily loaded UI. */
export interface OpenOptions {
  /** Base URL of a cancelflow server (`data-endpoint`). */
  readonly endpoint?: string | undefined;
  /** URL of a static flow config (`data-flow`), used when there is no server. */
  readonly flow?: string | undefined;
  /** The JWT the site's server signed for this subscriber (`data-token`). */
  readonly token?: string | undefined;
  /** Forces the UI language (`data-locale`). */
  readonly locale?: string | undefined;
  /** CSP nonce for the fallback `<style>` element when constructable stylesheets are unavailable. */
  readonly nonce?: string | undefined;
}

/** The lazily loaded UI chunk's module shape. */
export interface UiModule {
  /** Resolves with the outcome; rejects only when the flow could not start at all. */
  open(options: OpenOptions): Promise<Outcome>;
}

/** The DOM events cancelflow dispatches on the trigger; `event.detail` is the outcome. */
export type CancelFlowEventName = 'open' | 'saved' | 'cancelled' | 'close' | 'error';
