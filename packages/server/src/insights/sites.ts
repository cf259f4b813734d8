import type { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';

/**
 * `GET /v1/admin/sites`: the configured sites and the flow each runs, for the dashboard's site and flow
 * selector (the insights filters take these ids). No secrets: ids, origins and the flow's id and version.
 */
export function siteListRoute(admin: Hono, deps: AppDeps): void {
  admin.get('/sites', (c) =>
    c.json({
      sites: deps.sites.sites.map((site) => ({
        id: site.id,
        origins: site.origins,
        flowId: site.flow.id,
        flowVersion: site.flow.version,
        experiments: (site.flow.experiments ?? []).map((e) => e.id),
      })),
    }),
  );
}
