/**
 * The built-in UI strings in English, whole: the first screen's (opening/en.ts), the confirm step's
 * (confirm/en.ts), the offers' (offer/en.ts) and the others (later/en.ts); those four are the source of
 * every message key. Every locale has the four parts, each its own module, so the widget fetches a screen's strings when that
 * screen comes: the first screen's on the click, the others once it is up (see ../load.ts).
 *
 * Syntax (see ../format.ts): `{name}` inserts a parameter (numbers are formatted for the locale);
 * `{name, plural, =0 {…} one {…} other {…}}` picks a form with `Intl.PluralRules`, and `#` in a
 * form is the number. Parameters named `price`, `amount` and `percent` arrive already formatted
 * (translator.money / translator.percent); `date` and `datetime` arrive formatted too.
 *
 * Tone: plain and respectful. No guilt, no urgency; cancelling is always a normal choice.
 */
import { confirm } from './confirm/en.ts';
import { later } from './later/en.ts';
import { offer } from './offer/en.ts';
import { opening } from './opening/en.ts';

export const en = { ...opening, ...confirm, ...offer, ...later };

export type MessageKey = keyof typeof en;

/** One locale's built-in UI strings: every key, no more. */
export type Catalog = Readonly<Record<MessageKey, string>>;

/** One locale's strings of each part: every key, no more. */
export type OpeningCatalog = Readonly<Record<keyof typeof opening, string>>;
export type ConfirmCatalog = Readonly<Record<keyof typeof confirm, string>>;
export type OfferCatalog = Readonly<Record<keyof typeof offer, string>>;
export type LaterCatalog = Readonly<Record<keyof typeof later, string>>;

/** A catalog's parts, each its own module per locale (see ../load.ts). */
export interface CatalogParts {
  readonly opening: OpeningCatalog;
  readonly confirm: ConfirmCatalog;
  readonly offer: OfferCatalog;
  readonly later: LaterCatalog;
}

export default en satisfies Catalog;
