import type { Kysely } from 'kysely';
import { sha256Hex } from './crypto.ts';
import type { Database } from './db/tables.ts';
import { HttpError } from './http/errors.ts';
import type { InFlight } from './in-flight.ts';

export interface StoredResponse {
  readonly status: 200 | 201;
  readonly body: unknown;
}

/** How a response is kept for replays: e.g. without a secret that `restore` can derive again. */
export interface ResponseCodec {
  store(body: unknown): unknown;
  restore(stored: unknown): unknown;
}

const AS_IS: ResponseCodec = { store: (body) => body, restore: (stored) => stored };
/** `status` of a reservation whose first request is still running. */
const RUNNING = 0;

export interface IdempotentWrite {
  readonly scope: string;
  readonly subscriberId: string;
  readonly key: string | undefined;
  /** The request body's bytes: a replay must send the same. */
  readonly rawBody: string;
  readonly codec?: ResponseCodec;
}

export interface IdempotencyDeps {
  readonly db: Kysely<Database>;
  readonly inflight: InFlight;
  readonly now: () => Date;
  /** How long a reservation is presumed to belong to a live request (another process, or a crash). */
  readonly leaseMs: number;
}

/**
 * Runs a write once per `Idempotency-Key` within `scope`. The first request reserves the key in the
 * database before it runs; a concurrent one in this process waits for its answer, one in another
 * process gets 409 `in progress` with Retry-After; later ones get the stored answer. The same key with
 * another body is a 422. A failure is not stored (the reservation is dropped), so a retry after a 5xx
 * runs again; a reservation left by a crashed process is taken over once its lease has passed.
 */
export function idempotent(
  deps: IdempotencyDeps,
  write: IdempotentWrite,
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const { key } = write;
  if (key === undefined) return run();
  if (key.length === 0 || key.length > 200) {
    return Promise.reject(new HttpError('bad_request', 'Idempotency-Key must be 1–200 characters'));
  }
  const requestHash = sha256Hex(write.rawBody);
  return deps.inflight.once(
    `idempotency:${write.scope}:${key}`,
    requestHash,
    () => reserveAndRun(deps, write, key, requestHash, run),
    () => {
      throw reusedKey();
    },
  );
}

const reusedKey = () =>
  new HttpError('unprocessable', 'this Idempotency-Key was already used with a different request body');

async function reserveAndRun(
  deps: IdempotencyDeps,
  write: IdempotentWrite,
  key: string,
  requestHash: string,
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const { db } = deps;
  const codec = write.codec ?? AS_IS;
  const thisKey = db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response_json', 'created_at'])
    .where('scope', '=', write.scope)
    .where('key', '=', key);
  for (let attempt = 0; ; attempt++) {
    const reserved = await db
      .insertInto('idempotency_keys')
      .values({
        scope: write.scope,
        key,
        subscriber_id: write.subscriberId,
        request_hash: requestHash,
        status: RUNNING,
        response_json: '',
        created_at: deps.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(reserved.numInsertedOrUpdatedRows ?? 0n) === 1) break;
    const previous = await thisKey.executeTakeFirst();
    if (!previous) {
      // The first request failed and dropped its reservation in between: reserve again.
      if (attempt < 3) continue;
      throw inProgress();
    }
    if (previous.request_hash !== requestHash) throw reusedKey();
    if (previous.status !== RUNNING) {
      return { status: previous.status as 200 | 201, body: codec.restore(JSON.parse(previous.response_json)) };
    }
    const leaseEnds = Date.parse(previous.created_at) + deps.leaseMs;
    const now = deps.now();
    if (leaseEnds > now.getTime()) throw inProgress();
    // Left by a request that died: take it over (only one taker wins the conditional update).
    const taken = await db
      .updateTable('idempotency_keys')
      .set({ created_at: now.toISOString() })
      .where('scope', '=', write.scope)
      .where('key', '=', key)
      .where('status', '=', RUNNING)
      .where('created_at', '=', previous.created_at)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) break;
    throw inProgress();
  }

  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    await db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', write.scope)
      .where('key', '=', key)
      .where('status', '=', RUNNING)
      .execute();
    throw error;
  }
  await db
    .updateTable('idempotency_keys')
    .set({ status: response.status, response_json: JSON.stringify(codec.store(response.body)) })
    .where('scope', '=', write.scope)
    .where('key', '=', key)
    .execute();
  return response;
}

/**
 * Retry-After is a poll interval, not the lease's end: the request holding the key usually answers
 * within seconds (billing's timeout is 10 s), and its lease only bounds a crashed one.
 */
function inProgress(): HttpError {
  return new HttpError('in_progress', 'a request with this Idempotency-Key is still being processed; retry shortly', {
    'retry-after': '1',
  });
}
