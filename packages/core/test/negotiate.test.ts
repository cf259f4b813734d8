import { describe, expect, test } from 'vitest';
import { matchLocale, negotiateLocale } from '../src/index.ts';

const available = ['en', 'de', 'fr', 'pt-BR', 'ar'];

describe('negotiateLocale', () => {
  test('follows the priority explicit > token > page > browser > default', () => {
    const all = { explicit: 'fr', token: 'de', page: 'ar', browser: ['pt-BR'] };
    expect(negotiateLocale(available, all, 'en')).toBe('fr');
    expect(negotiateLocale(available, { ...all, explicit: undefined }, 'en')).toBe('de');
    expect(negotiateLocale(available, { ...all, explicit: undefined, token: undefined }, 'en')).toBe('ar');
    expect(negotiateLocale(available, { browser: ['xx', 'pt-BR'] }, 'en')).toBe('pt-BR');
    expect(negotiateLocale(available, {}, 'en')).toBe('en');
  });

  test('skips preferences it cannot serve and malformed tags', () => {
    expect(negotiateLocale(available, { explicit: 'ja', token: '!!', page: 'de-AT' }, 'en')).toBe('de');
  });

  test('matches by language when the region differs', () => {
    expect(matchLocale('pt-PT', available)).toBe('pt-BR');
    expect(matchLocale('PT', available)).toBe('pt-BR');
    expect(matchLocale('de-CH', available)).toBe('de');
    expect(matchLocale('sv', available)).toBeUndefined();
  });
});
