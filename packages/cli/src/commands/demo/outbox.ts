import { html } from './html.ts';
import { page } from './page.ts';

/** One message of `GET /v1/admin/mail`, as the server would send it now. */
export interface OutboxMail {
  readonly kind: string;
  readonly to: string;
  readonly dueAt: string;
  readonly sentAt: string | null;
  readonly stopReason: string | null;
  readonly subject?: string;
  readonly html?: string;
}

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/**
 * The demo's mail catcher: what the reference server sent (kept in its outbox, `mail: { type:
 * "outbox" }`) to one subscriber, newest first, each shown as the HTML part a mail client would
 * render. The message is sandboxed: no script, and its links open in a new tab (undo, unsubscribe).
 */
export function outboxPage(name: string, mail: readonly OutboxMail[], back: string): string {
  const items = mail.map(
    (m) => html`<article class="mail">
      <h2>${m.subject ?? m.kind}</h2>
      <p class="muted">To ${m.to} · ${m.kind} · ${
        m.sentAt ? `sent ${when(m.sentAt)}` : m.stopReason ? `not sent (${m.stopReason})` : `due ${when(m.dueAt)}`
      }</p>
      ${m.html ? html`<iframe title="${m.subject ?? m.kind}" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${m.html.replace('<head>', '<head><base target="_blank">')}" style="width:100%;height:32rem;border:1px solid #ddd;border-radius:8px"></iframe>` : ''}
    </article>`,
  );
  return page(
    `Emails to ${name}`,
    html`<main>
      <p><a href="${back}">← Back to the account</a></p>
      <h1>Emails to ${name}</h1>
      <p>The reference server's follow-up mail, kept in its outbox instead of sent (the demo site's <code>mail</code> is <code>{"type": "outbox"}</code>; see docs/follow-up.md). Win-back steps show as due until their day.</p>
      ${items.length > 0 ? items : html`<p>No email yet: cancel, or accept an offer.</p>`}
    </main>`,
  );
}
