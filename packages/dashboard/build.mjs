// Builds the dashboard into dist/: index.html, preview.html and content-hashed assets/*.js and *.css,
// with relative URLs (base './'), so the server can serve it under /admin/ (packages/server/src/http/
// admin-ui.ts). The flow editor's preview runs the real widget: its built files are copied to dist/widget/.
import { cpSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'vite';

const root = new URL('.', import.meta.url).pathname;

await build({
  root,
  base: './',
  configFile: false,
  logLevel: 'warn',
  resolve: { conditions: ['source'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    cssTarget: ['chrome123', 'edge123', 'firefox121', 'safari17.5'],
    // The page's CSP allows scripts from its own origin only: no inline module-preload polyfill.
    modulePreload: { polyfill: false },
    // The flow editor's chunk (CodeMirror, the validator), loaded on its own route only, is about 490 KB:
    // expected, and held to its budget by `pnpm size` (gzip) rather than warned about on every build.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: { index: join(root, 'index.html'), preview: join(root, 'preview.html') },
      output: { comments: false },
    },
  },
});

// The widget as a site loads it with a script tag (the loader, the UI and its chunks), not a copy of its code.
const widgetDist = dirname(createRequire(import.meta.url).resolve('@cancelflow/widget/cancelflow.js'));
if (!existsSync(join(widgetDist, 'cancelflow-ui.js'))) {
  throw new Error(`${widgetDist} has no built widget: build @cancelflow/widget first (pnpm build does)`);
}
for (const file of ['cancelflow.js', 'cancelflow-ui.js', 'chunks']) {
  cpSync(join(widgetDist, file), join(root, 'dist/widget', file), { recursive: true });
}
