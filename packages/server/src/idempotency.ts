import type { Kysely } from 'kysely';
import type { Database } from './db/tables.ts';
import { HttpError } from './http/errors.ts';
import { sha256Hex } from './sessions/keys.ts';

export interface StoredResponse {
  readonly status: 200 | 201;
  readonly body: unknown;
}

/**
 * Runs a write once per `Idempotency-Key` within `scope`: a retry with the same key and the same body
 * gets the first (successful) response again; the same key with another body is refused. Without a
 * key the write just runs. Failures are not stored, so a retry after a 5xx tries again.
 */
export async function idempotent(
  db: Kysely<Database>,
  scope: string,
  subscriberId: string,
  key: string | undefined,
  rawBody: string,
  now: Date,
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (key === undefined) return run();
  if (key.length === 0 || key.length > 200)
    throw new HttpError('bad_request', 'Idempotency-Key must be 1–200 characters');
  const requestHash = sha256Hex(rawBody);
  const previous = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response_json'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (previous) {
    if (previous.request_hash !== requestHash) {
      throw new HttpError('unprocessable', 'this Idempotency-Key was already used with a different request body');
    }
    return { status: previous.status as 200 | 201, body: JSON.parse(previous.response_json) };
  }
  const response = await run();
  await db
    .insertInto('idempotency_keys')
    .values({
      scope,
      key,
      subscriber_id: subscriberId,
      request_hash: requestHash,
      status: response.status,
      response_json: JSON.stringify(response.body),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .execute();
  return response;
}
