import { describe, expect, test } from 'vitest';
import deLater from '../src/i18n/messages/later/de.ts';
import arOpening from '../src/i18n/messages/opening/ar.ts';
import ptBROpening from '../src/i18n/messages/opening/pt-BR.ts';
import { BUILT_IN_LOCALES, createTranslator, en, loadCatalog, negotiateLocale } from '../src/index.ts';

describe('loadCatalog', () => {
  test.each(BUILT_IN_LOCALES)(
    'loads %s, negotiated from browser languages, into a working translator',
    async (locale) => {
      const chosen = negotiateLocale(BUILT_IN_LOCALES, { browser: ['xx-YY', locale] }, 'en');
      expect(chosen).toBe(locale);
      const catalog = await loadCatalog(chosen);
      const t = createTranslator({ locale: chosen, catalog });
      expect(t.t('dialog.continueToCancel')).toBe(catalog['dialog.continueToCancel']);
      expect(t.dir).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    },
  );

  test('gives each locale its own whole catalog, the same object to every caller, en equal to the exported one', async () => {
    const loaded = await Promise.all(BUILT_IN_LOCALES.map((locale) => loadCatalog(locale)));
    expect(new Set(loaded).size).toBe(BUILT_IN_LOCALES.length);
    expect(new Set(loaded.map((catalog) => catalog['survey.title'])).size).toBe(BUILT_IN_LOCALES.length);
    expect(await loadCatalog('en')).toEqual(en);
    expect(await loadCatalog('de')).toBe(await loadCatalog('de'));
    for (const catalog of loaded) expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
  });

  test("loads each part alone: the first screen's strings, the confirm step's, the offers', the others", async () => {
    const [opening, confirm, offer, later] = await Promise.all([
      loadCatalog('de', 'opening'),
      loadCatalog('de', 'confirm'),
      loadCatalog('de', 'offer'),
      loadCatalog('de', 'later'),
    ]);
    expect(later).toBe(deLater);
    expect(Object.keys(opening).every((key) => /^(dialog|survey)\./.test(key))).toBe(true);
    expect(Object.keys(confirm).every((key) => /^(confirm\.|support\.|error\.cancel$)/.test(key))).toBe(true);
    expect(
      Object.keys(offer).every((key) =>
        /^(offer|discount|pause|planChange|trial|contact|redirect|custom)\.|^error\.(offer|retry)$/.test(key),
      ),
    ).toBe(true);
    expect(Object.keys(later).every((key) => /^(feedback|done|receipt|busy)\./.test(key))).toBe(true);
    expect({ ...opening, ...confirm, ...offer, ...later }).toEqual(await loadCatalog('de'));
  });

  test('matches regional and differently cased tags by language', async () => {
    expect(await loadCatalog('de-AT')).toBe(await loadCatalog('de'));
    expect(await loadCatalog('pt', 'opening')).toBe(ptBROpening);
    expect(await loadCatalog('PT-br', 'opening')).toBe(ptBROpening);
    expect(await loadCatalog('ar-EG', 'opening')).toBe(arOpening);
  });

  test('rejects a locale without built-in strings, naming the ones there are', async () => {
    await expect(loadCatalog('ko')).rejects.toThrow(/no built-in UI strings for locale "ko".*en, de, fr/);
    await expect(loadCatalog('')).rejects.toThrow(RangeError);
  });
});

describe('bundled with Vite, as the widget is', () => {
  test('each catalog part is its own chunk and none is in the chunk that calls loadCatalog', async () => {
    const { build } = await import('vite');
    const result = await build({
      root: new URL('..', import.meta.url).pathname,
      configFile: false,
      logLevel: 'silent',
      resolve: { conditions: ['source'] },
      build: {
        write: false,
        minify: true,
        modulePreload: false,
        rolldownOptions: { input: 'src/i18n/load.ts', preserveEntrySignatures: 'exports-only' },
      },
    });
    const output = (Array.isArray(result) ? result[0] : result) as { output: { type: string; code?: string }[] };
    const chunks = output.output.filter(
      (item): item is { type: 'chunk'; code: string; isEntry: boolean } => item.type === 'chunk',
    );
    const entry = chunks.filter((chunk) => chunk.isEntry);
    expect(entry).toHaveLength(1);
    const lazy = chunks.filter((chunk) => !chunk.isEntry);
    expect(lazy).toHaveLength(4 * BUILT_IN_LOCALES.length);

    const catalogs = await Promise.all(BUILT_IN_LOCALES.map((locale) => loadCatalog(locale)));
    for (const catalog of catalogs) {
      for (const marker of [
        catalog['survey.title'],
        catalog['confirm.title'],
        catalog['offer.title'],
        catalog['feedback.title'],
      ]) {
        expect(entry[0]?.code).not.toContain(marker);
        expect(
          lazy.filter((chunk) => chunk.code.includes(marker)),
          marker,
        ).toHaveLength(1);
      }
      const [opening] = lazy.filter((chunk) => chunk.code.includes(catalog['survey.title']));
      expect(opening?.code).not.toContain(catalog['confirm.title']);
      expect(opening?.code).not.toContain(catalog['offer.title']);
      const [offer] = lazy.filter((chunk) => chunk.code.includes(catalog['offer.title']));
      expect(offer?.code).not.toContain(catalog['feedback.title']);
    }
  }, 30_000);
});
