// Builds what ships:
// - dist/cancelflow.js: the script-tag loader, one small IIFE;
// - dist/cancelflow-ui.js + dist/chunks/*: the UI the loader imports on intent, as ES modules: the
//   entry holds what the first screen needs; catalogs, later steps, delivery, the server's session
//   and static-flow resolution are chunks loaded when needed, each with its own imports at once (parallel-imports.mjs);
// - dist/click-path.json: which files are fetched before the modal is interactive (for the size check);
// - dist/integrity.json: the loader's Subresource Integrity value (also printed);
// - dist/npm/: the npm package (@cancelflow/core left as a dependency) and its types.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'vite';
import { catalogChunks } from './catalog-chunks.ts';
import { parallelImports } from './parallel-imports.mjs';
import { STEP_PARTS } from './src/ui/step-parts.ts';

const root = new URL('.', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const shared = {
  root,
  configFile: false,
  logLevel: 'warn',
  define: { __CANCELFLOW_VERSION__: JSON.stringify(pkg.version) },
  resolve: { conditions: ['source'] },
  oxc: { jsx: { runtime: 'automatic', importSource: '#vdom' } },
};

await build({
  ...shared,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    target: 'es2022',
    rolldownOptions: { input: 'src/loader/index.ts', output: { format: 'iife', entryFileNames: 'cancelflow.js' } },
  },
});

// Library mode: unlike app mode, Vite adds no module-preload helper to dynamic imports here.
const catalogs = catalogChunks();
const [ui] = await build({
  ...shared,
  plugins: [parallelImports(/\/ui\/(static-flow|server-mode)\.ts$/), catalogs.plugin],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    // Browsers with light-dark() and :has(): CSS stays as written (no polyfills, no `all` expansion).
    cssTarget: ['chrome123', 'edge123', 'firefox121', 'safari17.5'],
    lib: { entry: 'src/ui/index.tsx', formats: ['es'], fileName: () => 'cancelflow-ui.js' },
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      // `comments: false`: these files go to browsers, not to another bundler, so the JSX transform's
      // `/* @__PURE__ */` annotations would be dead bytes on the click path (about 70 B gzip).
      output: {
        minify: true,
        comments: false,
        chunkFileNames: (chunk) => catalogs.chunkFileName(chunk) ?? 'chunks/[name]-[hash:7].js',
      },
    },
  },
});
// Chromium's explicit compile hint, added after minifying (which drops comments): the UI chunk's
// functions are compiled as it streams in (it is fetched once the page is idle), not one by one on
// the main thread during the first click. Other browsers ignore the comment.
const uiFile = new URL('./dist/cancelflow-ui.js', import.meta.url);
writeFileSync(uiFile, `//# allFunctionsCalledOnLoad\n${readFileSync(uiFile, 'utf8')}`);
writeFileSync(new URL('./dist/click-path.json', import.meta.url), `${JSON.stringify(clickPath(ui.output), null, 2)}\n`);

// Subresource Integrity of the loader, for a pinned <script integrity="…"> (docs/widget.md).
const loaderIntegrity = `sha384-${createHash('sha384')
  .update(readFileSync(new URL('./dist/cancelflow.js', import.meta.url)))
  .digest('base64')}`;
writeFileSync(
  new URL('./dist/integrity.json', import.meta.url),
  `${JSON.stringify({ version: pkg.version, 'cancelflow.js': loaderIntegrity }, null, 2)}\n`,
);
console.log(`cancelflow.js ${pkg.version} integrity: ${loaderIntegrity}`);

const external = Object.keys(pkg.dependencies ?? {});
await build({
  ...shared,
  build: {
    outDir: 'dist/npm',
    emptyOutDir: true,
    minify: false,
    target: 'es2022',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' },
    rolldownOptions: {
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { chunkFileNames: '[name]-[hash].js' },
    },
  },
});
execFileSync('tsc', ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

/**
 * Sorts the UI's chunks by when they are fetched: `critical` (the entry and its static imports, needed
 * for the first screen), `serverMode` (starting a session on the reference server, only with one),
 * `formats` (amounts and dates, which every step but the survey may show: they come with its strings),
 * `staticFlow` (resolving a flow in the browser, only without a server),
 * `catalogs` (per part of the strings — the first screen's, the confirm step's, the offers', the others — one chunk
 * per locale, only the subscriber's), `steps` (each lazily loaded step view with its imports: needed
 * before the first screen only by a flow that opens on that step) with `stepParts` (the catalog parts
 * each of those steps waits for, src/ui/step-parts.ts), and `deferred` (everything else,
 * loaded after the modal is up). `modules` gives each package's share of the critical bytes, for the size report.
 */
function clickPath(output) {
  const chunks = output.filter((item) => item.type === 'chunk');
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const closure = (start) => {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const next of byName.get(file)?.imports ?? []) visit(next);
    };
    visit(start);
    return [...seen];
  };
  const entry = chunks.find((chunk) => chunk.isEntry);
  const critical = closure(entry.fileName);
  const dynamicFrom = (test) =>
    chunks.filter((chunk) => chunk.facadeModuleId && test(chunk.facadeModuleId)).map((chunk) => chunk.fileName);
  const byFacade = (pattern) =>
    Object.fromEntries(
      chunks
        .filter((chunk) => pattern.test(chunk.facadeModuleId ?? ''))
        .map((chunk) => [chunk.facadeModuleId.match(pattern)[1], chunk.fileName]),
    );
  const catalogs = Object.fromEntries(
    ['opening', 'confirm', 'offer', 'later'].map((part) => [
      part,
      byFacade(new RegExp(`/i18n/messages/${part}/([^/]+)\\.ts$`)),
    ]),
  );
  const steps = Object.fromEntries(
    Object.entries(byFacade(/\/ui\/steps\/(\w+)Step\.tsx$/)).map(([type, file]) => [
      type.toLowerCase(),
      closure(file).filter((each) => !critical.includes(each)),
    ]),
  );
  const staticFlow = dynamicFrom((id) => id.endsWith('/ui/static-flow.ts')).flatMap(closure);
  const serverMode = dynamicFrom((id) => id.endsWith('/ui/server-mode.ts')).flatMap(closure);
  const formats = dynamicFrom((id) => id.endsWith('/ui/formats.ts')).flatMap(closure);
  const known = new Set([...critical, ...Object.values(catalogs).flatMap(Object.values), ...staticFlow, ...serverMode]);
  const modules = {};
  for (const file of critical) {
    for (const [id, info] of Object.entries(byName.get(file).modules)) {
      const owner = id.includes('node_modules')
        ? id.replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?((@[^/]+\/)?[^/]+).*/, '$2')
        : id.replace(/.*\/packages\/([^/]+)\/src\/([^/]+)\/?.*/, '@cancelflow/$1 $2');
      modules[owner] = (modules[owner] ?? 0) + info.renderedLength;
    }
  }
  return {
    critical,
    serverMode: serverMode.filter((file) => !critical.includes(file)),
    formats: formats.filter((file) => !critical.includes(file)),
    staticFlow: staticFlow.filter((file) => !critical.includes(file)),
    catalogs,
    steps,
    stepParts: STEP_PARTS,
    deferred: chunks.map((chunk) => chunk.fileName).filter((file) => !known.has(file)),
    modules,
  };
}
