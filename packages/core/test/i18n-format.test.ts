import { describe, expect, test } from 'vitest';
import { createTranslator, formatMessage, loadCatalog } from '../src/index.ts';

const months = '{n, plural, =0 {no months} one {# month} other {# months}}';

describe('formatMessage', () => {
  test('fills in placeholders, formatting numbers for the locale', () => {
    expect(formatMessage('Step {current} of {total}', { current: 2, total: 4 })).toBe('Step 2 of 4');
    expect(formatMessage('{n} items', { n: 1234.5 }, 'de')).toBe(`${new Intl.NumberFormat('de').format(1234.5)} items`);
    expect(formatMessage('Hi { name }!', { name: 'Ada' })).toBe('Hi Ada!');
  });

  test('picks an exact form before the plural category, and "#" is the formatted number', () => {
    expect(formatMessage(months, { n: 0 })).toBe('no months');
    expect(formatMessage(months, { n: 1 })).toBe('1 month');
    expect(formatMessage(months, { n: 2 })).toBe('2 months');
    expect(formatMessage(months, { n: 1000 })).toBe('1,000 months');
  });

  test('selects every CLDR category a locale has', () => {
    const all = '{n, plural, zero {Z#} one {O#} two {T#} few {F#} many {M#} other {X#}}';
    const nf = new Intl.NumberFormat('ar');
    const expected = { 0: 'Z', 1: 'O', 2: 'T', 3: 'F', 11: 'M', 100: 'X' } as const;
    for (const [n, letter] of Object.entries(expected)) {
      expect(formatMessage(all, { n: Number(n) }, 'ar')).toBe(`${letter}${nf.format(Number(n))}`);
    }
  });

  test('falls back to "other" when the category has no form', () => {
    expect(formatMessage('{n, plural, other {# x}}', { n: 1 }, 'en')).toBe('1 x');
  });

  test('formats placeholders and plurals nested inside a form, "#" meaning the innermost count', () => {
    const message =
      '{a, plural, one {# file in {dir}} other {# files in {b, plural, one {# folder} other {# folders}}}}';
    expect(formatMessage(message, { a: 1, dir: 'docs' })).toBe('1 file in docs');
    expect(formatMessage(message, { a: 3, b: 2 })).toBe('3 files in 2 folders');
  });

  test('keeps commas inside forms', () => {
    expect(formatMessage('{n, plural, one {one, only} other {#, many}}', { n: 5 })).toBe('5, many');
  });

  test('leaves what it cannot resolve visible instead of throwing', () => {
    expect(formatMessage('Ends on {date}.', {})).toBe('Ends on {date}.');
    expect(formatMessage(months, {})).toBe(months);
    expect(formatMessage(months, { n: 'three' })).toBe(months);
    expect(formatMessage('{n, select, a {A} other {B}}', { n: 1 })).toBe('{n, select, a {A} other {B}}');
    expect(formatMessage('{n, plural, one {x}}', { n: 5 })).toBe('{n, plural, one {x}}');
    expect(formatMessage('broken {name', { name: 'x' })).toBe('broken {name');
  });

  test('a name that is not one of the parameters, even one every object inherits, is left as written', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(formatMessage(`Hi {${name}}!`, { name: 'Ada' })).toBe(`Hi {${name}}!`);
      expect(formatMessage(`{${name}, plural, other {# x}}`, {})).toBe(`{${name}, plural, other {# x}}`);
    }
  });

  test('treats "#" outside plurals and apostrophes as plain text', () => {
    expect(formatMessage("#1 choice, l'offre de {name}", { name: 'Ada' })).toBe("#1 choice, l'offre de Ada");
    expect(formatMessage('No braces at all')).toBe('No braces at all');
  });
});

describe('plural forms in the catalogs', () => {
  async function translate(locale: string) {
    return createTranslator({ locale, catalog: await loadCatalog(locale) });
  }

  test('Polish: 1, 2, 5, 22 and 1.5 months', async () => {
    const { t } = await translate('pl');
    expect([1, 2, 5, 22, 1.5].map((count) => t('pause.months', { count }))).toEqual([
      '1 miesiąc',
      '2 miesiące',
      '5 miesięcy',
      '22 miesiące',
      `${new Intl.NumberFormat('pl').format(1.5)} miesiąca`,
    ]);
    expect([1, 4, 12].map((days) => t('trial.days', { days }))).toEqual([
      '1 dodatkowy dzień',
      '4 dodatkowe dni',
      '12 dodatkowych dni',
    ]);
  });

  test('Arabic: 0, 1, 2, 3, 11 and 100 months, with the case each sentence needs', async () => {
    const { t } = await translate('ar');
    const n = (value: number) => new Intl.NumberFormat('ar').format(value);
    expect([0, 1, 2, 3, 11, 100].map((count) => t('pause.months', { count }))).toEqual([
      `${n(0)} شهر`,
      'شهر واحد',
      'شهران',
      `${n(3)} أشهر`,
      `${n(11)} شهرًا`,
      `${n(100)} شهر`,
    ]);
    // After "لمدة" the dual is genitive. Inserted text is isolated (FSI … PDI) in right-to-left locales.
    expect(t('discount.titlePercent', { percent: 'P', months: 2 })).toBe('خصم \u2068P\u2069 لمدة شهرين');
  });

  test('Japanese has one form', async () => {
    const { t } = await translate('ja');
    expect([1, 2].map((count) => t('pause.weeks', { count }))).toEqual(['1週間', '2週間']);
  });

  test('French counts 0 and 1 as singular, and uses "de" with millions', async () => {
    const { t } = await translate('fr');
    expect([0, 1, 2].map((days) => t('trial.days', { days }))).toEqual([
      '0 jour de plus',
      '1 jour de plus',
      '2 jours de plus',
    ]);
    const million = new Intl.PluralRules('fr').select(1_000_000);
    expect(t('trial.days', { days: 1_000_000 })).toBe(
      `${new Intl.NumberFormat('fr').format(1_000_000)} ${million === 'many' ? 'de jours' : 'jours'} de plus`,
    );
  });

  test('English and German singular and plural', async () => {
    expect((await translate('en')).t('pause.weeks', { count: 1 })).toBe('1 week');
    expect((await translate('en')).t('pause.weeks', { count: 2 })).toBe('2 weeks');
    expect((await translate('de')).t('confirm.refundFullWithin', { days: 1 })).toContain('innerhalb von 1 Tag nach');
    expect((await translate('de')).t('confirm.refundFullWithin', { days: 14 })).toContain('innerhalb von 14 Tagen');
  });
});
