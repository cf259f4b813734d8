import type { SessionStart, StartSessionRequest } from '@cancelflow/core';

/**
 * `POST /v1/sessions` on the reference server, with nothing else: the first request after a click.
 * No retries: if it fails, the widget fails open at once and the site's own cancel action runs,
 * which beats making the subscriber wait. Errors say what failed and where, for the developer.
 */
export async function startRemoteSession(
  endpoint: string,
  { token, locale }: StartSessionRequest,
  // The first screen's deadline: a late answer is not waited for.
  signal: AbortSignal,
): Promise<SessionStart> {
  const url = `${endpoint.replace(/\/+$/, '')}/v1/sessions`;
  let response: Response;
  try {
    // No content-type header: the string goes as text/plain, which the server reads as JSON, and a
    // cross-origin request without custom headers needs no CORS preflight (one round trip, not two).
    response = await fetch(url, { method: 'POST', body: JSON.stringify({ token, locale }), signal });
  } catch (error) {
    throw new Error(`POST ${url} failed (${error})`); // e.g. "TypeError: Failed to fetch"
  }
  const body = (await response.json().catch(() => undefined)) as
    | (SessionStart & { error?: { code?: string; message?: string } })
    | undefined;
  if (!response.ok || !body) {
    throw new Error(`POST ${url} answered ${response.status}: ${body?.error?.message ?? 'no JSON body'}`);
  }
  return body;
}
