import type { FlowConfig, Receipt, ResolvedFlow, Translator } from '@cancelflow/core';
import { receiptLines } from '@cancelflow/core';
import { html } from 'hono/html';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import { translatorFor } from './texts.ts';

/**
 * A printable receipt in the session's language, with the company and plan names of the flow the
 * session ran (kept with the session, so a later edit of the flow does not rewrite a past receipt).
 * Every value goes through `html`, which escapes it.
 */
export async function receiptPage(db: Kysely<Database>, receipt: Receipt, locale: string) {
  const session = await db
    .selectFrom('sessions')
    .select('flow_json')
    .where('id', '=', receipt.sessionId)
    .executeTakeFirstOrThrow();
  const flow = JSON.parse(session.flow_json) as ResolvedFlow;
  return render(receipt, await translatorFor(locale), flow.config);
}

/**
 * In a right-to-left receipt each line is isolated (`<bdi>`): a line of the flow's own words written
 * left to right (the company "Acme Inc.", its address "1 Main Street") keeps its order, not ".Acme Inc".
 */
function render(receipt: Receipt, t: Translator, config: FlowConfig) {
  const lines = receiptLines(receipt, t, config);
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
${lines.map((line) => (t.dir === 'rtl' ? html`<li><bdi>${line}</bdi></li>\n` : html`<li>${line}</li>\n`))}
</ul>
</main>
</body>
</html>`;
}
