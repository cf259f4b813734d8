import { EventBatchBody } from '@cancelflow/core/schema';
import type { Hono } from 'hono';
import { GroupCommit } from '../db/group-commit.ts';
import type { AppDeps } from '../deps.ts';
import { parseWith, readJson } from '../http/body.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import { ingestEvents } from './ingest.ts';

export function eventRoutes(app: Hono, deps: AppDeps, perSession: RateLimiter): void {
  const writes = new GroupCommit(deps.db);
  app.post('/v1/events', async (c) => {
    const body = parseWith(EventBatchBody, await readJson(c));
    const result = await ingestEvents(
      deps,
      writes,
      body.events,
      body.keys,
      c.req.header('origin'),
      (sessionIds) => perSession.take(sessionIds, 'session'),
      body.sentAt,
    );
    return c.json(result, 200);
  });
}
