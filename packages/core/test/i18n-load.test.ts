import { describe, expect, test } from 'vitest';
import ar from '../src/i18n/messages/ar.ts';
import de from '../src/i18n/messages/de.ts';
import ptBR from '../src/i18n/messages/pt-BR.ts';
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

  test('gives each locale its own catalog, and en the statically exported one', async () => {
    const loaded = await Promise.all(BUILT_IN_LOCALES.map((locale) => loadCatalog(locale)));
    expect(new Set(loaded).size).toBe(BUILT_IN_LOCALES.length);
    expect(await loadCatalog('en')).toBe(en);
    expect(await loadCatalog('de')).toBe(de);
    expect(await loadCatalog('ar')).toBe(ar);
  });

  test('matches regional and differently cased tags by language', async () => {
    expect(await loadCatalog('de-AT')).toBe(de);
    expect(await loadCatalog('pt')).toBe(ptBR);
    expect(await loadCatalog('PT-br')).toBe(ptBR);
  });

  test('rejects a locale without built-in strings, naming the ones there are', async () => {
    await expect(loadCatalog('ko')).rejects.toThrow(/no built-in UI strings for locale "ko".*en, de, fr/);
    await expect(loadCatalog('')).rejects.toThrow(RangeError);
  });
});

describe('bundled with Vite, as the widget is', () => {
  test('each catalog is its own chunk and none is in the chunk that calls loadCatalog', async () => {
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
    expect(lazy).toHaveLength(BUILT_IN_LOCALES.length);

    const catalogs = await Promise.all(BUILT_IN_LOCALES.map((locale) => loadCatalog(locale)));
    for (const catalog of catalogs) {
      const marker = catalog['dialog.continueToCancel'];
      expect(entry[0]?.code).not.toContain(marker);
      expect(
        lazy.filter((chunk) => chunk.code.includes(marker)),
        marker,
      ).toHaveLength(1);
    }
  }, 30_000);
});
