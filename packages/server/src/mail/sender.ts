import type { ResolvedFlow, SubscriberClaims } from '@cancelflow/core';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { resumedInBillingSince } from '../billing/resumed.ts';
import type { SiteConfig } from '../config/sites.ts';
import { newSecret } from '../crypto.ts';
import { sameSubscription } from '../db/same-subscription.ts';
import type { Database } from '../db/tables.ts';
import type { AppDeps } from '../deps.ts';
import { drain, finishWithin, Wakeup } from '../outbox/drain.ts';
import { enqueueWebhook } from '../webhooks/outbox.ts';
import { failedAttempt } from '../webhooks/sender.ts';
import { buildMail } from './build.ts';
import type { MailConfig } from './config.ts';
import { mailStillDue } from './due.ts';
import { addressHash } from './links.ts';
import type { MailSenderOptions } from './options.ts';
import type { MailKind, MailOutboxTable } from './schema.ts';
import { type OutgoingMail, refusedForGood, SmtpSender } from './smtp.ts';

type MailRow = Selectable<MailOutboxTable>;
type Deps = Pick<AppDeps, 'db' | 'sites' | 'billingFor' | 'log' | 'now' | 'wakeWebhooks'>;

/** An unsubscribe stops every kind but the cancellation's confirmation, which §312k BGB requires. */
const suppressible = (kind: MailKind) => kind !== 'cancellation';

/**
 * Sends the mail outbox until stopped. Each message is taken with a lease (`locked_until`, and a
 * `lock_token` only its taker knows) by a conditional UPDATE, so of several senders — in this process
 * after a restart, or other processes on one Postgres — exactly one holds it at a time; a sender that
 * dies mid-send only delays it until the lease ends. Failures are retried with backoff.
 */
export class MailSender {
  private stopped = true;
  private loop: Promise<void> | undefined;
  private pending = false;
  private nudge: (() => void) | undefined;
  /** Ends the current pass's wait for a slot when a message is queued (see outbox/drain.ts). */
  private readonly woken = new Wakeup();
  private readonly smtp: SmtpSender;
  private baseUrl = '';

  constructor(
    private readonly deps: Deps,
    private readonly options: MailSenderOptions,
  ) {
    this.smtp = new SmtpSender(options.timeoutMs);
  }

  /** `baseUrl`: where the links in messages point (the server's public URL). */
  start(baseUrl: string): void {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** A message was queued: send it now rather than at the next poll. */
  wake(): void {
    this.pending = true;
    this.nudge?.();
    this.woken.wake();
  }

  /**
   * Stops taking messages and waits for the sends in flight, at most `graceMs`: then they are
   * aborted and count as failed tries (retried after the backoff, by whichever process runs next).
   */
  async stop(graceMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.stopped = true;
    this.nudge?.();
    this.woken.wake();
    await finishWithin(this.loop, graceMs, () => this.smtp.halt());
    this.smtp.close();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.pending = false;
      try {
        await this.sendDue();
      } catch (error) {
        this.deps.log({ level: 'error', msg: 'mail pass failed', error: String(error) });
      }
      if (!this.pending && !this.stopped) await this.idle();
    }
  }

  /** Waits for the poll interval, or until woken. */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollMs);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.nudge = undefined;
        resolve();
      }
      this.nudge = done;
    });
  }

  /**
   * Takes and sends every due message, `concurrency` at a time, until none is due. A subscriber's
   * messages go one at a time, in order — due time, then the order they were queued (`seq`) — so two
   * due at once (a sender that was down, a mail server that answered late) never arrive swapped: a
   * message waits while an earlier one of the same subscriber is unsent, in any process.
   */
  private sendDue(): Promise<void> {
    return drain({
      concurrency: this.options.concurrency,
      due: (exclude, limit) => {
        const now = this.deps.now().toISOString();
        let query = this.deps.db
          .selectFrom('mail_outbox as m')
          .select(['m.id', 'm.site_id', 'm.attempts'])
          .where(mailStillDue('m'))
          .where('m.next_attempt_at', '<=', now)
          .where((eb) => eb.or([eb('m.locked_until', 'is', null), eb('m.locked_until', '<', now)]))
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('mail_outbox as earlier')
                  .select('earlier.id')
                  .whereRef('earlier.site_id', '=', 'm.site_id')
                  .whereRef('earlier.subscriber_id', '=', 'm.subscriber_id')
                  .where(mailStillDue('earlier'))
                  .where((eb) =>
                    eb.or([
                      eb('earlier.next_attempt_at', '<', eb.ref('m.next_attempt_at')),
                      eb.and([
                        eb('earlier.next_attempt_at', '=', eb.ref('m.next_attempt_at')),
                        eb('earlier.seq', '<', eb.ref('m.seq')),
                      ]),
                    ]),
                  ),
              ),
            ),
          );
        if (exclude.length) query = query.where('m.id', 'not in', exclude);
        return query.orderBy('m.next_attempt_at').orderBy('m.seq').limit(limit).execute();
      },
      deliver: async (due) => {
        const row = await this.take(due);
        if (row) await this.deliver(row);
      },
      stopped: () => this.stopped,
      woken: this.woken,
      pollMs: this.options.pollMs,
    });
  }

  /**
   * The lease, by a conditional UPDATE: on Postgres a second sender updating the same row waits for
   * the first to commit, then re-reads the row, finds the lease taken and updates nothing. Only the
   * row as `due` read it is taken: every finished try changes `attempts`, so a message another process
   * tried (and released with a later `next_attempt_at`) since is left to its backoff, not sent again at once.
   */
  private async take({ id, attempts }: Pick<MailRow, 'id' | 'attempts'>): Promise<MailRow | undefined> {
    const now = this.deps.now();
    const token = newSecret();
    const result = await this.deps.db
      .updateTable('mail_outbox')
      .set({ locked_until: new Date(now.getTime() + this.options.leaseMs).toISOString(), lock_token: token })
      .where('id', '=', id)
      .where(mailStillDue())
      .where('attempts', '=', attempts)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return this.deps.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('id', '=', id)
      .where('lock_token', '=', token)
      .executeTakeFirst();
  }

  private async deliver(row: MailRow): Promise<void> {
    const site = this.deps.sites.get(row.site_id);
    try {
      if (!site?.mail) throw new Error('the site has no mail configured any more');
      const stop =
        (suppressible(row.kind) && (await this.suppressed(row)) ? 'unsubscribed' : undefined) ??
        (row.kind.startsWith('winback_') ? await this.winbackOver(row, site) : undefined) ??
        (row.kind === 'saved' ? await this.saveUndone(row) : undefined);
      if (stop) {
        await this.finish(row, { stopped_at: this.deps.now().toISOString(), stop_reason: stop });
        return;
      }
      const mail = await buildMail(this.deps, row, site, this.baseUrl);
      if (!mail) {
        await this.finish(row, { stopped_at: this.deps.now().toISOString(), stop_reason: 'session_erased' });
        return;
      }
      await this.hand(row, site, site.mail, mail);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await this.retryLater(row, message, refusedForGood(error));
    }
  }

  private async suppressed(row: MailRow): Promise<boolean> {
    const found = await this.deps.db
      .selectFrom('mail_suppressions')
      .select('site_id')
      .where('site_id', '=', row.site_id)
      .where('address_hash', '=', addressHash(row.to_address))
      .executeTakeFirst();
    return found !== undefined;
  }

  /**
   * Why a due win-back step is not sent, if it is not: the subscriber came back (undo, an earlier
   * step's link, or on their own as billing reports), gave a reason the sequence is not for, or
   * billing cannot take them back.
   */
  private async winbackOver(row: MailRow, site: SiteConfig): Promise<string | undefined> {
    if (!this.deps.billingFor(site).reactivate) return 'no_reactivate';
    const back = await this.deps.db
      .selectFrom('reactivations')
      .select('state')
      .where('session_id', '=', row.session_id)
      .executeTakeFirst();
    if (back) return 'came_back';
    const session = await this.deps.db
      .selectFrom('sessions')
      .select(['reason_id', 'flow_json', 'claims_json'])
      .where('id', '=', row.session_id)
      .executeTakeFirst();
    if (session && (await this.resumedInBilling(row, JSON.parse(session.claims_json) as SubscriberClaims))) {
      return 'came_back';
    }
    const reasons = session && (JSON.parse(session.flow_json) as ResolvedFlow).config.winback?.reasons;
    if (reasons && !reasons.includes(session.reason_id ?? '')) return 'reason';
    return undefined;
  }

  /**
   * Whether billing's latest word on the cancelled subscription since the cancel is `active`: the
   * subscriber took the cancel back on their own (the site's account page, Stripe's portal), as a
   * Stripe webhook or the site's `POST /v1/billing/status` reported. "Come back" would be untrue.
   * Only this subscription counts: another one of the same customer says nothing about this one.
   */
  private async resumedInBilling(row: MailRow, claims: SubscriberClaims): Promise<boolean> {
    const cancelled = await this.deps.db
      .selectFrom('cancellations')
      .select('confirmed_at')
      .where('session_id', '=', row.session_id)
      .executeTakeFirst();
    if (!cancelled) return false;
    return resumedInBillingSince(this.deps.db, row.site_id, claims.sid ?? claims.sub, cancelled.confirmed_at);
  }

  /**
   * A "saved" email is not sent to a subscriber who cancelled that subscription afterwards: in the same
   * session (an accept whose answer never arrived, then "Continue to cancel"), or in a later one while
   * this email waited for a retry — "Thank you for staying" after the cancellation's confirmation
   * would be untrue. Another subscription of the same customer cancelled says nothing about this one.
   */
  private async saveUndone(row: MailRow): Promise<string | undefined> {
    const session = await this.deps.db
      .selectFrom('sessions')
      .select(['status', 'subscription_id'])
      .where('id', '=', row.session_id)
      .executeTakeFirst();
    if (!session) return undefined;
    if (session.status === 'cancelled') return 'cancelled_after';
    const later = await this.deps.db
      .selectFrom('cancellations')
      .select('id')
      .where('site_id', '=', row.site_id)
      .where('subscriber_id', '=', row.subscriber_id)
      .where((eb) => sameSubscription(eb, 'subscription_id', session.subscription_id))
      .where('state', '=', 'applied')
      .where('confirmed_at', '>', row.created_at)
      .executeTakeFirst();
    return later ? 'cancelled_after' : undefined;
  }

  /** SMTP, then marked sent; or, for `type: "webhook"`, marked sent and queued as a webhook in one transaction. */
  private async hand(row: MailRow, site: SiteConfig, config: MailConfig, mail: OutgoingMail): Promise<void> {
    const now = this.deps.now().toISOString();
    if (config.type !== 'webhook') {
      if (config.type === 'smtp') await this.smtp.send(config.smtp, config.from, config.replyTo, mail);
      await this.finish(row, { sent_at: now }); // `outbox`: kept, shown by GET /v1/admin/mail
      return;
    }
    await this.deps.db.transaction().execute(async (trx) => {
      if (!(await this.finish(row, { sent_at: now }, trx))) return;
      const { id, to, subject, text, html, headers } = mail;
      await enqueueWebhook(
        trx,
        site,
        'mail.send',
        {
          messageId: id,
          kind: row.kind,
          sessionId: row.session_id,
          locale: row.locale,
          to,
          subject,
          text,
          html,
          headers,
        },
        new Date(now),
        row.subscriber_id,
      );
    });
    this.deps.wakeWebhooks();
  }

  /** Writes the outcome if this sender still holds the lease; returns whether it did. */
  private async finish(
    row: MailRow,
    change: Partial<Pick<MailRow, 'sent_at' | 'stopped_at' | 'stop_reason'>>,
    db: Kysely<Database> | Transaction<Database> = this.deps.db,
  ): Promise<boolean> {
    const result = await db
      .updateTable('mail_outbox')
      .set({ ...change, attempts: row.attempts + 1, locked_until: null, last_error: null })
      .where('id', '=', row.id)
      .where('lock_token', '=', row.lock_token)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** `permanent`: the mail server refused it for good (see `refusedForGood`); this try is the last. */
  private async retryLater(row: MailRow, error: string, permanent: boolean): Promise<void> {
    const attempt = row.attempts + 1;
    const now = this.deps.now();
    const options = permanent ? { ...this.options, maxAttempts: attempt } : this.options;
    const { giveUp, changes } = failedAttempt(attempt, error, now, options);
    await this.deps.db
      .updateTable('mail_outbox')
      .set(changes)
      .where('id', '=', row.id)
      .where('lock_token', '=', row.lock_token)
      .execute();
    this.deps.log({ level: giveUp ? 'error' : 'warn', msg: 'mail delivery failed', mail: row.id, attempt, error });
  }
}
