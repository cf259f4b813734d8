/** @jsxImportSource #vdom */
import type { OfferType, ResolvedOffer } from '@cancelflow/core';
import { Action, Actions } from '../Actions.tsx';
import { laterStyles } from '../styles-later.ts';
import type { Ui } from '../types.ts';
import type { FunctionComponent } from '../vdom/types.ts';
import { ContactOffer } from './ContactOffer.tsx';
import { CustomOffer } from './CustomOffer.tsx';
import { DiscountOffer } from './DiscountOffer.tsx';
import { PauseOffer } from './PauseOffer.tsx';
import { PlanChangeOffer } from './PlanChangeOffer.tsx';
import { RedirectOffer } from './RedirectOffer.tsx';
import { TrialExtensionOffer } from './TrialExtensionOffer.tsx';
import type { AcceptSpec, OfferViewProps } from './types.ts';

/** One view per offer type; a new type in the schema fails the build here until it has a view. */
const OFFER_VIEWS: { [T in OfferType]: FunctionComponent<OfferViewProps<T>> } = {
  discount: DiscountOffer,
  pause: PauseOffer,
  plan_change: PlanChangeOffer,
  trial_extension: TrialExtensionOffer,
  contact: ContactOffer,
  redirect: RedirectOffer,
  custom: CustomOffer,
};

/**
 * The row under an offer: accept (or retry after a failure) and "Continue to cancel", same weight,
 * side by side — before the cancel, continuing to cancel is how an offer is declined. After the
 * cancel (the done step's win-back offer) "No thanks" dismisses the card; the engine's `exits` say which.
 */
function OfferFooter({ label, choice, viaLink, ui: { engine, t } }: AcceptSpec & { readonly ui: Ui }) {
  const state = engine.state.peek();
  const busy = state.pending === 'accept';
  const failed = state.error?.code === 'offer_failed';
  const exits = engine.exits.peek();
  return (
    <>
      {failed && (
        <p class="error" role="alert">
          {t.t('error.offer')}
        </p>
      )}
      <Actions>
        {!viaLink && (
          <Action
            // Not the second tap of a double tap on the step before (see ActionProps.onClick).
            onClick={(event) => event.detail < 2 && void engine.acceptOffer(choice)}
            disabled={busy}
            busy={busy}
          >
            {failed ? t.t('error.retry') : label}
          </Action>
        )}
        {exits.cancel && (
          <Action onClick={() => engine.continueToCancel()} disabled={busy}>
            {t.t('dialog.continueToCancel')}
          </Action>
        )}
      </Actions>
      {exits.decline && (
        <button
          type="button"
          class="link"
          onClick={() => engine.declineOffer()}
          aria-disabled={busy ? 'true' : undefined}
        >
          {t.t('offer.decline')}
        </button>
      )}
    </>
  );
}

export function OfferCard({ offer, ui }: { readonly offer: ResolvedOffer; readonly ui: Ui }) {
  laterStyles();
  const View = OFFER_VIEWS[offer.type] as FunctionComponent<OfferViewProps<OfferType>>;
  return <View offer={offer} ui={ui} footer={(accept) => <OfferFooter {...accept} ui={ui} />} />;
}
