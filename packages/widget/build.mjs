// Builds the browser bundles — the script-tag loader (an IIFE) and the lazily loaded UI chunk (an ES
// module, imported by the loader on intent), both self-contained and minified — and the npm package
// (ES modules with preact and @cancelflow/core left as dependencies, plus type declarations).

import { execFileSync } from 'node:child_process';
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

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {});
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  define: { __CANCELFLOW_VERSION__: JSON.stringify(version) },
  resolve: { conditions: ['source'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist/npm',
    emptyOutDir: true,
    minify: false,
    target: 'es2020',
    modulePreload: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' },
    rolldownOptions: {
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { chunkFileNames: '[name]-[hash].js' },
    },
  },
});
execFileSync('tsc', ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
