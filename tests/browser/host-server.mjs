// @ts-check
// A plain host site for browser tests, over real HTTP on loopback: it serves test pages, the built
// widget bundles, and an "account cancelled" endpoint that echoes how it was reached, so a test can
// see that a trigger's own action (navigation, form submission with its submitter) happened.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const port = Number(process.argv[2] ?? 4310);
const here = new URL('.', import.meta.url).pathname;
const widgetDist = join(here, '../../packages/widget/dist');
/** @type {Record<string, string>} */
/** Pages served with extra response headers. */
const pageHeaders = {
  'csp.html': {
    'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'",
  },
  // Trusted Types enforced, and no policy may be created: any string reaching a script, HTML or URL sink
  // (innerHTML, script.src, eval) throws. No blob: or data: for anything either.
  'trusted-types.html': {
    'content-security-policy':
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'",
  },
  'csp-connect.html': {
    'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'",
  },
};

/** @type {Record<string, string>} */
const types = {
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * @param {import('node:http').ServerResponse} res @param {string} dir @param {string} name
 * @param {Record<string, string>} [headers]
 */
async function serveFile(res, dir, name, headers = {}) {
  const path = normalize(join(dir, name));
  if (!path.startsWith(dir)) return notFound(res);
  try {
    const body = await readFile(path);
    res.writeHead(200, {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(body);
  } catch {
    notFound(res);
  }
}

/** @param {import('node:http').ServerResponse} res */
function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  if (url.pathname === '/health') {
    res.end('ok');
  } else if (url.pathname.startsWith('/pages/')) {
    const name = url.pathname.slice('/pages/'.length);
    // `?cacheable`: sent as a site's account page may be, so that the back/forward cache keeps it
    // (`no-store`, the default here, keeps a page out of it). Rather than a test's route: a page
    // fulfilled by Playwright has no address, and Chromium then refuses its requests to loopback.
    /** @type {Record<string, string>} */
    const cacheable = url.searchParams.has('cacheable') ? { 'cache-control': 'private, max-age=60' } : {};
    await serveFile(res, join(here, 'pages'), name, {
      ...pageHeaders[/** @type {keyof typeof pageHeaders} */ (name)],
      ...cacheable,
    });
  } else if (/^\/(cancelflow(-ui)?\.js|chunks\/[\w.-]+\.js)$/.test(url.pathname)) {
    await serveFile(res, widgetDist, url.pathname.slice(1));
  } else if (url.pathname.startsWith('/api-500/')) {
    // A cancelflow server that is down: every request fails, as when its database is unreachable.
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'internal', message: 'the database is unreachable' } }));
  } else if (url.pathname.startsWith('/api-404/')) {
    // A cancelflow server asked for a path it does not have, as the reference server answers it.
    res.writeHead(404, { 'content-type': 'application/json' });
    const path = url.pathname.slice('/api-404'.length);
    res.end(JSON.stringify({ error: { code: 'not_found', message: `no route ${req.method} ${path}` } }));
  } else if (url.pathname.startsWith('/api-hang/')) {
    // A cancelflow server that takes the request and never answers (a hung session start). The
    // response stays open until the browser gives up on it.
    req.resume();
  } else if (url.pathname === '/account/cancelled') {
    const body = req.method === 'POST' ? Object.fromEntries(new URLSearchParams(await readBody(req))) : {};
    const echo = { method: req.method, query: Object.fromEntries(url.searchParams), body };
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Cancelled</title><pre id="echo">${JSON.stringify(echo)}</pre>`);
  } else {
    notFound(res);
  }
}).listen(port, '127.0.0.1');
