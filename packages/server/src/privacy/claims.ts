import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import { mailStillDue } from '../mail/due.ts';
import { inBatches, keepKeys } from './reduce.ts';

/**
 * The claims a finished session keeps once its site's `retentionDays` passed: what its rows are
 * counted and re-read by (the undo rule's refund terms, the receipt's plan and period). `email`,
 * `attrs` and any claim the token added beyond SubscriberClaims' named fields (a loose object: a
 * site may sign a name in) are personal data nothing needs after the session: they are dropped.
 */
const KEPT_CLAIMS = [
  'sub',
  'sid',
  'plan',
  'mrr',
  'currency',
  'since',
  'country',
  'region',
  'trial',
  'trialEnds',
  'periodEnd',
  'lastPaymentOn',
  'lastPaymentAmount',
  'price',
  'locale',
  'exp',
] as const;

export const minimalClaims = (json: string): string => keepKeys(json, KEPT_CLAIMS);

/**
 * Reduces the stored claims of a site's sessions created before `cutoff` to `KEPT_CLAIMS`, and marks
 * them so later runs skip them. A session with follow-up mail still due keeps its claims until the
 * mail is finished: building a message reads them (a win-back step can be due months later).
 */
export function minimizeClaims(db: Kysely<Database>, siteId: string, cutoff: string): Promise<number> {
  return inBatches(
    (limit) =>
      db
        .selectFrom('sessions as s')
        .select(['s.id', 's.claims_json'])
        .where('s.site_id', '=', siteId)
        .where('s.claims_minimized', '=', 0)
        .where('s.created_at', '<', cutoff)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('mail_outbox as m')
                .select('m.id')
                .whereRef('m.session_id', '=', 's.id')
                .where(mailStillDue('m')),
            ),
          ),
        )
        .limit(limit)
        .execute(),
    (row) =>
      db
        .updateTable('sessions')
        .set({ claims_json: minimalClaims(row.claims_json), claims_minimized: 1 })
        .where('id', '=', row.id)
        .execute(),
  );
}
