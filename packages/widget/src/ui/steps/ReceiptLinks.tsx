/** @jsxImportSource #vdom */
import type { Receipt } from '@cancelflow/core';
import { receiptFile } from '../receipt.ts';
import type { Ui } from '../types.ts';

/**
 * One file per receipt, however often it is drawn (above the questions after a cancel, then on the done
 * step). A cache rather than the useMemo hook, whose module would then become a chunk of its own on
 * the offer step's click path.
 */
const files = new WeakMap<Receipt, string>();

/** Keeping the receipt: a file to download, and the server's printable page when there is one. */
export function ReceiptLinks({ receipt, ui: { t, flow } }: { readonly receipt: Receipt; readonly ui: Ui }) {
  const download = files.get(receipt) ?? URL.createObjectURL(receiptFile(receipt, t, flow.config));
  files.set(receipt, download);
  return (
    <p class="links" lang={t.lang}>
      <a href={download} download={`receipt-${receipt.id}.html`}>
        {t.t('receipt.download')}
      </a>
      {receipt.url && (
        <a href={receipt.url} target="_blank" rel="noopener noreferrer">
          {t.t('receipt.print')}
        </a>
      )}
    </p>
  );
}
