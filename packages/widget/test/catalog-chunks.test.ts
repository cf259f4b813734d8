import { BUILT_IN_LOCALES } from '@cancelflow/core';
import { describe, expect, test } from 'vitest';
import { catalogChunks } from '../catalog-chunks.ts';

const PARTS = ['confirm', 'later', 'offer', 'opening'];

/** The build's hooks, called as Vite calls them, with a context that records the emitted chunks. */
function build() {
  const { plugin, chunkFileName } = catalogChunks();
  const call = (hook: unknown, self: unknown, ...args: unknown[]) =>
    (hook as (...a: unknown[]) => unknown).apply(self, args);
  const emitted: string[] = [];
  call(plugin.buildStart, { emitFile: (file: { id: string }) => emitted.push(file.id) });
  const replaced = call(plugin.resolveId, {}, './catalog-parts.ts', '/repo/packages/core/src/i18n/load.ts') as string;
  const code = call(plugin.load, {}, replaced) as string;
  return { plugin, call, chunkFileName, emitted, replaced, code };
}

describe("the widget build's catalog chunks", () => {
  test("emits every locale's every part, and core's import list is replaced by a name built from a pattern", () => {
    const { emitted, replaced, code, chunkFileName } = build();
    expect(emitted).toHaveLength(PARTS.length * BUILT_IN_LOCALES.length);
    expect(replaced).toMatch(/^\0/);
    // The replacement module's import, run: every path it asks for is a file the build names so.
    const importCatalogPart = new Function(
      'load',
      `${code.replace('export const', 'const').replace('import(', 'load(')}; return importCatalogPart;`,
    )((path: string) => path) as (part: string, locale: string) => string;
    for (const id of emitted) {
      const [, part = '', locale = ''] = id.match(/\/messages\/(\w+)\/([\w-]+)\.ts$/) ?? [];
      expect(importCatalogPart(part, locale)).toBe(`./${chunkFileName({ facadeModuleId: id })}`);
    }
    expect(chunkFileName({ facadeModuleId: '/repo/packages/widget/src/ui/steps/OfferStep.tsx' })).toBeUndefined();
  });

  test('replaces only the import in core’s load.ts', () => {
    const { plugin, call } = build();
    expect(call(plugin.resolveId, {}, './catalog-parts.ts', '/repo/packages/widget/src/ui/other.ts')).toBeUndefined();
    expect(call(plugin.resolveId, {}, './other.ts', '/repo/packages/core/src/i18n/load.ts')).toBeUndefined();
  });

  test('refuses a build where the import did not land in the entry, next to chunks/', () => {
    const { plugin, call, replaced } = build();
    const chunk = (fileName: string, isEntry: boolean) => ({
      type: 'chunk',
      fileName,
      isEntry,
      modules: { [replaced]: {} },
    });
    expect(() => call(plugin.generateBundle, {}, {}, { a: chunk('cancelflow-ui.js', true) })).not.toThrow();
    expect(() => call(plugin.generateBundle, {}, {}, { a: chunk('chunks/i18n-x.js', false) })).toThrow(
      /landed in chunks\/i18n-x\.js, not in the entry/,
    );
  });
});
