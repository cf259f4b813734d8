/**
 * The page of the delivery specs: the widget's http adapter and outbox, bundled from source
 * (`window.cancelflowDelivery`), on pages/delivery.html, which resumes delivery on every load as the
 * loader does.
 */
import { join } from 'node:path';
import { build } from 'vite';
import type { Page } from './fixtures.ts';
import { siteToken } from './reference-server.ts';

export const repo = new URL('../../', import.meta.url).pathname;

declare global {
  interface Window {
    // biome-ignore lint/suspicious/noExplicitAny: the page's bundle, driven from the test
    cancelflowDelivery: any;
    // biome-ignore lint/suspicious/noExplicitAny: set by pages/delivery.html
    adapter: any;
    // biome-ignore lint/suspicious/noExplicitAny: set by pages/delivery.html
    delivery: any;
    // biome-ignore lint/suspicious/noExplicitAny: set by startSession below
    session: any;
  }
}

/** The widget's adapters and delivery as one IIFE (`window.cancelflowDelivery`), built like build.mjs does. */
export async function bundleLibrary(): Promise<string> {
  const widget = join(repo, 'packages/widget/src');
  const entry = `export { httpAdapter, adapterEffects } from '${widget}/adapters/index.ts';
export { resumeDelivery } from '${widget}/delivery/index.ts';`;
  const output = await build({
    root: join(repo, 'packages/widget'),
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions: ['source'] },
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === 'virtual:entry' ? '\0entry.ts' : null),
        load: (id) => (id === '\0entry.ts' ? entry : null),
      },
    ],
    build: {
      write: false,
      target: 'es2020',
      rolldownOptions: {
        input: 'virtual:entry',
        preserveEntrySignatures: 'exports-only',
        output: { format: 'iife', name: 'cancelflowDelivery' },
      },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  for (const result of results) {
    if ('output' in result) {
      for (const chunk of result.output) if (chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('the delivery bundle has no chunk');
}

export const token = () =>
  siteToken({ sub: 'cus_delivery', plan: 'pro', mrr: 49, currency: 'USD', periodEnd: '2099-12-31' });

export async function openPage(page: Page, endpoint: string, library: string): Promise<void> {
  await page.route('**/pages/delivery-lib.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: library }),
  );
  await page.goto(`/pages/delivery.html?endpoint=${encodeURIComponent(endpoint)}`);
}

export async function startSession(page: Page): Promise<string> {
  return page.evaluate(async (jwt) => {
    window.session = await window.adapter.startSession({ token: jwt, locale: {} });
    return window.session.sessionId as string;
  }, token());
}

export const originOf = (baseURL: string | undefined) => new URL(baseURL ?? 'http://127.0.0.1:4310').origin;
