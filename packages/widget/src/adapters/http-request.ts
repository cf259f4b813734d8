import { AdapterError } from '@cancelflow/core';
import { httpError, isRetriable } from './http-errors.ts';

/** What the headers hook sees of a request it may add headers to. */
export interface HttpRequestInfo {
  readonly method: 'POST';
  readonly url: string;
  readonly body: unknown;
}

export interface RequestOptions {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly headers?:
    | ((request: HttpRequestInfo) => Record<string, string> | Promise<Record<string, string>>)
    | undefined;
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /**
   * Given for a decision (accept, cancel): resolves once the browser is back online, or after `ms`. An
   * attempt that failed because the browser is offline then waits for the connection, once, without
   * spending a retry (see OFFLINE_WAIT_MS).
   */
  readonly online?: ((ms: number) => Promise<void>) | undefined;
}

const BASE_DELAY_MS = 250;
/** A Retry-After longer than this is not waited for: the subscriber is looking at a spinner. */
const MAX_WAIT_MS = 10_000;
/**
 * How long in all a request waits on "still being applied" (409 with Retry-After: another server
 * process holds it, e.g. telling billing, which may take 10 s). Those polls are not failures and use
 * up no retry: the answer they wait for is the one the subscriber must see. With the attempts and
 * their waits, a decision stays within the engine's 60 s (docs/adapters.md).
 */
const MAX_POLL_MS = 15_000;
/**
 * How long a decision that failed because the browser is offline waits for the connection to come
 * back. A phone's connection drops for a few seconds (a tunnel, a lift, a change of cell): the retries'
 * backoff (well under a second) would spend every attempt inside such a gap, and the cancel would fail
 * open into a page the browser cannot load while the cancel could have gone through a moment later.
 * The engine's 60 s still bound the whole decision.
 */
const OFFLINE_WAIT_MS = 15_000;

/** Exponential backoff with "equal jitter": half the delay is fixed, half random, so tabs spread out. */
export function backoff(attempt: number, random: () => number): number {
  const delay = BASE_DELAY_MS * 2 ** attempt;
  return delay / 2 + (random() * delay) / 2;
}

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/**
 * POSTs JSON and returns the parsed response. Each attempt has its own timeout; network errors,
 * timeouts, 408, 429, 5xx and any answer with a Retry-After are retried with backoff (Retry-After
 * wins when the server sends one); every other status fails at once. The same `idempotencyKey` goes with every attempt.
 */
export async function postJson(
  url: string,
  body: unknown,
  idempotencyKey: string,
  options: RequestOptions,
): Promise<unknown> {
  const json = JSON.stringify(body);
  let polled = 0;
  let waitedOffline = false;
  for (let attempt = 0; ; ) {
    let offline = false;
    let failure: AdapterError;
    let wait: number | undefined;
    let inProgress = false;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const headers = {
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        ...(await options.headers?.({ method: 'POST', url, body })),
      };
      const response = await options.fetch(url, { method: 'POST', headers, body: json, signal: controller.signal });
      const data: unknown = await response.json().catch(() => undefined);
      if (response.ok) {
        if (data === undefined) {
          throw new AdapterError(
            'invalid',
            `POST ${url} answered ${response.status} without JSON: is the endpoint a cancelflow server?`,
            response.status,
          );
        }
        return data;
      }
      failure = httpError('POST', url, response.status, data);
      wait = retryAfterMs(response.headers.get('retry-after'));
      // A Retry-After makes any refusal worth waiting for (e.g. 409 `in_progress`: the same request is
      // still being applied by another server process).
      if (!isRetriable(response.status) && wait === undefined) throw failure;
      inProgress = response.status === 409;
    } catch (error) {
      if (error instanceof AdapterError) throw error; // a final answer from the server
      offline = globalThis.navigator?.onLine === false;
      failure = new AdapterError(
        'unavailable',
        // No closing stop: the fail-open warning goes on with ". The site's own cancel action proceeds."
        controller.signal.aborted
          ? `POST ${url} timed out after ${options.timeoutMs} ms`
          : // Offline, fetch fails as it does for a wrong endpoint or a refused origin: say which it is.
            offline
            ? `POST ${url} failed: the browser is offline`
            : `POST ${url} failed (${error instanceof Error ? error.message : String(error)}); check that the endpoint is right and reachable, and that it allows this origin (CORS)`,
      );
    } finally {
      clearTimeout(timer);
    }
    if (offline && options.online && !waitedOffline) {
      waitedOffline = true;
      await options.online(OFFLINE_WAIT_MS);
      continue; // the same attempt again: the gap was not the server's failure
    }
    if ((wait ?? 0) > MAX_WAIT_MS) throw failure;
    if (inProgress && wait !== undefined) {
      polled += wait;
      if (polled > MAX_POLL_MS) throw failure;
      await options.sleep(wait);
      continue;
    }
    if (attempt >= options.retries) throw failure;
    await options.sleep(wait ?? backoff(attempt, options.random));
    attempt++;
  }
}
