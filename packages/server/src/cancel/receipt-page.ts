import { type Receipt, receiptLines, type Translator } from '@cancelflow/core';
import { html } from 'hono/html';
import { translatorFor } from './texts.ts';

/** A printable receipt in the session's language. Every value goes through `html`, which escapes it. */
export async function receiptPage(receipt: Receipt, locale: string) {
  return render(receipt, await translatorFor(locale));
}

function render(receipt: Receipt, t: Translator) {
  const lines = receiptLines(receipt, t);
  return html`<!doctype html>
<html lang="${t.locale}" dir="${t.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t.t('receipt.title')}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.5rem}ul{padding:0;list-style:none}li{margin:.25rem 0}
</style>
</head>
<body>
<main>
<h1>${t.t('receipt.title')}</h1>
<p>${t.t(receipt.withdrawal ? 'done.withdrawnTitle' : 'done.cancelledBody')}</p>
<ul>
${lines.map((line) => html`<li>${line}</li>\n`)}
</ul>
</main>
</body>
</html>`;
}
