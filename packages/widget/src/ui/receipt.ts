import { type FlowConfig, type Receipt, receiptLines, type Translator } from '@cancelflow/core';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained HTML file the subscriber can keep (the durable record §312k BGB asks for). */
export function receiptFile(receipt: Receipt, t: Translator, config: FlowConfig): Blob {
  const title = escapeHtml(t.t('receipt.title'));
  const lines = receiptLines(receipt, t, config)
    .map((line) => `<li><bdi>${escapeHtml(line)}</bdi></li>`)
    .join('');
  const html = `<!doctype html><html lang="${escapeHtml(t.locale)}" dir="${t.dir}"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><ul>${lines}</ul></html>`;
  return new Blob([html], { type: 'text/html' });
}
