import { type AuditContext, recordRejection } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from './errors.ts';

/**
 * Runs a handler body and records every refusal (4xx, and billing failures) it ends with in the
 * audit table, with what is known about the attempt at that point.
 */
export async function audited<T>(deps: AppDeps, context: () => AuditContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HttpError && error.code !== 'rate_limited') {
      await recordRejection(deps.db, deps.log, deps.now(), error, context());
    }
    throw error;
  }
}
