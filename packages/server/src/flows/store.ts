import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/tables.ts';
import type { FlowVersionsTable } from './schema.ts';

export type FlowVersionRow = Selectable<FlowVersionsTable>;
export type FlowVersionMeta = Omit<FlowVersionRow, 'source'>;

export interface NewFlowVersion {
  readonly siteId: string;
  readonly source: string;
  readonly flowId: string;
  readonly flowVersion: number;
  readonly note: string | null;
  readonly author: string | null;
  readonly via: 'cookie' | 'key';
  readonly restoredFrom: number | null;
  readonly at: Date;
  /**
   * The version the publisher's draft started from (0: the sites file's flow), or null to publish over
   * whatever is newest. When another version was published since, nothing is stored (`conflict`).
   */
  readonly baseVersion: number | null;
}

const META = [
  'id',
  'site_id',
  'number',
  'flow_id',
  'flow_version',
  'note',
  'author',
  'via',
  'restored_from',
  'published_at',
] as const;

/** The newest published version's id and number (sessions start with it), or undefined: the sites file's flow. */
export async function latestVersionId(
  db: Kysely<Database>,
  siteId: string,
): Promise<{ id: string; number: number } | undefined> {
  return db
    .selectFrom('flow_versions')
    .select(['id', 'number'])
    .where('site_id', '=', siteId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function versionById(db: Kysely<Database>, id: string): Promise<FlowVersionRow | undefined> {
  return db.selectFrom('flow_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function versionByNumber(
  db: Kysely<Database>,
  siteId: string,
  number: number,
): Promise<FlowVersionRow | undefined> {
  return db
    .selectFrom('flow_versions')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** Every version of a site, newest first, without their sources. */
export async function listVersions(db: Kysely<Database>, siteId: string): Promise<FlowVersionMeta[]> {
  return db.selectFrom('flow_versions').select(META).where('site_id', '=', siteId).orderBy('number', 'desc').execute();
}

/** The sources of a site's versions, oldest first (for each one's change against the one before). */
export async function versionSources(
  db: Kysely<Database>,
  siteId: string,
): Promise<{ number: number; source: string }[]> {
  return db
    .selectFrom('flow_versions')
    .select(['number', 'source'])
    .where('site_id', '=', siteId)
    .orderBy('number', 'asc')
    .execute();
}

const isUniqueViolation = (error: unknown) =>
  /unique|duplicate key/i.test(error instanceof Error ? error.message : String(error));

/**
 * What a publish did: stored `version` as a new number, or found the newest version already
 * `unchanged`, or (`conflict`) found a newer version than the draft's base and stored nothing.
 */
export type Published =
  | { readonly version: FlowVersionMeta; readonly unchanged: boolean; readonly conflict?: undefined }
  | {
      readonly conflict: { readonly live: number; readonly latest: FlowVersionMeta | undefined };
      readonly version?: undefined;
    };

/**
 * Stores a new version as the site's next number, unless its source is exactly the newest version's:
 * then nothing is stored and that version is the answer (a duplicate would only add a row that changes
 * nothing, and a "what changed" of zero lines). Two publishes at once race for the same number; the
 * unique index lets only one win, and the other reads the newest again — the same source is then
 * `unchanged`, another one takes the next number (a few tries, then it fails) — unless it names the
 * `baseVersion` it was edited from: then the winner is a version it never saw, so it is a `conflict`
 * (two people editing one flow: the second publish must not silently drop the first one's edit).
 */
export async function insertVersion(db: Kysely<Database>, v: NewFlowVersion): Promise<Published> {
  for (let attempt = 0; ; attempt++) {
    const latest = await db
      .selectFrom('flow_versions')
      .select([...META, 'source'])
      .where('site_id', '=', v.siteId)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest?.source === v.source) {
      const { source: _source, ...version } = latest;
      return { version, unchanged: true };
    }
    if (v.baseVersion !== null && (latest?.number ?? 0) !== v.baseVersion) {
      // A base the site does not have (0 after a database reset, or a number from the future) is no
      // more what runs than an older one: either way the publisher has not seen the live flow.
      if (!latest) return { conflict: { live: 0, latest: undefined } };
      const { source: _source, ...live } = latest;
      return { conflict: { live: live.number, latest: live } };
    }
    const row: FlowVersionRow = {
      id: `flv_${randomUUID()}`,
      site_id: v.siteId,
      number: (latest?.number ?? 0) + 1,
      source: v.source,
      flow_id: v.flowId,
      flow_version: v.flowVersion,
      note: v.note,
      author: v.author,
      via: v.via,
      restored_from: v.restoredFrom,
      published_at: v.at.toISOString(),
    };
    try {
      await db.insertInto('flow_versions').values(row).execute();
      const { source: _source, ...version } = row;
      return { version, unchanged: false };
    } catch (error) {
      if (attempt >= 5 || !isUniqueViolation(error)) throw error;
    }
  }
}
