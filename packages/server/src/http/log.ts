import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { HttpError } from './errors.ts';

export type LogEntry = { level: 'info' | 'warn' | 'error'; msg: string } & Record<string, unknown>;
export type Logger = (entry: LogEntry) => void;

/** One JSON object per line on stdout: what log shippers expect. */
export const jsonLogger: Logger = (entry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};

export const silentLogger: Logger = () => {};

/**
 * One line per request: method, route, status, duration. The route pattern (`/v1/receipts/:receiptId`)
 * is logged instead of the path, so capability ids in URLs, tokens and free text never reach the log.
 * A 401 or 403 also says why (a refused origin, an expired token): a browser that refused the answer
 * for CORS shows the site's developer nothing else. Those reasons are fixed sentences of ours.
 */
export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const route = routePath(c, -1);
    log({
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      method: c.req.method,
      route: route === '*' || route === '/*' ? 'unmatched' : route,
      status: c.res.status,
      ...(c.error instanceof HttpError && (c.res.status === 401 || c.res.status === 403)
        ? { reason: c.error.message }
        : {}),
      ms: Math.round((performance.now() - start) * 100) / 100,
    });
  };
}
