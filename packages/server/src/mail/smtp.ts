import nodemailer from 'nodemailer';
import type { MailContent } from './compose.ts';

export interface OutgoingMail extends MailContent {
  /** The outbox row's id: the same `Message-ID` on every attempt, so a repeat can be recognised. */
  readonly id: string;
  readonly to: string;
  readonly headers: Readonly<Record<string, string>>;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;

/**
 * SMTP through nodemailer, one transport per SMTP URL (kept for the process's life). Each send is
 * aborted after `timeoutMs`; an aborted send's outcome is unknown (the server may have accepted it),
 * and it is retried under the same Message-ID: a repeat is possible, a loss is not.
 */
export class SmtpSender {
  private readonly transports = new Map<string, Transport>();
  /** Aborts the sends in flight when a stopping server's grace runs out (`halt`). */
  private halted = new AbortController();

  constructor(private readonly timeoutMs: number) {}

  async send(smtp: string, from: string, replyTo: string | undefined, mail: OutgoingMail): Promise<void> {
    let transport = this.transports.get(smtp);
    if (!transport) {
      transport = nodemailer.createTransport(smtp);
      this.transports.set(smtp, transport);
    }
    await transport
      .sendMail({
        from,
        ...(replyTo ? { replyTo } : {}),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.id}@${domainOf(from)}>`,
        headers: { ...mail.headers },
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.halted.signal]),
      })
      .catch((error: unknown) => {
        throw this.halted.signal.aborted ? new Error('the server stopped before the SMTP server answered') : error;
      });
  }

  /** Aborts every send in flight: its outcome is unknown, like a timed-out one's, and it is retried. */
  halt(): void {
    this.halted.abort();
  }

  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.halted = new AbortController();
  }
}

/** The From address's domain, for Message-IDs (`<mail_…@acme.example>`). */
export function domainOf(from: string): string {
  return /@([^@\s>]+)>?\s*$/.exec(from)?.[1] ?? 'cancelflow.invalid';
}

/**
 * Whether the mail server refused this message for good: a 5xx reply to RCPT TO (no such mailbox) or
 * to DATA (the message refused). Sending it again gets the same answer, so it is given up at once
 * rather than retried for days. A 5xx to MAIL FROM or AUTH means the site's own settings are wrong,
 * which holds for every message and gets fixed: those are retried, like 4xx replies and broken
 * connections.
 */
export function refusedForGood(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
  return typeof responseCode === 'number' && responseCode >= 500 && (command === 'RCPT TO' || command === 'DATA');
}
