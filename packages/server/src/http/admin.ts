import type { MiddlewareHandler } from 'hono';
import type { AdminSessions } from './admin-session.ts';
import { HttpError } from './errors.ts';
import type { AdminKeyGuesses } from './key-guesses.ts';

/**
 * `Authorization: Bearer <admin key>`, compared in constant time, or the dashboard's signed session
 * cookie (admin-session.ts), with which a state-changing request must also come from the server's own
 * origin. No key configured: nobody gets in.
 */
export function requireAdmin(
  adminKey: string | undefined,
  sessions: AdminSessions,
  guesses: AdminKeyGuesses,
): MiddlewareHandler {
  return async (c, next) => {
    if (!adminKey) throw new HttpError('unauthorized', 'the admin API is disabled: set CANCELFLOW_ADMIN_KEY');
    const header = c.req.header('authorization');
    if (header === undefined && (await sessions.fromRequest(c))) {
      sessions.assertSameOrigin(c);
      return next();
    }
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match?.[1] || !(await guesses.matches(c, match[1], adminKey))) {
      throw new HttpError('unauthorized', 'missing or wrong admin key (Authorization: Bearer <key>)', {
        'www-authenticate': 'Bearer',
      });
    }
    await next();
  };
}

/**
 * Every admin API answer holds data about subscribers (feedback, sessions, plans, mail, flows): none
 * may be kept in a browser's disk cache, where it outlives signing out on a shared computer, nor in a
 * shared cache in front of the server, which may store what a cookie (unlike `Authorization`) fetched.
 * Set after the route ran, so it also covers the CSV downloads and errors.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('cache-control', 'no-store');
};
