import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { adminUiRoutes } from '../src/http/admin-ui.ts';
import { tempDir } from './helpers.ts';

// Serving the built dashboard: the page with its CSP, the hashed assets, nothing else from the disk.
describe('the dashboard at /admin/', () => {
  const dir = tempDir();
  mkdirSync(join(dir.path, 'assets'));
  writeFileSync(
    join(dir.path, 'index.html'),
    '<!doctype html><meta name="style-nonce" content="{{style-nonce}}"><title>dashboard</title>',
  );
  writeFileSync(join(dir.path, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir.path, 'secret.js'), 'not an asset');
  writeFileSync(join(dir.path, 'preview.html'), '<!doctype html><title>preview</title>');
  mkdirSync(join(dir.path, 'widget', 'chunks'), { recursive: true });
  writeFileSync(join(dir.path, 'widget', 'cancelflow.js'), 'loader');
  writeFileSync(join(dir.path, 'widget', 'chunks', 'offer-abc.js'), 'chunk');
  afterAll(() => dir.remove());
  const app = new Hono();
  adminUiRoutes(app, dir.path);

  it('redirects /admin to /admin/ and serves the page with a strict CSP, never framed or cached', async () => {
    const redirect = await app.request('/admin');
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/admin/');
    const page = await app.request('/admin/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    // A new style nonce per response, in the CSP and in the page (for CodeMirror's <style> elements).
    const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toHaveLength(24);
    expect(await page.text()).toContain(`content="${nonce}"`);
    const again = (await app.request('/admin/')).headers.get('content-security-policy');
    expect(again).not.toContain(nonce);
  });

  it('serves hashed assets for a year, and nothing outside assets/', async () => {
    const asset = await app.request('/admin/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const gzipped = await app.request('/admin/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe('console.log(1)');
    expect((await app.request('/admin/assets/missing.js')).status).toBe(404);
    expect((await app.request('/admin/assets/..%2fsecret.js')).status).toBe(404);
    expect((await app.request('/admin/secret.js')).status).toBe(404);
  });

  it("serves the editor's preview page framable by the dashboard only, and the widget's built files", async () => {
    const dashboardCsp = (await app.request('/admin/')).headers.get('content-security-policy') ?? '';
    expect(dashboardCsp).toContain("frame-src 'self'");
    const preview = await app.request('/admin/preview.html');
    expect(preview.status).toBe(200);
    const csp = preview.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain('connect-src blob:'); // the draft, handed over as a blob: URL; no server calls
    expect(csp).not.toContain("connect-src 'self'");
    expect(preview.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const loader = await app.request('/admin/widget/cancelflow.js');
    expect(loader.status).toBe(200);
    expect(await loader.text()).toBe('loader');
    expect((await app.request('/admin/widget/chunks/offer-abc.js')).headers.get('cache-control')).toContain(
      'immutable',
    );
    expect((await app.request('/admin/widget/secret.js')).status).toBe(404);
    expect((await app.request('/admin/widget/..%2fsecret.js')).status).toBe(404);
  });

  it('says how to build it when the dashboard is not built', async () => {
    const bare = new Hono();
    adminUiRoutes(bare, join(dir.path, 'nowhere'));
    const reply = await bare.request('/admin/');
    expect(reply.status).toBe(404);
    expect(await reply.text()).toContain('pnpm build');
  });
});
