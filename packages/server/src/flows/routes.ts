import { readFile } from 'node:fs/promises';
import type { Context, Hono } from 'hono';
import type { SiteConfig } from '../config/sites.ts';
import type { AppDeps } from '../deps.ts';
import { readJsonText } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { textProblem } from '../http/text.ts';
import { idempotent } from '../idempotency.ts';
import { changeSummary } from './changes.ts';
import { checkForPublish } from './publish.ts';
import {
  type FlowVersionMeta,
  insertVersion,
  latestVersionId,
  listVersions,
  versionByNumber,
  versionSources,
} from './store.ts';

const MAX_NOTE = 500;
const MAX_AUTHOR = 100;

const metaJson = (v: FlowVersionMeta) => ({
  number: v.number,
  flowId: v.flow_id,
  flowVersion: v.flow_version,
  note: v.note,
  author: v.author,
  via: v.via,
  restoredFrom: v.restored_from,
  publishedAt: v.published_at,
});

function siteOf(deps: AppDeps, c: Context): SiteConfig {
  const id = c.req.param('siteId') ?? '';
  const site = deps.sites.get(id);
  if (!site) throw new HttpError('not_found', `no site "${id}"`);
  return site;
}

/** The sites file's flow as it is on disk now: version 0, the seed. */
async function fileSource(site: SiteConfig): Promise<string> {
  try {
    return await readFile(site.flowPath, 'utf8');
  } catch (error) {
    throw new HttpError(
      'not_found',
      `cannot read the sites file's flow ${site.flowPath} (${(error as NodeJS.ErrnoException).code})`,
    );
  }
}

/** Optional short text fields of a publish request: a string within its limit, or absent. */
function optionalText(body: Record<string, unknown>, field: string, max: number): string | null {
  const value = body[field];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new HttpError('bad_request', `${field} must be a string`);
  if (value.length > max) throw new HttpError('bad_request', `${field} is longer than ${max} characters`);
  const problem = textProblem(value);
  if (problem) throw new HttpError('bad_request', `${field} contains ${problem}`);
  return value;
}

/**
 * `baseVersion`, the version number a draft was edited from (0: the sites file's flow), or null when
 * the publisher does not say (a deploy script publishing flow-as-code over whatever runs).
 */
function baseVersionOf(body: Record<string, unknown>): number | null {
  const value = body.baseVersion;
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new HttpError('bad_request', `baseVersion must be a whole number, 0 or more (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** Who published `v` and when, for a conflict's message: "version 4 (by Pat, 2026-06-01 10:02 UTC)". */
function describeVersion(v: FlowVersionMeta): string {
  const when = `${v.published_at.slice(0, 10)} ${v.published_at.slice(11, 16)} UTC`;
  return `version ${v.number} (${v.author ? `by ${v.author}, ` : ''}${when})`;
}

/** The request's JSON object, and its text (an `Idempotency-Key` replay must send the same). */
async function bodyObject(c: Context): Promise<{ body: Record<string, unknown>; text: string }> {
  const { value, text } = await readJsonText(c);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError('bad_request', 'the request body must be a JSON object');
  }
  return { body: value as Record<string, unknown>, text };
}

/**
 * Publishes `source` as the site's next version, or answers 400 with the validator's problems (each
 * with its line and column) and stores nothing, or 200 `unchanged` when `source` is exactly the newest
 * version's (store.ts). Every publish is written to the audit table.
 */
async function publish(
  deps: AppDeps,
  c: Context,
  site: SiteConfig,
  source: string,
  body: Record<string, unknown>,
  restoredFrom: number | null,
) {
  const note = optionalText(body, 'note', MAX_NOTE);
  const author = optionalText(body, 'author', MAX_AUTHOR);
  const baseVersion = baseVersionOf(body);
  const check = checkForPublish(site, source);
  const route = `POST ${c.req.routePath}`;
  if (!check.ok) {
    await audit(deps, site, route, 400, 'invalid_flow', `${check.problems.length} problem(s)`);
    const count = check.problems.length;
    throw new HttpError(
      'bad_request',
      `the flow has ${count} problem${count === 1 ? '' : 's'}; nothing was published`,
      {},
      { problems: check.problems },
    );
  }
  const published = await insertVersion(deps.db, {
    siteId: site.id,
    source,
    flowId: check.config.id,
    flowVersion: check.config.version,
    note,
    author,
    via: c.req.header('authorization') === undefined ? 'cookie' : 'key',
    restoredFrom,
    at: deps.now(),
    baseVersion,
  });
  if (published.conflict) {
    const { live, latest } = published.conflict;
    await audit(deps, site, route, 409, 'flow_conflict', `base ${baseVersion} but live ${live} by ${author ?? '-'}`);
    const since = latest
      ? `${describeVersion(latest)} was published after version ${baseVersion}`
      : `the site runs its sites file's flow (version 0), not version ${baseVersion}`;
    throw new HttpError(
      'conflict',
      `${since}, which this flow was edited from; nothing was published. ` +
        `Compare it with version ${live}, then publish again with baseVersion ${live} to replace it.`,
      {},
      { live, version: latest ? metaJson(latest) : null },
    );
  }
  const { version, unchanged } = published;
  const restored = restoredFrom === null ? '' : ` restoring ${restoredFrom}`;
  if (unchanged) {
    // 200, not an error: a deploy script that publishes the same flow on every deploy has nothing to fix.
    await audit(deps, site, route, 200, 'flow_unchanged', `version ${version.number}${restored} by ${author ?? '-'}`);
    return {
      status: 200 as const,
      body: {
        version: metaJson(version),
        unchanged: true,
        message: `nothing changed since version ${version.number}: the flow is the same, so no new version was published`,
        warnings: check.warnings,
      },
    };
  }
  await audit(deps, site, route, 201, 'flow_published', `version ${version.number}${restored} by ${author ?? '-'}`);
  return { status: 201 as const, body: { version: metaJson(version), unchanged: false, warnings: check.warnings } };
}

/**
 * A publish (or restore) is a write like the others: a retry with the same `Idempotency-Key` — a
 * deploy script that lost the answer — gets the first answer again instead of another version.
 */
async function publishOnce(
  deps: AppDeps,
  c: Context,
  site: SiteConfig,
  source: string,
  { body, text }: { body: Record<string, unknown>; text: string },
  restoredFrom: number | null,
) {
  const answer = await idempotent(
    deps,
    {
      scope: `${restoredFrom === null ? 'publish' : `restore-${restoredFrom}`}:${site.id}`,
      subscriberId: '',
      key: c.req.header('idempotency-key'),
      rawBody: text,
    },
    () => publish(deps, c, site, source, body, restoredFrom),
  );
  return c.json(answer.body, answer.status);
}

async function audit(deps: AppDeps, site: SiteConfig, route: string, status: number, code: string, detail: string) {
  await deps.db
    .insertInto('audit')
    .values({
      id: `aud_${crypto.randomUUID()}`,
      at: deps.now().toISOString(),
      site_id: site.id,
      session_id: null,
      subscriber_id: null,
      route,
      status,
      code,
      detail: detail.slice(0, 200),
    })
    .execute();
}

function versionNumber(c: Context): number {
  const raw = c.req.param('number') ?? '';
  const n = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || !Number.isSafeInteger(n)) {
    throw new HttpError('bad_request', `version must be a whole number (got "${raw}")`);
  }
  return n;
}

/** A version's source: 0 is the sites file's flow, others come from the database. */
async function sourceOf(deps: AppDeps, site: SiteConfig, number: number): Promise<string> {
  if (number === 0) return fileSource(site);
  const row = await versionByNumber(deps.db, site.id, number);
  if (!row) throw new HttpError('not_found', `site "${site.id}" has no flow version ${number}`);
  return row.source;
}

/** The flow editor's API (docs/server.md, _Flow versions_), behind the admin check. */
export function flowRoutes(admin: Hono, deps: AppDeps): void {
  admin.get('/flows/:siteId', async (c) => {
    const site = siteOf(deps, c);
    const latest = await latestVersionId(deps.db, site.id);
    const live = latest?.number ?? 0;
    return c.json({ siteId: site.id, live, source: await sourceOf(deps, site, live) });
  });

  admin.get('/flows/:siteId/versions', async (c) => {
    const site = siteOf(deps, c);
    const [versions, sources] = await Promise.all([listVersions(deps.db, site.id), versionSources(deps.db, site.id)]);
    const file = await fileSource(site).catch(() => undefined);
    const before = new Map<number, string | undefined>();
    sources.forEach((s, i) => {
      before.set(s.number, i === 0 ? file : sources[i - 1]?.source);
    });
    const changesOf = (number: number) => {
      const source = sources.find((s) => s.number === number)?.source;
      return source === undefined ? undefined : changeSummary(before.get(number), source);
    };
    return c.json({
      siteId: site.id,
      file: site.flowPath,
      versions: versions.map((v) => ({ ...metaJson(v), changes: changesOf(v.number) })),
    });
  });

  admin.get('/flows/:siteId/versions/:number', async (c) => {
    const site = siteOf(deps, c);
    const number = versionNumber(c);
    return c.json({ siteId: site.id, number, source: await sourceOf(deps, site, number) });
  });

  admin.post('/flows/:siteId/versions', async (c) => {
    const site = siteOf(deps, c);
    const request = await bodyObject(c);
    const { source } = request.body;
    if (typeof source !== 'string') throw new HttpError('bad_request', 'source must be the flow JSON as a string');
    const problem = textProblem(source);
    // Stored as sent, so a later publish of the same text is "unchanged": refused rather than altered.
    if (problem) throw new HttpError('bad_request', `source contains ${problem}`);
    return publishOnce(deps, c, site, source, request, null);
  });

  admin.post('/flows/:siteId/versions/:number/restore', async (c) => {
    const site = siteOf(deps, c);
    const number = versionNumber(c);
    const source = await sourceOf(deps, site, number);
    return publishOnce(deps, c, site, source, await bodyObject(c), number);
  });
}
