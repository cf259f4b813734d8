// Builds the dashboard into dist/: index.html and content-hashed assets/*.js and *.css, with relative
// URLs (base './'), so the server can serve it under /admin/ (packages/server/src/http/admin-ui.ts).
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
    rolldownOptions: { output: { comments: false } },
  },
});
