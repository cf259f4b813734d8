import { describe, expect, test } from 'vitest';
import { createTranslator, en, loadCatalog, resolveText } from '../src/index.ts';

const de = await loadCatalog('de');

describe('createTranslator', () => {
  test('knows its locale and writing direction', async () => {
    expect(createTranslator({ locale: 'de', catalog: de })).toMatchObject({ locale: 'de', dir: 'ltr' });
    expect(createTranslator({ locale: 'ar', catalog: await loadCatalog('ar') }).dir).toBe('rtl');
  });

  test('t() fills the built-in string of its catalog', () => {
    const { t } = createTranslator({ locale: 'de', catalog: de });
    expect(t('dialog.step', { current: 1 })).toBe('Schritt 1');
    expect(t('confirm.button')).toBe('Jetzt kündigen');
  });

  test('catalogLocale: English strings for a locale without built-in ones follow English rules; config texts the locale', () => {
    const ko = { locale: 'ko', catalog: en, defaultLocale: 'ko' };
    // Korean has one plural form, "other": by its rules the English string would say "1 months".
    expect(createTranslator(ko).t('pause.months', { count: 1 })).toBe('1 months');
    const t = createTranslator({ ...ko, catalogLocale: 'en' });
    expect(t.t('pause.months', { count: 1 })).toBe('1 month');
    expect(t.text(undefined, 'pause.months', { count: 1 })).toBe('1 month');
    expect(t.text({ en: 'Pause', ko: '{count}개월 일시 정지' }, undefined, { count: 1000 })).toBe(
      '1,000개월 일시 정지',
    );
    expect(t.locale).toBe('ko');
    // The built-in strings' language, for the elements that show them (the dialog says `ko`).
    expect(t.lang).toBe('en');
    expect(createTranslator(ko).lang).toBeUndefined();
    expect(createTranslator({ locale: 'de-AT', catalog: en }).lang).toBeUndefined();
  });

  test('rejects a malformed locale or an unknown time zone with a clear message', () => {
    expect(() => createTranslator({ locale: 'en', catalog: en, timeZone: 'Mars/Olympus' })).toThrow(
      /time zone "Mars\/Olympus"/,
    );
    expect(() => createTranslator({ locale: '!!', catalog: en })).toThrow(/invalid locale "!!"/);
  });
});

describe('text(): a config text in the subscriber locale', () => {
  const copy = { en: 'Too expensive', de: 'Zu teuer', 'pt-BR': 'Caro demais' };

  test('prefers the exact locale, then the language, then the flow default, then any', () => {
    const text = (locale: string, defaultLocale = 'en') =>
      createTranslator({ locale, catalog: en, defaultLocale }).text;
    expect(text('de')(copy)).toBe('Zu teuer');
    expect(text('de-AT')(copy)).toBe('Zu teuer');
    expect(text('pt')(copy)).toBe('Caro demais');
    expect(text('fr')(copy)).toBe('Too expensive');
    expect(text('fr', 'de')(copy)).toBe('Zu teuer');
    expect(text('fr', 'it')({ ja: '高すぎる' })).toBe('高すぎる');
  });

  test('shows a plain string as written', () => {
    expect(createTranslator({ locale: 'de', catalog: de }).text('Too expensive')).toBe('Too expensive');
  });

  test('falls back to the built-in string, with its parameters, when the config gives none', () => {
    const { text } = createTranslator({ locale: 'de', catalog: de });
    expect(text(undefined, 'survey.title')).toBe('Warum möchten Sie kündigen?');
    expect(text({}, 'pause.months', { count: 2 })).toBe('2 Monate');
    expect(text(undefined)).toBe('');
  });

  test('fills the same parameters into config copy', () => {
    const { text } = createTranslator({ locale: 'en', catalog: en });
    expect(text({ en: 'Take {count, plural, one {# month} other {# months}} off' }, 'pause.months', { count: 2 })).toBe(
      'Take 2 months off',
    );
  });

  test('resolveText is exported for the server and returns undefined only for an empty object', () => {
    expect(resolveText(copy, 'pt-PT', 'en')).toBe('Caro demais');
    expect(resolveText({}, 'en', 'en')).toBeUndefined();
  });
});

describe('money, percent, number and list', () => {
  test('money uses the locale and currency, and drops ".00" from whole amounts', () => {
    const deT = createTranslator({ locale: 'de', catalog: de });
    expect(deT.money(9.99, 'EUR')).toMatch(/^9,99\s€$/u);
    expect(deT.money(10, 'EUR')).toMatch(/^10\s€$/u);
    const enT = createTranslator({ locale: 'en', catalog: en });
    expect(enT.money(10, 'USD')).toBe('$10');
    expect(enT.money(1234.5, 'USD')).toBe('$1,234.50');
    for (const [locale, currency, amount] of [
      ['ja', 'JPY', 1200],
      ['ar', 'SAR', 49.5],
      ['pt-BR', 'BRL', 19.9],
      ['pl', 'PLN', 1234.56],
    ] as const) {
      const expected = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        trailingZeroDisplay: 'stripIfInteger',
      }).format(amount);
      expect(createTranslator({ locale, catalog: en }).money(amount, currency)).toBe(expected);
    }
  });

  test('percent takes whole percentages, as discount offers state them', () => {
    expect(createTranslator({ locale: 'en', catalog: en }).percent(30)).toBe('30%');
    expect(createTranslator({ locale: 'en', catalog: en }).percent(12.5)).toBe('12.5%');
    expect(createTranslator({ locale: 'de', catalog: de }).percent(30)).toBe(
      new Intl.NumberFormat('de', { style: 'percent' }).format(0.3),
    );
  });

  test('number and list follow the locale', () => {
    const enT = createTranslator({ locale: 'en', catalog: en });
    expect(enT.number(1234.5)).toBe('1,234.5');
    expect(enT.list(['email', 'chat', 'phone'])).toBe('email, chat, and phone');
    expect(enT.list(['email', 'chat'], 'disjunction')).toBe('email or chat');
    expect(createTranslator({ locale: 'de', catalog: de }).list(['A', 'B'])).toBe('A und B');
  });
});

describe('dates', () => {
  const at = (timeZone?: string) => createTranslator({ locale: 'en', catalog: en, timeZone });

  test('a calendar date is the same day in every time zone', () => {
    for (const timeZone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', undefined]) {
      expect(at(timeZone).date('2025-07-01')).toBe('July 1, 2025');
    }
  });

  test('a moment is shown in the given time zone', () => {
    expect(at('Asia/Tokyo').date('2025-06-30T20:00:00Z')).toBe('July 1, 2025');
    expect(at('UTC').date('2025-06-30T20:00:00Z')).toBe('June 30, 2025');
    expect(at('UTC').date(new Date(Date.UTC(2025, 0, 2)), 'short')).toBe('1/2/25');
  });

  test('the default time zone is the runtime one', () => {
    const moment = '2025-06-30T23:30:00Z';
    expect(at().date(moment)).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(moment)));
  });

  test('dateTime shows date, time and the time zone, for receipts', () => {
    const shown = at('Asia/Tokyo').dateTime('2025-06-30T20:05:00Z');
    expect(shown).toContain('July 1, 2025');
    expect(shown).toMatch(/5:05\sAM/u);
    expect(shown).toContain('GMT+9');
  });

  test('dates follow the locale', async () => {
    const jaT = createTranslator({ locale: 'ja', catalog: await loadCatalog('ja'), timeZone: 'UTC' });
    expect(jaT.date('2025-07-01')).toBe('2025年7月1日');
    const arT = createTranslator({ locale: 'ar', catalog: await loadCatalog('ar'), timeZone: 'UTC' });
    expect(arT.date('2025-07-01')).toBe(
      new Intl.DateTimeFormat('ar', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2025-07-01T00:00:00Z')),
    );
    const deT = createTranslator({ locale: 'de', catalog: de, timeZone: 'Europe/Berlin' });
    expect(deT.t('receipt.cancelledOn', { datetime: deT.dateTime('2025-07-01T12:03:00Z') })).toMatch(
      /^Gekündigt am 1\. Juli 2025.*14:03/u,
    );
  });

  test('an invalid date is a clear error, not "Invalid Date" on screen', () => {
    expect(() => at().date('2025-13-45')).toThrow(/"2025-13-45" is not a valid date/);
    expect(() => at().dateTime('soon')).toThrow(RangeError);
  });
});

describe('values inside right-to-left sentences', () => {
  test('are isolated so a reference or date keeps its own direction; left-to-right locales are untouched', async () => {
    const ar = createTranslator({ locale: 'ar', catalog: await loadCatalog('ar') });
    const en = createTranslator({ locale: 'en', catalog: await loadCatalog('en') });
    expect(ar.t('receipt.reference', { id: 'AB-12' })).toContain('\u2068AB-12\u2069');
    expect(en.t('receipt.reference', { id: 'AB-12' })).toBe('Reference: AB-12');
  });
});
