/**
 * The confirm step's built-in strings in English: the terms, the two choices, support, the cancel's
 * error. A flow may open on this step. See ../en.ts for the syntax and the tone. Other locales are typed
 * `ConfirmCatalog` (../en.ts), so a key added here fails the typecheck until every locale translates it.
 */
export const confirm = {
  // Confirm step: the terms, from the flow's policy
  'confirm.title': 'Confirm cancellation',
  'confirm.description': 'Of course. Please check the details below before you cancel.',
  'confirm.accessEndsOn': 'Your access ends on {date}.',
  'confirm.accessEndsNow': 'Your access ends now.',
  'confirm.accessEndsPeriodEnd': 'Your access lasts until the end of the current billing period.',
  'confirm.refundNone': 'No refund applies to the current period.',
  'confirm.refundAmount': 'You will be refunded {amount}.',
  'confirm.refundProrated': 'You will get a refund for the unused part of the current period.',
  'confirm.refundFullWithin':
    'You get a full refund if you cancel within {days, plural, one {# day} other {# days}} of your last payment.',
  'confirm.withdraw': 'Withdraw from the contract',
  'confirm.withdrawExplain':
    'Within {days, plural, one {# day} other {# days}} of signing up, you may withdraw from the contract and get back what you paid.',
  'confirm.withdrawEnded':
    'The withdrawal period ended on {date}, so you can no longer withdraw from the contract. Nothing has been cancelled: you can still cancel below.',
  // Must say unambiguously that it cancels (§312k BGB asks this of the German label).
  'confirm.button': 'Cancel subscription',
  'confirm.keep': 'Keep my subscription',
  'support.title': 'Questions? Contact us',
  'error.cancel': "We couldn't complete your cancellation. Please try again.",
} as const;

export default confirm;
