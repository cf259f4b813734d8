// @ts-check
// The paste-in path, end to end: the reference server (API + the widget's files) and a plain HTML
// account page on another origin, whose "server" (this file) signs a token for the logged-in user.
//   node examples/script-tag/serve.mjs [--port 5173] [--server-port 8787]
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXAMPLE_SUBSCRIBER, mintToken, startReferenceServer, stopOnSignal } from '../shared/backend.mjs';
import { listen, portInUse, portOption } from '../shared/ports.mjs';

const here = new URL('.', import.meta.url).pathname;
const { values } = parseArgs({
  options: { port: { type: 'string', default: '5173' }, 'server-port': { type: 'string', default: '8787' } },
});
const port = portOption(values.port, '--port');
const serverPort = portOption(values['server-port'], '--server-port');

const site = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/') {
    // Your server knows who is logged in and signs their billing facts into the token, per page view.
    const html = (await readFile(join(here, 'index.html'), 'utf8'))
      .replaceAll('{{ENDPOINT}}', cancelflow.url)
      .replaceAll('{{TOKEN}}', mintToken(cancelflow.secret, EXAMPLE_SUBSCRIBER));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  } else if (url.pathname === '/site.css' || url.pathname === '/site.js') {
    const type = url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript';
    res.writeHead(200, { 'content-type': type }).end(await readFile(join(here, url.pathname.slice(1))));
  } else if (url.pathname === '/account/cancel') {
    // The site's own cancel action: what a link or form does after cancelflow confirmed (or failed open).
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><meta charset="utf-8"><title>Cancelled</title><link rel="stylesheet" href="/site.css">` +
        `<main><h1>Subscription cancelled</h1><p>The site's own cancel endpoint ran (${req.method}, via ${url.searchParams.get('via')}).</p>` +
        `<p><a href="/">Back to the account page</a></p></main>`,
    );
  } else res.writeHead(404).end('not found');
});
await listen(site, port, '--port');
const address = site.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;

const cancelflow = await startReferenceServer({
  dataDir: join(here, '../../.data/examples/script-tag'),
  origin,
  port: serverPort,
}).catch(portInUse(serverPort, '--server-port'));

console.log(`Account page:  ${origin}/
cancelflow:    ${cancelflow.url}
Insights:      curl -H "Authorization: Bearer ${cancelflow.adminKey}" ${cancelflow.url}/v1/admin/insights/summary
(Ctrl-C stops it)`);
console.log(JSON.stringify({ page: `${origin}/`, server: cancelflow.url, adminKey: cancelflow.adminKey }));
stopOnSignal(async () => {
  site.close();
  site.closeAllConnections();
  await cancelflow.close();
});
