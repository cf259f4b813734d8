import type { Kysely, Transaction } from 'kysely';
import type { SiteConfig } from '../config/sites.ts';
import { newId } from '../crypto.ts';
import type { Database } from '../db/tables.ts';

/** `mail.send` hands a follow-up message to a site that sends mail itself (src/mail, docs/follow-up.md). */
export type WebhookType = 'session.completed' | 'offer.accepted' | 'subscription.cancelled' | 'mail.send';

/**
 * Queues a webhook in the same transaction as the change it reports (the outbox pattern): it is sent
 * if and only if the change committed, and it survives restarts. Sites without `webhooks` get none.
 */
export async function enqueueWebhook(
  trx: Transaction<Database> | Kysely<Database>,
  site: SiteConfig,
  type: WebhookType,
  data: Record<string, unknown>,
  now: Date,
  subscriberId: string | null,
): Promise<void> {
  if (!site.webhooks) return;
  const id = `whd_${newId()}`;
  const createdAt = now.toISOString();
  const body = JSON.stringify({ id, type, createdAt, data });
  await trx
    .insertInto('webhook_outbox')
    .values({
      id,
      site_id: site.id,
      subscriber_id: subscriberId,
      type,
      body,
      created_at: createdAt,
      attempts: 0,
      next_attempt_at: createdAt,
      locked_until: null,
      delivered_at: null,
      failed_at: null,
      last_error: null,
    })
    .execute();
}
