import type { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { currentFlow } from '../flows/current.ts';
import { removedSites } from './stored-sites.ts';

/**
 * `GET /v1/admin/sites`: the configured sites and the flow each runs, for the dashboard's site and flow
 * selector (the insights filters take these ids). No secrets: ids, origins and the flow's id and version.
 * After them, `configured: false`, the sites no longer in the sites file whose sessions are stored
 * (their insights are still served), with the flow of their newest sessions and no version.
 */
export function siteListRoute(admin: Hono, deps: AppDeps): void {
  admin.get('/sites', async (c) => {
    const sites = await Promise.all(
      deps.sites.sites.map(async (site) => {
        // The flow it runs now: its newest published version, else the sites file's.
        const flow = await currentFlow(deps.db, site, deps.log);
        return {
          id: site.id,
          origins: site.origins,
          flowId: flow.id,
          flowVersion: flow.version,
          experiments: (flow.experiments ?? []).map((e) => e.id),
          configured: true,
        };
      }),
    );
    const removed = await removedSites(
      deps.db,
      deps.sites.sites.map((s) => s.id),
    );
    const stored = removed.map((site) => ({
      id: site.id,
      origins: [],
      flowId: site.flowId,
      flowVersion: null,
      experiments: [],
      configured: false,
    }));
    return c.json({ sites: [...sites, ...stored] });
  });
}
