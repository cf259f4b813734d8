// @ts-check
import { dirname, relative } from 'node:path';

/**
 * What `<link rel="modulepreload">` does for a page, for the UI's dynamic imports of the modules
 * matching `only` (Vite's library mode adds no preload helper): where a chunk imports another one
 * that has static imports of its own, the browser would fetch that chunk, parse it, and only then
 * ask for its imports — one round trip after another. This rewrites each such `import("./x.js")` to
 * start the fetches of x's imports at the same moment: `(import("./dep.js").catch(() => {}),
 * import("./x.js"))`. A dependency that fails to load makes x fail too, where the error is handled;
 * the catch only keeps the console quiet. Limited to what the first screen waits for, as each
 * rewrite costs bytes on the click path.
 * @param {RegExp} only facade module ids of the imported chunks to rewrite
 * @returns {import('vite').Plugin}
 */
export function parallelImports(only) {
  return {
    name: 'cancelflow-parallel-imports',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle)
          .filter((item) => item.type === 'chunk')
          .map((chunk) => [chunk.fileName, chunk]),
      );
      /** Every chunk `file` imports statically, transitively. */
      const closure = (/** @type {string} */ file, seen = new Set()) => {
        for (const next of chunks.get(file)?.imports ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          closure(next, seen);
        }
        return seen;
      };
      const path = (/** @type {string} */ from, /** @type {string} */ to) => {
        const rel = relative(dirname(from), to);
        return rel.startsWith('.') ? rel : `./${rel}`;
      };
      for (const chunk of chunks.values()) {
        const loaded = new Set([chunk.fileName, ...closure(chunk.fileName)]);
        for (const target of chunk.dynamicImports) {
          if (!only.test(chunks.get(target)?.facadeModuleId ?? '')) continue;
          const deps = [...closure(target)].filter((dep) => !loaded.has(dep));
          if (deps.length === 0) continue;
          const call = `import(\`${path(chunk.fileName, target)}\`)`;
          const quoted = [call, call.replaceAll('`', '"')].find((form) => chunk.code.includes(form));
          if (!quoted) throw new Error(`parallel-imports: ${chunk.fileName} has no ${call} to rewrite`);
          const early = deps.map((dep) => `import("${path(chunk.fileName, dep)}").catch(()=>{})`).join(',');
          chunk.code = chunk.code.replaceAll(quoted, `(${early},${quoted})`);
        }
      }
    },
  };
}
