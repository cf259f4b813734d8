import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';

/**
 * Blanks the bodies of finished deliveries (delivered, or given up) finished before `cutoff`; the
 * row's metadata stays, for the delivery log. A body due to be sent is never touched: the sender
 * signs and sends exactly it. `siteId` undefined: every site.
 */
export async function blankWebhookBodies(
  db: Kysely<Database>,
  cutoff: string,
  siteId?: string,
  which: 'delivered' | 'finished' = 'finished',
): Promise<number> {
  let qb = db
    .updateTable('webhook_outbox')
    .set({ body: '' })
    .where('body', '<>', '')
    .where((eb) =>
      which === 'delivered'
        ? eb('delivered_at', '<', cutoff)
        : eb.or([eb('delivered_at', '<', cutoff), eb('failed_at', '<', cutoff)]),
    );
  if (siteId !== undefined) qb = qb.where('site_id', '=', siteId);
  return Number((await qb.executeTakeFirst()).numUpdatedRows);
}
