// @ts-check
// Runs an npm-package example: Vite's dev server for the app, the reference server next to it, and
// the one endpoint a site's backend must add, `GET /api/cancelflow`, answering `{ endpoint, token }`
// for the logged-in user (see examples/site-backend for a real login).
import { join } from 'node:path';
import { createServer } from 'vite';
import { EXAMPLE_SUBSCRIBER, mintToken, startReferenceServer } from './backend.mjs';
import { portInUse } from './ports.mjs';

const repo = new URL('../../', import.meta.url).pathname;

/**
 * @param {{ root: string, name: string, port: number, serverPort: number, plugins?: import('vite').PluginOption[] }} options
 */
export async function startViteExample(options) {
  /** @type {Awaited<ReturnType<typeof startReferenceServer>> | undefined} */
  let cancelflow;
  const vite = await createServer({
    root: options.root,
    configFile: false,
    logLevel: 'warn',
    server: { port: options.port, strictPort: true, host: '127.0.0.1' },
    // Resolves `@cancelflow/widget` to the built package, as `pnpm add @cancelflow/widget` would.
    resolve: { alias: { '@cancelflow/widget': join(repo, 'packages/widget/dist/npm/index.js') } },
    plugins: [
      ...(options.plugins ?? []),
      {
        name: 'site-backend',
        configureServer(server) {
          server.middlewares.use('/api/cancelflow', (_req, res) => {
            if (!cancelflow) return void res.writeHead(503).end();
            res.setHeader('content-type', 'application/json');
            res.end(
              JSON.stringify({ endpoint: cancelflow.url, token: mintToken(cancelflow.secret, EXAMPLE_SUBSCRIBER) }),
            );
          });
        },
      },
    ],
  });
  await vite.listen().catch(portInUse(options.port, '--port'));
  const origin = new URL(vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${options.port}/`).origin;
  cancelflow = await startReferenceServer({
    dataDir: join(repo, `.data/examples/${options.name}`),
    origin,
    port: options.serverPort,
  }).catch(portInUse(options.serverPort, '--server-port'));
  const started = cancelflow;
  return {
    page: `${origin}/`,
    server: started.url,
    adminKey: started.adminKey,
    close: async () => {
      await vite.close();
      await started.close();
    },
  };
}
