import type { Receipt, Translator } from '@cancelflow/core';

/** The receipt's lines, in the subscriber's language, for the screen and the downloaded copy. */
export function receiptLines(receipt: Receipt, t: Translator): string[] {
  return [
    receipt.plan && t.t('receipt.plan', { plan: receipt.plan }),
    receipt.subscriptionId && t.t('receipt.subscription', { id: receipt.subscriptionId }),
    t.t('receipt.cancelledOn', { datetime: t.dateTime(receipt.confirmedAt, 'long') }),
    t.t('receipt.accessEndsOn', { date: t.date(receipt.effectiveOn, 'long') }),
    t.t('receipt.refund', { refund: receipt.refund }),
    t.t('receipt.reference', { id: receipt.id }),
  ].filter((line): line is string => Boolean(line));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained HTML file the subscriber can keep (the durable record §312k BGB asks for). */
export function receiptFile(receipt: Receipt, t: Translator): Blob {
  const title = escapeHtml(t.t('receipt.title'));
  const lines = receiptLines(receipt, t)
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join('');
  const html = `<!doctype html><html lang="${escapeHtml(t.locale)}" dir="${t.dir}"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><ul>${lines}</ul></html>`;
  return new Blob([html], { type: 'text/html' });
}
