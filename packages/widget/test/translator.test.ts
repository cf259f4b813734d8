import { en } from '@cancelflow/core';
import { describe, expect, test } from 'vitest';
import { hasStrings, loadStrings, translatorFor } from '../src/ui/translator.ts';

describe('the widget translator: the first screen first, the rest when asked for', () => {
  test('starts with the frame and survey strings, and adds the confirm, offer and later parts on demand', async () => {
    const t = await translatorFor('de');
    expect(t.t('survey.title')).toBe('Warum möchten Sie kündigen?');
    // Not fetched yet: a key with no string shows as the key.
    expect(t.t('confirm.button')).toBe('confirm.button');
    expect(hasStrings(t, ['confirm'])).toBe(false);

    await loadStrings(t, ['confirm']);
    expect(hasStrings(t, ['confirm'])).toBe(true);
    expect(hasStrings(t, ['confirm', 'later'])).toBe(false);
    expect(t.t('confirm.button')).toBe('Jetzt kündigen');
    expect(t.t('offer.decline')).toBe('offer.decline');

    await loadStrings(t, ['offer']);
    expect(hasStrings(t, ['confirm', 'offer'])).toBe(true);
    expect(hasStrings(t, ['later'])).toBe(false);
    expect(t.t('offer.decline')).toBe('Nein, danke');
    expect(t.t('done.close')).toBe('done.close');
    await loadStrings(t, ['later']);
    expect(t.t('done.close')).not.toBe('done.close');
  });

  test('is one translator per language for the page, so strings fetched once stay', async () => {
    const first = await translatorFor('fr');
    await loadStrings(first, ['confirm']);
    const again = await translatorFor('fr-CA');
    expect(await translatorFor('fr')).toBe(first);
    // Another key ("fr-CA") is its own translator, formatting for its region, with its own parts to fetch.
    expect(again).not.toBe(first);
    expect(hasStrings(again, ['confirm'])).toBe(false);
  });

  test('a language without built-in strings gets English words in every part, formatted for that language', async () => {
    const t = await translatorFor('ko');
    expect(t.locale).toBe('ko');
    expect(t.t('survey.title')).toBe(en['survey.title']);
    await loadStrings(t, ['confirm', 'offer', 'later']);
    expect(t.t('confirm.button')).toBe(en['confirm.button']);
    expect(t.t('offer.decline')).toBe(en['offer.decline']);
    expect(t.t('done.close')).toBe(en['done.close']);
  });
});
