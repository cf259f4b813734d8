import { BUILT_IN_LOCALES, type FlowConfigInput, resolveFlow, withFlowDefaults } from '@cancelflow/core';
import { describe, expect, it } from 'vitest';
import { composeMail } from '../src/mail/compose.ts';
import en from '../src/mail/messages/en.ts';
import { mailCatalog } from '../src/mail/texts.ts';
import { mainFlow } from './fixtures/flows.ts';

const claims = { sub: 'cus_1', plan: 'pro' };
const flow = resolveFlow({
  config: withFlowDefaults(mainFlow as FlowConfigInput),
  subscriber: claims,
  now: new Date(),
});

describe('mail content', () => {
  it('every locale has every mail string, with the same placeholders as English', async () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    for (const locale of BUILT_IN_LOCALES) {
      const catalog = await mailCatalog(locale);
      for (const [key, text] of Object.entries(en)) {
        const translated = catalog[key as keyof typeof en];
        expect(translated, `${locale} ${key}`).toBeTruthy();
        expect(placeholders(translated), `${locale} ${key}`).toEqual(placeholders(text));
      }
    }
  });

  it('writes right-to-left locales right to left, with the receipt lines in that language', async () => {
    const receipt = {
      id: 'rcp_1',
      sessionId: 'ses_1',
      confirmedAt: '2027-03-01T10:00:00.000Z',
      effectiveOn: '2027-03-31',
      refund: 'لا استرداد',
      url: 'https://cancel.example/v1/receipts/rcp_1',
    };
    const mail = await composeMail({
      kind: 'cancellation',
      payload: { receipt },
      locale: 'ar',
      flow,
      claims,
      at: new Date('2027-03-01T10:00:00Z'),
      links: { unsubscribe: 'https://cancel.example/v1/mail/unsubscribe?t=x' },
      templates: undefined,
    });
    expect(mail.subject).toBe('تم تأكيد إلغاء اشتراكك');
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.text).toContain('rcp_1');
    expect(mail.text).not.toContain('/v1/mail/undo'); // no undo link given: none shown
  });

  it('keeps a left-to-right line of the flow in its order in a right-to-left mail: "Acme Inc.", not ".Acme Inc"', async () => {
    const company = { name: 'Acme Inc.', address: '1 Main Street, Springfield' };
    const named = resolveFlow({
      config: withFlowDefaults({ ...mainFlow, policy: { ...mainFlow.policy, company } } as FlowConfigInput),
      subscriber: claims,
      now: new Date(),
    });
    const compose = (locale: string) =>
      composeMail({
        kind: 'cancellation',
        payload: { receipt: { id: 'rcp_3', sessionId: 'ses_3', confirmedAt: '2027-03-01T10:00:00.000Z', refund: 'x' } },
        locale,
        flow: named,
        claims,
        at: new Date('2027-03-01T10:00:00Z'),
        links: { unsubscribe: 'https://cancel.example/v1/mail/unsubscribe?t=x' },
        templates: { 'cancellation.ar.subject': '{{company}}' },
      });
    const arabic = await compose('ar');
    // Each line a first-strong isolate (U+2068 … U+2069), in the HTML and the text part alike.
    expect(arabic.html).toContain('<li style="margin:4px 0">\u2068Acme Inc.\u2069</li>');
    expect(arabic.html).toContain('<li style="margin:4px 0">\u20681 Main Street, Springfield\u2069</li>');
    expect(arabic.text).toContain('- \u2068Acme Inc.\u2069\n- \u20681 Main Street, Springfield\u2069\n- \u2068');
    expect(arabic.subject).toBe('\u2068Acme Inc.\u2069'); // {{company}} in a site's template too
    const lines = arabic.text.split('\n\n')[1]?.split('\n') ?? [];
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/^- \u2068.*\u2069$/);
    // Left to right, nothing to isolate.
    expect((await compose('en')).text).not.toMatch(/[\u2066-\u2069]/);
  });

  it("uses the site's template for a locale without built-in strings, in that language", async () => {
    const compose = (locale: string) =>
      composeMail({
        kind: 'cancellation',
        payload: {
          receipt: { id: 'rcp_2', sessionId: 'ses_2', confirmedAt: '2027-03-01T10:00:00.000Z', refund: 'Yok' },
        },
        locale,
        flow,
        claims,
        at: new Date('2027-03-01T10:00:00Z'),
        links: { unsubscribe: 'https://cancel.example/v1/mail/unsubscribe?t=x' },
        templates: {
          'cancellation.tr.subject': 'İptaliniz onaylandı',
          'cancellation.tr.html': '<html lang="{{lang}}" dir="{{dir}}"><p>İptal edildi</p></html>',
          'cancellation.he.html': '<html lang="{{lang}}" dir="{{dir}}"><p>בוטל</p></html>',
          'cancellation.ku.subject': 'Betalkirin hate pejirandin',
        },
      });
    const turkish = await compose('tr-TR');
    expect(turkish.subject).toBe('İptaliniz onaylandı');
    expect(turkish.html).toBe('<html lang="tr" dir="ltr"><p>İptal edildi</p></html>');
    expect(turkish.text).toContain('rcp_2'); // no text part of the site's: the built-in one
    const hebrew = await compose('he');
    expect(hebrew.html).toBe('<html lang="he" dir="rtl"><p>בוטל</p></html>');
    expect(hebrew.subject).toBe('Your cancellation is confirmed'); // no subject of the site's: the built-in one
    // A subject of the site's alone: the built-in body stays English, and its lang says so.
    const kurdish = await compose('ku');
    expect(kurdish.subject).toBe('Betalkirin hate pejirandin');
    expect(kurdish.html).toContain('<html lang="en" dir="ltr">');
    const swahili = await compose('sw');
    expect(swahili.html).toContain('<html lang="en" dir="ltr">');
  });
});
