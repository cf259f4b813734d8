import { afterEach, describe, expect, it } from 'vitest';
import { MailCatcher } from './mail-catcher.ts';
import { cancel, startWinbackServer } from './mail-sites.ts';
import { until } from './receiver.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Line breaks and markup in the flow's own words, each a way into the headers or the HTML if not handled. */
const INJECTED = 'Still here?\r\nBcc: spy@evil.example\r\nX-Injected: 1';
const MARKUP = '<img src=x onerror=alert(1)><a href="javascript:alert(1)">back</a>';

describe('a win-back in hostile words of the flow (a published flow is valid with them)', () => {
  it('keeps line breaks out of the headers and markup out of the HTML, over real SMTP', async () => {
    const { catcher, t, clock } = await startWinbackServer(cleanups, 'sqlite', {
      steps: [{ afterDays: 7, subject: { en: INJECTED, de: INJECTED }, body: { en: MARKUP, de: MARKUP } }],
    });
    await cancel(t, { sub: 'hostile', email: 'hostile@example.com' });
    await until(() => catcher.accepted.length === 1, 10_000, 'the confirmation');
    clock.advanceDays(7);
    await until(() => catcher.accepted.length === 2, 10_000, 'the win-back');
    const mail = catcher.accepted[1];
    if (!mail) throw new Error('unreachable');
    expect(mail.subject).toBe('Still here? Bcc: spy@evil.example X-Injected: 1');
    expect(mail.headerLines.map((h) => h.key)).not.toContain('bcc');
    expect(mail.headerLines.map((h) => h.key)).not.toContain('x-injected');
    expect(MailCatcher.header(mail, 'Subject')).not.toMatch(/[\r\n]\S/);
    expect(catcher.recipients).toEqual(['hostile@example.com', 'hostile@example.com']);
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('href="javascript:');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The plain text says it as written: it is text.
    expect(mail.text).toContain(MARKUP);
  });
});
