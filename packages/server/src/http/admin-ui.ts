import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context, Hono } from 'hono';
import { sendBuiltFile } from './static-file.ts';

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

/**
 * The page loads only its own files and talks only to this server; no other site may frame it. It
 * frames one page of its own: the flow editor's preview. A page elsewhere that opens it in a window
 * gets no hold on that window (Cross-Origin-Opener-Policy): with one, it could later send the
 * signed-in dashboard's tab to a look-alike page asking for the admin key again.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
} as const;

/**
 * The preview page runs the real widget on a draft flow that the dashboard hands it as a `blob:` URL
 * (static-flow mode: it fetches that, and nothing else). Only the dashboard itself may frame it.
 */
const PREVIEW_HEADERS = {
  ...PAGE_HEADERS,
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src blob:; " +
    "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  'x-frame-options': 'SAMEORIGIN',
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
  const page = (file: string, headers: Record<string, string>) => async (c: Context) => {
    const body = dir ? await readFile(join(dir, file)).catch(() => undefined) : undefined;
    if (!body) {
      return c.text(
        'The dashboard is not built. Run `pnpm build` in the cancelflow repository (or install @cancelflow/dashboard).\n',
        404,
      );
    }
    return c.body(new Uint8Array(body), 200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
  };
  app.get('/admin', (c) => c.redirect('/admin/', 308));
  app.get('/admin/', async (c) => {
    // CodeMirror adds its styles in <style> elements: they carry this response's nonce, nothing else inline does.
    const nonce = randomBytes(16).toString('base64');
    const response = await page('index.html', {
      ...PAGE_HEADERS,
      'content-security-policy': PAGE_HEADERS['content-security-policy'].replace(
        "style-src 'self'",
        `style-src 'self' 'nonce-${nonce}'`,
      ),
    })(c);
    if (response.status !== 200) return response;
    const html = (await response.text()).replace('{{style-nonce}}', nonce);
    return new Response(html, { status: 200, headers: response.headers });
  });
  app.get('/admin/preview.html', page('preview.html', PREVIEW_HEADERS));
  // Vite names every asset by its content hash: cache them for a year.
  app.get('/admin/assets/:file{[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(?:js|css|svg)}', (c: Context) =>
    staticFile(c, dir, 'assets', 'public, max-age=31536000, immutable'),
  );
  // The widget's build, copied by the dashboard's build for the preview: its loader and UI keep their
  // names across releases (revalidated), its chunks are content-hashed.
  app.get('/admin/widget/:file{cancelflow(?:-ui)?\\.js}', (c: Context) => staticFile(c, dir, 'widget', 'no-cache'));
  app.get('/admin/widget/chunks/:file{[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.js}', (c: Context) =>
    staticFile(c, dir, 'widget/chunks', 'public, max-age=31536000, immutable'),
  );
}

async function staticFile(c: Context, dir: string | undefined, folder: string, cacheControl: string) {
  const file = c.req.param('file') ?? '';
  const sent =
    dir &&
    (await sendBuiltFile(c, join(dir, folder, file), {
      'content-type': TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
      'cache-control': cacheControl,
    }));
  return sent || c.json({ error: { code: 'not_found', message: `no dashboard file ${file}` } }, 404);
}
