import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';

/** The sessions of one subscriber, optionally on one site: every other table hangs off them. */
async function sessionIds(db: Kysely<Database>, sub: string, siteId: string | undefined): Promise<string[]> {
  let qb = db.selectFrom('sessions').select('id').where('subscriber_id', '=', sub);
  if (siteId) qb = qb.where('site_id', '=', siteId);
  return (await qb.execute()).map((r) => r.id);
}

/** A webhook body the retention job blanked (`''`) exports as null. */
const parse = (json: string | null) => (json === null || json === '' ? null : JSON.parse(json));

/** Everything stored about one subscriber (GDPR art. 15/20), as JSON. Session keys' hashes are left out. */
export async function exportSubscriber(db: Kysely<Database>, sub: string, siteId: string | undefined) {
  const ids = await sessionIds(db, sub, siteId);
  const bySite = <T extends { site_id: string }>(rows: T[]) =>
    siteId ? rows.filter((r) => r.site_id === siteId) : rows;
  const none = ids.length === 0;
  const [
    sessions,
    events,
    offers,
    cancellations,
    feedback,
    subscriptions,
    audit,
    webhooks,
    mail,
    saves,
    statuses,
    reactivations,
  ] = await Promise.all([
    db.selectFrom('sessions').selectAll().where('subscriber_id', '=', sub).execute(),
    none ? [] : db.selectFrom('events').selectAll().where('session_id', 'in', ids).orderBy('at').execute(),
    db.selectFrom('offers_accepted').selectAll().where('subscriber_id', '=', sub).execute(),
    db.selectFrom('cancellations').selectAll().where('subscriber_id', '=', sub).execute(),
    db.selectFrom('feedback').selectAll().where('subscriber_id', '=', sub).execute(),
    db.selectFrom('subscriptions').selectAll().where('subscriber_id', '=', sub).execute(),
    db.selectFrom('audit').selectAll().where('subscriber_id', '=', sub).execute(),
    db
      .selectFrom('webhook_outbox')
      .select(['id', 'site_id', 'type', 'body', 'created_at', 'delivered_at'])
      .where('subscriber_id', '=', sub)
      .execute(),
    db
      .selectFrom('mail_outbox')
      .select(['id', 'site_id', 'kind', 'to_address', 'created_at', 'sent_at', 'stopped_at', 'stop_reason'])
      .where('subscriber_id', '=', sub)
      .execute(),
    db.selectFrom('saves').selectAll().where('subscriber_id', '=', sub).execute(),
    db.selectFrom('billing_status_changes').selectAll().where('subscriber_id', '=', sub).orderBy('at').execute(),
    // Cancellations taken back (the mail's undo, a win-back), erased with the rest.
    db.selectFrom('reactivations').selectAll().where('subscriber_id', '=', sub).execute(),
  ]);
  return {
    subscriber: sub,
    ...(siteId ? { siteId } : {}),
    exportedAt: new Date().toISOString(),
    sessions: bySite(sessions).map(({ key_hash: _k, claims_json, flow_json, ...s }) => ({
      ...s,
      claims: parse(claims_json),
      resolvedFlow: parse(flow_json),
    })),
    events: events.map(({ payload_json, ...e }) => ({ ...e, payload: parse(payload_json) })),
    offersAccepted: bySite(offers).map(({ choice_json, result_json, ...o }) => ({
      ...o,
      choice: parse(choice_json),
      result: parse(result_json),
    })),
    cancellations: bySite(cancellations),
    feedback: bySite(feedback),
    subscriptions: bySite(subscriptions).map(({ discount_json, ...s }) => ({ ...s, discount: parse(discount_json) })),
    rejectedAttempts: audit.filter((a) => !siteId || a.site_id === siteId),
    webhooks: bySite(webhooks).map(({ body, ...w }) => ({ ...w, body: parse(body) })),
    mail: bySite(mail),
    saves: bySite(saves),
    billingStatusChanges: bySite(statuses),
    reactivations: bySite(reactivations),
  };
}

/** Deletes everything about one subscriber (GDPR art. 17) in one transaction; returns how many rows per table. */
export async function eraseSubscriber(db: Kysely<Database>, sub: string, siteId: string | undefined) {
  return db.transaction().execute(async (trx) => {
    const ids = await sessionIds(trx, sub, siteId);
    const deleted: Record<string, number> = {};
    const count = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
    const scoped = siteId;
    deleted.events =
      ids.length === 0 ? 0 : count(await trx.deleteFrom('events').where('session_id', 'in', ids).executeTakeFirst());
    for (const table of [
      'feedback',
      'offers_accepted',
      'cancellations',
      'subscriptions',
      'webhook_outbox',
      'mail_outbox',
      'reactivations',
      'saves',
      'billing_status_changes',
      'session_decisions',
      'sessions',
    ] as const) {
      let qb = trx.deleteFrom(table).where('subscriber_id', '=', sub);
      if (scoped) qb = qb.where('site_id', '=', scoped);
      deleted[table] = count(await qb.executeTakeFirst());
    }
    let audit = trx.deleteFrom('audit').where('subscriber_id', '=', sub);
    if (scoped) audit = audit.where('site_id', '=', scoped);
    deleted.audit = count(await audit.executeTakeFirst());
    deleted.idempotency_keys = count(
      await trx.deleteFrom('idempotency_keys').where('subscriber_id', '=', sub).executeTakeFirst(),
    );
    return deleted;
  });
}
