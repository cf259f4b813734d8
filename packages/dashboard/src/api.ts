import { signal } from '@preact/signals';
import type { Filters } from './types.ts';

/** `signed-out` after a 401 from any call: the page shows the sign-in form again. */
export const auth = signal<'checking' | 'signed-in' | 'signed-out'>('checking');
/** Whether the sign-in form is back because the cookie stopped working (8 hours on, or signed out elsewhere). */
export const expired = signal(false);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The error body's other fields (a refused publish's `problems`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The filters as query parameters, leaving out the empty ones. */
export function query(filters: Partial<Filters> & Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** What a failed fetch means to a reader: the browser's own words ("Failed to fetch") say nothing. */
export const UNREACHABLE = 'the server could not be reached (is it running, and is this computer online?)';

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, UNREACHABLE);
  }
  const data = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string } & Record<string, unknown> }
    | undefined;
  if (!response.ok) {
    if (response.status === 401 && path !== '/v1/admin/session') {
      if (auth.value === 'signed-in') expired.value = true;
      auth.value = 'signed-out';
    }
    throw new ApiError(
      response.status,
      data?.error?.message ?? `${response.status} ${response.statusText}`,
      data?.error,
    );
  }
  return data as T;
}

export const getJson = <T>(path: string): Promise<T> => request<T>('GET', path);

/** The same report as a CSV download: the cookie goes with a same-origin link, so a plain `href` works. */
export const csvUrl = (report: string, params: Record<string, string | number | undefined>): string =>
  `/v1/admin/insights/${report}${query({ ...params, format: 'csv' })}`;

/** Whether the cookie signs this browser in (the server answers 200 with `signedIn` either way). */
export async function checkSession(): Promise<void> {
  try {
    const { signedIn } = await request<{ signedIn?: boolean }>('GET', '/v1/admin/session');
    auth.value = signedIn ? 'signed-in' : 'signed-out';
  } catch {
    auth.value = 'signed-out';
  }
}

export async function signIn(key: string): Promise<void> {
  await request('POST', '/v1/admin/session', { key });
  expired.value = false;
  auth.value = 'signed-in';
}

export async function signOut(): Promise<void> {
  await request('DELETE', '/v1/admin/session');
  auth.value = 'signed-out';
}
