import type { OfferChoice, OfferOfType, OfferType } from '@cancelflow/core';
import type { Ui } from '../types.ts';
import type { VNode } from '../vdom/types.ts';

/** How an offer view asks for its accept button: the label and what the subscriber chose. */
export interface AcceptSpec {
  readonly label: string;
  readonly choice?: OfferChoice;
  /** Offers whose links are the choice render no accept button: following a redirect takes it; a contact is never taken. */
  readonly viaLink?: boolean;
}

/**
 * An offer's view: a `.offer` card whose title and text come first, in `<hgroup id="cf-offer">`, which
 * describes the dialog (App's `aria-describedby`); then what to choose, then `footer`.
 */
export interface OfferViewProps<T extends OfferType> {
  readonly offer: OfferOfType<T> & { readonly id: string };
  readonly ui: Ui;
  /** Renders the accept / continue / decline row; each view calls it with its own accept spec. */
  readonly footer: (accept: AcceptSpec) => VNode;
}
