// Builds the two browser bundles: the script-tag loader (an IIFE) and the lazily loaded UI chunk
// (an ES module, imported by the loader on intent). Both are self-contained and minified.
import { readFileSync } from 'node:fs';
import { build } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const root = new URL('.', import.meta.url).pathname;

/** @param {{ entry: string, file: string, format: 'iife' | 'es', emptyOutDir: boolean }} bundle */
function bundle({ entry, file, format, emptyOutDir }) {
  return build({
    root,
    configFile: false,
    logLevel: 'warn',
    define: { __CANCELFLOW_VERSION__: JSON.stringify(version) },
    resolve: { conditions: ['source'] },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: 'dist',
      emptyOutDir,
      minify: true,
      target: 'es2020',
      modulePreload: false,
      rolldownOptions: {
        input: entry,
        preserveEntrySignatures: 'exports-only',
        output: { format, entryFileNames: file },
      },
    },
  });
}

await bundle({ entry: 'src/loader/index.ts', file: 'cancelflow.js', format: 'iife', emptyOutDir: true });
await bundle({ entry: 'src/ui/index.tsx', file: 'cancelflow-ui.js', format: 'es', emptyOutDir: false });
