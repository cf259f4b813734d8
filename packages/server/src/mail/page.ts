import type { Context } from 'hono';
import { html } from 'hono/html';
import type { MailTranslator } from './texts.ts';

/**
 * The small page an undo or unsubscribe link opens. A GET only shows a button: mail scanners fetch
 * links, and fetching must not act; the button POSTs the same signed token back.
 */
export function linkPage(
  c: Context,
  t: MailTranslator,
  view: { title: string; message: string; action?: { label: string; token: string } },
  status: 200 | 404 | 410 = 200,
) {
  c.header('cache-control', 'private, no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  );
  const { action } = view;
  return c.html(
    html`<!doctype html>
<html lang="${t.locale}" dir="${t.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${view.title}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.4rem}button{font:inherit;padding:.6rem 1rem;border-radius:.5rem;border:0;background:#3451b2;color:#fff}
</style>
</head>
<body>
<main>
<h1>${view.title}</h1>
<p>${view.message}</p>
${action ? html`<form method="post"><input type="hidden" name="t" value="${action.token}"><button type="submit">${action.label}</button></form>` : ''}
</main>
</body>
</html>`,
    status,
  );
}
