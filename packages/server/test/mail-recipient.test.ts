import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.ts';
import { cancel, startMailServer } from './mail-sites.ts';
import { until } from './receiver.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * `email` claims that the mail library would not send to as written: it reads quotes, parentheses
 * and a colon as address syntax (a display name, a comment, a group), drops invisible characters, and
 * `[…]` names a host by its IP address, which the site's mail server would deliver to. Each would
 * reach a mailbox other than the one the claim spells (`mallory@example.com"x` goes to
 * `mallory@example.com`; `lena@exam\u200bple.de` to `lena@example.de`, possibly another person's).
 */
const UNSENDABLE = [
  'mallory@example.com"x',
  'mallory@example.com(x',
  'group:mallory@example.com',
  'lena@exam\u200bple.de',
  'root@[127.0.0.1]',
  'back\\slash@example.com',
];

describe.each(BACKENDS)('the email claim (%s)', (backend) => {
  it('gets mail only when it is sent to exactly the address it spells', async () => {
    const { catcher, t } = await setUp(backend);
    for (const [i, email] of UNSENDABLE.entries()) await cancel(t, { sub: `r_${i}`, email });
    // Written in the transactions that recorded the cancels, so nothing more is queued for them.
    for (const [i] of UNSENDABLE.entries()) {
      const listed = await t.admin('GET', `/v1/admin/mail?sub=r_${i}`);
      expect(listed.status).toBe(200);
      expect(listed.body.mail, UNSENDABLE[i]).toEqual([]);
    }
    // Plain addresses, international ones included, are still mailed as they are.
    await cancel(t, { sub: 'r_ok', email: 'o.brien+billing@example.com' });
    await cancel(t, { sub: 'r_idn', email: 'jürgen@bücher.example' });
    await until(() => catcher.accepted.length === 2, 10_000, 'the two confirmations');
    expect(catcher.recipients.sort()).toEqual(['jürgen@bücher.example', 'o.brien+billing@example.com']);
  });
});

const setUp = (backend: (typeof BACKENDS)[number]) => startMailServer(cleanups, backend);
