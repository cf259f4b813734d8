/** @jsxImportSource #vdom */
import { changeLines, receiptLines, type StepOfType } from '@cancelflow/core';
import { Action, Actions } from '../Actions.tsx';
import { Heading } from '../Heading.tsx';
import { OfferCard } from '../offers/OfferCard.tsx';
import { laterStyles } from '../styles-later.ts';
import type { StepProps } from '../types.ts';
import { ReceiptLinks } from './ReceiptLinks.tsx';

/**
 * The end: the receipt after a cancel (download, print), or a thank-you after a save. The step's own
 * title and description word the receipt of a cancel (docs/config.md): after a save they would say the
 * opposite of what happened, and a withdrawal, a legal act of its own, keeps the heading that names it.
 */
export function DoneStep({ step, ui }: StepProps<StepOfType<'done'>>) {
  laterStyles();
  const { engine, t, flow, subscriber, now } = ui;
  const state = engine.state.peek();
  const offer = engine.offer.peek();
  const receipt = state.status === 'cancelled' ? state.receipt : undefined;
  const accepted = state.status === 'saved' ? state.acceptedOffer : undefined;
  const saved = accepted && flow.offers[accepted.offerId];
  // After a save, say what changed ("Your subscription is paused until …"), from billing's answer.
  const change = saved ? changeLines(t, saved, accepted, subscriber, now()).join(' ') : '';
  const own = receipt && !receipt.withdrawal ? step : undefined;
  return (
    <>
      <Heading
        title={t.text(
          own?.title,
          receipt?.withdrawal ? 'done.withdrawnTitle' : receipt ? 'done.cancelledTitle' : 'done.savedTitle',
        )}
        description={t.text(own?.description) || change || t.t(receipt ? 'done.cancelledBody' : 'done.savedBody')}
      />
      {receipt && (
        <section class="receipt" aria-labelledby="cf-receipt" lang={t.lang}>
          <h3 id="cf-receipt">{t.t('receipt.title')}</h3>
          <ul>
            {/* Each line isolated: in a right-to-left dialog, "Acme Inc." would read ".Acme Inc". */}
            {receiptLines(receipt, t, ui.flow.config).map((line) => (
              <li key={line}>
                <bdi>{line}</bdi>
              </li>
            ))}
          </ul>
          <ReceiptLinks receipt={receipt} ui={ui} />
        </section>
      )}
      {offer && <OfferCard offer={offer} ui={ui} />}
      <Actions>
        <Action onClick={() => engine.close()}>{t.t('done.close')}</Action>
      </Actions>
    </>
  );
}
