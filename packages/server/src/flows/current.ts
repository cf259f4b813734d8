import type { FlowConfig } from '@cancelflow/core';
import { validateFlowSource } from '@cancelflow/core/validate';
import type { Kysely } from 'kysely';
import type { SiteConfig } from '../config/sites.ts';
import type { Database } from '../db/tables.ts';
import type { Logger } from '../http/log.ts';
import { latestVersionId, versionById } from './store.ts';

/** Parsed published flows per database and site, keyed by the version's id (rows never change). */
const parsed = new WeakMap<object, Map<string, { id: string; config: FlowConfig }>>();

/**
 * The flow a site runs now: its newest published version (docs/dashboard.md, _Publishing_), else the
 * sites file's. Read from the database on every call, so every server process picks up a publish on its
 * next session without a restart; only the newest version's id is read when it is already parsed.
 */
export async function currentFlow(db: Kysely<Database>, site: SiteConfig, log?: Logger): Promise<FlowConfig> {
  const latest = await latestVersionId(db, site.id);
  if (!latest) return site.flow;
  const bySite = parsed.get(db) ?? new Map<string, { id: string; config: FlowConfig }>();
  parsed.set(db, bySite);
  const hit = bySite.get(site.id);
  if (hit?.id === latest.id) return hit.config;
  const row = await versionById(db, latest.id);
  const config = row ? validateFlowSource(row.source).config : undefined;
  if (!config) {
    // Validated when it was published; a newer core may refuse it. Then the file's flow is the safe one.
    log?.({ level: 'error', msg: 'the published flow no longer validates; using the sites file', site: site.id });
    return site.flow;
  }
  bySite.set(site.id, { id: latest.id, config });
  return config;
}
