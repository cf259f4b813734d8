import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context, Hono } from 'hono';
import { ConfigError } from '../config/errors.ts';
import { sendBuiltFile } from './static-file.ts';

/**
 * Serves the widget's built files (`cancelflow.js`, `cancelflow-ui.js`, `chunks/*.js`) so a site can
 * load them from the server's origin, next to the API they talk to. They are public and carry no
 * secret, so any origin may load them: `import()` of a cross-origin module needs CORS, hence `*`.
 */
export function widgetFileRoutes(app: Hono, dir: string): void {
  const root = checkWidgetDir(dir);
  // Compressed and tagged once per version of each file; a rebuilt widget is served at once.
  const serve = (file: string, maxAge: number) => async (c: Context) =>
    (await sendBuiltFile(c, join(root, file), {
      'content-type': 'text/javascript; charset=utf-8',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': maxAge > 3600 ? `public, max-age=${maxAge}, immutable` : `public, max-age=${maxAge}`,
    })) ?? c.json({ error: { code: 'not_found', message: `no widget file ${file}` } }, 404);
  // The loader and the UI keep their names across releases: cache them briefly. Chunks are content-hashed.
  app.get('/cancelflow.js', serve('cancelflow.js', 300));
  app.get('/cancelflow-ui.js', serve('cancelflow-ui.js', 300));
  app.get('/chunks/:file{[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.js}', (c) =>
    serve(`chunks/${c.req.param('file')}`, 31_536_000)(c),
  );
}

/** Throws a ConfigError unless `dir` holds a built widget; returns its absolute path. */
export function checkWidgetDir(dir: string): string {
  const root = resolve(dir);
  if (!existsSync(join(root, 'cancelflow.js'))) {
    throw new ConfigError(
      `widgetDir: ${root} has no cancelflow.js (point it at the folder of @cancelflow/widget that holds cancelflow.js: its dist folder, in node_modules once installed, or packages/widget/dist after pnpm build in a checkout)`,
    );
  }
  return root;
}
