import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { BUILT_IN_LOCALES } from '../core/src/i18n/locales.ts';

const MESSAGES = new URL('../core/src/i18n/messages/', import.meta.url).pathname;
const VIRTUAL = '\0cancelflow-catalog-parts';
const CATALOG = /\/i18n\/messages\/(\w+)\/([\w-]+)\.ts$/;

/**
 * The built-in strings as one chunk per locale and part, named `chunks/<locale>-<part>-<version>.js`,
 * and core's `importCatalogPart` (core/src/i18n/catalog-parts.ts) replaced by one line that builds
 * that name. Core's own version lists 44 imports, each with its chunk's content hash, and hashes do
 * not compress: that list cost every click path about 0.5 KB gzip. `version` is a hash of every
 * catalog's source, so a changed string still gets new names (the chunks are cached as immutable).
 */
export function catalogChunks(): {
  plugin: Plugin;
  chunkFileName: (chunk: { facadeModuleId: string | null }) => string | undefined;
} {
  const parts = readdirSync(MESSAGES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const files = parts.flatMap((part) => BUILT_IN_LOCALES.map((locale) => join(MESSAGES, part, `${locale}.ts`)));
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length) throw new Error(`catalog-chunks: no catalog at ${missing.join(', ')}`);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.slice(MESSAGES.length)).update('\0').update(readFileSync(file));
  const version = hash.digest('hex').slice(0, 8);
  return {
    plugin: {
      name: 'cancelflow-catalog-chunks',
      enforce: 'pre',
      buildStart() {
        for (const id of files) this.emitFile({ type: 'chunk', id, preserveSignature: 'strict' });
      },
      resolveId(source, importer) {
        if (source === './catalog-parts.ts' && importer?.endsWith('/core/src/i18n/load.ts')) return VIRTUAL;
      },
      load(id) {
        // The directory in a variable: Vite leaves an import whose path does not start with a literal
        // './' as it is, rather than turning it into a glob. The path is relative to the module this
        // lands in, which generateBundle checks is the entry, next to `chunks/`.
        if (id === VIRTUAL) {
          return `const dir = './chunks/';\nexport const importCatalogPart = (part, locale) => import(/* @vite-ignore */ \`\${dir}\${locale}-\${part}-${version}.js\`);\n`;
        }
      },
      generateBundle(_options, bundle) {
        const home = Object.values(bundle).find((item) => item.type === 'chunk' && VIRTUAL in item.modules);
        if (home && (home.type !== 'chunk' || !home.isEntry || home.fileName.includes('/'))) {
          throw new Error(`catalog-chunks: the catalogs' import landed in ${home.fileName}, not in the entry`);
        }
      },
    },
    chunkFileName(chunk) {
      const [, part, locale] = chunk.facadeModuleId?.match(CATALOG) ?? [];
      return part && locale ? `chunks/${locale}-${part}-${version}.js` : undefined;
    },
  };
}
