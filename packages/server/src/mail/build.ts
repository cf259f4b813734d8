import type { ResolvedFlow, SubscriberClaims } from '@cancelflow/core';
import type { Selectable } from 'kysely';
import type { SiteConfig } from '../config/sites.ts';
import type { AppDeps } from '../deps.ts';
import { composeMail, lastUndoDay, type MailLinks, type MailPayloads } from './compose.ts';
import { addressHash, type LinkClaims, signLink } from './links.ts';
import { undoPossible } from './reactivate.ts';
import type { MailOutboxTable } from './schema.ts';
import type { OutgoingMail } from './smtp.ts';

type MailRow = Selectable<MailOutboxTable>;
type Deps = Pick<AppDeps, 'db' | 'billingFor' | 'now'>;
type Link = (path: string, claims: LinkClaims) => string;

/** How long a win-back's reactivate link works. */
const REACTIVATE_LINK_MS = 30 * 86_400_000;

/** The message as sent: content in the session's language, its links and headers. */
export async function buildMail(
  deps: Deps,
  row: MailRow,
  site: SiteConfig,
  baseUrl: string,
): Promise<OutgoingMail | undefined> {
  const link = (path: string, claims: LinkClaims) => `${baseUrl}/v1/mail/${path}?t=${signLink(site, claims)}`;
  const session = await deps.db
    .selectFrom('sessions')
    .select(['flow_json', 'claims_json'])
    .where('id', '=', row.session_id)
    .executeTakeFirst();
  if (!session) return undefined;
  const payload = JSON.parse(row.payload_json) as MailPayloads[keyof MailPayloads];
  const unsubscribe = link('unsubscribe', {
    a: 'unsubscribe',
    site: site.id,
    h: addressHash(row.to_address),
    locale: row.locale,
  });
  const undo = row.kind === 'cancellation' ? await undoLink(deps, row, site, link) : undefined;
  const reactivate = row.kind.startsWith('winback_') ? reactivateLink(deps, row, site, payload, link) : undefined;
  // Not the receipt's own `url`: that one named the host the cancel request came in on (its Host header).
  const receiptId = row.kind === 'cancellation' ? (payload as MailPayloads['cancellation']).receipt.id : undefined;
  const links: MailLinks = {
    unsubscribe,
    ...(undo ? { undo } : {}),
    ...(reactivate ? { reactivate } : {}),
    ...(receiptId ? { receipt: `${baseUrl}/v1/receipts/${encodeURIComponent(receiptId)}` } : {}),
  };
  const content = await composeMail({
    kind: row.kind,
    payload,
    locale: row.locale,
    flow: JSON.parse(session.flow_json) as ResolvedFlow,
    claims: JSON.parse(session.claims_json) as SubscriberClaims,
    at: new Date(row.created_at),
    links,
    templates: site.mail?.templates,
  });
  return {
    ...content,
    id: row.id,
    to: row.to_address,
    headers: {
      // RFC 8058: mail clients show an unsubscribe button that POSTs `List-Unsubscribe=One-Click` here.
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
  };
}

/** An undo link while the cancellation can still be taken back; it expires when access ends. */
async function undoLink(deps: Deps, row: MailRow, site: SiteConfig, link: Link): Promise<MailLinks['undo']> {
  const cancellation = await deps.db
    .selectFrom('cancellations')
    .innerJoin('sessions', 'sessions.id', 'cancellations.session_id')
    .select([
      'cancellations.effective_on',
      'cancellations.withdrawal',
      'cancellations.confirmed_at',
      'sessions.claims_json',
      'sessions.flow_json',
    ])
    .where('cancellations.session_id', '=', row.session_id)
    .executeTakeFirst();
  const now = deps.now();
  if (!cancellation || !undoPossible(cancellation, site, deps, now)) return undefined;
  const known = cancellation.effective_on !== '';
  // Without a known end of access, the link lasts a month (one billing period at most); billing decides.
  const exp = known ? Date.parse(`${cancellation.effective_on}T00:00:00Z`) : now.getTime() + 31 * 86_400_000;
  const url = link('undo', { a: 'undo', site: site.id, session: row.session_id, locale: row.locale, exp });
  return { url, ...(known ? { lastDay: lastUndoDay(cancellation.effective_on) } : {}) };
}

function reactivateLink(
  deps: Deps,
  row: MailRow,
  site: SiteConfig,
  payload: MailPayloads[keyof MailPayloads],
  link: Link,
): string {
  const { step } = payload as MailPayloads['winback'];
  const exp = deps.now().getTime() + REACTIVATE_LINK_MS;
  return link('reactivate', {
    a: 'reactivate',
    site: site.id,
    session: row.session_id,
    step,
    locale: row.locale,
    exp,
  });
}
