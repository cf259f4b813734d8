import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';
import { BACKENDS, type Backend } from './backends.ts';
import { type TestServer, token } from './helpers.ts';
import type { MailCatcher } from './mail-catcher.ts';
import { type Clock, cancel, savePause, startWinbackServer } from './mail-sites.ts';
import { until } from './receiver.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setUp = (backend: Backend) => startWinbackServer(cleanups, backend);

/** The subject and recipient of a message the catcher holds unanswered. */
const heldMail = (catcher: MailCatcher, index: number) => {
  const raw = catcher.held[index]?.raw.toString('utf8') ?? '';
  return { subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim(), to: /^To: (.*)$/m.exec(raw)?.[1]?.trim() };
};

/** The subjects a recipient was sent, in the order the catcher accepted them. */
const subjectsTo = (catcher: MailCatcher, to: string) =>
  catcher.accepted.filter((m) => m.to === to).map((m) => m.subject);

/** A subscriber's messages taken by a sender and not sent yet (in flight). */
async function inFlight(t: TestServer, sub: string): Promise<number> {
  const db = await openDatabase(t.dbFile);
  try {
    const rows = await db.kysely
      .selectFrom('mail_outbox')
      .select('id')
      .where('subscriber_id', '=', sub)
      .where('sent_at', 'is', null)
      .where('locked_until', 'is not', null)
      .execute();
    return rows.length;
  } finally {
    await db.close();
  }
}

/** A cancel with a token signed at the server's clock, wherever the test moved it. */
async function cancelLater(t: TestServer, clock: Clock, sub: string, email: string) {
  const started = await t.call('POST', '/v1/sessions', {
    token: await token({ sub, email }, { at: clock.now() }),
    locale: { browser: ['en-US'] },
  });
  expect(started.status).toBe(201);
  const { sessionId, sessionKey } = started.body;
  expect((await t.call('POST', `/v1/sessions/${sessionId}/cancel`, { sessionKey, reasonId: 'not_using' })).status).toBe(
    200,
  );
}

// A mail server slow to accept (the catcher holds messages unanswered) lets messages fall due together.
describe.each(BACKENDS)('the order of a subscriber’s follow-up mail (%s)', (backend) => {
  it('sends messages due at the same moment one at a time, in the order they were queued', async () => {
    const { catcher, t } = await setUp(backend);
    catcher.hold = true;
    // Two other subscribers' confirmations take both of the site's sending slots.
    await cancel(t, { sub: 'busy_1', email: 'busy1@example.com' });
    await cancel(t, { sub: 'busy_2', email: 'busy2@example.com' });
    await until(() => catcher.held.length === 2, 10_000, 'both slots busy');
    // Meanwhile one subscriber's save and then cancellation are queued, due at the same moment.
    await savePause(t, { sub: 'both', email: 'both@example.com' });
    await cancel(t, { sub: 'both', email: 'both@example.com' });
    const exported = (await t.admin('GET', '/v1/admin/subscribers/both/export')).body.mail as {
      kind: string;
      next_attempt_at: string;
    }[];
    const due = exported.filter((m) => m.kind === 'saved' || m.kind === 'cancellation');
    expect(new Set(due.map((m) => m.next_attempt_at)).size).toBe(1);

    await catcher.release();
    await until(() => catcher.held.length >= 1, 10_000, "the subscriber's first message");
    expect(heldMail(catcher, 0)).toEqual({ subject: 'Your change is confirmed', to: 'both@example.com' });
    // The cancellation waits until the save's confirmation is accepted: never both at once.
    expect(await inFlight(t, 'both')).toBe(1);
    catcher.hold = false;
    await catcher.release();
    await until(() => subjectsTo(catcher, 'both@example.com').length === 2, 10_000, 'the second message');
    expect(subjectsTo(catcher, 'both@example.com')).toEqual([
      'Your change is confirmed',
      'Your cancellation is confirmed',
    ]);
  });

  it('sends messages that fell due while an earlier one was unanswered in due order, one at a time', async () => {
    const { catcher, t, clock } = await setUp(backend);
    catcher.hold = true;
    await cancelLater(t, clock, 'steps', 'steps@example.com');
    await until(() => catcher.held.length === 1, 10_000, 'the confirmation');
    // A month on, both win-back steps are due too, while the confirmation is still unanswered.
    clock.advanceDays(30);
    // Another subscriber's confirmation takes the site's other slot: the sender looked after the move.
    await cancelLater(t, clock, 'later', 'later@example.com');
    await until(() => catcher.held.length === 2, 10_000, "the other subscriber's confirmation");
    expect(heldMail(catcher, 1).to).toBe('later@example.com');
    expect(await inFlight(t, 'steps')).toBe(1);
    catcher.hold = false;
    await catcher.release();
    await until(() => subjectsTo(catcher, 'steps@example.com').length === 3, 10_000, 'both win-back steps');
    expect(subjectsTo(catcher, 'steps@example.com')).toEqual([
      'Your cancellation is confirmed',
      "We'd love to have you back",
      'Still thinking about it?',
    ]);
  });
});
