import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { cancel, startMailServer } from './mail-sites.ts';
import { until } from './receiver.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

import type { TestServer } from './helpers.ts';

interface AdminMail {
  id: string;
  to: string;
  sentAt: string | null;
  failedAt?: string | null;
  attempts?: number;
  lastError?: string | null;
}

/** The subscriber's messages as GET /v1/admin/mail shows them to the operator. */
const mailOf = async (t: TestServer, sub: string) =>
  (await t.admin('GET', `/v1/admin/mail?sub=${sub}`)).body.mail as AdminMail[];

/**
 * An address the mail server refuses for good (550 at RCPT TO: no such mailbox) was tried like a
 * busy one, 20 times over days, and the operator could not see it had been given up: the admin view
 * showed neither `failedAt` nor the error. A temporary refusal (450) is still retried.
 */
describe.each(BACKENDS)('a recipient the SMTP server refuses (%s)', (backend) => {
  it('a permanent refusal (5xx) is given up at once and shown to the operator; a temporary one (4xx) is retried', async () => {
    const { catcher, t } = await startMailServer(cleanups, backend);
    catcher.refuseRecipient = (address, attempt) => {
      if (address === 'gone@example.com') return 550;
      if (address === 'busy@example.com' && attempt < 2) return 450;
      return undefined;
    };
    await cancel(t, { sub: 'm_gone', email: 'gone@example.com' });
    await cancel(t, { sub: 'm_busy', email: 'busy@example.com' });

    await until(async () => (await mailOf(t, 'm_gone'))[0]?.failedAt != null, 10_000, 'the refused message given up');
    await until(() => catcher.accepted.length === 1, 10_000, 'the busy mailbox taking its message');

    // One RCPT for the refused address: it was not tried again.
    expect(catcher.recipients.filter((a) => a === 'gone@example.com')).toHaveLength(1);
    const [gone] = await mailOf(t, 'm_gone');
    expect(gone).toMatchObject({ sentAt: null, attempts: 1 });
    expect(gone?.lastError).toContain('550');

    // 450, 450, then taken: three tries, one message.
    expect(catcher.recipients.filter((a) => a === 'busy@example.com')).toHaveLength(3);
    expect(catcher.accepted.map((m) => m.to)).toEqual(['busy@example.com']);
    expect(await mailOf(t, 'm_busy')).toEqual([
      expect.objectContaining({ failedAt: null, attempts: 3, lastError: null }),
    ]);

    // The operator finds the undelivered messages without knowing whose they are.
    const failed = (await t.admin('GET', '/v1/admin/mail?failed=true')).body.mail as AdminMail[];
    expect(failed.map((m) => [m.id, m.to])).toEqual([[gone?.id, 'gone@example.com']]);
  });

  it('a message refused for good after DATA (554) is given up at once; one refused for now (451) is retried', async () => {
    const { catcher, t } = await startMailServer(cleanups, backend);
    catcher.rejectCode = 554;
    catcher.reject = (index) => index === 0;
    await cancel(t, { sub: 'm_spam', email: 'spam@example.com' });
    await until(async () => (await mailOf(t, 'm_spam'))[0]?.failedAt != null, 10_000, 'the refused message given up');
    expect(catcher.rejected).toBe(1);
    expect((await mailOf(t, 'm_spam'))[0]).toMatchObject({ attempts: 1, sentAt: null });

    catcher.rejectCode = 451;
    catcher.reject = (index) => index === 1;
    await cancel(t, { sub: 'm_later', email: 'later@example.com' });
    await until(() => catcher.accepted.length === 1, 10_000, 'the retried message');
    expect(catcher.rejected).toBe(2);
    expect((await mailOf(t, 'm_later'))[0]).toMatchObject({ attempts: 2, failedAt: null });
  });
});
