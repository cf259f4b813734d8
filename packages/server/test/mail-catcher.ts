import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface CaughtMail {
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: ParsedMail['headers'];
  readonly headerLines: ParsedMail['headerLines'];
}

interface Held {
  readonly session: SMTPServerSession;
  readonly raw: Buffer;
  readonly answer: (error?: Error | null) => void;
}

/**
 * A real SMTP server on loopback (smtp-server), as the site's mail provider. A message counts as
 * accepted only once the catcher answered 250 on a connection that was still open: that is when SMTP
 * hands responsibility over. `hold` keeps messages unanswered (a server that is slow to accept);
 * `reject` refuses a message after its DATA with `rejectCode` (451, try again later, unless a test says).
 */
export class MailCatcher {
  readonly accepted: CaughtMail[] = [];
  readonly held: Held[] = [];
  /** How many messages `reject` refused. */
  rejected = 0;
  hold = false;
  reject: (index: number) => boolean = () => false;
  rejectCode = 451;
  /**
   * The reply code to refuse a recipient with at RCPT TO (e.g. 550 "no such user", 450 "mailbox busy"),
   * or undefined to take it; `attempt` counts that address's RCPTs from 0. `recipients` records each.
   */
  refuseRecipient: (address: string, attempt: number) => number | undefined = () => undefined;
  readonly recipients: string[] = [];
  /** Errors on connections, e.g. ECONNRESET when a sender dies mid-send (a test may kill one). */
  readonly connectionErrors: Error[] = [];
  private received = 0;
  private readonly closed = new Set<string>();
  private server: SMTPServer | undefined;
  port = 0;

  async up(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const attempt = this.recipients.filter((a) => a === address.address).length;
        this.recipients.push(address.address);
        const code = this.refuseRecipient(address.address, attempt);
        if (code === undefined) callback();
        else callback(Object.assign(new Error(`refused ${address.address}`), { responseCode: code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          if (this.reject(this.received++)) {
            this.rejected++;
            callback(Object.assign(new Error('refused'), { responseCode: this.rejectCode }));
          } else if (this.hold) {
            this.held.push({ session, raw, answer: callback });
          } else {
            void this.accept(raw).then(() => callback(), callback);
          }
        });
      },
      onClose: (session) => {
        this.closed.add(session.id);
      },
    });
    // smtp-server emits a connection's error on the server: without a listener, a sender killed
    // mid-send (ECONNRESET) would be an uncaught exception in the test process.
    this.server.on('error', (error) => this.connectionErrors.push(error));
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** Whether every held message's connection has closed (the sender went away without a reply). */
  heldConnectionsClosed(): boolean {
    return this.held.every((held) => this.closed.has(held.session.id));
  }

  /**
   * Answers the held messages: accepted when their connection is still open, else dropped (the
   * sender never saw a 250, so for SMTP it was never delivered). Returns how many were accepted.
   */
  async release(): Promise<number> {
    let accepted = 0;
    for (const held of this.held.splice(0)) {
      if (this.closed.has(held.session.id)) continue;
      await this.accept(held.raw);
      held.answer();
      accepted++;
    }
    return accepted;
  }

  private async accept(raw: Buffer): Promise<void> {
    const parsed = await simpleParser(raw);
    const to = parsed.to;
    this.accepted.push({
      messageId: parsed.messageId ?? '',
      to: Array.isArray(to) ? (to[0]?.text ?? '') : (to?.text ?? ''),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      headers: parsed.headers,
      headerLines: parsed.headerLines,
    });
  }

  /** The raw value of a header, e.g. `List-Unsubscribe`. */
  static header(mail: CaughtMail, name: string): string | undefined {
    const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
    return line?.slice(line.indexOf(':') + 1).trim();
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }
}
