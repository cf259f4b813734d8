import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import { mailStillDue } from './due.ts';

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
    .where(({ not }) => not(mailStillDue()))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
