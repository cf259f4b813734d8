import { DAY_MS, type Receipt, type ResolvedFlow, type SubscriberClaims } from '@cancelflow/core';
import type { Transaction } from 'kysely';
import type { SiteConfig } from '../config/sites.ts';
import { newId } from '../crypto.ts';
import type { Database, SessionRow } from '../db/tables.ts';
import type { MailPayloads } from './compose.ts';
import type { MailKind } from './schema.ts';

/**
 * One `@`, something on each side, and nothing the mail library reads as address syntax or drops:
 * no spaces or line breaks (header injection), `<>,;` (more addresses), `"():` and a backslash (a display name, a
 * comment, a group: `mallory@example.com"x` went to `mallory@example.com`), `[]` (an IP address for a
 * host, which the site's mail server would deliver to), no control or invisible characters (a
 * zero-width space was dropped: `lena@exam\u200bple.de` went to `lena@example.de`). Otherwise the
 * message reached a mailbox other than the one the claim spells. The SMTP server judges the rest.
 */
const LOOKS_LIKE_AN_ADDRESS = /^[^\s\p{C}"(),:;<>@[\]\\]+@[^\s\p{C}"(),:;<>@[\]\\]+$/u;

/**
 * Queues a message in the transaction that records the outcome it reports (the outbox pattern): it
 * exists if and only if that outcome committed, survives restarts, and is sent by `MailSender`.
 * Nothing is queued for a site without `mail`, or a subscriber whose token carries no `email`.
 */
export async function enqueueMail<K extends MailKind>(
  trx: Transaction<Database>,
  site: SiteConfig,
  session: { readonly row: SessionRow; readonly claims: SubscriberClaims },
  kind: K,
  payload: K extends keyof MailPayloads ? MailPayloads[K] : MailPayloads['winback'],
  now: Date,
  sendAt: Date = now,
): Promise<void> {
  const to = session.claims.email;
  if (!site.mail || !to || !LOOKS_LIKE_AN_ADDRESS.test(to)) return;
  const at = now.toISOString();
  await trx
    .insertInto('mail_outbox')
    .values({
      id: `mail_${newId()}`,
      site_id: site.id,
      subscriber_id: session.row.subscriber_id,
      session_id: session.row.id,
      kind,
      to_address: to,
      locale: session.row.locale,
      payload_json: JSON.stringify(payload),
      created_at: at,
      attempts: 0,
      next_attempt_at: sendAt.toISOString(),
      locked_until: null,
      lock_token: null,
      sent_at: null,
      stopped_at: null,
      stop_reason: null,
      failed_at: null,
      last_error: null,
    })
    // One message of a kind per session (the transaction that records an outcome runs once, but the
    // database says so too).
    .onConflict((oc) => oc.columns(['session_id', 'kind']).doNothing())
    .execute();
}

/**
 * A confirmed cancel's mail: the confirmation now, and each step of the flow's win-back sequence
 * `afterDays` later (whether each still goes is decided when it is due: see MailSender).
 */
export async function enqueueCancellationMail(
  trx: Transaction<Database>,
  site: SiteConfig,
  session: { readonly row: SessionRow; readonly claims: SubscriberClaims; readonly flow: ResolvedFlow },
  receipt: Receipt,
  now: Date,
): Promise<void> {
  await enqueueMail(trx, site, session, 'cancellation', { receipt }, now);
  const steps = session.flow.config.winback?.steps ?? [];
  for (const [index, step] of steps.entries()) {
    const sendAt = new Date(now.getTime() + step.afterDays * DAY_MS);
    await enqueueMail(trx, site, session, `winback_${index + 1}`, { step: index + 1 }, now, sendAt);
  }
}
