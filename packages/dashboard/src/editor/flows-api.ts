import type { Problem } from '@cancelflow/core/validate';
import { request } from '../api.ts';

/** `GET /v1/admin/flows/:siteId/versions` (docs/server.md, _Flow versions_). */
export interface FlowVersion {
  readonly number: number;
  readonly flowId: string;
  readonly flowVersion: number;
  readonly note: string | null;
  readonly author: string | null;
  readonly via: string;
  readonly restoredFrom: number | null;
  readonly publishedAt: string;
  readonly changes?: { readonly linesAdded: number; readonly linesRemoved: number; readonly fields: readonly string[] };
}

export interface PublishInput {
  readonly note?: string;
  readonly author?: string;
  /** The version the draft (or the rollback's list) was read from: a newer one makes the server answer 409. */
  readonly baseVersion: number;
}

/** A 409's details: the version published since the base (null: none, the base is from elsewhere). */
export interface Conflict {
  readonly live: number;
  readonly version: FlowVersion | null;
}

const base = (siteId: string) => `/v1/admin/flows/${encodeURIComponent(siteId)}`;

/** The flow the site runs now: `live` is its version number, 0 for the sites file's. */
export const liveFlow = (siteId: string) => request<{ live: number; source: string }>('GET', base(siteId));

export const versions = (siteId: string) => request<{ versions: FlowVersion[] }>('GET', `${base(siteId)}/versions`);

export const versionSource = (siteId: string, number: number) =>
  request<{ source: string }>('GET', `${base(siteId)}/versions/${number}`);

/**
 * A publish's answer: the new version (201), or with `unchanged` the newest version, whose source is
 * exactly the one sent (200: nothing was stored).
 */
export interface Published {
  readonly version: FlowVersion;
  readonly unchanged?: boolean;
  readonly warnings?: Problem[];
}

export const publish = (siteId: string, source: string, input: PublishInput) =>
  request<Published>('POST', `${base(siteId)}/versions`, { source, ...input });

export const restore = (siteId: string, number: number, input: PublishInput) =>
  request<Published>('POST', `${base(siteId)}/versions/${number}/restore`, input);
