import type { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../http/errors.ts';
import { runRetention } from './retention.ts';
import { eraseSubscriber, exportSubscriber } from './subscriber.ts';

function siteParam(value: string | undefined, deps: AppDeps): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!deps.sites.get(value)) throw new HttpError('not_found', `no site "${value}"`);
  return value;
}

export function privacyRoutes(admin: Hono, deps: AppDeps): void {
  admin.get('/subscribers/:sub/export', async (c) => {
    const data = await exportSubscriber(deps.db, c.req.param('sub'), siteParam(c.req.query('siteId'), deps));
    c.header('cache-control', 'no-store');
    return c.json(data);
  });
  admin.delete('/subscribers/:sub', async (c) => {
    const deleted = await eraseSubscriber(deps.db, c.req.param('sub'), siteParam(c.req.query('siteId'), deps));
    try {
      await deps.scrubDeleted();
    } catch (error) {
      // The rows are gone; only their old copies in the WAL may remain readable. Say so, so it is run again.
      const message = error instanceof Error ? error.message : String(error);
      return c.json({ error: { code: 'scrub_incomplete', message }, deleted }, 503);
    }
    return c.json({ erased: true, deleted });
  });
  admin.post('/retention/run', async (c) =>
    c.json(await runRetention(deps.db, deps.sites, deps.now(), deps.retention)),
  );
}
