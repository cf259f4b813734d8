import type { Adapter, Outcome, SubscriberClaims } from '@cancelflow/core';

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
  /**
   * Milliseconds from the click until the first screen must be interactive (`data-timeout`, default
   * 4000): the UI chunk, the session start and the strings together. After it the widget fails open.
   */
  readonly timeout?: number | undefined;
  /**
   * Accepted and not needed: styles are constructable stylesheets, which a Content-Security-Policy
   * does not restrict (the `<style>` fallback it was for served no browser our CSS works in).
   */
  readonly nonce?: string | undefined;
  /** npm API: where events and decisions go (default: the http adapter for `endpoint`). */
  readonly adapter?: Adapter | undefined;
  /** Static-flow mode: who is cancelling (the browser cannot prove it; see docs/security.md). */
  readonly subscriber?: SubscriberClaims | undefined;
  /**
   * Static-flow mode: whether the flow ends as the subscriber decides (default: yes without an
   * `adapter`, as nothing is cancelled or applied until the site acts; docs/widget.md). `false` shows
   * the steps after a decision anyway: the dashboard's preview, which shows what a server's flow does.
   */
  readonly endAtDecision?: boolean | undefined;
  /** Renderers for the flow's `custom` steps and offers, by `kind`. */
  readonly renderers?: { readonly steps?: CustomRenderers; readonly offers?: CustomRenderers } | undefined;
}

/** What a custom renderer gets: the config's `data`, the locale, and the ways to move on. */
export interface CustomRenderContext {
  readonly kind: string;
  readonly locale: string;
  readonly data: Readonly<Record<string, unknown>> | undefined;
  /** Custom step: go to the next step. Custom offer: decline it. */
  readonly next: () => void;
  /** Custom offer only: accept it (applied by the adapter, like any offer). */
  readonly accept?: () => void;
}

/**
 * Renders a custom step or offer into `container` with any framework (or none). May return a
 * clean-up function, called when the step is left.
 */
export type CustomRenderer = (container: HTMLElement, context: CustomRenderContext) => undefined | (() => void);
export type CustomRenderers = Readonly<Record<string, CustomRenderer>>;

/** The lazily loaded UI chunk's module shape. */
export interface UiModule {
  /**
   * Resolves once the first screen is interactive, with the outcome to come; rejects when the flow
   * could not start. `ready` aborts when the caller stopped waiting (`timeout`): a session request
   * still open is aborted, and nothing is shown after it.
   */
  open(options: OpenOptions, ready: AbortSignal): Promise<{ readonly outcome: Promise<Outcome> }>;
  /** Fetches, on intent, what opening will need (a static flow, the likely language's strings). */
  prepare(options: OpenOptions): void;
  /**
   * The loader calls it once the page is idle: warns about a `data-timeout` that is not a number, and
   * sends the events earlier pages left unacknowledged, if any.
   */
  resume(options: OpenOptions): Promise<void>;
}

/** The start of every key cancelflow keeps in `localStorage` (delivery/delivery.ts's default prefix). */
export const STORAGE_PREFIX = 'cancelflow:';
/** Where unacknowledged events wait in `localStorage` (see delivery/outbox.ts); `resume` checks for them. */
export const OUTBOX_PREFIX = `${STORAGE_PREFIX}e:`;

/** The DOM events cancelflow dispatches on the trigger; `event.detail` is the outcome. */
export type CancelFlowEventName = 'open' | 'saved' | 'cancelled' | 'close' | 'error';
