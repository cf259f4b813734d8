import { build } from 'vite';
import { parallelImports } from './parallel-imports.mjs';

const root = new URL('.', import.meta.url).pathname;
const out = await build({
  root,
  configFile: false,
  logLevel: 'warn',
  define: { __CANCELFLOW_VERSION__: '"0"' },
  resolve: { conditions: ['source'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [parallelImports(/\/ui\/(static-flow|server-mode)\.ts$/)],
  build: {
    write: false,
    target: 'es2022',
    cssTarget: ['chrome123'],
    lib: { entry: 'src/ui/index.tsx', formats: ['es'], fileName: () => 'cancelflow-ui.js' },
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: { minify: true, comments: false, chunkFileNames: 'chunks/[name]-[hash:6].js' },
    },
  },
});
const want = process.argv[2] ?? 'cancelflow-ui.js';
for (const c of out[0].output)
  if (c.fileName.includes(want) && c.modules) {
    const m = Object.entries(c.modules)
      .map(([k, v]) => [v.renderedLength, k.replace(/.*\/(packages|node_modules)\//, '')])
      .sort((a, b) => b[0] - a[0]);
    for (const [n, k] of m) if (n) console.log(String(n).padStart(6), k);
  }
