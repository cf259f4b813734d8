import type { SessionPreview, SessionStart, StartSessionRequest } from '@cancelflow/core';

/**
 * `POST /v1/<path>` on the reference server, with nothing else, for what comes before the first
 * screen: the session (`sessions`) and its uncounted preview (`preview`). No retries: if the session
 * fails, the widget fails open at once and the site's own cancel action runs, which beats making the
 * subscriber wait. Errors say what failed and where, for the developer.
 */
async function postBeforeFirstScreen<T>(endpoint: string, path: string, body: object, signal: AbortSignal): Promise<T> {
  // Resolved against the page, as fetch does: an endpoint written without its scheme ("127.0.0.1:8787")
  // is a path on the page's own site, and the messages below then show that address, not a host.
  const url = new URL(`${endpoint.replace(/\/+$/, '')}/v1/${path}`, location.href).href;
  let response: Response;
  try {
    // No content-type header: the string goes as text/plain, which the server reads as JSON, and a
    // cross-origin request without custom headers needs no CORS preflight (one round trip, not two).
    response = await fetch(url, { method: 'POST', body: JSON.stringify(body), signal });
  } catch (error) {
    // e.g. "TypeError: Failed to fetch": the browser hides why, and a page origin the site does not list
    // (localhost for 127.0.0.1) looks just like a server that is down.
    throw new Error(
      `POST ${url} failed (${error}); check that the server is up and that ${location.origin} is among the site's origins`,
    );
  }
  const answer = (await response.json().catch(() => undefined)) as
    | (T & { error?: { message?: string }; now?: string })
    | undefined;
  if (!response.ok || !answer) {
    throw new Error(`POST ${url} answered ${response.status}: ${answer?.error?.message ?? 'no JSON body'}`);
  }
  // JSON of another service (an endpoint that is some other API, a catch-all route): said here, not as a
  // TypeError from deep inside the UI when it reads the flow.
  const { flow } = answer as Partial<SessionPreview>;
  if (typeof flow?.config !== 'object' || !Array.isArray(flow.steps)) {
    throw new Error(
      `POST ${url} answered ${response.status} with JSON that is not a session (is the endpoint a cancelflow server?)`,
    );
  }
  const serverTime = Date.parse(answer.now ?? '');
  if (!Number.isNaN(serverTime)) serverAhead = serverTime - Date.now();
  return answer;
}

/** How far the server's clock was ahead of this device's at its latest answer (behind if negative). */
let serverAhead = 0;

/** The server's time, as far as this page can tell: dates the subscriber reads count from it. */
export const serverNow = (): Date => new Date(Date.now() + serverAhead);

/** Starts a session; `sessionId`, when given, is the id the widget already shows the session under. */
export const startRemoteSession = (
  endpoint: string,
  { token, locale, sessionId }: StartSessionRequest & { sessionId?: string },
  // The first screen's deadline, or the provisional session's: a late answer is not waited for.
  signal: AbortSignal,
): Promise<SessionStart> => postBeforeFirstScreen(endpoint, 'sessions', { token, locale, sessionId }, signal);

/** What a session for this token would be, stored and counted nowhere by the server. */
export const previewRemoteSession = (
  endpoint: string,
  { token, locale }: StartSessionRequest,
  signal: AbortSignal,
): Promise<SessionPreview> => postBeforeFirstScreen(endpoint, 'preview', { token, locale }, signal);
