/** @jsxImportSource #vdom */
import { laterStyles } from '../styles-later.ts';
import type { Ui } from '../types.ts';
import { ReceiptLinks } from './ReceiptLinks.tsx';

/**
 * Above the steps that follow a confirmed cancel (under `de` the questions come after it): what the
 * subscriber did is done, and nothing below can undo or delay it. Its words are the done step's. The
 * receipt can be kept from here (§312k BGB: the declaration with its date and time, on a durable
 * medium), so a subscriber who closes the optional questions leaves with it too.
 */
export function CancelledStatus({ ui }: { readonly ui: Ui }) {
  laterStyles();
  const { receipt } = ui.engine.state.peek();
  return (
    <>
      <p class="cancelled" role="status" lang={ui.t.lang}>
        {ui.t.t('done.cancelledTitle')}
      </p>
      {receipt && <ReceiptLinks receipt={receipt} ui={ui} />}
    </>
  );
}
