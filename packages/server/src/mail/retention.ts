import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';

/**
 * A finished message (sent, stopped or failed) holds an address and what it said: it goes with the
 * site's other personal data after `policy.retentionDays`. Messages still due are kept until they
 * are sent, however old: a win-back step can be due months after its cancel.
 */
export async function pruneMail(db: Kysely<Database>, siteId: string, cutoff: string): Promise<number> {
  const result = await db
    .deleteFrom('mail_outbox')
    .where('site_id', '=', siteId)
    .where('created_at', '<', cutoff)
    .where((eb) =>
      eb.or([eb('sent_at', 'is not', null), eb('stopped_at', 'is not', null), eb('failed_at', 'is not', null)]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
