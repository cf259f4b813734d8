// @ts-check
// Serves this example on loopback: the account page, the built widget, and the site's own
// "/account/cancel" endpoint, which is what runs after a confirmed cancel (or when cancelflow fails open).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

const port = Number(process.env.PORT ?? process.argv[2] ?? 5173);
const here = new URL('.', import.meta.url).pathname;
const widget = join(here, '../../packages/widget/dist');

/** @type {Record<string, [string, string]>} path → [file, content type] */
const files = {
  '/': [join(here, 'index.html'), 'text/html; charset=utf-8'],
  '/site.css': [join(here, 'site.css'), 'text/css'],
  '/site.js': [join(here, 'site.js'), 'text/javascript'],
  '/cancelflow.js': [join(widget, 'cancelflow.js'), 'text/javascript'],
  '/cancelflow-ui.js': [join(widget, 'cancelflow-ui.js'), 'text/javascript'],
};

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const file = files[url.pathname];
  if (file) {
    res.writeHead(200, { 'content-type': file[1] });
    res.end(await readFile(file[0]));
  } else if (url.pathname === '/account/cancel') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><meta charset="utf-8"><title>Cancelled</title><link rel="stylesheet" href="/site.css">` +
        `<main><h1>Subscription cancelled</h1><p>The site's own cancel endpoint ran (${req.method}, via ${url.searchParams.get('via')}).</p>` +
        `<p><a href="/">Back to the account page</a></p></main>`,
    );
  } else {
    res.writeHead(404).end('not found');
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`cancelflow demo: http://127.0.0.1:${port}/  (Ctrl-C stops it)`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
