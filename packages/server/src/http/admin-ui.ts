import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context, Hono } from 'hono';

/**
 * The built dashboard (`@cancelflow/dashboard`, a dependency of this package), or undefined when it is
 * not installed or not built (`pnpm build` in the repository).
 */
export function dashboardDirNearby(): string | undefined {
  try {
    const index = createRequire(import.meta.url).resolve('@cancelflow/dashboard/index.html');
    return existsSync(index) ? dirname(index) : undefined;
  } catch {
    return undefined;
  }
}

/** The page loads only its own files and talks only to this server; no other site may frame it. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
} as const;

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/**
 * Serves the dashboard at `/admin/`: the page itself is public (it holds no data and asks for the admin
 * key); everything it shows comes from `/v1/admin/*`, which needs the key or the session cookie.
 * Without a built dashboard, `/admin/` says how to build it.
 */
export function adminUiRoutes(app: Hono, dir: string | undefined = dashboardDirNearby()): void {
  app.get('/admin', (c) => c.redirect('/admin/', 308));
  app.get('/admin/', async (c) => {
    const page = dir ? await readFile(join(dir, 'index.html')).catch(() => undefined) : undefined;
    if (!page) {
      return c.text(
        'The dashboard is not built. Run `pnpm build` in the cancelflow repository (or install @cancelflow/dashboard).\n',
        404,
      );
    }
    return c.body(new Uint8Array(page), 200, { ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' });
  });
  // Vite names every asset by its content hash: cache them for a year.
  app.get('/admin/assets/:file{[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(?:js|css|svg)}', (c: Context) => asset(c, dir));
}

async function asset(c: Context, dir: string | undefined) {
  const file = c.req.param('file') ?? '';
  const body = dir ? await readFile(join(dir, 'assets', file)).catch(() => undefined) : undefined;
  if (!body) return c.json({ error: { code: 'not_found', message: `no dashboard file ${file}` } }, 404);
  return c.body(new Uint8Array(body), 200, {
    'content-type': TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
    'cache-control': 'public, max-age=31536000, immutable',
  });
}
