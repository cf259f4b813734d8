import type { Kysely } from 'kysely';

/**
 * One published flow of one site (docs/dashboard.md, _Publishing_). Rows are never changed or deleted:
 * a rollback publishes an old version's source again as a new row, so the history stays whole.
 */
export interface FlowVersionsTable {
  id: string;
  site_id: string;
  /** 1, 2, 3… per site, in publishing order; the newest is the one sessions start with. */
  number: number;
  /** The flow JSON exactly as published (validated by core's validator before it was stored). */
  source: string;
  /** The flow's own `id` and `version`, as sessions record them. */
  flow_id: string;
  flow_version: number;
  note: string | null;
  /** The name the publisher gave (one admin key: it is their word, not an identity). */
  author: string | null;
  /** How the request was signed in: `cookie` (the dashboard) or `key` (the bearer admin key). */
  via: string;
  /** The version number a rollback republished; `0` for the sites file's flow. */
  restored_from: number | null;
  published_at: string;
}

export async function createFlowVersionsTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('flow_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('flow_version', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('author', 'text')
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('restored_from', 'integer')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  // Two publishes at once cannot both become number N: the second one's insert fails and is retried.
  await db.schema
    .createIndex('flow_versions_site_number')
    .on('flow_versions')
    .columns(['site_id', 'number'])
    .unique()
    .execute();
}
